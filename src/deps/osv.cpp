#include "deps/osv.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <nlohmann/json.hpp>

namespace aegis::deps {
namespace {

using Json = nlohmann::json;

// YAML scalars stay strings ("2.0" must not become 2): OSV versions are text.
Json yaml_to_json(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      Json object = Json::object();
      for (const auto& item : node) object[item.first.as<std::string>()] = yaml_to_json(item.second);
      return object;
    }
    case YAML::NodeType::Sequence: {
      Json array = Json::array();
      for (const auto& item : node) array.push_back(yaml_to_json(item));
      return array;
    }
    case YAML::NodeType::Scalar: return node.as<std::string>();
    default: return nullptr;
  }
}

std::string text_of(const Json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return {};
  return it->get<std::string>();
}

std::string one_line(std::string text, std::size_t limit) {
  for (char& c : text) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  std::string out;
  for (char c : text) {
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out.push_back(c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.size() > limit) {
    out.resize(limit);
    while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
    if (!out.empty()) out.pop_back();  // the first byte of a cut character, or one more
    out += "...";
  }
  return out;
}

std::optional<Advisory> from_json(const Json& doc, std::string* error) {
  if (!doc.is_object()) {
    if (error) *error = "an OSV advisory must be an object";
    return std::nullopt;
  }
  Advisory a;
  a.id = text_of(doc, "id");
  if (a.id.empty()) {
    if (error) *error = "advisory has no \"id\"";
    return std::nullopt;
  }
  if (auto it = doc.find("aliases"); it != doc.end() && it->is_array()) {
    for (const auto& alias : *it) {
      if (alias.is_string()) a.aliases.push_back(alias.get<std::string>());
    }
  }
  a.summary = text_of(doc, "summary");
  if (a.summary.empty()) a.summary = text_of(doc, "details");
  a.summary = one_line(a.summary, 240);
  a.published = text_of(doc, "published");
  a.modified = text_of(doc, "modified");
  a.withdrawn = text_of(doc, "withdrawn");
  auto affected = doc.find("affected");
  if (affected == doc.end() || !affected->is_array()) return a;
  for (const auto& entry : *affected) {
    if (!entry.is_object()) continue;
    auto package = entry.find("package");
    if (package == entry.end() || !package->is_object()) continue;
    if (text_of(*package, "ecosystem") != "PyPI") continue;
    OsvAffected out;
    out.package = normalize_name(text_of(*package, "name"));
    if (out.package.empty()) continue;
    if (auto ranges = entry.find("ranges"); ranges != entry.end() && ranges->is_array()) {
      for (const auto& range : *ranges) {
        if (!range.is_object() || text_of(range, "type") != "ECOSYSTEM") continue;
        auto events = range.find("events");
        if (events == range.end() || !events->is_array()) continue;
        OsvRange r;
        for (const auto& event : *events) {
          if (!event.is_object()) continue;
          static constexpr std::pair<const char*, OsvEvent::Kind> kKinds[] = {
              {"introduced", OsvEvent::Kind::Introduced},
              {"fixed", OsvEvent::Kind::Fixed},
              {"last_affected", OsvEvent::Kind::LastAffected},
              {"limit", OsvEvent::Kind::Limit}};
          for (const auto& [key, kind] : kKinds) {
            std::string v = text_of(event, key);
            if (!v.empty()) r.events.push_back(make_event(kind, std::move(v)));
          }
        }
        if (!r.events.empty()) out.ranges.push_back(std::move(r));
      }
    }
    if (auto versions = entry.find("versions"); versions != entry.end() && versions->is_array()) {
      for (const auto& v : *versions) {
        if (v.is_string()) out.versions.push_back(v.get<std::string>());
      }
    }
    parse_listed_versions(out);
    a.affected.push_back(std::move(out));
  }
  return a;
}

struct SortedEvent {
  OsvEvent::Kind kind;
  bool zero = false;  // "introduced: 0"
  std::optional<Version> version;  // set unless zero
  const std::string* text;
};

std::vector<SortedEvent> sorted_events(const OsvRange& range) {
  std::vector<SortedEvent> out;
  for (const OsvEvent& e : range.events) {
    if (e.kind == OsvEvent::Kind::Introduced && e.version == "0") {
      out.push_back({e.kind, true, std::nullopt, &e.version});
      continue;
    }
    std::optional<Version> v = e.parsed ? e.parsed : Version::parse(e.version);
    if (!v) continue;
    out.push_back({e.kind, false, std::move(v), &e.version});
  }
  std::stable_sort(out.begin(), out.end(), [](const SortedEvent& a, const SortedEvent& b) {
    if (a.zero != b.zero) return a.zero;
    if (a.zero) return false;
    return *a.version < *b.version;
  });
  return out;
}

}  // namespace

