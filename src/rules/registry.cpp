#include <algorithm>
#include <cctype>

#include "rules/rule.h"

namespace aegis::rules {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::toupper(static_cast<unsigned char>(x)) == std::toupper(static_cast<unsigned char>(y));
         });
}

// "INJ" names the family of INJ001, INJ002...: letters only, all of the id's letters.
bool is_family_of(std::string_view selector, std::string_view id) {
  std::size_t letters = 0;
  while (letters < id.size() && std::isalpha(static_cast<unsigned char>(id[letters]))) ++letters;
  if (selector.size() < letters || selector.size() >= id.size()) return false;
  return iequals(selector, id.substr(0, selector.size()));
}

}  // namespace

Registry& Registry::instance() {
  static Registry registry;
  return registry;
}

void Registry::add(std::unique_ptr<Rule> rule) {
  owned_.push_back(std::move(rule));
  dirty_ = true;
}

const std::vector<const Rule*>& Registry::rules() const {
  if (dirty_) {
    sorted_.clear();
    for (const auto& r : owned_) sorted_.push_back(r.get());
    std::sort(sorted_.begin(), sorted_.end(),
              [](const Rule* a, const Rule* b) { return a->meta().id < b->meta().id; });
    dirty_ = false;
  }
  return sorted_;
}

// Whether `key` is one of a comma-separated alias list ("B313, B314"); a rule that covers
// several Bandit checks (the XML parser family) lists them all.
static bool alias_matches(std::string_view key, std::string_view aliases) {
  while (!aliases.empty()) {
    std::size_t comma = aliases.find(',');
    std::string_view one = aliases.substr(0, comma);
    while (!one.empty() && one.front() == ' ') one.remove_prefix(1);
    while (!one.empty() && one.back() == ' ') one.remove_suffix(1);
    if (!one.empty() && iequals(key, one)) return true;
    if (comma == std::string_view::npos) break;
    aliases.remove_prefix(comma + 1);
  }
  return false;
}

const Rule* Registry::find(std::string_view key) const {
  for (const Rule* r : rules()) {
    const RuleMeta& m = r->meta();
    if (iequals(key, m.id) || key == m.name || alias_matches(key, m.bandit) ||
        alias_matches(key, m.ruff)) {
      return r;
    }
  }
  return nullptr;
}

bool selector_matches(const Rule& rule, std::string_view selector) {
  const RuleMeta& m = rule.meta();
  if (iequals(selector, "ALL")) return true;
  if (iequals(selector, m.id) || selector == m.name) return true;
  if (alias_matches(selector, m.bandit) || alias_matches(selector, m.ruff)) return true;
  return is_family_of(selector, m.id);
}

bool selector_known(std::string_view selector) {
  for (const Rule* r : Registry::instance().rules()) {
    if (selector_matches(*r, selector)) return true;
  }
  return false;
}

}  // namespace aegis::rules
