// aegis debug manifests PATH: every dependency manifest and lock file of a project as JSON.
#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "deps/manifest.h"

namespace aegis::cli {
namespace {

using nlohmann::ordered_json;

ordered_json position_json(const deps::SourcePosition& where) {
  return ordered_json{{"path", where.path},
                      {"line", where.line},
                      {"column", where.column},
                      {"end_line", where.end_line},
                      {"end_column", where.end_column}};
}

ordered_json manifest_json(const deps::Manifest& manifest) {
  ordered_json requirements = ordered_json::array();
  for (const auto& r : manifest.requirements) {
    requirements.push_back({{"text", r.text},
                            {"name", r.name},
                            {"url", r.url},
                            {"kind", deps::to_string(r.kind)},
                            {"group", r.group},
                            {"optional", r.optional},
                            {"editable", r.editable},
                            {"constraint_only", r.constraint_only},
                            {"hashes", r.hashes},
                            {"include_chain", r.include_chain},
                            {"where", position_json(r.where)}});
  }
  ordered_json locked = ordered_json::array();
  for (const auto& p : manifest.locked) {
    locked.push_back({{"name", p.name},
                      {"version", p.version},
                      {"kind", deps::to_string(p.kind)},
                      {"groups", p.groups},
                      {"where", position_json(p.where)}});
  }
  ordered_json indexes = ordered_json::array();
  for (const auto& s : manifest.index_settings) {
    indexes.push_back({{"option", s.option}, {"value", s.value}, {"where", position_json(s.where)}});
  }
  ordered_json diagnostics = ordered_json::array();
  for (const auto& d : manifest.diagnostics) {
    diagnostics.push_back({{"message", d.message}, {"where", position_json(d.where)}});
  }
  return ordered_json{{"path", manifest.path},
                      {"kind", deps::to_string(manifest.kind)},
                      {"requirements", requirements},
                      {"locked", locked},
                      {"index_settings", indexes},
                      {"diagnostics", diagnostics}};
}

}  // namespace

int debug_manifests(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    std::cerr << path << ": error: no such file or directory\n";
    return 2;
  }
  ordered_json out{{"manifests", ordered_json::array()}};
  for (const auto& manifest : deps::read_project_manifests(path)) out["manifests"].push_back(manifest_json(manifest));
  std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  return 0;
}

}  // namespace aegis::cli
