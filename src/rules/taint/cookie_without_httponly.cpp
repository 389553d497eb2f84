// TNT017 cookie-without-httponly: cookie set without the HttpOnly flag (CWE-1004), with the flag's value folded by the data-flow
// engine (a variable, a branch decided by constants, an options dict passed as **kwargs).
#include "rules/python_project.h"
#include "rules/rule.h"
#include "rules/taint/cookie_flags.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "TNT017",
    .name = "cookie-without-httponly",
    .title = "Cookie set without the HttpOnly flag",
    .severity = Severity::Low,
    .confidence = Confidence::High,
    .cwe = 1004,
    .owasp = "A05:2021-Security Misconfiguration",
    .area = Area::Authentication,
    .flags = "set_cookie() calls (Flask/Werkzeug, Django, Starlette/FastAPI responses) where httponly is False, "
             "or not given (the default is False), after the data-flow engine folds variables and **options.",
    .why = "Without HttpOnly, document.cookie hands the value to every script in the page: an XSS flaw anywhere becomes a stolen session or token.",
    .example = "response.set_cookie(\"session_id\", sid, secure=True)",
    .fix = "Set the flag: response.set_cookie(\"session_id\", sid, secure=True, httponly=True, samesite=\"Lax\")",
    .effort = "5 min",
    .references = {"https://cwe.mitre.org/data/definitions/1004.html", "docs/dataflow.md"},
    .bandit = "",
    .ruff = "",
};

class CookieWithoutHttponly final : public Rule {
 public:
  CookieWithoutHttponly() : Rule(kMeta) {}
  bool wants_python_project() const override { return true; }
  void check_python_project(PythonProject& project) const override {
    for (const dataflow::CallObservation& o : dataflow::analyse(project).observations) {
      if (o.callee != ".set_cookie") continue;
      CookieFlag flag = cookie_flag(o, "httponly", 7);
      if (flag != CookieFlag::False && flag != CookieFlag::Absent) continue;
      std::string how = flag == CookieFlag::Absent ? "without httponly=True" : "with httponly off";
      project.report(*o.module, *o.call, "set_cookie() sets " + cookie_name(o) + " " + how + ": readable by any script on the page, so one XSS flaw steals it");
    }
  }
};

}  // namespace
AEGIS_REGISTER_RULE(CookieWithoutHttponly);
}  // namespace aegis::rules
