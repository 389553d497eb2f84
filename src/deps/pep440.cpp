#include "deps/pep440.h"

#include <algorithm>
#include <set>

namespace aegis::deps {
namespace {

// Python's str.isspace() for the ASCII range (what `\s` matches there).
bool is_space(char c) {
  return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\x1c' && c <= '\x1f');
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z'); }
bool is_separator(char c) { return c == '-' || c == '_' || c == '.'; }

std::string_view strip(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string without_leading_zeros(std::string_view digits) {
  std::size_t i = 0;
  while (i + 1 < digits.size() && digits[i] == '0') ++i;
  return std::string(digits.substr(i));
}

// Decimal strings without leading zeros compare by length, then text.
int compare_numbers(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

std::uint64_t saturate(const std::string& digits) {
  if (digits.size() > 20) return UINT64_MAX;
  std::uint64_t v = 0;
  for (char c : digits) {
    std::uint64_t d = static_cast<std::uint64_t>(c - '0');
    if (v > (UINT64_MAX - d) / 10) return UINT64_MAX;
    v = v * 10 + d;
  }
  return v;
}

struct Cursor {
  std::string_view s;
  std::size_t at = 0;
  bool done() const { return at >= s.size(); }
  char peek(std::size_t ahead = 0) const { return at + ahead < s.size() ? s[at + ahead] : '\0'; }
  bool take(std::string_view word) {
    if (s.substr(at, word.size()) == word) {
      at += word.size();
      return true;
    }
    return false;
  }
  bool take_separator() {
    if (is_separator(peek())) {
      ++at;
      return true;
    }
    return false;
  }
  std::string_view digits() {
    std::size_t start = at;
    while (is_digit(peek())) ++at;
    return s.substr(start, at - start);
  }
};

// `_version_split` of packaging.specifiers: dots, plus an implicit split between a
// release number and a pre-release ("1rc1" -> "1", "rc1").
std::vector<std::string> version_split(std::string_view version) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = version.find('.', start);
    std::string_view item = version.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    // ^([0-9]+)((?:a|b|c|rc)[0-9]+)$
    std::size_t i = 0;
    while (i < item.size() && is_digit(item[i])) ++i;
    bool split = false;
    if (i > 0 && i < item.size()) {
      std::string_view rest = item.substr(i);
      std::size_t letters = rest.substr(0, 2) == "rc" ? 2 : (rest[0] == 'a' || rest[0] == 'b' || rest[0] == 'c') ? 1 : 0;
      if (letters > 0 && rest.size() > letters &&
          std::all_of(rest.begin() + static_cast<long>(letters), rest.end(), is_digit)) {
        out.emplace_back(item.substr(0, i));
        out.emplace_back(rest);
        split = true;
      }
    }
    if (!split) out.emplace_back(item);
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return out;
}

bool is_not_suffix(const std::string& segment) {
  for (std::string_view prefix : {"dev", "a", "b", "rc", "post"}) {
    if (segment.rfind(prefix, 0) == 0) return false;
  }
  return true;
}

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), is_digit);
}

}  // namespace

