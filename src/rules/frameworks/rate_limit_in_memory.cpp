// RATE002 rate-limit-in-memory: a rate limiter whose counters live in the process (a
// hand-rolled dict of attempts, or Flask-Limiter/slowapi with the default memory storage),
// so each worker counts on its own and a restart forgets everything.
#include <set>

#include "frameworks/model_util.h"
#include "rules/frameworks/common.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "RATE002",
    .name = "rate-limit-in-memory",
    .title = "rate limit counted in process memory",
    .severity = Severity::Low,
    .confidence = Confidence::Medium,
    .cwe = 307,
    .owasp = "A07:2021-Identification and Authentication Failures",
    .area = Area::Authentication,
    .flags = "A hand-rolled limiter (a function called from a view, named like `rate_limit`, "
             "`too_many_attempts`, `throttle`) that keeps its counts in a module-level dict, "
             "defaultdict, Counter or list; and `Limiter(...)` (Flask-Limiter, slowapi) without "
             "`storage_uri`, or with `storage_uri=\"memory://\"`.",
    .why = "Behind gunicorn or waitress with several workers (or several instances) every process counts "
           "separately: an attacker gets the limit times the number of workers, and a restart resets "
           "it. The limit also grows memory without bound when keys are never evicted.",
    .example = "_attempts = defaultdict(list)\n\ndef too_many_attempts(ip):\n    _attempts[ip].append(time.time())\n    ...",
    .fix = "Keep the counters in a shared store: `Limiter(get_remote_address, app=app, "
           "storage_uri=\"redis://cache:6379\")` (slowapi takes the same storage_uri).",
    .effort = "1 h",
    .references = {"https://flask-limiter.readthedocs.io/en/stable/#configuring-a-storage-backend"},
};

// Module-level names bound to an in-memory container.
std::set<std::string> in_memory_state(const PythonModule& m) {
  std::set<std::string> out;
  for (const py::Stmt* s : m.unit.module->body) {
    const auto* a = py::dyn_cast<py::Assign>(s);
    if (!a || a->targets.size() != 1) continue;
    const auto* name = py::dyn_cast<py::Name>(a->targets[0]);
    if (!name) continue;
    bool container = py::isa<py::Dict>(a->value) || py::isa<py::List>(a->value);
    if (const auto* call = py::dyn_cast<py::Call>(a->value)) {
      std::string q = m.unit.model->qualified_name(call->func);
      container = q == "collections.defaultdict" || q == "collections.Counter" || q == "builtins.dict" ||
                  q == "collections.OrderedDict" || q == "collections.deque";
    }
    if (container) out.insert(std::string(name->id));
  }
  return out;
}

bool limiter_name(std::string_view name) {
  std::string l = frameworks::util::lower(name);
  for (const char* w : {"rate_limit", "ratelimit", "throttle", "too_many", "attempts", "limiter"}) {
    if (frameworks::util::contains(l, w)) return true;
  }
  return false;
}

class RateLimitInMemory final : public Rule {
 public:
  RateLimitInMemory() : Rule(kMeta) {}
  bool wants_python_project() const override { return true; }
  bool about_applications() const override { return true; }

  void check_python_project(PythonProject& project) const override {
    const fw::AppModel& model = fw::app_model(project);
    for (const fw::App& app : model.apps) {
      for (const frameworks::Control& c : app.controls) {
        if (c.kind != "limiter" || !c.call) continue;
        const py::Expr* storage = frameworks::util::keyword_value(*c.call, "storage_uri");
        auto value = frameworks::util::string_value(*c.site.module, storage);
        if (storage && !(value && value->rfind("memory://", 0) == 0)) continue;
        if (frameworks::util::contains(c.detail, "storage_uri") && !value) continue;
        fw::report(project, c.site, std::string(frameworks::util::last_component(c.name)) +
                                        (storage ? " stores its counters in memory://" : " without storage_uri counts in memory") +
                                        ": each worker and instance limits on its own");
      }
    }
    // Hand-rolled limiters: module-level functions with a limiter's name that touch in-memory state.
    for (const PythonModule* m : project.modules) {
      if (!m || !m->unit.module || m->unit.in_test) continue;
      std::set<std::string> state = in_memory_state(*m);
      if (state.empty()) continue;
      for (const py::Stmt* s : m->unit.module->body) {
        const auto* fn = py::dyn_cast<py::FunctionDef>(s);
        if (!fn || !limiter_name(fn->name)) continue;
        std::string used;
        frameworks::util::walk(fn, [&](const py::Node* n) {
          const auto* name = py::dyn_cast<py::Name>(n);
          if (name && used.empty() && state.count(std::string(name->id))) {
            sem::BindingId b = m->unit.model->binding_of(name);
            if (b != sem::kNone && m->unit.model->binding(b).home == 0) used = std::string(name->id);
          }
        });
        if (used.empty()) continue;
        fw::report(project, {m, fn}, std::string(fn->name) + "() counts attempts in " + used +
                                         ", a module-level container: each worker and instance limits on its own");
      }
    }
  }
};

AEGIS_REGISTER_RULE(RateLimitInMemory);

}  // namespace
}  // namespace aegis::rules
