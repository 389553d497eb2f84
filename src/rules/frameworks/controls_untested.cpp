// TST001 security-control-untested: CSRF protection, rate limiting, authentication or
// session expiry that the app has but its test suite never exercises (no test posts
// without a token and expects 400, none expects 429, 401/403, or an expired session).
#include <algorithm>

#include "frameworks/model_util.h"
#include "rules/frameworks/common.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "TST001",
    .name = "security-control-untested",
    .title = "security control never exercised by the tests",
    .severity = Severity::Medium,
    .confidence = Confidence::Medium,
    .cwe = 1125,
    .owasp = "A04:2021-Insecure Design",
    .area = Area::Testing,
    .flags = "In a project with tests: CSRF protection with no test mentioning CSRF and expecting 400; "
             "a rate limit (Flask-Limiter, slowapi or hand-rolled) with no test expecting 429; "
             "authentication decorators or dependencies with no test expecting 401 or 403; a session or "
             "token lifetime (production `PERMANENT_SESSION_LIFETIME`, Django `SESSION_COOKIE_AGE`, a JWT "
             "created with an `exp` claim) with no test about expiry (none mentions expiry or the lifetime, "
             "freezes time, or sets `exp`). Reported at the control.",
    .why = "A control nobody tests breaks silently: a refactor drops the limiter or the token check and "
           "the suite stays green until an attacker notices.",
    .example = "csrf = CSRFProtect(app)  # tests/ never posts without a token",
    .fix = "Add a test per control: post without the CSRF token and expect 400; exceed the limit and "
           "expect 429; call a protected route anonymously and expect 401.",
    .effort = "2 h",
    .references = {"https://flask.palletsprojects.com/en/latest/testing/"},
};

class ControlsUntested final : public Rule {
 public:
  ControlsUntested() : Rule(kMeta) {}
  bool wants_python_project() const override { return true; }
  bool about_applications() const override { return true; }

  void check_python_project(PythonProject& project) const override {
    const fw::AppModel& model = fw::app_model(project);
    for (const fw::App& app : model.apps) {
      if (!app.site.module->unit.in_test) check_app(project, model, app);
    }
    // Django: the session age of the production settings.
    for (const frameworks::DjangoSettings& settings : model.django_settings) {
      auto age = settings.values.find("SESSION_COOKIE_AGE");
      if (!settings.production || age == settings.values.end() || settings.site.module->unit.in_test) continue;
      std::vector<const PythonModule*> test_modules = tests_of(model, root_of(*settings.site.module));
      if (test_modules.empty()) continue;
      judge_expiry(project, test_modules, age->second.site,
                   "session expiry (SESSION_COOKIE_AGE = " + age->second.text + " in " + settings.module + ")");
    }
  }

 private:
  // "svc/" for svc/app.py, "" for app.py: the top-level directory of a module.
  static std::string root_of(const PythonModule& m) {
    const std::string& rel = m.relative_path;
    return rel.find('/') == std::string::npos ? std::string() : rel.substr(0, rel.find('/') + 1);
  }

  // The tests of an app: the test modules below the app's top-level directory (the whole
  // project when the app is at the root) and those of a top-level tests/, so each service of
  // a monorepo answers for its own.
  static std::vector<const PythonModule*> tests_of(const fw::AppModel& model, const std::string& root) {
    std::vector<const PythonModule*> test_modules;
    for (const PythonModule* m : model.facts.test_modules) {
      // Below the app's directory, or in the project's top-level tests/ (a src/ + tests/ layout).
      bool top_level = m->relative_path.rfind("tests/", 0) == 0 || m->relative_path.rfind("test/", 0) == 0 ||
                       m->relative_path.find('/') == std::string::npos;
      if (m->relative_path.compare(0, root.size(), root) == 0 || top_level) test_modules.push_back(m);
    }
    return test_modules;
  }

