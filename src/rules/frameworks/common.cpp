#include "rules/frameworks/common.h"

#include <memory>
#include <set>

#include "frameworks/model_util.h"

namespace aegis::rules::fw {

const AppModel& app_model(PythonProject& project) {
  // Built by the first framework rule of the scan and shared through the project (the engine
  // runs project rules one after another).
  auto& slot = project.shared["frameworks.app_model"];
  if (!slot) slot = std::make_shared<AppModel>(frameworks::build_app_model(project));
  return *static_cast<const AppModel*>(slot.get());
}

Finding* report(PythonProject& project, const Site& site, std::string message) {
  if (!site.module || !site.node || !project.out) return nullptr;
  const py::Node* node = site.node;
  // About a whole module: point at its first statement.
  if (const auto* mod = py::dyn_cast<py::Module>(node)) {
    if (mod->body.size() == 0) return nullptr;
    node = mod->body[0];
  }
  return &project.report(*site.module, *node, std::move(message));
}

void strength(PythonProject& project, std::string id, std::string title, Area area, std::string evidence,
              const Site& site) {
  if (!project.strengths) return;
  // The position is reported beside the evidence: drop a trailing " in path:line" that repeats it.
  std::string suffix = " in " + where(site);
  if (evidence.size() > suffix.size() && evidence.compare(evidence.size() - suffix.size(), suffix.size(), suffix) == 0)
    evidence.resize(evidence.size() - suffix.size());
  Strength s;
  s.id = std::move(id);
  s.title = std::move(title);
  s.area = area;
  s.evidence = std::move(evidence);
  s.path = site.path();
  s.line = site.line();
  project.strength(std::move(s));
}

std::string where(const Site& s) {
  if (!s.module) return "?";
  return std::string(s.module->unit.path) + ":" + std::to_string(s.line());
}

std::string where(const ConfigValue& v) { return v.origin + " (" + where(v.site) + ")"; }

const ConfigValue* production_value(const App& app, const std::string& key) {
  const frameworks::Environment* env = app.production();
  if (!env) return nullptr;
  auto it = env->values.find(key);
  return it == env->values.end() ? nullptr : &it->second;
}

bool imports_module(const PythonProject& project, std::string_view module) {
  for (const PythonModule* m : project.modules) {
    if (!m || !m->unit.model || m->unit.in_test) continue;
    for (const auto& rec : m->unit.model->imports()) {
      if (rec.module == module || (rec.module.size() > module.size() && rec.module.compare(0, module.size(), module) == 0 &&
                                   rec.module[module.size()] == '.'))
        return true;
    }
  }
  return false;
}

bool uses_cookie_sessions(const PythonProject& project, const App& app) {
  if (app.framework == frameworks::Framework::Flask) {
    if (app.control("login")) return true;
    // flask.session used by the app's own modules: where it is created and where its routes are.
    std::set<const PythonModule*> own{app.site.module};
    for (const Route& r : app.routes) own.insert(r.site.module);
    for (const PythonModule* m : own) {
      if (!m || !m->unit.model) continue;
      for (const auto& rec : m->unit.model->imports()) {
        if (rec.target == "flask.session") return true;
      }
    }
    return false;
  }
  // FastAPI/Starlette: SessionMiddleware.
  for (const auto& c : app.controls) {
    if (frameworks::util::contains(c.name, "SessionMiddleware")) return true;
  }
  return false;
}

std::vector<const frameworks::Environment*> production_environments(const App& app) {
  std::vector<const frameworks::Environment*> out;
  if (const frameworks::Environment* p = app.production()) {
    out.push_back(p);
    return out;
  }
  return out;
}

namespace {

bool dict_has_key(const PythonModule& m, const py::Expr* e, std::string_view key) {
  const auto* dict = py::dyn_cast<py::Dict>(e);
  if (!dict) return false;
  for (const py::Expr* k : dict->keys) {
    if (k && frameworks::util::string_value(m, k) == std::optional<std::string>(std::string(key))) return true;
  }
  return false;
}

// Whether the payload of a jwt.encode call carries "exp".
bool payload_has_exp(const PythonModule& m, const py::Call& call) {
  const py::Expr* payload = frameworks::util::positional(call, 0);
  if (!payload) payload = frameworks::util::keyword_value(call, "payload");
  if (!payload) payload = frameworks::util::keyword_value(call, "claims");
  if (!payload) return false;
  if (dict_has_key(m, payload, "exp")) return true;
  const auto* name = py::dyn_cast<py::Name>(payload);
  if (!name) return false;
  sem::BindingId b = m.unit.model->binding_of(name);
  if (b != sem::kNone && dict_has_key(m, m.unit.model->binding(b).value, "exp")) return true;
  // payload["exp"] = ... in the same function (or module).
  const py::Node* scope = m.unit.model->enclosing_function(&call);
  if (!scope) scope = m.unit.module;
  bool found = false;
  frameworks::util::walk(scope, [&](const py::Node* n) {
    const auto* assign = py::dyn_cast<py::Assign>(n);
    if (found || !assign) return;
    for (const py::Expr* t : assign->targets) {
      const auto* sub = py::dyn_cast<py::Subscript>(t);
      const auto* base = sub ? py::dyn_cast<py::Name>(sub->value) : nullptr;
      if (base && base->id == name->id && frameworks::util::string_value(m, sub->slice) == std::optional<std::string>("exp"))
        found = true;
    }
  });
  return found;
}

}  // namespace

Site jwt_expiry_claim(const PythonProject& project, const std::string& directory) {
  static const sem::QualifiedNameSet kEncoders{"jwt.encode", "jose.jwt.encode", "jwt.api_jwt.encode"};
  for (const PythonModule* m : project.modules) {
    if (!m || !m->unit.module || m->unit.in_test) continue;
    if (m->relative_path.compare(0, directory.size(), directory) != 0) continue;
    Site found;
    frameworks::util::walk(m->unit.module, [&](const py::Node* n) {
      const auto* call = py::dyn_cast<py::Call>(n);
      if (found.node || !call || !kEncoders.contains(m->unit.model->qualified_name_ref(call))) return;
      if (payload_has_exp(*m, *call)) found = {m, call};
    });
    if (found.node) return found;
  }
  return {};
}

}  // namespace aegis::rules::fw
