// Advisories in the OSV schema (https://ossf.github.io/osv-schema/), reduced to what
// matching PyPI versions needs: ids, aliases, a summary, withdrawal, and per package the
// ECOSYSTEM ranges (introduced / fixed / last_affected events) and explicit versions.
// Read from OSV JSON or from the YAML files of the PyPA advisory database.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "deps/pep440.h"

namespace aegis::deps {

struct OsvEvent {
  enum class Kind { Introduced, Fixed, LastAffected, Limit };
  Kind kind = Kind::Introduced;
  std::string version;  // as written; "0" for introduced means "from the first release"
  // `version` parsed once when the advisory is read (matching compares it many times);
  // empty for "0" and for text that is not a PEP 440 version.
  std::optional<Version> parsed;
};
// An event of `kind` at `version`, parsed.
OsvEvent make_event(OsvEvent::Kind kind, std::string version);

struct OsvRange {
  std::vector<OsvEvent> events;  // in the order given
};

// One advisory's statement about one PyPI package.
struct OsvAffected {
  std::string package;                // normalised (PEP 503)
  std::vector<OsvRange> ranges;       // type ECOSYSTEM only (GIT ranges name commits)
  std::vector<std::string> versions;  // explicit affected versions, as written
  std::vector<Version> parsed_versions;  // those of `versions` that parse, sorted (set on reading)
};
// Fills `parsed_versions` from `versions`.
void parse_listed_versions(OsvAffected& affected);

struct Advisory {
  std::string id;                     // "PYSEC-2023-62", "GHSA-...", "CVE-..."
  std::vector<std::string> aliases;
  std::string summary;                // one line
  std::string published;
  std::string modified;
  std::string withdrawn;              // non-empty: withdrawn, never matches
  std::vector<OsvAffected> affected;  // PyPI packages only
};

// Parses one advisory from JSON or YAML text (an OSV document; the JSON parser is much
// faster and used whenever the text starts with '{'). Problems (not an object, no id)
// fill `error` and return nullopt. Advisories that name no PyPI package parse fine with
// an empty `affected`.
std::optional<Advisory> parse_osv(std::string_view text, std::string* error);
// Parses a JSON array of advisories (the built-in set); an error names the index.
std::vector<Advisory> parse_osv_array(std::string_view text, std::string* error);

// Why a version is affected, for the message: which range, or the explicit list.
struct AffectedMatch {
  bool affected = false;
  std::string range;  // ">=2.3.0, <2.3.2" or "listed version"
};

// Whether `version` is affected by the statement (OSV evaluation: each range's events
// sorted by version, "introduced: 0" being the beginning of time; or listed explicitly).
// Events whose version does not parse are ignored.
AffectedMatch is_affected(const OsvAffected& affected, const Version& version);

// The fixed versions the statement names, sorted (for "upgrade to" advice).
std::vector<Version> fixed_versions(const OsvAffected& affected);
// Every version the statement mentions (events and the explicit list), sorted: the
// candidates for deciding whether a specifier range admits an affected version.
std::vector<Version> mentioned_versions(const OsvAffected& affected);

}  // namespace aegis::deps
