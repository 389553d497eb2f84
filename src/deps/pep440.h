// PEP 440 versions and version specifiers, with the semantics of the `packaging` library
// Debian 12 ships (23.0): the same accepted spellings, normal forms, ordering, specifier
// matching and pre-release rules. Text is UTF-8.
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
  // One alphanumeric or numeric part of a local version ("ubuntu", "1").
  struct LocalPart {
    bool numeric = false;
    std::string text;  // lowercase letters, or the number's digits without leading zeros
  };
  // A pre, post or dev segment: the normalised letter ("a", "b", "rc", "post", "dev")
  // and its number (0 when the number is implicit).
  struct Segment {
    std::string letter;
    std::uint64_t number = 0;
  };

  // PEP 440 with packaging's normalisation (case, leading "v", "-"/"_"/"." separators,
  // implicit post releases "1.0-1", alpha/a, beta/b, c/rc/pre/preview, rev/r/post,
  // local versions). Returns nullopt when invalid (there is no legacy version). A number
  // in the epoch, release, pre, post or dev part above 2^64-1 is rejected too (`error`
  // says so), where Python's integers would accept it.
  static std::optional<Version> parse(std::string_view text, std::string* error = nullptr);

  std::string str() const;  // normalised form, as packaging's str(Version(...))
  std::uint64_t epoch() const { return epoch_; }
  const std::vector<std::uint64_t>& release() const { return release_; }
  const std::optional<Segment>& pre() const { return pre_; }
  const std::optional<Segment>& post() const { return post_; }
  const std::optional<Segment>& dev() const { return dev_; }
  const std::optional<std::vector<LocalPart>>& local() const { return local_; }
  std::string local_str() const;  // "ubuntu.1", empty when there is none

  bool is_prerelease() const { return pre_.has_value() || dev_.has_value(); }
  bool is_devrelease() const { return dev_.has_value(); }
  bool is_postrelease() const { return post_.has_value(); }
  bool has_local() const { return local_.has_value(); }
  Version public_version() const;  // without the local part
  Version base_version() const;    // epoch + release only

  friend std::strong_ordering operator<=>(const Version& a, const Version& b);
  friend bool operator==(const Version& a, const Version& b) { return (a <=> b) == 0; }

 private:
  std::uint64_t epoch_ = 0;
  std::vector<std::uint64_t> release_;
  std::optional<Segment> pre_, post_, dev_;
  std::optional<std::vector<LocalPart>> local_;
};

// packaging.utils.canonicalize_version: str() with trailing ".0" release parts removed
// (unless `strip_trailing_zero` is false); text that is not a version is returned as is.
std::string canonicalize_version(std::string_view text, bool strip_trailing_zero = true);

class Specifier {  // one clause: "~=1.4.2", "==1.2.*", "!=1.3", "===foo", ">=1.0"
 public:
  static std::optional<Specifier> parse(std::string_view text, std::string* error = nullptr);
  const std::string& op() const { return op_; }
  const std::string& version_text() const { return version_; }  // as written, stripped
  // Whether versions that are pre-releases are admitted when the caller does not say:
  // true when an inclusive clause (==, >=, <=, ~=, ===) names a pre-release. An "==="
  // clause whose text is no version admits none (packaging raises there).
  bool admits_prereleases() const;
  bool contains(const Version& v, std::optional<bool> prereleases = std::nullopt) const;
  std::string str() const { return op_ + version_; }
  // The (operator, canonical version) pair packaging compares clauses by.
  std::string canonical_key() const;

 private:
  bool matches(const Version& v) const;
  std::string op_, version_;
};

class SpecifierSet {  // comma-separated clauses; empty set admits everything
 public:
  static std::optional<SpecifierSet> parse(std::string_view text, std::string* error = nullptr);
  bool contains(const Version& v, std::optional<bool> prereleases = std::nullopt) const;
  // Versions from `candidates` admitted, with packaging's prerelease rules (filter()).
  std::vector<Version> filter(const std::vector<Version>& candidates,
                              std::optional<bool> prereleases = std::nullopt) const;
  // The clauses in the order written; clauses equal to an earlier one (same operator,
  // same canonical version) are dropped, as packaging's set does.
  const std::vector<Specifier>& specifiers() const { return specifiers_; }
  bool empty() const { return specifiers_.empty(); }
  // nullopt for an empty set (no opinion); otherwise whether any clause admits them.
  std::optional<bool> admits_prereleases() const;
  // The pinned version when the set is exactly one "==X" without wildcard (or "===X").
  std::optional<Version> pinned() const;
  std::string str() const;  // packaging's str(SpecifierSet) (sorted clauses)

 private:
  std::vector<Specifier> specifiers_;
};

std::string normalize_name(std::string_view name);  // PEP 503: lower, runs of -_. -> "-"

}  // namespace aegis::deps
