#include "report/text.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <vector>

namespace aegis::report {

using namespace engine;

namespace {

// Reasons in the order summaries list them; codes not listed follow, sorted.
constexpr const char* kReasonOrder[] = {
    "syntax-error", "encoding-error", "too-deep",       "unreadable",   "broken-symlink",
    "internal-error", "no-analyser",  "other-file",     "gitignored",   "excluded",
    "default-excluded", "too-large",  "special-file",   "duplicate",    "symlink-loop",
};

std::size_t reason_rank(const std::string& reason) {
  for (std::size_t i = 0; i < std::size(kReasonOrder); ++i) {
    if (reason == kReasonOrder[i]) return i;
  }
  return std::size(kReasonOrder);
}

std::string human_bytes(std::uint64_t bytes) {
  char buf[64];
  if (bytes < 1024) {
    std::snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(bytes));
  } else if (bytes < (std::uint64_t{1} << 20)) {
    std::snprintf(buf, sizeof buf, "%.1f KiB", static_cast<double>(bytes) / 1024.0);
  } else if (bytes < (std::uint64_t{1} << 30)) {
    std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  } else {
    std::snprintf(buf, sizeof buf, "%.2f GiB", static_cast<double>(bytes) / (1024.0 * 1024.0 * 1024.0));
  }
  return buf;
}

struct ReasonGroup {
  std::string reason;
  std::vector<const FileOutcome*> members;
};

std::vector<ReasonGroup> group_by_reason(const std::vector<FileOutcome>& outcomes, FileStatus status) {
  std::map<std::string, std::vector<const FileOutcome*>> groups;
  for (const auto& o : outcomes) {
    if (o.status == status) groups[o.reason].push_back(&o);
  }
  std::vector<ReasonGroup> out;
  for (auto& [reason, members] : groups) out.push_back({reason, std::move(members)});
  std::stable_sort(out.begin(), out.end(), [](const ReasonGroup& a, const ReasonGroup& b) {
    return reason_rank(a.reason) < reason_rank(b.reason);
  });
  return out;
}

std::string kind_breakdown(const std::vector<const FileOutcome*>& members) {
  std::map<FileKind, std::size_t> counts;
  for (const auto* m : members) ++counts[m->kind];
  std::string out;
  for (const auto& [kind, n] : counts) {
    if (!out.empty()) out += ", ";
    out += std::to_string(n) + " " + to_string(kind);
  }
  return out;
}

constexpr std::size_t kListedPerGroup = 10;

void append_groups(std::string& out, const char* heading, const std::vector<ReasonGroup>& groups,
                   bool list_paths) {
  bool first = true;
  for (const auto& g : groups) {
    out += first ? "  " + std::string(heading) : std::string(2 + std::string(heading).size(), ' ');
    first = false;
    out += describe_reason(g.reason);
    out += ": " + std::to_string(g.members.size());
    if (g.reason == "no-analyser" || g.reason == "too-large") out += " (" + kind_breakdown(g.members) + ")";
    out += '\n';
    if (!list_paths) continue;
    std::size_t shown = 0;
    for (const auto* m : g.members) {
      if (shown++ == kListedPerGroup) {
        out += "              ... and " + std::to_string(g.members.size() - kListedPerGroup) + " more\n";
        break;
      }
      out += "              " + m->path;
      if (!m->detail.empty()) out += " (" + m->detail + ")";
      out += '\n';
    }
  }
}

}  // namespace

const char* describe_reason(const std::string& reason) {
  static const std::map<std::string, const char*> labels = {
      {"syntax-error", "syntax error"},
      {"encoding-error", "encoding error"},
      {"too-deep", "nested too deeply"},
      {"unreadable", "unreadable"},
      {"broken-symlink", "broken symbolic link"},
      {"internal-error", "internal error"},
      {"no-analyser", "no analyser yet"},
      {"other-file", "not a file kind Aegis reads"},
      {"gitignored", "ignored by .gitignore"},
      {"excluded", "excluded by --exclude or the configuration"},
      {"default-excluded", "excluded by default"},
      {"too-large", "too large"},
      {"special-file", "not a regular file"},
      {"duplicate", "already scanned under another path"},
      {"symlink-loop", "symbolic link loop"},
  };
  auto it = labels.find(reason);
  return it == labels.end() ? "other reason" : it->second;
}

