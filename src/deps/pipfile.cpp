// Pipfile: [packages], [dev-packages] and custom categories, their version strings ("*",
// "==1.2", ">=1.0") and tables (version, extras, markers and marker keys, git/ref, path,
// file, editable), and the [[source]] indexes with their verify_ssl.
#include <algorithm>
#include <cctype>

#include "deps/manifest_internal.h"

namespace aegis::deps::detail {
namespace {

// Tables of a Pipfile that hold no packages; every other table is a package category.
bool category_table(std::string_view name) {
  return name != "source" && name != "requires" && name != "scripts" && name != "pipenv";
}

// Environment-marker variables pipenv accepts as keys of a package table.
bool marker_key(std::string_view key) {
  static constexpr std::string_view kKeys[] = {
      "os_name", "sys_platform", "platform_machine", "platform_python_implementation", "platform_release",
      "platform_system", "platform_version", "python_version", "python_full_version", "implementation_name",
      "implementation_version"};
  return std::find(std::begin(kKeys), std::end(kKeys), key) != std::end(kKeys);
}

class PipfileReader {
 public:
  explicit PipfileReader(Manifest& manifest) : manifest_(manifest) {}

  void read(std::string_view text) {
    toml::table document;
    if (!parse_toml(manifest_, text, document)) return;
    if (const toml::array* sources = document["source"].as_array()) {
      for (const toml::node& source : *sources) read_source(source);
    }
    std::vector<std::pair<const toml::key*, const toml::table*>> categories;
    for (const auto& [key, node] : document) {
      if (category_table(key.str()) && node.is_table()) categories.emplace_back(&key, node.as_table());
    }
    std::sort(categories.begin(), categories.end(), [](const auto& a, const auto& b) {
      return a.first->source().begin.line < b.first->source().begin.line;
    });
    for (const auto& [key, table] : categories) {
      std::string group = key->str() == "packages" ? "" : std::string(key->str());
      std::vector<std::pair<const toml::key*, const toml::node*>> entries;
      for (const auto& [name, value] : *table) entries.emplace_back(&name, &value);
      std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        const auto& x = a.first->source().begin;
        const auto& y = b.first->source().begin;
        return x.line != y.line ? x.line < y.line : x.column < y.column;
      });
      for (const auto& [name, value] : entries) read_package(*name, *value, group);
    }
  }

 private:
  SourcePosition at(const toml::node& node) const { return toml_position(manifest_.path, node.source()); }

  void read_source(const toml::node& source) {
    const toml::table* table = source.as_table();
    if (!table) return;
    if (const toml::node* url = table->get("url"); url && url->is_string()) {
      manifest_.index_settings.push_back({"source", url->as_string()->get(), at(*url)});
    }
    if (const toml::node* verify = table->get("verify_ssl"); verify && verify->is_boolean() &&
                                                           !verify->as_boolean()->get()) {
      manifest_.index_settings.push_back({"source.verify_ssl", "false", at(*verify)});
    }
  }

  void read_package(const toml::key& key, const toml::node& value, const std::string& group) {
    std::string name(key.str());
    std::string label = "[" + (group.empty() ? std::string("packages") : group) + "] " + name;
    DeclaredRequirement requirement{};
    requirement.kind = ManifestKind::Pipfile;
    requirement.name = name;
    requirement.where = toml_span(manifest_.path, key.source(), value.source());
    requirement.group = group;
    requirement.optional = !group.empty();
    std::string specifier, extras, url;
    std::vector<std::string> markers;
    auto version = [&](std::string text) {
      text = std::string(trim(text));
      if (text == "*" || text.empty()) return std::string();
      if (std::isdigit(static_cast<unsigned char>(text[0]))) return "==" + text;  // a bare version pins
      return text;
    };
    if (const auto* text = value.as_string()) {
      specifier = version(text->get());
    } else if (const toml::table* table = value.as_table()) {
      if (const toml::node* field = table->get("version")) {
        if (field->is_string()) {
          specifier = version(field->as_string()->get());
        } else {
          add_diagnostic(manifest_, at(*field), label + ": version is not a string; read as any version");
        }
      }
      if (const toml::array* list = (*table)["extras"].as_array()) {
        for (const toml::node& extra : *list) {
          if (const auto* extra_name = extra.as_string()) extras += (extras.empty() ? "" : ",") + extra_name->get();
        }
      }
      for (const auto& [field, field_value] : *table) {
        if (marker_key(field.str()) && field_value.is_string()) {
          markers.push_back(std::string(field.str()) + " " + std::string(trim(field_value.as_string()->get())));
        }
      }
      if (const auto* marker = (*table)["markers"].as_string()) markers.push_back(marker->get());
      if (const auto* git = (*table)["git"].as_string()) {
        url = starts_with(git->get(), "git+") ? git->get() : "git+" + git->get();
        if (const auto* ref = (*table)["ref"].as_string()) url += "@" + ref->get();
        if (const auto* subdirectory = (*table)["subdirectory"].as_string()) {
          url += "#subdirectory=" + subdirectory->get();
        }
      } else if (const auto* path = (*table)["path"].as_string()) {
        url = path->get();
      } else if (const auto* file = (*table)["file"].as_string()) {
        url = file->get();
      }
      if (const auto* editable = (*table)["editable"].as_boolean()) requirement.editable = editable->get();
    } else {
      add_diagnostic(manifest_, at(value), label + ": expected a version string or a table");
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
    std::string marker;
    for (const auto& part : markers) {
      if (!marker.empty()) marker += " and ";
      marker += (markers.size() > 1 && part.find(" or ") != std::string::npos) ? "(" + part + ")" : part;
    }
    if (!marker.empty()) text += " ; " + marker;
    requirement.text = std::move(text);
    manifest_.requirements.push_back(std::move(requirement));
  }

  Manifest& manifest_;
};

}  // namespace

void read_pipfile(Manifest& manifest, std::string_view text) {
  PipfileReader reader(manifest);
  reader.read(text);
}

}  // namespace aegis::deps::detail
