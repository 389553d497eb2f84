#include "engine/explain.h"

#include <sys/stat.h>

#include "report/text.h"
#include "rules/rule.h"
#include "rules/test_paths.h"

namespace aegis::engine {

namespace {

bool below(const std::string& path, const std::string& dir) {
  if (dir == "/") return path.size() > 1 && path[0] == '/';
  return path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 && path[dir.size()] == '/';
}

}  // namespace

Explanation explain_file(const ExplainOptions& options) {
  Explanation out;
  const std::string& file = options.file;
  std::string absolute = absolute_path(file);
  std::string root_absolute = absolute_path(options.root);
  struct stat st;
  if (::stat(file.c_str(), &st) != 0) {
    out.text = file + ": does not exist\n";
    return out;
  }
  if (absolute != root_absolute && !below(absolute, root_absolute)) {
    out.text = file + ": not scanned: it is not below the scan root '" + options.root +
               "' (run 'aegis config --why' with --root, or scan it directly: paths given to 'aegis scan' are always read)\n";
    return out;
  }

  DiscoveryOptions discovery;
  discovery.roots = {options.root};
  discovery.use_gitignore = options.use_gitignore;
  if (options.config) discovery.config_excludes = to_patterns(options.config->exclude.value);
  DiscoveryResult found = discover(discovery);
  if (found.fatal) {
    out.text = "aegis: error: " + found.fatal_message + "\n";
    return out;
  }

  const DiscoveredEntry* entry = nullptr;
  const DiscoveredEntry* ancestor = nullptr;
  for (const DiscoveredEntry& e : found.entries) {
    std::string e_absolute = absolute_path(e.path);
    if (e_absolute == absolute) {
      entry = &e;
    } else if (e.type == EntryType::Directory && e.disposition != Disposition::Selected &&
               below(absolute, e_absolute) && (!ancestor || e.path.size() < ancestor->path.size())) {
      ancestor = &e;  // the outermost directory that was not walked decides
    }
  }
  if (ancestor && (!entry || entry->disposition == Disposition::Selected)) {
    out.text = file + ": not scanned: it is below " + ancestor->path + ", which is " +
               report::describe_reason(ancestor->reason) + " (" + ancestor->detail + ")\n";
    return out;
  }
  if (!entry) {
    out.text = file + ": not found when walking '" + options.root + "'\n";
    return out;
  }
  if (entry->type == EntryType::Directory) {
    out.text = file + ": a directory" +
               (entry->disposition == Disposition::Selected
                    ? std::string(": walked\n")
                    : ": not walked: " + std::string(report::describe_reason(entry->reason)) + " (" + entry->detail + ")\n");
    out.scanned = entry->disposition == Disposition::Selected;
    return out;
  }
  if (entry->disposition != Disposition::Selected) {
    out.text = file + ": not scanned: " + report::describe_reason(entry->reason) +
               (entry->detail.empty() ? std::string() : " (" + entry->detail + ")") + "\n";
    return out;
  }
  if (entry->kind != FileKind::Python) {
    out.text = file + ": found (" + to_string(entry->kind) + "), but not analysed: " +
               (entry->kind == FileKind::Other ? std::string("not a file kind Aegis reads")
                                               : "no analyser for " + std::string(to_string(entry->kind)) +
                                                     " files yet") +
               "\n";
    return out;
  }

  out.scanned = true;
  out.text = file + ": scanned as Python\n";
  std::string relative = relative_to_roots(entry->path, {options.root});
  std::string pattern = rules::matching_test_pattern(relative);
  std::string origin;
  const IgnorePattern* configured = nullptr;
  PathPatterns test_paths;
  if (options.config) test_paths = to_patterns(options.config->test_paths.value);
  if (pattern.empty() && !test_paths.empty()) configured = test_paths.match_file(absolute, &origin);
  if (!pattern.empty()) {
    out.text += "  test code (built-in pattern '" + pattern +
                "'): findings are tagged context: test and ranked one severity down\n";
  } else if (configured) {
    out.text += "  test code (" + origin + ":" + std::to_string(configured->line) + ": test-paths '" +
                configured->text + "'): findings are tagged context: test and ranked one severity down\n";
  } else {
    out.text += "  not test code\n";
  }
  if (options.config) {
    for (const auto& entry_ignore : options.config->per_file_ignores) {
      PathPatterns one = to_patterns({entry_ignore.pattern});
      if (!one.match_file(absolute)) continue;
      std::string names;
      for (const auto& s : entry_ignore.selectors) names += (names.empty() ? "" : ", ") + s;
      out.text += "  per-file-ignores (" + entry_ignore.pattern.source.describe() + ": '" + entry_ignore.pattern.text +
                  "'): " + names + " not reported\n";
    }
  }
  return out;
}

}  // namespace aegis::engine
