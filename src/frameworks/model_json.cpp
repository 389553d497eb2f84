// The application model as JSON: what `aegis debug app` prints and tests read.
#include <nlohmann/json.hpp>

#include "frameworks/app_model.h"

namespace aegis::frameworks {
namespace {

using Json = nlohmann::ordered_json;

Json site_json(const Site& s) {
  if (!s.module) return Json(nullptr);
  return Json{{"path", s.path()}, {"line", s.line()}};
}

Json value_json(const ConfigValue& v) {
  Json j;
  switch (v.kind) {
    case ConfigValue::Kind::Constant: j["kind"] = "constant"; break;
    case ConfigValue::Kind::Environment: j["kind"] = "environment"; break;
    case ConfigValue::Kind::Expression: j["kind"] = "expression"; break;
  }
  j["text"] = v.text;
  if (v.kind == ConfigValue::Kind::Environment) {
    j["env_var"] = v.env_var;
    j["env_default"] = v.env_default ? Json(*v.env_default) : Json(nullptr);
  }
  if (v.seconds >= 0) j["seconds"] = v.seconds;
  j["from"] = v.origin;
  j["line"] = v.site.line();
  return j;
}

Json values_json(const std::map<std::string, ConfigValue>& values) {
  Json j = Json::object();
  for (const auto& [k, v] : values) j[k] = value_json(v);
  return j;
}

}  // namespace

std::string app_model_json(const AppModel& model) {
  Json doc;
  Json apps = Json::array();
  for (const App& a : model.apps) {
    Json j;
    j["framework"] = to_string(a.framework);
    j["name"] = a.name;
    j["factory"] = a.factory.empty() ? Json(nullptr) : Json(a.factory);
    j["defined_at"] = site_json(a.site);
    Json routes = Json::array();
    for (const Route& r : a.routes) {
      Json rj;
      rj["path"] = r.path;
      rj["methods"] = r.methods;
      rj["function"] = r.function;
      rj["owner"] = r.owner;
      rj["blueprint"] = r.blueprint.empty() ? Json(nullptr) : Json(r.blueprint);
      rj["decorators"] = r.decorators;
      rj["dependencies"] = r.dependencies;
      rj["authenticated"] = r.authenticated;
      rj["csrf_exempt"] = r.csrf_exempt;
      rj["rate_limited"] = r.rate_limited;
      rj["registered_by"] = r.registered_by;
      rj["view_class"] = r.view_class.empty() ? Json(nullptr) : Json(r.view_class);
      rj["at"] = site_json(r.site);
      routes.push_back(std::move(rj));
    }
    j["routes"] = std::move(routes);
    Json controls = Json::array();
    for (const Control& c : a.controls) {
      controls.push_back({{"kind", c.kind}, {"name", c.name}, {"arguments", c.detail}, {"at", site_json(c.site)}});
    }
    j["controls"] = std::move(controls);
    Json hooks = Json::array();
    for (const Site& s : a.before_request) hooks.push_back(site_json(s));
    j["before_request"] = std::move(hooks);
    Json handlers = Json::array();
    for (const Site& s : a.error_handlers) handlers.push_back(site_json(s));
    j["error_handlers"] = std::move(handlers);
    j["config_classes"] = a.config_classes;
    if (!a.env_selector.empty()) {
      j["environment_selector"] = {{"variable", a.env_selector},
                                   {"default", a.env_selector_default ? Json(*a.env_selector_default) : Json(nullptr)},
                                   {"at", site_json(a.env_selector_site)}};
    }
    Json envs = Json::array();
    for (const Environment& e : a.environments) {
      envs.push_back({{"name", e.name},
                      {"config_class", e.config_class.empty() ? Json(nullptr) : Json(e.config_class)},
                      {"production", is_production_name(e.name) || &e == a.production()},
                      {"config", values_json(e.values)}});
    }
    j["environments"] = std::move(envs);
    Json runs = Json::array();
    for (const Site& s : a.dev_server_runs) runs.push_back(site_json(s));
    j["dev_server_runs"] = std::move(runs);
    j["dev_server_guarded"] = a.dev_server_guarded;
    apps.push_back(std::move(j));
  }
  doc["apps"] = std::move(apps);
  Json classes = Json::array();
  for (const auto& [q, c] : model.config_classes) {
    classes.push_back({{"name", q},
                       {"bases", c.bases},
                       {"environment", c.environment.empty() ? Json(nullptr) : Json(c.environment)},
                       {"defined_at", site_json(c.site)},
                       {"startup_check", c.has_startup_check},
                       {"effective", values_json(c.effective)}});
  }
  doc["config_classes"] = std::move(classes);
  Json settings = Json::array();
  for (const DjangoSettings& s : model.django_settings) {
    settings.push_back({{"module", s.module},
                        {"path", s.site.path()},
                        {"inherits", s.inherits},
                        {"production", s.production},
                        {"middleware", s.middleware},
                        {"values", values_json(s.values)}});
  }
  doc["django_settings"] = std::move(settings);
  Json servers = Json::array();
  for (const Site& s : model.facts.wsgi_servers) servers.push_back(site_json(s));
  doc["production_servers"] = std::move(servers);
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace aegis::frameworks
