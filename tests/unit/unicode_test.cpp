// Checks the Unicode tables against vectors that tools/gen_unicode.py computed with
// CPython 3.12 (tests/data/unicode/), plus hand-written cases of the edges.
#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "python/pyrepr.h"
#include "python/unicode.h"
#include "python/unicode_tables.h"

namespace {

namespace uc = aegis::py::unicode;

std::vector<std::string> read_vector_lines(const std::string& name) {
  std::ifstream in(std::string(AEGIS_SOURCE_DIR) + "/tests/data/unicode/" + name);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] != '#') lines.push_back(line);
  }
  return lines;
}

std::vector<char32_t> parse_hex_list(const std::string& text) {
  std::vector<char32_t> out;
  std::istringstream in(text);
  std::string item;
  while (in >> item) out.push_back(static_cast<char32_t>(std::stoul(item, nullptr, 16)));
  return out;
}

std::string utf8_of(const std::vector<char32_t>& cps) {
  std::string s;
  for (char32_t c : cps) uc::append_utf8(s, c);
  return s;
}

std::string hex_of(const std::string& utf8) {
  std::string out;
  for (std::size_t i = 0; i < utf8.size();) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%s%X", out.empty() ? "" : " ",
                  static_cast<unsigned>(uc::decode_utf8(utf8, i)));
    out += buf;
  }
  return out;
}

TEST(Unicode, PropertiesMatchCPython) {
  auto lines = read_vector_lines("property_vectors.txt");
  ASSERT_GT(lines.size(), 30000u);
  for (const std::string& line : lines) {
    unsigned cp = 0;
    int start = 0, cont = 0, printable = 0;
    ASSERT_EQ(std::sscanf(line.c_str(), "%X;%d;%d;%d", &cp, &start, &cont, &printable), 4);
    EXPECT_EQ(uc::is_xid_start(cp), start != 0) << line;
    EXPECT_EQ(uc::is_xid_continue(cp), cont != 0) << line;
    EXPECT_EQ(uc::is_printable(cp), printable != 0) << line;
  }
}

TEST(Unicode, IdentifierAsciiAndEdges) {
  EXPECT_TRUE(uc::is_xid_start('_'));
  EXPECT_TRUE(uc::is_xid_start('a'));
  EXPECT_TRUE(uc::is_xid_start('Z'));
  EXPECT_FALSE(uc::is_xid_start('0'));
  EXPECT_TRUE(uc::is_xid_continue('0'));
  EXPECT_FALSE(uc::is_xid_continue('$'));
  EXPECT_FALSE(uc::is_xid_continue(0x7F));
  EXPECT_TRUE(uc::is_xid_start(0x00E9));   // é
  EXPECT_TRUE(uc::is_xid_start(0x4E00));   // 一
  EXPECT_FALSE(uc::is_xid_start(0x0301));  // combining acute: continue only
  EXPECT_TRUE(uc::is_xid_continue(0x0301));
  EXPECT_TRUE(uc::is_xid_start(0x2118));   // ℘: Other_ID_Start
  EXPECT_FALSE(uc::is_xid_start(0xD800));
  EXPECT_FALSE(uc::is_xid_start(0x110000));
  EXPECT_FALSE(uc::is_printable(0x110000));
  EXPECT_FALSE(uc::is_printable(0x2028));
  EXPECT_FALSE(uc::is_printable(0x00A0));  // no-break space: a separator
  EXPECT_TRUE(uc::is_printable(0x00E9));
}

TEST(Unicode, NamesMatchCPython) {
  auto lines = read_vector_lines("name_vectors.txt");
  ASSERT_GT(lines.size(), 10000u);
  int accepted = 0, rejected = 0;
  for (const std::string& line : lines) {
    std::size_t tab = line.rfind('\t');
    ASSERT_NE(tab, std::string::npos) << line;
    std::string name = line.substr(0, tab), want = line.substr(tab + 1);
    auto got = uc::lookup_name(name);
    if (want == "-") {
      EXPECT_FALSE(got.has_value()) << name;
      ++rejected;
    } else {
      ASSERT_TRUE(got.has_value()) << name;
      EXPECT_EQ(*got, std::stoul(want, nullptr, 16)) << name;
      ++accepted;
    }
  }
  EXPECT_GT(accepted, 5000);
  EXPECT_GT(rejected, 1000);
}

