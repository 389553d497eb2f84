// The semantic index: name resolution per Python's scoping rules and qualified names
// through imports, aliases, instances and local definitions.
#include <gtest/gtest.h>

#include "semantic/builtins.h"
#include "semantic/qualified_name_set.h"
#include "semantic_test_util.h"

namespace aegis::sem {
namespace {

using testing::Analyzed;

// --- Imports and aliases ------------------------------------------------------------

TEST(SemanticQualifiedNames, ImportAs) {
  Analyzed a("import subprocess as sp\nsp.run(cmd, shell=True)\n");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.call_qualified("sp.run"), "subprocess.run");
  EXPECT_EQ(a.qualified("sp"), "subprocess");
}

TEST(SemanticQualifiedNames, FromImportAs) {
  Analyzed a("from subprocess import Popen as P\nP(cmd)\nPopen(cmd)\n");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.call_qualified("P"), "subprocess.Popen");
  EXPECT_EQ(a.call_qualified("Popen"), "");  // not bound: `as` renamed it
}

TEST(SemanticQualifiedNames, ImportDottedBindsTopPackage) {
  Analyzed a("import os.path\nos.path.join(a, b)\nos.getcwd()\n");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.call_qualified("os.path.join"), "os.path.join");
  EXPECT_EQ(a.call_qualified("os.getcwd"), "os.getcwd");
  ASSERT_EQ(a.model().imports().size(), 1u);
  const ImportRecord& r = a.model().imports()[0];
  EXPECT_EQ(r.module, "os.path");
  EXPECT_EQ(r.bound_name, "os");
  EXPECT_EQ(r.target, "os");
  EXPECT_FALSE(r.is_from());
}

TEST(SemanticQualifiedNames, ImportDottedAs) {
  Analyzed a("import os.path as osp\nosp.join(a)\n");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.call_qualified("osp.join"), "os.path.join");
}

TEST(SemanticQualifiedNames, AssignmentAlias) {
  Analyzed a("import subprocess\nc = subprocess\nc.run(x)\nr = subprocess.run\nr(x)\n");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.call_qualified("c.run"), "subprocess.run");
  EXPECT_EQ(a.call_qualified("r"), "subprocess.run");
}

TEST(SemanticQualifiedNames, LastAssignmentBeforeUse) {
  Analyzed a(
      "import os, subprocess\n"
      "f = subprocess.run\n"
      "f(a)\n"
      "f = os.system\n"
      "f(b)\n");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.call_qualified("f", 0), "subprocess.run");
  EXPECT_EQ(a.call_qualified("f", 1), "os.system");
}

TEST(SemanticQualifiedNames, RelativeImportsInModule) {
  Analyzed a(
      "from . import helpers\n"
      "from .models import User as U\n"
      "from ..util import run\n"
      "from .... import too_far\n"
      "helpers.go()\nU()\nrun()\ntoo_far()\n",
      {"pkg.sub.views", false});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.call_qualified("helpers.go"), "pkg.sub.helpers.go");
  EXPECT_EQ(a.call_qualified("U"), "pkg.sub.models.User");
  EXPECT_EQ(a.call_qualified("run"), "pkg.util.run");
  EXPECT_EQ(a.call_qualified("too_far"), "....too_far");
  const auto& imports = a.model().imports();
  ASSERT_EQ(imports.size(), 4u);
  EXPECT_EQ(imports[1].module, "pkg.sub.models");
  EXPECT_EQ(imports[1].raw_module, "models");
  EXPECT_EQ(imports[1].level, 1);
  EXPECT_EQ(imports[1].name, "User");
  EXPECT_EQ(imports[1].asname, "U");
  EXPECT_EQ(imports[2].module, "pkg.util");
}

TEST(SemanticQualifiedNames, RelativeImportsInPackageInit) {
  Analyzed a("from . import views\nfrom .core import app\nviews.x()\napp.run()\n",
             {"pkg.sub", true});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.call_qualified("views.x"), "pkg.sub.views.x");
  EXPECT_EQ(a.call_qualified("app.run"), "pkg.sub.core.app.run");
}

// --- Builtins and shadowing -----------------------------------------------------------

TEST(SemanticBuiltins, BuiltinCall) {
  Analyzed a("eval(data)\nopen(p)\nundefined_thing(x)\n");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.call_qualified("eval"), "builtins.eval");
  EXPECT_EQ(a.call_qualified("open"), "builtins.open");
  EXPECT_EQ(a.call_qualified("undefined_thing"), "");
  EXPECT_TRUE(a.model().is_builtin(a.name("eval")));
}

