// CORS001 cors-permissive: any origin allowed (or reflected) for a service that uses
// credentials, or a wildcard origin list; flask_cors.CORS(app) with its defaults on an app
// with cookie sessions.
#include "frameworks/model_util.h"
#include "rules/frameworks/common.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "CORS001",
    .name = "cors-permissive",
    .title = "CORS allows any origin",
    .severity = Severity::High,
    .confidence = Confidence::High,
    .cwe = 942,
    .owasp = "A05:2021-Security Misconfiguration",
    .area = Area::Api,
    .flags = "`CORSMiddleware(allow_origins=[\"*\"])`, `allow_origin_regex=\".*\"`, "
             "`CORS(app, origins=\"*\")` and `CORS(app)` with defaults on an app with cookie sessions. "
             "With credentials allowed (`allow_credentials=True`, `supports_credentials=True`): high; "
             "a wildcard without credentials: medium. An explicit list of origins, or origins read "
             "from configuration, is not flagged.",
    .why = "A wildcard lets any website call the API from its visitors' browsers and read the answers; "
           "with credentials (or a reflected origin) those calls carry the victim's cookies or tokens.",
    .example = "app.add_middleware(CORSMiddleware, allow_origins=[\"*\"], allow_credentials=True)",
    .fix = "List the front-end origins: `allow_origins=settings.cors_origins` (e.g. "
           "[\"https://app.example.com\"]), read from configuration per environment.",
    .effort = "15 min",
    .references = {"https://fastapi.tiangolo.com/tutorial/cors/",
                   "https://flask-cors.readthedocs.io/en/latest/",
                   "https://cwe.mitre.org/data/definitions/942.html"},
};

bool wildcard(const PythonModule& m, const py::Expr* e) {
  if (!e) return false;
  if (auto s = frameworks::util::string_value(m, e)) return *s == "*" || *s == ".*" || *s == "^.*$";
  if (auto list = frameworks::util::string_list(m, e)) {
    for (const std::string& s : *list) {
      if (s == "*") return true;
    }
  }
  return false;
}

class CorsPermissive final : public Rule {
 public:
  CorsPermissive() : Rule(kMeta) {}
  bool wants_python_project() const override { return true; }
  bool about_applications() const override { return true; }

  void check_python_project(PythonProject& project) const override {
    const fw::AppModel& model = fw::app_model(project);
    for (const fw::App& app : model.apps) {
      for (const frameworks::Control& c : app.controls) {
        if (c.kind != "cors" || !c.call) continue;
        const PythonModule& m = *c.site.module;
        using frameworks::util::keyword_value;
        const py::Expr* origins = keyword_value(*c.call, "allow_origins");
        if (!origins) origins = keyword_value(*c.call, "origins");
        if (!origins) origins = keyword_value(*c.call, "allow_origin_regex");
        const py::Expr* creds = keyword_value(*c.call, "allow_credentials");
        if (!creds) creds = keyword_value(*c.call, "supports_credentials");
        bool credentials = creds && m.unit.model->constant_value(creds) &&
                           m.unit.model->constant_value(creds)->kind == py::ConstantKind::True;
        bool flask_cors = frameworks::util::contains(c.name, "flask_cors");
        if (wildcard(m, origins)) {
          Finding* f = fw::report(project, c.site, "CORS allows any origin (" + frameworks::source_text(m, origins) + ")" +
                                                       (credentials ? " with credentials: any site can make "
                                                                      "authenticated calls and read the answers"
                                                                    : ": any site can call the API from its visitors' browsers"));
          if (f && !credentials) f->severity = Severity::Medium;
        } else if (!origins && flask_cors && !frameworks::util::contains(c.detail, "resources=") &&
                   fw::uses_cookie_sessions(project, app)) {
          Finding* f = fw::report(project, c.site, "CORS(" + app.name + ") with its defaults allows every origin on an "
                                                   "app with cookie sessions");
          if (f) f->severity = Severity::Medium;
        } else if (origins && !wildcard(m, origins)) {
          fw::strength(project, "cors-restricted", "CORS limited to listed origins", Area::Api,
                       "origins " + frameworks::source_text(m, origins) + " in " + fw::where(c.site), c.site);
        }
      }
    }
  }
};

AEGIS_REGISTER_RULE(CorsPermissive);

}  // namespace
}  // namespace aegis::rules
