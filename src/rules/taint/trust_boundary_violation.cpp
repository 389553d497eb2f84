// TNT011 trust-boundary-violation: request data is stored in the session (CWE-501), found by the data-flow engine.
#include "rules/taint/taint_rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "TNT011",
    .name = "trust-boundary-violation",
    .title = "Request data is stored in the session",
    .severity = Severity::Medium,
    .confidence = Confidence::High,
    .cwe = 501,
    .owasp = "A04:2021-Insecure Design",
    .area = Area::Authentication,
    .flags = "Values from the request written into flask.session or Django's request.session without validation.",
    .why = "Code later reads the session as trusted (it is signed by the server); unvalidated client data stored there crosses that trust boundary and is believed later.",
    .example = "session[\"role\"] = request.form[\"role\"]",
    .fix = "Validate before storing: store only values the server chose or checked against an allow-list.",
    .effort = "15 min",
    .references = {"https://cwe.mitre.org/data/definitions/501.html", "docs/dataflow.md"},
    .bandit = "",
    .ruff = "",
};

class TrustBoundaryViolation final : public TaintRule {
 public:
  TrustBoundaryViolation() : TaintRule(kMeta, dataflow::Trust, "mixes untrusted data into state the application trusts") {}
};

}  // namespace
AEGIS_REGISTER_RULE(TrustBoundaryViolation);
}  // namespace aegis::rules
