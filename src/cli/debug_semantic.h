// aegis debug semantic FILE: what the semantic index knows about one module.
#pragma once
#include <string>

namespace aegis::cli {

// Prints scopes with their bindings, imports (with conditions) and, for every name and
// call, what it resolves to. The module is named after the file (its stem, or the
// directory for __init__.py). Returns 0, 1 when the file does not parse, 2 when unreadable.
int debug_semantic(const std::string& path, int feature_minor);

}  // namespace aegis::cli
