// Small helpers the framework models share: walking a module, reading literals and
// environment reads, and names of functions and calls.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "frameworks/app_model.h"
#include "python/ast_visit.h"
#include "semantic/semantic_model.h"

namespace aegis::frameworks::util {

// Pre-order walk of every node below `root` (iterative: deep trees must not exhaust the stack).
void walk(const py::Node* root, const std::function<void(const py::Node*)>& visit);

// The qualified name a call or expression resolves to in its module ("" when unknown).
std::string qualified(const PythonModule& m, const py::Expr* e);
// The string value of a literal (or a name bound once to one).
std::optional<std::string> string_value(const PythonModule& m, const py::Expr* e);
// The strings of a list/tuple/set literal of string literals; nullopt when any element is not one.
std::optional<std::vector<std::string>> string_list(const PythonModule& m, const py::Expr* e);
const py::Expr* keyword_value(const py::Call& call, std::string_view name);
const py::Expr* positional(const py::Call& call, std::size_t index);

// An environment read: os.getenv / os.environ.get / os.environ[...] / decouple.config.
struct EnvRead {
  std::string var;
  const py::Expr* default_expr = nullptr;  // null: no default given
  bool subscript = false;                  // os.environ["X"]: raises when unset
};
std::optional<EnvRead> env_read(const PythonModule& m, const py::Expr* e);
// The first environment read anywhere below `e`.
std::optional<EnvRead> find_env_read(const PythonModule& m, const py::Expr* e);

// The last dotted component ("flask_login.login_required" -> "login_required").
std::string_view last_component(std::string_view dotted);
std::string lower(std::string_view s);
bool contains(std::string_view haystack, std::string_view needle);
bool is_upper_identifier(std::string_view name);  // "SESSION_COOKIE_SECURE"

// Whether a module imports a web framework or a library the framework models read (Flask
// and its extensions, FastAPI/Starlette, Django, SQLAlchemy, Pillow, JWT and password
// hashing libraries, WSGI/ASGI servers): a project with none has no application to model.
bool imports_application_library(const sem::SemanticModel& model);

// Whether `node` sits under `if __name__ == "__main__":`.
bool under_main_guard(const PythonModule& m, const py::Node* node);
// Whether `node` sits under an if whose test reads the environment or a config/debug flag.
bool under_environment_check(const PythonModule& m, const py::Node* node);

}  // namespace aegis::frameworks::util
