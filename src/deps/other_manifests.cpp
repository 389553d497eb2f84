// setup.cfg, setup.py (read from its syntax tree, never run), Pipfile.lock, pip.conf, and
// Poetry's constraint syntax.
#include <nlohmann/json.hpp>

#include <algorithm>

#include "deps/manifest_readers.h"
#include "python/ast_visit.h"
#include "python/parse.h"

namespace aegis::deps {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

struct IniLine {
  int number;
  int indent;
  std::string_view text;  // trimmed
};

// INI files as setuptools and pip read them: [section], key = value, indented
// continuation lines, '#' / ';' comments.
template <typename OnValue>
void read_ini(std::string_view text, OnValue on_value) {
  std::string section;
  std::string key;
  int number = 0;
  std::size_t at = 0;
  while (at <= text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view raw = text.substr(at, end - at);
    at = end + 1;
    ++number;
    std::string_view line = trim(raw);
    int indent = static_cast<int>(raw.find_first_not_of(" \t"));
    if (line.empty() || line[0] == '#' || line[0] == ';') {
      if (end == text.size()) break;
      continue;
    }
    if (indent == 0 && line.front() == '[' && line.back() == ']') {
      section = std::string(line.substr(1, line.size() - 2));
      key.clear();
    } else if (indent > 0 && !key.empty()) {
      on_value(section, key, IniLine{number, indent + 1, line});
    } else {
      std::size_t sep = line.find_first_of("=:");
      if (sep == std::string_view::npos) {
        key.clear();
      } else {
        key = std::string(trim(line.substr(0, sep)));
        std::string_view value = trim(line.substr(sep + 1));
        int column = static_cast<int>(raw.find(value.empty() ? line : value)) + 1;
        if (!value.empty()) on_value(section, key, IniLine{number, column, value});
      }
    }
    if (end == text.size()) break;
  }
}

const py::Constant* string_literal(const py::Expr* e) {
  if (!e || e->kind != py::NodeKind::Constant) return nullptr;
  const auto* c = static_cast<const py::Constant*>(e);
  return c->value.kind == py::ConstantKind::Str ? c : nullptr;
}

}  // namespace

void read_setup_cfg(Manifest& m, std::string_view text) {
  read_ini(text, [&](const std::string& section, const std::string& key, const IniLine& line) {
    std::string_view value = line.text;
    if (std::size_t comment = value.find(" #"); comment != std::string_view::npos) value = trim(value.substr(0, comment));
    if (value.empty()) return;
    DeclaredRequirement r;
    r.text = std::string(value);
    if (section == "options" && key == "install_requires") {
      add_requirement(m, std::move(r), line.number, line.indent);
    } else if (section == "options.extras_require") {
      r.group = key;
      r.optional = true;
      add_requirement(m, std::move(r), line.number, line.indent);
    }
  });
}

void read_setup_py(Manifest& m, std::string_view text) {
  std::unique_ptr<py::ParsedModule> parsed = py::parse_python(text);
  if (parsed->error) {
    add_diagnostic(m, parsed->error->lineno, parsed->error->col_offset + 1,
                   "setup.py does not parse: " + parsed->error->message);
    m.unreadable = true;
    return;
  }
  // Module-level names bound to literal lists, which setup(install_requires=NAME) may use.
  std::map<std::string, const py::Expr*, std::less<>> literals;
  for (const py::Stmt* stmt : parsed->module->body) {
    if (stmt->kind != py::NodeKind::Assign) continue;
    const auto* assign = static_cast<const py::Assign*>(stmt);
    for (const py::Expr* target : assign->targets) {
      if (target->kind == py::NodeKind::Name) literals[std::string(static_cast<const py::Name*>(target)->id)] = assign->value;
    }
  }
  auto resolve = [&](const py::Expr* e) {
    if (e && e->kind == py::NodeKind::Name) {
      auto it = literals.find(static_cast<const py::Name*>(e)->id);
      if (it != literals.end()) return it->second;
    }
    return e;
  };
  auto read_list = [&](const py::Expr* e, const std::string& group, int line, int column) {
    e = resolve(e);
    aegis::Span<py::Expr*> items;
    if (e && e->kind == py::NodeKind::List) {
      items = static_cast<const py::List*>(e)->elts;
    } else if (e && e->kind == py::NodeKind::Tuple) {
      items = static_cast<const py::Tuple*>(e)->elts;
    } else if (const py::Constant* single = string_literal(e)) {
      DeclaredRequirement r;
      r.text = std::string(single->value.text);
      r.group = group;
      r.optional = !group.empty();
      add_requirement(m, std::move(r), single->lineno, single->col_offset + 2);
      return;
    } else {
      add_diagnostic(m, line, column, "requirements computed at run time are not read (setup.py is never executed)",
                     DiagnosticSeverity::Note);
      return;
    }
    for (const py::Expr* item : items) {
      const py::Constant* c = string_literal(item);
      if (!c) {
        add_diagnostic(m, item->lineno, item->col_offset + 1, "a computed requirement is not read",
                       DiagnosticSeverity::Note);
        continue;
      }
      DeclaredRequirement r;
      r.text = std::string(c->value.text);
      r.group = group;
      r.optional = !group.empty();
      add_requirement(m, std::move(r), c->lineno, c->col_offset + 2);  // inside the quote
    }
  };
  std::vector<py::Node*> stack{parsed->module};
  while (!stack.empty()) {
    py::Node* n = stack.back();
    stack.pop_back();
    py::for_each_child(n, [&](py::Node* child) { stack.push_back(child); });
    if (n->kind != py::NodeKind::Call) continue;
    const auto* call = static_cast<const py::Call*>(n);
    std::string_view callee;
    if (call->func->kind == py::NodeKind::Name) callee = static_cast<const py::Name*>(call->func)->id;
    if (call->func->kind == py::NodeKind::Attribute) callee = static_cast<const py::Attribute*>(call->func)->attr;
    if (callee != "setup") continue;
    for (const py::Keyword* k : call->keywords) {
      if (k->arg == "install_requires") read_list(k->value, "", k->lineno, k->col_offset + 1);
      if (k->arg == "extras_require") {
        const py::Expr* value = resolve(k->value);
        if (!value || value->kind != py::NodeKind::Dict) {
          add_diagnostic(m, k->lineno, k->col_offset + 1, "extras_require computed at run time is not read",
                         DiagnosticSeverity::Note);
          continue;
        }
        const auto* dict = static_cast<const py::Dict*>(value);
        for (std::size_t i = 0; i < dict->keys.size(); ++i) {
          const py::Constant* key = string_literal(dict->keys[i]);
          if (key) read_list(dict->values[i], std::string(key->value.text), key->lineno, key->col_offset + 1);
        }
      }
    }
  }
}

