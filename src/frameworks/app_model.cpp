// Builds the application model: app objects and factories, blueprints and routers, routes
// and their decorators, extensions and middleware, config classes with inheritance and the
// environments that select them, Django settings modules. See app_model.h.
#include "frameworks/app_model.h"

#include <algorithm>
#include <functional>
#include <set>
#include <unordered_map>

#include "frameworks/model_util.h"

namespace aegis::frameworks {

using namespace util;

const char* to_string(Framework f) {
  switch (f) {
    case Framework::Flask: return "flask";
    case Framework::FastApi: return "fastapi";
    case Framework::Django: return "django";
  }
  return "?";
}

bool Route::state_changing() const {
  for (const std::string& m : methods) {
    if (m == "POST" || m == "PUT" || m == "PATCH" || m == "DELETE") return true;
  }
  return false;
}

const Control* App::control(const std::string& kind) const {
  for (const Control& c : controls) {
    if (c.kind == kind) return &c;
  }
  return nullptr;
}

const Environment* App::production() const {
  for (const Environment& e : environments) {
    if (is_production_name(e.name)) return &e;
  }
  // One environment for every deployment: production runs it too.
  if (environments.size() == 1 && environments[0].config_class.empty()) return &environments[0];
  return nullptr;
}

bool is_production_name(std::string_view name) {
  std::string l = lower(name);
  return contains(l, "prod") || l == "live";
}

std::string source_text(const PythonModule& module, const py::Node* node) {
  if (!node || node->lineno <= 0) return {};
  std::string_view text = module.unit.text;
  // Line starts by scanning: the model asks for a few snippets per file.
  auto line_start = [&](int line) -> std::size_t {
    std::size_t pos = 0;
    for (int l = 1; l < line; ++l) {
      pos = text.find('\n', pos);
      if (pos == std::string_view::npos) return text.size();
      ++pos;
    }
    return pos;
  };
  std::size_t begin = line_start(node->lineno) + static_cast<std::size_t>(node->col_offset);
  std::size_t end = line_start(node->end_lineno) + static_cast<std::size_t>(node->end_col_offset);
  if (begin > text.size() || end > text.size() || end < begin) return {};
  return std::string(text.substr(begin, end - begin));
}

namespace {

double timedelta_seconds(const PythonModule& m, const py::Call& call) {
  static const std::pair<const char*, double> kUnits[] = {
      {"weeks", 604800}, {"days", 86400}, {"hours", 3600}, {"minutes", 60}, {"seconds", 1}};
  double total = 0;
  bool any = false;
  for (const py::Keyword* k : call.keywords) {
    if (!k) continue;
    auto v = m.unit.model->constant_value(k->value);
    if (!v || (v->kind != py::ConstantKind::Int && v->kind != py::ConstantKind::Float)) return -1;
    double number = v->kind == py::ConstantKind::Int ? std::stod(std::string(v->text)) : v->number;
    bool known = false;
    for (const auto& [unit, factor] : kUnits) {
      if (k->arg == unit) {
        total += number * factor;
        known = true;
      }
    }
    if (!known) return -1;
    any = true;
  }
  // timedelta(days) positionally.
  if (const py::Expr* first = positional(call, 0)) {
    auto v = m.unit.model->constant_value(first);
    if (!v || v->kind != py::ConstantKind::Int) return -1;
    total += std::stod(std::string(v->text)) * 86400;
    any = true;
  }
  return any ? total : -1;
}

}  // namespace

ConfigValue read_config_value(const PythonModule& m, const py::Expr* expr, std::string origin) {
  ConfigValue v;
  v.origin = std::move(origin);
  v.site = {&m, expr};
  v.text = source_text(m, expr);
  if (!expr) return v;
  if (auto c = m.unit.model->constant_value(expr)) {
    v.kind = ConfigValue::Kind::Constant;
    v.constant = c;
    if (c->kind == py::ConstantKind::Int) v.seconds = std::stod(std::string(c->text));
    if (c->kind == py::ConstantKind::Float) v.seconds = c->number;
    return v;
  }
  if (const auto* call = py::dyn_cast<py::Call>(expr)) {
    std::string q = qualified(m, call);
    if (q == "datetime.timedelta") {
      v.seconds = timedelta_seconds(m, *call);
      return v;
    }
  }
  if (auto env = find_env_read(m, expr)) {
    v.kind = ConfigValue::Kind::Environment;
    v.env_var = env->var;
    if (env->default_expr) {
      auto s = string_value(m, env->default_expr);
      if (s) {
        v.env_default = *s;
      } else if (auto c = m.unit.model->constant_value(env->default_expr)) {
        v.env_default = c->kind == py::ConstantKind::None ? std::string() : std::string(c->text);
        if (c->kind == py::ConstantKind::None) v.env_default.reset();
      } else {
        v.env_default = source_text(m, env->default_expr);
        v.env_default_constant = false;
      }
    }
  }
  return v;
}

namespace {

const sem::QualifiedNameSet kFlaskApp{"flask.Flask", "flask.app.Flask"};
const sem::QualifiedNameSet kFastApiApp{"fastapi.FastAPI", "fastapi.applications.FastAPI",
                                        "starlette.applications.Starlette"};
const sem::QualifiedNameSet kBlueprint{"flask.Blueprint", "flask.blueprints.Blueprint"};
const sem::QualifiedNameSet kRouter{"fastapi.APIRouter", "fastapi.routing.APIRouter"};

struct ControlSpec {
  const char* qualified;
  const char* kind;
};
const ControlSpec kControls[] = {
    {"flask_wtf.csrf.CSRFProtect", "csrf"},      {"flask_wtf.CSRFProtect", "csrf"},
    {"flask_wtf.csrf.CsrfProtect", "csrf"},      {"flask_wtf.CsrfProtect", "csrf"},
    {"flask_seasurf.SeaSurf", "csrf"},           {"flask_login.LoginManager", "login"},
    {"flask_jwt_extended.JWTManager", "login"},  {"flask_limiter.Limiter", "limiter"},
    {"slowapi.Limiter", "limiter"},              {"flask_talisman.Talisman", "talisman"},
    {"flask_cors.CORS", "cors"},                 {"flask_sqlalchemy.SQLAlchemy", "sqlalchemy"},
    {"flask_session.Session", "server-session"},
};

const char* control_kind(const std::string& q) {
  for (const ControlSpec& spec : kControls) {
    if (q == spec.qualified) return spec.kind;
  }
  return nullptr;
}

// A blueprint or router.
struct Group {
  std::string name;        // the variable
  std::string prefix;      // url_prefix / prefix
  const PythonModule* module = nullptr;
  const py::Call* call = nullptr;
  std::vector<std::string> dependency_names;  // APIRouter(dependencies=[Depends(x)])
  bool csrf_exempt = false;
  int app = -1;            // the app that registers it
};

// The variable an assignment statement binds `value` to, when it is a plain name.
std::string assigned_name(const PythonModule& m, const py::Node* value) {
  const py::Node* parent = m.unit.model->parent(value);
  if (const auto* assign = py::dyn_cast<py::Assign>(parent)) {
    if (assign->targets.size() == 1) {
      if (const auto* name = py::dyn_cast<py::Name>(assign->targets[0])) return std::string(name->id);
      if (const auto* attr = py::dyn_cast<py::Attribute>(assign->targets[0])) return std::string(attr->attr);
    }
  }
  if (const auto* ann = py::dyn_cast<py::AnnAssign>(parent)) {
    if (const auto* name = py::dyn_cast<py::Name>(ann->target)) return std::string(name->id);
  }
  return {};
}

std::string dotted(const PythonModule& m, const std::string& name) {
  return std::string(m.unit.model->module_prefix()) + "." + name;
}

std::string function_name(const py::Node* fn) {
  if (const auto* f = py::dyn_cast<py::FunctionDef>(fn)) return std::string(f->name);
  if (const auto* f = py::dyn_cast<py::AsyncFunctionDef>(fn)) return std::string(f->name);
  return {};
}

const aegis::Span<py::Expr*>* decorators_of(const py::Node* fn) {
  if (const auto* f = py::dyn_cast<py::FunctionDef>(fn)) return &f->decorator_list;
  if (const auto* f = py::dyn_cast<py::AsyncFunctionDef>(fn)) return &f->decorator_list;
  return nullptr;
}

const py::Arguments* arguments_of(const py::Node* fn) {
  if (const auto* f = py::dyn_cast<py::FunctionDef>(fn)) return f->args;
  if (const auto* f = py::dyn_cast<py::AsyncFunctionDef>(fn)) return f->args;
  return nullptr;
}

bool is_auth_name(std::string_view name) {
  std::string l = lower(last_component(name));
  static const char* kWords[] = {"login_required", "jwt_required", "auth_required", "admin_required",
                                 "roles_required", "roles_accepted", "permission_required",
                                 "requires_auth", "token_required", "authenticated", "require_auth",
                                 "require_login", "require_admin", "require_role", "current_user",
                                 "verify_token", "verify_jwt", "get_current", "authenticate",
                                 "require_api_key", "api_key", "oauth2_scheme", "check_auth"};
  for (const char* w : kWords) {
    if (contains(l, w)) return true;
  }
  return false;
}

bool is_rate_limit_name(std::string_view name) {
  std::string l = lower(name);
  return contains(l, "limiter.limit") || contains(l, "rate_limit") || contains(l, "ratelimit") ||
         contains(l, "throttle") || contains(l, "limiter.shared_limit") || l == "limit";
}

class Builder {
 public:
  explicit Builder(const PythonProject& project) : project_(project) {}