namespace {

const char* severity_colour(Severity s) {
  switch (s) {
    case Severity::Critical: return "\033[1;35m";
    case Severity::High: return "\033[1;31m";
    case Severity::Medium: return "\033[33m";
    case Severity::Low: return "\033[36m";
    case Severity::Info: return "\033[2m";
  }
  return "";
}

std::string finding_line(const Finding& f, const TextOptions& options) {
  std::string paint = options.color ? severity_colour(f.severity) : "";
  std::string reset = options.color ? "\033[0m" : "";
  std::string bold = options.color ? "\033[1m" : "";
  std::string out = bold + f.path + ":" + std::to_string(f.line) + ":" + std::to_string(f.column) + reset +
                    "  " + f.rule_id + "  " + paint + "[" + to_string(f.severity) + "]" + reset + "  " + f.message;
  if (f.in_test) out += "  (context: test)";
  if (f.status != FindingStatus::Open) {
    out += "  [" + std::string(to_string(f.status));
    if (!f.status_reason.empty()) out += ": " + f.status_reason;
    out += "]";
  }
  return out + "\n";
}

}  // namespace

std::string summary_line(const ScanResult& result) {
  std::map<Severity, std::size_t> open;
  std::size_t total = 0, accepted = 0, baseline = 0;
  for (const Finding& f : result.findings) {
    if (f.status == FindingStatus::Accepted) {
      ++accepted;
    } else if (f.status == FindingStatus::Baseline) {
      ++baseline;
    } else {
      ++open[f.severity];
      ++total;
    }
  }
  std::string out = "Findings: " + std::to_string(total);
  std::string parts;
  for (Severity s : {Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::Info}) {
    if (open[s] == 0) continue;
    if (!parts.empty()) parts += ", ";
    parts += std::to_string(open[s]) + " " + to_string(s);
  }
  if (!parts.empty()) out += " (" + parts + ")";
  if (accepted) out += "; " + std::to_string(accepted) + " accepted";
  if (baseline) out += "; " + std::to_string(baseline) + " in the baseline";
  return out + "\n";
}

std::string format_text(const ScanResult& result, const TextOptions& options) {
  std::string out;
  const std::string* current = nullptr;
  for (const Finding& f : result.findings) {
    if (f.status != FindingStatus::Open && !options.show_accepted) continue;
    if (current && *current != f.path) out += '\n';
    current = &f.path;
    out += finding_line(f, options);
    if (options.trace) {
      for (std::size_t i = 0; i < f.trace.size(); ++i) {
        const TraceStep& s = f.trace[i];
        const char* role = i == 0 ? "source" : i + 1 == f.trace.size() ? "sink  " : "step  ";
        out += "    " + std::string(role) + "  " + (s.path == f.path ? std::string() : s.path + ":") +
               std::to_string(s.line) + ":" + std::to_string(s.column) + "  " + s.note + "\n";
      }
    }
  }
  if (current) out += '\n';
  if (!options.quiet) {
    for (const Diagnostic& d : result.diagnostics) {
      out += format_diagnostic(d);
      out += '\n';
    }
    if (!result.diagnostics.empty()) out += '\n';
  }
  if (options.strengths) {
    // Controls found in place, by area: what worked, next to what needs attention.
    out += "Strengths: " + std::to_string(result.strengths.size()) + "\n";
    for (const Strength& s : result.strengths) {
      out += "  [" + std::string(area_title(s.area)) + "] " + s.title + ": " + s.evidence;
      if (!s.path.empty()) out += " (" + s.path + (s.line > 0 ? ":" + std::to_string(s.line) : std::string()) + ")";
      out += '\n';
    }
    out += '\n';
  }
  out += summary_line(result);
  if (options.quiet) return out;

  const Coverage& c = result.coverage;
  out += "Coverage: " + std::to_string(c.files_found) + (c.files_found == 1 ? " file" : " files") +
         " found: " + std::to_string(c.analysed) + " analysed, " + std::to_string(c.skipped) + " skipped, " +
         std::to_string(c.failed) + " failed\n";
  if (c.analysed > 0) {
    std::string kinds;
    for (const auto& [kind, k] : c.by_kind) {
      if (k.analysed == 0) continue;
      if (!kinds.empty()) kinds += ", ";
      kinds += std::to_string(k.analysed) + " " + to_string(kind);
    }
    out += "  analysed  " + kinds + " (" + std::to_string(c.lines_analysed) + " lines, " +
           human_bytes(c.bytes_analysed) + ")\n";
  }
  append_groups(out, "skipped   ", group_by_reason(result.files, FileStatus::Skipped), false);
  append_groups(out, "failed    ", group_by_reason(result.files, FileStatus::Failed), true);
  if (!result.directories.empty()) {
    out += "Directories: " + std::to_string(c.directories_walked) + " walked, " +
           std::to_string(c.directories_skipped) + " skipped, " + std::to_string(c.directories_failed) +
           " unreadable\n";
    append_groups(out, "skipped   ", group_by_reason(result.directories, FileStatus::Skipped), false);
    append_groups(out, "failed    ", group_by_reason(result.directories, FileStatus::Failed), true);
  }
  return out;
}

