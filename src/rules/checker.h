// Runs a set of rules over one module: one walk of the AST, each node handed to the
// rules that asked for its kind, then every rule's file-level check.
#pragma once
#include <array>
#include <vector>

#include "rules/rule.h"

namespace aegis::rules {

class Checker {
 public:
  explicit Checker(std::vector<const Rule*> rules);
  const std::vector<const Rule*>& rules() const { return rules_; }
  // Appends the findings of every rule for `file` to `out`, in no particular order.
  void check(const FileUnit& file, std::vector<Finding>& out) const;

 private:
  std::vector<const Rule*> rules_;
  std::array<std::vector<const Rule*>, py::kNodeKindCount> by_kind_;
};

// The rules of the registry that `select` names and `ignore` does not (selectors as in
// selector_matches; an empty `select` means every rule).
std::vector<const Rule*> select_rules(const std::vector<std::string>& select,
                                      const std::vector<std::string>& ignore);

}  // namespace aegis::rules
