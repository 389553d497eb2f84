// PEP 508 dependency specifiers ("name[extra] >=1.0; python_version < '3.11'") and
// environment markers, parsed and evaluated as the `packaging` library (23.x) does.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "deps/pep440.h"

namespace aegis::deps {

// The values of the marker variables for the environment a project targets.
struct MarkerEnvironment {
  std::map<std::string, std::string, std::less<>> values;
  // A target such as ("3.12", "linux"): python_version, python_full_version,
  // sys_platform, platform_system, os_name, platform_machine, implementation_name,
  // platform_python_implementation, implementation_version, platform_release,
  // platform_version. Platforms: linux, darwin, win32.
  static MarkerEnvironment target(std::string_view python_version, std::string_view platform);
};

class Marker {
 public:
  Marker();
  ~Marker();
  Marker(const Marker&);
  Marker& operator=(const Marker&);
  Marker(Marker&&) noexcept;
  Marker& operator=(Marker&&) noexcept;

  static std::optional<Marker> parse(std::string_view text, std::string* error = nullptr,
                                     std::size_t* error_offset = nullptr);
  // `extra` is the extra being installed ("" for none). A comparison packaging cannot
  // make (a version operator on a value that is not a version) counts as false.
  bool evaluate(const MarkerEnvironment& env, std::string_view extra = "") const;
  std::string str() const;  // as str(Marker(...))
  // The extra names the marker tests with `extra == "..."` (normalised).
  std::vector<std::string> extras() const;

  struct Node;

 private:
  std::shared_ptr<const Node> root_;
};

struct Requirement {
  std::string name;                 // as written
  std::vector<std::string> extras;  // sorted
  SpecifierSet specifier;
  std::string url;                  // "name @ url"
  std::optional<Marker> marker;
  std::string str() const;          // as str(Requirement(...))
};

// Parses one PEP 508 requirement; on error fills `error` and the 0-based byte offset.
std::optional<Requirement> parse_requirement(std::string_view text, std::string* error = nullptr,
                                             std::size_t* error_offset = nullptr);

}  // namespace aegis::deps
