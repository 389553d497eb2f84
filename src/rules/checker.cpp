#include "rules/checker.h"

#include <algorithm>

#include "python/ast_visit.h"

namespace aegis::rules {

Checker::Checker(std::vector<const Rule*> rules) : rules_(std::move(rules)) {
  for (const Rule* r : rules_) {
    const sem::QualifiedNameSet* filter = r->call_filter();
    for (py::NodeKind kind : r->node_kinds()) {
      if (kind == py::NodeKind::Call && filter) continue;  // dispatched by name instead
      by_kind_[static_cast<std::size_t>(kind)].push_back(r);
    }
    if (!filter) continue;
    filter->for_each_exact([&](std::string_view n) { calls_by_name_[std::string(n)].push_back(r); });
    filter->for_each_prefix([&](std::string_view p) {
      calls_by_prefix_[std::string(p)].push_back(r);
      longest_prefix_ = std::max(longest_prefix_, p.size());
    });
  }
  // Registry order within each list, so findings come out the same whatever the sets' order.
  auto by_id = [](const Rule* a, const Rule* b) { return a->meta().id < b->meta().id; };
  for (auto& [name, list] : calls_by_name_) std::sort(list.begin(), list.end(), by_id);
  for (auto& [name, list] : calls_by_prefix_) std::sort(list.begin(), list.end(), by_id);
}

void Checker::visit_call(const py::Call& call, RuleContext& ctx) const {
  if (calls_by_name_.empty() && calls_by_prefix_.empty()) return;
  const std::string& name = ctx.call_name(call);
  if (name.empty()) return;
  // A rule may be reached through its exact name and a prefix: visit it once. Matches are
  // rare (most calls are of nothing a rule watches), so collecting them costs little.
  std::vector<const Rule*> matched;
  if (auto it = calls_by_name_.find(name); it != calls_by_name_.end()) matched = it->second;
  for (std::size_t i = 0; i < name.size() && i < longest_prefix_ && !calls_by_prefix_.empty(); ++i) {
    if (name[i] != '.') continue;
    auto it = calls_by_prefix_.find(std::string_view(name).substr(0, i + 1));
    if (it == calls_by_prefix_.end()) continue;
    for (const Rule* r : it->second) {
      if (std::find(matched.begin(), matched.end(), r) == matched.end()) matched.push_back(r);
    }
  }
  for (const Rule* r : matched) {
    ctx.set_rule(r);
    r->visit(call, ctx);
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
    if (node->kind == py::NodeKind::Call) visit_call(*static_cast<const py::Call*>(node), ctx);
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
    bool selected = select.empty() && !r->meta().opt_in;
    for (const auto& s : select) selected = selected || selector_matches(*r, s);
    for (const auto& s : ignore) selected = selected && !selector_matches(*r, s);
    if (selected) out.push_back(r);
  }
  return out;
}

}  // namespace aegis::rules