TEST(SemanticBuiltins, LocalDefShadowsBuiltin) {
  Analyzed a("def eval(x):\n    return x\n\neval(data)\n");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.call_qualified("eval"), "app.main.eval");
  EXPECT_FALSE(a.model().is(a.call("eval")->func, "builtins.eval"));
  EXPECT_FALSE(a.model().is_builtin(a.name("eval")));
}

TEST(SemanticBuiltins, DefLaterInModuleStillShadows) {
  // The call runs inside a function, after the module defined its own `eval`.
  Analyzed a("def handler(d):\n    return eval(d)\n\ndef eval(x):\n    return x\n");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.call_qualified("eval"), "app.main.eval");
}

TEST(SemanticBuiltins, ParameterShadowsBuiltinAndImport) {
  Analyzed a(
      "import os\n"
      "def f(eval, os):\n"
      "    eval(x)\n"
      "    os.system(y)\n"
      "os.system(z)\n");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.call_qualified("eval"), "");
  EXPECT_EQ(a.call_qualified("os.system", 0), "");
  EXPECT_EQ(a.call_qualified("os.system", 1), "os.system");
  const Binding* b = a.binding("eval");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->kind, BindingKind::Parameter);
}

TEST(SemanticBuiltins, ImportShadowsBuiltin) {
  Analyzed a("from ast import literal_eval as eval\neval(s)\n");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.call_qualified("eval"), "ast.literal_eval");
}

TEST(SemanticBuiltins, LocalAssignmentMakesNameLocalForWholeFunction) {
  Analyzed a(
      "import subprocess\n"
      "x = subprocess\n"
      "def f():\n"
      "    print(x)\n"
      "    x = 1\n");
  ASSERT_TRUE(a.ok());
  const Binding* b = a.binding("x", 0);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->kind, BindingKind::Assignment);
  EXPECT_EQ(b->lineno, 5);  // the function's own x, not the module's
  EXPECT_EQ(a.model().qualified_name(a.use("x", 0)), "");
}

// --- Scopes ------------------------------------------------------------------------------

TEST(SemanticScopes, ClassScopeNotVisibleInMethods) {
  Analyzed a(
      "import os\n"
      "class A:\n"
      "    os = None\n"
      "    p = os.path\n"
      "    def f(self):\n"
      "        return os.system('x')\n");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.call_qualified("os.system"), "os.system");
  const Binding* in_class = a.binding("os", 0);
  ASSERT_NE(in_class, nullptr);
  EXPECT_EQ(in_class->kind, BindingKind::Assignment);
  EXPECT_EQ(a.model().scope(in_class->home).kind, ScopeKind::Class);
  EXPECT_EQ(a.qualified("os.path"), "");
}

TEST(SemanticScopes, ComprehensionHasItsOwnScope) {
  Analyzed a(
      "import subprocess\n"
      "x = subprocess\n"
      "[x.run() for x in items]\n"
      "x.run()\n");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.call_qualified("x.run", 0), "");
  EXPECT_EQ(a.call_qualified("x.run", 1), "subprocess.run");
  const Binding* loop = a.binding("x", 0);
  ASSERT_NE(loop, nullptr);
  EXPECT_EQ(loop->kind, BindingKind::LoopTarget);
  EXPECT_EQ(a.model().scope(loop->home).kind, ScopeKind::Comprehension);
}

TEST(SemanticScopes, FirstIterableEvaluatedInEnclosingScope) {
  Analyzed a(
      "items = 1\n"
      "class C:\n"
      "    items = [1, 2]\n"
      "    doubled = [i for i in items for j in items]\n");
  ASSERT_TRUE(a.ok());
  const Binding* first = a.binding("items", 0);
  const Binding* second = a.binding("items", 1);
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(a.model().scope(first->home).kind, ScopeKind::Class);
  EXPECT_EQ(second->home, 0u);  // the class body is not visible inside the comprehension
}

TEST(SemanticScopes, WalrusInComprehensionBindsInFunction) {
  Analyzed a(
      "def f(values):\n"
      "    if any((hit := v) > 3 for v in values):\n"
      "        return hit\n");
  ASSERT_TRUE(a.ok());
  const Binding* b = a.binding("hit");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->kind, BindingKind::Walrus);
  EXPECT_EQ(a.model().scope(b->home).kind, ScopeKind::Function);
  EXPECT_EQ(a.model().scope(b->scope).kind, ScopeKind::Comprehension);
}

