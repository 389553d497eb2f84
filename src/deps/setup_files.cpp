// setup.cfg ([options] install_requires, [options.extras_require]) read with setuptools'
// rules, and setup.py's setup(install_requires=..., extras_require=...) read from the syntax
// tree, never executed: literal lists and dicts, and module-level names bound once to them.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "deps/ini_file.h"
#include "deps/manifest_internal.h"
#include "python/ast_visit.h"
#include "python/parse.h"

namespace aegis::deps::detail {
namespace {

// A requirement string found in a list, with the file offsets it covers.
struct Item {
  std::string text;
  std::size_t begin = 0, end = 0;
};

// setuptools' _reqs.parse_strings on one line: comment lines skipped, " #" comments dropped.
bool clean_item(Item& item) {
  std::string_view text = trim(item.text);
  if (text.empty() || text[0] == '#') return false;
  std::size_t begin = item.begin + static_cast<std::size_t>(text.data() - item.text.data());
  std::size_t comment = text.find(" #");
  if (comment != std::string_view::npos) text = trim(text.substr(0, comment));
  item.text = std::string(text);
  item.begin = begin;
  item.end = begin + text.size();
  return !item.text.empty();
}

bool starts_with_marker_variable(std::string_view text) {
  static constexpr std::string_view kVariables[] = {
      "python_version", "python_full_version", "os_name", "sys_platform", "platform_release",
      "platform_system", "platform_version", "platform_machine", "platform_python_implementation",
      "implementation_name", "implementation_version", "extra"};
  std::string_view name = leading_name(trim(text));
  for (auto variable : kVariables) {
    if (name == variable) return true;
  }
  return false;
}

// ----- setup.cfg --------------------------------------------------------------------------

class SetupCfgReader {
 public:
  SetupCfgReader(Manifest& manifest, std::string_view text, const ManifestLoader& load)
      : manifest_(manifest), text_(text), index_(text), load_(load) {}

  void read() {
    IniFile ini = parse_ini(text_);
    for (const auto& error : ini.errors) {
      add_diagnostic(manifest_, index_.point(manifest_.path, error.offset), error.message + "; setuptools rejects the file");
    }
    for (const auto& section : ini.sections) {
      for (const auto& option : section.options) {
        std::string key = option.key;
        for (char& c : key) {
          if (c == '-') c = '_';  // setuptools accepts dashes, with a warning
        }
        if (section.name == "options" && key == "install_requires") {
          read_list(option, "", false, "install_requires");
        } else if (section.name == "options.extras_require") {
          read_list(option, option.key, true, "extras_require[" + option.key + "]");
        }
      }
    }
  }

 private:
  void read_list(const IniOption& option, const std::string& group, bool optional, const std::string& label) {
    std::string value = ini_value(option);
    if (starts_with(value, "file:")) {
      read_files(option, value.substr(5), group, optional, label);
      return;
    }
    std::vector<Item> items;
    if (value.find('\n') != std::string::npos) {
      for (const auto& line : option.lines) {
        if (!line.text.empty()) items.push_back({line.text, line.offset, line.offset + line.text.size()});
      }
    } else {
      // One line: setuptools splits it at ';', so a marker becomes an item of its own.
      const IniValueLine& line = option.lines.front();
      std::size_t start = 0;
      for (std::size_t i = 0; i <= line.text.size(); ++i) {
        if (i < line.text.size() && line.text[i] != ';') continue;
        Item item{line.text.substr(start, i - start), line.offset + start, line.offset + i};
        if (start > 0 && starts_with_marker_variable(item.text)) {
          Item shown = item;
          clean_item(shown);
          add_diagnostic(manifest_, index_.span(manifest_.path, shown.begin, shown.end),
                         label + ": setuptools splits a one-line value at ';', so '" + shown.text +
                             "' is read as a requirement of its own; put the requirement on its own line to "
                             "keep the marker");
        } else {
          items.push_back(std::move(item));
        }
        start = i + 1;
      }
    }
    for (Item& item : items) {
      if (!clean_item(item)) continue;
      add(item, index_, manifest_.path, group, optional, {}, label);
    }
  }

  void add(const Item& item, const TextIndex& index, const std::string& path, const std::string& group,
           bool optional, const std::vector<std::string>& chain, const std::string& label) {
    SourcePosition where = index.span(path, item.begin, item.end);
    DeclaredRequirement requirement = make_requirement(item.text, where, ManifestKind::SetupCfg);
    if (requirement.name.empty()) {
      add_diagnostic(manifest_, where, label + ": '" + item.text + "' is not a requirement");
      return;
    }
    requirement.group = group;
    requirement.optional = optional;
    requirement.include_chain = chain;
    std::size_t at = item.text.find('@');
    if (at != std::string::npos) {
      std::string_view rest = trim(std::string_view(item.text).substr(at + 1));
      requirement.url = std::string(rest.substr(0, rest.find_first_of(" \t;")));
    }
    manifest_.requirements.push_back(std::move(requirement));
  }

