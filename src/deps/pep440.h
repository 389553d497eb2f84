// PEP 440 versions and version specifiers, with the semantics of the `packaging`
// library (23.x) that pip and the PyPA tools share: normalisation of alternative
// spellings, ordering of pre/post/dev/local releases, `~=`, `==1.2.*`, `!=`, `===`, and
// the pre-release admission rules of contains() and filter().
#pragma once
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aegis::deps {

class Version {
 public:
  // Parses a PEP 440 version as `packaging.version.Version` does (case-insensitive,
  // leading "v", "-"/"_"/"." separators, "1.0-1" post releases, alpha/beta/c/pre/preview/
  // rev/r spellings, surrounding whitespace). nullopt when invalid.
  static std::optional<Version> parse(std::string_view text);

  std::string str() const;               // normalised, as str(Version(...))
  std::string public_str() const;        // without the local part
  std::string base_str() const;          // epoch and release only
  std::uint64_t epoch() const;           // saturated at 2^64-1 for absurd inputs
  std::vector<std::uint64_t> release() const;  // saturated likewise
  bool is_prerelease() const { return pre_kind_ != 0 || has_dev_; }
  bool is_devrelease() const { return has_dev_; }
  bool is_postrelease() const { return has_post_; }
  bool has_local() const { return !local_.empty(); }
  Version public_version() const;        // without the local part
  Version base_version() const;          // epoch + release only

  friend std::strong_ordering operator<=>(const Version& a, const Version& b) { return compare(a, b); }
  friend bool operator==(const Version& a, const Version& b) { return compare(a, b) == 0; }

 private:
  static std::strong_ordering compare(const Version& a, const Version& b);
  // Numbers are kept as decimal digit strings without leading zeros: PEP 440 puts no
  // bound on them, and neither does Python.
  std::string epoch_ = "0";
  std::vector<std::string> release_;
  int pre_kind_ = 0;  // 0 none, 1 a, 2 b, 3 rc
  std::string pre_number_;
  bool has_post_ = false;
  std::string post_number_;
  bool has_dev_ = false;
  std::string dev_number_;
  std::vector<std::string> local_;  // lower-cased; numeric parts without leading zeros
};

// One clause: "~=1.4.2", "==1.2.*", "!=1.3", "===foo", ">=1.0".
class Specifier {
 public:
  static std::optional<Specifier> parse(std::string_view text, std::string* error = nullptr);
  const std::string& op() const { return op_; }
  const std::string& version_text() const { return version_; }
  // Whether the clause admits `v`. prereleases: nullopt = the clause's own default
  // (admits pre-releases only when it names one with ==, >=, <=, ~= or ===).
  bool contains(const Version& v, std::optional<bool> prereleases = std::nullopt) const;
  bool prereleases() const;  // the default above
  std::string str() const { return op_ + version_; }
  // packaging's canonical form, used for equality and de-duplication.
  std::string canonical() const;

 private:
  bool admits(const Version& v) const;  // the operator alone
  std::string op_;
  std::string version_;  // as written, whitespace stripped
};

// Comma-separated clauses; the empty set admits every final release.
class SpecifierSet {
 public:
  static std::optional<SpecifierSet> parse(std::string_view text, std::string* error = nullptr);
  bool contains(const Version& v, std::optional<bool> prereleases = std::nullopt) const;
  // The versions of `candidates` admitted, in their order, with packaging's rule that
  // pre-releases are returned only when nothing else is (and prereleases is not false).
  std::vector<Version> filter(const std::vector<Version>& candidates,
                              std::optional<bool> prereleases = std::nullopt) const;
  // nullopt: no clause says; true when a clause names a pre-release.
  std::optional<bool> prereleases() const;
  const std::vector<Specifier>& specifiers() const { return specifiers_; }
  bool empty() const { return specifiers_.empty(); }
  // The pinned version when the set is exactly one "==X" without wildcard, or "===X"
  // that parses as a version.
  std::optional<Version> pinned() const;
  std::string str() const;  // clauses sorted, comma-joined, as str(SpecifierSet(...))

 private:
  std::vector<Specifier> specifiers_;
};

// PEP 503 normalisation: lower case, runs of "-", "_" and "." become one "-".
std::string normalize_name(std::string_view name);

// packaging.utils.canonicalize_version: the normalised text, trailing ".0" release
// segments stripped unless `strip_trailing_zero` is false; invalid text is returned as is.
std::string canonicalize_version(std::string_view text, bool strip_trailing_zero = true);

}  // namespace aegis::deps
