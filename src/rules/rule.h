// The rule engine's contract. A rule is one file under src/rules/<family>/: its metadata
// (RuleMeta) beside its check, registered with AEGIS_REGISTER_RULE. The engine walks each
// module's AST once and hands every node to the rules that asked for its kind; rules ask
// the semantic index what names mean instead of matching text.
//
//   class ShellTrue final : public Rule {
//    public:
//     ShellTrue() : Rule(kMeta) {}
//     std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }
//     void visit(const py::Node& node, RuleContext& ctx) const override { ... ctx.report(...) }
//   };
//   AEGIS_REGISTER_RULE(ShellTrue);
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "python/ast.h"
#include "semantic/semantic_model.h"

namespace aegis::rules {

// Everything the docs, `aegis rules --explain`, SARIF help and the report say about a rule.
struct RuleMeta {
  std::string_view id;      // stable short code: family prefix + number ("INJ002")
  std::string_view name;    // kebab-case ("subprocess-shell-true")
  std::string_view title;   // one line ("subprocess call with shell=True")
  Severity severity = Severity::Medium;
  Confidence confidence = Confidence::Medium;
  int cwe = 0;
  std::string_view owasp;   // OWASP Top 10 2021: "A03:2021-Injection"
  Area area = Area::InputValidation;
  std::string_view flags;   // what it flags
  std::string_view why;     // why it matters
  std::string_view example; // code it flags
  std::string_view fix;     // how to fix it, with the fixed code
  std::string_view effort;  // remediation effort: "5 min", "1 h"
  std::vector<std::string_view> references;  // URLs or document names
  std::string_view bandit;  // the Bandit id(s) it corresponds to ("B602"; "B313, B314"), if any
  std::string_view ruff;    // the Ruff code(s) ("S602"), if any
  // Not run unless a selector names it (its id, name, family, alias or ALL): notices that
  // are noise in a default review (an import of subprocess is not a defect).
  bool opt_in = false;
};

class RuleContext;
struct ProjectContext;
struct PythonProject;

class Rule {
 public:
  explicit Rule(const RuleMeta& meta) : meta_(meta) {}
  virtual ~Rule() = default;
  const RuleMeta& meta() const { return meta_; }

  // The node kinds visit() is called for, in source order.
  virtual std::vector<py::NodeKind> node_kinds() const { return {}; }
  // For rules about calls of particular functions: the qualified names they care about.
  // When set, visit() sees only the Call nodes that resolve to one of them (the engine
  // resolves each call once and looks the name up once for all rules), which keeps a
  // hundred call rules as cheap as one. Null: every node of node_kinds().
  virtual const sem::QualifiedNameSet* call_filter() const { return nullptr; }
  // Words at least one of which the source text must contain for the rule to be able to
  // report anything in a file: fragments of identifiers every finding needs ("TLSv1" for
  // the protocol constants, a keyword argument's name). The checker skips the rule (visit
  // and check_file) in a file that contains none; a file with a non-ASCII character whose
  // NFKC form holds an ASCII letter, digit or underscore (a fullwidth letter) always runs it,
  // since a non-ASCII identifier is NFKC-normalised and may spell the word with
  // other bytes. Empty: every file.
  virtual std::vector<std::string_view> text_triggers() const { return {}; }
  virtual void visit(const py::Node& node, RuleContext& ctx) const {
    (void)node;
    (void)ctx;
  }
  // Called once per module after the walk (for rules about the file as a whole:
  // raw text, comments, or facts gathered across nodes).
  virtual void check_file(RuleContext& ctx) const { (void)ctx; }
  // Called once per scan, after every file (for rules about the project as a whole:
  // dependency manifests against imports and advisories).
  virtual void check_project(ProjectContext& ctx) const { (void)ctx; }
  // Called once per scan with every analysed module's tree and semantic index (for
  // analyses across modules: data flow, framework models). Rules that override it must
  // also return true from wants_python_project(), so the engine keeps the trees.
  virtual void check_python_project(PythonProject& project) const { (void)project; }
  virtual bool wants_python_project() const { return false; }
  // A project rule about web applications (the framework models): run only when some module
  // imports a web framework or a library those models read (PythonProject::uses_frameworks).
  virtual bool about_applications() const { return false; }