void parse_listed_versions(OsvAffected& affected) {
  affected.parsed_versions.clear();
  for (const std::string& listed : affected.versions) {
    if (auto v = Version::parse(listed)) affected.parsed_versions.push_back(std::move(*v));
  }
  std::sort(affected.parsed_versions.begin(), affected.parsed_versions.end());
}

OsvEvent make_event(OsvEvent::Kind kind, std::string version) {
  OsvEvent e{kind, std::move(version), std::nullopt};
  if (e.version != "0") e.parsed = Version::parse(e.version);
  return e;
}

std::optional<Advisory> parse_osv(std::string_view text, std::string* error) {
  std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text[first] == '{') {
    Json doc = Json::parse(text, nullptr, false);
    if (doc.is_discarded()) {
      if (error) *error = "not valid JSON";
      return std::nullopt;
    }
    return from_json(doc, error);
  }
  try {
    YAML::Node node = YAML::Load(std::string(text));
    return from_json(yaml_to_json(node), error);
  } catch (const YAML::Exception& e) {
    if (error) {
      *error = "not valid YAML";
      if (e.mark.line >= 0) *error += " at line " + std::to_string(e.mark.line + 1);
      *error += ": " + e.msg;
    }
    return std::nullopt;
  }
}

std::vector<Advisory> parse_osv_array(std::string_view text, std::string* error) {
  std::vector<Advisory> out;
  Json doc = Json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_array()) {
    if (error) *error = "not a JSON array of advisories";
    return out;
  }
  for (std::size_t i = 0; i < doc.size(); ++i) {
    std::string why;
    auto a = from_json(doc[i], &why);
    if (!a) {
      if (error && error->empty()) *error = "advisory #" + std::to_string(i) + ": " + why;
      continue;
    }
    out.push_back(std::move(*a));
  }
  return out;
}

AffectedMatch is_affected(const OsvAffected& affected, const Version& version) {
  AffectedMatch match;
  for (const OsvRange& range : affected.ranges) {
    std::vector<SortedEvent> events = sorted_events(range);
    bool vulnerable = false;
    const SortedEvent* from = nullptr;
    for (const SortedEvent& e : events) {
      switch (e.kind) {
        case OsvEvent::Kind::Introduced:
          if (e.zero || version >= *e.version) {
            if (!vulnerable) from = &e;
            vulnerable = true;
          }
          break;
        case OsvEvent::Kind::Fixed:
          if (version >= *e.version) vulnerable = false;
          break;
        case OsvEvent::Kind::LastAffected:
          if (version > *e.version) vulnerable = false;
          break;
        case OsvEvent::Kind::Limit:
          if (version >= *e.version) vulnerable = false;
          break;
      }
    }
    if (!vulnerable) continue;
    // Describe the interval: its start and the first end event above the version.
    std::string text = from && !from->zero ? ">=" + *from->text : "";
    for (const SortedEvent& e : events) {
      if (e.zero || e.kind == OsvEvent::Kind::Introduced || *e.version < version) continue;
      if (e.kind == OsvEvent::Kind::LastAffected) {
        text += (text.empty() ? "<=" : ", <=") + *e.text;
        break;
      }
      if (*e.version > version) {
        text += (text.empty() ? "<" : ", <") + *e.text;
        break;
      }
    }
    match.affected = true;
    match.range = text.empty() ? "all versions" : text;
    return match;
  }
  if (std::binary_search(affected.parsed_versions.begin(), affected.parsed_versions.end(), version)) {
    match.affected = true;
    match.range = "listed version " + version.str();
  }
  return match;
}

std::vector<Version> fixed_versions(const OsvAffected& affected) {
  std::vector<Version> out;
  for (const OsvRange& range : affected.ranges) {
    for (const OsvEvent& e : range.events) {
      if (e.kind == OsvEvent::Kind::Fixed && e.parsed) out.push_back(*e.parsed);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<Version> mentioned_versions(const OsvAffected& affected) {
  std::vector<Version> out;
  for (const OsvRange& range : affected.ranges) {
    for (const OsvEvent& e : range.events) {
      if (e.parsed) out.push_back(*e.parsed);
    }
  }
  out.insert(out.end(), affected.parsed_versions.begin(), affected.parsed_versions.end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace aegis::deps
