// The application model: what Aegis believes about how each Flask, FastAPI and Django
// service of a project is put together -- its app objects, routes, controls (CSRF, login,
// rate limits, CORS, middleware) and its configuration per environment, with config classes
// and their inheritance resolved. Built once from every analysed module's AST and semantic
// index (rules::PythonProject); rules about how an app is assembled ask it instead of
// walking trees. Nodes and modules point into the project: the model lives no longer.
//
//   frameworks::AppModel model = frameworks::build_app_model(project);
//   for (const auto& app : model.apps) for (const auto& env : app.environments) ...
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "python/ast.h"
#include "rules/python_project.h"

namespace aegis::frameworks {

using rules::PythonModule;
using rules::PythonProject;

enum class Framework { Flask, FastApi, Django };
const char* to_string(Framework f);

// Where something is: a node of a module (module null for "nowhere").
struct Site {
  const PythonModule* module = nullptr;
  const py::Node* node = nullptr;
  int line() const { return node ? node->lineno : 0; }
  std::string path() const { return module ? std::string(module->unit.path) : std::string(); }
};

// One configuration value as written: a literal, the environment (with or without a
// default), or an expression Aegis does not evaluate.
struct ConfigValue {
  enum class Kind { Constant, Environment, Expression };
  Kind kind = Kind::Expression;
  std::optional<py::ConstantValue> constant;  // Kind::Constant
  double seconds = -1;                        // durations: timedelta(...) or a number
  std::string env_var;                        // Kind::Environment: the variable read
  std::optional<std::string> env_default;     // its default text, when one is given
  bool env_default_constant = true;           // false: the default is computed
  std::string origin;   // where it is set: "ProductionConfig", "app.config", "settings.prod"
  std::string text;     // the source text of the value
  Site site;
  bool is_true() const { return constant && constant->kind == py::ConstantKind::True; }
  bool is_false() const { return constant && constant->kind == py::ConstantKind::False; }
  bool is_string() const { return constant && constant->kind == py::ConstantKind::Str; }
};

// A class whose upper-case attributes are configuration (Flask's `from_object` classes).
struct ConfigClass {
  std::string name;                        // "ProductionConfig"
  std::string qualified;                   // "config.ProductionConfig"
  Site site;
  std::vector<std::string> bases;          // qualified names of project config classes
  std::map<std::string, ConfigValue> own;  // set in the class body
  std::map<std::string, ConfigValue> effective;  // after inheritance (bases first)
  std::string environment;                 // "production", "development", "testing", or ""
  bool has_startup_check = false;          // a method/`init_app` that raises on bad settings
};

// One environment an app can run in and the configuration it then has.
struct Environment {
  std::string name;                        // "production", "development", "testing", "default"
  std::string config_class;                // qualified name of the class, or "" (app config only)
  std::map<std::string, ConfigValue> values;  // effective values, app-level ones applied last
};

struct Route {
  std::string owner;                       // "app", "bp" (the variable the decorator uses)
  std::string blueprint;                   // the Flask blueprint / FastAPI router name, if any
  std::string path;                        // "/login" (prefix included when known)
  std::vector<std::string> methods;        // upper case; {"GET"} when unspecified
  std::string function;                    // view function name
  Site site;                               // the def
  const py::Node* function_node = nullptr;
  std::vector<std::string> decorators;     // qualified (or written) names of every decorator
                                           // (for add_url_rule: the wrappers around the view)
  std::string registered_by = "decorator"; // "decorator", "add_url_rule", "add_api_route"
  std::string view_class;                  // the class-based view (MethodView/View), if any
  std::vector<std::string> dependencies;   // FastAPI Depends(...) targets
  bool authenticated = false;              // login_required / jwt_required / auth dependency
  bool csrf_exempt = false;
  bool rate_limited = false;
  bool state_changing() const;             // POST, PUT, PATCH or DELETE
};

// An extension or control initialised for an app.
struct Control {
  std::string kind;    // "csrf", "login", "limiter", "talisman", "cors", "sqlalchemy", "middleware", ...
  std::string name;    // "flask_wtf.csrf.CSRFProtect", "starlette...CORSMiddleware", the class
  std::string detail;  // the arguments that matter ("allow_origins=['*'] allow_credentials=True")
  Site site;
  const py::Call* call = nullptr;
};

struct App {
  Framework framework = Framework::Flask;
  std::string name;        // the variable ("app") or, for Django, the settings module
  std::string factory;     // the factory function ("create_app"), if any
  Site site;               // the Flask(...) / FastAPI(...) call, or the settings module
  std::vector<Route> routes;
  std::vector<Control> controls;
  std::vector<Site> before_request;      // hooks
  std::vector<Site> error_handlers;
  std::vector<std::string> config_classes;  // qualified names used via from_object / a map
  std::string env_selector;              // "FLASK_ENV" when the environment comes from it
  std::optional<std::string> env_selector_default;  // its default, if any
  Site env_selector_site;
  std::map<std::string, ConfigValue> app_config;    // app.config[...] = / update / from_mapping
  std::vector<Environment> environments;
  bool dev_server_guarded = false;       // every app.run is under __main__ / an env check
  std::vector<Site> dev_server_runs;     // app.run(...) / uvicorn.run(...) calls
  const Control* control(const std::string& kind) const;
  const Environment* production() const; // the production environment, or null
};

// A Django settings module (split settings: a module that star-imports another inherits).
struct DjangoSettings {
  std::string module;                      // "mysite.settings.production"
  Site site;
  std::vector<std::string> inherits;       // star-imported settings modules
  std::map<std::string, ConfigValue> values;  // effective, star-imports first
  std::vector<std::string> middleware;     // MIDDLEWARE entries, in order
  bool production = false;                 // named like production, or the only settings
};

// Free-standing facts the rules about the whole service use.
struct ProjectFacts {
  std::vector<Site> wsgi_servers;          // waitress.serve / gunicorn config / uvicorn workers
  std::vector<const PythonModule*> test_modules;
};

struct AppModel {
  std::vector<App> apps;
  std::map<std::string, ConfigClass> config_classes;  // by qualified name
  std::vector<DjangoSettings> django_settings;
  ProjectFacts facts;
};

AppModel build_app_model(const PythonProject& project);

// The model as JSON text (what `aegis debug app` prints); paths as the modules show them.
std::string app_model_json(const AppModel& model);

// --- Helpers the model and the rules share.

// Reads `expr` as a configuration value (literal, os.environ/os.getenv, timedelta, other).
ConfigValue read_config_value(const PythonModule& module, const py::Expr* expr, std::string origin);
// The source text of a node.
std::string source_text(const PythonModule& module, const py::Node* node);
// True when `name` reads like an environment name that means production.
bool is_production_name(std::string_view name);

}  // namespace aegis::frameworks
