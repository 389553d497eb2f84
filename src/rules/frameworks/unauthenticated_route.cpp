// AUTH002 state-changing-route-unauthenticated: in an app whose other routes require
// authentication (decorator or dependency), a POST/PUT/PATCH/DELETE route with none and no
// app-wide hook or middleware that could authenticate it. Also records the access-control
// strengths the same review looks for: role checks, password hashing with a real KDF, an
// admin role column.
#include "frameworks/model_util.h"
#include "rules/frameworks/common.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "AUTH002",
    .name = "state-changing-route-unauthenticated",
    .title = "state-changing route without authentication",
    .severity = Severity::High,
    .confidence = Confidence::Medium,
    .cwe = 862,
    .owasp = "A01:2021-Broken Access Control",
    .area = Area::Authorization,
    .flags = "A POST, PUT, PATCH or DELETE route with no authentication decorator (`login_required`, "
             "`jwt_required`, `admin_required`, ...) or dependency (`Depends(get_current_user)`), in an "
             "app where other routes have one, and no `before_request` hook or authentication "
             "middleware. Login, registration, logout, token, password-reset and webhook routes are "
             "public by design and not flagged.",
    .why = "When authentication is per route, the route someone forgot is open to everyone: the pattern "
           "of the app shows it was meant to be protected.",
    .example = "@app.route(\"/api/admin/courses\", methods=[\"POST\"])\ndef create_course(): ...",
    .fix = "Add the decorator or dependency the other routes use, or move authentication to the "
           "blueprint/router (`dependencies=[Depends(get_current_user)]`) so new routes inherit it.",
    .effort = "15 min",
    .references = {"https://cwe.mitre.org/data/definitions/862.html",
                   "https://flask-login.readthedocs.io/en/latest/#flask_login.login_required"},
};

bool public_by_design(const fw::Route& r) {
  std::string l = frameworks::util::lower(r.path + " " + r.function);
  for (const char* w : {"login", "logout", "signin", "sign-in", "register", "signup", "sign-up", "token",
                        "password", "reset", "forgot", "webhook", "health", "csrf", "callback", "verify"}) {
    if (frameworks::util::contains(l, w)) return true;
  }
  return false;
}

bool authenticating_middleware(const fw::App& app) {
  for (const frameworks::Control& c : app.controls) {
    std::string l = frameworks::util::lower(c.name + " " + c.detail);
    if (c.kind == "middleware" && (frameworks::util::contains(l, "auth") || frameworks::util::contains(l, "jwt") ||
                                   frameworks::util::contains(l, "token")))
      return true;
  }
  return !app.before_request.empty();
}

class UnauthenticatedRoute final : public Rule {
 public:
  UnauthenticatedRoute() : Rule(kMeta) {}
  bool wants_python_project() const override { return true; }
  bool about_applications() const override { return true; }

  void check_python_project(PythonProject& project) const override {
    const fw::AppModel& model = fw::app_model(project);
    for (const fw::App& app : model.apps) {
      int authenticated = 0;
      const fw::Route* role_check = nullptr;
      for (const fw::Route& r : app.routes) {
        if (!r.authenticated) continue;
        ++authenticated;
        for (const std::string& d : r.decorators) {
          std::string l = frameworks::util::lower(frameworks::util::last_component(d));
          if (!role_check && (frameworks::util::contains(l, "admin") || frameworks::util::contains(l, "role") ||
                              frameworks::util::contains(l, "permission")))
            role_check = &r;
        }
      }
      if (role_check) {
        fw::strength(project, "role-checks", "Role checks on privileged routes", Area::Authorization,
                     role_check->function + " (" + role_check->path + ") requires a role", role_check->site);
      }
      if (authenticated == 0 || authenticating_middleware(app)) continue;
      for (const fw::Route& r : app.routes) {
        if (r.authenticated || !r.state_changing() || public_by_design(r)) continue;
        fw::report(project, r.site, r.function + " (" + r.methods.front() + " " + r.path + ") changes state with no "
                                    "authentication, while " + std::to_string(authenticated) + " other route(s) of " +
                                    app.name + " require it");
      }
    }
    record_strengths(project);
  }

 private:
  void record_strengths(PythonProject& project) const {
    bool hashing = false, admin_column = false;
    static const sem::QualifiedNameSet kKdf{
        "werkzeug.security.generate_password_hash", "bcrypt.hashpw", "argon2.PasswordHasher.hash",
        "passlib.hash.bcrypt.hash", "passlib.context.CryptContext.hash", "django.contrib.auth.hashers.make_password",
        "hashlib.scrypt", "hashlib.pbkdf2_hmac"};
    for (const PythonModule* m : project.modules) {
      if (!m || !m->unit.module || m->unit.in_test) continue;
      frameworks::util::walk(m->unit.module, [&](const py::Node* n) {
        if (const auto* call = py::dyn_cast<py::Call>(n); call && !hashing) {
          const std::string& q = m->unit.model->qualified_name_ref(call);
          if (kKdf.contains(q)) {
            hashing = true;
            fw::strength(project, "password-hashing", "Passwords hashed with a key-derivation function",
                         Area::Authentication, q + " in " + fw::where({m, call}), {m, call});
          }
        }
        // is_admin = db.Column(db.Boolean ...) / role = Column(...)
        if (const auto* assign = py::dyn_cast<py::Assign>(n); assign && !admin_column) {
          const auto* target = assign->targets.size() == 1 ? py::dyn_cast<py::Name>(assign->targets[0]) : nullptr;
          const auto* call = py::dyn_cast<py::Call>(assign->value);
          if (!target || !call || !m->unit.model->enclosing_class(assign)) return;
          std::string q = m->unit.model->qualified_name(call->func);
          bool column = frameworks::util::last_component(q) == "Column" || frameworks::util::last_component(q) == "mapped_column" ||
                        frameworks::util::last_component(frameworks::source_text(*m, call->func)) == "Column";
          if (column && (target->id == "is_admin" || target->id == "role" || target->id == "roles" || target->id == "is_staff")) {
            admin_column = true;
            fw::strength(project, "admin-role-column", "Administrators identified by a role column", Area::Authorization,
                         std::string(target->id) + " column in " + fw::where({m, assign}), {m, assign});
          }
        }
      });
    }
  }
};

AEGIS_REGISTER_RULE(UnauthenticatedRoute);

}  // namespace
}  // namespace aegis::rules
