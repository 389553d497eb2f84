// TNT013 header-injection: request data is written into a response header (CWE-113), found by the data-flow engine.
#include "rules/taint/taint_rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "TNT013",
    .name = "header-injection",
    .title = "Request data is written into a response header",
    .severity = Severity::Medium,
    .confidence = Confidence::High,
    .cwe = 113,
    .owasp = "A03:2021-Injection",
    .area = Area::InputValidation,
    .flags = "response.headers[...] = value, headers.add/set/setdefault/extend and Django response[...] = value with request data that still may hold line breaks.",
    .why = "CR/LF in a header value splits the response: injected headers (cookies, redirects) or a forged body in proxies and caches.",
    .example = "resp.headers[\"X-User\"] = request.args[\"user\"]",
    .fix = "Remove line breaks (value.replace(\"\\r\", \"\").replace(\"\\n\", \"\")) or encode the value (urllib.parse.quote) before writing a header.",
    .effort = "15 min",
    .references = {"https://cwe.mitre.org/data/definitions/113.html", "docs/dataflow.md"},
    .bandit = "",
    .ruff = "",
};

class HeaderInjection final : public TaintRule {
 public:
  HeaderInjection() : TaintRule(kMeta, dataflow::Header, "lets the attacker add headers or split the response") {}
};

}  // namespace
AEGIS_REGISTER_RULE(HeaderInjection);
}  // namespace aegis::rules
