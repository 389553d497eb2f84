// CFG005 dev-server-not-refused-in-production: `python app.py` starts the development
// server whatever the environment says. The app knows a production environment (a config
// class or map for it, or an APP_ENV/FLASK_ENV-style variable), but the `__main__` start
// path neither refuses production (exit/raise under a check of the environment) nor runs
// the server only behind a check that excludes production. Seed 002's fix is the guard:
// `if env == "development": app.run(...) else: print(...); sys.exit(1)`.
#include <cctype>

#include "frameworks/model_util.h"
#include "rules/frameworks/common.h"

namespace aegis::rules {
namespace {

// CWE-489 (active debug code): the development server is development-only code left
// reachable on the production start path. CFG003 (1188) is about the server being the
// only start-up there is; this is about nothing stopping it where production runs.
const RuleMeta kMeta{
    .id = "CFG005",
    .name = "dev-server-not-refused-in-production",
    .title = "development server start does not refuse production",
    .severity = Severity::Low,
    .confidence = Confidence::Medium,
    .cwe = 489,
    .owasp = "A05:2021-Security Misconfiguration",
    .area = Area::Configuration,
    .flags = "A Flask or FastAPI app with a production environment (a production config class or "
             "environment map, or an environment selector such as `FLASK_ENV`/`APP_ENV`) whose "
             "`app.run(...)`/`uvicorn.run(...)` is started from `if __name__ == \"__main__\":` (directly, "
             "or in a function that block calls) with no guard on that path: no `sys.exit`/`raise` under a "
             "check of the environment, no `assert` on it, and the run not inside a branch that excludes "
             "production (`if env == \"development\":`, `if env != \"production\":`). Servers started only "
             "from a function nobody calls at `__main__`, and apps with no production environment, are left "
             "to CFG003.",
    .why = "`python app.py` is one typo away in a deployment script or a container command: with "
           "production settings loaded, the single-process, unhardened development server (and its "
           "debugger when debug is on) then serves real users. Refusing to start makes the mistake loud.",
    .example = "if __name__ == \"__main__\":\n    app.run(debug=True)",
    .fix = "Refuse production on the development path: `if os.environ.get(\"FLASK_ENV\") == \"production\": "
           "sys.exit(\"use waitress or gunicorn in production\")` before `app.run()`, or run it only under "
           "`if env == \"development\":`.",
    .effort = "10 min",
    .references = {"https://flask.palletsprojects.com/en/latest/deploying/",
                   "https://cwe.mitre.org/data/definitions/489.html"},
};

namespace util = frameworks::util;

// FLASK_ENV, APP_ENV, PYTHON_ENV, ENV, ENVIRONMENT, DEPLOY_ENVIRONMENT: a variable naming the
// environment (not DATABASE_URL or FLASK_DEBUG).
bool environment_variable(std::string_view var) {
  std::string l = util::lower(var);
  return l == "env" || l.ends_with("_env") || l.ends_with("environment") || l.ends_with("_stage") || l == "stage";
}

// "production", "dev", "local", "staging": a short name of an environment ("/dev/shm" and
// "delivery" are not).
bool environment_word(std::string_view text) {
  std::string l = util::lower(text);
  if (l.empty() || l.size() > 12) return false;
  for (char c : l) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') return false;
  }
  for (const char* w : {"prod", "dev", "local", "stag", "live"}) {
    if (l.rfind(w, 0) == 0) return true;
  }
  return false;
}

// Whether an if/assert test decides by the environment's name: reads FLASK_ENV-like
// variables, or names/attributes such as `env`, `is_production`, `config_name`, or compares
// with "production"/"development". `os.environ.get("DATABASE_URL")` is not one.
bool environment_test(const PythonModule& m, const py::Expr* test) {
  bool found = false;
  util::walk(test, [&](const py::Node* n) {
    const auto* e = py::dyn_cast<py::Expr>(n);
    if (found || !e) return;
    if (auto read = util::env_read(m, e)) {
      if (environment_variable(read->var)) found = true;
      return;
    }
    std::string id;
    if (const auto* name = py::dyn_cast<py::Name>(e)) id = util::lower(name->id);
    if (const auto* attr = py::dyn_cast<py::Attribute>(e)) id = util::lower(attr->attr);
    if (!id.empty() && id != "environ" && (util::contains(id, "env") || util::contains(id, "prod") ||
                                           util::contains(id, "config_name") || util::contains(id, "stage")))
      found = true;
    if (auto s = util::string_value(m, e); s && py::isa<py::Constant>(e) && environment_word(*s)) found = true;
  });
  return found;
}

// `sys.exit(...)`, `exit()`, `os._exit()`, `raise ...` anywhere in these statements.
bool stops(const PythonModule& m, const aegis::Span<py::Stmt*>& body) {
  bool found = false;
  for (const py::Stmt* s : body) {
    util::walk(s, [&](const py::Node* n) {
      if (found) return;
      if (n->kind == py::NodeKind::Raise) found = true;
      if (const auto* call = py::dyn_cast<py::Call>(n)) {
        std::string q = util::qualified(m, call->func);
        if (q == "sys.exit" || q == "os._exit" || q == "exit" || q == "quit" || q == "builtins.exit" ||
            q == "builtins.quit" || util::last_component(q) == "SystemExit")
          found = true;
      }
    });
  }
  return found;
}

// The production-ness of the values a test compares with: +1 when it names only production,
// -1 when only other environments, 0 when unclear.
int compared_environment(const PythonModule& m, const py::Expr* test) {
  bool production = false, other = false;
  util::walk(test, [&](const py::Node* n) {
    const auto* c = py::dyn_cast<py::Constant>(n);
    if (!c) return;
    auto s = util::string_value(m, c);
    if (!s) return;
    if (frameworks::is_production_name(*s)) production = true;
    else if (environment_word(*s) || util::contains(util::lower(*s), "test")) other = true;
  });
  if (production == other) return 0;
  return production ? 1 : -1;
}

// Whether the branch that holds `node` runs only outside production: the body of
// `env == "development"` / `env in ("dev", "local")` / `env != "production"` / `not is_prod`,
// or the else of `env == "production"`.
bool branch_excludes_production(const PythonModule& m, const py::If& branch, bool in_body) {
  if (!environment_test(m, branch.test)) return false;
  const py::Expr* test = branch.test;
  bool negated = false;
  if (const auto* unary = py::dyn_cast<py::UnaryOp>(test); unary && unary->op == py::UnaryOperator::Not) {
    test = unary->operand;
    negated = true;
  }
  int names = compared_environment(m, test);
  bool positive = true;  // the test holds when the environment is the one compared with
  if (const auto* cmp = py::dyn_cast<py::Compare>(test); cmp && cmp->ops.size() == 1) {
    py::CmpOperator op = cmp->ops[0];
    if (op == py::CmpOperator::NotEq || op == py::CmpOperator::NotIn || op == py::CmpOperator::IsNot) positive = false;
  } else if (names == 0) {
    // `if is_production:` / `if config.PRODUCTION:` -- a flag named for production.
    std::string text = util::lower(frameworks::source_text(m, test));
    if (util::contains(text, "prod")) names = 1;
    else if (util::contains(text, "dev") || util::contains(text, "local")) names = -1;
  }
  if (names == 0) return false;
  if (negated) positive = !positive;
  bool holds_in_production = (names == 1) == positive;
  // The run is in the body: the test must fail in production; in the else: it must hold.
  return in_body ? !holds_in_production : holds_in_production;
}

// Statements of a start path that refuse production before the server starts: an if on
// the environment that exits or raises, or an assert on the environment.
bool refuses_production(const PythonModule& m, const aegis::Span<py::Stmt*>& body, int before_line) {
  for (const py::Stmt* s : body) {
    if (s->lineno > before_line) break;
    if (const auto* branch = py::dyn_cast<py::If>(s)) {
      if (environment_test(m, branch->test) && (stops(m, branch->body) || stops(m, branch->orelse))) return true;
      if (refuses_production(m, branch->body, before_line) || refuses_production(m, branch->orelse, before_line))
        return true;
    }
    if (const auto* check = py::dyn_cast<py::Assert>(s); check && environment_test(m, check->test)) return true;
  }
  return false;
}

// Whether the start path around `run` (its enclosing blocks up to `stop_at`) is guarded.
bool guarded(const PythonModule& m, const py::Node* run, const py::Node* stop_at) {
  const auto& model = *m.unit.model;
  const py::Node* child = run;
  for (const py::Node* p = model.parent(run); p && p != stop_at; child = p, p = model.parent(p)) {
    const auto* branch = py::dyn_cast<py::If>(p);
    if (!branch) continue;
    bool in_body = false;
    for (const py::Stmt* s : branch->body) in_body = in_body || s == child;
    if (branch_excludes_production(m, *branch, in_body)) return true;
    // `if env == "development": app.run() else: sys.exit(1)` refuses in the other branch.
    if (environment_test(m, branch->test) && stops(m, in_body ? branch->orelse : branch->body)) return true;
  }
  // Checks in the statements before the run, in every enclosing block.
  child = run;
  for (const py::Node* p = model.parent(run); p; child = p, p = model.parent(p)) {
    int line = child->lineno;
    if (const auto* f = py::dyn_cast<py::FunctionDef>(p); f && refuses_production(m, f->body, line)) return true;
    if (const auto* f = py::dyn_cast<py::AsyncFunctionDef>(p); f && refuses_production(m, f->body, line)) return true;
    if (const auto* b = py::dyn_cast<py::If>(p); b && (refuses_production(m, b->body, line) || refuses_production(m, b->orelse, line)))
      return true;
    if (const auto* mod = py::dyn_cast<py::Module>(p); mod && refuses_production(m, mod->body, line)) return true;
    if (p == stop_at) break;
  }
  return false;
}

// The `if __name__ == "__main__":` statement of a module, or null.
const py::If* main_block(const PythonModule& m) {
  for (const py::Stmt* s : m.unit.module->body) {
    const auto* branch = py::dyn_cast<py::If>(s);
    if (!branch) continue;
    for (const py::Stmt* inner : branch->body) {
      if (util::under_main_guard(m, inner)) return branch;
    }
  }
  return nullptr;
}

// The call in the `__main__` block that reaches `fn` (a module-level function), or null.
const py::Call* main_call_of(const PythonModule& m, const py::Node* fn) {
  const py::If* block = main_block(m);
  if (!block) return nullptr;
  std::string name;
  if (const auto* f = py::dyn_cast<py::FunctionDef>(fn)) name = std::string(f->name);
  if (const auto* f = py::dyn_cast<py::AsyncFunctionDef>(fn)) name = std::string(f->name);
  const py::Call* found = nullptr;
  for (const py::Stmt* s : block->body) {
    util::walk(s, [&](const py::Node* n) {
      const auto* call = py::dyn_cast<py::Call>(n);
      const auto* callee = call ? py::dyn_cast<py::Name>(call->func) : nullptr;
      if (!found && callee && callee->id == name) found = call;
    });
  }
  return found;
}

// What tells the app apart in production: "the production config ProductionConfig", "FLASK_ENV".
std::string production_notion(const PythonProject& project, const fw::App& app, const PythonModule& run_module) {
  for (const frameworks::Environment& e : app.environments) {
    if (!e.config_class.empty() && frameworks::is_production_name(e.name))
      return "the production configuration " + std::string(util::last_component(e.config_class));
  }
  if (!app.env_selector.empty()) return app.env_selector;
  (void)project;
  for (const PythonModule* m : {app.site.module, &run_module}) {
    std::string var;
    util::walk(m->unit.module, [&](const py::Node* n) {
      const auto* e = py::dyn_cast<py::Expr>(n);
      if (!var.empty() || !e) return;
      if (auto read = util::env_read(*m, e); read && environment_variable(read->var)) var = read->var;
    });
    if (!var.empty()) return var;
  }
  return {};
}

class DevServerNotRefused final : public Rule {
 public:
  DevServerNotRefused() : Rule(kMeta) {}
  bool wants_python_project() const override { return true; }
  bool about_applications() const override { return true; }

