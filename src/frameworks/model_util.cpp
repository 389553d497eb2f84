#include "frameworks/model_util.h"

#include <algorithm>
#include <cctype>

#include "rules/rule.h"

namespace aegis::frameworks::util {

void walk(const py::Node* root, const std::function<void(const py::Node*)>& visit) {
  if (!root) return;
  std::vector<py::Node*> stack{const_cast<py::Node*>(root)};
  std::vector<py::Node*> children;
  while (!stack.empty()) {
    py::Node* n = stack.back();
    stack.pop_back();
    visit(n);
    children.clear();
    py::for_each_child(n, [&](py::Node* c) { children.push_back(c); });
    stack.insert(stack.end(), children.rbegin(), children.rend());
  }
}

bool imports_application_library(const sem::SemanticModel& model) {
  static constexpr std::string_view kPackages[] = {
      "flask",  "quart",    "werkzeug", "fastapi", "starlette", "django",   "rest_framework", "sqlalchemy",
      "PIL",    "slowapi",  "limits",   "jwt",     "jose",      "passlib",  "bcrypt",         "argon2",
      "itsdangerous", "authlib", "uvicorn", "gunicorn", "waitress", "hypercorn"};
  for (const auto& rec : model.imports()) {
    std::string_view top = rec.module;
    top = top.substr(0, top.find('.'));
    if (top.rfind("flask_", 0) == 0) return true;
    for (std::string_view p : kPackages) {
      if (top == p) return true;
    }
  }
  return false;
}

std::string qualified(const PythonModule& m, const py::Expr* e) {
  if (!e || !m.unit.model) return {};
  return m.unit.model->qualified_name(e);
}

std::optional<std::string> string_value(const PythonModule& m, const py::Expr* e) {
  if (!e) return std::nullopt;
  if (const auto* c = py::dyn_cast<py::Constant>(e)) {
    if (c->value.kind == py::ConstantKind::Str) return std::string(c->value.text);
    return std::nullopt;
  }
  if (!m.unit.model) return std::nullopt;
  auto v = m.unit.model->constant_value(e);
  if (v && v->kind == py::ConstantKind::Str) return std::string(v->text);
  return std::nullopt;
}

std::optional<std::vector<std::string>> string_list(const PythonModule& m, const py::Expr* e) {
  const aegis::Span<py::Expr*>* elts = nullptr;
  if (const auto* l = py::dyn_cast<py::List>(e)) elts = &l->elts;
  else if (const auto* t = py::dyn_cast<py::Tuple>(e)) elts = &t->elts;
  else if (const auto* s = py::dyn_cast<py::Set>(e)) elts = &s->elts;
  if (!elts) {
    // A name bound once to a list literal (ALLOWED_ORIGINS = [...]).
    if (const auto* name = py::dyn_cast<py::Name>(e); name && m.unit.model) {
      sem::BindingId b = m.unit.model->binding_of(name);
      if (b != sem::kNone) {
        const auto& binding = m.unit.model->binding(b);
        if (binding.value && binding.value != e) return string_list(m, binding.value);
      }
    }
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const py::Expr* x : *elts) {
    auto s = string_value(m, x);
    if (!s) return std::nullopt;
    out.push_back(*s);
  }
  return out;
}

const py::Expr* keyword_value(const py::Call& call, std::string_view name) {
  for (const py::Keyword* k : call.keywords) {
    if (k && k->arg == name) return k->value;
  }
  return nullptr;
}

const py::Expr* positional(const py::Call& call, std::size_t index) {
  if (index >= call.args.size()) return nullptr;
  for (std::size_t i = 0; i <= index; ++i) {
    if (call.args[i]->kind == py::NodeKind::Starred) return nullptr;
  }
  return call.args[index];
}

std::optional<EnvRead> env_read(const PythonModule& m, const py::Expr* e) {
  if (const auto* call = py::dyn_cast<py::Call>(e)) {
    std::string q = qualified(m, call);
    if (q == "os.getenv" || q == "os.environ.get" || q == "os.environ.setdefault" ||
        q == "decouple.config" || q == "os.getenvb") {
      auto var = string_value(m, positional(*call, 0));
      if (!var) var = string_value(m, keyword_value(*call, "key"));
      if (!var) return std::nullopt;
      EnvRead r;
      r.var = *var;
      r.default_expr = positional(*call, 1);
      if (!r.default_expr) r.default_expr = keyword_value(*call, "default");
      return r;
    }
    return std::nullopt;
  }
  if (const auto* sub = py::dyn_cast<py::Subscript>(e)) {
    if (qualified(m, sub->value) == "os.environ") {
      auto var = string_value(m, sub->slice);
      if (!var) return std::nullopt;
      EnvRead r;
      r.var = *var;
      r.subscript = true;
      return r;
    }
  }
  return std::nullopt;
}

std::optional<EnvRead> find_env_read(const PythonModule& m, const py::Expr* e) {
  std::optional<EnvRead> found;
  walk(e, [&](const py::Node* n) {
    if (found) return;
    if (const auto* x = py::dyn_cast<py::Expr>(n)) found = env_read(m, x);
  });
  return found;
}

std::string_view last_component(std::string_view dotted) {
  auto dot = dotted.rfind('.');
  return dot == std::string_view::npos ? dotted : dotted.substr(dot + 1);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

bool is_upper_identifier(std::string_view name) {
  if (name.empty() || !std::isupper(static_cast<unsigned char>(name[0]))) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_';
  });
}

namespace {

bool is_main_test(const PythonModule& m, const py::Expr* test) {
  const auto* cmp = py::dyn_cast<py::Compare>(test);
  if (!cmp || cmp->ops.size() != 1 || cmp->ops[0] != py::CmpOperator::Eq) return false;
  const auto* name = py::dyn_cast<py::Name>(cmp->left);
  auto value = string_value(m, cmp->comparators[0]);
  return name && name->id == "__name__" && value && *value == "__main__";
}

// A test that decides by the environment or by a debug/config flag.
bool is_environment_test(const PythonModule& m, const py::Expr* test) {
  bool found = false;
  walk(test, [&](const py::Node* n) {
    if (found) return;
    const auto* e = py::dyn_cast<py::Expr>(n);
    if (!e) return;
    if (env_read(m, e)) found = true;
    std::string q = qualified(m, e);
    if (q.rfind("os.environ", 0) == 0 || q == "os.getenv") found = true;
    if (const auto* name = py::dyn_cast<py::Name>(e)) {
      std::string l = lower(name->id);
      if (contains(l, "env") || contains(l, "debug") || contains(l, "development") || contains(l, "prod"))
        found = true;
    }
    if (const auto* attr = py::dyn_cast<py::Attribute>(e)) {
      std::string l = lower(attr->attr);
      if (contains(l, "env") || contains(l, "debug") || contains(l, "development") || contains(l, "testing"))
        found = true;
    }
  });
  return found;
}

}  // namespace

bool under_main_guard(const PythonModule& m, const py::Node* node) {
  for (const py::Node* n = m.unit.model->parent(node); n; n = m.unit.model->parent(n)) {
    if (const auto* branch = py::dyn_cast<py::If>(n); branch && is_main_test(m, branch->test)) return true;
  }
  return false;
}

bool under_environment_check(const PythonModule& m, const py::Node* node) {
  for (const py::Node* n = m.unit.model->parent(node); n; n = m.unit.model->parent(n)) {
    if (const auto* branch = py::dyn_cast<py::If>(n); branch && is_environment_test(m, branch->test)) return true;
  }
  return false;
}

}  // namespace aegis::frameworks::util
