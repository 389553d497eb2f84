// FIL004 insecure-temp-file-name (Bandit B306, B325): functions that return a temporary file
// *name* without creating the file, leaving a window for someone else to create it first.
#include "rules/rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "FIL004",
    .name = "insecure-temp-file-name",
    .title = "temporary file name chosen without creating the file (mktemp)",
    .severity = Severity::Medium,
    .confidence = Confidence::High,
    .cwe = 377,
    .owasp = "A01:2021-Broken Access Control",
    .area = Area::DataProtection,
    .flags = "Calls of `tempfile.mktemp()` and of Python 2's `os.tempnam()` / `os.tmpnam()`, "
             "resolved through imports and aliases. A local function or method that happens to "
             "be called `mktemp` is not flagged.",
    .why = "These functions only pick a name that did not exist a moment ago. Between that moment "
           "and the open, another local user (or process) can create the file or plant a "
           "symbolic link under that name in the shared temporary directory, and the program "
           "then writes to a file the attacker controls or overwrites one the link points to. "
           "`tempfile.mktemp` has been deprecated since Python 2.3 for this reason.",
    .example = "path = tempfile.mktemp(suffix=\".csv\")\nwith open(path, \"w\") as out:\n    ...",
    .fix = "Let tempfile create the file atomically: `fd, path = tempfile.mkstemp(suffix=\".csv\")`, "
           "or `with tempfile.NamedTemporaryFile(\"w\", suffix=\".csv\", delete=False) as out:`; "
           "for a directory use `tempfile.mkdtemp()` / `TemporaryDirectory()`.",
    .effort = "15 min",
    .references = {"https://docs.python.org/3/library/tempfile.html#tempfile.mktemp",
                   "https://cwe.mitre.org/data/definitions/377.html"},
    .bandit = "B306, B325",
    .ruff = "S306",
};

const sem::QualifiedNameSet kNameOnly{"tempfile.mktemp", "os.tempnam", "os.tmpnam"};

class InsecureTempName final : public Rule {
 public:
  InsecureTempName() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }
  const sem::QualifiedNameSet* call_filter() const override { return &kNameOnly; }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    const std::string& function = ctx.call_name(call);
    if (function == "tempfile.mktemp") {
      ctx.report(call, "tempfile.mktemp() returns a name, not a file: another user can create or "
                       "symlink it before it is opened; use tempfile.mkstemp() or "
                       "NamedTemporaryFile()");
      return;
    }
    ctx.report(call, function + "() (Python 2) returns a name, not a file: another user can create "
                                "or symlink it before it is opened; use tempfile.mkstemp()");
  }
};

AEGIS_REGISTER_RULE(InsecureTempName);

}  // namespace
}  // namespace aegis::rules