void read_pipfile_lock(Manifest& m, std::string_view text) {
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    add_diagnostic(m, 1, 1, "invalid JSON");
    m.unreadable = true;
    return;
  }
  // JSON carries no positions: each entry is found by its key's text.
  auto line_of = [&](const std::string& key, std::size_t from) {
    std::size_t at = text.find("\"" + key + "\"", from);
    if (at == std::string_view::npos) return std::pair<int, std::size_t>{0, from};
    return std::pair<int, std::size_t>{static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n')) + 1, at};
  };
  for (const char* section : {"default", "develop"}) {
    auto it = doc.find(section);
    if (it == doc.end() || !it->is_object()) continue;
    std::size_t from = line_of(section, 0).second;
    for (const auto& [name, entry] : it->items()) {
      if (!entry.is_object()) continue;
      std::string version = entry.value("version", "");
      if (version.rfind("==", 0) == 0) version = version.substr(2);
      if (version.empty()) continue;
      auto [line, at] = line_of(name, from);
      m.locked.push_back({normalize_name(name), version, {m.path, line, 1}, m.kind});
    }
  }
}

void read_pip_conf(Manifest& m, std::string_view text) {
  read_ini(text, [&](const std::string&, const std::string& key, const IniLine& line) {
    if (key == "index-url" || key == "extra-index-url" || key == "find-links" || key == "trusted-host") {
      m.index_settings.push_back({key, std::string(line.text), {m.path, line.number, line.indent}});
    }
  });
}

std::optional<std::string> poetry_constraint_to_pep440(std::string_view constraint) {
  std::string c(trim(constraint));
  if (c.empty() || c == "*") return std::string();
  if (c.find("||") != std::string::npos || c.find('|') != std::string::npos) return std::nullopt;
  std::vector<std::string> clauses;
  // Clauses separated by commas or whitespace (">=1.2 <2.0"); an operator may be followed by a space.
  std::string current;
  for (std::size_t i = 0; i < c.size(); ++i) {
    char ch = c[i];
    if (ch == ',' || ch == ' ') {
      bool after_operator = !current.empty() && std::string("<>=!~^").find(current.back()) != std::string::npos;
      if (ch == ' ' && after_operator) continue;
      if (!current.empty()) clauses.push_back(current);
      current.clear();
      continue;
    }
    current += ch;
  }
  if (!current.empty()) clauses.push_back(current);
  auto split_numbers = [](const std::string& v) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
      std::size_t dot = v.find('.', start);
      parts.push_back(v.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    return parts;
  };
  auto numeric = [](const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char x) { return x >= '0' && x <= '9'; });
  };
  std::string out;
  for (const std::string& clause : clauses) {
    std::string converted;
    if (clause[0] == '^' || (clause[0] == '~' && (clause.size() < 2 || clause[1] != '='))) {
      bool caret = clause[0] == '^';
      std::string version = clause.substr(1);
      std::vector<std::string> parts = split_numbers(version);
      std::size_t release = 0;
      while (release < parts.size() && numeric(parts[release])) ++release;
      if (release == 0) return std::nullopt;
      std::vector<long long> numbers;
      for (std::size_t i = 0; i < release; ++i) numbers.push_back(std::stoll(parts[i].substr(0, 15)));
      std::vector<long long> upper;
      if (caret) {
        // Bump the first non-zero component (or the last given one when all are zero).
        std::size_t bump = 0;
        while (bump + 1 < numbers.size() && numbers[bump] == 0) ++bump;
        upper.assign(numbers.begin(), numbers.begin() + static_cast<long>(bump) + 1);
        ++upper[bump];
        while (upper.size() < std::max<std::size_t>(numbers.size(), 1)) upper.push_back(0);
      } else {
        // ~1.2.3 -> <1.3.0; ~1.2 -> <1.3; ~1 -> <2
        std::size_t bump = numbers.size() >= 2 ? 1 : 0;
        upper.assign(numbers.begin(), numbers.begin() + static_cast<long>(bump) + 1);
        ++upper[bump];
        while (upper.size() < numbers.size()) upper.push_back(0);
      }
      std::string up;
      for (std::size_t i = 0; i < upper.size(); ++i) up += (i ? "." : "") + std::to_string(upper[i]);
      converted = ">=" + version + ",<" + up;
    } else if (clause.find_first_of("<>=!~") == 0) {
      converted = clause;
      if (converted[0] == '=' && (converted.size() < 2 || converted[1] != '=')) converted = "=" + converted;
    } else {
      converted = "==" + clause;  // "1.2.3", "1.2.*"
    }
    out += (out.empty() ? "" : ",") + converted;
  }
  return out;
}

}  // namespace aegis::deps
