// Shared by HYG002/HYG003: is an except handler broad (bare, Exception, BaseException)?
#pragma once
#include "rules/rule.h"

namespace aegis::rules {

// Whether `handler` catches everything: `except:`, `except Exception`, `except
// BaseException`, or a tuple holding one of them. Narrow, expected exceptions
// (FileNotFoundError, KeyError, ...) are not broad: ignoring those is often right.
inline bool is_broad_handler(const py::ExceptHandler& handler, const RuleContext& ctx) {
  if (!handler.type) return true;
  auto broad = [&](const py::Expr* e) {
    std::string name = ctx.model().qualified_name(e);
    return name == "builtins.Exception" || name == "builtins.BaseException";
  };
  if (const auto* tuple = as<py::Tuple>(handler.type)) {
    for (const py::Expr* e : tuple->elts) {
      if (broad(e)) return true;
    }
    return false;
  }
  return broad(handler.type);
}

// The text of a handler's exception clause for messages: "except:" / "except Exception:".
inline std::string handler_clause(const py::ExceptHandler& handler, const RuleContext& ctx) {
  if (!handler.type) return "except:";
  return "except " + std::string(ctx.source(*handler.type)) + ":";
}

}  // namespace aegis::rules
