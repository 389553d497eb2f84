// SES001 session-cookie-not-secure: the production configuration sends the session (or
// remember-me) cookie without the Secure flag -- set to False, or left to a default that
// is False, often inherited from a base config class that development shares.
#include "frameworks/model_util.h"
#include "rules/frameworks/common.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "SES001",
    .name = "session-cookie-not-secure",
    .title = "session cookie without the Secure flag in production",
    .severity = Severity::High,
    .confidence = Confidence::High,
    .cwe = 614,
    .owasp = "A05:2021-Security Misconfiguration",
    .area = Area::Authentication,
    .flags = "Flask: `SESSION_COOKIE_SECURE` (and `REMEMBER_COOKIE_SECURE` when Flask-Login is used) "
             "False in the configuration production runs with -- the production config class "
             "after inheritance and `app.config` assignments -- or unset there while an "
             "environment-specific config exists and the app uses cookie sessions (Flask-Login, "
             "`flask.session`). Django: `SESSION_COOKIE_SECURE` / "
             "`CSRF_COOKIE_SECURE` not True in the production settings module (split settings "
             "merged). A value read from the environment is not flagged.",
    .why = "Without Secure the browser also sends the session cookie over plain HTTP (a redirect, "
           "a mixed-content request, an HTTP fallback): anyone on the network path reads it and "
           "takes over the session.",
    .example = "class Config:\n    SESSION_COOKIE_SECURE = False\n\nclass ProductionConfig(Config):\n    DEBUG = False",
    .fix = "Set it in the production class: `SESSION_COOKIE_SECURE = True` (and "
           "`REMEMBER_COOKIE_SECURE = True`); Django: `SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True` "
           "in the production settings.",
    .effort = "10 min",
    .references = {"https://flask.palletsprojects.com/en/latest/security/#set-cookie-options",
                   "https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-secure",
                   "https://cwe.mitre.org/data/definitions/614.html"},
};

class SessionCookieSecure final : public Rule {
 public:
  SessionCookieSecure() : Rule(kMeta) {}
  bool wants_python_project() const override { return true; }
  bool about_applications() const override { return true; }

  void check_python_project(PythonProject& project) const override {
    const fw::AppModel& model = fw::app_model(project);
    for (const fw::App& app : model.apps) {
      if (app.framework != frameworks::Framework::Flask) continue;
      const frameworks::Environment* prod = app.production();
      if (!prod) continue;
      bool classes = !prod->config_class.empty();
      std::vector<std::string> keys{"SESSION_COOKIE_SECURE"};
      if (app.control("login")) keys.push_back("REMEMBER_COOKIE_SECURE");
      bool all_secure = true;
      for (const std::string& key : keys) {
        auto it = prod->values.find(key);
        if (it != prod->values.end()) {
          const fw::ConfigValue& v = it->second;
          if (v.is_true() || v.kind == fw::ConfigValue::Kind::Environment) continue;
          all_secure = false;
          if (!v.is_false()) continue;
          std::string env = classes ? "production (" + short_name(prod->config_class) + ")" : "every environment";
          std::string inherited = classes && v.origin != short_name(prod->config_class)
                                      ? ", inherited: " + short_name(prod->config_class) + " does not override it"
                                      : "";
          fw::report(project, v.site,
                     key + " = False applies in " + env + ": set in " + fw::where(v) + inherited +
                         "; the cookie also travels over plain HTTP");
        } else if (key == "SESSION_COOKIE_SECURE") {
          all_secure = false;
          if (!classes || !fw::uses_cookie_sessions(project, app)) continue;
          const auto& cls = model.config_classes.at(prod->config_class);
          Finding* f = fw::report(project, cls.site,
                                  key + " is not set in " + cls.name + " (" + fw::where(cls.site) +
                                      ") nor inherited: Flask's default False sends the session cookie over HTTP");
          if (f) f->severity = Severity::Medium;
        }
      }
      if (all_secure && classes) {
        const fw::ConfigValue& v = prod->values.at("SESSION_COOKIE_SECURE");
        fw::strength(project, "secure-session-cookies", "Session cookies are Secure in production",
                     Area::Authentication, "SESSION_COOKIE_SECURE = " + v.text + " in " + fw::where(v), v.site);
      }
    }
    for (const frameworks::DjangoSettings& s : model.django_settings) {
      if (!s.production) continue;
      for (const char* key : {"SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"}) {
        auto it = s.values.find(key);
        if (it == s.values.end()) {
          Finding* f = fw::report(project, s.site, std::string(key) + " is not set in the production settings " +
                                                       s.module + ": Django's default False sends the cookie over HTTP");
          if (f) f->severity = Severity::Medium;
        } else if (it->second.is_false()) {
          fw::report(project, it->second.site, std::string(key) + " = False in the production settings (" +
                                                   fw::where(it->second) + ")");
        }
      }
    }
  }

 private:
  static std::string short_name(const std::string& qualified) {
    return std::string(frameworks::util::last_component(qualified));
  }
};

AEGIS_REGISTER_RULE(SessionCookieSecure);

}  // namespace
}  // namespace aegis::rules
