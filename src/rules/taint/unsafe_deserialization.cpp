// TNT007 unsafe-deserialization: request data is deserialised with pickle, yaml.load or a similar loader (CWE-502), found by the data-flow engine.
#include "rules/taint/taint_rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "TNT007",
    .name = "unsafe-deserialization",
    .title = "Request data is deserialised with pickle, yaml.load or a similar loader",
    .severity = Severity::Critical,
    .confidence = Confidence::High,
    .cwe = 502,
    .owasp = "A08:2021-Software and Data Integrity Failures",
    .area = Area::InputValidation,
    .flags = "pickle/dill/marshal/shelve/jsonpickle loading, yaml.load without SafeLoader, and pandas.read_pickle of data an attacker controls.",
    .why = "These formats rebuild arbitrary objects: loading attacker data runs code during deserialisation.",
    .example = "data = base64.b64decode(request.cookies[\"state\"])\nstate = pickle.loads(data)",
    .fix = "Use a data-only format: json.loads(), yaml.safe_load(); sign data that must round-trip (itsdangerous) and verify before loading.",
    .effort = "2 h",
    .references = {"https://cwe.mitre.org/data/definitions/502.html", "docs/dataflow.md"},
    .bandit = "",
    .ruff = "",
};

class UnsafeDeserialization final : public TaintRule {
 public:
  UnsafeDeserialization() : TaintRule(kMeta, dataflow::Deserialization, "lets the attacker run code during deserialisation") {}
};

}  // namespace
AEGIS_REGISTER_RULE(UnsafeDeserialization);
}  // namespace aegis::rules
