// aegis report: runs the scan as `aegis scan` does, then writes the audit report (Markdown or
// HTML) with its header: project, revision (libgit2), date, version.
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <regex>

#include "cli/commands.h"
#include "report/html.h"
#include "report/markdown.h"
#include "report/revision.h"

namespace aegis::cli {
namespace {

// A path as a POSIX shell word.
std::string shell_word(const std::string& s) {
  if (!s.empty() && s.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./=:,+@%") ==
                        std::string::npos) {
    return s;
  }
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

bool valid_date(const std::string& date) {
  static const std::regex shape(R"((\d{4})-(\d{2})-(\d{2}))");
  std::smatch m;
  if (!std::regex_match(date, m, shape)) return false;
  int year = std::stoi(m[1]), month = std::stoi(m[2]), day = std::stoi(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

// --date, else SOURCE_DATE_EPOCH (reproducible builds' convention), else today; all UTC.
bool report_date(const std::string& given, std::string& out) {
  if (!given.empty()) {
    if (!valid_date(given)) {
      std::cerr << "aegis: error: --date '" << given << "' is not a date of the form YYYY-MM-DD\n";
      return false;
    }
    out = given;
    return true;
  }
  std::time_t when = std::time(nullptr);
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
    char* end = nullptr;
    long long value = std::strtoll(epoch, &end, 10);
    if (*end != '\0' || value < 0) {
      std::cerr << "aegis: error: SOURCE_DATE_EPOCH '" << epoch << "' is not a number of seconds\n";
      return false;
    }
    when = static_cast<std::time_t>(value);
  }
  std::tm tm{};
  gmtime_r(&when, &tm);
  char buffer[16];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &tm);
  out = buffer;
  return true;
}

// The directory's name ("." and "dir/" resolved); a file's directory name.
std::string project_name_of(const std::filesystem::path& root) {
  std::error_code ec;
  std::filesystem::path p = std::filesystem::weakly_canonical(root, ec);
  if (ec) p = root.lexically_normal();
  if (!std::filesystem::is_directory(p, ec)) p = p.parent_path();
  std::string name = p.filename().string();
  return name.empty() ? std::string("project") : name;
}

}  // namespace

int report(const ReportCommandOptions& options) {
  report::ReportContext context;
  if (!report_date(options.date, context.date)) return 2;
  ScanRun run;
  if (int rc = run_scan(options.scan, run); rc != 0) return rc;

  context.roots = options.scan.paths.empty() ? std::vector<std::string>{"."} : options.scan.paths;
  std::error_code ec;
  std::filesystem::path first = std::filesystem::absolute(context.roots.front(), ec);
  std::filesystem::path repo_start = std::filesystem::is_directory(first, ec) ? first : first.parent_path();
  context.revision = report::read_revision(repo_start.string());
  context.project = !options.project.empty()        ? options.project
                    : !run.result.project_name.empty() ? run.result.project_name
                                                       : project_name_of(first);
  context.command = "aegis scan";
  for (const auto& root : context.roots) context.command += " " + shell_word(root);
  if (!options.scan.baseline.empty()) context.command += " --baseline " + shell_word(options.scan.baseline);
  context.baseline = run.baseline;

  std::string text = options.format == "html" ? report::format_html(run.result, context)
                                              : report::format_markdown(run.result, context);
  if (!write_output(options.output, text)) {
    std::cerr << "aegis: error: cannot write '" << options.output << "'\n";
    return 2;
  }
  return scan_exit_code(options.scan, run);
}

}  // namespace aegis::cli
