#include "cli/debug_semantic.h"

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "python/ast_visit.h"
#include "python/parse.h"
#include "semantic/semantic_model.h"

namespace aegis::cli {

namespace {

std::string position(int line, int col) { return std::to_string(line) + ":" + std::to_string(col); }

std::string conditions_text(std::uint8_t c) {
  if (c == sem::kImportUnconditional) return "unconditional";
  std::string out;
  auto add = [&](std::uint8_t bit, const char* text) {
    if (!(c & bit)) return;
    if (!out.empty()) out += ',';
    out += text;
  };
  add(sem::kImportInTryExcept, "try-except");
  add(sem::kImportTypeChecking, "type-checking");
  add(sem::kImportInFunction, "function");
  add(sem::kImportInIf, "if");
  return out;
}

void print_model(const sem::SemanticModel& model, std::string& out) {
  out += "module " + std::string(model.module_prefix()) +
         (model.module_info().is_package ? " (package)\n" : "\n");
  for (sem::ScopeId id = 0; id < model.scopes().size(); ++id) {
    const sem::Scope& s = model.scope(id);
    out += "scope " + std::to_string(id) + " " + sem::to_string(s.kind) + " name=" +
           std::string(s.name) + " qualname=" + s.qualname;
    out += " parent=" + (s.parent == sem::kNone ? std::string("-") : std::to_string(s.parent));
    if (s.node) out += " at " + position(s.node->lineno, s.node->col_offset);
    out += '\n';
    for (const auto& symbol : model.symbols_in(id)) {
      out += "  symbol " + std::string(symbol.name) + " home=" +
             (symbol.home == sem::kNone ? std::string("-") : std::to_string(symbol.home));
      if (symbol.parameter) out += " parameter";
      if (symbol.bound) out += " bound";
      if (symbol.declared_global) out += " global";
      if (symbol.declared_nonlocal) out += " nonlocal";
      if (symbol.used) out += " used";
      out += '\n';
    }
    for (sem::BindingId b : s.bindings) {
      const sem::Binding& binding = model.binding(b);
      out += "  binding " + std::string(binding.name) + " " + sem::to_string(binding.kind) + " " +
             position(binding.lineno, binding.col_offset);
      if (binding.home != id) {
        out += " home=" + (binding.home == sem::kNone ? std::string("?")
                                                      : std::to_string(binding.home));
      }
      out += '\n';
    }
  }
  out += "imports\n";
  for (const sem::ImportRecord& r : model.imports()) {
    out += "  " + position(r.lineno, r.col_offset) + (r.is_from() ? " from " : " import ") +
           r.module;
    if (r.is_from()) out += " import " + std::string(r.name);
    if (!r.asname.empty()) out += " as " + std::string(r.asname);
    if (!r.bound_name.empty()) out += " binds " + std::string(r.bound_name) + " -> " + r.target;
    out += " [" + conditions_text(r.conditions) + "]\n";
  }
  out += "resolutions\n";
  // Iterative pre-order walk: deep expression trees must not exhaust the stack.
  std::vector<py::Node*> stack{const_cast<py::Module*>(model.module())};
  std::vector<py::Node*> children;
  while (!stack.empty()) {
    py::Node* n = stack.back();
    stack.pop_back();
    if (auto* call = py::dyn_cast<py::Call>(n)) {
      std::string q = model.call_qualified_name(call);
      out += "  " + position(n->lineno, n->col_offset) + " call " + (q.empty() ? "?" : q) + '\n';
    } else if (auto* name = py::dyn_cast<py::Name>(n); name && name->ctx == py::ExprContext::Load) {
      out += "  " + position(n->lineno, n->col_offset) + " name " + std::string(name->id) + " -> ";
      sem::BindingId b = model.binding_of(name);
      if (b != sem::kNone) {
        const sem::Binding& binding = model.binding(b);
        out += std::string(sem::to_string(binding.kind)) + "@" +
               position(binding.lineno, binding.col_offset) +
               " scope=" + std::to_string(binding.home);
      } else {
        out += model.is_builtin(name) ? "builtin" : "unresolved";
      }
      std::string q = model.qualified_name(name);
      if (!q.empty()) out += " = " + q;
      std::string inst = model.instance_of(name);
      if (!inst.empty()) out += " instance of " + inst;
      if (auto value = model.constant_value(name)) {
        out += " constant " + std::string(value->text);
      }
      out += '\n';
    }
    children.clear();
    py::for_each_child(n, [&](py::Node* c) { children.push_back(c); });
    stack.insert(stack.end(), children.rbegin(), children.rend());
  }
  if (model.truncated()) out += "warning: tree too deep, part of it was not indexed\n";
}

}  // namespace

int debug_semantic(const std::string& path, int feature_minor) {
  std::string bytes;
  if (!read_file(path, bytes)) return 2;
  py::ParseOptions options;
  options.set_feature_minor(feature_minor);
  auto parsed = py::parse_python(bytes, options);
  if (parsed->error) {
    const auto& e = *parsed->error;
    std::cerr << path << ':' << e.lineno << ':' << (e.col_offset + 1) << ": error: " << e.message
              << '\n';
    return 1;
  }
  std::filesystem::path file(path);
  sem::ModuleInfo info;
  info.is_package = file.stem() == "__init__";
  info.name = info.is_package ? file.parent_path().filename().string() : file.stem().string();
  sem::SemanticModel model(parsed->module, info);
  std::string out;
  print_model(model, out);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

}  // namespace aegis::cli
