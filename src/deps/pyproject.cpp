// pyproject.toml: PEP 621 [project] dependencies and optional-dependencies, PEP 735
// [dependency-groups] (with include-group), Poetry's dependency tables with its constraint
// syntax converted to PEP 440, uv's dev-dependencies, and the package indexes Poetry and uv
// are told to use.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "deps/manifest_internal.h"

namespace aegis::deps {

namespace {

using detail::single_quoted;
using detail::starts_with;
using detail::trim;

struct Clause {
  std::string op;       // a PEP 440 operator
  std::string version;  // as written, ".x" wildcards as ".*"
};

// The numeric release of a version ("1.2.3b1" -> 1, 2, 3); false when it has none or a
// component is too large to bump.
bool release_of(std::string_view version, std::vector<unsigned long long>& parts) {
  std::size_t i = 0;
  while (i < version.size() && std::isdigit(static_cast<unsigned char>(version[i]))) {
    std::size_t start = i;
    while (i < version.size() && std::isdigit(static_cast<unsigned char>(version[i]))) ++i;
    if (i - start > 18) return false;
    parts.push_back(std::stoull(std::string(version.substr(start, i - start))));
    if (i + 1 < version.size() && version[i] == '.' && std::isdigit(static_cast<unsigned char>(version[i + 1]))) {
      ++i;
    } else {
      break;
    }
  }
  return !parts.empty();
}

// The exclusive upper bound that bumps component `index` and zeroes the ones after it,
// keeping as many components as were written.
std::string bumped(const std::vector<unsigned long long>& parts, std::size_t index) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += '.';
    unsigned long long value = i < index ? parts[i] : i == index ? parts[i] + 1 : 0;
    out += std::to_string(value);
  }
  return out;
}

std::string wildcard(std::string version) {
  if (version.size() >= 2 && version[version.size() - 2] == '.' &&
      (version.back() == 'x' || version.back() == 'X')) {
    version.back() = '*';
  }
  return version;
}

// One Poetry alternative ("^1.2", ">= 1.2, < 2", ">=1.2 <2", "1.2.*", "*") as PEP 440 clauses.
bool convert_alternative(std::string_view text, std::vector<Clause>& clauses, std::string& error) {
  std::size_t i = 0;
  auto skip = [&] {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == ',')) ++i;
  };
  skip();
  while (i < text.size()) {
    std::size_t op_start = i;
    while (i < text.size() && std::string_view("<>=!~^").find(text[i]) != std::string_view::npos) ++i;
    std::string op(text.substr(op_start, i - op_start));
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    std::size_t version_start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t' && text[i] != ',') ++i;
    std::string version = wildcard(std::string(text.substr(version_start, i - version_start)));
    skip();
    if (version.empty()) {
      error = single_quoted(text) + ": no version after " + single_quoted(op);
      return false;
    }
    if (version == "*") {
      if (!op.empty() && op != "==" && op != "=") {
        error = single_quoted(text) + ": " + single_quoted(op + "*") + " is not a constraint";
        return false;
      }
      continue;  // any version
    }
    if (op == "^" || op == "~") {
      std::vector<unsigned long long> parts;
      if (!release_of(version, parts) || version.find('*') != std::string::npos) {
        error = single_quoted(op + version) + " needs a numeric version";
        return false;
      }
      std::size_t index;
      if (op == "^") {
        index = parts.size() - 1;  // all zeros: bump the last written component
        for (std::size_t k = 0; k < parts.size(); ++k) {
          if (parts[k] != 0) {
            index = k;
            break;
          }
        }
      } else {
        index = parts.size() == 1 ? 0 : 1;
      }
      clauses.push_back({">=", version});
      clauses.push_back({"<", bumped(parts, index)});
    } else if (op.empty() || op == "=" || op == "==") {
      clauses.push_back({"==", version});
    } else if (op == "!=" || op == "<" || op == "<=" || op == ">" || op == ">=" || op == "~=" || op == "===") {
      if (version.find('*') != std::string::npos && op != "!=") {
        error = single_quoted(op + version) + ": a wildcard goes with == or != only";
        return false;
      }
      clauses.push_back({op, version});
    } else {
      error = single_quoted(text) + ": unknown operator " + single_quoted(op);
      return false;
    }
  }
  return true;
}