  AppModel build() {
    for (const PythonModule* m : project_.modules) {
      if (!m || !m->unit.module || !m->unit.model) continue;
      if (m->unit.in_test) model_.facts.test_modules.push_back(m);
      find_objects(*m);
    }
    find_config_classes();
    for (const PythonModule* m : project_.modules) {
      if (!m || !m->unit.module || !m->unit.model) continue;
      find_uses(*m);
    }
    find_routes();
    resolve_environments();
    find_django_settings();
    return std::move(model_);
  }

 private:
  // --- Pass 1: app objects, blueprints/routers, candidate classes.
  void find_objects(const PythonModule& m) {
    walk(m.unit.module, [&](const py::Node* n) {
      if (const auto* call = py::dyn_cast<py::Call>(n)) {
        const std::string& q = m.unit.model->qualified_name_ref(call);
        bool flask = kFlaskApp.contains(q), fastapi = kFastApiApp.contains(q);
        if (flask || fastapi) {
          App app;
          app.framework = flask ? Framework::Flask : Framework::FastApi;
          app.name = assigned_name(m, call);
          if (app.name.empty()) app.name = "app";
          const py::Node* fn = m.unit.model->enclosing_function(call);
          app.factory = function_name(fn);
          app.site = {&m, call};
          int index = static_cast<int>(model_.apps.size());
          app_by_call_[call] = index;
          if (!app.factory.empty()) {
            app_by_name_[dotted(m, app.factory)] = index;
          } else {
            app_by_name_[dotted(m, app.name)] = index;
          }
          if (fastapi) read_group_dependencies(m, *call, app_dependencies_[index]);
          model_.apps.push_back(std::move(app));
        } else if (kBlueprint.contains(q) || kRouter.contains(q)) {
          Group g;
          g.name = assigned_name(m, call);
          g.module = &m;
          g.call = call;
          if (auto p = string_value(m, keyword_value(*call, kRouter.contains(q) ? "prefix" : "url_prefix")))
            g.prefix = *p;
          read_group_dependencies(m, *call, g.dependency_names);
          int index = static_cast<int>(groups_.size());
          group_by_call_[call] = index;
          if (!g.name.empty()) group_by_name_[dotted(m, g.name)] = index;
          groups_.push_back(std::move(g));
        }
      } else if (const auto* cls = py::dyn_cast<py::ClassDef>(n)) {
        if (m.unit.model->scope_of(cls) == 0) {
          classes_.push_back({&m, cls});
          definitions_[dotted(m, std::string(cls->name))] = {&m, cls};
        }
      } else if (n->kind == py::NodeKind::FunctionDef || n->kind == py::NodeKind::AsyncFunctionDef) {
        if (m.unit.model->scope_of(n) == 0) definitions_[dotted(m, function_name(n))] = {&m, n};
      }
    });
  }

  void read_group_dependencies(const PythonModule& m, const py::Call& call, std::vector<std::string>& out) {
    const py::Expr* deps = keyword_value(call, "dependencies");
    const auto* list = py::dyn_cast<py::List>(deps);
    if (!list) return;
    for (const py::Expr* e : list->elts) {
      if (const auto* d = py::dyn_cast<py::Call>(e)) {
        if (const py::Expr* target = positional(*d, 0)) out.push_back(source_text(m, target));
      }
    }
  }

  // The app an expression refers to: through the variable's binding (a Flask(...) call, a
  // factory call, an import of a project app), else the only app of the module or project.
  int resolve_app(const PythonModule& m, const py::Expr* e, bool fallback = true) {
    if (const auto* call = py::dyn_cast<py::Call>(e)) {
      if (auto it = app_by_call_.find(call); it != app_by_call_.end()) return it->second;
    }
    if (const auto* name = py::dyn_cast<py::Name>(e)) {
      sem::BindingId b = m.unit.model->binding_of(name);
      if (b != sem::kNone) {
        const sem::Binding& binding = m.unit.model->binding(b);
        if (binding.value) {
          if (auto it = app_by_call_.find(binding.value); it != app_by_call_.end()) return it->second;
          if (const auto* call = py::dyn_cast<py::Call>(binding.value)) {
            std::string q = qualified(m, call->func);
            if (auto it = app_by_name_.find(q); it != app_by_name_.end()) return it->second;
          }
        }
        if (binding.import_index != sem::kNone) {
          const auto& rec = m.unit.model->imports()[binding.import_index];
          if (auto it = app_by_name_.find(rec.target); it != app_by_name_.end()) return it->second;
        }
        // def register_routes(app): the app the callers pass.
        if (binding.kind == sem::BindingKind::Parameter) {
          if (auto it = param_app_.find(parameter_key(m, binding)); it != param_app_.end()) return it->second;
        }
      }
    }
    if (!fallback) return -1;
    int only = -1;
    for (std::size_t i = 0; i < model_.apps.size(); ++i) {
      if (model_.apps[i].site.module == &m) {
        if (only >= 0) { only = -2; break; }
        only = static_cast<int>(i);
      }
    }
    if (only >= 0) return only;
    if (only == -1 && model_.apps.size() == 1) return 0;
    return -1;
  }