std::optional<Version> Version::parse(std::string_view text) {
  std::string lowered = lower(strip(text));
  Cursor c{lowered};
  Version v;
  c.take("v");
  // Epoch: digits followed by '!'.
  std::size_t mark = c.at;
  std::string_view number = c.digits();
  if (!number.empty() && c.peek() == '!') {
    v.epoch_ = without_leading_zeros(number);
    ++c.at;
    number = c.digits();
  } else if (number.empty()) {
    c.at = mark;
  }
  if (number.empty()) return std::nullopt;
  v.release_.push_back(without_leading_zeros(number));
  while (c.peek() == '.' && is_digit(c.peek(1))) {
    ++c.at;
    v.release_.push_back(without_leading_zeros(c.digits()));
  }
  // Pre-release: [-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?[0-9]*
  mark = c.at;
  c.take_separator();
  static constexpr std::pair<std::string_view, int> kPre[] = {
      {"preview", 3}, {"alpha", 1}, {"beta", 2}, {"pre", 3}, {"rc", 3}, {"a", 1}, {"b", 2}, {"c", 3}};
  bool found = false;
  for (const auto& [word, kind] : kPre) {
    if (c.take(word)) {
      v.pre_kind_ = kind;
      found = true;
      break;
    }
  }
  if (found) {
    std::size_t before = c.at;
    c.take_separator();
    std::string_view n = c.digits();
    if (n.empty()) c.at = before + (c.at > before ? 1 : 0);  // a separator alone is allowed
    v.pre_number_ = n.empty() ? "0" : without_leading_zeros(n);
  } else {
    c.at = mark;
  }
  // Post-release: -N, or [-_.]?(post|rev|r)[-_.]?[0-9]*
  mark = c.at;
  if (c.peek() == '-' && is_digit(c.peek(1))) {
    ++c.at;
    v.has_post_ = true;
    v.post_number_ = without_leading_zeros(c.digits());
  } else {
    c.take_separator();
    if (c.take("post") || c.take("rev") || c.take("r")) {
      v.has_post_ = true;
      c.take_separator();
      std::string_view n = c.digits();
      v.post_number_ = n.empty() ? "0" : without_leading_zeros(n);
    } else {
      c.at = mark;
    }
  }
  // Development release: [-_.]?dev[-_.]?[0-9]*
  mark = c.at;
  c.take_separator();
  if (c.take("dev")) {
    v.has_dev_ = true;
    c.take_separator();
    std::string_view n = c.digits();
    v.dev_number_ = n.empty() ? "0" : without_leading_zeros(n);
  } else {
    c.at = mark;
  }
  // Local version: +[a-z0-9]+([-_.][a-z0-9]+)*
  if (c.peek() == '+') {
    ++c.at;
    while (true) {
      std::size_t start = c.at;
      while (is_alnum(c.peek())) ++c.at;
      if (c.at == start) return std::nullopt;
      std::string part(lowered.substr(start, c.at - start));
      v.local_.push_back(all_digits(part) ? without_leading_zeros(part) : part);
      if (is_separator(c.peek()) && is_alnum(c.peek(1))) {
        ++c.at;
        continue;
      }
      break;
    }
  }
  if (!c.done()) return std::nullopt;
  return v;
}

std::string Version::base_str() const {
  std::string out;
  if (epoch_ != "0") out += epoch_ + "!";
  for (std::size_t i = 0; i < release_.size(); ++i) {
    if (i) out += '.';
    out += release_[i];
  }
  return out;
}

std::string Version::public_str() const {
  std::string out = base_str();
  if (pre_kind_) out += std::string(pre_kind_ == 1 ? "a" : pre_kind_ == 2 ? "b" : "rc") + pre_number_;
  if (has_post_) out += ".post" + post_number_;
  if (has_dev_) out += ".dev" + dev_number_;
  return out;
}

std::string Version::str() const {
  std::string out = public_str();
  for (std::size_t i = 0; i < local_.size(); ++i) out += (i ? "." : "+") + local_[i];
  return out;
}

std::uint64_t Version::epoch() const { return saturate(epoch_); }

std::vector<std::uint64_t> Version::release() const {
  std::vector<std::uint64_t> out;
  for (const auto& r : release_) out.push_back(saturate(r));
  return out;
}

Version Version::public_version() const {
  Version v = *this;
  v.local_.clear();
  return v;
}

Version Version::base_version() const {
  Version v;
  v.epoch_ = epoch_;
  v.release_ = release_;
  return v;
}

