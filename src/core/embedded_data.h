// Files of the repository's data/ directory, built into the binary so that a review
// needs no installed data files: the curated advisory set, the import-name table, the
// standard-library module list. Generated at build time (CMakeLists.txt: `.incbin`).
#pragma once
#include <optional>
#include <span>
#include <string_view>

namespace aegis::data {

struct EmbeddedFile {
  std::string_view name;   // relative to data/, '/'-separated ("advisories/flask.json")
  std::string_view bytes;
};

// Every embedded file, sorted by name.
std::span<const EmbeddedFile> embedded_files();
// One file by name; nullopt when it is not embedded.
std::optional<std::string_view> embedded_file(std::string_view name);

}  // namespace aegis::data
