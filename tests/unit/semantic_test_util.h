// Helpers for the semantic index tests: parse a snippet, build the model, and find
// expressions by their source text.
#pragma once
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "python/ast_visit.h"
#include "python/parse.h"
#include "semantic/semantic_model.h"

namespace aegis::sem::testing {

class Analyzed {
 public:
  explicit Analyzed(std::string_view source, ModuleInfo info = {"app.main", false}) {
    parsed_ = py::parse_python(source);
    if (parsed_->error) {
      ADD_FAILURE() << "parse error at " << parsed_->error->lineno << ":"
                    << parsed_->error->col_offset << ": " << parsed_->error->message;
      return;
    }
    model_ = std::make_unique<SemanticModel>(parsed_->module, std::move(info));
    split_lines();
    collect(parsed_->module);
  }

  bool ok() const { return model_ != nullptr; }
  const SemanticModel& model() const { return *model_; }
  const py::Module* module() const { return parsed_->module; }

  // The `occurrence`-th expression (pre-order) whose source text is `text`.
  const py::Expr* expr(std::string_view text, int occurrence = 0) const {
    for (const auto& [segment, node] : exprs_) {
      if (segment == text && occurrence-- == 0) return node;
    }
    ADD_FAILURE() << "no expression `" << text << "` in the source";
    return nullptr;
  }
  const py::Name* name(std::string_view text, int occurrence = 0) const {
    for (const auto& [segment, node] : exprs_) {
      if (segment == text && py::isa<py::Name>(node) && occurrence-- == 0) {
        return py::cast<py::Name>(node);
      }
    }
    ADD_FAILURE() << "no name `" << text << "` in the source";
    return nullptr;
  }
  // The `occurrence`-th call whose callee's source text is `callee`.
  const py::Call* call(std::string_view callee, int occurrence = 0) const {
    for (const auto& [segment, node] : exprs_) {
      auto* c = py::dyn_cast<py::Call>(node);
      if (c && text_of(c->func) == callee && occurrence-- == 0) return c;
    }
    ADD_FAILURE() << "no call of `" << callee << "` in the source";
    return nullptr;
  }

  std::string qualified(std::string_view text, int occurrence = 0) const {
    const py::Expr* e = expr(text, occurrence);
    return e ? model_->qualified_name(e) : "<missing>";
  }
  std::string call_qualified(std::string_view callee, int occurrence = 0) const {
    const py::Call* c = call(callee, occurrence);
    return c ? model_->call_qualified_name(c) : "<missing>";
  }
  // The `occurrence`-th read (Load) of a name.
  const py::Name* use(std::string_view text, int occurrence = 0) const {
    for (const auto& [segment, node] : exprs_) {
      auto* n = py::dyn_cast<py::Name>(node);
      if (n && n->ctx == py::ExprContext::Load && segment == text && occurrence-- == 0) return n;
    }
    ADD_FAILURE() << "no read of `" << text << "` in the source";
    return nullptr;
  }
  // The binding the `occurrence`-th read of a name refers to; null for builtins and
  // unresolved names.
  const Binding* binding(std::string_view text, int occurrence = 0) const {
    const py::Name* n = use(text, occurrence);
    if (n == nullptr) return nullptr;
    BindingId id = model_->binding_of(n);
    return id == kNone ? nullptr : &model_->binding(id);
  }

  std::string text_of(const py::Node* n) const {
    if (n == nullptr || n->lineno <= 0 || n->end_lineno > static_cast<int>(lines_.size())) return {};
    std::string out;
    for (int line = n->lineno; line <= n->end_lineno; ++line) {
      std::string_view l = lines_[line - 1];
      std::size_t from = line == n->lineno ? static_cast<std::size_t>(n->col_offset) : 0;
      std::size_t to = line == n->end_lineno ? static_cast<std::size_t>(n->end_col_offset) : l.size();
      if (from > l.size() || to > l.size() || from > to) return {};
      if (!out.empty()) out += '\n';
      out += l.substr(from, to - from);
    }
    return out;
  }

 private:
  void split_lines() {
    std::string_view text = parsed_->text;
    while (!text.empty()) {
      std::size_t nl = text.find('\n');
      lines_.push_back(text.substr(0, nl));
      if (nl == std::string_view::npos) break;
      text.remove_prefix(nl + 1);
    }
  }
  void collect(py::Node* n) {
    if (py::isa<py::Expr>(n)) exprs_.emplace_back(text_of(n), py::cast<py::Expr>(n));
    py::for_each_child(n, [&](py::Node* c) { collect(c); });
  }

  std::unique_ptr<py::ParsedModule> parsed_;
  std::unique_ptr<SemanticModel> model_;
  std::vector<std::string_view> lines_;
  std::vector<std::pair<std::string, const py::Expr*>> exprs_;
};

}  // namespace aegis::sem::testing