std::vector<std::string_view> split_alternatives(std::string_view text) {
  std::vector<std::string_view> alternatives;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '|') {
      alternatives.push_back(trim(text.substr(start, i - start)));
      while (i + 1 < text.size() && text[i + 1] == '|') ++i;  // "||" and "|" both separate
      start = i + 1;
    }
  }
  return alternatives;
}

std::string join_clauses(const std::vector<Clause>& clauses) {
  std::string out;
  for (const auto& clause : clauses) {
    if (!out.empty()) out += ',';
    out += clause.op + clause.version;
  }
  return out;
}

std::string python_clause_marker(const Clause& clause) {
  std::vector<unsigned long long> parts;
  release_of(clause.version, parts);
  std::string_view version = clause.version;
  bool short_release = parts.size() <= 2;
  // "3.8", "3.8.*" fit python_version (X.Y); anything finer needs python_full_version.
  std::size_t release_chars = 0;
  while (release_chars < version.size() &&
         (std::isdigit(static_cast<unsigned char>(version[release_chars])) || version[release_chars] == '.')) {
    ++release_chars;
  }
  std::string_view rest = version.substr(release_chars);
  bool plain = rest.empty() || rest == "*";
  std::string variable = short_release && plain ? "python_version" : "python_full_version";
  return variable + " " + clause.op + " \"" + clause.version + "\"";
}

}  // namespace

std::optional<std::string> poetry_constraint_to_pep440(std::string_view constraint, std::string* error) {
  std::string message;
  std::string_view text = trim(constraint);
  if (text.find('|') != std::string_view::npos) {
    if (error) *error = single_quoted(text) + " is an OR of ranges, which one PEP 440 specifier cannot express";
    return std::nullopt;
  }
  std::vector<Clause> clauses;
  if (!convert_alternative(text, clauses, message)) {
    if (error) *error = message;
    return std::nullopt;
  }
  return join_clauses(clauses);
}

std::optional<std::string> poetry_python_to_marker(std::string_view constraint, std::string* error) {
  std::vector<std::string> alternatives;
  std::vector<std::string_view> texts = split_alternatives(trim(constraint));
  for (std::string_view text : texts) {
    std::vector<Clause> clauses;
    std::string message;
    if (!convert_alternative(text, clauses, message)) {
      if (error) *error = message;
      return std::nullopt;
    }
    if (clauses.empty()) return std::string();  // one alternative allows any Python
    std::string marker;
    for (const auto& clause : clauses) {
      if (!marker.empty()) marker += " and ";
      marker += python_clause_marker(clause);
    }
    if (texts.size() > 1 && clauses.size() > 1) marker = "(" + marker + ")";
    alternatives.push_back(std::move(marker));
  }
  std::string out;
  for (const auto& alternative : alternatives) {
    if (!out.empty()) out += " or ";
    out += alternative;
  }
  return out;
}

namespace detail {
namespace {

std::string and_markers(const std::vector<std::string>& markers) {
  std::vector<std::string> parts;
  for (const auto& marker : markers) {
    if (!trim(marker).empty()) parts.emplace_back(trim(marker));
  }
  std::string out;
  for (const auto& part : parts) {
    if (!out.empty()) out += " and ";
    out += (parts.size() > 1 && part.find(" or ") != std::string::npos) ? "(" + part + ")" : part;
  }
  return out;
}

// Table entries in file order (toml++ keeps tables sorted by key).
std::vector<std::pair<const toml::key*, const toml::node*>> in_file_order(const toml::table& table) {
  std::vector<std::pair<const toml::key*, const toml::node*>> entries;
  for (const auto& [key, node] : table) entries.emplace_back(&key, &node);
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    const auto& x = a.first->source().begin;
    const auto& y = b.first->source().begin;
    return x.line != y.line ? x.line < y.line : x.column < y.column;
  });
  return entries;
}

