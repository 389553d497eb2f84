#include "rules/rule.h"

namespace aegis::rules {

const py::Keyword* keyword(const py::Call& call, std::string_view name) {
  for (const py::Keyword* k : call.keywords) {
    if (k && k->arg == name) return k;
  }
  return nullptr;
}

const py::Expr* argument(const py::Call& call, std::string_view name, int position) {
  if (const py::Keyword* k = keyword(call, name)) return k->value;
  if (position < 0 || static_cast<std::size_t>(position) >= call.args.size()) return nullptr;
  // A starred argument before the position makes the position unknowable.
  for (int i = 0; i <= position; ++i) {
    if (call.args[i]->kind == py::NodeKind::Starred) return nullptr;
  }
  return call.args[position];
}

bool has_splat(const py::Call& call) {
  for (const py::Keyword* k : call.keywords) {
    if (k && k->arg.empty()) return true;
  }
  for (const py::Expr* a : call.args) {
    if (a->kind == py::NodeKind::Starred) return true;
  }
  return false;
}

std::optional<py::ConstantValue> constant(const RuleContext& ctx, const py::Expr* expr) {
  if (!expr) return std::nullopt;
  return ctx.model().constant_value(expr);
}

bool is_true_constant(const RuleContext& ctx, const py::Expr* expr) {
  auto v = constant(ctx, expr);
  return v && v->kind == py::ConstantKind::True;
}

bool is_false_constant(const RuleContext& ctx, const py::Expr* expr) {
  auto v = constant(ctx, expr);
  return v && v->kind == py::ConstantKind::False;
}

bool is_none_constant(const RuleContext& ctx, const py::Expr* expr) {
  auto v = constant(ctx, expr);
  return v && v->kind == py::ConstantKind::None;
}

std::optional<std::string_view> string_constant(const RuleContext& ctx, const py::Expr* expr) {
  auto v = constant(ctx, expr);
  if (!v || v->kind != py::ConstantKind::Str) return std::nullopt;
  return v->text;
}

}  // namespace aegis::rules
