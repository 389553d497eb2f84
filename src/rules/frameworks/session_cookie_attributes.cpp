// SES002 session-cookie-weak-attributes: production sessions readable by scripts (HttpOnly
// off), sent cross-site (SameSite=None) or living too long (a lifetime over a day, or
// Flask's 31-day default where production was otherwise tuned).
#include "frameworks/model_util.h"
#include "rules/frameworks/common.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "SES002",
    .name = "session-cookie-weak-attributes",
    .title = "production session cookie readable by scripts, sent cross-site or long-lived",
    .severity = Severity::Medium,
    .confidence = Confidence::High,
    .cwe = 1004,
    .owasp = "A07:2021-Identification and Authentication Failures",
    .area = Area::Authentication,
    .flags = "In the configuration production runs with: `SESSION_COOKIE_HTTPONLY = False`, "
             "`SESSION_COOKIE_SAMESITE = None`/\"None\", `PERMANENT_SESSION_LIFETIME` (Flask) or "
             "`SESSION_COOKIE_AGE` (Django) over 24 hours, and -- when the app has a production "
             "config class -- `PERMANENT_SESSION_LIFETIME` left to Flask's 31-day default. "
             "Values read from the environment are not judged.",
    .why = "HttpOnly keeps a script injected into any page from reading the session; SameSite "
           "keeps other sites from riding it; a short lifetime bounds how long a stolen cookie works.",
    .example = "class Config:\n    PERMANENT_SESSION_LIFETIME = timedelta(days=31)\n\nclass ProductionConfig(Config):\n    DEBUG = False",
    .fix = "In the production class: `SESSION_COOKIE_HTTPONLY = True`, `SESSION_COOKIE_SAMESITE = \"Lax\"`, "
           "`PERMANENT_SESSION_LIFETIME = timedelta(hours=1)`.",
    .effort = "10 min",
    .references = {"https://flask.palletsprojects.com/en/latest/config/#PERMANENT_SESSION_LIFETIME",
                   "https://owasp.org/www-community/HttpOnly",
                   "https://cwe.mitre.org/data/definitions/1004.html"},
};

constexpr double kDay = 86400;

std::string human(double seconds) {
  if (seconds >= kDay && static_cast<long>(seconds) % 86400 == 0) return std::to_string(static_cast<long>(seconds / kDay)) + " days";
  if (seconds >= 3600 && static_cast<long>(seconds) % 3600 == 0) return std::to_string(static_cast<long>(seconds / 3600)) + " hours";
  return std::to_string(static_cast<long>(seconds)) + " seconds";
}

class SessionCookieAttributes final : public Rule {
 public:
  SessionCookieAttributes() : Rule(kMeta) {}
  bool wants_python_project() const override { return true; }
  bool about_applications() const override { return true; }

  void check_python_project(PythonProject& project) const override {
    const fw::AppModel& model = fw::app_model(project);
    for (const fw::App& app : model.apps) {
      if (app.framework != frameworks::Framework::Flask) continue;
      const frameworks::Environment* prod = app.production();
      if (!prod) continue;
      std::string env = prod->config_class.empty() ? "every environment"
                                                   : "production (" + std::string(frameworks::util::last_component(prod->config_class)) + ")";
      judge(project, prod->values, env);
      bool lifetime_ok = false;
      if (auto it = prod->values.find("PERMANENT_SESSION_LIFETIME"); it != prod->values.end()) {
        lifetime_ok = it->second.seconds > 0 && it->second.seconds <= kDay;
      } else if (!prod->config_class.empty() && fw::uses_cookie_sessions(project, app)) {
        const auto& cls = model.config_classes.at(prod->config_class);
        fw::report(project, cls.site,
                   "PERMANENT_SESSION_LIFETIME is not set in " + cls.name + " (" + fw::where(cls.site) +
                       ") nor inherited: permanent sessions last Flask's default 31 days");
      }
      if (lifetime_ok) {
        const fw::ConfigValue& v = prod->values.at("PERMANENT_SESSION_LIFETIME");
        fw::strength(project, "session-expiry", "Sessions expire within a day in production", Area::Authentication,
                     "PERMANENT_SESSION_LIFETIME = " + v.text + " in " + fw::where(v), v.site);
      }
    }
    for (const frameworks::DjangoSettings& s : model.django_settings) {
      if (s.production) judge(project, s.values, "the production settings " + s.module);
    }
  }

 private:
  void judge(PythonProject& project, const std::map<std::string, fw::ConfigValue>& values, const std::string& env) const {
    if (auto it = values.find("SESSION_COOKIE_HTTPONLY"); it != values.end() && it->second.is_false()) {
      fw::report(project, it->second.site,
                 "SESSION_COOKIE_HTTPONLY = False applies in " + env + ", set in " + fw::where(it->second) +
                     ": scripts on the page can read the session cookie");
    }
    if (auto it = values.find("SESSION_COOKIE_SAMESITE"); it != values.end()) {
      const fw::ConfigValue& v = it->second;
      bool none = (v.constant && v.constant->kind == py::ConstantKind::None) ||
                  (v.is_string() && frameworks::util::lower(v.constant->text) == "none");
      if (none)
        fw::report(project, v.site, "SESSION_COOKIE_SAMESITE = " + v.text + " applies in " + env + ", set in " +
                                        fw::where(v) + ": the cookie goes with cross-site requests");
    }
    for (const char* key : {"PERMANENT_SESSION_LIFETIME", "SESSION_COOKIE_AGE", "REMEMBER_COOKIE_DURATION"}) {
      auto it = values.find(key);
      if (it == values.end() || it->second.seconds <= kDay) continue;
      fw::report(project, it->second.site, std::string(key) + " = " + it->second.text + " (" + human(it->second.seconds) +
                                               ") applies in " + env + ", set in " + fw::where(it->second) +
                                               ": a stolen session works that long");
    }
  }
};

AEGIS_REGISTER_RULE(SessionCookieAttributes);

}  // namespace
}  // namespace aegis::rules
