// RATE001 auth-route-no-rate-limit: login, registration, password-reset and token routes
// that nothing rate-limits (no Flask-Limiter/slowapi decorator, no default limits, no
// hand-rolled limiter called in the view).
#include "frameworks/model_util.h"
#include "rules/frameworks/common.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "RATE001",
    .name = "auth-route-no-rate-limit",
    .title = "authentication route without rate limiting",
    .severity = Severity::Medium,
    .confidence = Confidence::Medium,
    .cwe = 307,
    .owasp = "A07:2021-Identification and Authentication Failures",
    .area = Area::Authentication,
    .flags = "POST routes whose path or view name is about login, sign-up/registration, password reset, "
             "one-time codes or tokens, with no `@limiter.limit(...)` (Flask-Limiter, slowapi), no "
             "limiter with `default_limits`, no rate-limit dependency, and no hand-rolled limiter "
             "called in the view (a function named like `rate_limit`, `throttle`, `too_many_attempts`).",
    .why = "Unlimited login and reset attempts make password guessing and credential stuffing a matter of "
           "bandwidth, and sign-up without limits invites mass account creation.",
    .example = "@app.route(\"/api/login\", methods=[\"POST\"])\ndef login(): ...",
    .fix = "`limiter = Limiter(get_remote_address, app=app, storage_uri=REDIS_URL)` and "
           "`@limiter.limit(\"5 per minute\")` on the view (slowapi for FastAPI).",
    .effort = "30 min",
    .references = {"https://flask-limiter.readthedocs.io/",
                   "https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html",
                   "https://cwe.mitre.org/data/definitions/307.html"},
};

bool auth_route(const fw::Route& r) {
  std::string l = frameworks::util::lower(r.path + " " + r.function);
  for (const char* w : {"login", "signin", "sign-in", "sign_in", "register", "signup", "sign-up", "sign_up",
                        "password", "reset", "forgot", "otp", "/token", "verify-code", "mfa"}) {
    if (frameworks::util::contains(l, w)) return true;
  }
  return false;
}

class AuthRouteNoRateLimit final : public Rule {
 public:
  AuthRouteNoRateLimit() : Rule(kMeta) {}
  bool wants_python_project() const override { return true; }
  bool about_applications() const override { return true; }

  void check_python_project(PythonProject& project) const override {
    const fw::AppModel& model = fw::app_model(project);
    for (const fw::App& app : model.apps) {
      const frameworks::Control* limiter = app.control("limiter");
      bool defaults = limiter && frameworks::util::contains(limiter->detail, "default_limits");
      std::vector<std::string> limited;
      const fw::Route* first = nullptr;
      for (const fw::Route& r : app.routes) {
        if (!r.state_changing() || !auth_route(r) || r.site.module->unit.in_test) continue;
        if (r.rate_limited || defaults) {
          limited.push_back(r.path);
          if (!first) first = &r;
          continue;
        }
        fw::report(project, r.site, r.function + " (" + r.methods.front() + " " + r.path +
                                        ") accepts credentials with no rate limit: guessing is unbounded");
      }
      if (first) {
        std::string list;
        for (std::size_t i = 0; i < limited.size(); ++i) list += (i ? ", " : "") + limited[i];
        fw::strength(project, "rate-limiting", "Authentication routes are rate limited", Area::Authentication,
                     "rate limit on " + list, first->site);
      }
    }
  }
};

AEGIS_REGISTER_RULE(AuthRouteNoRateLimit);

}  // namespace
}  // namespace aegis::rules
