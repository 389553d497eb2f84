// Input the TOML library (toml++ 3.3, Debian's) must not be given: it asserts on some
// invalid documents and reaches __builtin_unreachable() on others (undefined behaviour in a
// release build). Every caller of toml::parse checks here first.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace aegis::deps {

struct TomlHazard {
  std::size_t offset;   // byte offset of the offending character
  std::string message;
};

// The first hazard in `text`, or nullopt when toml++ can be trusted with it.
std::optional<TomlHazard> toml_hazard(std::string_view text);

}  // namespace aegis::deps
