// Shared wording of the hard-coded credential rules.
#pragma once
#include "rules/secrets/secret_names.h"

namespace aegis::rules::secrets {

// Reports `value` bound to `name` at `node` when the value is a real secret or a default
// credential; silent for labels, placeholders and empty values. `where` says how it is
// bound ("assigned to", "passed as", "the default of").
inline void report_secret(RuleContext& ctx, const py::Node& node, std::string_view name,
                          std::string_view value, std::string_view where) {
  // Test code logs in with made-up credentials by design: not a finding.
  if (ctx.in_test() || !is_secret_name(name)) return;
  Value verdict = judge_value(name, value);
  if (verdict == Value::NotSecret || verdict == Value::Placeholder) return;
  std::string what = verdict == Value::DefaultCredential ? "the default credential " : "the literal ";
  std::string message = std::string(where) + " `" + std::string(name) + "` is " + what +
                        (verdict == Value::DefaultCredential ? "\"" + std::string(value) + "\"" : mask(value));
  std::string upper;
  for (char c : name) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (upper == "SECRET_KEY" || upper == "JWT_SECRET_KEY" || upper == "JWT_SECRET") {
    message += ": it signs sessions/tokens, so anyone with the code can forge them";
  }
  message += "; read it from the environment or a secret store";
  ctx.report(node, message);
}

}  // namespace aegis::rules::secrets
