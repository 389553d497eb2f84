// TNT014 log-injection: request data is written to a log unneutralised (CWE-117), found by the data-flow engine.
#include "rules/taint/taint_rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "TNT014",
    .name = "log-injection",
    .title = "Request data is written to a log unneutralised",
    .severity = Severity::Low,
    .confidence = Confidence::Medium,
    .cwe = 117,
    .owasp = "A09:2021-Security Logging and Monitoring Failures",
    .area = Area::Logging,
    .flags = "logging calls and logger methods given request data that still may hold line breaks.",
    .why = "Line breaks in logged data forge log entries: fake audit records, hidden attacks, and log viewers fooled by control characters.",
    .example = "logger.info(\"login failed for %s\", request.form[\"user\"])",
    .fix = "Neutralise line breaks before logging (value.replace(\"\\n\", \"\\\\n\").replace(\"\\r\", \"\\\\r\")), or log with a structured (JSON) formatter that escapes values.",
    .effort = "15 min",
    .references = {"https://cwe.mitre.org/data/definitions/117.html", "docs/dataflow.md"},
    .bandit = "",
    .ruff = "",
};

class LogInjection final : public TaintRule {
 public:
  LogInjection() : TaintRule(kMeta, dataflow::Log, "lets the attacker forge log entries") {}
};

}  // namespace
AEGIS_REGISTER_RULE(LogInjection);
}  // namespace aegis::rules
