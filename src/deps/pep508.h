// PEP 508 requirements and environment markers, with the semantics of the `packaging`
// library Debian 12 ships (23.0): the same tokens, the same accepted and rejected inputs
// (errors carry packaging's message and a byte offset), the same str() forms and the same
// marker evaluation, where a comparison of two version-like values follows specifier rules.
#pragma once
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "deps/pep440.h"

namespace aegis::deps {

struct MarkerEnvironment {  // values of the PEP 508 marker variables
  std::map<std::string, std::string, std::less<>> values;
  // A target such as ("3.12", "linux"): python_version, python_full_version, sys_platform,
  // platform_system, os_name, platform_machine, implementation_name,
  // platform_python_implementation, platform_release, platform_version, implementation_version.
  // CPython is assumed. `python_version` is "3.12" (python_full_version becomes "3.12.0") or
  // a full "3.12.4". `platform` is linux, darwin (or macos) or win32 (or windows), with the
  // machine x86_64, arm64 and AMD64 respectively; platform_release and platform_version are
  // unknown for a target and left empty.
  static MarkerEnvironment target(std::string_view python_version, std::string_view platform);
};

class Marker {
 public:
  // A term "lhs op rhs", each side a variable name or a string value.
  struct Operand {
    bool variable = false;
    std::string value;
  };
  // packaging's nested-list form: a list holds terms, sub-lists and "and"/"or".
  struct Node {
    enum class Kind { List, Term, BoolOp } kind = Kind::List;
    std::vector<Node> children;  // List
    Operand lhs, rhs;            // Term
    std::string op;              // Term: "==", "in", "not in", ...; BoolOp: "and" / "or"
  };

  // Like packaging 23.0's Marker(), text after the first complete marker expression is
  // ignored ("os_name == 'nt' junk" parses as os_name == "nt"); parse_requirement checks
  // the end. On error fills `error` and the 0-based byte offset.
  static std::optional<Marker> parse(std::string_view text, std::string* error = nullptr,
                                     std::size_t* error_offset = nullptr);
  // The marker's value, or nullopt where packaging raises: a variable the environment
  // lacks, a version comparison whose left side is no version ("os_name == '1.0'"), an
  // operator without meaning for the values (~= on plain strings).
  std::optional<bool> evaluate_checked(const MarkerEnvironment& env, std::string_view extra = "",
                                       std::string* error = nullptr) const;
  // evaluate_checked(), with a marker that cannot be evaluated taken as true: the
  // requirement is assumed to apply, the cautious reading for a security review.
  bool evaluate(const MarkerEnvironment& env, std::string_view extra = "") const;
  std::string str() const;  // as packaging's str(Marker(...))
  const Node& root() const { return root_; }
  explicit Marker(Node root) : root_(std::move(root)) {}

 private:
  Node root_;
};

struct Requirement {
  std::string name;                    // as written
  std::vector<std::string> extras;     // sorted like packaging, without duplicates
  SpecifierSet specifier;
  std::string url;                     // "name @ url" form
  std::optional<Marker> marker;
  std::string str() const;             // as packaging's str(Requirement(...))
};

// Parses one PEP 508 requirement string; on error fills `error` and the 0-based byte offset.
std::optional<Requirement> parse_requirement(std::string_view text, std::string* error = nullptr,
                                             std::size_t* error_offset = nullptr);

}  // namespace aegis::deps
