// CFG002 debug-in-production-config: DEBUG (or TESTING-style switches that disable
// protections) on in the configuration production runs with: a config class, app.config,
// an environment default of "true", or Django's production settings.
#include "frameworks/model_util.h"
#include "rules/frameworks/common.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "CFG002",
    .name = "debug-in-production-config",
    .title = "debug mode on in the production configuration",
    .severity = Severity::High,
    .confidence = Confidence::High,
    .cwe = 489,
    .owasp = "A05:2021-Security Misconfiguration",
    .area = Area::Configuration,
    .flags = "`DEBUG = True` reaching production: in the production config class (directly or "
             "inherited), in `app.config`/`app.debug` of an app with a single configuration, read "
             "from the environment with a default that turns it on (`os.getenv(\"DEBUG\", \"True\")`), "
             "or in Django's production settings. `WTF_CSRF_ENABLED = False` in production is flagged "
             "too. Development and testing classes are not.",
    .why = "Debug mode serves tracebacks with source and settings, and in Flask the Werkzeug debugger "
           "console: remote code execution for anyone who can trigger an error.",
    .example = "class ProductionConfig(Config):\n    DEBUG = True",
    .fix = "`DEBUG = False` in production (or no default that turns it on: "
           "`DEBUG = os.environ.get(\"DEBUG\") == \"1\"`).",
    .effort = "5 min",
    .references = {"https://flask.palletsprojects.com/en/latest/config/#DEBUG",
                   "https://docs.djangoproject.com/en/stable/ref/settings/#debug",
                   "https://cwe.mitre.org/data/definitions/489.html"},
};

bool truthy_default(const fw::ConfigValue& v) {
  if (v.kind != fw::ConfigValue::Kind::Environment || !v.env_default) return false;
  std::string d = frameworks::util::lower(*v.env_default);
  return d == "true" || d == "1" || d == "yes" || d == "on";
}

class DebugInProduction final : public Rule {
 public:
  DebugInProduction() : Rule(kMeta) {}
  bool wants_python_project() const override { return true; }
  bool about_applications() const override { return true; }

  void check_python_project(PythonProject& project) const override {
    const fw::AppModel& model = fw::app_model(project);
    for (const fw::App& app : model.apps) {
      const frameworks::Environment* prod = app.production();
      if (!prod) continue;
      std::string env = prod->config_class.empty()
                            ? "every environment (the app has one configuration)"
                            : "production (" + std::string(frameworks::util::last_component(prod->config_class)) + ")";
      judge(project, prod->values, env);
      if (!prod->config_class.empty() && app.environments.size() >= 2) {
        std::string names;
        for (const frameworks::Environment& e : app.environments) names += (names.empty() ? "" : ", ") + e.name;
        const auto& cls = model.config_classes.at(prod->config_class);
        fw::strength(project, "environment-config", "Configuration separated per environment", Area::Configuration,
                     "config classes for " + names + (app.env_selector.empty() ? "" : ", chosen by " + app.env_selector) +
                         " (" + fw::where(cls.site) + ")",
                     cls.site);
      }
      if (!prod->config_class.empty() && model.config_classes.at(prod->config_class).has_startup_check) {
        const auto& cls = model.config_classes.at(prod->config_class);
        fw::strength(project, "startup-validation", "Production refuses to start with missing or unsafe settings",
                     Area::Configuration, cls.name + " raises on bad settings (" + fw::where(cls.site) + ")", cls.site);
      }
      if (auto it = prod->values.find("WTF_CSRF_ENABLED"); it != prod->values.end() && it->second.is_false()) {
        fw::report(project, it->second.site, "WTF_CSRF_ENABLED = False applies in " + env + ", set in " +
                                                 fw::where(it->second) + ": CSRF protection is off");
      }
    }
    for (const frameworks::DjangoSettings& s : model.django_settings) {
      if (s.production) judge(project, s.values, "the production settings " + s.module);
    }
  }

 private:
  void judge(PythonProject& project, const std::map<std::string, fw::ConfigValue>& values, const std::string& env) const {
    auto it = values.find("DEBUG");
    if (it == values.end()) return;
    const fw::ConfigValue& v = it->second;
    if (v.is_true()) {
      fw::report(project, v.site, "DEBUG = True applies in " + env + ", set in " + fw::where(v));
    } else if (truthy_default(v)) {
      Finding* f = fw::report(project, v.site, "DEBUG is read from " + v.env_var + " with the default \"" + *v.env_default +
                                                   "\" in " + env + " (" + fw::where(v) +
                                                   "): a deployment that forgets the variable runs in debug mode");
      if (f) f->confidence = Confidence::Medium;
    }
  }
};

AEGIS_REGISTER_RULE(DebugInProduction);

}  // namespace
}  // namespace aegis::rules