  // `file: a.txt, b.txt`: the files' lines, relative to setup.cfg, never outside its directory.
  void read_files(const IniOption& option, std::string_view spec, const std::string& group, bool optional,
                  const std::string& label) {
    const IniValueLine& line = option.lines.front();
    SourcePosition where = index_.span(manifest_.path, line.offset, line.offset + std::max<std::size_t>(line.text.size(), 1));
    std::size_t start = 0;
    while (start <= spec.size()) {
      std::size_t comma = spec.find(',', start);
      if (comma == std::string_view::npos) comma = spec.size();
      std::string name(trim(spec.substr(start, comma - start)));
      start = comma + 1;
      if (name.empty()) continue;
      std::string base = parent_directory(manifest_.path);
      std::string path = normalize_relative_path(base.empty() || name[0] == '/' ? name : base + "/" + name);
      std::string relative_to_setup = normalize_relative_path(name);
      if (name[0] == '/' || relative_to_setup == ".." || starts_with(relative_to_setup, "../")) {
        add_diagnostic(manifest_, where, label + ": setuptools reads no file outside the project ('" + name + "')");
        continue;
      }
      std::optional<std::string> bytes = load_ ? load_(path) : std::nullopt;
      if (!bytes) {
        add_diagnostic(manifest_, where, label + ": cannot read '" + path + "' (file:)");
        continue;
      }
      std::string text = decode_manifest_text(*bytes);
      TextIndex index(text);
      std::size_t line_start = 0;
      while (line_start <= text.size()) {
        std::size_t line_end = text.find_first_of("\r\n", line_start);
        if (line_end == std::string::npos) line_end = text.size();
        Item item{text.substr(line_start, line_end - line_start), line_start, line_end};
        if (clean_item(item)) add(item, index, path, group, optional, {manifest_.path}, label);
        if (line_end == text.size()) break;
        line_start = line_end + 1;
      }
    }
  }

  Manifest& manifest_;
  std::string_view text_;
  TextIndex index_;
  const ManifestLoader& load_;
};

// ----- setup.py ---------------------------------------------------------------------------

using py::Node;
using py::NodeKind;

class SetupPyReader {
 public:
  SetupPyReader(Manifest& manifest, const py::ParsedModule& parsed)
      : manifest_(manifest), parsed_(parsed), index_(parsed.text) {}

  void read() {
    collect_bindings(parsed_.module);
    find_setup_calls(parsed_.module);
    if (calls_.empty()) {
      add_diagnostic(manifest_, SourcePosition{manifest_.path}, "no setup() call found; nothing read");
      return;
    }
    for (const py::Call* call : calls_) read_call(*call);
  }

 private:
  std::size_t offset(int line, int column) const { return index_.line_start(line) + static_cast<std::size_t>(column); }
  SourcePosition at(const Node& node) const {
    std::size_t begin = offset(node.lineno, node.col_offset);
    std::size_t end = offset(node.end_lineno, node.end_col_offset);
    return end > begin ? index_.span(manifest_.path, begin, end) : index_.point(manifest_.path, begin);
  }

  static bool is_scope(const Node* node) {
    return node->kind == NodeKind::FunctionDef || node->kind == NodeKind::AsyncFunctionDef ||
           node->kind == NodeKind::ClassDef || node->kind == NodeKind::Lambda;
  }

  // Module-level bindings: the value of each `NAME = value` (null for any other way the name
  // is bound), and the names changed in place (NAME.append(...), NAME[...] = ...).
  void collect_bindings(Node* node) {
    py::for_each_child(node, [&](Node* child) {
      if (child->kind == NodeKind::Assign) {
        auto* assign = static_cast<py::Assign*>(child);
        for (py::Expr* target : assign->targets) {
          if (target->kind == NodeKind::Name) {
            bindings_[std::string(static_cast<py::Name*>(target)->id)].push_back(assign->value);
          } else {
            mark_stores(target);
          }
        }
        collect_mutations(assign->value);
        return;
      }
      if (child->kind == NodeKind::AnnAssign) {
        auto* assign = static_cast<py::AnnAssign*>(child);
        if (assign->target->kind == NodeKind::Name && assign->value) {
          bindings_[std::string(static_cast<py::Name*>(assign->target)->id)].push_back(assign->value);
          collect_mutations(assign->value);
          return;
        }
      }
      if (is_scope(child)) {
        collect_mutations(child);
        return;
      }
      if (child->kind == NodeKind::Name && static_cast<py::Name*>(child)->ctx == py::ExprContext::Store) {
        bindings_[std::string(static_cast<py::Name*>(child)->id)].push_back(nullptr);
      }
      note_mutation(child);
      collect_bindings(child);
    });
  }

