// CSRF002 csrf-exempt-state-changing: a POST/PUT/PATCH/DELETE view (or blueprint) taken
// out of CSRF protection with csrf.exempt or Django's @csrf_exempt.
#include "frameworks/model_util.h"
#include "rules/frameworks/common.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "CSRF002",
    .name = "csrf-exempt-state-changing",
    .title = "state-changing route exempt from CSRF protection",
    .severity = Severity::Medium,
    .confidence = Confidence::Medium,
    .cwe = 352,
    .owasp = "A01:2021-Broken Access Control",
    .area = Area::Authentication,
    .flags = "`@csrf.exempt` (Flask-WTF), `csrf.exempt(blueprint)` or Django's `@csrf_exempt` on a view "
             "that accepts POST, PUT, PATCH or DELETE, unless the view is a webhook authenticated by its "
             "own signature (path or name containing `webhook`). GET-only views are not flagged.",
    .why = "The exemption removes the token check for exactly the requests CSRF is about: another site "
           "can make the victim's browser send them with the session cookie attached.",
    .example = "@csrf.exempt\n@app.route(\"/api/transfer\", methods=[\"POST\"])\ndef transfer(): ...",
    .fix = "Remove the exemption and send the token from the client; for machine-to-machine endpoints, "
           "authenticate with a header token or a signature instead of the session cookie.",
    .effort = "30 min",
    .references = {"https://flask-wtf.readthedocs.io/en/stable/csrf/#exclude-views-from-protection",
                   "https://docs.djangoproject.com/en/stable/ref/csrf/#django.views.decorators.csrf.csrf_exempt"},
};

class CsrfExempt final : public Rule {
 public:
  CsrfExempt() : Rule(kMeta) {}
  bool wants_python_project() const override { return true; }
  bool about_applications() const override { return true; }

  void check_python_project(PythonProject& project) const override {
    const fw::AppModel& model = fw::app_model(project);
    for (const fw::App& app : model.apps) {
      for (const fw::Route& r : app.routes) {
        if (!r.csrf_exempt || !r.state_changing()) continue;
        if (frameworks::util::contains(frameworks::util::lower(r.path + r.function), "webhook")) continue;
        fw::report(project, r.site, r.function + " (" + r.methods.front() + " " + r.path +
                                        ") changes state and is exempt from CSRF protection");
      }
    }
    // Django function views: @csrf_exempt on a view that handles POST.
    for (const PythonModule* m : project.modules) {
      if (!m || !m->unit.module || m->unit.in_test) continue;
      frameworks::util::walk(m->unit.module, [&](const py::Node* n) {
        const auto* fn = py::dyn_cast<py::FunctionDef>(n);
        if (!fn) return;
        bool exempt = false;
        for (const py::Expr* d : fn->decorator_list) {
          if (m->unit.model->qualified_name(d) == "django.views.decorators.csrf.csrf_exempt") exempt = true;
        }
        if (!exempt || frameworks::util::contains(frameworks::util::lower(fn->name), "webhook")) return;
        // A view that only reads (no POST handling in its body) is harmless.
        bool post = false;
        frameworks::util::walk(fn, [&](const py::Node* x) {
          if (const auto* a = py::dyn_cast<py::Attribute>(x); a && (a->attr == "POST" || a->attr == "body")) post = true;
          if (const auto* c = py::dyn_cast<py::Constant>(x); c && c->value.kind == py::ConstantKind::Str &&
                                                              (c->value.text == "POST" || c->value.text == "DELETE" || c->value.text == "PUT"))
            post = true;
        });
        if (post) fw::report(project, {m, fn}, std::string(fn->name) + " handles POST data and is @csrf_exempt");
      });
    }
  }
};

AEGIS_REGISTER_RULE(CsrfExempt);

}  // namespace
}  // namespace aegis::rules