 private:
  const RuleMeta& meta_;
};

// What a rule sees of the file being checked.
struct FileUnit {
  std::string_view path;       // as displayed (root joined with the relative path)
  std::string_view text;       // decoded UTF-8 source
  const py::Module* module = nullptr;
  const sem::SemanticModel* model = nullptr;
  bool in_test = false;        // test code: tests/, test_*.py, conftest.py, ...
  // Where each line of `text` starts (line_starts below), when the scan has indexed them
  // once for every stage that reads lines; built on first use otherwise.
  const std::vector<std::size_t>* line_starts = nullptr;
};

// The offset of the first byte of every physical line of `text`, as the parser counts them
// (\n, \r\n and a lone \r each end a line): line N (1-based) starts at out[N - 1].
void line_starts(std::string_view text, std::vector<std::size_t>& out);
// `known` when the caller has the line starts of `text` already (FileUnit::line_starts), else
// `own`, filled by line_starts on first use.
const std::vector<std::size_t>& line_starts(std::string_view text, const std::vector<std::size_t>* known,
                                            std::vector<std::size_t>& own);

class RuleContext {
 public:
  RuleContext(const FileUnit& file, std::vector<Finding>& out);

  const sem::SemanticModel& model() const { return *file_.model; }
  const py::Module& module() const { return *file_.module; }
  std::string_view path() const { return file_.path; }
  std::string_view text() const { return file_.text; }
  bool in_test() const { return file_.in_test; }
  // The text of physical line `lineno` (1-based), without its line ending.
  std::string_view line(int lineno) const;
  // The source text a node spans.
  std::string_view source(const py::Node& node) const;

  // What a call resolves to ("subprocess.run"), computed once per call however many rules
  // ask, by reference (valid for the whole file): prefer these to
  // model().call_qualified_name / call_matches in rules.
  const std::string& call_name(const py::Call& call) const { return file_.model->qualified_name_ref(&call); }
  bool call_matches(const py::Call& call, const sem::QualifiedNameSet& names) const {
    return names.contains(call_name(call));
  }

  // Reports a finding of the current rule at `node`, with the rule's default severity and
  // confidence; the returned finding may be adjusted (severity, confidence, end position).
  Finding& report(const py::Node& node, std::string message);
  // Reports at explicit CPython positions (1-based lines, 0-based UTF-8 byte columns).
  Finding& report_at(int lineno, int col_offset, int end_lineno, int end_col_offset,
                     std::string message);

  // Set by the engine before each rule runs.
  void set_rule(const Rule* rule) { rule_ = rule; }

 private:
  // The file's line starts: the scan's (FileUnit::line_starts), or built here on first use.
  const std::vector<std::size_t>& lines() const;
  const FileUnit& file_;
  std::vector<Finding>& out_;
  const Rule* rule_ = nullptr;
  mutable std::vector<std::size_t> own_line_starts_;
};

// --- The registry: every rule, sorted by id.
class Registry {
 public:
  static Registry& instance();
  void add(std::unique_ptr<Rule> rule);
  const std::vector<const Rule*>& rules() const;
  // By id, name, Bandit id or Ruff code (case-insensitive for ids); null when unknown.
  const Rule* find(std::string_view key) const;

 private:
  std::vector<std::unique_ptr<Rule>> owned_;
  mutable std::vector<const Rule*> sorted_;
  mutable bool dirty_ = true;
};

struct Registrar {
  explicit Registrar(std::unique_ptr<Rule> rule) { Registry::instance().add(std::move(rule)); }
};

#define AEGIS_REGISTER_RULE(Class) \
  static const ::aegis::rules::Registrar aegis_registrar_##Class(std::make_unique<Class>())

// Whether a selector (as in --select/--ignore and config) names the rule: its id, name,
// Bandit id, Ruff code, a family prefix of ids ("INJ"), or "ALL".
bool selector_matches(const Rule& rule, std::string_view selector);
// Whether a selector names at least one rule.
bool selector_known(std::string_view selector);

// --- Helpers for checks.
template <typename T>
const T* as(const py::Node* node) {
  return node && T::classof(node) ? static_cast<const T*>(node) : nullptr;
}
// The keyword argument `name` of a call, or null.
const py::Keyword* keyword(const py::Call& call, std::string_view name);
// The value of keyword `name`, or positional argument `position` (0-based) when given
// and present; null when the call passes neither.
const py::Expr* argument(const py::Call& call, std::string_view name, int position = -1);
// True when the call passes **kwargs or *args, so absent keywords prove nothing.
bool has_splat(const py::Call& call);
// The constant value of an expression (literal or a name bound once to a literal).
std::optional<py::ConstantValue> constant(const RuleContext& ctx, const py::Expr* expr);
bool is_true_constant(const RuleContext& ctx, const py::Expr* expr);
bool is_false_constant(const RuleContext& ctx, const py::Expr* expr);
bool is_none_constant(const RuleContext& ctx, const py::Expr* expr);
// The string value when `expr` is a str constant (directly or through a name).
std::optional<std::string_view> string_constant(const RuleContext& ctx, const py::Expr* expr);

}  // namespace aegis::rules