  void mark_stores(Node* target) {
    if (target->kind == NodeKind::Name) {
      bindings_[std::string(static_cast<py::Name*>(target)->id)].push_back(nullptr);
      return;
    }
    note_mutation(target);
    py::for_each_child(target, [&](Node* child) { mark_stores(child); });
  }

  void note_mutation(Node* node) {
    if (node->kind == NodeKind::Call) {
      auto* call = static_cast<py::Call*>(node);
      if (call->func->kind == NodeKind::Attribute) {
        auto* attribute = static_cast<py::Attribute*>(call->func);
        if (attribute->value->kind == NodeKind::Name) {
          mutated_.insert(std::string(static_cast<py::Name*>(attribute->value)->id));
        }
      }
    } else if (node->kind == NodeKind::Subscript) {
      auto* subscript = static_cast<py::Subscript*>(node);
      if (subscript->ctx != py::ExprContext::Load && subscript->value->kind == NodeKind::Name) {
        mutated_.insert(std::string(static_cast<py::Name*>(subscript->value)->id));
      }
    } else if (node->kind == NodeKind::AugAssign) {
      auto* augmented = static_cast<py::AugAssign*>(node);
      if (augmented->target->kind == NodeKind::Name) {
        mutated_.insert(std::string(static_cast<py::Name*>(augmented->target)->id));
      }
    }
  }

  void collect_mutations(Node* node) {
    note_mutation(node);
    py::for_each_child(node, [&](Node* child) { collect_mutations(child); });
  }

  void find_setup_calls(Node* node) {
    py::for_each_child(node, [&](Node* child) {
      if (child->kind == NodeKind::Call) {
        auto* call = static_cast<py::Call*>(child);
        bool named_setup =
            (call->func->kind == NodeKind::Name && static_cast<py::Name*>(call->func)->id == "setup") ||
            (call->func->kind == NodeKind::Attribute && static_cast<py::Attribute*>(call->func)->attr == "setup");
        if (named_setup) calls_.push_back(call);
      }
      find_setup_calls(child);
    });
  }

  // Follows a name to the one literal it is bound to; null (with the reason) otherwise.
  py::Expr* resolve(py::Expr* value, std::string& why, int depth = 0) {
    while (value && value->kind == NodeKind::Name && depth++ < 8) {
      std::string name(static_cast<py::Name*>(value)->id);
      auto found = bindings_.find(name);
      if (found == bindings_.end()) {
        why = name + " is not assigned in setup.py";
        return nullptr;
      }
      if (found->second.size() != 1 || !found->second.front()) {
        why = name + " is bound more than once";
        return nullptr;
      }
      if (mutated_.count(name)) {
        why = name + " is changed after it is assigned";
        return nullptr;
      }
      value = found->second.front();
    }
    return value;
  }

  void computed(const Node& node, const std::string& what, const std::string& why) {
    add_diagnostic(manifest_, at(node), what + " is computed" + (why.empty() ? "" : " (" + why + ")") + "; not read");
  }

  void read_call(const py::Call& call) {
    for (const py::Keyword* keyword : call.keywords) {
      if (keyword->arg.data() == nullptr) {
        add_diagnostic(manifest_, at(*keyword),
                       "setup() takes more keywords through **; any install_requires or extras_require there "
                       "are not read");
        continue;
      }
      if (keyword->arg == "install_requires") {
        read_requirement_list(keyword->value, "", false, "install_requires");
      } else if (keyword->arg == "extras_require") {
        std::string why;
        py::Expr* value = resolve(keyword->value, why);
        if (!value || value->kind != NodeKind::Dict) {
          computed(*keyword->value, "extras_require", why);
          continue;
        }
        auto* dict = static_cast<py::Dict*>(value);
        for (std::size_t i = 0; i < dict->keys.size(); ++i) {
          py::Expr* key = dict->keys[i];
          if (!key || key->kind != NodeKind::Constant ||
              static_cast<py::Constant*>(key)->value.kind != py::ConstantKind::Str) {
            computed(key ? *key : static_cast<const Node&>(*dict->values[i]), "an extras_require key", "");
            continue;
          }
          std::string extra(static_cast<py::Constant*>(key)->value.text);
          read_requirement_list(dict->values[i], extra, true, "extras_require[" + extra + "]");
        }
      }
    }
  }

