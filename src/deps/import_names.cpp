#include "deps/import_names.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/embedded_data.h"
#include "deps/pep440.h"

namespace aegis::deps {
namespace {

// "3.12" -> 12; anything else -> 0.
int minor_of(std::string_view version) {
  if (version.rfind("3.", 0) != 0) return 0;
  int minor = 0;
  for (char c : version.substr(2)) {
    if (c < '0' || c > '9') break;
    minor = minor * 10 + (c - '0');
  }
  return minor;
}

// Tab-separated rows, '#' comments and blank lines skipped.
template <typename Visit>
void for_each_row(std::string_view text, Visit visit) {
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(at, end - at);
    at = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string_view> cells;
    std::size_t start = 0;
    while (true) {
      std::size_t tab = line.find('\t', start);
      cells.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    visit(cells);
  }
}

void add_unique(std::vector<std::string>& list, std::string value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(std::move(value));
}

// The distribution name of a "*.dist-info" / "*.egg-info" directory ("Flask_WTF-1.2.1.dist-info").
std::string distribution_of(const std::string& directory) {
  std::string stem = directory.substr(0, directory.rfind('.'));
  std::size_t dash = stem.find('-');
  return normalize_name(stem.substr(0, dash));
}

}  // namespace

ImportNames ImportNames::builtin() {
  ImportNames names;
  if (auto text = data::embedded_file("stdlib_modules.tsv")) {
    for_each_row(*text, [&](const std::vector<std::string_view>& cells) {
      if (cells.empty() || cells[0].empty()) return;
      StdlibEntry e;
      e.since_minor = cells.size() > 1 ? minor_of(cells[1]) : 0;
      e.removed_minor = cells.size() > 2 ? minor_of(cells[2]) : 0;
      names.stdlib_[std::string(cells[0])] = e;
    });
  }
  if (auto text = data::embedded_file("import_names.tsv")) {
    for_each_row(*text, [&](const std::vector<std::string_view>& cells) {
      if (cells.size() < 2 || cells[0].empty() || cells[1].empty()) return;
      add_unique(names.curated_[std::string(cells[0])], normalize_name(cells[1]));
    });
  }
  return names;
}

std::size_t ImportNames::add_site_packages(const std::string& path) {
  namespace fs = std::filesystem;
  std::vector<fs::path> roots;
  std::error_code ec;
  // A virtualenv: lib/python3.X/site-packages below it.
  if (fs::is_directory(fs::path(path) / "lib", ec)) {
    for (const auto& entry : fs::directory_iterator(fs::path(path) / "lib", ec)) {
      if (entry.path().filename().string().rfind("python3", 0) == 0) {
        roots.push_back(entry.path() / "site-packages");
      }
    }
  }
  if (roots.empty()) roots.push_back(path);
  std::size_t count = 0;
  for (const fs::path& root : roots) {
    if (!fs::is_directory(root, ec)) continue;
    for (const auto& entry : fs::directory_iterator(root, ec)) {
      std::string name = entry.path().filename().string();
      bool dist_info = name.size() > 10 && name.ends_with(".dist-info");
      bool egg_info = name.size() > 9 && name.ends_with(".egg-info");
      if (!dist_info && !egg_info) continue;
      std::string distribution = distribution_of(name);
      ++count;
      std::vector<std::string> tops;
      std::ifstream top_level(entry.path() / "top_level.txt");
      for (std::string line; std::getline(top_level, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty()) tops.push_back(line);
      }
      if (tops.empty()) {
        // No top_level.txt (most wheels built by modern backends): the RECORD's paths.
        std::ifstream record(entry.path() / "RECORD");
        for (std::string line; std::getline(record, line);) {
          std::string file = line.substr(0, line.find(','));
          std::size_t slash = file.find('/');
          std::string top = slash == std::string::npos ? file : file.substr(0, slash);
          if (slash == std::string::npos) {
            if (!top.ends_with(".py")) continue;
            top.resize(top.size() - 3);
          }
          if (top.empty() || top.ends_with(".dist-info") || top.ends_with(".data") || top == "__pycache__" ||
              top == ".." || top.find('.') != std::string::npos) {
            continue;
          }
          tops.push_back(top);
        }
      }
      for (const std::string& top : tops) add_unique(installed_[top], distribution);
    }
  }
  return count;
}

bool ImportNames::is_stdlib(std::string_view module, int minor) const {
  std::string_view top = module.substr(0, module.find('.'));
  auto it = stdlib_.find(top);
  if (it == stdlib_.end()) return false;
  if (minor > 0 && it->second.since_minor > minor) return false;
  if (minor > 0 && it->second.removed_minor != 0 && minor >= it->second.removed_minor) return false;
  return true;
}

std::vector<std::string> ImportNames::distributions_for(std::string_view module) const {
  // Longest dotted prefix first: "google.protobuf" before "google".
  std::string_view prefix = module;
  while (!prefix.empty()) {
    if (auto it = installed_.find(prefix); it != installed_.end()) return it->second;
    if (auto it = curated_.find(prefix); it != curated_.end()) return it->second;
    std::size_t dot = prefix.rfind('.');
    if (dot == std::string_view::npos) break;
    prefix = prefix.substr(0, dot);
  }
  return {normalize_name(module.substr(0, module.find('.')))};
}

bool ImportNames::known(std::string_view module) const {
  std::string_view prefix = module;
  while (!prefix.empty()) {
    if (installed_.count(prefix) || curated_.count(prefix)) return true;
    std::size_t dot = prefix.rfind('.');
    if (dot == std::string_view::npos) break;
    prefix = prefix.substr(0, dot);
  }
  return false;
}

}  // namespace aegis::deps
