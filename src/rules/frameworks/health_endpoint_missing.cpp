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
    .cwe = 754,
    .owasp = "A04:2021-Insecure Design",
    .area = Area::Operability,
    .flags = "A Flask or FastAPI app with at least three routes of its own and none whose path is a "
             "health, liveness or readiness probe (`/health`, `/healthz`, `/ready`, `/livez`, `/ping`, "
             "`/status`). Reported at the app. For an app with a database (Flask-SQLAlchemy, "
             "`create_engine`), health routes none of which touches it (no query, execute or ping) "
             "are reported too, at low confidence.",
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
  for (const char* w : {"health", "ready", "livez", "liveness"}) {
    if (frameworks::util::contains(l, w)) return true;
  }
  // /ping and /status only at the top: /install/status is a page, not a probe.
  return l == "/ping" || l == "/status" || l == "/api/ping" || l == "/api/status";
}

// Whether a probe's body touches the database (or another backing store): an execute /
// scalar / connect / query call on a session, engine, connection or model, a ping, or a
// `SELECT 1` string. `session.get("user")` (the cookie session) and outbound HTTP are not.
bool touches_database(const fw::Route& r) {
  const PythonModule& m = *r.site.module;
  bool deep = false;
  frameworks::util::walk(r.function_node, [&](const py::Node* n) {
    if (deep) return;
    if (const auto* c = py::dyn_cast<py::Constant>(n)) {
      auto text = frameworks::util::string_value(m, c);
      if (text && frameworks::util::contains(frameworks::util::lower(*text), "select 1")) deep = true;
      return;
    }
    const auto* call = py::dyn_cast<py::Call>(n);
    const auto* attr = call ? py::dyn_cast<py::Attribute>(call->func) : nullptr;
    if (!attr) return;
    std::string_view method = attr->attr;
    if (method == "ping") {
      deep = true;
      return;
    }
    static const char* kDatabaseCalls[] = {"execute", "exec_driver_sql", "scalar", "scalars", "connect", "query",
                                           "count", "first", "fetchone", "fetchval", "command"};
    bool database_call = false;
    for (const char* c : kDatabaseCalls) database_call = database_call || method == c;
    if (!database_call) return;
    std::string receiver = frameworks::util::lower(frameworks::source_text(m, attr->value));
    for (const char* w : {"db", "session", "engine", "conn", "cursor", "pool", "query", "database", "redis", "mongo"}) {
      if (frameworks::util::contains(receiver, w)) deep = true;
    }
    // Model.query.count(): a query through a model class.
    if (frameworks::util::contains(receiver, ".query")) deep = true;
  });
  return deep;
}

class HealthEndpointMissing final : public Rule {
 public:
  HealthEndpointMissing() : Rule(kMeta) {}
  bool wants_python_project() const override { return true; }
  bool about_applications() const override { return true; }

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
        // With a database: one of the probes should touch it (SELECT 1, a ping, a query).
        bool database = app.control("sqlalchemy") || app.control("engine");
        const fw::Route* deep = nullptr;
        for (const fw::Route& r : app.routes) {
          if (!deep && health_path(r.path) && touches_database(r)) deep = &r;
        }
        if (deep) {
          fw::strength(project, "deep-health-check", "Health check that touches the database", Area::Operability,
                       deep->methods.front() + " " + deep->path + " (" + deep->function + ") queries the database in " +
                           fw::where(deep->site),
                       deep->site);
        }
        if (database && !deep) {
          Finding* f = fw::report(project, health->site, health->path + " answers without touching the database: a "
                                                         "stale pool or a lost connection still reports healthy (add a "
                                                         "/health/deep that runs SELECT 1)");
          if (f) f->confidence = Confidence::Low;
        }
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