  void read_requirement_list(py::Expr* expression, const std::string& group, bool optional, const std::string& label) {
    std::string why;
    py::Expr* value = resolve(expression, why);
    if (value && value->kind == NodeKind::Constant) {
      read_string(*static_cast<py::Constant*>(value), group, optional, label);
      return;
    }
    if (!value || (value->kind != NodeKind::List && value->kind != NodeKind::Tuple)) {
      computed(*expression, label, why);
      return;
    }
    const auto& elements = value->kind == NodeKind::List ? static_cast<py::List*>(value)->elts
                                                         : static_cast<py::Tuple*>(value)->elts;
    for (py::Expr* element : elements) {
      std::string element_why;
      py::Expr* literal = resolve(element, element_why);
      if (literal && literal->kind == NodeKind::Constant &&
          static_cast<py::Constant*>(literal)->value.kind == py::ConstantKind::Str) {
        read_string(*static_cast<py::Constant*>(literal), group, optional, label);
      } else {
        computed(*element, "an element of " + label, element_why);
      }
    }
  }

  // A string literal holds one requirement or several lines of them. One requirement takes
  // the literal's position; several take their own when the literal has no escapes.
  void read_string(const py::Constant& constant, const std::string& group, bool optional, const std::string& label) {
    if (constant.value.kind != py::ConstantKind::Str) {
      computed(constant, label, "not a string");
      return;
    }
    std::string_view value = constant.value.text;
    std::size_t begin = offset(constant.lineno, constant.col_offset);
    std::size_t end = offset(constant.end_lineno, constant.end_col_offset);
    std::string_view source = index_.text().substr(begin, end > begin ? end - begin : 0);
    // The literal's body, when the value is exactly its text (no escapes, no concatenation).
    std::size_t body = std::string_view::npos;
    std::size_t prefix = 0;
    while (prefix < source.size() && std::isalpha(static_cast<unsigned char>(source[prefix]))) ++prefix;
    for (std::size_t quotes : {3, 1}) {
      if (source.size() >= prefix + 2 * quotes &&
          source.substr(prefix + quotes, source.size() - prefix - 2 * quotes) == value &&
          (quotes == 1 || source.substr(prefix, 3) == "\"\"\"" || source.substr(prefix, 3) == "'''")) {
        body = begin + prefix + quotes;
        break;
      }
    }
    std::vector<Item> items;
    std::size_t line_start = 0;
    while (line_start <= value.size()) {
      std::size_t line_end = value.find_first_of("\r\n", line_start);
      if (line_end == std::string_view::npos) line_end = value.size();
      Item item{std::string(value.substr(line_start, line_end - line_start)), line_start, line_end};
      if (clean_item(item)) items.push_back(std::move(item));
      if (line_end == value.size()) break;
      line_start = line_end + 1;
    }
    for (const Item& item : items) {
      SourcePosition where = items.size() > 1 && body != std::string_view::npos
                                 ? index_.span(manifest_.path, body + item.begin, body + item.end)
                                 : at(constant);
      DeclaredRequirement requirement = make_requirement(item.text, where, ManifestKind::SetupPy);
      if (requirement.name.empty()) {
        add_diagnostic(manifest_, where, label + ": '" + item.text + "' is not a requirement");
        continue;
      }
      requirement.group = group;
      requirement.optional = optional;
      std::size_t at_sign = item.text.find('@');
      if (at_sign != std::string::npos) {
        std::string_view rest = trim(std::string_view(item.text).substr(at_sign + 1));
        requirement.url = std::string(rest.substr(0, rest.find_first_of(" \t;")));
      }
      manifest_.requirements.push_back(std::move(requirement));
    }
  }

  Manifest& manifest_;
  const py::ParsedModule& parsed_;
  TextIndex index_;
  std::map<std::string, std::vector<py::Expr*>> bindings_;
  std::set<std::string> mutated_;
  std::vector<const py::Call*> calls_;
};

}  // namespace

void read_setup_cfg(Manifest& manifest, std::string_view text, const ManifestLoader& load) {
  SetupCfgReader reader(manifest, text, load);
  reader.read();
}

void read_setup_py(Manifest& manifest, std::string_view bytes) {
  std::unique_ptr<py::ParsedModule> parsed = py::parse_python(bytes);
  if (parsed->error || !parsed->module) {
    SourcePosition where{manifest.path};
    std::string message = "setup.py does not parse as Python 3";
    if (parsed->error) {
      TextIndex index(parsed->text);
      where = index.point(manifest.path, index.line_start(parsed->error->lineno) +
                                             static_cast<std::size_t>(std::max(0, parsed->error->col_offset)));
      if (parsed->error->lineno == 0) where = SourcePosition{manifest.path};
      message += ": " + parsed->error->message;
    }
    add_diagnostic(manifest, where, message + "; nothing read");
    return;
  }
  SetupPyReader reader(manifest, *parsed);
  reader.read();
}

}  // namespace aegis::deps::detail