TEST(SemanticScopes, GlobalDeclarationBindsInModule) {
  Analyzed a(
      "import subprocess\n"
      "runner = None\n"
      "def setup():\n"
      "    global runner\n"
      "    runner = subprocess.Popen\n"
      "def go(cmd):\n"
      "    runner(cmd)\n");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.call_qualified("runner"), "subprocess.Popen");
  auto module_bindings = a.model().bindings_of(0, "runner");
  ASSERT_EQ(module_bindings.size(), 2u);
  EXPECT_EQ(a.model().scope(a.model().binding(module_bindings[1]).scope).kind,
            ScopeKind::Function);
}

TEST(SemanticScopes, GlobalOnlyFromFunction) {
  Analyzed a(
      "import sqlite3\n"
      "def init():\n"
      "    global db\n"
      "    db = sqlite3.connect('x')\n"
      "def use(q):\n"
      "    db.execute(q)\n");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.call_qualified("db.execute"), "sqlite3.connect.execute");
}

TEST(SemanticScopes, NonlocalBindsInEnclosingFunction) {
  Analyzed a(
      "import os\n"
      "def outer():\n"
      "    fn = None\n"
      "    def inner():\n"
      "        nonlocal fn\n"
      "        fn = os.system\n"
      "    inner()\n"
      "    fn('ls')\n");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.call_qualified("fn"), "os.system");
  const Binding* b = a.binding("fn");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(a.model().scope(b->home).name, "outer");
}

TEST(SemanticScopes, ClosureSeesEnclosingFunction) {
  Analyzed a(
      "import pickle\n"
      "def outer():\n"
      "    load = pickle.loads\n"
      "    def inner(b):\n"
      "        return load(b)\n"
      "    return inner\n");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.call_qualified("load"), "pickle.loads");
}

TEST(SemanticScopes, TypeParameterScope) {
  Analyzed a("def first[T](xs: list[T]) -> T:\n    return xs[0]\n");
  ASSERT_TRUE(a.ok());
  const Binding* b = a.binding("T", 0);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->kind, BindingKind::TypeParam);
  EXPECT_EQ(a.model().scope(b->home).kind, ScopeKind::Annotation);
}

TEST(SemanticScopes, LambdaParametersShadow) {
  Analyzed a("import os\nf = lambda os: os.system(1)\nos.system(2)\n");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.call_qualified("os.system", 0), "");
  EXPECT_EQ(a.call_qualified("os.system", 1), "os.system");
}

TEST(SemanticScopes, DecoratorsAndDefaultsInEnclosingScope) {
  Analyzed a(
      "from flask import Flask\n"
      "app = Flask(__name__)\n"
      "@app.route('/')\n"
      "def index(app=app):\n"
      "    return app\n");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.call_qualified("app.route"), "flask.Flask.route");
  const Binding* in_decorator = a.binding("app", 2);
  ASSERT_NE(in_decorator, nullptr);
  EXPECT_EQ(in_decorator->home, 0u);
  const Binding* in_default = a.binding("app", 0);
  ASSERT_NE(in_default, nullptr);
  EXPECT_EQ(in_default->home, 0u);
  const Binding* in_body = a.binding("app", 1);
  ASSERT_NE(in_body, nullptr);
  EXPECT_EQ(in_body->kind, BindingKind::Parameter);
}

TEST(SemanticScopes, BindingKinds) {
  Analyzed a(
      "import os\n"
      "from m import n\n"
      "x: int\n"
      "y = 1\n"
      "y += 2\n"
      "for i in range(3): pass\n"
      "with open(p) as fh: pass\n"
      "try:\n"
      "    pass\n"
      "except ValueError as err:\n"
      "    pass\n"
      "match v:\n"
      "    case [first, *rest]: pass\n"
      "    case {'k': 1, **others}: pass\n"
      "    case Point() as pt: pass\n"
      "def f(arg): pass\n"
      "class K: pass\n"
      "del y\n"
      "type Alias[Q] = list[Q]\n");
  ASSERT_TRUE(a.ok());
  std::vector<std::pair<std::string, BindingKind>> expected = {
      {"os", BindingKind::Import},        {"n", BindingKind::FromImport},
      {"x", BindingKind::Annotation},     {"y", BindingKind::Assignment},
      {"y", BindingKind::AugAssignment},  {"i", BindingKind::LoopTarget},
      {"fh", BindingKind::WithTarget},    {"err", BindingKind::ExceptHandler},
      {"first", BindingKind::MatchCapture}, {"rest", BindingKind::MatchCapture},
      {"others", BindingKind::MatchCapture}, {"pt", BindingKind::MatchCapture},
      {"f", BindingKind::Function},       {"K", BindingKind::Class},
      {"y", BindingKind::Deletion},       {"Alias", BindingKind::TypeAlias},
  };
  std::vector<std::pair<std::string, BindingKind>> got;
  for (BindingId id : a.model().scope(0).bindings) {
    got.emplace_back(std::string(a.model().binding(id).name), a.model().binding(id).kind);
  }
  EXPECT_EQ(got, expected);
  // The parameter lives in the function's scope, the type parameter in an annotation scope.
  bool saw_param = false, saw_type_param = false;
  for (const Binding& b : a.model().bindings()) {
    if (b.name == "arg") saw_param = b.kind == BindingKind::Parameter;
    if (b.name == "Q") saw_type_param = b.kind == BindingKind::TypeParam;
  }
  EXPECT_TRUE(saw_param);
  EXPECT_TRUE(saw_type_param);
}