TEST(Unicode, NamesByHand) {
  EXPECT_EQ(uc::lookup_name("LATIN SMALL LETTER A"), U'a');
  EXPECT_EQ(uc::lookup_name("latin small letter a"), U'a');
  EXPECT_EQ(uc::lookup_name("BULLET"), char32_t{0x2022});
  EXPECT_EQ(uc::lookup_name("LINE FEED"), char32_t{0x0A});   // alias
  EXPECT_EQ(uc::lookup_name("BYTE ORDER MARK"), char32_t{0xFEFF});
  EXPECT_EQ(uc::lookup_name("ZWJ"), char32_t{0x200D});        // abbreviation alias
  EXPECT_EQ(uc::lookup_name("LATIN CAPITAL LETTER GHA"), char32_t{0x01A2});  // correction
  EXPECT_EQ(uc::lookup_name("HANGUL SYLLABLE GA"), char32_t{0xAC00});
  EXPECT_EQ(uc::lookup_name("HANGUL SYLLABLE A"), char32_t{0xC544});
  EXPECT_EQ(uc::lookup_name("HANGUL SYLLABLE HIH"), char32_t{0xD7A3});
  EXPECT_EQ(uc::lookup_name("hangul syllable GA"), std::nullopt);  // prefix is exact
  EXPECT_EQ(uc::lookup_name("HANGUL SYLLABLE "), std::nullopt);
  EXPECT_EQ(uc::lookup_name("CJK UNIFIED IDEOGRAPH-4E00"), char32_t{0x4E00});
  EXPECT_EQ(uc::lookup_name("CJK UNIFIED IDEOGRAPH-04E00"), char32_t{0x4E00});
  EXPECT_EQ(uc::lookup_name("CJK UNIFIED IDEOGRAPH-4e00"), std::nullopt);
  EXPECT_EQ(uc::lookup_name("CJK UNIFIED IDEOGRAPH-323AF"), char32_t{0x323AF});
  EXPECT_EQ(uc::lookup_name("CJK UNIFIED IDEOGRAPH-323B0"), std::nullopt);
  EXPECT_EQ(uc::lookup_name("KEYCAP NUMBER SIGN"), std::nullopt);  // a named sequence
  EXPECT_EQ(uc::lookup_name(""), std::nullopt);
  EXPECT_EQ(uc::lookup_name("AAAA"), std::nullopt);
  EXPECT_EQ(uc::lookup_name("ZZZZZZZZZZZZ"), std::nullopt);
  EXPECT_EQ(uc::lookup_name(std::string(1000, 'A')), std::nullopt);
  EXPECT_EQ(uc::lookup_name(std::string("LATIN SMALL LETTER A\0", 21)), std::nullopt);
}

// Every entry of the front-coded table is found again, whatever its case: the search
// (bucket binary search, prefix decoding) works over the whole table, not only the
// sampled vectors. The generator checked the entries themselves against CPython.
TEST(Unicode, EveryTableNameIsFound) {
  namespace tb = aegis::py::unicode::tables;
  const auto* data = reinterpret_cast<const unsigned char*>(tb::kNameData);
  std::string name;
  std::size_t count = 0, bucket = 0;
  for (std::size_t pos = 0; pos < tb::kNameDataSize;) {
    if (bucket < tb::kNameBucketCount && tb::kNameBuckets[bucket] == pos) {
      ASSERT_EQ(data[pos], 0) << "bucket heads are stored whole";
      ++bucket;
    }
    std::string previous = name;
    name.resize(data[pos]);
    name.append(reinterpret_cast<const char*>(data + pos + 2), data[pos + 1]);
    pos += 2 + data[pos + 1];
    char32_t code = char32_t(data[pos]) << 16 | char32_t(data[pos + 1]) << 8 | data[pos + 2];
    pos += 3;
    ASSERT_LT(previous, name) << "names are sorted";
    ASSERT_EQ(uc::lookup_name(name), code) << name;
    std::string lower = name;
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    ASSERT_EQ(uc::lookup_name(lower), code) << lower;
    ++count;
  }
  EXPECT_EQ(bucket, tb::kNameBucketCount);
  EXPECT_GT(count, 35000u);  // Unicode 15.0 names plus aliases
}

