// TNT016 cookie-without-secure: cookie set without the Secure flag (CWE-614), with the flag's value folded by the data-flow
// engine (a variable, a branch decided by constants, an options dict passed as **kwargs).
#include "rules/python_project.h"
#include "rules/rule.h"
#include "rules/taint/cookie_flags.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "TNT016",
    .name = "cookie-without-secure",
    .title = "Cookie set without the Secure flag",
    .severity = Severity::Medium,
    .confidence = Confidence::High,
    .cwe = 614,
    .owasp = "A05:2021-Security Misconfiguration",
    .area = Area::Authentication,
    .flags = "set_cookie() calls (Flask/Werkzeug, Django, Starlette/FastAPI responses) where secure is False, "
             "or not given (the default is False), after the data-flow engine folds variables and **options.",
    .why = "Browsers send a cookie without Secure over plain HTTP as well: a single http:// request (a link, a downgrade) exposes it to the network.",
    .example = "response.set_cookie(\"remember\", token)",
    .fix = "Set the flag: response.set_cookie(\"remember\", token, secure=True, httponly=True, samesite=\"Lax\")",
    .effort = "5 min",
    .references = {"https://cwe.mitre.org/data/definitions/614.html", "docs/dataflow.md"},
    .bandit = "",
    .ruff = "",
};

class CookieWithoutSecure final : public Rule {
 public:
  CookieWithoutSecure() : Rule(kMeta) {}
  bool wants_python_project() const override { return true; }
  void check_python_project(PythonProject& project) const override {
    for (const dataflow::CallObservation& o : dataflow::analyse(project).observations) {
      if (o.callee != ".set_cookie") continue;
      CookieFlag flag = cookie_flag(o, "secure", 6);
      if (flag != CookieFlag::False && flag != CookieFlag::Absent) continue;
      std::string how = flag == CookieFlag::Absent ? "without secure=True" : "with secure off";
      project.report(*o.module, *o.call, "set_cookie() sets " + cookie_name(o) + " " + how + ": sent over plain HTTP too, where anyone on the network path can read and replay it");
    }
  }
};

}  // namespace
AEGIS_REGISTER_RULE(CookieWithoutSecure);
}  // namespace aegis::rules