  void check_python_project(PythonProject& project) const override {
    const fw::AppModel& model = fw::app_model(project);
    for (const fw::App& app : model.apps) {
      for (const fw::Site& run : app.dev_server_runs) {
        const PythonModule& m = *run.module;
        if (m.unit.in_test) continue;
        // The start path: the __main__ block itself, or a module-level function it calls.
        const py::Node* fn = m.unit.model->enclosing_function(run.node);
        const py::Call* entry = nullptr;
        if (fn) {
          if (m.unit.model->enclosing_function(fn) || m.unit.model->scope_of(fn) != 0) continue;
          entry = main_call_of(m, fn);
          if (!entry) continue;  // a CLI command or helper: started some other way
          if (guarded(m, entry, nullptr)) continue;
        } else if (!util::under_main_guard(m, run.node)) {
          continue;  // runs on import: CFG003's case
        }
        if (guarded(m, run.node, fn)) continue;
        std::string notion = production_notion(project, app, m);
        if (notion.empty()) continue;
        std::string how = entry ? "`python " + m.relative_path + "` calls " + frameworks::source_text(m, entry->func) + "(), which" : "`python " + m.relative_path + "`";
        fw::report(project, run, how + " starts the development server in any environment: " + notion +
                                     " exists, but nothing on this path refuses production (no exit or raise under "
                                     "an environment check)");
      }
    }
  }
};

AEGIS_REGISTER_RULE(DevServerNotRefused);

}  // namespace
}  // namespace aegis::rules
