// The application model (src/frameworks): what Aegis believes about how an app is assembled,
// checked on small multi-module projects built in memory.
#include <gtest/gtest.h>

#include "frameworks/app_model.h"
#include "frameworks/loaded_project.h"

namespace aegis::frameworks {
namespace {

std::unique_ptr<LoadedProject> load(std::vector<std::pair<std::string, std::string>> files) {
  std::vector<LoadedProject::Source> sources;
  for (auto& [path, text] : files) sources.push_back({path, path, text});
  return std::make_unique<LoadedProject>(std::move(sources));
}

const Environment* env(const App& app, const std::string& name) {
  for (const Environment& e : app.environments) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

TEST(AppModel, ConfigClassesInheritAndTheEnvironmentMapSelectsThem) {
  auto p = load({{"config.py",
                  "import os\n"
                  "class Config:\n"
                  "    SESSION_COOKIE_SECURE = False\n"
                  "    SECRET_KEY = os.environ.get('SECRET_KEY', 'dev')\n"
                  "class DevelopmentConfig(Config):\n"
                  "    DEBUG = True\n"
                  "class ProductionConfig(Config):\n"
                  "    DEBUG = False\n"
                  "config_by_name = {'development': DevelopmentConfig, 'production': ProductionConfig}\n"},
                 {"app/__init__.py",
                  "import os\n"
                  "from flask import Flask\n"
                  "from config import config_by_name\n"
                  "def create_app():\n"
                  "    app = Flask(__name__)\n"
                  "    app.config.from_object(config_by_name[os.getenv('FLASK_ENV', 'development')])\n"
                  "    app.config['SESSION_COOKIE_HTTPONLY'] = True\n"
                  "    return app\n"}});
  ASSERT_TRUE(p->errors().empty());
  AppModel model = build_app_model(p->project());
  ASSERT_EQ(model.apps.size(), 1u);
  const App& app = model.apps[0];
  EXPECT_EQ(app.factory, "create_app");
  EXPECT_EQ(app.env_selector, "FLASK_ENV");
  ASSERT_TRUE(app.env_selector_default.has_value());
  EXPECT_EQ(*app.env_selector_default, "development");
  const Environment* prod = app.production();
  ASSERT_NE(prod, nullptr);
  EXPECT_EQ(prod->config_class, "config.ProductionConfig");
  // Inherited from the base class, named as coming from it.
  const ConfigValue& secure = prod->values.at("SESSION_COOKIE_SECURE");
  EXPECT_TRUE(secure.is_false());
  EXPECT_EQ(secure.origin, "Config");
  EXPECT_EQ(secure.site.line(), 3);
  // The subclass wins; app.config assignments apply on top of every environment.
  EXPECT_TRUE(prod->values.at("DEBUG").is_false());
  EXPECT_TRUE(env(app, "development")->values.at("DEBUG").is_true());
  EXPECT_TRUE(prod->values.at("SESSION_COOKIE_HTTPONLY").is_true());
  const ConfigValue& key = prod->values.at("SECRET_KEY");
  EXPECT_EQ(key.kind, ConfigValue::Kind::Environment);
  EXPECT_EQ(key.env_var, "SECRET_KEY");
  ASSERT_TRUE(key.env_default.has_value());
  EXPECT_EQ(*key.env_default, "dev");
}

TEST(AppModel, FromObjectWithAnImportStringAndADirectClass) {
  auto p = load({{"settings.py", "class ProdConfig:\n    DEBUG = False\nclass TestConfig:\n    TESTING = True\n"},
                 {"main.py",
                  "from flask import Flask\nfrom settings import TestConfig\n"
                  "app = Flask(__name__)\napp.config.from_object('settings.ProdConfig')\n"
                  "other = Flask('other')\nother.config.from_object(TestConfig)\n"}});
  AppModel model = build_app_model(p->project());
  ASSERT_EQ(model.apps.size(), 2u);
  EXPECT_EQ(model.apps[0].config_classes, std::vector<std::string>{"settings.ProdConfig"});
  ASSERT_NE(model.apps[0].production(), nullptr);
  EXPECT_EQ(model.apps[1].config_classes, std::vector<std::string>{"settings.TestConfig"});
  EXPECT_EQ(model.apps[1].production(), nullptr);  // a testing class is not production
}

TEST(AppModel, BlueprintRoutesTakeTheRegistrationPrefixAndDecorators) {
  auto p = load({{"app/auth.py",
                  "from flask import Blueprint\nfrom flask_login import login_required\n"
                  "bp = Blueprint('auth', __name__)\n"
                  "@bp.route('/login', methods=['GET', 'post'])\ndef login():\n    pass\n"
                  "@bp.delete('/account')\n@login_required\ndef delete_account():\n    pass\n"},
                 {"app/__init__.py",
                  "from flask import Flask\nfrom flask_wtf.csrf import CSRFProtect\nfrom app import auth\n"
                  "csrf = CSRFProtect()\n"
                  "def create_app():\n    app = Flask(__name__)\n    csrf.init_app(app)\n"
                  "    app.register_blueprint(auth.bp, url_prefix='/auth')\n    return app\n"}});
  AppModel model = build_app_model(p->project());
  ASSERT_EQ(model.apps.size(), 1u);
  const App& app = model.apps[0];
  ASSERT_EQ(app.routes.size(), 2u);
  EXPECT_EQ(app.routes[0].path, "/auth/login");
  EXPECT_EQ(app.routes[0].methods, (std::vector<std::string>{"GET", "POST"}));
  EXPECT_EQ(app.routes[0].blueprint, "bp");
  EXPECT_FALSE(app.routes[0].authenticated);
  EXPECT_EQ(app.routes[1].path, "/auth/account");
  EXPECT_TRUE(app.routes[1].authenticated);
  EXPECT_TRUE(app.routes[1].state_changing());
  ASSERT_NE(app.control("csrf"), nullptr);
  EXPECT_EQ(app.control("csrf")->site.line(), 7);  // initialised by init_app, not just created
}

TEST(AppModel, FastApiRoutersDependenciesAndMiddleware) {
  auto p = load({{"api.py",
                  "from fastapi import APIRouter, Depends, FastAPI\n"
                  "from fastapi.middleware.cors import CORSMiddleware\n"
                  "def get_current_user():\n    pass\n"
                  "router = APIRouter(prefix='/items', dependencies=[Depends(get_current_user)])\n"
                  "@router.post('/')\ndef create():\n    pass\n"
                  "app = FastAPI()\n"
                  "@app.get('/me')\ndef me(user=Depends(get_current_user)):\n    pass\n"
                  "@app.get('/open')\ndef open_route():\n    pass\n"
                  "app.include_router(router, prefix='/v1')\n"
                  "app.add_middleware(CORSMiddleware, allow_origins=['https://a.example'])\n"}});
  AppModel model = build_app_model(p->project());
  ASSERT_EQ(model.apps.size(), 1u);
  const App& app = model.apps[0];
  EXPECT_EQ(app.framework, Framework::FastApi);
  ASSERT_EQ(app.routes.size(), 3u);
  std::map<std::string, const Route*> by_path;
  for (const Route& r : app.routes) by_path[r.path] = &r;
  ASSERT_TRUE(by_path.count("/v1/items/"));
  EXPECT_TRUE(by_path["/v1/items/"]->authenticated);
  EXPECT_TRUE(by_path["/me"]->authenticated);
  EXPECT_EQ(by_path["/me"]->dependencies, std::vector<std::string>{"get_current_user"});
  EXPECT_FALSE(by_path["/open"]->authenticated);
  const Control* cors = app.control("cors");
  ASSERT_NE(cors, nullptr);
  EXPECT_NE(cors->detail.find("allow_origins=['https://a.example']"), std::string::npos);
}

TEST(AppModel, AddUrlRuleAndClassBasedViewsAreRoutes) {
  auto p = load({{"views.py",
                  "from flask.views import MethodView, View\nfrom flask_login import login_required\n"
                  "class ItemAPI(MethodView):\n    decorators = [login_required]\n"
                  "    def get(self, item_id):\n        pass\n    def delete(self, item_id):\n        pass\n"
                  "    def helper(self):\n        pass\n"
                  "class Export(View):\n    methods = ['POST']\n    def dispatch_request(self):\n        pass\n"
                  "def about():\n    pass\n"},
                 {"app.py",
                  "from flask import Blueprint, Flask\nfrom flask_limiter import Limiter\n"
                  "from views import ItemAPI, Export, about\n"
                  "app = Flask(__name__)\nlimiter = Limiter(app=app)\nbp = Blueprint('api', __name__)\n"
                  "def login():\n    pass\n"
                  "bp.add_url_rule('/items/<int:item_id>', view_func=ItemAPI.as_view('items'))\n"
                  "bp.add_url_rule('/export', view_func=Export.as_view('export'))\n"
                  "app.add_url_rule('/about', 'about', about)\n"
                  "app.add_url_rule('/login', view_func=limiter.limit('5/minute')(login), methods=['post'])\n"
                  "app.add_url_rule('/nowhere', view_func=undefined_view)\n"
                  "app.register_blueprint(bp, url_prefix='/api')\n"}});
  ASSERT_TRUE(p->errors().empty());
  AppModel model = build_app_model(p->project());
  ASSERT_EQ(model.apps.size(), 1u);
  std::map<std::string, const Route*> by_key;
  for (const Route& r : model.apps[0].routes) by_key[r.methods.front() + " " + r.path] = &r;
  ASSERT_EQ(by_key.size(), 5u);
  // MethodView: one route per HTTP method it defines; the class decorators apply.
  const Route* get = by_key["GET /api/items/<int:item_id>"];
  const Route* del = by_key["DELETE /api/items/<int:item_id>"];
  ASSERT_TRUE(get && del);
  EXPECT_EQ(del->function, "ItemAPI.delete");
  EXPECT_EQ(del->view_class, "ItemAPI");
  EXPECT_EQ(del->registered_by, "add_url_rule");
  EXPECT_EQ(del->blueprint, "bp");
  EXPECT_TRUE(del->authenticated);
  EXPECT_EQ(del->site.path(), "views.py");
  EXPECT_EQ(del->site.line(), 7);
  // View: dispatch_request answers the class's methods.
  ASSERT_TRUE(by_key.count("POST /api/export"));
  EXPECT_EQ(by_key["POST /api/export"]->function, "Export.dispatch_request");
  EXPECT_FALSE(by_key["POST /api/export"]->authenticated);
  // A function view, positionally; a wrapped one keeps the wrapper as a decorator.
  ASSERT_TRUE(by_key.count("GET /about"));
  EXPECT_EQ(by_key["GET /about"]->function, "about");
  ASSERT_TRUE(by_key.count("POST /login"));
  EXPECT_TRUE(by_key["POST /login"]->rate_limited);
  EXPECT_EQ(by_key["POST /login"]->site.line(), 7);
}

TEST(AppModel, DjangoSplitSettingsMergeTheBase) {
  auto p = load({{"site/settings/__init__.py", ""},
                 {"site/settings/base.py",
                  "INSTALLED_APPS = []\nMIDDLEWARE = ['django.middleware.csrf.CsrfViewMiddleware']\nDEBUG = True\n"
                  "SESSION_COOKIE_SECURE = False\n"},
                 {"site/settings/production.py", "from .base import *\nDEBUG = False\n"},
                 {"site/settings/dev.py", "from .base import *\n"}});
  AppModel model = build_app_model(p->project());
  std::map<std::string, const DjangoSettings*> by_module;
  for (const DjangoSettings& s : model.django_settings) by_module[s.module] = &s;
  ASSERT_TRUE(by_module.count("site.settings.production"));
  const DjangoSettings& prod = *by_module["site.settings.production"];
  EXPECT_TRUE(prod.production);
  EXPECT_TRUE(prod.values.at("DEBUG").is_false());
  EXPECT_TRUE(prod.values.at("SESSION_COOKIE_SECURE").is_false());  // inherited from base
  EXPECT_EQ(prod.middleware, std::vector<std::string>{"django.middleware.csrf.CsrfViewMiddleware"});
  EXPECT_FALSE(by_module["site.settings.base"]->production);
  EXPECT_FALSE(by_module["site.settings.dev"]->production);
}

TEST(AppModel, DurationsAndUnknownValues) {
  auto p = load({{"app.py",
                  "from datetime import timedelta\nfrom flask import Flask\n"
                  "app = Flask(__name__)\n"
                  "app.config.update(PERMANENT_SESSION_LIFETIME=timedelta(hours=2), X=compute())\n"}});
  AppModel model = build_app_model(p->project());
  ASSERT_EQ(model.apps.size(), 1u);
  const Environment* prod = model.apps[0].production();  // one configuration: production's too
  ASSERT_NE(prod, nullptr);
  EXPECT_EQ(prod->values.at("PERMANENT_SESSION_LIFETIME").seconds, 7200);
  EXPECT_EQ(prod->values.at("X").kind, ConfigValue::Kind::Expression);
}

TEST(AppModel, BrokenFilesAreLeftOutWithAnError) {
  auto p = load({{"bad.py", "def (:\n"}, {"good.py", "from flask import Flask\napp = Flask(__name__)\n"}});
  ASSERT_EQ(p->errors().size(), 1u);
  EXPECT_EQ(build_app_model(p->project()).apps.size(), 1u);
}

TEST(AppModel, ModuleNames) {
  bool package = false;
  EXPECT_EQ(LoadedProject::module_name("app/views.py", package), "app.views");
  EXPECT_FALSE(package);
  EXPECT_EQ(LoadedProject::module_name("app/__init__.py", package), "app");
  EXPECT_TRUE(package);
  EXPECT_EQ(LoadedProject::module_name("my-app/x.py", package), "");
}

}  // namespace
}  // namespace aegis::frameworks