std::strong_ordering Version::compare(const Version& a, const Version& b) {
  auto order = [](int c) { return c < 0 ? std::strong_ordering::less : c > 0 ? std::strong_ordering::greater : std::strong_ordering::equal; };
  if (int c = compare_numbers(a.epoch_, b.epoch_)) return order(c);
  // Release, trailing zeros ignored (1.0 == 1.0.0).
  std::size_t n = std::max(a.release_.size(), b.release_.size());
  static const std::string kZero = "0";
  for (std::size_t i = 0; i < n; ++i) {
    const std::string& x = i < a.release_.size() ? a.release_[i] : kZero;
    const std::string& y = i < b.release_.size() ? b.release_[i] : kZero;
    if (int c = compare_numbers(x, y)) return order(c);
  }
  // Pre-release: a dev release of a final version sorts before its pre-releases; a
  // version without pre-release after all of them.
  auto pre_rank = [](const Version& v) {
    if (!v.pre_kind_ && !v.has_post_ && v.has_dev_) return -1;
    if (!v.pre_kind_) return 4;
    return v.pre_kind_;
  };
  int pa = pre_rank(a), pb = pre_rank(b);
  if (pa != pb) return order(pa < pb ? -1 : 1);
  if (a.pre_kind_ && b.pre_kind_) {
    if (int c = compare_numbers(a.pre_number_, b.pre_number_)) return order(c);
  }
  // Post-release: none sorts first.
  if (a.has_post_ != b.has_post_) return order(a.has_post_ ? 1 : -1);
  if (a.has_post_) {
    if (int c = compare_numbers(a.post_number_, b.post_number_)) return order(c);
  }
  // Dev release: none sorts last.
  if (a.has_dev_ != b.has_dev_) return order(a.has_dev_ ? -1 : 1);
  if (a.has_dev_) {
    if (int c = compare_numbers(a.dev_number_, b.dev_number_)) return order(c);
  }
  // Local: none sorts first; numeric parts above alphanumeric ones; shorter first.
  if (a.local_.empty() != b.local_.empty()) return order(a.local_.empty() ? -1 : 1);
  std::size_t m = std::min(a.local_.size(), b.local_.size());
  for (std::size_t i = 0; i < m; ++i) {
    const std::string& x = a.local_[i];
    const std::string& y = b.local_[i];
    bool xn = all_digits(x), yn = all_digits(y);
    if (xn != yn) return order(xn ? 1 : -1);
    int c = xn ? compare_numbers(x, y) : (x < y ? -1 : x > y ? 1 : 0);
    if (c) return order(c);
  }
  if (a.local_.size() != b.local_.size()) return order(a.local_.size() < b.local_.size() ? -1 : 1);
  return std::strong_ordering::equal;
}

std::string canonicalize_version(std::string_view text, bool strip_trailing_zero) {
  auto v = Version::parse(text);
  if (!v) return std::string(text);
  std::string release = v->base_str();
  std::string epoch;
  if (std::size_t bang = release.find('!'); bang != std::string::npos) {
    epoch = release.substr(0, bang + 1);
    release = release.substr(bang + 1);
  }
  if (strip_trailing_zero) {
    while (release.size() >= 2 && release.compare(release.size() - 2, 2, ".0") == 0) release.resize(release.size() - 2);
  }
  std::string full = v->str();
  std::string base = v->base_str();
  return epoch + release + full.substr(base.size());
}