// A git URL as pip takes it: "git+https://...", scp-like "git@host:org/repo" as ssh.
std::string git_url(std::string_view value) {
  if (starts_with(value, "git+")) return std::string(value);
  std::size_t colon = value.find(':');
  std::size_t at = value.find('@');
  if (at != std::string_view::npos && colon != std::string_view::npos && at < colon &&
      value.find("://") == std::string_view::npos) {
    return "git+ssh://" + std::string(value.substr(0, colon)) + "/" + std::string(value.substr(colon + 1));
  }
  return "git+" + std::string(value);
}

class PyprojectReader {
 public:
  explicit PyprojectReader(Manifest& manifest) : manifest_(manifest) {}

  void read(std::string_view text) {
    toml::table document;
    if (!parse_toml(manifest_, text, document)) return;
    bool project_dependencies = false;
    if (const toml::table* project = document["project"].as_table()) {
      project_dependencies = project->contains("dependencies") || project->contains("optional-dependencies");
      read_project(*project);
    }
    if (const toml::table* groups = document["dependency-groups"].as_table()) read_dependency_groups(*groups);
    bool poetry_dependencies = false;
    if (const toml::table* poetry = document["tool"]["poetry"].as_table()) {
      poetry_dependencies = read_poetry(*poetry);
    }
    if (const toml::table* uv = document["tool"]["uv"].as_table()) read_uv(*uv);
    manifest_.kind = poetry_dependencies && !project_dependencies ? ManifestKind::PyprojectPoetry
                                                                 : ManifestKind::PyprojectPep621;
  }

 private:
  SourcePosition at(const toml::node& node) const { return toml_position(manifest_.path, node.source()); }

  void add_string_requirement(const toml::node& node, ManifestKind kind, const std::string& group, bool optional,
                              const std::string& where_in_file) {
    const auto* value = node.as_string();
    if (!value) {
      add_diagnostic(manifest_, at(node), where_in_file + ": expected a PEP 508 requirement string");
      return;
    }
    std::string text(trim(value->get()));
    if (text.empty()) {
      add_diagnostic(manifest_, at(node), where_in_file + ": empty requirement");
      return;
    }
    DeclaredRequirement requirement = make_requirement(text, at(node), kind);
    if (requirement.name.empty()) {
      add_diagnostic(manifest_, at(node), where_in_file + ": '" + text + "' does not start with a project name");
      return;
    }
    requirement.group = group;
    requirement.optional = optional;
    std::size_t at_sign = text.find('@');
    if (at_sign != std::string::npos) {
      std::string_view rest = trim(std::string_view(text).substr(at_sign + 1));
      requirement.url = std::string(rest.substr(0, rest.find_first_of(" \t;")));
    }
    manifest_.requirements.push_back(std::move(requirement));
  }

  void add_string_array(const toml::node& node, ManifestKind kind, const std::string& group, bool optional,
                        const std::string& where_in_file) {
    const toml::array* array = node.as_array();
    if (!array) {
      add_diagnostic(manifest_, at(node), where_in_file + ": expected an array of requirement strings");
      return;
    }
    for (const toml::node& item : *array) add_string_requirement(item, kind, group, optional, where_in_file);
  }

