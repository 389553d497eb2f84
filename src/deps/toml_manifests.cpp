// TOML manifests: pyproject.toml (PEP 621, PEP 735, Poetry), Pipfile, poetry.lock and
// uv.lock. Positions come from toml++'s source regions.
#include <toml++/toml.h>

#include <algorithm>

#include "deps/manifest_readers.h"

namespace aegis::deps {
namespace {

int line_of(const toml::node& n) { return static_cast<int>(n.source().begin.line); }
int column_of(const toml::node& n) { return static_cast<int>(n.source().begin.column); }

std::optional<toml::table> parse_toml(Manifest& m, std::string_view text) {
  try {
    return toml::parse(text, m.path);
  } catch (const toml::parse_error& e) {
    add_diagnostic(m, static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column),
                   "invalid TOML: " + std::string(e.description()));
    m.unreadable = true;
    return std::nullopt;
  }
}

// PEP 508 strings of an array ("dependencies = [...]").
void read_string_array(Manifest& m, const toml::node* node, const std::string& group, bool optional) {
  const toml::array* array = node ? node->as_array() : nullptr;
  if (!array) {
    if (node) add_diagnostic(m, line_of(*node), column_of(*node), "expected an array of requirement strings");
    return;
  }
  for (const toml::node& item : *array) {
    if (auto s = item.value<std::string>()) {
      DeclaredRequirement r;
      r.text = *s;
      r.group = group;
      r.optional = optional;
      add_requirement(m, std::move(r), line_of(item), column_of(item) + 1);  // inside the quote
    } else if (!item.is_table()) {  // {include-group = "..."} entries name other groups
      add_diagnostic(m, line_of(item), column_of(item), "expected a requirement string");
    }
  }
}

// A Poetry / Pipfile dependency value: "^1.2", "*", {version = "...", extras = [...],
// markers = "...", python = "...", optional = true, git/path/url = "..."}.
void read_table_dependency(Manifest& m, const std::string& name, const toml::node& value, const std::string& group,
                           bool optional, bool poetry) {
  if (poetry && name == "python") return;  // the interpreter, not a distribution
  DeclaredRequirement r;
  r.group = group;
  r.optional = optional;
  std::string specifier;
  std::vector<std::string> extras;
  std::string markers;
  auto convert = [&](const std::string& constraint) -> std::optional<std::string> {
    if (!poetry) return constraint == "*" ? std::string() : constraint;
    return poetry_constraint_to_pep440(constraint);
  };
  const toml::node* node = &value;
  if (const toml::array* alternatives = value.as_array()) {
    // Poetry's multiple-constraint form: the first entry stands for the others.
    if (alternatives->empty()) return;
    node = alternatives->get(0);
  }
  if (auto s = node->value<std::string>()) {
    auto converted = convert(*s);
    if (!converted) {
      add_diagnostic(m, line_of(value), column_of(value),
                     "constraint '" + *s + "' of " + name + " cannot be expressed in PEP 440; read as any version",
                     DiagnosticSeverity::Note);
    }
    specifier = converted.value_or("");
  } else if (const toml::table* t = node->as_table()) {
    if (auto v = (*t)["version"].value<std::string>()) {
      auto converted = convert(*v);
      specifier = converted.value_or("");
    }
    if (const toml::array* e = (*t)["extras"].as_array()) {
      for (const auto& x : *e) {
        if (auto s = x.value<std::string>()) extras.push_back(*s);
      }
    }
    if (auto mk = (*t)["markers"].value<std::string>()) markers = *mk;
    if (auto py = (*t)["python"].value<std::string>()) {
      auto converted = poetry_constraint_to_pep440(*py);
      if (converted && !converted->empty()) {
        std::string clause;
        for (std::size_t start = 0; start <= converted->size();) {
          std::size_t comma = converted->find(',', start);
          std::string part = converted->substr(start, comma == std::string::npos ? std::string::npos : comma - start);
          std::size_t op = part.find_first_of("0123456789");
          if (op != std::string::npos && op > 0) {
            clause += (clause.empty() ? "" : " and ") + std::string("python_version ") + part.substr(0, op) + " \"" +
                      part.substr(op) + "\"";
          }
          if (comma == std::string::npos) break;
          start = comma + 1;
        }
        if (!clause.empty()) markers = markers.empty() ? clause : "(" + markers + ") and " + clause;
      }
    }
    if (auto o = (*t)["optional"].value<bool>(); o && *o) {
      r.optional = true;
      if (r.group.empty()) r.group = "extra";
    }
    for (const char* key : {"git", "path", "url", "file"}) {
      if (auto ref = (*t)[key].value<std::string>()) {
        r.direct_reference = true;
        r.name = normalize_name(name);
        r.text = name + " @ " + *ref;
      }
    }
  }
  if (!r.direct_reference) {
    r.text = name;
    if (!extras.empty()) {
      r.text += "[";
      for (std::size_t i = 0; i < extras.size(); ++i) r.text += (i ? "," : "") + extras[i];
      r.text += "]";
    }
    r.text += specifier;
    if (!markers.empty()) r.text += "; " + markers;
  }
  const toml::node* key_position = &value;
  add_requirement(m, std::move(r), line_of(*key_position), 1);
}

void read_dependency_table(Manifest& m, const toml::node* node, const std::string& group, bool optional, bool poetry) {
  const toml::table* table = node ? node->as_table() : nullptr;
  if (!table) return;
  for (const auto& [key, value] : *table) {
    read_table_dependency(m, std::string(key.str()), value, group, optional, poetry);
  }
}

bool dev_group(std::string_view name) {
  static constexpr std::string_view kDev[] = {"dev", "test", "tests", "testing", "lint", "docs", "doc", "typing",
                                              "develop", "development", "ci"};
  return std::find(std::begin(kDev), std::end(kDev), name) != std::end(kDev);
}

}  // namespace