  // "reports.register_reports:0" for the first parameter of a module-level function.
  static std::string parameter_key(const PythonModule& m, const sem::Binding& binding) {
    const sem::Scope& scope = m.unit.model->scope(binding.scope);
    const py::Arguments* args = arguments_of(scope.node);
    if (!args) return {};
    for (std::size_t i = 0; i < args->args.size(); ++i) {
      if (args->args[i] == binding.node)
        return std::string(m.unit.model->module_prefix()) + "." + scope.qualname + ":" + std::to_string(i);
    }
    return {};
  }

  // Calls that pass an app to a project function: register_reports(app).
  void record_app_arguments(const PythonModule& m, const py::Call& call) {
    if (call.args.size() == 0) return;
    const std::string& callee = m.unit.model->qualified_name_ref(&call);
    if (callee.empty()) return;
    for (std::size_t i = 0; i < call.args.size() && i < 4; ++i) {
      if (call.args[i]->kind != py::NodeKind::Name) continue;
      int app = resolve_app(m, call.args[i], false);
      if (app >= 0) param_app_.emplace(callee + ":" + std::to_string(i), app);
    }
  }

  int resolve_group(const PythonModule& m, const py::Expr* e) {
    if (const auto* call = py::dyn_cast<py::Call>(e)) {
      if (auto it = group_by_call_.find(call); it != group_by_call_.end()) return it->second;
    }
    if (const auto* attr = py::dyn_cast<py::Attribute>(e)) {
      // `auth.bp` after `from app import auth`.
      std::string q = qualified(m, attr);
      if (auto it = group_by_name_.find(q); it != group_by_name_.end()) return it->second;
      if (auto* base = py::dyn_cast<py::Name>(attr->value)) {
        sem::BindingId b = m.unit.model->binding_of(base);
        if (b != sem::kNone && m.unit.model->binding(b).import_index != sem::kNone) {
          const auto& rec = m.unit.model->imports()[m.unit.model->binding(b).import_index];
          if (auto it = group_by_name_.find(rec.target + "." + std::string(attr->attr)); it != group_by_name_.end())
            return it->second;
        }
      }
    }
    if (const auto* name = py::dyn_cast<py::Name>(e)) {
      sem::BindingId b = m.unit.model->binding_of(name);
      if (b != sem::kNone) {
        const sem::Binding& binding = m.unit.model->binding(b);
        if (binding.value) {
          if (auto it = group_by_call_.find(binding.value); it != group_by_call_.end()) return it->second;
        }
        if (binding.import_index != sem::kNone) {
          const auto& rec = m.unit.model->imports()[binding.import_index];
          if (auto it = group_by_name_.find(rec.target); it != group_by_name_.end()) return it->second;
        }
      }
    }
    return -1;
  }

  // --- Config classes: upper-case attributes, named like configuration or inheriting one.
  void find_config_classes() {
    std::map<std::string, std::pair<const PythonModule*, const py::ClassDef*>> candidates;
    for (auto [m, cls] : classes_) {
      bool upper = false;
      for (const py::Stmt* s : cls->body) {
        if (const auto* a = py::dyn_cast<py::Assign>(s)) {
          for (const py::Expr* t : a->targets) {
            if (const auto* name = py::dyn_cast<py::Name>(t); name && is_upper_identifier(name->id)) upper = true;
          }
        }
      }
      if (upper) candidates[dotted(*m, std::string(cls->name))] = {m, cls};
    }
    // Keep those named like configuration, then their subclasses and bases.
    std::set<std::string> keep;
    for (const auto& [q, mc] : candidates) {
      std::string l = lower(mc.second->name);
      if (contains(l, "config") || contains(l, "settings")) keep.insert(q);
    }
    for (int round = 0; round < 4; ++round) {
      for (const auto& [q, mc] : candidates) {
        for (const py::Expr* base : mc.second->bases) {
          std::string bq = qualified(*mc.first, base);
          if (keep.count(bq) && candidates.count(q)) keep.insert(q);
          if (keep.count(q) && candidates.count(bq)) keep.insert(bq);
        }
      }
    }
    for (const std::string& q : keep) {
      auto [m, cls] = candidates[q];
      ConfigClass c;
      c.name = std::string(cls->name);
      c.qualified = q;
      c.site = {m, cls};
      for (const py::Expr* base : cls->bases) {
        std::string bq = qualified(*m, base);
        if (keep.count(bq)) c.bases.push_back(bq);
      }
      for (const py::Stmt* s : cls->body) {
        if (const auto* a = py::dyn_cast<py::Assign>(s)) {
          for (const py::Expr* t : a->targets) {
            const auto* name = py::dyn_cast<py::Name>(t);
            if (name && is_upper_identifier(name->id))
              c.own[std::string(name->id)] = read_config_value(*m, a->value, c.name);
          }
        } else if (const auto* a = py::dyn_cast<py::AnnAssign>(s); a && a->value) {
          const auto* name = py::dyn_cast<py::Name>(a->target);
          if (name && is_upper_identifier(name->id))
            c.own[std::string(name->id)] = read_config_value(*m, a->value, c.name);
        }
      }
      walk(cls, [&](const py::Node* n) {
        if (n->kind == py::NodeKind::Raise) c.has_startup_check = true;
      });
      std::string l = lower(c.name);
      if (contains(l, "prod")) c.environment = "production";
      else if (contains(l, "dev") || contains(l, "local")) c.environment = "development";
      else if (contains(l, "test")) c.environment = "testing";
      else if (contains(l, "stag")) c.environment = "staging";
      model_.config_classes[q] = std::move(c);
    }
    for (auto& [q, c] : model_.config_classes) effective(q, 0);
    // Environment maps: {"production": ProductionConfig, ...}.
    for (const PythonModule* m : project_.modules) {
      if (!m || !m->unit.module) continue;
      walk(m->unit.module, [&](const py::Node* n) {
        const auto* dict = py::dyn_cast<py::Dict>(n);
        if (!dict || dict->keys.empty()) return;
        std::vector<std::pair<std::string, std::string>> entries;
        for (std::size_t i = 0; i < dict->keys.size(); ++i) {
          auto key = string_value(*m, dict->keys[i]);
          std::string q = qualified(*m, dict->values[i]);
          if (!key || !model_.config_classes.count(q)) return;
          entries.emplace_back(*key, q);
        }
        env_maps_.push_back({m, dict, entries});
        for (const auto& [key, q] : entries) {
          ConfigClass& c = model_.config_classes[q];
          if (is_production_name(key)) c.environment = "production";
        }
      });
    }
  }