  void read_project(const toml::table& project) {
    if (const toml::node* dependencies = project.get("dependencies")) {
      add_string_array(*dependencies, ManifestKind::PyprojectPep621, "", false, "[project] dependencies");
    }
    if (const toml::node* optional = project.get("optional-dependencies")) {
      if (const toml::table* extras = optional->as_table()) {
        for (const auto& [key, node] : in_file_order(*extras)) {
          add_string_array(*node, ManifestKind::PyprojectPep621, std::string(key->str()), true,
                           "[project.optional-dependencies] " + std::string(key->str()));
        }
      } else {
        add_diagnostic(manifest_, at(*optional), "[project] optional-dependencies: expected a table of extras");
      }
    }
    if (const toml::array* dynamic = project["dynamic"].as_array()) {
      for (const toml::node& item : *dynamic) {
        const auto* field = item.as_string();
        if (field && (field->get() == "dependencies" || field->get() == "optional-dependencies")) {
          add_diagnostic(manifest_, at(item),
                         "[project] " + field->get() +
                             " is dynamic: the build backend computes it (setup.py, setup.cfg or its own "
                             "configuration); not read here");
        }
      }
    }
  }

  // PEP 735: each group lists requirement strings and {include-group = "name"} tables.
  void read_dependency_groups(const toml::table& groups) {
    for (const auto& [key, node] : in_file_order(groups)) {
      groups_[normalize_name(key->str())] = node;
    }
    for (const auto& [key, node] : in_file_order(groups)) {
      std::vector<std::string> stack;
      emit_group(std::string(key->str()), *node, stack);
    }
  }

  void emit_group(const std::string& group, const toml::node& node, std::vector<std::string>& stack) {
    const toml::array* array = node.as_array();
    std::string where_in_file = "[dependency-groups] " + group;
    if (!array) {
      add_diagnostic(manifest_, at(node), where_in_file + ": expected an array");
      return;
    }
    stack.push_back(normalize_name(group));
    std::set<std::string> expanded;
    for (const toml::node& item : *array) {
      if (item.is_string()) {
        add_string_requirement(item, ManifestKind::PyprojectPep621, group, true, where_in_file);
        continue;
      }
      const toml::table* table = item.as_table();
      const toml::node* include = table ? table->get("include-group") : nullptr;
      if (!include || !include->is_string()) {
        add_diagnostic(manifest_, at(item),
                       where_in_file + ": expected a requirement string or {include-group = \"...\"}");
        continue;
      }
      std::string target = normalize_name(include->as_string()->get());
      auto found = groups_.find(target);
      if (found == groups_.end()) {
        add_diagnostic(manifest_, at(*include),
                       where_in_file + ": no group named '" + include->as_string()->get() + "'");
        continue;
      }
      if (std::find(stack.begin(), stack.end(), target) != stack.end()) {
        add_diagnostic(manifest_, at(*include),
                       where_in_file + ": include-group cycle through '" + include->as_string()->get() + "'");
        continue;
      }
      if (!expanded.insert(target).second) continue;  // included twice: once is enough
      stack.push_back(target);
      emit_included(group, *found->second, stack, expanded);
      stack.pop_back();
    }
    stack.pop_back();
  }

  // The requirements of an included group (and of the groups it includes, each once),
  // listed again under `group`.
  void emit_included(const std::string& group, const toml::node& node, std::vector<std::string>& stack,
                     std::set<std::string>& expanded) {
    const toml::array* array = node.as_array();
    if (!array || stack.size() > kMaxIncludeDepth) return;
    for (const toml::node& item : *array) {
      // A hostile file must not make the expansion explode.
      if (expansion_budget_ == 0) return;
      if (--expansion_budget_ == 0) {
        add_diagnostic(manifest_, at(item),
                       "[dependency-groups] " + group + ": include-group expands too far; the rest is not read");
        return;
      }
      if (item.is_string()) {
        std::size_t before = manifest_.diagnostics.size();
        add_string_requirement(item, ManifestKind::PyprojectPep621, group, true, "");
        manifest_.diagnostics.resize(before);  // reported with the group that lists it
        continue;
      }
      const toml::table* table = item.as_table();
      const toml::node* include = table ? table->get("include-group") : nullptr;
      if (!include || !include->is_string()) continue;
      std::string target = normalize_name(include->as_string()->get());
      auto found = groups_.find(target);
      if (found == groups_.end() || std::find(stack.begin(), stack.end(), target) != stack.end()) continue;
      if (!expanded.insert(target).second) continue;
      stack.push_back(target);
      emit_included(group, *found->second, stack, expanded);
      stack.pop_back();
    }
  }

