// OPS001 health-endpoint-missing: a deployable web app with routes but no health or
// readiness endpoint for an orchestrator or load balancer to probe.
#include "frameworks/model_util.h"
#include "rules/frameworks/common.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "OPS001",
    .name = "health-endpoint-missing",
    .title = "web app without a health endpoint",
    .severity = Severity::Low,
    .confidence = Confidence::Medium,
    .cwe = 0,
    .owasp = "",
    .area = Area::Operability,
    .flags = "A Flask or FastAPI app with at least three routes of its own and none whose path is a "
             "health, liveness or readiness probe (`/health`, `/healthz`, `/ready`, `/livez`, `/ping`, "
             "`/status`). Reported at the app.",
    .why = "Without a probe the orchestrator or load balancer cannot tell a hung instance (a stale "
           "database connection, an exhausted pool) from a healthy one: it keeps routing to it, or kills "
           "healthy ones under load.",
    .example = "app = Flask(__name__)  # /, /api/login, /api/courses ... no /health",
    .fix = "Add a cheap `/health` (process up) and a `/health/deep` or `/ready` that touches the database "
           "(`SELECT 1`), and point the orchestrator's probes at them.",
    .effort = "45 min",
    .references = {"https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/"},
};

bool health_path(const std::string& path) {
  std::string l = frameworks::util::lower(path);
  for (const char* w : {"health", "ready", "livez", "liveness", "/ping", "/status"}) {
    if (frameworks::util::contains(l, w)) return true;
  }
  return false;
}

class HealthEndpointMissing final : public Rule {
 public:
  HealthEndpointMissing() : Rule(kMeta) {}
  bool wants_python_project() const override { return true; }

  void check_python_project(PythonProject& project) const override {
    const fw::AppModel& model = fw::app_model(project);
    for (const fw::App& app : model.apps) {
      if (app.site.module->unit.in_test) continue;
      const fw::Route* health = nullptr;
      for (const fw::Route& r : app.routes) {
        if (!health && health_path(r.path)) health = &r;
      }
      if (health) {
        fw::strength(project, "health-endpoint", "Health endpoint for probes", Area::Operability,
                     health->methods.front() + " " + health->path + " (" + health->function + ") in " + fw::where(health->site),
                     health->site);
        continue;
      }
      if (app.routes.size() < 3) continue;
      fw::report(project, app.site, "the app " + app.name + " has " + std::to_string(app.routes.size()) +
                                        " routes and no health or readiness endpoint (/health, /ready)");
    }
  }
};

AEGIS_REGISTER_RULE(HealthEndpointMissing);

}  // namespace
}  // namespace aegis::rules
