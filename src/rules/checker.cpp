#include "rules/checker.h"

#include "python/ast_visit.h"

namespace aegis::rules {

Checker::Checker(std::vector<const Rule*> rules) : rules_(std::move(rules)) {
  for (const Rule* r : rules_) {
    for (py::NodeKind kind : r->node_kinds()) by_kind_[static_cast<std::size_t>(kind)].push_back(r);
  }
}

void Checker::check(const FileUnit& file, std::vector<Finding>& out) const {
  RuleContext ctx(file, out);
  // Pre-order, source order, without recursion: trees may be thousands of levels deep.
  std::vector<py::Node*> stack;
  std::vector<py::Node*> children;
  stack.push_back(const_cast<py::Module*>(file.module));
  while (!stack.empty()) {
    py::Node* node = stack.back();
    stack.pop_back();
    for (const Rule* r : by_kind_[static_cast<std::size_t>(node->kind)]) {
      ctx.set_rule(r);
      r->visit(*node, ctx);
    }
    children.clear();
    py::for_each_child(node, [&](py::Node* child) { children.push_back(child); });
    for (auto it = children.rbegin(); it != children.rend(); ++it) stack.push_back(*it);
  }
  for (const Rule* r : rules_) {
    ctx.set_rule(r);
    r->check_file(ctx);
  }
}

std::vector<const Rule*> select_rules(const std::vector<std::string>& select,
                                      const std::vector<std::string>& ignore) {
  std::vector<const Rule*> out;
  for (const Rule* r : Registry::instance().rules()) {
    bool selected = select.empty();
    for (const auto& s : select) selected = selected || selector_matches(*r, s);
    for (const auto& s : ignore) selected = selected && !selector_matches(*r, s);
    if (selected) out.push_back(r);
  }
  return out;
}

}  // namespace aegis::rules