  const std::map<std::string, ConfigValue>& effective(const std::string& q, int depth) {
    ConfigClass& c = model_.config_classes[q];
    if (!c.effective.empty() || depth > 16) return c.effective;
    std::map<std::string, ConfigValue> merged;
    // Python's MRO for the usual single-inheritance chains: later bases lose to earlier ones.
    for (auto it = c.bases.rbegin(); it != c.bases.rend(); ++it) {
      if (*it == q) continue;
      for (const auto& [k, v] : effective(*it, depth + 1)) merged[k] = v;
    }
    for (const auto& [k, v] : c.own) merged[k] = v;
    c.effective = std::move(merged);
    return c.effective;
  }

  // --- Pass 2: everything done to an app, blueprint or extension.
  void find_uses(const PythonModule& m) {
    walk(m.unit.module, [&](const py::Node* n) {
      if (const auto* call = py::dyn_cast<py::Call>(n)) {
        on_call(m, *call);
      } else if (const auto* assign = py::dyn_cast<py::Assign>(n)) {
        on_assign(m, *assign);
      }
    });
  }

  void add_control(int app, Control c) {
    if (app < 0) {
      orphan_controls_.push_back(std::move(c));
      return;
    }
    model_.apps[app].controls.push_back(std::move(c));
  }

  void on_call(const PythonModule& m, const py::Call& call) {
    record_app_arguments(m, call);
    const std::string& q = m.unit.model->qualified_name_ref(&call);
    const auto* func_attr = py::dyn_cast<py::Attribute>(call.func);
    // Extensions initialised with the app, or later through init_app(app).
    if (const char* kind = control_kind(q)) {
      Control c{kind, q, {}, {&m, &call}, &call};
      c.detail = describe_arguments(m, call);
      // The app: keyword app=, or the first positional argument when it is one (Flask-Limiter
      // and slowapi take the key function first).
      const py::Expr* target = keyword_value(call, "app");
      if (!target && positional(call, 0) && (std::string(kind) != "limiter" || resolve_app(m, positional(call, 0), false) >= 0))
        target = positional(call, 0);
      if (!target) {
        // Created without an app: wait for init_app (else it goes to the only app).
        pending_[dotted(m, assigned_name(m, &call))] = c;
        return;
      }
      int app = resolve_app(m, target, true);
      add_control(app, std::move(c));
      return;
    }
    // Servers and engines, called by name or through their module (`uvicorn.run(app)`).
    if (q == "waitress.serve" || q.rfind("gunicorn.", 0) == 0) {
      model_.facts.wsgi_servers.push_back({&m, &call});
      return;
    }
    if (q == "uvicorn.run") {
      int app = -1;
      if (const py::Expr* target = positional(call, 0)) app = resolve_app(m, target, true);
      if (keyword_value(call, "workers")) model_.facts.wsgi_servers.push_back({&m, &call});
      else if (app >= 0) model_.apps[app].dev_server_runs.push_back({&m, &call});
      return;
    }
    if (q == "sqlalchemy.create_engine" || q == "sqlalchemy.ext.asyncio.create_async_engine") {
      Control c{"engine", q, describe_arguments(m, call), {&m, &call}, &call};
      add_control(resolve_app(m, nullptr, true), std::move(c));
      return;
    }
    if (!func_attr) return;
    std::string_view method = func_attr->attr;
    // x.init_app(app) for an extension created without an app.
    if (method == "init_app") {
      std::string ext = qualified(m, func_attr->value);
      std::string inst = m.unit.model->instance_of(func_attr->value);
      const char* kind = control_kind(inst);
      if (kind) {
        Control c{kind, inst, describe_arguments(m, call), {&m, &call}, &call};
        auto it = pending_.find(ext);
        if (const auto* name = py::dyn_cast<py::Name>(func_attr->value); it == pending_.end() && name) {
          // The extension object: a module variable here, or imported from another module.
          sem::BindingId b = m.unit.model->binding_of(name);
          if (b != sem::kNone && m.unit.model->binding(b).import_index != sem::kNone)
            it = pending_.find(m.unit.model->imports()[m.unit.model->binding(b).import_index].target);
          else
            it = pending_.find(dotted(m, std::string(name->id)));
        }
        if (it != pending_.end()) {
          c.detail = it->second.detail;
          if (!c.detail.empty()) c.detail += " ";
          c.detail += describe_arguments(m, call);
          initialised_.insert(it->first);
        }
        const py::Expr* target = positional(call, 0);
        add_control(target ? resolve_app(m, target, true) : -1, std::move(c));
        return;
      }
    }
    // csrf.exempt(bp) / csrf.exempt(view)
    if (method == "exempt" && control_kind(m.unit.model->instance_of(func_attr->value)) == std::string("csrf")) {
      if (const py::Expr* target = positional(call, 0)) {
        int g = resolve_group(m, target);
        if (g >= 0) groups_[g].csrf_exempt = true;
        else exempt_views_.insert(qualified(m, target));
      }
      return;
    }
    // Routes registered by call: resolved once blueprints know their apps (find_routes).
    if ((method == "add_url_rule" || method == "add_api_route") && !call.args.empty()) {
      url_rules_.push_back({&m, &call});
      return;
    }
    std::string receiver = m.unit.model->instance_of(func_attr->value);
    bool on_flask = kFlaskApp.contains(receiver);
    bool on_fastapi = kFastApiApp.contains(receiver);
    // app.config.update(...) / from_object / from_mapping
    if (const auto* config = py::dyn_cast<py::Attribute>(func_attr->value); config && config->attr == "config") {
      std::string owner = m.unit.model->instance_of(config->value);
      if (kFlaskApp.contains(owner) || owner.empty()) {
        int app = resolve_app(m, config->value, owner.empty() ? false : true);
        if (app >= 0) on_config_call(m, call, method, app);
      }
      return;
    }
    if (!on_flask && !on_fastapi) {
      // An app instance the index cannot type (a factory's return value imported elsewhere).
      int app = resolve_app(m, func_attr->value, false);
      if (app < 0) return;
      on_flask = model_.apps[app].framework == Framework::Flask;
      on_fastapi = !on_flask;
    }
    int app = resolve_app(m, func_attr->value, true);
    if (app < 0) return;
    App& a = model_.apps[app];
    if (method == "run") {
      a.dev_server_runs.push_back({&m, &call});
    } else if (method == "register_blueprint" || method == "include_router") {
      int g = resolve_group(m, positional(call, 0));
      if (g >= 0) {
        groups_[g].app = app;
        auto p = string_value(m, keyword_value(call, method == "include_router" ? "prefix" : "url_prefix"));
        if (p) groups_[g].prefix = *p + groups_[g].prefix;
      }
    } else if (method == "add_middleware") {
      const py::Expr* cls = positional(call, 0);
      std::string name = qualified(m, cls);
      if (name.empty()) name = source_text(m, cls);
      bool cors = last_component(name) == "CORSMiddleware";
      Control c{cors ? "cors" : "middleware", name, describe_arguments(m, call), {&m, &call}, &call};
      a.controls.push_back(std::move(c));
    } else if (method == "add_exception_handler") {
      a.error_handlers.push_back({&m, &call});
    } else if (method == "before_request" && !call.args.empty()) {
      a.before_request.push_back({&m, &call});
    }
  }

