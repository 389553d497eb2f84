// Shared by the framework rules (SES, CSRF, CORS, AUTH, RATE, UPL, LOG, OPS, TST and the
// framework parts of CFG/SEC): the application model of the project, built once per scan
// for all of them, and helpers to report at a model site and record strengths.
#pragma once
#include <string>

#include "frameworks/app_model.h"
#include "rules/python_project.h"

namespace aegis::rules::fw {

using frameworks::App;
using frameworks::AppModel;
using frameworks::ConfigValue;
using frameworks::Route;
using frameworks::Site;

// The model of this project: built by the first rule that asks, shared through
// PythonProject::shared by every framework rule of the scan.
const AppModel& app_model(PythonProject& project);

// A finding of the current rule at a site; null when the site has no module/node or the
// module is not the project's.
Finding* report(PythonProject& project, const Site& site, std::string message);
// Records a strength at a site.
void strength(PythonProject& project, std::string id, std::string title, Area area, std::string evidence,
              const Site& site);

// "ProductionConfig (config.py:31)" / "app.config (app.py:12)": where a value comes from.
std::string where(const ConfigValue& v);
// "config.py:31"
std::string where(const Site& s);
// A config value of the app's production environment, or null when unset.
const ConfigValue* production_value(const App& app, const std::string& key);
// Whether the app keeps state in cookies: a login manager, flask.session, or a SECRET_KEY.
bool uses_cookie_sessions(const PythonProject& project, const App& app);
// Whether any module of the project imports `module` (or a submodule of it).
bool imports_module(const PythonProject& project, std::string_view module);
// A JWT created with an expiry: `jwt.encode({... "exp": ...}, ...)`, the payload a dict bound
// to a name, or `payload["exp"] = ...` in the same function. Below `directory` ("" = anywhere)
// and outside tests; a site with no module when there is none.
Site jwt_expiry_claim(const PythonProject& project, const std::string& directory);
// The production-reachable environments of an app: the production one, else every one
// that is not clearly development or testing.
std::vector<const frameworks::Environment*> production_environments(const App& app);

}  // namespace aegis::rules::fw
