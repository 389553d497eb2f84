// Unicode facts for the front end, over the tables tools/gen_unicode.py generates from
// CPython 3.12's unicodedata. The algorithms mirror CPython's where CPython deviates
// from a plain reading of the standard (\N{} name matching), and UAX #15 for NFKC.
#include "python/unicode.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#include "python/unicode_tables.h"

namespace aegis::py::unicode {
namespace {

using tables::CodeRange;

// Bit c of the mask is set for the ASCII characters that pass the test.
constexpr std::uint64_t ascii_mask(bool digits, int half) {
  std::uint64_t mask = 0;
  for (int c = half * 64; c < half * 64 + 64; ++c) {
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    bool digit = c >= '0' && c <= '9';
    if (letter || (digits && digit)) mask |= std::uint64_t{1} << (c - half * 64);
  }
  return mask;
}
constexpr std::uint64_t kStartLo = ascii_mask(false, 0), kStartHi = ascii_mask(false, 1);
constexpr std::uint64_t kContLo = ascii_mask(true, 0), kContHi = ascii_mask(true, 1);

bool ascii_in(std::uint64_t lo, std::uint64_t hi, char32_t c) {
  return (((c < 64) ? lo : hi) >> (c & 63)) & 1;
}

bool in_ranges(const CodeRange* ranges, std::size_t count, char32_t c) {
  // First range whose last code point is >= c.
  const CodeRange* it = std::lower_bound(
      ranges, ranges + count, c, [](const CodeRange& r, char32_t v) { return r.last < v; });
  return it != ranges + count && it->first <= c;
}

// ---- Hangul (Unicode chapter 3.12) ----
constexpr char32_t kSBase = 0xAC00, kLBase = 0x1100, kVBase = 0x1161, kTBase = 0x11A7;
constexpr int kLCount = 19, kVCount = 21, kTCount = 28;
constexpr int kNCount = kVCount * kTCount, kSCount = kLCount * kNCount;

bool is_hangul_syllable(char32_t c) { return c >= kSBase && c < kSBase + kSCount; }

// The jamo short names, in CPython's order (Jamo.txt).
constexpr const char* kJamoL[kLCount] = {"G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S",
                                         "SS", "", "J", "JJ", "C", "K", "T", "P", "H"};
constexpr const char* kJamoV[kVCount] = {"A", "AE", "YA", "YAE", "EO", "E", "YEO",
                                         "YE", "O", "WA", "WAE", "OE", "YO", "U",
                                         "WEO", "WE", "WI", "YU", "EU", "YI", "I"};
constexpr const char* kJamoT[kTCount] = {"",  "G",  "GG", "GS", "N",  "NJ", "NH",
                                         "D", "L",  "LG", "LM", "LB", "LS", "LT",
                                         "LP", "LH", "M", "B",  "BS", "S",  "SS",
                                         "NG", "J", "C",  "K",  "T",  "P",  "H"};

// CPython's find_syllable: the longest entry of the column that `rest` starts with
// (case-sensitive); -1 when none does. Advances `rest` past it.
int find_jamo(std::string_view& rest, const char* const* column, int count) {
  int best = -1;
  std::size_t best_len = 0;
  for (int i = 0; i < count; ++i) {
    std::size_t len = std::strlen(column[i]);
    if (best >= 0 && len <= best_len) continue;
    if (rest.substr(0, len) == column[i]) {
      best = i;
      best_len = len;
    }
  }
  if (best >= 0) rest.remove_prefix(best_len);
  return best;
}

std::optional<char32_t> lookup_hangul(std::string_view rest) {
  int l = find_jamo(rest, kJamoL, kLCount);
  int v = find_jamo(rest, kJamoV, kVCount);
  int t = find_jamo(rest, kJamoT, kTCount);
  if (l < 0 || v < 0 || t < 0 || !rest.empty()) return std::nullopt;
  return kSBase + char32_t((l * kVCount + v) * kTCount + t);
}

std::optional<char32_t> lookup_cjk(std::string_view digits) {
  // CPython wants four or five uppercase hex digits here.
  if (digits.size() != 4 && digits.size() != 5) return std::nullopt;
  char32_t v = 0;
  for (char d : digits) {
    if (d >= '0' && d <= '9') {
      v = v * 16 + char32_t(d - '0');
    } else if (d >= 'A' && d <= 'F') {
      v = v * 16 + char32_t(d - 'A' + 10);
    } else {
      return std::nullopt;
    }
  }
  if (!in_ranges(tables::kCjkUnifiedIdeographs, tables::kCjkUnifiedIdeographsCount, v)) {
    return std::nullopt;
  }
  return v;
}

const unsigned char* name_data() {
  return reinterpret_cast<const unsigned char*>(tables::kNameData);
}

// The name stored at a bucket head (its prefix length is always 0).
std::string_view bucket_head(std::size_t bucket) {
  const unsigned char* p = name_data() + tables::kNameBuckets[bucket];
  return {reinterpret_cast<const char*>(p + 2), p[1]};
}

std::optional<char32_t> lookup_table(std::string_view upper) {
  // The last bucket whose head is <= the name.
  std::size_t lo = 0, hi = tables::kNameBucketCount;
  while (lo < hi) {
    std::size_t mid = lo + (hi - lo) / 2;
    if (bucket_head(mid) <= upper) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  if (lo == 0) return std::nullopt;
  std::size_t bucket = lo - 1;
  const unsigned char* p = name_data() + tables::kNameBuckets[bucket];
  const unsigned char* end = name_data() + (bucket + 1 < tables::kNameBucketCount
                                                ? tables::kNameBuckets[bucket + 1]
                                                : tables::kNameDataSize);
  char current[256];
  while (p < end) {
    std::size_t common = p[0], suffix = p[1];
    std::memcpy(current + common, p + 2, suffix);
    p += 2 + suffix;
    std::size_t len = common + suffix;
    if (std::string_view(current, len) == upper) {
      return char32_t(p[0]) << 16 | char32_t(p[1]) << 8 | char32_t(p[2]);
    }
    p += 3;
  }
  return std::nullopt;
}

// ---- NFKC ----
const tables::NormRecord& norm_record(char32_t c) {
  if (c >= 0x110000) return tables::kNormRecords[0];
  std::uint32_t block = tables::kNormStage1[c >> tables::kNormBlockShift];
  std::uint32_t index =
      (block << tables::kNormBlockShift) | (c & ((1u << tables::kNormBlockShift) - 1));
  return tables::kNormRecords[tables::kNormStage2[index]];
}

std::uint8_t ccc_of(char32_t c) { return norm_record(c).ccc; }

std::optional<char32_t> compose_pair(char32_t first, char32_t second) {
  std::uint64_t key = std::uint64_t{first} << 21 | second;
  const std::uint64_t* begin = tables::kCompositionKeys;
  const std::uint64_t* end = begin + tables::kCompositionCount;
  const std::uint64_t* it = std::lower_bound(begin, end, key);
  if (it == end || *it != key) return std::nullopt;
  return tables::kCompositionValues[it - begin];
}

void decompose(char32_t c, std::vector<char32_t>& out) {
  if (is_hangul_syllable(c)) {
    int index = int(c - kSBase);
    out.push_back(kLBase + char32_t(index / kNCount));
    out.push_back(kVBase + char32_t((index % kNCount) / kTCount));
    if (index % kTCount) out.push_back(kTBase + char32_t(index % kTCount));
    return;
  }
  const tables::NormRecord& r = norm_record(c);
  if (r.length == 0) {
    out.push_back(c);
  } else {
    out.insert(out.end(), tables::kDecompositions + r.offset,
               tables::kDecompositions + r.offset + r.length);
  }
}

// Stable sort of each run of non-starters by combining class (insertion sort: runs
// are short).
void canonical_order(std::vector<char32_t>& seq) {
  for (std::size_t i = 1; i < seq.size(); ++i) {
    char32_t c = seq[i];
    std::uint8_t k = ccc_of(c);
    if (k == 0) continue;
    std::size_t j = i;
    while (j > 0) {
      std::uint8_t prev = ccc_of(seq[j - 1]);
      if (prev == 0 || prev <= k) break;
      seq[j] = seq[j - 1];
      --j;
    }
    seq[j] = c;
  }
}

void compose(std::vector<char32_t>& seq) {
  std::size_t out = 0;
  std::ptrdiff_t starter = -1;
  std::uint8_t last_ccc = 0;
  for (std::size_t i = 0; i < seq.size(); ++i) {
    char32_t c = seq[i];
    std::uint8_t k = ccc_of(c);
    if (starter >= 0) {
      bool adjacent = std::size_t(starter) + 1 == out;
      char32_t s = seq[starter];
      if (adjacent && s >= kLBase && s < kLBase + kLCount && c >= kVBase &&
          c < kVBase + kVCount) {
        seq[starter] = kSBase + char32_t(((s - kLBase) * kVCount + (c - kVBase)) * kTCount);
        continue;
      }
      if (adjacent && is_hangul_syllable(s) && (s - kSBase) % kTCount == 0 && c > kTBase &&
          c < kTBase + kTCount) {
        seq[starter] = s + (c - kTBase);
        continue;
      }
      bool blocked = !adjacent && (last_ccc == 0 || last_ccc >= k);
      if (!blocked) {
        if (auto composite = compose_pair(s, c)) {
          seq[starter] = *composite;
          continue;
        }
      }
    }
    if (k == 0) starter = std::ptrdiff_t(out);
    last_ccc = k;
    seq[out++] = c;
  }
  seq.resize(out);
}

}  // namespace

bool is_xid_start(char32_t c) {
  if (c < 128) return ascii_in(kStartLo, kStartHi, c);
  return in_ranges(tables::kXidStart, tables::kXidStartCount, c);
}

bool is_xid_continue(char32_t c) {
  if (c < 128) return ascii_in(kContLo, kContHi, c);
  return in_ranges(tables::kXidContinue, tables::kXidContinueCount, c);
}

bool is_printable(char32_t c) {
  if (c < 128) return c >= 0x20 && c < 0x7F;
  return in_ranges(tables::kPrintable, tables::kPrintableCount, c);
}

std::optional<char32_t> lookup_name(std::string_view name) {
  // The algorithmic prefixes are matched case-sensitively, as CPython's _getcode does;
  // a name that has one is never looked up in the table.
  constexpr std::string_view kHangul = "HANGUL SYLLABLE ";
  constexpr std::string_view kCjk = "CJK UNIFIED IDEOGRAPH-";
  if (name.starts_with(kHangul)) return lookup_hangul(name.substr(kHangul.size()));
  if (name.starts_with(kCjk)) return lookup_cjk(name.substr(kCjk.size()));
  // Table names are uppercase ASCII letters, digits, space and hyphen, at most 255 bytes.
  if (name.empty() || name.size() > 255) return std::nullopt;
  char upper[256];
  for (std::size_t i = 0; i < name.size(); ++i) {
    char ch = name[i];
    if (ch >= 'a' && ch <= 'z') ch = char(ch - 'a' + 'A');
    upper[i] = ch;
  }
  return lookup_table(std::string_view(upper, name.size()));
}

std::string nfkc(std::string_view utf8) {
  std::size_t i = 0;
  while (i < utf8.size() && static_cast<unsigned char>(utf8[i]) < 0x80) ++i;
  if (i == utf8.size()) return std::string(utf8);

  // Most non-ASCII identifiers are already normal: every character inert means no
  // decomposition, no reordering and no composition can happen.
  bool all_inert = true;
  for (std::size_t pos = i; pos < utf8.size() && all_inert;) {
    all_inert = norm_record(decode_utf8(utf8, pos)).inert;
  }
  if (all_inert) return std::string(utf8);

  std::vector<char32_t> seq;
  seq.reserve(utf8.size() * 2);
  for (std::size_t pos = 0; pos < utf8.size();) decompose(decode_utf8(utf8, pos), seq);
  canonical_order(seq);
  compose(seq);
  std::string out;
  out.reserve(utf8.size() + 8);
  for (char32_t c : seq) append_utf8(out, c);
  return out;
}

char32_t decode_utf8(std::string_view s, std::size_t& i) {
  std::size_t n = s.size();
  if (i >= n) {
    ++i;
    return 0xFFFD;
  }
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b0 = byte(i);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  auto cont = [&](std::size_t k) { return k < n && (byte(k) & 0xC0) == 0x80; };
  if (b0 >= 0xC2 && b0 < 0xE0) {
    if (cont(i + 1)) {
      char32_t c = char32_t(b0 & 0x1F) << 6 | (byte(i + 1) & 0x3F);
      i += 2;
      return c;
    }
  } else if (b0 >= 0xE0 && b0 < 0xF0) {
    // Surrogates (ED A0..BF xx) are accepted: generalised UTF-8.
    if (cont(i + 1) && cont(i + 2) && !(b0 == 0xE0 && byte(i + 1) < 0xA0)) {
      char32_t c = char32_t(b0 & 0x0F) << 12 | char32_t(byte(i + 1) & 0x3F) << 6 |
                   (byte(i + 2) & 0x3F);
      i += 3;
      return c;
    }
  } else if (b0 >= 0xF0 && b0 < 0xF5) {
    if (cont(i + 1) && cont(i + 2) && cont(i + 3) && !(b0 == 0xF0 && byte(i + 1) < 0x90) &&
        !(b0 == 0xF4 && byte(i + 1) >= 0x90)) {
      char32_t c = char32_t(b0 & 0x07) << 18 | char32_t(byte(i + 1) & 0x3F) << 12 |
                   char32_t(byte(i + 2) & 0x3F) << 6 | (byte(i + 3) & 0x3F);
      i += 4;
      return c;
    }
  }
  ++i;
  return 0xFFFD;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += char(c);
  } else if (c < 0x800) {
    out += char(0xC0 | (c >> 6));
    out += char(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += char(0xE0 | (c >> 12));
    out += char(0x80 | ((c >> 6) & 0x3F));
    out += char(0x80 | (c & 0x3F));
  } else if (c < 0x110000) {
    out += char(0xF0 | (c >> 18));
    out += char(0x80 | ((c >> 12) & 0x3F));
    out += char(0x80 | ((c >> 6) & 0x3F));
    out += char(0x80 | (c & 0x3F));
  } else {
    append_utf8(out, 0xFFFD);
  }
}

}  // namespace aegis::py::unicode
