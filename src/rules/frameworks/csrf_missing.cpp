// CSRF001 csrf-protection-missing: a Flask app that keeps users in cookie sessions and has
// state-changing routes, with no CSRF protection initialised (Flask-WTF CSRFProtect,
// SeaSurf) -- or with it switched off in production.
#include "frameworks/model_util.h"
#include "rules/frameworks/common.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "CSRF001",
    .name = "csrf-protection-missing",
    .title = "cookie-session app with state-changing routes and no CSRF protection",
    .severity = Severity::High,
    .confidence = Confidence::Medium,
    .cwe = 352,
    .owasp = "A01:2021-Broken Access Control",
    .area = Area::Authentication,
    .flags = "A Flask app that uses cookie sessions (Flask-Login, `flask.session`) and has POST, PUT, "
             "PATCH or DELETE routes, with no `CSRFProtect(app)` / `csrf.init_app(app)` (Flask-WTF) or "
             "SeaSurf. Reported once per app, at the app, naming the state-changing routes. Django: "
             "production settings whose `MIDDLEWARE` lacks `django.middleware.csrf.CsrfViewMiddleware`.",
    .why = "With cookie sessions the browser attaches the session to any request, including one another "
           "site makes it send: without a CSRF token a malicious page can post, delete and change "
           "settings as the victim.",
    .example = "app = Flask(__name__)\nlogin_manager = LoginManager(app)\n\n@app.route(\"/profile\", methods=[\"POST\"])\ndef update_profile(): ...",
    .fix = "`from flask_wtf.csrf import CSRFProtect; csrf = CSRFProtect(app)`, and send the token "
           "(`X-CSRFToken` header or form field) from every form and fetch call.",
    .effort = "1 h",
    .references = {"https://flask-wtf.readthedocs.io/en/stable/csrf/",
                   "https://owasp.org/www-community/attacks/csrf",
                   "https://cwe.mitre.org/data/definitions/352.html"},
};

class CsrfMissing final : public Rule {
 public:
  CsrfMissing() : Rule(kMeta) {}
  bool wants_python_project() const override { return true; }
  bool about_applications() const override { return true; }

  void check_python_project(PythonProject& project) const override {
    const fw::AppModel& model = fw::app_model(project);
    for (const fw::App& app : model.apps) {
      if (app.framework != frameworks::Framework::Flask) continue;
      if (const frameworks::Control* csrf = app.control("csrf")) {
        fw::strength(project, "csrf-protection", "CSRF protection initialised for the Flask app", Area::Authentication,
                     std::string(frameworks::util::last_component(csrf->name)) + " in " + fw::where(csrf->site),
                     csrf->site);
        continue;
      }
      if (!fw::uses_cookie_sessions(project, app)) continue;
      std::vector<std::string> changing;
      for (const fw::Route& r : app.routes) {
        if (r.state_changing()) changing.push_back(r.methods.front() + " " + r.path);
      }
      if (changing.empty()) continue;
      std::string list;
      for (std::size_t i = 0; i < changing.size() && i < 4; ++i) list += (i ? ", " : "") + changing[i];
      if (changing.size() > 4) list += ", ... (" + std::to_string(changing.size()) + " in all)";
      fw::report(project, app.site, "the app " + app.name + " uses cookie sessions and has state-changing routes (" +
                                        list + ") but no CSRF protection is initialised");
    }
    // Django: the production settings' MIDDLEWARE without CsrfViewMiddleware.
    for (const frameworks::DjangoSettings& s : model.django_settings) {
      if (!s.production || s.middleware.empty()) continue;
      auto mw = s.values.find("MIDDLEWARE");
      bool csrf = false;
      for (const std::string& m : s.middleware) {
        if (frameworks::util::contains(m, "CsrfViewMiddleware")) csrf = true;
      }
      if (csrf) {
        fw::strength(project, "csrf-protection", "CSRF middleware enabled in the Django settings", Area::Authentication,
                     "CsrfViewMiddleware in MIDDLEWARE of " + s.module, mw != s.values.end() ? mw->second.site : s.site);
      } else if (mw != s.values.end()) {
        fw::report(project, mw->second.site, "MIDDLEWARE of " + s.module +
                                                 " has no django.middleware.csrf.CsrfViewMiddleware: forms and views "
                                                 "accept cross-site posts");
      }
    }
  }
};

AEGIS_REGISTER_RULE(CsrfMissing);

}  // namespace
}  // namespace aegis::rules