  // The test that shows a control is exercised: the first statement of a test module holding
  // the marker (lower case), or no site.
  static fw::Site evidence(const std::vector<const PythonModule*>& test_modules, std::string_view marker) {
    for (const PythonModule* m : test_modules) {
      std::string text = frameworks::util::lower(m->unit.text);
      std::size_t at = text.find(marker);
      if (at == std::string::npos) continue;
      int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
      for (const py::Stmt* s : m->unit.module->body) {
        if (s->lineno <= line && s->end_lineno >= line) return {m, s};
      }
    }
    return {};
  }

  // Session/token expiry: a test mentioning expiry or the lifetime, freezing time, or setting
  // a token's exp. Reported at the setting.
  void judge_expiry(PythonProject& project, const std::vector<const PythonModule*>& test_modules, const fw::Site& site,
                    const std::string& control) const {
    static const char* kMarkers[] = {"expir", "lifetime", "session_cookie_age", "freeze_time", "freezegun",
                                     "time_machine", "\"exp\"", "'exp'"};
    for (const char* marker : kMarkers) {
      fw::Site where = evidence(test_modules, marker);
      if (!where.module) continue;
      fw::strength(project, "security-tests", "Security controls are tested", Area::Testing,
                   control + " exercised by the tests (a test about an expired session or token)", where);
      return;
    }
    fw::report(project, site, control + " is never exercised by the tests: no test lets a session or token expire "
                                        "(freeze time, shorten the lifetime, or set exp in the past)");
  }

  void check_app(PythonProject& project, const fw::AppModel& model, const fw::App& app) const {
    std::string root = root_of(*app.site.module);
    std::vector<const PythonModule*> test_modules = tests_of(model, root);
    if (test_modules.empty()) return;
    std::string tests;
    for (const PythonModule* m : test_modules) tests += frameworks::util::lower(m->unit.text);
    auto mentions = [&](std::string_view w) { return frameworks::util::contains(tests, w); };
    bool csrf_tested = mentions("csrf") && mentions("400");
    bool rate_tested = mentions("429");
    bool auth_tested = mentions("401") || mentions("403");
    {
      auto judge = [&](bool tested, const fw::Site& site, const std::string& control, const std::string& expect,
                       std::string_view marker) {
        if (tested) {
          fw::Site where = evidence(test_modules, marker);
          fw::strength(project, "security-tests", "Security controls are tested", Area::Testing,
                       control + " exercised by the tests (a test " + expect + ")", where.module ? where : site);
          return;
        }
        fw::report(project, site, control + " is never exercised by the tests: no test " + expect);
      };
      if (const frameworks::Control* csrf = app.control("csrf"))
        judge(csrf_tested, csrf->site, "CSRF protection", "posts without a token and expects 400", "csrf");
      const fw::Route* limited = nullptr;
      const fw::Route* protected_route = nullptr;
      for (const fw::Route& r : app.routes) {
        if (r.rate_limited && !limited) limited = &r;
        if (r.authenticated && !protected_route) protected_route = &r;
      }
      const frameworks::Control* limiter = app.control("limiter");
      if (limiter) judge(rate_tested, limiter->site, "rate limiting", "expects 429", "429");
      else if (limited) judge(rate_tested, limited->site, "the rate limit on " + limited->path, "expects 429", "429");
      if (protected_route)
        judge(auth_tested, protected_route->site, "authentication of " + protected_route->path, "expects 401 or 403",
              auth_tested && mentions("401") ? "401" : "403");
    }
    // Session lifetime of production, else tokens the app signs with an expiry.
    const fw::ConfigValue* lifetime = fw::production_value(app, "PERMANENT_SESSION_LIFETIME");
    if (lifetime && lifetime->site.module && !lifetime->site.module->unit.in_test) {
      judge_expiry(project, test_modules, lifetime->site,
                   "session expiry (PERMANENT_SESSION_LIFETIME = " + lifetime->text + " in " + fw::where(*lifetime) + ")");
    } else if (fw::Site token = fw::jwt_expiry_claim(project, root); token.module) {
      judge_expiry(project, test_modules, token, "token expiry (jwt.encode with exp in " + fw::where(token) + ")");
    }
  }
};

AEGIS_REGISTER_RULE(ControlsUntested);

}  // namespace
}  // namespace aegis::rules
