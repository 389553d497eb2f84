// aegis debug pep440: answers JSON Lines queries about PEP 440 versions and specifiers and
// PEP 508 requirements and markers, one answer a line; the differential test asks the
// same questions of Python's `packaging`.
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/commands.h"
#include "deps/pep440.h"
#include "deps/pep508.h"

namespace aegis::cli {

namespace {

using nlohmann::json;

std::optional<bool> optional_bool(const json& query, const char* key) {
  if (!query.contains(key) || query[key].is_null()) return std::nullopt;
  return query[key].get<bool>();
}

json failure(const std::string& message) { return {{"ok", false}, {"error", message}}; }

json version_json(const deps::Version& v) {
  return {{"ok", true},
          {"str", v.str()},
          {"epoch", v.epoch()},
          {"release", v.release()},
          {"is_prerelease", v.is_prerelease()},
          {"is_postrelease", v.is_postrelease()},
          {"is_devrelease", v.is_devrelease()},
          {"local", v.has_local() ? json(v.local_str()) : json(nullptr)},
          {"public", v.public_version().str()},
          {"base_version", v.base_version().str()}};
}

json answer(const json& q) {
  const std::string op = q.value("op", "");
  std::string error;
  auto version = [&](const char* key) -> std::optional<deps::Version> {
    return deps::Version::parse(q.at(key).get<std::string>(), &error);
  };
  auto specifier_set = [&](const char* key) -> std::optional<deps::SpecifierSet> {
    return deps::SpecifierSet::parse(q.at(key).get<std::string>(), &error);
  };
  if (op == "version") {
    auto v = version("text");
    return v ? version_json(*v) : failure(error);
  }
  if (op == "compare") {
    auto a = version("a"), b = version("b");
    if (!a || !b) return failure(error);
    auto c = *a <=> *b;
    return {{"ok", true}, {"cmp", c < 0 ? -1 : c > 0 ? 1 : 0}};
  }
  if (op == "specifier") {
    auto set = specifier_set("text");
    if (!set) return failure(error);
    json clauses = json::array();
    for (const auto& s : set->specifiers()) clauses.push_back(s.str());
    auto pre = set->admits_prereleases();
    return {{"ok", true}, {"str", set->str()}, {"specifiers", clauses}, {"prereleases", pre ? json(*pre) : json(nullptr)},
            {"pinned", set->pinned() ? json(set->pinned()->str()) : json(nullptr)}};
  }
  if (op == "contains") {
    auto set = specifier_set("spec");
    if (!set) return failure(error);
    auto v = version("version");
    if (!v) return failure(error);
    return {{"ok", true}, {"result", set->contains(*v, optional_bool(q, "prereleases"))}};
  }
  if (op == "filter") {
    auto set = specifier_set("spec");
    if (!set) return failure(error);
    std::vector<deps::Version> candidates;
    for (const auto& text : q.at("versions")) {
      auto v = deps::Version::parse(text.get<std::string>(), &error);
      if (!v) return failure(error);
      candidates.push_back(*v);
    }
    json admitted = json::array();
    for (const auto& v : set->filter(candidates, optional_bool(q, "prereleases"))) admitted.push_back(v.str());
    return {{"ok", true}, {"result", admitted}};
  }
  if (op == "requirement") {
    std::size_t offset = 0;
    auto r = deps::parse_requirement(q.at("text").get<std::string>(), &error, &offset);
    if (!r) return {{"ok", false}, {"error", error}, {"offset", offset}};
    return {{"ok", true},
            {"name", r->name},
            {"extras", r->extras},
            {"specifier", r->specifier.str()},
            {"url", r->url.empty() ? json(nullptr) : json(r->url)},
            {"marker", r->marker ? json(r->marker->str()) : json(nullptr)},
            {"str", r->str()}};
  }
  if (op == "marker") {
    std::size_t offset = 0;
    auto m = deps::Marker::parse(q.at("text").get<std::string>(), &error, &offset);
    if (!m) return {{"ok", false}, {"error", error}, {"offset", offset}};
    json out = {{"ok", true}, {"str", m->str()}};
    if (q.contains("env")) {
      deps::MarkerEnvironment env;
      for (const auto& [key, value] : q.at("env").items()) env.values[key] = value.get<std::string>();
      std::string why;
      auto result = m->evaluate_checked(env, q.value("extra", ""), &why);
      out["result"] = result ? json(*result) : json(nullptr);
      if (!result) out["eval_error"] = why;
    }
    return out;
  }
  if (op == "target") {
    auto env = deps::MarkerEnvironment::target(q.at("python").get<std::string>(), q.at("platform").get<std::string>());
    return {{"ok", true}, {"env", env.values}};
  }
  return failure("unknown op '" + op + "'");
}

}  // namespace

int debug_pep440() {
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    json out;
    try {
      out = answer(json::parse(line));
    } catch (const json::exception& e) {
      out = failure(std::string("bad query: ") + e.what());
    }
    std::cout << out.dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
  }
  std::cout.flush();
  return 0;
}

}  // namespace aegis::cli
