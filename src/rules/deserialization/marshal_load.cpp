// DSR003 marshal-load (Bandit B302): reading marshal data, a format the documentation says
// is not secure against erroneous or maliciously constructed data.
#include "rules/rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "DSR003",
    .name = "marshal-load",
    .title = "data deserialised with marshal",
    .severity = Severity::Medium,
    .confidence = Confidence::High,
    .cwe = 502,
    .owasp = "A08:2021-Software and Data Integrity Failures",
    .area = Area::InputValidation,
    .flags = "`marshal.load()` and `marshal.loads()`, resolved through imports and aliases. "
             "Loading a bytes literal written in the code is not flagged; `marshal.dump`/`dumps` "
             "are not flagged.",
    .why = "marshal is CPython's internal format for code objects: it is not secure against "
           "crafted input (crashes and memory corruption have been reported), it can carry code "
           "objects that the application may later run, and the format changes between Python "
           "versions. Data from a request, a cache or a shared file an attacker can write must "
           "not reach it.",
    .example = "state = marshal.loads(redis.get(key))",
    .fix = "Exchange data as JSON (or another data-only format) and validate it; if the bytes "
           "must cross a trust boundary, sign them (HMAC) and verify before loading.",
    .effort = "1 h",
    .references = {"https://docs.python.org/3/library/marshal.html",
                   "https://cwe.mitre.org/data/definitions/502.html"},
    .bandit = "B302",
    .ruff = "S302",
};

const sem::QualifiedNameSet kLoads{"marshal.load", "marshal.loads"};

class MarshalLoad final : public Rule {
 public:
  MarshalLoad() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }
  const sem::QualifiedNameSet* call_filter() const override { return &kLoads; }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    const std::string& function = ctx.call_name(call);
    const py::Expr* source = argument(call, function == "marshal.loads" ? "bytes" : "file", 0);
    // Bytes the code itself carries were written by the developer, not an attacker.
    if (auto value = constant(ctx, source); value && value->kind == py::ConstantKind::Bytes) return;
    std::string what;
    if (source) {
      what = std::string(ctx.source(*source));
      if (what.size() > 40) what = what.substr(0, 37) + "...";
      what = " on `" + what + "`";
    }
    ctx.report(call, function + "()" + what +
                         " reads a format that is unsafe on untrusted data; load only bytes you "
                         "wrote and signed, or use JSON");
  }
};

AEGIS_REGISTER_RULE(MarshalLoad);

}  // namespace
}  // namespace aegis::rules
