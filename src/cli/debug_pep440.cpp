// aegis debug pep440: answers JSON Lines queries about PEP 440 versions, specifiers and
// PEP 508 requirements and markers, one answer line per query line. The differential test
// (tests/scripts/test_pep440_differential.py) asks `packaging` the same questions.
//
//   {"op":"version","text":"1.0-1"}                   -> {"valid":true,"str":"1.0.post1",...}
//   {"op":"compare","a":"1.0","b":"1.0.0"}            -> {"cmp":0}
//   {"op":"contains","spec":">=1","version":"2","prereleases":null} -> {"valid":true,"result":true}
//   {"op":"filter","spec":">=1","versions":[...],"prereleases":null} -> {"valid":true,"result":[...]}
//   {"op":"requirement","text":"a[x]>=1; extra=='x'"} -> {"valid":true,"name":...,"str":...}
//   {"op":"marker","text":"python_version<'3.9'","env":{...},"extra":""} -> {"valid":true,"result":false}
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/commands.h"
#include "deps/pep508.h"

namespace aegis::cli {
namespace {

using Json = nlohmann::json;

std::optional<bool> optional_bool(const Json& q, const char* key) {
  auto it = q.find(key);
  if (it == q.end() || it->is_null()) return std::nullopt;
  return it->get<bool>();
}

Json answer(const Json& q) {
  const std::string op = q.value("op", "");
  if (op == "version") {
    auto v = deps::Version::parse(q.value("text", ""));
    if (!v) return {{"valid", false}};
    return {{"valid", true},        {"str", v->str()},
            {"public", v->public_str()}, {"base", v->base_str()},
            {"is_prerelease", v->is_prerelease()}, {"is_postrelease", v->is_postrelease()},
            {"is_devrelease", v->is_devrelease()}, {"local", v->has_local()}};
  }
  if (op == "compare") {
    auto a = deps::Version::parse(q.value("a", ""));
    auto b = deps::Version::parse(q.value("b", ""));
    if (!a || !b) return {{"valid", false}};
    return {{"valid", true}, {"cmp", *a < *b ? -1 : (*a == *b ? 0 : 1)}};
  }
  if (op == "contains" || op == "filter") {
    auto set = deps::SpecifierSet::parse(q.value("spec", ""));
    if (!set) return {{"valid", false}};
    std::optional<bool> pre = optional_bool(q, "prereleases");
    if (op == "contains") {
      auto v = deps::Version::parse(q.value("version", ""));
      if (!v) return {{"valid", false}};
      return {{"valid", true}, {"result", set->contains(*v, pre)}, {"str", set->str()}};
    }
    std::vector<deps::Version> versions;
    for (const auto& text : q.at("versions")) {
      if (auto v = deps::Version::parse(text.get<std::string>())) versions.push_back(*v);
    }
    Json out = Json::array();
    for (const auto& v : set->filter(versions, pre)) out.push_back(v.str());
    return {{"valid", true}, {"result", out}};
  }
  if (op == "requirement") {
    std::string error;
    std::size_t offset = 0;
    auto r = deps::parse_requirement(q.value("text", ""), &error, &offset);
    if (!r) return {{"valid", false}, {"error", error}, {"offset", offset}};
    return {{"valid", true},
            {"name", r->name},
            {"extras", r->extras},
            {"specifier", r->specifier.str()},
            {"url", r->url},
            {"marker", r->marker ? Json(r->marker->str()) : Json(nullptr)},
            {"str", r->str()}};
  }
  if (op == "marker") {
    std::string error;
    auto m = deps::Marker::parse(q.value("text", ""), &error);
    if (!m) return {{"valid", false}, {"error", error}};
    deps::MarkerEnvironment env;
    if (auto it = q.find("env"); it != q.end() && it->is_object()) {
      for (const auto& [key, value] : it->items()) env.values[key] = value.get<std::string>();
    } else {
      env = deps::MarkerEnvironment::target(q.value("python", "3.12"), q.value("platform", "linux"));
    }
    return {{"valid", true}, {"str", m->str()}, {"result", m->evaluate(env, q.value("extra", ""))}};
  }
  return {{"error", "unknown op '" + op + "'"}};
}

}  // namespace

int debug_pep440() {
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.empty()) continue;
    Json q = Json::parse(line, nullptr, false);
    Json a = q.is_discarded() ? Json{{"error", "not JSON"}} : answer(q);
    std::cout << a.dump(-1, ' ', false, Json::error_handler_t::replace) << "\n";
  }
  return 0;
}

}  // namespace aegis::cli