  // Poetry: returns whether any dependency table was found.
  bool read_poetry(const toml::table& poetry) {
    // Optional dependencies belong to the extras that list them.
    if (const toml::table* extras = poetry["extras"].as_table()) {
      for (const auto& [key, node] : in_file_order(*extras)) {
        if (const toml::array* names = node->as_array()) {
          for (const toml::node& name : *names) {
            if (const auto* text = name.as_string()) {
              extra_of_.emplace(normalize_name(leading_name(text->get())), std::string(key->str()));
            }
          }
        }
      }
    }
    bool found = false;
    if (const toml::table* main = poetry["dependencies"].as_table()) {
      read_poetry_table(*main, "", false, "[tool.poetry.dependencies]");
      found = true;
    }
    if (const toml::table* dev = poetry["dev-dependencies"].as_table()) {
      read_poetry_table(*dev, "dev", true, "[tool.poetry.dev-dependencies]");
      found = true;
    }
    if (const toml::table* groups = poetry["group"].as_table()) {
      for (const auto& [key, node] : in_file_order(*groups)) {
        const toml::table* group = node->as_table();
        const toml::table* dependencies = group ? (*group)["dependencies"].as_table() : nullptr;
        if (!dependencies) continue;
        std::string name(key->str());
        bool main = name == "main";
        read_poetry_table(*dependencies, main ? "" : name, !main,
                          "[tool.poetry.group." + name + ".dependencies]");
        found = true;
      }
    }
    if (const toml::array* sources = poetry["source"].as_array()) {
      for (const toml::node& source : *sources) {
        const toml::table* table = source.as_table();
        const toml::node* url = table ? table->get("url") : nullptr;
        if (url && url->is_string()) {
          manifest_.index_settings.push_back({"tool.poetry.source", url->as_string()->get(), at(*url)});
        }
      }
    }
    return found;
  }

  void read_poetry_table(const toml::table& table, const std::string& group, bool optional,
                         const std::string& where_in_file) {
    for (const auto& [key, node] : in_file_order(table)) {
      std::string name(key->str());
      if (name == "python") continue;  // the Python the project runs on, not a package
      SourcePosition where = toml_span(manifest_.path, key->source(), node->source());
      if (const toml::array* alternatives = node->as_array()) {
        // Multiple-constraint form: one requirement per table, each with its own markers.
        for (const toml::node& alternative : *alternatives) {
          add_poetry_dependency(name, alternative, at(alternative), group, optional, where_in_file);
        }
      } else {
        add_poetry_dependency(name, *node, where, group, optional, where_in_file);
      }
    }
  }