void read_pyproject(Manifest& m, std::string_view text) {
  auto doc = parse_toml(m, text);
  if (!doc) return;
  if (const toml::table* project = (*doc)["project"].as_table()) {
    read_string_array(m, project->get("dependencies"), "", false);
    if (const toml::table* extras = (*project)["optional-dependencies"].as_table()) {
      for (const auto& [name, list] : *extras) read_string_array(m, &list, std::string(name.str()), true);
    }
  }
  if (const toml::table* groups = (*doc)["dependency-groups"].as_table()) {
    for (const auto& [name, list] : *groups) read_string_array(m, &list, std::string(name.str()), true);
  }
  if (const toml::table* poetry = (*doc)["tool"]["poetry"].as_table()) {
    read_dependency_table(m, poetry->get("dependencies"), "", false, true);
    read_dependency_table(m, poetry->get("dev-dependencies"), "dev", true, true);
    if (const toml::table* groups = (*poetry)["group"].as_table()) {
      for (const auto& [name, group] : *groups) {
        std::string g(name.str());
        bool optional = dev_group(g) || group.as_table()->get("optional") != nullptr;
        if (const toml::table* t = group.as_table()) read_dependency_table(m, t->get("dependencies"), g, optional, true);
      }
    }
    if (const toml::array* sources = (*poetry)["source"].as_array()) {
      for (const toml::node& source : *sources) {
        const toml::table* t = source.as_table();
        if (!t) continue;
        auto url = (*t)["url"].value<std::string>();
        auto priority = (*t)["priority"].value<std::string>();
        if (url) {
          // A supplemental / non-primary source is consulted beside PyPI: an extra index.
          bool extra = !priority || *priority == "supplemental" || *priority == "secondary";
          m.index_settings.push_back({extra ? "extra-index-url" : "index-url", *url, {m.path, line_of(source), 1}});
        }
      }
    }
  }
}

void read_pipfile(Manifest& m, std::string_view text) {
  auto doc = parse_toml(m, text);
  if (!doc) return;
  read_dependency_table(m, doc->get("packages"), "", false, false);
  read_dependency_table(m, doc->get("dev-packages"), "dev", true, false);
  if (const toml::array* sources = (*doc)["source"].as_array()) {
    bool first = true;
    for (const toml::node& source : *sources) {
      const toml::table* t = source.as_table();
      if (!t) continue;
      if (auto url = (*t)["url"].value<std::string>()) {
        m.index_settings.push_back({first ? "index-url" : "extra-index-url", *url, {m.path, line_of(source), 1}});
        first = false;
      }
    }
  }
}

void read_toml_lock(Manifest& m, std::string_view text) {
  auto doc = parse_toml(m, text);
  if (!doc) return;
  const toml::array* packages = (*doc)["package"].as_array();
  if (!packages) return;
  for (const toml::node& entry : *packages) {
    const toml::table* t = entry.as_table();
    if (!t) continue;
    auto name = (*t)["name"].value<std::string>();
    auto version = (*t)["version"].value<std::string>();
    if (!name || !version) continue;
    const toml::node* at = t->get("name");
    m.locked.push_back({normalize_name(*name), *version, {m.path, line_of(*at), column_of(*at)}, m.kind});
  }
}

}  // namespace aegis::deps