TEST(SemanticScopes, LookupAtNode) {
  Analyzed a(
      "import os\n"
      "def f():\n"
      "    run(1)\n"
      "    os = 2\n"
      "    run(2)\n"
      "run(3)\n");
  ASSERT_TRUE(a.ok());
  const SemanticModel& m = a.model();
  BindingId in_f_before = m.lookup("os", a.call("run", 0));
  BindingId in_f_after = m.lookup("os", a.call("run", 1));
  BindingId at_module = m.lookup("os", a.call("run", 2));
  ASSERT_NE(in_f_before, kNone);
  ASSERT_NE(in_f_after, kNone);
  ASSERT_NE(at_module, kNone);
  EXPECT_EQ(m.binding(in_f_before).lineno, 4);  // local for the whole function
  EXPECT_EQ(m.binding(in_f_after).lineno, 4);
  EXPECT_EQ(m.binding(at_module).kind, BindingKind::Import);
  EXPECT_EQ(m.lookup("print", a.call("run", 2)), kNone);
}

// --- Imports -----------------------------------------------------------------------------

TEST(SemanticImports, Conditions) {
  Analyzed a(
      "import os\n"
      "try:\n"
      "    import simplejson as json\n"
      "except ImportError:\n"
      "    import json\n"
      "if TYPE_CHECKING:\n"
      "    from typing import Any\n"
      "if sys.platform == 'win32':\n"
      "    import winreg\n"
      "def f():\n"
      "    import pickle\n"
      "try:\n"
      "    import yaml\n"
      "except ValueError:\n"
      "    pass\n"
      "from x import *\n");
  ASSERT_TRUE(a.ok());
  const auto& imports = a.model().imports();
  ASSERT_EQ(imports.size(), 8u);
  EXPECT_EQ(imports[0].module, "os");
  EXPECT_FALSE(imports[0].conditional());
  EXPECT_EQ(imports[1].module, "simplejson");
  EXPECT_EQ(imports[1].conditions, kImportInTryExcept);
  EXPECT_EQ(imports[2].module, "json");
  EXPECT_EQ(imports[2].conditions, kImportInTryExcept);
  EXPECT_EQ(imports[3].module, "typing");
  EXPECT_EQ(imports[3].conditions, kImportTypeChecking);
  EXPECT_EQ(imports[4].module, "winreg");
  EXPECT_EQ(imports[4].conditions, kImportInIf);
  EXPECT_EQ(imports[5].module, "pickle");
  EXPECT_EQ(imports[5].conditions, kImportInFunction);
  EXPECT_EQ(imports[6].module, "yaml");
  EXPECT_FALSE(imports[6].conditional());  // ValueError does not guard an import
  EXPECT_EQ(imports[7].name, "*");
  EXPECT_EQ(imports[7].binding, kNone);
  EXPECT_TRUE(a.model().has_star_import());
  EXPECT_EQ(imports[2].lineno, 5);
  EXPECT_EQ(imports[2].col_offset, 11);
}

TEST(SemanticImports, NoneFallbackDoesNotHideImport) {
  Analyzed a(
      "try:\n"
      "    import yaml\n"
      "except ImportError:\n"
      "    yaml = None\n"
      "yaml.load(s)\n");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.call_qualified("yaml.load"), "yaml.load");
}

// --- Instances -------------------------------------------------------------------------