  // "origins=['*'] supports_credentials=True": the keyword arguments as written.
  std::string describe_arguments(const PythonModule& m, const py::Call& call) {
    std::string out;
    for (const py::Keyword* k : call.keywords) {
      if (!k) continue;
      if (!out.empty()) out += ' ';
      out += (k->arg.empty() ? std::string("**") : std::string(k->arg) + "=") + source_text(m, k->value);
    }
    return out;
  }

  void on_config_call(const PythonModule& m, const py::Call& call, std::string_view method, int app) {
    if (m.unit.in_test) return;  // as in on_assign
    App& a = model_.apps[app];
    if (method == "update" || method == "from_mapping") {
      for (const py::Keyword* k : call.keywords) {
        if (k && !k->arg.empty()) a.app_config[std::string(k->arg)] = read_config_value(m, k->value, "app.config");
      }
      if (const auto* dict = py::dyn_cast<py::Dict>(positional(call, 0))) {
        for (std::size_t i = 0; i < dict->keys.size(); ++i) {
          auto key = string_value(m, dict->keys[i]);
          if (key) a.app_config[*key] = read_config_value(m, dict->values[i], "app.config");
        }
      }
    } else if (method == "from_object") {
      const py::Expr* arg = positional(call, 0);
      std::string q = qualified(m, arg);
      if (auto s = string_value(m, arg)) q = *s;
      if (model_.config_classes.count(q)) {
        a.config_classes.push_back(q);
      } else {
        // config[env] / config.get(env) / a name bound to one: the environment map decides.
        a.config_classes.push_back("*");
        map_users_[&a - model_.apps.data()] = &m;
        find_selector(m, call, a);
      }
    } else if (method == "from_envvar" || method == "from_pyfile" || method == "from_prefixed_env") {
      a.app_config["<" + std::string(method) + ">"] = read_config_value(m, positional(call, 0), "app.config");
    }
  }

  // The environment variable that picks the config class: the first FLASK_ENV-like read in
  // the enclosing function (or module).
  void find_selector(const PythonModule& m, const py::Call& call, App& a) {
    const py::Node* scope = m.unit.model->enclosing_function(&call);
    if (!scope) scope = m.unit.module;
    walk(scope, [&](const py::Node* n) {
      if (!a.env_selector.empty()) return;
      const auto* e = py::dyn_cast<py::Expr>(n);
      if (!e) return;
      auto read = env_read(m, e);
      if (!read) return;
      std::string l = lower(read->var);
      if (contains(l, "env") || contains(l, "config") || contains(l, "settings") || contains(l, "mode")) {
        a.env_selector = read->var;
        if (read->default_expr) a.env_selector_default = string_value(m, read->default_expr);
        a.env_selector_site = {&m, e};
      }
    });
  }

  void on_assign(const PythonModule& m, const py::Assign& assign) {
    // Tests reconfigure the app for themselves (a lifetime of one second, CSRF off): not
    // the configuration any deployment runs with.
    if (m.unit.in_test) return;
    for (const py::Expr* t : assign.targets) {
      // app.config["KEY"] = value
      if (const auto* sub = py::dyn_cast<py::Subscript>(t)) {
        const auto* config = py::dyn_cast<py::Attribute>(sub->value);
        if (!config || config->attr != "config") continue;
        auto key = string_value(m, sub->slice);
        std::string owner = m.unit.model->instance_of(config->value);
        int app = resolve_app(m, config->value, kFlaskApp.contains(owner));
        if (key && app >= 0) model_.apps[app].app_config[*key] = read_config_value(m, assign.value, "app.config");
      } else if (const auto* attr = py::dyn_cast<py::Attribute>(t)) {
        // app.secret_key = ..., app.debug = ...
        static const std::pair<std::string_view, const char*> kAttrs[] = {
            {"secret_key", "SECRET_KEY"}, {"debug", "DEBUG"}, {"permanent_session_lifetime", "PERMANENT_SESSION_LIFETIME"}};
        for (const auto& [name, key] : kAttrs) {
          if (attr->attr != name) continue;
          std::string owner = m.unit.model->instance_of(attr->value);
          if (!kFlaskApp.contains(owner)) continue;
          int app = resolve_app(m, attr->value, true);
          if (app >= 0) model_.apps[app].app_config[key] = read_config_value(m, assign.value, "app." + std::string(name));
        }
        // app.state.limiter = limiter (slowapi)
        if (attr->attr == "limiter") {
          if (const auto* state = py::dyn_cast<py::Attribute>(attr->value); state && state->attr == "state") {
            int app = resolve_app(m, state->value, true);
            if (app >= 0) {
              std::string inst = m.unit.model->instance_of(assign.value);
              model_.apps[app].controls.push_back({"limiter", inst.empty() ? "limiter" : inst, {}, {&m, &assign}, nullptr});
            }
          }
        }
      }
    }
  }

  // --- Routes: decorated functions in every module.
  void find_routes() {
    // Extensions created without an app and never init_app'ed: the only app, if any.
    for (auto& [name, c] : pending_) {
      if (initialised_.count(name)) continue;
      add_control(model_.apps.size() == 1 ? 0 : -1, c);
    }
    for (Control& c : orphan_controls_) {
      if (model_.apps.size() == 1) model_.apps[0].controls.push_back(c);
    }
    for (const PythonModule* m : project_.modules) {
      if (!m || !m->unit.module || !m->unit.model) continue;
      walk(m->unit.module, [&](const py::Node* n) {
        if (n->kind == py::NodeKind::FunctionDef || n->kind == py::NodeKind::AsyncFunctionDef) on_function(*m, n);
      });
    }
    for (const auto& [m, call] : url_rules_) on_url_rule(*m, *call);
  }

