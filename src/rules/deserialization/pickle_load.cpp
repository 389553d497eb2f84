// DSR002 pickle-load (Bandit B301): unpickling, which runs code chosen by whoever wrote
// the bytes. Dumping is fine; loading is the danger.
#include "rules/rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "DSR002",
    .name = "pickle-load",
    .title = "data deserialised with pickle",
    .severity = Severity::Medium,
    .confidence = Confidence::High,
    .cwe = 502,
    .owasp = "A08:2021-Software and Data Integrity Failures",
    .area = Area::InputValidation,
    .flags = "Loading with `pickle`/`_pickle`/`cPickle`/`dill`/`shelve`/`jsonpickle` "
             "(`load`, `loads`, `Unpickler`, `shelve.open`, `jsonpickle.decode`) and "
             "`pandas.read_pickle`, through imports and aliases. Dumping is not flagged.",
    .why = "Unpickling calls whatever callables the byte stream names (`os.system` through "
           "`__reduce__`): pickles from a request, a cache, a queue or a file an attacker can "
           "write are remote code execution. There is no safe way to unpickle untrusted data.",
    .example = "session = pickle.loads(base64.b64decode(request.cookies[\"state\"]))",
    .fix = "Exchange data as JSON (or another data-only format) and validate it; if pickles must "
           "cross a trust boundary, sign them (HMAC) and verify before loading.",
    .effort = "2 h",
    .references = {"https://docs.python.org/3/library/pickle.html",
                   "https://cwe.mitre.org/data/definitions/502.html"},
    .bandit = "B301",
    .ruff = "S301",
};

const sem::QualifiedNameSet kLoads{
    "pickle.load",   "pickle.loads",   "pickle.Unpickler",   "_pickle.load", "_pickle.loads",
    "_pickle.Unpickler", "cPickle.load", "cPickle.loads", "cPickle.Unpickler", "dill.load",
    "dill.loads",    "dill.Unpickler", "shelve.open",       "shelve.DbfilenameShelf",
    "jsonpickle.decode", "jsonpickle.unpickler.decode", "pandas.read_pickle"};

class PickleLoad final : public Rule {
 public:
  PickleLoad() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }
  const sem::QualifiedNameSet* call_filter() const override { return &kLoads; }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    const std::string& function = ctx.call_name(call);
    const py::Expr* source = call.args.empty() ? nullptr : call.args[0];
    std::string what = source ? " `" + std::string(ctx.source(*source)).substr(0, 40) + "`" : "";
    ctx.report(call, function + "()" + (what.empty() ? "" : " on" + what) +
                         " runs code named by the data; load only what you wrote and signed, "
                         "or use JSON");
  }
};

AEGIS_REGISTER_RULE(PickleLoad);

}  // namespace
}  // namespace aegis::rules
