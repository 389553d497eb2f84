// The names of Python's builtins module that code uses as free names.
#pragma once
#include <cstddef>
#include <string_view>

namespace aegis::sem {

// True for names such as "eval", "open", "print", "ValueError" (CPython 3.12's
// dir(builtins) without the module's own dunder attributes).
bool is_builtin_name(std::string_view name);
// The position of a builtin's name among them (0 .. builtin_count() - 1), or -1.
int builtin_index(std::string_view name);
std::size_t builtin_count();
std::string_view builtin_name(std::size_t index);  // index < builtin_count()

}  // namespace aegis::sem