  void on_function(const PythonModule& m, const py::Node* fn) {
    const auto* decorators = decorators_of(fn);
    if (!decorators || decorators->size() == 0) return;
    std::vector<std::string> names;
    for (const py::Expr* d : *decorators) {
      const py::Expr* target = d;
      if (const auto* c = py::dyn_cast<py::Call>(d)) target = c->func;
      std::string q = qualified(m, target);
      if (q.empty() || q.rfind("<", 0) == 0) q = source_text(m, target);
      names.push_back(q);
    }
    for (const py::Expr* d : *decorators) {
      const auto* call = py::dyn_cast<py::Call>(d);
      const auto* attr = py::dyn_cast<py::Attribute>(call ? call->func : d);
      if (!attr) continue;
      std::string_view verb = attr->attr;
      // Hooks: @app.before_request, @app.errorhandler(...), @app.exception_handler(...), @app.middleware("http")
      if (verb == "before_request" || verb == "errorhandler" || verb == "exception_handler" ||
          verb == "middleware" || verb == "before_app_request") {
        int app = resolve_app(m, attr->value, false);
        if (app < 0) {
          int g = resolve_group(m, attr->value);
          if (g >= 0) app = groups_[g].app;
        }
        if (app < 0) app = resolve_app(m, attr->value, true);
        if (app < 0) continue;
        if (verb == "before_request" || verb == "before_app_request") model_.apps[app].before_request.push_back({&m, fn});
        else if (verb == "middleware") model_.apps[app].controls.push_back({"middleware", function_name(fn), "@middleware", {&m, fn}, nullptr});
        else model_.apps[app].error_handlers.push_back({&m, fn});
        continue;
      }
      static const std::set<std::string_view> kVerbs{"route", "get", "post", "put", "patch", "delete", "api_route", "websocket"};
      if (!call || !kVerbs.count(verb)) continue;
      int group = -1, app = -1;
      if (!route_target(m, attr->value, group, app)) continue;
      Route r;
      r.owner = source_text(m, attr->value);
      r.function = function_name(fn);
      r.function_node = fn;
      r.site = {&m, fn};
      r.decorators = names;
      auto path = string_value(m, positional(*call, 0));
      if (!path) path = string_value(m, keyword_value(*call, "path"));
      if (!path) path = string_value(m, keyword_value(*call, "rule"));
      r.path = path.value_or("?");
      if (group >= 0) {
        r.blueprint = groups_[group].name;
        r.path = groups_[group].prefix + r.path;
        r.dependencies = groups_[group].dependency_names;
        r.csrf_exempt = groups_[group].csrf_exempt;
      }
      if (verb == "route" || verb == "api_route") {
        if (auto methods = string_list(m, keyword_value(*call, "methods"))) {
          for (auto& x : *methods) {
            std::string up = x;
            for (char& ch : up) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
            r.methods.push_back(up);
          }
        } else {
          r.methods.push_back("GET");
        }
      } else if (verb == "websocket") {
        r.methods.push_back("WEBSOCKET");
      } else {
        std::string up(verb);
        for (char& ch : up) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        r.methods.push_back(up);
      }
      read_route_dependencies(m, fn, *call, r);
      finish_route(m, std::move(r), app);
      break;
    }
  }

  // The blueprint/router or app a route registration goes to (`bp` in @bp.post or
  // bp.add_url_rule); false when the receiver is neither.
  bool route_target(const PythonModule& m, const py::Expr* receiver, int& group, int& app) {
    group = resolve_group(m, receiver);
    app = group >= 0 ? groups_[group].app : resolve_app(m, receiver, false);
    if (group >= 0 || app >= 0) return true;
    std::string inst = m.unit.model->instance_of(receiver);
    // def register_routes(app): @app.route(...) -- the app arrives as a parameter.
    bool parameter = false;
    if (const auto* name = py::dyn_cast<py::Name>(receiver)) {
      sem::BindingId b = m.unit.model->binding_of(name);
      parameter = b != sem::kNone && m.unit.model->binding(b).kind == sem::BindingKind::Parameter;
    }
    if (!kFlaskApp.contains(inst) && !kFastApiApp.contains(inst) && !parameter) return false;
    app = resolve_app(m, receiver, true);
    return app >= 0;
  }

  // Flags read from the decorators, dependencies and body, then the route joins its app.
  void finish_route(const PythonModule& m, Route r, int app) {
    const py::Node* fn = r.function_node;
    const std::vector<std::string>& names = r.decorators;
    if (app >= 0) {
      auto it = app_dependencies_.find(app);
      if (it != app_dependencies_.end()) r.dependencies.insert(r.dependencies.end(), it->second.begin(), it->second.end());
    }
    for (const std::string& n : names) {
      if (is_auth_name(n)) r.authenticated = true;
      if (is_rate_limit_name(n)) r.rate_limited = true;
      if (last_component(n) == "csrf_exempt" || (last_component(n) == "exempt" && contains(n, "CSRF")))
        r.csrf_exempt = true;
    }
    for (const std::string& d : r.dependencies) {
      if (is_auth_name(d)) r.authenticated = true;
      if (is_rate_limit_name(d) || contains(lower(d), "limit")) r.rate_limited = true;
    }
    // A hand-rolled limiter called in the view (`if _rate_limited(ip): abort(429)`).
    if (!r.rate_limited) {
      walk(fn, [&](const py::Node* x) {
        const auto* c = py::dyn_cast<py::Call>(x);
        if (!c || r.rate_limited) return;
        std::string l = lower(source_text(m, c->func));
        for (const char* w : {"rate_limit", "ratelimit", "throttle", "too_many", "attempts", "limiter"}) {
          if (contains(l, w)) r.rate_limited = true;
        }
      });
    }
    if (exempt_views_.count(qualified(m, nullptr)) || exempt_views_.count(dotted(m, r.function))) r.csrf_exempt = true;
    if (app >= 0) {
      model_.apps[app].routes.push_back(std::move(r));
    } else {
      unattached_.push_back(std::move(r));
    }
  }

