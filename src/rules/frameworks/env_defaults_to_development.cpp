// SEC005 environment-defaults-to-development: the deployment environment is read from one
// variable whose absence silently means development -- so a production host that lacks it
// runs with development secrets, fallbacks and debug settings.
#include "frameworks/model_util.h"
#include "rules/frameworks/common.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "SEC005",
    .name = "environment-defaults-to-development",
    .title = "environment selector defaults to development",
    .severity = Severity::High,
    .confidence = Confidence::Medium,
    .cwe = 1188,
    .owasp = "A05:2021-Security Misconfiguration",
    .area = Area::Configuration,
    .flags = "`os.getenv(\"PYTHON_ENV\", \"development\")`-style reads of an environment selector "
             "(FLASK_ENV, APP_ENV, ENV, ENVIRONMENT, PYTHON_ENV, DJANGO_ENV, FLASK_CONFIG, APP_SETTINGS, "
             "STAGE, ...) whose default names development, local or debug, outside tests and outside "
             "the `__main__` block. A read with no default, or a default of production, is the safe "
             "shape and is not flagged.",
    .why = "Production is detected through a single variable; when it is missing (a new host, a renamed "
           "variable, a container without the env file) nothing fails: the service quietly runs the "
           "development branch -- generated or fallback secrets, debug, relaxed cookies.",
    .example = "ENV = os.getenv(\"PYTHON_ENV\", \"development\")\nif ENV == \"production\":\n    secret = fetch_from_secrets_manager()",
    .fix = "Make production the default, or require the variable: `ENV = os.environ[\"APP_ENV\"]`; and "
           "refuse to start when a production-only secret source is unavailable.",
    .effort = "15 min",
    .references = {"https://cwe.mitre.org/data/definitions/1188.html"},
};

bool selector_name(std::string_view var) {
  std::string l = frameworks::util::lower(var);
  static const char* kNames[] = {"flask_env", "app_env", "env", "environment", "python_env", "django_env",
                                 "node_env", "flask_config", "app_settings", "config_name", "stage",
                                 "app_mode", "run_mode", "deploy_env", "deployment_env", "app_environment",
                                 "fastapi_env", "environment_name"};
  for (const char* n : kNames) {
    if (l == n) return true;
  }
  return false;
}

bool development_name(std::string_view value) {
  std::string l = frameworks::util::lower(value);
  return l == "development" || l == "dev" || l == "local" || l == "debug" || l == "develop";
}

class EnvDefaultsToDevelopment final : public Rule {
 public:
  EnvDefaultsToDevelopment() : Rule(kMeta) {}
  bool wants_python_project() const override { return true; }
  bool about_applications() const override { return true; }

  void check_python_project(PythonProject& project) const override {
    for (const PythonModule* m : project.modules) {
      if (!m || !m->unit.module || m->unit.in_test) continue;
      frameworks::util::walk(m->unit.module, [&](const py::Node* n) {
        const auto* call = py::dyn_cast<py::Call>(n);
        if (!call) return;
        auto read = frameworks::util::env_read(*m, call);
        if (!read || !read->default_expr || !selector_name(read->var)) return;
        auto value = frameworks::util::string_value(*m, read->default_expr);
        if (!value || !development_name(*value)) return;
        if (frameworks::util::under_main_guard(*m, call)) return;
        fw::report(project, {m, call},
                   read->var + " decides the environment and defaults to \"" + *value +
                       "\": a production host without " + read->var + " silently runs as development");
      });
    }
  }
};

AEGIS_REGISTER_RULE(EnvDefaultsToDevelopment);

}  // namespace
}  // namespace aegis::rules
