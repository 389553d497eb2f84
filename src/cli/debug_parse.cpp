// aegis debug parse: parse many files on a pool of threads and report counts and
// throughput. The benchmark (bench/run.py) reads its figures from this output, so the
// "key: value" lines below are a stable format.
//
// Files are read into memory first; the timed part is decode + tokenize + parse of
// every file, the way the scan pipeline's per-file stage will do it.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "cli/commands.h"
#include "python/parse.h"

namespace aegis::cli {
namespace {

namespace fs = std::filesystem;

// Expands directories to the *.py files below them (sorted, so runs are repeatable);
// plain files are taken whatever their name. False when a path does not exist.
bool expand_paths(const std::vector<std::string>& paths, std::vector<std::string>& files) {
  bool ok = true;
  for (const auto& p : paths) {
    std::error_code ec;
    auto status = fs::status(p, ec);
    if (ec || !fs::exists(status)) {
      std::cerr << p << ": error: no such file or directory\n";
      ok = false;
      continue;
    }
    if (!fs::is_directory(status)) {
      files.push_back(p);
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      std::error_code type_ec;
      if (it->is_regular_file(type_ec) && it->path().extension() == ".py") {
        found.push_back(it->path().string());
      }
    }
    if (ec) {
      std::cerr << p << ": error: cannot list directory: " << ec.message() << '\n';
      ok = false;
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return ok;
}

struct FileResult {
  bool rejected = false;
  py::SyntaxError error;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int debug_parse(const DebugParseOptions& options) {
  std::vector<std::string> files;
  bool paths_ok = expand_paths(options.paths, files);

  auto read_start = std::chrono::steady_clock::now();
  std::vector<std::string> contents(files.size());
  std::size_t total_bytes = 0;
  std::size_t unreadable = 0;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (!read_file(files[i], contents[i])) ++unreadable;  // read_file reports it
    total_bytes += contents[i].size();
  }
  double read_seconds = seconds_since(read_start);

  unsigned threads = options.jobs > 0 ? static_cast<unsigned>(options.jobs)
                                      : std::max(1u, std::thread::hardware_concurrency());
  threads = std::max(1u, std::min<unsigned>(threads, std::max<std::size_t>(files.size(), 1)));

  std::vector<FileResult> results(files.size());
  std::atomic<std::size_t> next{0};
  py::ParseOptions parse_options;
  parse_options.set_feature_minor(options.feature_minor);
  auto worker = [&] {
    for (std::size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < files.size();) {
      auto parsed = py::parse_python(contents[i], parse_options);
      if (parsed->error) {
        results[i].rejected = true;
        results[i].error = *parsed->error;
      }
    }
  };
  auto parse_start = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  double parse_seconds = seconds_since(parse_start);

  std::size_t rejected = 0;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (!results[i].rejected) continue;
    ++rejected;
    if (options.list_failures) {
      const auto& e = results[i].error;
      std::cout << "rejected: " << files[i] << ':' << e.lineno << ':' << (e.col_offset + 1)
                << ": " << e.message << '\n';
    }
  }

  double mb = static_cast<double>(total_bytes) / 1e6;
  double safe_seconds = parse_seconds > 0 ? parse_seconds : 1e-9;
  char line[160];
  std::snprintf(line, sizeof line, "files: %zu\nbytes: %zu\nrejected: %zu\nunreadable: %zu\n",
                files.size(), total_bytes, rejected, unreadable);
  std::cout << line;
  std::snprintf(line, sizeof line, "threads: %u\npython-version: 3.%d\n", threads,
                options.feature_minor);
  std::cout << line;
  std::snprintf(line, sizeof line, "read-seconds: %.4f\nparse-seconds: %.4f\n", read_seconds,
                parse_seconds);
  std::cout << line;
  std::snprintf(line, sizeof line, "throughput: %.2f MB/s, %.0f files/s\n", mb / safe_seconds,
                static_cast<double>(files.size()) / safe_seconds);
  std::cout << line;
  if (!paths_ok || unreadable > 0) return 2;
  return rejected > 0 ? 1 : 0;
}

}  // namespace aegis::cli
