#include "report/cyclonedx.h"

#include <map>
#include <nlohmann/json.hpp>

namespace aegis::report {
namespace {

using Json = nlohmann::ordered_json;

// purl (package URL) of a PyPI distribution: pkg:pypi/name@version, name normalised.
std::string purl(const engine::DependencyComponent& c) {
  return "pkg:pypi/" + c.name + (c.version.empty() ? "" : "@" + c.version);
}

std::string osv_url(const std::string& id) { return "https://osv.dev/vulnerability/" + id; }

Json source_of(const std::string& id) {
  if (id.rfind("CVE-", 0) == 0) return {{"name", "NVD"}, {"url", "https://nvd.nist.gov/vuln/detail/" + id}};
  if (id.rfind("GHSA-", 0) == 0) return {{"name", "GitHub"}, {"url", "https://github.com/advisories/" + id}};
  return {{"name", "OSV"}, {"url", osv_url(id)}};
}

}  // namespace

std::string format_cyclonedx(const engine::ScanResult& result) {
  Json bom;
  bom["bomFormat"] = "CycloneDX";
  bom["specVersion"] = "1.5";
  bom["version"] = 1;
  Json metadata;
  metadata["tools"]["components"] = Json::array(
      {{{"type", "application"}, {"name", "aegis"}, {"version", AEGIS_VERSION}}});
  metadata["component"] = {{"type", "application"}, {"bom-ref", "project"}, {"name", result.project_name.empty() ? std::string("project") : result.project_name}};
  bom["metadata"] = metadata;

  Json components = Json::array();
  Json direct = Json::array();
  std::map<std::string, std::string> ref_of;
  for (const auto& c : result.components) {
    std::string ref = purl(c);
    ref_of[c.name] = ref;
    Json j;
    j["type"] = "library";
    j["bom-ref"] = ref;
    j["name"] = c.name;
    if (!c.version.empty()) j["version"] = c.version;
    j["purl"] = ref;
    j["scope"] = c.optional ? "optional" : "required";
    Json properties = Json::array();
    properties.push_back({{"name", "aegis:dependency"}, {"value", c.direct ? "direct" : "transitive"}});
    if (!c.specifier.empty()) properties.push_back({{"name", "aegis:specifier"}, {"value", c.specifier}});
    for (const auto& s : c.sources) properties.push_back({{"name", "aegis:declared-in"}, {"value", s}});
    j["properties"] = properties;
    components.push_back(j);
    if (c.direct) direct.push_back(ref);
  }
  bom["components"] = components;
  bom["dependencies"] = Json::array({{{"ref", "project"}, {"dependsOn", direct}}});

  Json vulnerabilities = Json::array();
  for (const auto& v : result.vulnerabilities) {
    Json j;
    j["bom-ref"] = v.id + "/" + v.component;
    j["id"] = v.id;
    j["source"] = source_of(v.id);
    if (!v.aliases.empty()) {
      Json references = Json::array();
      for (const auto& alias : v.aliases) references.push_back({{"id", alias}, {"source", source_of(alias)}});
      j["references"] = references;
    }
    j["description"] = v.summary;
    j["recommendation"] = v.fixed.empty() ? "No fixed version is known; consider replacing " + v.component
                                          : "Upgrade " + v.component + " to " + v.fixed + " or later";
    j["affects"] = Json::array({{{"ref", ref_of.count(v.component) ? ref_of[v.component] : "pkg:pypi/" + v.component},
                                 {"versions", Json::array({{{"version", v.version}, {"status", "affected"}}})}}});
    j["properties"] = Json::array({{{"name", "aegis:affected-range"}, {"value", v.range}}});
    vulnerabilities.push_back(j);
  }
  bom["vulnerabilities"] = vulnerabilities;
  return bom.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace aegis::report