TEST(SemanticInstances, FlaskApp) {
  Analyzed a(
      "from flask import Flask\n"
      "app = Flask(__name__)\n"
      "def main():\n"
      "    app.run(debug=True)\n"
      "app.config['SECRET_KEY'] = 'x'\n");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.call_qualified("app.run"), "flask.Flask.run");
  EXPECT_EQ(a.model().instance_of(a.expr("app", 1)), "flask.Flask");
  EXPECT_EQ(a.model().qualified_name(a.expr("app", 1)), "");
  EXPECT_EQ(a.qualified("app.config"), "flask.Flask.config");
  EXPECT_EQ(a.model().instance_of(a.expr("Flask(__name__)")), "flask.Flask");
}

TEST(SemanticInstances, ModuleAttributeClass) {
  Analyzed a("import flask\napp = flask.Flask(__name__)\napp.run()\n");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.call_qualified("app.run"), "flask.Flask.run");
}

TEST(SemanticInstances, SelfAttributeFromInit) {
  Analyzed a(
      "import sqlite3\n"
      "class Repo:\n"
      "    def __init__(self, path):\n"
      "        self.conn = sqlite3.connect(path)\n"
      "    def query(self, sql):\n"
      "        return self.conn.execute(sql)\n"
      "    def other(self):\n"
      "        return self.query('x')\n");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.call_qualified("self.conn.execute"), "sqlite3.connect.execute");
  EXPECT_EQ(a.call_qualified("self.query"), "app.main.Repo.query");
}

TEST(SemanticInstances, LocalClassAndInheritance) {
  Analyzed a(
      "from flask import Flask\n"
      "class MyApp(Flask):\n"
      "    def ready(self): pass\n"
      "app = MyApp(__name__)\n"
      "app.run()\n"
      "app.ready()\n");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.call_qualified("app.run"), "flask.Flask.run");
  EXPECT_EQ(a.call_qualified("app.ready"), "app.main.MyApp.ready");
  EXPECT_EQ(a.call_qualified("MyApp"), "app.main.MyApp");
}

TEST(SemanticInstances, FactoryFunction) {
  Analyzed a(
      "from flask import Flask\n"
      "def create_app():\n"
      "    app = Flask(__name__)\n"
      "    return app\n"
      "application = create_app()\n"
      "application.run(host='0.0.0.0')\n");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.call_qualified("application.run"), "flask.Flask.run");
  EXPECT_EQ(a.call_qualified("create_app"), "app.main.create_app");
}

TEST(SemanticInstances, AnnotatedParameter) {
  Analyzed a(
      "from sqlalchemy.orm import Session\n"
      "import subprocess\n"
      "def view(db: Session, p: subprocess.Popen, n: int, q):\n"
      "    db.execute(sql)\n"
      "    p.communicate()\n"
      "    n.bit_length()\n"
      "    q.run()\n");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.call_qualified("db.execute"), "sqlalchemy.orm.Session.execute");
  EXPECT_EQ(a.call_qualified("p.communicate"), "subprocess.Popen.communicate");
  EXPECT_EQ(a.call_qualified("n.bit_length"), "builtins.int.bit_length");
  EXPECT_EQ(a.call_qualified("q.run"), "");
}

TEST(SemanticInstances, WithTarget) {
  Analyzed a("import tarfile\nwith tarfile.open(p) as tar:\n    tar.extractall()\n");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.call_qualified("tar.extractall"), "tarfile.open.extractall");
}

TEST(SemanticInstances, CyclicAliasesTerminate) {
  Analyzed a("a = b\nb = a\na.run()\nx = x.y\nx.z()\n");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.call_qualified("a.run"), "");
  EXPECT_EQ(a.call_qualified("x.z"), "");
}

// --- Constants -------------------------------------------------------------------------