std::string normalize_name(std::string_view name) {
  std::string out;
  bool pending = false;
  for (char c : name) {
    if (c == '-' || c == '_' || c == '.') {
      pending = true;
      continue;
    }
    if (pending && !out.empty()) out += '-';
    pending = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  if (pending) out += '-';
  return out;
}

// --- Specifiers.

namespace {

// The version part a clause with `op` accepts (packaging's _version_regex_str), checked
// on the lower-cased text after the operator and whitespace.
bool valid_clause_version(const std::string& op, std::string_view version) {
  if (op == "===") {
    return std::none_of(version.begin(), version.end(), [](char c) { return is_space(c) || c == ';' || c == ')'; });
  }
  std::string s = lower(version);
  bool wildcard = false;
  if ((op == "==" || op == "!=") && s.size() >= 2 && s.compare(s.size() - 2, 2, ".*") == 0) {
    s.resize(s.size() - 2);
    wildcard = true;
  }
  auto v = Version::parse(s);
  if (!v || s.empty() || is_space(s.front()) || is_space(s.back())) return false;
  if (wildcard) {
    // Only v?, epoch and release before ".*".
    std::string_view rest = s;
    if (!rest.empty() && rest[0] == 'v') rest.remove_prefix(1);
    return std::all_of(rest.begin(), rest.end(), [](char c) { return is_digit(c) || c == '.' || c == '!'; });
  }
  if (op != "==" && op != "!=" && v->has_local()) return false;
  if (op == "~=" && v->release().size() < 2) return false;
  return true;
}

}  // namespace

std::optional<Specifier> Specifier::parse(std::string_view text, std::string* error) {
  std::string_view s = strip(text);
  Specifier spec;
  for (std::string_view op : {"===", "~=", "==", "!=", "<=", ">=", "<", ">"}) {
    if (s.substr(0, op.size()) == op) {
      spec.op_ = std::string(op);
      s.remove_prefix(op.size());
      break;
    }
  }
  if (spec.op_.empty()) {
    if (error) *error = "expected a version operator (==, !=, <=, >=, <, >, ~=, ===) in '" + std::string(strip(text)) + "'";
    return std::nullopt;
  }
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  if (!valid_clause_version(spec.op_, s) || s.empty()) {
    if (error) *error = "invalid version '" + std::string(s) + "' after '" + spec.op_ + "'";
    return std::nullopt;
  }
  spec.version_ = std::string(s);
  return spec;
}

bool Specifier::prereleases() const {
  if (op_ == "==" || op_ == ">=" || op_ == "<=" || op_ == "~=" || op_ == "===") {
    std::string_view version = version_;
    if (op_ == "==" && version.size() >= 2 && version.substr(version.size() - 2) == ".*") {
      version.remove_suffix(2);
    }
    auto v = Version::parse(version);
    if (v && v->is_prerelease()) return true;
  }
  return false;
}

std::string Specifier::canonical() const {
  if (op_ == "===") return op_ + version_;
  if (version_.size() >= 2 && version_.compare(version_.size() - 2, 2, ".*") == 0) return op_ + version_;
  return op_ + canonicalize_version(version_, op_ != "~=");
}

namespace {

bool compare_equal(const Version& prospective, const std::string& spec) {
  if (spec.size() >= 2 && spec.compare(spec.size() - 2, 2, ".*") == 0) {
    std::vector<std::string> split_spec = version_split(canonicalize_version(spec.substr(0, spec.size() - 2), false));
    std::vector<std::string> split_prospective = version_split(canonicalize_version(prospective.public_str()));
    // Pad the prospective release with zeros to the spec's release length.
    auto release_length = [](const std::vector<std::string>& parts) {
      std::size_t n = 0;
      while (n < parts.size() && all_digits(parts[n])) ++n;
      return n;
    };
    std::size_t left = release_length(split_prospective), right = release_length(split_spec);
    if (right > left) split_prospective.insert(split_prospective.begin() + static_cast<long>(left), right - left, "0");
    if (split_prospective.size() > split_spec.size()) split_prospective.resize(split_spec.size());
    return split_prospective == split_spec;
  }
  auto spec_version = Version::parse(spec);
  if (!spec_version) return false;
  if (!spec_version->has_local()) return prospective.public_version() == *spec_version;
  return prospective == *spec_version;
}

}  // namespace

bool Specifier::admits(const Version& v) const {
  if (op_ == "===") return lower(v.str()) == lower(version_);
  if (op_ == "==") return compare_equal(v, version_);
  if (op_ == "!=") return !compare_equal(v, version_);
  if (op_ == "~=") {
    std::vector<std::string> parts = version_split(version_);
    std::vector<std::string> kept;
    for (const auto& p : parts) {
      if (!is_not_suffix(p)) break;
      kept.push_back(p);
    }
    if (!kept.empty()) kept.pop_back();
    std::string prefix;
    for (std::size_t i = 0; i < kept.size(); ++i) prefix += (i ? "." : "") + kept[i];
    prefix += ".*";
    auto spec = Version::parse(version_);
    return spec && v.public_version() >= *spec && compare_equal(v, prefix);
  }
  auto spec = Version::parse(version_);
  if (!spec) return false;
  if (op_ == "<=") return v.public_version() <= *spec;
  if (op_ == ">=") return v.public_version() >= *spec;
  if (op_ == "<") {
    if (!(v < *spec)) return false;
    if (!spec->is_prerelease() && v.is_prerelease() && v.base_version() == spec->base_version()) return false;
    return true;
  }
  if (op_ == ">") {
    if (!(v > *spec)) return false;
    if (!spec->is_postrelease() && v.is_postrelease() && v.base_version() == spec->base_version()) return false;
    if (v.has_local() && v.base_version() == spec->base_version()) return false;
    return true;
  }
  return false;
}

bool Specifier::contains(const Version& v, std::optional<bool> prereleases) const {
  bool allow = prereleases.value_or(this->prereleases());
  if (v.is_prerelease() && !allow) return false;
  return admits(v);
}

std::optional<SpecifierSet> SpecifierSet::parse(std::string_view text, std::string* error) {
  SpecifierSet set;
  std::set<std::string> seen;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    std::string_view clause = strip(text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (!clause.empty()) {
      auto spec = Specifier::parse(clause, error);
      if (!spec) return std::nullopt;
      if (seen.insert(spec->canonical()).second) set.specifiers_.push_back(std::move(*spec));
    }
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return set;
}

std::optional<bool> SpecifierSet::prereleases() const {
  if (specifiers_.empty()) return std::nullopt;
  return std::any_of(specifiers_.begin(), specifiers_.end(), [](const Specifier& s) { return s.prereleases(); });
}

bool SpecifierSet::contains(const Version& v, std::optional<bool> prereleases) const {
  std::optional<bool> allow = prereleases ? prereleases : this->prereleases();
  if (!allow.value_or(false) && v.is_prerelease()) return false;
  return std::all_of(specifiers_.begin(), specifiers_.end(),
                     [&](const Specifier& s) { return s.contains(v, allow.value_or(false)); });
}

std::vector<Version> SpecifierSet::filter(const std::vector<Version>& candidates, std::optional<bool> prereleases) const {
  std::optional<bool> allow = prereleases ? prereleases : this->prereleases();
  if (!specifiers_.empty()) {
    std::vector<Version> items = candidates;
    for (const Specifier& spec : specifiers_) {
      // Specifier.filter with prereleases=bool(allow): an undecided set admits none.
      bool explicit_allow = allow.value_or(false);
      std::vector<Version> kept, found_prereleases;
      for (const Version& v : items) {
        if (!spec.contains(v, explicit_allow)) continue;
        if (v.is_prerelease() && !(explicit_allow || spec.prereleases())) {
          found_prereleases.push_back(v);
        } else {
          kept.push_back(v);
        }
      }
      items = kept.empty() ? found_prereleases : kept;
    }
    return items;
  }
  std::vector<Version> filtered, found_prereleases;
  for (const Version& v : candidates) {
    if (v.is_prerelease() && !allow.value_or(false)) {
      if (filtered.empty()) found_prereleases.push_back(v);
    } else {
      filtered.push_back(v);
    }
  }
  if (filtered.empty() && !found_prereleases.empty() && !allow.has_value()) return found_prereleases;
  return filtered;
}

std::optional<Version> SpecifierSet::pinned() const {
  if (specifiers_.size() != 1) return std::nullopt;
  const Specifier& s = specifiers_[0];
  if (s.op() != "==" && s.op() != "===") return std::nullopt;
  const std::string& text = s.version_text();
  if (text.size() >= 2 && text.compare(text.size() - 2, 2, ".*") == 0) return std::nullopt;
  return Version::parse(text);
}

std::string SpecifierSet::str() const {
  std::vector<std::string> parts;
  for (const auto& s : specifiers_) parts.push_back(s.str());
  std::sort(parts.begin(), parts.end());
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? "," : "") + parts[i];
  return out;
}

}  // namespace aegis::deps
