// The names of Python's builtins module that code uses as free names.
#pragma once
#include <string_view>

namespace aegis::sem {

// True for names such as "eval", "open", "print", "ValueError" (CPython 3.12's
// dir(builtins) without the module's own dunder attributes).
bool is_builtin_name(std::string_view name);

}  // namespace aegis::sem