TEST(SemanticConstants, ModuleLevelLiterals) {
  Analyzed a(
      "DEBUG = True\n"
      "HOST = '0.0.0.0'\n"
      "PORT = 8080\n"
      "ALIAS = DEBUG\n"
      "COUNT = 1\n"
      "COUNT += 1\n"
      "TWICE = 1\n"
      "TWICE = 2\n"
      "A, B = 'a', 3.5\n"
      "class Config:\n"
      "    TESTING = False\n"
      "def main():\n"
      "    app.run(debug=DEBUG, host=HOST, port=PORT)\n"
      "    use(ALIAS, COUNT, TWICE, A, B, Config.TESTING)\n");
  ASSERT_TRUE(a.ok());
  const SemanticModel& m = a.model();
  auto debug = m.constant_value(a.expr("DEBUG", 2));
  ASSERT_TRUE(debug.has_value());
  EXPECT_EQ(debug->kind, py::ConstantKind::True);
  auto host = m.constant_value(a.expr("HOST", 1));
  ASSERT_TRUE(host.has_value());
  EXPECT_EQ(host->kind, py::ConstantKind::Str);
  EXPECT_EQ(host->text, "0.0.0.0");
  auto port = m.constant_value(a.expr("PORT", 1));
  ASSERT_TRUE(port.has_value());
  EXPECT_EQ(port->text, "8080");
  auto alias = m.constant_value(a.expr("ALIAS", 1));
  ASSERT_TRUE(alias.has_value());
  EXPECT_EQ(alias->kind, py::ConstantKind::True);
  EXPECT_FALSE(m.constant_value(a.expr("COUNT", 2)).has_value());
  EXPECT_FALSE(m.constant_value(a.expr("TWICE", 2)).has_value());
  auto a_value = m.constant_value(a.expr("A", 1));
  ASSERT_TRUE(a_value.has_value());
  EXPECT_EQ(a_value->text, "a");
  auto b_value = m.constant_value(a.expr("B", 1));
  ASSERT_TRUE(b_value.has_value());
  EXPECT_EQ(b_value->kind, py::ConstantKind::Float);
  auto testing = m.constant_value(a.expr("Config.TESTING"));
  ASSERT_TRUE(testing.has_value());
  EXPECT_EQ(testing->kind, py::ConstantKind::False);
}

TEST(SemanticConstants, ParameterIsNotConstant) {
  Analyzed a("DEBUG = True\ndef f(DEBUG):\n    run(debug=DEBUG)\n");
  ASSERT_TRUE(a.ok());
  EXPECT_FALSE(a.model().constant_value(a.expr("DEBUG", 1)).has_value());
}

// --- Parents -----------------------------------------------------------------------------

TEST(SemanticParents, EnclosingNodes) {
  Analyzed a(
      "class Service:\n"
      "    def handle(self, req):\n"
      "        cmd = build(req.args)\n"
      "        return lambda: run(cmd)\n");
  ASSERT_TRUE(a.ok());
  const SemanticModel& m = a.model();
  const py::Expr* args = a.expr("req.args");
  const py::Call* build = a.call("build");
  EXPECT_EQ(m.parent(args), build);
  const py::Stmt* stmt = m.enclosing_statement(args);
  ASSERT_NE(stmt, nullptr);
  EXPECT_EQ(stmt->kind, py::NodeKind::Assign);
  const py::Node* fn = m.enclosing_function(args);
  ASSERT_NE(fn, nullptr);
  EXPECT_EQ(fn->kind, py::NodeKind::FunctionDef);
  const py::ClassDef* cls = m.enclosing_class(args);
  ASSERT_NE(cls, nullptr);
  EXPECT_EQ(cls->name, "Service");
  const py::Node* lambda_fn = m.enclosing_function(a.call("run"));
  ASSERT_NE(lambda_fn, nullptr);
  EXPECT_EQ(lambda_fn->kind, py::NodeKind::Lambda);
  EXPECT_EQ(m.enclosing_function(fn), nullptr);  // the def itself is in the class body
  EXPECT_EQ(m.parent(a.module()), nullptr);
  EXPECT_EQ(m.enclosing_class(cls), nullptr);
}

// Parents the walk reaches after their children (a parameter after its annotation, the
// first generator after its iterable) are still every child's parent.
TEST(SemanticParents, ParentsWalkedAfterChildren) {
  Analyzed a("def f(x: Limit = 1):\n    return [y for y in data if y]\n");
  ASSERT_TRUE(a.ok());
  const SemanticModel& m = a.model();
  const py::Node* arg = m.parent(a.expr("Limit"));
  ASSERT_NE(arg, nullptr);
  EXPECT_EQ(arg->kind, py::NodeKind::Arg);
  const py::Node* args = m.parent(arg);
  ASSERT_NE(args, nullptr);
  EXPECT_EQ(args->kind, py::NodeKind::Arguments);
  const py::Node* def = m.parent(args);
  ASSERT_NE(def, nullptr);
  EXPECT_EQ(def->kind, py::NodeKind::FunctionDef);
  EXPECT_EQ(m.parent(def), a.module());
  const py::Node* generator = m.parent(a.expr("data"));
  ASSERT_NE(generator, nullptr);
  EXPECT_EQ(generator->kind, py::NodeKind::Comprehension);
  const py::Node* comp = m.parent(generator);
  ASSERT_NE(comp, nullptr);
  EXPECT_EQ(comp->kind, py::NodeKind::ListComp);
  // The iterable runs in the function, the condition in the comprehension.
  EXPECT_EQ(m.scope(m.scope_of(a.expr("data"))).kind, ScopeKind::Function);
  EXPECT_EQ(m.scope(m.scope_of(a.use("y", 1))).kind, ScopeKind::Comprehension);
  EXPECT_EQ(m.scope_created_by(comp), m.scope_of(a.use("y", 1)));
  EXPECT_EQ(m.scope_created_by(a.expr("data")), kNone);
}

