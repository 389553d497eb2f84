// CFG001 flask-debug-enabled (Bandit B201): a Flask app run with debug=True, which serves
// the Werkzeug debugger (a Python console in the browser). Judged by where it runs:
// unconditional, only under `if __name__ == "__main__":`, or behind an environment check.
#include "python/ast_visit.h"
#include "rules/rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "CFG001",
    .name = "flask-debug-enabled",
    .title = "Flask application run with debug=True",
    .severity = Severity::High,
    .confidence = Confidence::High,
    .cwe = 489,
    .owasp = "A05:2021-Security Misconfiguration",
    .area = Area::Configuration,
    .flags = "`run(debug=True)` on a `flask.Flask` instance (resolved through `app = Flask(...)` "
             "and factories that return one). Unconditional: high. Only under "
             "`if __name__ == \"__main__\":` (the development entry point): medium. Under an "
             "environment check (`if os.getenv(\"FLASK_ENV\") == \"development\":`): low. "
             "`debug=` computed from the environment (`debug=os.getenv(\"FLASK_DEBUG\") == \"1\"`) "
             "is not flagged.",
    .why = "Debug mode serves the Werkzeug debugger: any exception page becomes an interactive "
           "Python console (guarded only by a PIN derived from machine facts), i.e. remote code "
           "execution, and tracebacks leak source and configuration.",
    .example = "if __name__ == \"__main__\":\n    app.run(debug=True)",
    .fix = "Never hard-code debug: `app.run(debug=os.environ.get(\"FLASK_DEBUG\") == \"1\")` for "
           "local work, and serve production through a WSGI server (gunicorn, waitress) that "
           "never enables the debugger.",
    .effort = "5 min",
    .references = {"https://flask.palletsprojects.com/en/latest/debugging/",
                   "https://werkzeug.palletsprojects.com/en/latest/debug/",
                   "https://cwe.mitre.org/data/definitions/489.html"},
    .bandit = "B201",
    .ruff = "S201",
};

const sem::QualifiedNameSet kRun{"flask.Flask.run", "flask.app.Flask.run"};

// True when `e` mentions the process environment (os.environ, os.getenv, ...).
bool reads_environment(const py::Expr* e, const RuleContext& ctx, int depth = 0) {
  bool found = false;
  std::vector<py::Node*> stack{const_cast<py::Expr*>(e)};
  while (!stack.empty() && !found) {
    py::Node* n = stack.back();
    stack.pop_back();
    if (const auto* x = as<py::Expr>(n)) {
      if (x->kind == py::NodeKind::Attribute || x->kind == py::NodeKind::Name) {
        std::string name = ctx.model().qualified_name(x);
        if (name.rfind("os.environ", 0) == 0 || name == "os.getenv" || name.rfind("environ", 0) == 0) found = true;
        // env = os.environ.get("FLASK_ENV", ...); if env == "development": -- one step through a name.
        if (const auto* var = as<py::Name>(x); var && e != x && depth < 2) {
          sem::BindingId b = ctx.model().binding_of(var);
          if (b != sem::kNone && ctx.model().binding(b).value && reads_environment(ctx.model().binding(b).value, ctx, depth + 1))
            found = true;
        }
      }
    }
    py::for_each_child(n, [&](py::Node* child) { stack.push_back(child); });
  }
  return found;
}

bool is_main_guard(const py::Expr* test, const RuleContext& ctx) {
  const auto* cmp = as<py::Compare>(test);
  if (!cmp || cmp->ops.size() != 1 || cmp->ops[0] != py::CmpOperator::Eq) return false;
  const auto* name = as<py::Name>(cmp->left);
  auto value = string_constant(ctx, cmp->comparators[0]);
  return name && name->id == "__name__" && value && *value == "__main__";
}

class FlaskDebug final : public Rule {
 public:
  FlaskDebug() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }
  const sem::QualifiedNameSet* call_filter() const override { return &kRun; }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    const py::Keyword* debug = keyword(call, "debug");
    if (!debug || !is_true_constant(ctx, debug->value)) return;
    // Walk up the enclosing ifs: an environment check makes it dev-only; a __main__ guard
    // makes it the development entry point.
    bool main_guard = false, env_guard = false;
    for (const py::Node* n = ctx.model().parent(&node); n; n = ctx.model().parent(n)) {
      if (const auto* branch = as<py::If>(n)) {
        if (is_main_guard(branch->test, ctx)) main_guard = true;
        if (reads_environment(branch->test, ctx)) env_guard = true;
      }
    }
    std::string app = as<py::Attribute>(call.func)
                          ? std::string(ctx.source(*static_cast<const py::Attribute*>(call.func)->value))
                          : "app";
    if (env_guard) {
      Finding& f = ctx.report(call, app + ".run(debug=True) behind an environment check: the "
                                          "debugger is on wherever that variable is set");
      f.severity = Severity::Low;
      return;
    }
    if (main_guard) {
      Finding& f = ctx.report(call, app + ".run(debug=True) in the __main__ entry point: running "
                                          "the module directly serves the Werkzeug debugger");
      f.severity = Severity::Medium;
      return;
    }
    ctx.report(call, app + ".run(debug=True) runs unconditionally: the Werkzeug debugger (a "
                           "remote Python console) is on");
  }
};

AEGIS_REGISTER_RULE(FlaskDebug);

}  // namespace
}  // namespace aegis::rules