  void add_poetry_dependency(const std::string& name, const toml::node& node, SourcePosition where,
                             const std::string& group, bool optional, const std::string& where_in_file) {
    std::string label = where_in_file + " " + name;
    std::string error;
    DeclaredRequirement requirement{};
    requirement.kind = ManifestKind::PyprojectPoetry;
    requirement.name = name;
    requirement.where = where;
    requirement.group = group;
    requirement.optional = optional;
    std::string specifier, extras, url;
    std::vector<std::string> markers;
    auto convert = [&](const std::string& constraint) -> bool {
      std::optional<std::string> converted = poetry_constraint_to_pep440(constraint, &error);
      if (!converted) {
        add_diagnostic(manifest_, where, label + ": " + error + "; read as any version");
        specifier.clear();
        return false;
      }
      specifier = *converted;
      return true;
    };
    if (const auto* constraint = node.as_string()) {
      convert(constraint->get());
    } else if (const toml::table* table = node.as_table()) {
      if (const toml::node* version = table->get("version")) {
        if (version->is_string()) {
          convert(version->as_string()->get());
        } else {
          add_diagnostic(manifest_, at(*version), label + ": version is not a string; read as any version");
        }
      }
      if (const toml::array* list = (*table)["extras"].as_array()) {
        for (const toml::node& extra : *list) {
          if (const auto* text = extra.as_string()) extras += (extras.empty() ? "" : ",") + text->get();
        }
      }
      if (const auto* python = (*table)["python"].as_string()) {
        std::optional<std::string> marker = poetry_python_to_marker(python->get(), &error);
        if (marker) {
          markers.push_back(*marker);
        } else {
          add_diagnostic(manifest_, at(*(*table).get("python")), label + ": python " + error);
        }
      }
      if (const auto* platform = (*table)["platform"].as_string()) {
        markers.push_back("sys_platform == \"" + platform->get() + "\"");
      }
      if (const auto* marker = (*table)["markers"].as_string()) markers.push_back(marker->get());
      if (const auto* flag = (*table)["optional"].as_boolean(); flag && flag->get()) {
        requirement.optional = true;
        auto extra = extra_of_.find(normalize_name(name));
        if (extra != extra_of_.end() && group.empty()) requirement.group = extra->second;
      }
      if (const auto* git = (*table)["git"].as_string()) {
        url = git_url(git->get());
        for (const char* ref : {"rev", "tag", "branch"}) {
          if (const auto* value = (*table)[ref].as_string()) {
            url += "@" + value->get();
            break;
          }
        }
        if (const auto* subdirectory = (*table)["subdirectory"].as_string()) {
          url += "#subdirectory=" + subdirectory->get();
        }
      } else if (const auto* path = (*table)["path"].as_string()) {
        url = path->get();
        if (const auto* develop = (*table)["develop"].as_boolean()) requirement.editable = develop->get();
      } else if (const auto* link = (*table)["url"].as_string()) {
        url = link->get();
      }
    } else {
      add_diagnostic(manifest_, at(node), label + ": expected a version constraint or a table");
      return;
    }
    std::string text = name;
    if (!extras.empty()) text += "[" + extras + "]";
    if (!url.empty()) {
      text += " @ " + url;
      requirement.url = url;
    } else {
      text += specifier;
    }
    std::string marker = and_markers(markers);
    if (!marker.empty()) text += " ; " + marker;
    requirement.text = std::move(text);
    manifest_.requirements.push_back(std::move(requirement));
  }

  void read_uv(const toml::table& uv) {
    if (const toml::node* dev = uv.get("dev-dependencies")) {
      add_string_array(*dev, ManifestKind::PyprojectPep621, "dev", true, "[tool.uv] dev-dependencies");
    }
    if (const toml::node* url = uv.get("index-url"); url && url->is_string()) {
      manifest_.index_settings.push_back({"tool.uv.index-url", url->as_string()->get(), at(*url)});
    }
    for (const char* key : {"extra-index-url", "find-links"}) {
      if (const toml::array* urls = uv[key].as_array()) {
        for (const toml::node& url : *urls) {
          if (url.is_string()) {
            manifest_.index_settings.push_back({std::string("tool.uv.") + key, url.as_string()->get(), at(url)});
          }
        }
      }
    }
    if (const toml::array* indexes = uv["index"].as_array()) {
      for (const toml::node& index : *indexes) {
        const toml::table* table = index.as_table();
        const toml::node* url = table ? table->get("url") : nullptr;
        if (url && url->is_string()) {
          manifest_.index_settings.push_back({"tool.uv.index", url->as_string()->get(), at(*url)});
        }
      }
    }
  }

  static constexpr std::size_t kMaxIncludeDepth = 64;
  Manifest& manifest_;
  std::size_t expansion_budget_ = 100000;
  std::map<std::string, const toml::node*> groups_;
  std::map<std::string, std::string> extra_of_;  // normalized package name -> extra
};

}  // namespace

void read_pyproject(Manifest& manifest, std::string_view text) {
  PyprojectReader reader(manifest);
  reader.read(text);
}

}  // namespace detail
}  // namespace aegis::deps
