#include "deps/pep440.h"

#include <algorithm>
#include <limits>

#include "deps/pep440_match.h"
#include "deps/pep440_unicode.h"

namespace aegis::deps {

namespace patterns {

bool is_space(char32_t c) { return text::is_python_space(c); }

namespace {

bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool is_separator(char32_t c) { return c == '-' || c == '_' || c == '.'; }
// [a-z0-9] under re.IGNORECASE.
bool is_local_char(char32_t c) { return is_digit(c) || text::fold_to_ascii_letter(c) != 0; }
bool is_arbitrary_char(char32_t c) { return !text::is_python_space(c) && c != ';' && c != ')'; }

rx::Pattern spaces() { return rx::repeat(rx::cls(is_space), 0); }
rx::Pattern digits(int min = 1) { return rx::repeat(rx::cls(is_digit), min); }
rx::Pattern separator() { return rx::cls(is_separator); }
rx::Pattern words(std::initializer_list<const char*> words) {
  std::vector<rx::Pattern> choices;
  for (const char* w : words) choices.push_back(rx::lit(w, true));
  return rx::alt(std::move(choices));
}
rx::Pattern local_label() {
  auto run = rx::repeat(rx::cls(is_local_char), 1);
  return rx::seq({run, rx::repeat(rx::seq({separator(), run}), 0)});
}

// Groups of the version pattern.
enum VersionGroup { kEpoch = 1, kRelease, kPreLetter, kPreNumber, kPostNumber1, kPostLetter, kPostNumber2,
                    kDevLetter, kDevNumber, kLocal, kVersionGroups = kLocal };

// packaging's VERSION_PATTERN between `^\s*` and `\s*$` (re.VERBOSE | re.IGNORECASE).
const rx::Pattern& version() {
  using namespace rx;
  static const Pattern pattern = seq({
      spaces(),
      opt(lit("v", true)),
      opt(seq({group(kEpoch, digits()), lit("!")})),
      group(kRelease, seq({digits(), repeat(seq({lit("."), digits()}), 0)})),
      opt(seq({opt(separator()), group(kPreLetter, words({"a", "b", "c", "rc", "alpha", "beta", "pre", "preview"})),
               opt(separator()), opt(group(kPreNumber, digits()))})),
      opt(alt({seq({lit("-"), group(kPostNumber1, digits())}),
               seq({opt(separator()), group(kPostLetter, words({"post", "rev", "r"})), opt(separator()),
                    opt(group(kPostNumber2, digits()))})})),
      opt(seq({opt(separator()), group(kDevLetter, lit("dev", true)), opt(separator()), opt(group(kDevNumber, digits()))})),
      opt(seq({lit("+"), group(kLocal, local_label())})),
      spaces(),
      end_of_text(),
  });
  return pattern;
}

}  // namespace

const rx::Pattern& specifier() {
  using namespace rx;
  static const Pattern pattern = [] {
    auto epoch = opt(seq({digits(), lit("!")}));
    auto pre = opt(seq({opt(separator()), words({"alpha", "beta", "preview", "pre", "a", "b", "c", "rc"}),
                        opt(separator()), digits(0)}));
    auto post = opt(alt({seq({lit("-"), digits()}),
                         seq({opt(separator()), words({"post", "rev", "r"}), opt(separator()), digits(0)})}));
    auto dev = opt(seq({opt(separator()), lit("dev", true), opt(separator()), digits(0)}));
    auto local = opt(seq({lit("+"), local_label()}));
    auto release = seq({digits(), repeat(seq({lit("."), digits()}), 0)});
    auto release2 = seq({digits(), repeat(seq({lit("."), digits()}), 1)});
    auto v = opt(lit("v", true));
    auto arbitrary = seq({lookbehind("==="), spaces(), repeat(cls(is_arbitrary_char), 0)});
    auto equality = seq({alt({lookbehind("=="), lookbehind("!=")}), spaces(), v, epoch, release,
                         opt(alt({lit(".*"), seq({pre, post, dev, local})}))});
    auto compatible = seq({lookbehind("~="), spaces(), v, epoch, release2, pre, post, dev});
    auto others = seq({not_lookbehind({"==", "!=", "~="}), spaces(), v, epoch, release, pre, post, dev});
    return seq({group(1, alt({lit("~="), lit("=="), lit("!="), lit("<="), lit(">="), lit("<"), lit(">"), lit("===")})),
                group(2, alt({arbitrary, equality, compatible, others}))});
  }();
  return pattern;
}

}  // namespace patterns

namespace {

bool parse_number(std::string_view digits, std::uint64_t& value) {
  value = 0;
  for (char c : digits) {
    auto d = static_cast<std::uint64_t>(c - '0');
    if (value > (std::numeric_limits<std::uint64_t>::max() - d) / 10) return false;
    value = value * 10 + d;
  }
  return true;
}

std::string strip_leading_zeros(std::string_view digits) {
  std::size_t i = 0;
  while (i + 1 < digits.size() && digits[i] == '0') ++i;
  return std::string(digits.substr(i));
}

bool all_ascii_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The letters packaging treats as other spellings of a, b, rc and post.
std::string normalize_letter(std::string letter) {
  if (letter == "alpha") return "a";
  if (letter == "beta") return "b";
  if (letter == "c" || letter == "pre" || letter == "preview") return "rc";
  if (letter == "rev" || letter == "r") return "post";
  return letter;
}

int compare_numbers(const std::string& a, const std::string& b) {  // digit strings without leading zeros
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return a.compare(b) < 0 ? -1 : a == b ? 0 : 1;
}

// A pre/post/dev part of packaging's comparison key: -infinity, a (letter, number) pair,
// or +infinity.
struct KeyPart {
  int rank;  // -1, 0, +1
  const Version::Segment* segment = nullptr;
};

std::strong_ordering compare_parts(const KeyPart& a, const KeyPart& b) {
  if (a.rank != b.rank) return a.rank <=> b.rank;
  if (a.rank != 0) return std::strong_ordering::equal;
  if (auto c = a.segment->letter <=> b.segment->letter; c != 0) return c;
  return a.segment->number <=> b.segment->number;
}

}  // namespace

std::optional<Version> Version::parse(std::string_view text, std::string* error) {
  // Fast path for plain releases ("2.10.0", most of what advisories and lock files hold):
  // digits separated by single dots mean the release segment and nothing else.
  if (!text.empty() && text.front() != '.' && text.back() != '.' &&
      text.find_first_not_of("0123456789.") == std::string_view::npos && text.find("..") == std::string_view::npos) {
    Version v;
    for (std::size_t start = 0;;) {
      std::size_t dot = text.find('.', start);
      std::uint64_t part = 0;
      if (!parse_number(text.substr(start, dot - start), part)) break;  // too large: the full path says so
      v.release_.push_back(part);
      if (dot == std::string_view::npos) return v;
      start = dot + 1;
    }
  }
  using namespace patterns;
  rx::Match m;
  if (!rx::match(version(), text, 0, kVersionGroups, m)) {
    if (error) *error = "invalid version " + text::quote_for_message(text);
    return std::nullopt;
  }
  Version v;
  auto number = [&](std::string_view digits, std::uint64_t& out) {
    if (parse_number(digits, out)) return true;
    if (error) *error = "number too large in version " + text::quote_for_message(text);
    return false;
  };
  if (m.has(kEpoch) && !number(m.get(text, kEpoch), v.epoch_)) return std::nullopt;
  std::string_view release = m.get(text, kRelease);
  for (std::size_t start = 0;;) {
    std::size_t dot = release.find('.', start);
    std::uint64_t part = 0;
    if (!number(release.substr(start, dot - start), part)) return std::nullopt;
    v.release_.push_back(part);
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  auto segment = [&](int letter_group, std::string_view digits, std::optional<Segment>& out) {
    Segment s;
    s.letter = letter_group ? normalize_letter(text::python_lower(m.get(text, letter_group))) : "post";
    if (!digits.empty() && !number(digits, s.number)) return false;
    out = std::move(s);
    return true;
  };
  if (m.has(kPreLetter) && !segment(kPreLetter, m.get(text, kPreNumber), v.pre_)) return std::nullopt;
  if (m.has(kPostLetter)) {
    if (!segment(kPostLetter, m.get(text, kPostNumber2), v.post_)) return std::nullopt;
  } else if (m.has(kPostNumber1)) {  // the implicit post release of "1.0-1"
    if (!segment(0, m.get(text, kPostNumber1), v.post_)) return std::nullopt;
  }
  if (m.has(kDevLetter) && !segment(kDevLetter, m.get(text, kDevNumber), v.dev_)) return std::nullopt;
  if (m.has(kLocal)) {
    std::vector<LocalPart> parts;
    std::string_view local = m.get(text, kLocal);
    std::size_t start = 0;
    for (std::size_t i = 0; i <= local.size(); ++i) {
      if (i < local.size() && !is_separator(static_cast<unsigned char>(local[i]))) continue;
      std::string_view piece = local.substr(start, i - start);
      LocalPart part;
      part.numeric = all_ascii_digits(piece);
      part.text = part.numeric ? strip_leading_zeros(piece) : text::python_lower(piece);
      parts.push_back(std::move(part));
      start = i + 1;
    }
    v.local_ = std::move(parts);
  }
  return v;
}

std::string Version::local_str() const {
  std::string out;
  if (!local_) return out;
  for (const auto& part : *local_) {
    if (!out.empty()) out += '.';
    out += part.text;
  }
  return out;
}

std::string Version::str() const {
  std::string out;
  if (epoch_ != 0) out += std::to_string(epoch_) + "!";
  for (std::size_t i = 0; i < release_.size(); ++i) {
    if (i) out += '.';
    out += std::to_string(release_[i]);
  }
  if (pre_) out += pre_->letter + std::to_string(pre_->number);
  if (post_) out += ".post" + std::to_string(post_->number);
  if (dev_) out += ".dev" + std::to_string(dev_->number);
  if (local_) out += "+" + local_str();
  return out;
}

Version Version::public_version() const {
  Version v = *this;
  v.local_.reset();
  return v;
}

Version Version::base_version() const {
  Version v;
  v.epoch_ = epoch_;
  v.release_ = release_;
  return v;
}

std::strong_ordering operator<=>(const Version& a, const Version& b) {
  if (auto c = a.epoch_ <=> b.epoch_; c != 0) return c;
  // Releases compare without their trailing zeros: 1.0 == 1.0.0.
  auto significant = [](const std::vector<std::uint64_t>& r) {
    std::size_t n = r.size();
    while (n > 0 && r[n - 1] == 0) --n;
    return n;
  };
  std::size_t na = significant(a.release_), nb = significant(b.release_);
  for (std::size_t i = 0; i < std::min(na, nb); ++i)
    if (auto c = a.release_[i] <=> b.release_[i]; c != 0) return c;
  if (na != nb) return na <=> nb;
  // A dev release with neither pre nor post part sorts before the pre-releases
  // (1.0.dev0 < 1.0a0); a version without pre part sorts after those with one.
  auto pre_key = [](const Version& v) {
    if (!v.pre_ && !v.post_ && v.dev_) return KeyPart{-1};
    if (!v.pre_) return KeyPart{1};
    return KeyPart{0, &*v.pre_};
  };
  if (auto c = compare_parts(pre_key(a), pre_key(b)); c != 0) return c;
  auto post_key = [](const Version& v) { return v.post_ ? KeyPart{0, &*v.post_} : KeyPart{-1}; };
  if (auto c = compare_parts(post_key(a), post_key(b)); c != 0) return c;
  auto dev_key = [](const Version& v) { return v.dev_ ? KeyPart{0, &*v.dev_} : KeyPart{1}; };
  if (auto c = compare_parts(dev_key(a), dev_key(b)); c != 0) return c;
  // No local part sorts first; numeric parts sort after alphanumeric ones.
  if (!a.local_ || !b.local_) return a.local_.has_value() <=> b.local_.has_value();
  const auto &la = *a.local_, &lb = *b.local_;
  for (std::size_t i = 0; i < std::min(la.size(), lb.size()); ++i) {
    if (la[i].numeric != lb[i].numeric) return la[i].numeric <=> lb[i].numeric;
    int c = la[i].numeric ? compare_numbers(la[i].text, lb[i].text) : la[i].text.compare(lb[i].text);
    if (c != 0) return c < 0 ? std::strong_ordering::less : std::strong_ordering::greater;
  }
  return la.size() <=> lb.size();
}

std::string canonicalize_version(std::string_view text, bool strip_trailing_zero) {
  auto v = Version::parse(text);
  if (!v) return std::string(text);
  std::string out;
  if (v->epoch() != 0) out += std::to_string(v->epoch()) + "!";
  std::size_t n = v->release().size();
  if (strip_trailing_zero)
    while (n > 1 && v->release()[n - 1] == 0) --n;
  for (std::size_t i = 0; i < n; ++i) {
    if (i) out += '.';
    out += std::to_string(v->release()[i]);
  }
  if (v->pre()) out += v->pre()->letter + std::to_string(v->pre()->number);
  if (v->post()) out += ".post" + std::to_string(v->post()->number);
  if (v->dev()) out += ".dev" + std::to_string(v->dev()->number);
  if (v->local()) out += "+" + v->local_str();
  return out;
}

namespace {

// packaging's _version_split: dot-separated parts, with "1rc2" taken as "1", "rc2".
std::vector<std::string> version_split(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    std::size_t dot = text.find('.', start);
    std::string_view item = text.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    std::size_t d = 0;
    while (d < item.size() && item[d] >= '0' && item[d] <= '9') ++d;
    std::string_view rest = item.substr(d);
    std::size_t label = rest.starts_with("rc") ? 2 : (!rest.empty() && (rest[0] == 'a' || rest[0] == 'b' || rest[0] == 'c')) ? 1 : 0;
    if (d > 0 && label > 0 && all_ascii_digits(rest.substr(label))) {
      out.emplace_back(item.substr(0, d));
      out.emplace_back(rest);
    } else {
      out.emplace_back(item);
    }
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return out;
}

bool is_not_suffix(const std::string& part) {
  for (const char* prefix : {"dev", "a", "b", "rc", "post"})
    if (std::string_view(part).starts_with(prefix)) return false;
  return true;
}

bool is_release_number(const std::string& s) { return all_ascii_digits(s); }

// "==X.*": compare dot-separated parts of the canonical forms, the candidate padded with
// zeros in its release part and cut to the length of the prefix.
bool prefix_matches(const Version& candidate, std::string_view prefix) {
  std::vector<std::string> spec = version_split(canonicalize_version(prefix, false));
  std::vector<std::string> have = version_split(canonicalize_version(candidate.public_version().str()));
  auto release_length = [](const std::vector<std::string>& parts) {
    std::size_t n = 0;
    while (n < parts.size() && is_release_number(parts[n])) ++n;
    return n;
  };
  std::size_t have_release = release_length(have), spec_release = release_length(spec);
  if (spec_release > have_release)
    have.insert(have.begin() + static_cast<std::ptrdiff_t>(have_release), spec_release - have_release, "0");
  if (have.size() > spec.size()) have.resize(spec.size());
  return have == spec;
}

bool equal_to(const Version& candidate, std::string_view spec) {
  if (spec.ends_with(".*")) return prefix_matches(candidate, spec.substr(0, spec.size() - 2));
  auto wanted = Version::parse(spec);
  if (!wanted) return false;
  // Without a local part in the specifier, the candidate's local part is ignored.
  if (!wanted->has_local()) return candidate.public_version() == *wanted;
  return candidate == *wanted;
}

}  // namespace

std::optional<Specifier> Specifier::parse(std::string_view text, std::string* error) {
  static const rx::Pattern anchored =
      rx::seq({rx::repeat(rx::cls(patterns::is_space), 0), patterns::specifier(),
               rx::repeat(rx::cls(patterns::is_space), 0), rx::end_of_text()});
  rx::Match m;
  if (!rx::match(anchored, text, 0, 2, m)) {
    if (error) *error = "invalid specifier " + text::quote_for_message(text);
    return std::nullopt;
  }
  Specifier s;
  s.op_ = std::string(m.get(text, 1));
  s.version_ = std::string(text::python_strip(m.get(text, 2)));
  if (s.op_ != "===") {
    // The pattern admits exactly what Version parses, except numbers beyond 64 bits.
    std::string_view version = s.version_;
    if (version.ends_with(".*")) version.remove_suffix(2);
    std::string why;
    if (!Version::parse(version, &why)) {
      if (error) *error = why + " in specifier " + text::quote_for_message(text);
      return std::nullopt;
    }
  }
  return s;
}

bool Specifier::admits_prereleases() const {
  if (op_ != "==" && op_ != ">=" && op_ != "<=" && op_ != "~=" && op_ != "===") return false;
  std::string_view text = version_;
  if (op_ == "==" && text.ends_with(".*")) text.remove_suffix(2);
  auto v = Version::parse(text);
  return v && v->is_prerelease();
}

bool Specifier::contains(const Version& v, std::optional<bool> prereleases) const {
  if (v.is_prerelease() && !prereleases.value_or(admits_prereleases())) return false;
  return matches(v);
}

bool Specifier::matches(const Version& v) const {
  if (op_ == "===") return text::python_lower(v.str()) == text::python_lower(version_);
  if (op_ == "==") return equal_to(v, version_);
  if (op_ == "!=") return !equal_to(v, version_);
  auto spec = Version::parse(version_);
  if (!spec) return false;
  if (op_ == "<=") return v.public_version() <= *spec;
  if (op_ == ">=") return v.public_version() >= *spec;
  if (op_ == "<") {
    // "<3.1" does not admit 3.1's own pre-releases unless it names a pre-release itself.
    if (!(v < *spec)) return false;
    return spec->is_prerelease() || !v.is_prerelease() || v.base_version() != spec->base_version();
  }
  if (op_ == ">") {
    // ">3.1" admits neither 3.1's post releases (unless it names one) nor its local versions.
    if (!(v > *spec)) return false;
    if (!spec->is_postrelease() && v.is_postrelease() && v.base_version() == spec->base_version()) return false;
    return !(v.has_local() && v.base_version() == spec->base_version());
  }
  if (op_ == "~=") {
    // ~=X.Y.Z is >=X.Y.Z together with ==X.Y.*, suffixes of the text ignored.
    std::vector<std::string> parts = version_split(version_);
    std::size_t keep = 0;
    while (keep < parts.size() && is_not_suffix(parts[keep])) ++keep;
    std::string prefix;
    for (std::size_t i = 0; i + 1 < keep; ++i) {
      if (i) prefix += '.';
      prefix += parts[i];
    }
    return v.public_version() >= *spec && prefix_matches(v, prefix);
  }
  return false;
}

std::string Specifier::canonical_key() const {
  return op_ + std::string(1, '\0') + canonicalize_version(version_, op_ != "~=");
}

std::optional<SpecifierSet> SpecifierSet::parse(std::string_view text, std::string* error) {
  SpecifierSet set;
  std::vector<std::string> keys;
  std::size_t start = 0;
  for (;;) {
    std::size_t comma = text.find(',', start);
    std::string_view clause = text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    std::string_view stripped = text::python_strip(clause);
    if (!stripped.empty()) {
      std::string why;
      auto spec = Specifier::parse(stripped, &why);
      if (!spec) {
        if (error)
          *error = why + " at byte " + std::to_string(start + static_cast<std::size_t>(stripped.data() - clause.data()));
        return std::nullopt;
      }
      std::string key = spec->canonical_key();
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
        keys.push_back(std::move(key));
        set.specifiers_.push_back(std::move(*spec));
      }
    }
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return set;
}

std::optional<bool> SpecifierSet::admits_prereleases() const {
  if (specifiers_.empty()) return std::nullopt;
  return std::any_of(specifiers_.begin(), specifiers_.end(), [](const Specifier& s) { return s.admits_prereleases(); });
}

bool SpecifierSet::contains(const Version& v, std::optional<bool> prereleases) const {
  std::optional<bool> allow = prereleases ? prereleases : admits_prereleases();
  if (v.is_prerelease() && !allow.value_or(false)) return false;
  return std::all_of(specifiers_.begin(), specifiers_.end(), [&](const Specifier& s) { return s.contains(v, allow); });
}

std::vector<Version> SpecifierSet::filter(const std::vector<Version>& candidates, std::optional<bool> prereleases) const {
  std::optional<bool> allow = prereleases ? prereleases : admits_prereleases();
  std::vector<Version> out;
  if (!specifiers_.empty()) {
    for (const auto& v : candidates)
      if (std::all_of(specifiers_.begin(), specifiers_.end(),
                      [&](const Specifier& s) { return s.contains(v, allow.value_or(false)); }))
        out.push_back(v);
    return out;
  }
  // No clause: final releases, or the pre-releases when nothing else is there and the
  // caller did not say.
  std::vector<Version> prereleases_found;
  for (const auto& v : candidates) {
    if (v.is_prerelease() && !allow.value_or(false)) {
      if (out.empty()) prereleases_found.push_back(v);
    } else {
      out.push_back(v);
    }
  }
  if (out.empty() && !allow.has_value()) return prereleases_found;
  return out;
}

std::optional<Version> SpecifierSet::pinned() const {
  if (specifiers_.size() != 1) return std::nullopt;
  const Specifier& s = specifiers_[0];
  if ((s.op() == "==" && !std::string_view(s.version_text()).ends_with(".*")) || s.op() == "===")
    return Version::parse(s.version_text());
  return std::nullopt;
}

std::string SpecifierSet::str() const {
  std::vector<std::string> parts;
  for (const auto& s : specifiers_) parts.push_back(s.str());
  std::sort(parts.begin(), parts.end());
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += ',';
    out += p;
  }
  return out;
}

std::string normalize_name(std::string_view name) {
  std::string collapsed;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (name[i] == '-' || name[i] == '_' || name[i] == '.') {
      while (i + 1 < name.size() && (name[i + 1] == '-' || name[i + 1] == '_' || name[i + 1] == '.')) ++i;
      collapsed += '-';
    } else {
      collapsed += name[i];
    }
  }
  return text::python_lower(collapsed);
}

}  // namespace aegis::deps