std::string format_stats(const ScanResult& result) {
  const ScanStats& s = result.stats;
  const Coverage& c = result.coverage;
  char buf[512];
  std::string out = "Stats:\n";
  std::snprintf(buf, sizeof buf, "  threads            %d\n", s.threads);
  out += buf;
  std::snprintf(buf, sizeof buf, "  discovery          %8.3f s  (%zu directories, %zu files)\n",
                s.discovery_seconds, c.directories_walked, c.files_found);
  out += buf;
  std::snprintf(buf, sizeof buf, "  analysis           %8.3f s  (wall; %zu Python files)\n", s.analysis_seconds,
                s.files_parsed);
  out += buf;
  std::snprintf(buf, sizeof buf, "    read             %8.3f s  (summed over threads)\n", s.read_cpu_seconds);
  out += buf;
  std::snprintf(buf, sizeof buf, "    decode + parse   %8.3f s  (summed over threads)\n", s.parse_cpu_seconds);
  out += buf;
  std::snprintf(buf, sizeof buf, "    index + rules    %8.3f s  (summed over threads)\n", s.check_cpu_seconds);
  out += buf;
  std::snprintf(buf, sizeof buf, "  manifests          %8.3f s  (%zu read; advisories opened)\n", s.manifest_seconds,
                s.manifests_read);
  out += buf;
  std::snprintf(buf, sizeof buf, "  dependency rules   %8.3f s  (imports and versions against advisories)\n",
                s.dependency_seconds);
  out += buf;
  // From -j2 the data flow starts beside the per-file stage: this is what is left after it.
  std::snprintf(buf, sizeof buf, "  project rules      %8.3f s  (data flow and framework models, after the per-file stage)\n",
                s.project_seconds);
  out += buf;
  std::snprintf(buf, sizeof buf, "  total              %8.3f s\n", s.total_seconds);
  out += buf;
  double wall = s.analysis_seconds > 0 ? s.analysis_seconds : 0;
  double files_per_second = wall > 0 ? static_cast<double>(s.files_parsed) / wall : 0;
  double mib_per_second = wall > 0 ? static_cast<double>(s.bytes_read) / (1024.0 * 1024.0) / wall : 0;
  std::snprintf(buf, sizeof buf, "  throughput         %.0f files/s, %.1f MiB/s (%s read)\n", files_per_second,
                mib_per_second, human_bytes(s.bytes_read).c_str());
  out += buf;
  std::snprintf(buf, sizeof buf, "  peak memory        %.1f MiB\n", static_cast<double>(s.peak_rss_kib) / 1024.0);
  out += buf;
  return out;
}

}  // namespace aegis::report
