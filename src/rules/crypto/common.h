// Helpers shared by the CRY and NET rule families.
#pragma once
#include <cctype>
#include <optional>
#include <string>
#include <string_view>

#include "rules/rule.h"

namespace aegis::rules::cryptonet {

inline bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
inline bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// What an expression names: for a call, the callee (`hashes.MD5()` -> "...hashes.MD5"),
// otherwise the expression itself.
inline std::string callee_or_name(const RuleContext& ctx, const py::Expr* expr) {
  if (!expr) return {};
  if (const auto* call = as<py::Call>(expr)) return ctx.model().call_qualified_name(call);
  return ctx.model().qualified_name(expr);
}

// The integer value of a constant expression (literal or a name bound once to one).
inline std::optional<long long> int_constant(const RuleContext& ctx, const py::Expr* expr) {
  auto v = constant(ctx, expr);
  if (!v || v->kind != py::ConstantKind::Int || v->text.empty() || v->text.size() > 15) return std::nullopt;
  long long n = 0;
  for (char c : v->text) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

// A constant whose truth value is false (False, None, 0, "", b"").
inline bool is_falsy_constant(const RuleContext& ctx, const py::Expr* expr) {
  auto v = constant(ctx, expr);
  if (!v) return false;
  switch (v->kind) {
    case py::ConstantKind::False: case py::ConstantKind::None: return true;
    case py::ConstantKind::Int: return v->text == "0";
    case py::ConstantKind::Str: case py::ConstantKind::Bytes: return v->text.empty();
    default: return false;
  }
}

inline std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Short source text for messages.
inline std::string snippet(const RuleContext& ctx, const py::Node* node, std::size_t max = 60) {
  if (!node) return {};
  std::string s(ctx.source(*node));
  for (char& c : s) if (c == '\n') c = ' ';
  if (s.size() > max) s = s.substr(0, max - 3) + "...";
  return s;
}

}  // namespace aegis::rules::cryptonet