TEST(SemanticScopes, ScopeBindingsAndChildren) {
  Analyzed a(
      "import os\n"
      "def f(a):\n"
      "    b = 1\n"
      "    return lambda c: c\n"
      "class C:\n"
      "    d = 2\n"
      "e = [z for z in f(1)]\n");
  ASSERT_TRUE(a.ok());
  const SemanticModel& m = a.model();
  auto names = [&](ScopeId scope) {
    std::string out;
    for (BindingId id : m.scope(scope).bindings) out += std::string(m.binding(id).name) + " ";
    return out;
  };
  EXPECT_EQ(names(0), "os f C e ");
  std::vector<ScopeKind> kinds;
  for (ScopeId child : m.scope(0).children) {
    EXPECT_EQ(m.scope(child).parent, 0u);
    kinds.push_back(m.scope(child).kind);
  }
  EXPECT_EQ(kinds, (std::vector<ScopeKind>{ScopeKind::Function, ScopeKind::Class,
                                           ScopeKind::Comprehension}));
  ScopeId fn = m.scope(0).children[0];
  EXPECT_EQ(names(fn), "a b ");
  ASSERT_EQ(m.scope(fn).children.size(), 1u);
  EXPECT_EQ(names(m.scope(fn).children[0]), "c ");
  EXPECT_EQ(names(m.scope(0).children[1]), "d ");
  EXPECT_EQ(names(m.scope(0).children[2]), "z ");
}

// `nonlocal __class__` in a method reaches the class's implicit cell: a home the class body
// itself never names.
TEST(SemanticScopes, NonlocalClassCell) {
  Analyzed a(
      "class C:\n"
      "    def f(self):\n"
      "        nonlocal __class__\n"
      "        __class__ = 1\n"
      "        return __class__\n");
  ASSERT_TRUE(a.ok());
  const Binding* b = a.binding("__class__");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->kind, BindingKind::Assignment);
  EXPECT_EQ(a.model().scope(b->home).kind, ScopeKind::Class);
  EXPECT_EQ(a.model().bindings_of(b->home, "__class__").size(), 1u);
}

// A model asked about another tree's expression finds nothing, every time.
TEST(SemanticQualifiedNames, ExpressionOfAnotherModule) {
  Analyzed a("import os\nos.system('a')\n");
  Analyzed b("import os\nos.system('b')\n");
  ASSERT_TRUE(a.ok() && b.ok());
  const py::Expr* foreign = b.expr("os.system");
  EXPECT_EQ(a.model().qualified_name(foreign), "");
  EXPECT_EQ(a.model().qualified_name(foreign), "");
  EXPECT_EQ(b.model().qualified_name(foreign), "os.system");
  EXPECT_EQ(a.model().qualified_name(a.expr("os.system")), "os.system");
  a.model().release_memo();
  EXPECT_EQ(a.model().qualified_name_ref(a.expr("os.system")), "os.system");
}

// --- Matching ----------------------------------------------------------------------------

TEST(SemanticMatching, NameSets) {
  QualifiedNameSet shell{"subprocess.run", "subprocess.Popen", "os.system", "pickle.*"};
  EXPECT_TRUE(shell.contains("subprocess.run"));
  EXPECT_FALSE(shell.contains("subprocess.running"));
  EXPECT_TRUE(shell.contains("pickle.loads"));
  EXPECT_TRUE(shell.contains("pickle.Unpickler.load"));
  EXPECT_FALSE(shell.contains("pickle"));
  EXPECT_FALSE(shell.contains("pickletools.dis"));
  EXPECT_FALSE(shell.contains(""));

  Analyzed a(
      "from subprocess import Popen as P\n"
      "import pickle as pk\n"
      "def Popen(x): pass\n"
      "P(cmd)\npk.loads(b)\nPopen(cmd)\n");
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(a.model().call_matches(a.call("P"), shell));
  EXPECT_TRUE(a.model().call_matches(a.call("pk.loads"), shell));
  EXPECT_FALSE(a.model().call_matches(a.call("Popen"), shell));
}