  // --- Routes registered by call: app.add_url_rule("/p", view_func=f) / bp.add_url_rule(...,
  // view_func=V.as_view("v")) / router.add_api_route("/p", f, methods=[...]). A function view
  // is one route; a class-based view gives one route per HTTP method it defines (MethodView)
  // or its dispatch_request (View). Wrappers around the view (`login_required(f)`,
  // `limiter.limit("5/minute")(f)`) and a class's `decorators = [...]` count as decorators.
  void on_url_rule(const PythonModule& m, const py::Call& call) {
    const auto* attr = py::dyn_cast<py::Attribute>(call.func);
    if (!attr) return;
    bool api_route = attr->attr == "add_api_route";
    int group = -1, app = -1;
    if (!route_target(m, attr->value, group, app)) return;
    auto path = string_value(m, positional(call, 0));
    if (!path) return;
    const py::Expr* view = keyword_value(call, api_route ? "endpoint" : "view_func");
    if (!view) view = positional(call, api_route ? 1 : 2);
    if (!view) return;
    std::vector<std::string> wrappers;
    // Peel wrappers: login_required(view), limiter.limit("5/minute")(view).
    for (int depth = 0; depth < 6; ++depth) {
      const auto* wrap = py::dyn_cast<py::Call>(view);
      if (!wrap) break;
      const auto* as_view = py::dyn_cast<py::Attribute>(wrap->func);
      if (as_view && as_view->attr == "as_view") break;
      const py::Expr* callee = wrap->func;
      if (const auto* inner = py::dyn_cast<py::Call>(callee)) callee = inner->func;
      std::string q = qualified(m, callee);
      if (q.empty() || q.rfind("<", 0) == 0) q = source_text(m, callee);
      wrappers.push_back(q);
      view = positional(*wrap, 0);
      if (!view) return;
    }
    std::optional<std::vector<std::string>> methods = string_list(m, keyword_value(call, "methods"));
    auto make = [&](const PythonModule& dm, const py::Node* fn, std::string function) {
      Route r;
      r.owner = source_text(m, attr->value);
      r.function = std::move(function);
      r.function_node = fn;
      r.site = {&dm, fn};
      r.registered_by = std::string(attr->attr);
      r.path = *path;
      r.decorators = wrappers;
      if (const auto* decorators = decorators_of(fn)) {
        for (const py::Expr* d : *decorators) {
          const py::Expr* target = d;
          if (const auto* c = py::dyn_cast<py::Call>(d)) target = c->func;
          std::string q = qualified(dm, target);
          if (q.empty() || q.rfind("<", 0) == 0) q = source_text(dm, target);
          r.decorators.push_back(q);
        }
      }
      if (group >= 0) {
        r.blueprint = groups_[group].name;
        r.path = groups_[group].prefix + r.path;
        r.dependencies = groups_[group].dependency_names;
        r.csrf_exempt = groups_[group].csrf_exempt;
      }
      if (api_route) read_route_dependencies(m, fn, call, r);
      return r;
    };
    auto upper = [](std::string x) {
      for (char& ch : x) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      return x;
    };
    if (const auto* as_view = py::dyn_cast<py::Call>(view)) {
      const auto* getter = py::dyn_cast<py::Attribute>(as_view->func);
      auto def = definition(m, getter->value);
      const auto* cls = def ? py::dyn_cast<py::ClassDef>(def->second) : nullptr;
      if (!cls) return;
      const PythonModule& dm = *def->first;
      // `decorators = [login_required]` on the class wraps every method's view.
      std::vector<std::string> class_decorators;
      std::optional<std::vector<std::string>> class_methods;
      for (const py::Stmt* st : cls->body) {
        const auto* assign = py::dyn_cast<py::Assign>(st);
        if (!assign || assign->targets.size() != 1) continue;
        const auto* target = py::dyn_cast<py::Name>(assign->targets[0]);
        if (!target) continue;
        if (target->id == "methods") class_methods = string_list(dm, assign->value);
        const auto* list = py::dyn_cast<py::List>(assign->value);
        const auto* tuple = py::dyn_cast<py::Tuple>(assign->value);
        if (target->id != "decorators" || (!list && !tuple)) continue;
        for (const py::Expr* e : list ? list->elts : tuple->elts) {
          const py::Expr* t = e;
          if (const auto* c = py::dyn_cast<py::Call>(e)) t = c->func;
          std::string q = qualified(dm, t);
          if (q.empty() || q.rfind("<", 0) == 0) q = source_text(dm, t);
          class_decorators.push_back(q);
        }
      }
      static const char* kHttpMethods[] = {"get", "post", "put", "patch", "delete"};
      bool any = false;
      const py::Node* dispatch = nullptr;
      for (const py::Stmt* st : cls->body) {
        if (st->kind != py::NodeKind::FunctionDef && st->kind != py::NodeKind::AsyncFunctionDef) continue;
        std::string name = function_name(st);
        if (name == "dispatch_request") dispatch = st;
        for (const char* verb : kHttpMethods) {
          if (name != verb) continue;
          Route r = make(dm, st, std::string(cls->name) + "." + name);
          r.view_class = std::string(cls->name);
          r.methods.push_back(upper(name));
          r.decorators.insert(r.decorators.end(), class_decorators.begin(), class_decorators.end());
          finish_route(dm, std::move(r), app);
          any = true;
        }
      }
      // A plain View: dispatch_request answers the methods listed on the rule or the class.
      if (!any && dispatch) {
        Route r = make(dm, dispatch, std::string(cls->name) + ".dispatch_request");
        r.view_class = std::string(cls->name);
        for (const std::string& x : methods ? *methods : class_methods.value_or(std::vector<std::string>{"GET"}))
          r.methods.push_back(upper(x));
        r.decorators.insert(r.decorators.end(), class_decorators.begin(), class_decorators.end());
        finish_route(dm, std::move(r), app);
      }
      return;
    }
    auto def = definition(m, view);
    if (!def || !arguments_of(def->second)) return;
    Route r = make(*def->first, def->second, function_name(def->second));
    for (const std::string& x : methods.value_or(std::vector<std::string>{"GET"})) r.methods.push_back(upper(x));
    finish_route(*def->first, std::move(r), app);
  }

  // The def or class an expression names: a local def (a factory's nested view), a
  // module-level one, or one imported from another module of the project.
  std::optional<std::pair<const PythonModule*, const py::Node*>> definition(const PythonModule& m, const py::Expr* e) {
    if (const auto* name = py::dyn_cast<py::Name>(e)) {
      sem::BindingId b = m.unit.model->binding_of(name);
      if (b != sem::kNone) {
        const sem::Binding& binding = m.unit.model->binding(b);
        if (binding.kind == sem::BindingKind::Function || binding.kind == sem::BindingKind::Class)
          return std::make_pair(&m, binding.node);
      }
    }
    std::string q = qualified(m, e);
    if (auto it = definitions_.find(q); it != definitions_.end()) return it->second;
    return std::nullopt;
  }

  void read_route_dependencies(const PythonModule& m, const py::Node* fn, const py::Call& decorator, Route& r) {
    std::vector<std::string> deps;
    read_group_dependencies(m, decorator, deps);
    if (const py::Arguments* args = arguments_of(fn)) {
      auto consider = [&](const py::Expr* dflt, const py::Arg* arg) {
        const auto* call = py::dyn_cast<py::Call>(dflt);
        if (!call) {
          // Annotated[User, Depends(get_current_user)]
          if (arg && arg->annotation) {
            walk(arg->annotation, [&](const py::Node* n) {
              if (const auto* c = py::dyn_cast<py::Call>(n)) {
                std::string q = qualified(m, c->func);
                if (last_component(q) == "Depends" || last_component(q) == "Security")
                  if (const py::Expr* t = positional(*c, 0)) deps.push_back(source_text(m, t));
              }
            });
          }
          return;
        }
        std::string q = qualified(m, call->func);
        if (last_component(q) == "Depends" || last_component(q) == "Security") {
          if (const py::Expr* t = positional(*call, 0)) deps.push_back(source_text(m, t));
        }
      };
      std::size_t n_pos = args->args.size();
      std::size_t n_def = args->defaults.size();
      for (std::size_t i = 0; i < n_pos; ++i) {
        const py::Expr* dflt = i + n_def >= n_pos ? args->defaults[i + n_def - n_pos] : nullptr;
        consider(dflt, args->args[i]);
      }
      for (std::size_t i = 0; i < args->kwonlyargs.size(); ++i) {
        consider(i < args->kw_defaults.size() ? args->kw_defaults[i] : nullptr, args->kwonlyargs[i]);
      }
    }
    r.dependencies.insert(r.dependencies.end(), deps.begin(), deps.end());
  }

