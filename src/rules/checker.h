// Runs a set of rules over one module: one walk of the AST, each node handed to the
// rules that asked for its kind, then every rule's file-level check.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/flat_string_map.h"
#include "rules/rule.h"

namespace aegis::rules {

class Checker {
 public:
  explicit Checker(std::vector<const Rule*> rules);
  const std::vector<const Rule*>& rules() const { return rules_; }
  // Appends the findings of every rule for `file` to `out`, in no particular order.
  void check(const FileUnit& file, std::vector<Finding>& out) const;

 private:
  // A rule as dispatched: with the index of its text triggers in triggers_, or kAlways.
  struct Entry {
    const Rule* rule;
    std::size_t triggers;
  };
  static constexpr std::size_t kAlways = static_cast<std::size_t>(-1);
  // Per file, by index in triggers_: whether the rule is skipped in this file.
  using Skipped = std::vector<unsigned char>;
  static bool skipped(const Entry& e, const Skipped& skip) { return e.triggers != kAlways && skip[e.triggers]; }
  Skipped skipped_rules(std::string_view text) const;
  void visit_call(const py::Call& call, RuleContext& ctx, const Skipped& skip) const;

  std::vector<const Rule*> rules_;
  std::vector<Entry> entries_;  // rules_ with their triggers
  std::vector<std::vector<std::string_view>> triggers_;  // Rule::text_triggers() of the rules with some
  std::array<std::vector<Entry>, py::kNodeKindCount> by_kind_;
  // Kinds of leaf nodes (no children, ever) that no rule visits: the walk passes them by.
  std::array<bool, py::kNodeKindCount> skip_leaf_{};
  // Call rules with a call_filter: by exact qualified name and by prefix ("pickle.").
  FlatStringMap<std::vector<Entry>> calls_by_name_;
  FlatStringMap<std::vector<Entry>> calls_by_prefix_;
  // The first dotted part of every name and prefix above ("pickle"): a call whose name
  // starts otherwise (a function of the project, "str.join") matches none, after one lookup.
  FlatStringMap<bool> first_parts_;
  // Bit (x mod 64) for the length and for the first byte of every first part: most calls'
  // first part (the module's own name, "builtins") misses one of them and skips the hashing.
  std::uint64_t first_part_lengths_ = 0;
  std::uint64_t first_part_bytes_ = 0;
  std::size_t longest_prefix_ = 0;
};

// The rules of the registry that `select` names and `ignore` does not (selectors as in
// selector_matches; an empty `select` means every rule).
std::vector<const Rule*> select_rules(const std::vector<std::string>& select,
                                      const std::vector<std::string>& ignore);

}  // namespace aegis::rules
