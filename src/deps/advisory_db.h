// The advisories a scan matches against: the built-in set (data/advisories/, embedded in
// the binary) plus, when present, a local index built by `aegis db import` from an OSV
// export. The index is a compact binary file: a sorted package table and one block per
// package, decoded only for the packages a project uses, so opening a 20,000-advisory
// index and matching a lock file costs milliseconds.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "deps/osv.h"

namespace aegis::deps {

struct ImportStats {
  std::size_t files = 0;        // documents read (files or zip members)
  std::size_t advisories = 0;   // advisories kept (naming a PyPI package, not withdrawn)
  std::size_t withdrawn = 0;
  std::size_t not_pypi = 0;     // advisories that name no PyPI package
  std::size_t duplicates = 0;   // same id seen again (the later one wins)
  std::size_t packages = 0;
  std::vector<std::string> errors;  // "path: message", one per unreadable document
};

class AdvisoryDb {
 public:
  AdvisoryDb();
  ~AdvisoryDb();
  AdvisoryDb(AdvisoryDb&&) noexcept;
  AdvisoryDb& operator=(AdvisoryDb&&) noexcept;

  // The set built into the binary.
  static AdvisoryDb builtin();
  // Adds the advisories of an index written by write_index(), decoded on demand; false
  // with `error` when the file is not such an index. Its advisories win over earlier ones
  // with the same id.
  bool attach(const std::string& path, std::string* error);

  // Adds advisories (a later one with the same id replaces an earlier one).
  void add(std::vector<Advisory> advisories, ImportStats* stats = nullptr,
           std::string source = {});

  // The advisories naming the package (PEP 503-normalised name), without withdrawn ones;
  // each carries only that package's `affected` statements. Stable order (by id).
  const std::vector<Advisory>& for_package(std::string_view normalized_name) const;

  std::vector<std::string> packages() const;  // sorted
  std::size_t advisory_count() const;         // (package, advisory) pairs
  // Where the advisories came from: "built-in (278 advisories)", index paths.
  const std::vector<std::string>& sources() const { return sources_; }

  // Writes the index file; false with `error` on I/O failure.
  bool write_index(const std::string& path, std::string* error) const;

 private:
  struct Index;  // an attached index file: its bytes and package table
  using PackageMap = std::map<std::string, std::vector<Advisory>, std::less<>>;
  PackageMap added_;
  std::vector<std::unique_ptr<Index>> indexes_;
  mutable PackageMap merged_;  // for_package() results, built on first use
  std::vector<std::string> sources_;
};

// Reads OSV advisories from a directory (every *.json, *.yaml, *.yml below it), a zip
// archive of an OSV export, or one JSON/YAML file. Unreadable documents are recorded in
// `stats.errors` and skipped; nothing aborts the import.
std::vector<Advisory> read_osv_source(const std::string& path, ImportStats& stats);

// The default location of the imported index: $AEGIS_ADVISORY_DB, else
// $XDG_CACHE_HOME/aegis/advisories.idx, else ~/.cache/aegis/advisories.idx.
std::string default_index_path();

}  // namespace aegis::deps