  // --- Environments: for each app, the config of each environment it can run in.
  void resolve_environments() {
    for (App& a : model_.apps) {
      std::vector<std::pair<std::string, std::string>> envs;  // name -> class
      bool from_map = false;
      for (const std::string& q : a.config_classes) {
        if (q != "*") {
          std::string env = model_.config_classes[q].environment;
          envs.emplace_back(env.empty() ? model_.config_classes[q].name : env, q);
        } else {
          from_map = true;
        }
      }
      if (from_map) {
        // The map (or classes) of this module or of a module it imports.
        const PythonModule* user = map_users_[&a - model_.apps.data()];
        std::set<std::string> related{user ? user->name : std::string()};
        if (user) {
          for (const auto& rec : user->unit.model->imports()) related.insert(rec.module);
        }
        auto module_of = [](const std::string& q) { return q.substr(0, q.rfind('.')); };
        const EnvMap* chosen = nullptr;
        for (const EnvMap& map : env_maps_) {
          if (related.count(map.module->name) && !chosen) chosen = &map;
        }
        if (chosen) {
          for (const auto& [key, q] : chosen->entries) envs.emplace_back(key, q);
        } else {
          for (const auto& [q, c] : model_.config_classes) {
            if (!c.environment.empty() && related.count(module_of(q))) envs.emplace_back(c.environment, q);
          }
        }
      }
      std::set<std::string> seen;
      for (const auto& [name, q] : envs) {
        if (!seen.insert(name).second) continue;
        Environment e;
        e.name = name;
        e.config_class = q;
        e.values = model_.config_classes[q].effective;
        for (const auto& [k, v] : a.app_config) e.values[k] = v;
        a.environments.push_back(std::move(e));
      }
      if (a.environments.empty()) {
        Environment e;
        e.name = "default";
        e.values = a.app_config;
        a.environments.push_back(std::move(e));
      }
      bool guarded = !a.dev_server_runs.empty();
      for (const Site& run : a.dev_server_runs) {
        if (!under_main_guard(*run.module, run.node) && !under_environment_check(*run.module, run.node)) guarded = false;
      }
      a.dev_server_guarded = guarded;
    }
  }

  // --- Django: settings modules (module-level upper-case assignments, star-imports merged).
  void find_django_settings() {
    std::map<std::string, DjangoSettings> found;
    for (const PythonModule* m : project_.modules) {
      if (!m || !m->unit.module || m->unit.in_test) continue;
      std::string name = m->name.empty() ? m->relative_path : m->name;
      std::string l = lower(name);
      // Django's own defaults (django.conf.global_settings) are not a project's settings.
      if (!contains(l, "settings") || l.rfind("django.", 0) == 0 || last_component(l) == "global_settings") continue;
      DjangoSettings s;
      s.module = name;
      s.site = {m, m->unit.module};
      bool django = false;
      for (const py::Stmt* st : m->unit.module->body) {
        if (const auto* imp = py::dyn_cast<py::ImportFrom>(st)) {
          for (const auto& rec : m->unit.model->imports()) {
            if (rec.statement == st && rec.name == "*") s.inherits.push_back(rec.module);
          }
          (void)imp;
        }
        const auto* a = py::dyn_cast<py::Assign>(st);
        if (!a) continue;
        for (const py::Expr* t : a->targets) {
          const auto* n = py::dyn_cast<py::Name>(t);
          if (!n || !is_upper_identifier(n->id)) continue;
          s.values[std::string(n->id)] = read_config_value(*m, a->value, name);
          if (n->id == "INSTALLED_APPS" || n->id == "MIDDLEWARE" || n->id == "ROOT_URLCONF") django = true;
          if (n->id == "MIDDLEWARE") {
            if (auto list = string_list(*m, a->value)) s.middleware = *list;
          }
        }
      }
      if (!django && s.inherits.empty()) continue;
      found[name] = std::move(s);
    }
    // Merge star-imported settings (bases first), then decide which run in production.
    std::function<void(DjangoSettings&, int)> merge = [&](DjangoSettings& s, int depth) {
      if (depth > 8) return;
      std::map<std::string, ConfigValue> merged;
      std::vector<std::string> middleware;
      for (const std::string& base : s.inherits) {
        auto it = found.find(base);
        if (it == found.end() || &it->second == &s) continue;
        merge(it->second, depth + 1);
        for (const auto& [k, v] : it->second.values) merged[k] = v;
        if (!it->second.middleware.empty()) middleware = it->second.middleware;
      }
      for (const auto& [k, v] : s.values) merged[k] = v;
      if (s.middleware.empty()) s.middleware = middleware;
      s.values = std::move(merged);
    };
    for (auto& [name, s] : found) merge(s, 0);
    // Within each settings package: the modules named for production, else every module
    // that is not clearly development, testing or a shared base.
    auto parent = [](const std::string& name) { return name.substr(0, name.rfind('.') == std::string::npos ? 0 : name.rfind('.')); };
    std::set<std::string> packages_with_prod;
    for (auto& [name, s] : found) {
      if (is_production_name(last_component(name))) {
        s.production = true;
        packages_with_prod.insert(parent(name));
      }
    }
    for (auto& [name, s] : found) {
      if (packages_with_prod.count(parent(name))) continue;
      std::string tail = lower(last_component(name));
      bool other = contains(tail, "dev") || contains(tail, "local") || contains(tail, "test") || tail == "base" ||
                   contains(tail, "common");
      s.production = !other;
    }
    for (auto& [name, s] : found) model_.django_settings.push_back(std::move(s));
  }

  struct EnvMap {
    const PythonModule* module;
    const py::Dict* dict;
    std::vector<std::pair<std::string, std::string>> entries;
  };

  const PythonProject& project_;
  AppModel model_;
  std::vector<std::pair<const PythonModule*, const py::ClassDef*>> classes_;
  // Module-level defs and classes by dotted name ("views.LoginView").
  std::map<std::string, std::pair<const PythonModule*, const py::Node*>> definitions_;
  std::vector<std::pair<const PythonModule*, const py::Call*>> url_rules_;
  std::unordered_map<const py::Node*, int> app_by_call_;
  std::map<std::string, int> app_by_name_;    // "module.app" or "module.create_app"
  std::map<int, std::vector<std::string>> app_dependencies_;
  std::map<std::string, int> param_app_;     // "module.func:index" -> the app passed there
  std::vector<Group> groups_;
  std::unordered_map<const py::Node*, int> group_by_call_;
  std::map<std::string, int> group_by_name_;
  std::map<std::string, Control> pending_;    // extensions awaiting init_app, by "module.var"
  std::set<std::string> initialised_;
  std::vector<Control> orphan_controls_;
  std::set<std::string> exempt_views_;
  std::vector<Route> unattached_;
  std::vector<EnvMap> env_maps_;
  std::map<long, const PythonModule*> map_users_;  // app index -> module of its from_object(map[...])
};

}  // namespace

AppModel build_app_model(const PythonProject& project) { return Builder(project).build(); }

}  // namespace aegis::frameworks