// The set's bit filters (length, last byte, prefix first byte) only reject: names that share
// them with an entry but differ, and entries whose length is 64 apart, are decided exactly.
TEST(SemanticMatching, NameSetFilters) {
  std::string long_name = "a." + std::string(62, 'x');  // 64 bytes: same length bit as ""
  QualifiedNameSet set{"os.system", "ssl.wrap_socket", "yaml.*", long_name};
  EXPECT_TRUE(set.contains("os.system"));
  EXPECT_FALSE(set.contains("os.systen"));    // same length, other last byte
  EXPECT_FALSE(set.contains("os.sysxem"));    // same length and last byte
  EXPECT_FALSE(set.contains("o.system"));     // other length
  EXPECT_TRUE(set.contains(long_name));
  EXPECT_FALSE(set.contains(std::string(64, 'x')));
  EXPECT_TRUE(set.contains("yaml.load"));
  EXPECT_FALSE(set.contains("ymal.load"));    // same first byte, no prefix
  EXPECT_FALSE(set.contains("xyaml.load"));
  QualifiedNameSet prefixes_only{"pickle.*"};
  EXPECT_FALSE(prefixes_only.contains("os.system"));
  EXPECT_TRUE(prefixes_only.contains("pickle.loads"));
}

TEST(SemanticBuiltins, EveryFirstByte) {
  for (std::string_view name : {"ArithmeticError", "ZeroDivisionError", "__import__", "abs", "zip",
                                "eval", "exec", "exit", "open", "super", "True", "None"}) {
    EXPECT_TRUE(is_builtin_name(name)) << name;
  }
  for (std::string_view name : {"", "a", "Zip", "zipp", "evals", "__imp__", "ab", "~", "\xff"}) {
    EXPECT_FALSE(is_builtin_name(name)) << name;
  }
}

// Names longer than a machine word and names that differ only in their last bytes are
// kept apart by the symbol table.
TEST(SemanticScopes, LongAndNearNames) {
  Analyzed a(
      "import subprocess as a_rather_long_module_alias\n"
      "import os as a_rather_long_module_aliaz\n"
      "abc = 1\nabd = 2\n"
      "a_rather_long_module_alias.run(x)\n"
      "a_rather_long_module_aliaz.system(x)\n");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.call_qualified("a_rather_long_module_alias.run"), "subprocess.run");
  EXPECT_EQ(a.call_qualified("a_rather_long_module_aliaz.system"), "os.system");
  EXPECT_EQ(a.model().bindings_of(0, "abc").size(), 1u);
  EXPECT_EQ(a.model().bindings_of(0, "abd").size(), 1u);
  EXPECT_EQ(a.model().bindings_of(0, "abe").size(), 0u);
}

// --- Robustness --------------------------------------------------------------------------

TEST(SemanticRobustness, EmptyAndNullModules) {
  Analyzed empty("");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty.model().scopes().size(), 1u);
  SemanticModel null_model(nullptr);
  EXPECT_EQ(null_model.scopes().size(), 1u);
  EXPECT_EQ(null_model.qualified_name(nullptr), "");
  EXPECT_EQ(null_model.parent(nullptr), nullptr);
}

TEST(SemanticRobustness, DeepExpressionDoesNotOverflow) {
  std::string source = "x = " + std::string(2000, '-') + "1\n";
  for (int i = 0; i < 1500; ++i) source += "y = y + 1 if y else " + std::to_string(i) + "\n";
  Analyzed a(source);
  ASSERT_TRUE(a.ok());
  EXPECT_FALSE(a.model().truncated());
  EXPECT_EQ(a.model().bindings_of(0, "y").size(), 1500u);
}

TEST(SemanticRobustness, FallbackChainsAreBounded) {
  // Each name has ten aliases of the next and ends with `= None`, which makes resolution
  // consider every alias: without a step budget this would take 10^20 steps.
  std::string source;
  for (int i = 0; i < 20; ++i) {
    for (int k = 0; k < 10; ++k) {
      source += "a" + std::to_string(i) + " = a" + std::to_string(i + 1) + "\n";
    }
    source += "a" + std::to_string(i) + " = None\n";
  }
  source += "a0.run()\n";
  Analyzed a(source);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.call_qualified("a0.run"), "");
  EXPECT_FALSE(a.model().constant_value(a.use("a0")).has_value());
}

}  // namespace
}  // namespace aegis::sem
