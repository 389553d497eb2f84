// Shared by DSR004 (XML parsing) and the XML import rules (IMP004, IMP005): whether a module
// has made the standard library's XML parsers safe with defusedxml, either by patching them
// (defusedxml.defuse_stdlib(), defusedxml.xmlrpc.monkey_patch()) or by importing the defused
// module under the same name, with the standard one only as a fallback:
//   try: import defusedxml.ElementTree as ET
//   except ImportError: import xml.etree.ElementTree as ET
#pragma once
#include <string_view>
#include <vector>

#include "python/ast_visit.h"
#include "rules/rule.h"

namespace aegis::rules::xmlsafety {

inline bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// Whether the module imports `package` or something below it.
inline bool imports_package(const RuleContext& ctx, std::string_view package) {
  for (const sem::ImportRecord& r : ctx.model().imports()) {
    if (r.level != 0) continue;
    if (r.module == package || starts_with(r.module, std::string(package) + ".")) return true;
  }
  return false;
}

// The first call in the module that resolves to one of `names` (a walk over the whole tree:
// callers first check an import makes a match possible).
inline const py::Call* find_call(const RuleContext& ctx, const sem::QualifiedNameSet& names) {
  std::vector<py::Node*> stack{const_cast<py::Module*>(&ctx.module())};
  while (!stack.empty()) {
    py::Node* node = stack.back();
    stack.pop_back();
    if (const auto* call = as<py::Call>(node); call && ctx.call_matches(*call, names)) return call;
    py::for_each_child(node, [&](py::Node* child) { stack.push_back(child); });
  }
  return nullptr;
}

// defusedxml.defuse_stdlib() patches xml.etree, xml.dom, xml.sax and xmlrpc in place.
inline bool stdlib_defused(const RuleContext& ctx) {
  if (!imports_package(ctx, "defusedxml")) return false;
  static const sem::QualifiedNameSet kDefuse{"defusedxml.defuse_stdlib"};
  return find_call(ctx, kDefuse) != nullptr;
}

// defusedxml.xmlrpc.monkey_patch() (or defuse_stdlib()) patches xmlrpc's parser.
inline bool xmlrpc_defused(const RuleContext& ctx) {
  if (!imports_package(ctx, "defusedxml")) return false;
  static const sem::QualifiedNameSet kPatch{"defusedxml.defuse_stdlib",
                                            "defusedxml.xmlrpc.monkey_patch"};
  return find_call(ctx, kPatch) != nullptr;
}

// Whether `name`, living in scope `home`, is also bound to a defusedxml import: the standard
// module is then the fallback for when defusedxml is missing.
inline bool also_bound_to_defusedxml(const RuleContext& ctx, sem::ScopeId home, std::string_view name) {
  for (sem::BindingId id : ctx.model().bindings_of(home, name)) {
    const sem::Binding& b = ctx.model().binding(id);
    if (b.import_index == sem::kNone) continue;
    const sem::ImportRecord& r = ctx.model().imports()[b.import_index];
    if (r.module == "defusedxml" || starts_with(r.module, "defusedxml.")) return true;
  }
  return false;
}

// The same for the name an expression starts from (`ET` in `ET.fromstring`).
inline bool defused_fallback(const RuleContext& ctx, const py::Expr* expr) {
  while (const auto* attr = as<py::Attribute>(expr)) expr = attr->value;
  const auto* root = as<py::Name>(expr);
  if (!root) return false;
  sem::BindingId id = ctx.model().binding_of(root);
  if (id == sem::kNone) return false;
  const sem::Binding& b = ctx.model().binding(id);
  return b.import_index != sem::kNone && also_bound_to_defusedxml(ctx, b.home, b.name);
}

}  // namespace aegis::rules::xmlsafety
