// CFG003 dev-server-only-entry: the development server is the only way the service starts
// (app.run / uvicorn.run without workers, and no waitress, gunicorn or other production
// server anywhere in the project), or it runs at import time, outside `__main__`.
#include "frameworks/model_util.h"
#include "rules/frameworks/common.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "CFG003",
    .name = "dev-server-only-entry",
    .title = "development server as the only way to start the service",
    .severity = Severity::Medium,
    .confidence = Confidence::Medium,
    .cwe = 1188,
    .owasp = "A05:2021-Security Misconfiguration",
    .area = Area::Configuration,
    .flags = "`app.run(...)` (Flask) or `uvicorn.run(app)` without workers when the project has no "
             "production entry point: no `waitress.serve`, no gunicorn/uvicorn-worker configuration, "
             "no `wsgi.py`/`asgi.py` module, no gunicorn in the project's imports. Also any "
             "`app.run(...)` that runs on import (not under `if __name__ == \"__main__\":` or an "
             "environment check), whatever else exists.",
    .why = "The development server is single-process, unhardened and meant for one developer; when it "
           "is the documented or only way to start, it is what ends up in production.",
    .example = "app = create_app()\napp.run(host=\"0.0.0.0\")",
    .fix = "Add a production entry point (`waitress-serve app:app`, `gunicorn app:app`, a `wsgi.py`) and "
           "keep `app.run` under `if __name__ == \"__main__\":` for local work only.",
    .effort = "30 min",
    .references = {"https://flask.palletsprojects.com/en/latest/deploying/",
                   "https://www.uvicorn.org/deployment/"},
};

bool has_production_entry(const PythonProject& project, const fw::AppModel& model) {
  if (!model.facts.wsgi_servers.empty()) return true;
  for (const PythonModule* m : project.modules) {
    if (!m) continue;
    std::string_view last = frameworks::util::last_component(m->name);
    if (last == "wsgi" || last == "asgi" || last == "gunicorn_conf" || last == "gunicorn_config" ||
        m->relative_path.ends_with("gunicorn.conf.py"))
      return true;
  }
  return fw::imports_module(project, "gunicorn") || fw::imports_module(project, "waitress") ||
         fw::imports_module(project, "hypercorn") || fw::imports_module(project, "bjoern") ||
         fw::imports_module(project, "meinheld");
}

class DevServerOnly final : public Rule {
 public:
  DevServerOnly() : Rule(kMeta) {}
  bool wants_python_project() const override { return true; }
  bool about_applications() const override { return true; }

  void check_python_project(PythonProject& project) const override {
    const fw::AppModel& model = fw::app_model(project);
    bool production_entry = has_production_entry(project, model);
    for (const fw::App& app : model.apps) {
      for (const fw::Site& run : app.dev_server_runs) {
        if (run.module->unit.in_test) continue;
        bool main = frameworks::util::under_main_guard(*run.module, run.node);
        bool env = frameworks::util::under_environment_check(*run.module, run.node);
        // In a function it runs when called (a CLI command, a run() helper), not on import.
        bool in_function = run.module->unit.model->enclosing_function(run.node) != nullptr;
        if (!main && !env && !in_function) {
          Finding* f = fw::report(project, run, "the development server starts when " + run.module->relative_path +
                                                    " is imported (no __main__ guard): any WSGI server importing the "
                                                    "app starts it too");
          if (f) f->confidence = Confidence::High;
        } else if (!production_entry && !env) {
          fw::report(project, run, "the development server is the only way to start " + app.name +
                                       ": no waitress, gunicorn or wsgi.py entry point in the project");
        }
      }
    }
  }
};

AEGIS_REGISTER_RULE(DevServerOnly);

}  // namespace
}  // namespace aegis::rules