// Hostile bytes never crash, hang or produce invalid output.
TEST(Unicode, RandomBytesAreHandled) {
  std::mt19937 rng(12345);
  for (int round = 0; round < 20000; ++round) {
    std::string s(rng() % 24, '\0');
    for (char& ch : s) ch = static_cast<char>(rng() % 4 == 0 ? 0x80 | (rng() % 0x80) : rng());
    std::string n = uc::nfkc(s);
    std::string twice = uc::nfkc(n);
    EXPECT_EQ(twice, n) << "NFKC is idempotent";
    (void)uc::lookup_name(s);
    std::string r;
    aegis::py::repr_str(r, s);
    for (std::size_t i = 0; i < r.size();) {
      std::size_t before = i;
      char32_t c = uc::decode_utf8(r, i);
      ASSERT_GT(i, before);
      ASSERT_TRUE(c != 0xFFFD || r.compare(before, 3, "\xef\xbf\xbd") == 0) << "valid UTF-8";
    }
  }
}

TEST(Unicode, NfkcMatchesCPython) {
  auto lines = read_vector_lines("nfkc_vectors.txt");
  ASSERT_GT(lines.size(), 9000u);
  for (const std::string& line : lines) {
    std::size_t semi = line.find(';');
    ASSERT_NE(semi, std::string::npos) << line;
    std::string source = utf8_of(parse_hex_list(line.substr(0, semi)));
    std::string want = utf8_of(parse_hex_list(line.substr(semi + 1)));
    EXPECT_EQ(hex_of(uc::nfkc(source)), hex_of(want)) << line;
  }
}

TEST(Unicode, NfkcByHand) {
  EXPECT_EQ(uc::nfkc("plain_ascii"), "plain_ascii");
  EXPECT_EQ(uc::nfkc(""), "");
  EXPECT_EQ(uc::nfkc("\xef\xac\x81"), "fi");                  // ﬁ ligature
  EXPECT_EQ(uc::nfkc("e\xcc\x81"), "\xc3\xa9");               // e + acute -> é
  EXPECT_EQ(uc::nfkc("\xe2\x84\x8c"), "H");                   // ℌ
  EXPECT_EQ(uc::nfkc("\xe1\x84\x80\xe1\x85\xa1"), "\xea\xb0\x80");  // jamo -> 가
  EXPECT_EQ(uc::nfkc("\xc3\xa9t\xc3\xa9"), "\xc3\xa9t\xc3\xa9");   // already normal
  // A lone surrogate passes through untouched.
  EXPECT_EQ(uc::nfkc("a\xed\xa0\x80"), "a\xed\xa0\x80");
}

TEST(Unicode, Utf8RoundTripsEveryCodePoint) {
  for (char32_t c = 0; c < 0x110000; ++c) {
    std::string s;
    uc::append_utf8(s, c);
    std::size_t i = 0;
    ASSERT_EQ(uc::decode_utf8(s, i), c);
    ASSERT_EQ(i, s.size());
  }
  std::string s;
  uc::append_utf8(s, 0xD800);
  EXPECT_EQ(s, "\xed\xa0\x80");
}

TEST(Unicode, Utf8MalformedAdvancesOneByte) {
  const char* cases[] = {"\x80", "\xc0\x80", "\xc1\xbf", "\xe0\x80\x80", "\xf0\x80\x80\x80",
                         "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xff", "\xe2\x82", "\xc3"};
  for (const char* c : cases) {
    std::string_view s(c);
    std::size_t i = 0;
    EXPECT_EQ(uc::decode_utf8(s, i), char32_t{0xFFFD}) << s.size();
    EXPECT_EQ(i, 1u);
  }
  std::string_view two("\xc3\xa9x");
  std::size_t i = 0;
  EXPECT_EQ(uc::decode_utf8(two, i), char32_t{0xE9});
  EXPECT_EQ(uc::decode_utf8(two, i), char32_t{'x'});
  EXPECT_EQ(i, 3u);
}

}  // namespace
