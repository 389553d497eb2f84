// Which distribution an import comes from: the standard library (for a target Python
// version), a distribution named in the curated table (data/import_names.tsv: `PIL` ->
// pillow), an installed distribution's top_level.txt / RECORD (when a site-packages
// directory is given), or by default the distribution of the same normalised name.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace aegis::deps {

class ImportNames {
 public:
  // The tables built into the binary.
  static ImportNames builtin();

  // Reads the *.dist-info and *.egg-info directories of a site-packages directory (or a
  // virtualenv: its lib/python3.*/site-packages are found); returns how many
  // distributions were read. Installed facts take precedence over the curated table.
  std::size_t add_site_packages(const std::string& path);

  // Whether the top-level module `module` ("os", "tomllib") is in the standard library
  // of Python `minor` (3.<minor>).
  bool is_stdlib(std::string_view module, int minor) const;

  // The normalised distributions that may provide a dotted module ("google.protobuf",
  // "PIL.Image"): the longest prefix found in the tables wins; by default the
  // normalised top-level name. Several entries mean any of them satisfies the import.
  std::vector<std::string> distributions_for(std::string_view module) const;
  // Whether the name came from a table (curated or installed), not the default.
  bool known(std::string_view module) const;

 private:
  struct StdlibEntry {
    int since_minor = 0;
    int removed_minor = 0;  // 0: still there
  };
  std::map<std::string, StdlibEntry, std::less<>> stdlib_;
  std::map<std::string, std::vector<std::string>, std::less<>> curated_;
  std::map<std::string, std::vector<std::string>, std::less<>> installed_;
};

}  // namespace aegis::deps
