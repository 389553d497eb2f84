// Literal values against CPython 3.12 (expected values taken from the 3.12 ast).
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "core/arena.h"
#include "python/literals.h"

namespace aegis::py {
namespace {

std::string int_text(std::string_view token) {
  Arena arena;
  ConstantValue v = number_value(token, arena);
  EXPECT_EQ(v.kind, ConstantKind::Int) << token;
  return std::string(v.text);
}

double float_value(std::string_view token, ConstantKind kind = ConstantKind::Float) {
  Arena arena;
  ConstantValue v = number_value(token, arena);
  EXPECT_EQ(v.kind, kind) << token;
  return v.number;
}

TEST(NumberValue, Integers) {
  EXPECT_EQ(int_text("0"), "0");
  EXPECT_EQ(int_text("00"), "0");
  EXPECT_EQ(int_text("0_0"), "0");
  EXPECT_EQ(int_text("1_000_000"), "1000000");
  EXPECT_EQ(int_text("0xff"), "255");
  EXPECT_EQ(int_text("0XFF"), "255");
  EXPECT_EQ(int_text("0o17"), "15");
  EXPECT_EQ(int_text("0b1010"), "10");
  EXPECT_EQ(int_text("0x_dead_beef"), "3735928559");
  EXPECT_EQ(int_text("123456789012345678901234567890"), "123456789012345678901234567890");
  // 2**128 and 2**64 - 1 through base conversion.
  EXPECT_EQ(int_text("0x100000000000000000000000000000000"), "340282366920938463463374607431768211456");
  EXPECT_EQ(int_text("0xffffffffffffffff"), "18446744073709551615");
  EXPECT_EQ(int_text("0b" + std::string(100, '1')), "1267650600228229401496703205375");
  EXPECT_EQ(int_text("0o777777777777777777777777777777"), "1237940039285380274899124223");
}

TEST(NumberValue, Floats) {
  EXPECT_EQ(float_value("1.5"), 1.5);
  EXPECT_EQ(float_value("1."), 1.0);
  EXPECT_EQ(float_value(".5"), 0.5);
  EXPECT_EQ(float_value("1e10"), 1e10);
  EXPECT_EQ(float_value("1_0.2_5e-1_0"), 10.25e-10);
  EXPECT_EQ(float_value("0.1"), 0.1);
  EXPECT_EQ(float_value("00.5"), 0.5);
  EXPECT_EQ(float_value("0e0"), 0.0);
  EXPECT_TRUE(std::isinf(float_value("1e999")));
  EXPECT_EQ(float_value("1e-999"), 0.0);
  EXPECT_EQ(float_value("2.2250738585072011e-308"), 2.2250738585072011e-308);
  EXPECT_EQ(float_value("3j", ConstantKind::Complex), 3.0);
  EXPECT_EQ(float_value("1.5J", ConstantKind::Complex), 1.5);
  EXPECT_EQ(float_value("1_0j", ConstantKind::Complex), 10.0);
  EXPECT_EQ(float_value("09j", ConstantKind::Complex), 9.0);
  EXPECT_TRUE(std::isinf(float_value("1e999j", ConstantKind::Complex)));
}

TEST(StringPrefix, Kinds) {
  StringPrefix p;
  EXPECT_EQ(parse_string_prefix("'x'", p), 0u);
  EXPECT_FALSE(p.raw || p.bytes || p.fstring || p.unicode || p.tstring);
  EXPECT_EQ(parse_string_prefix("Rb'x'", p), 2u);
  EXPECT_TRUE(p.raw && p.bytes);
  EXPECT_EQ(parse_string_prefix("u\"x\"", p), 1u);
  EXPECT_TRUE(p.unicode);
  EXPECT_EQ(parse_string_prefix("fR'''", p), 2u);
  EXPECT_TRUE(p.fstring && p.raw);
  EXPECT_EQ(parse_string_prefix("t'", p), 1u);
  EXPECT_TRUE(p.tstring);
}

struct Decoded {
  bool ok;
  std::string value;
  std::string error;
  std::size_t offset;
};

Decoded decode(std::string_view body, bool raw = false, bool bytes = false) {
  Decoded d{};
  d.offset = 999;
  d.ok = decode_string_body(body, raw, bytes, d.value, d.error, d.offset);
  return d;
}

TEST(DecodeStringBody, SimpleEscapes) {
  EXPECT_EQ(decode("plain").value, "plain");
  EXPECT_EQ(decode(R"(a\nb\tc\\d\'e\"f)").value, "a\nb\tc\\d'e\"f");
  EXPECT_EQ(decode(R"(\a\b\f\r\v)").value, "\a\b\f\r\v");
  EXPECT_EQ(decode("a\\\nb").value, "ab");  // backslash-newline vanishes
  EXPECT_EQ(decode(R"(\d\8\{)").value, R"(\d\8\{)");  // unknown escapes are kept
  EXPECT_EQ(decode("\\\xc3\xa9").value, "\\\xc3\xa9");  // unknown escape of a non-ASCII char
}

TEST(DecodeStringBody, NumericEscapes) {
  EXPECT_EQ(decode(R"(\0)").value, std::string(1, '\0'));
  EXPECT_EQ(decode(R"(\101\1012)").value, "AA2");
  EXPECT_EQ(decode(R"(\777)").value, "\xc7\xbf");  // U+01FF in 3.12
  EXPECT_EQ(decode(R"(\777)", false, true).value, "\xff");  // bytes keep the low byte
  EXPECT_EQ(decode(R"(\x41\xe9)").value, "A\xc3\xa9");
  EXPECT_EQ(decode(R"(\xe9)", false, true).value, "\xe9");
  EXPECT_EQ(decode(R"(\u20ac\U0001F600)").value, "\xe2\x82\xac\xf0\x9f\x98\x80");
  EXPECT_EQ(decode(R"(\ud800)").value, "\xed\xa0\x80");  // lone surrogate, 3 bytes
  EXPECT_EQ(decode(R"(\u20ac)", false, true).value, R"(\u20ac)");  // not an escape in bytes
}

TEST(DecodeStringBody, Errors) {
  Decoded d = decode(R"(\x4)");
  EXPECT_FALSE(d.ok);
  EXPECT_EQ(d.error, "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape");
  d = decode(R"(ab\x4g)");
  EXPECT_EQ(d.error, "(unicode error) 'unicodeescape' codec can't decode bytes in position 2-4: truncated \\xXX escape");
  EXPECT_EQ(d.offset, 2u);
  d = decode("\xc3\xa9\\x4");
  EXPECT_EQ(d.error, "(unicode error) 'unicodeescape' codec can't decode bytes in position 10-12: truncated \\xXX escape");
  EXPECT_EQ(decode(R"(\u12)").error, "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-3: truncated \\uXXXX escape");
  EXPECT_EQ(decode(R"(\U00110000)").error, "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-9: illegal Unicode character");
  EXPECT_EQ(decode(R"(\N)").error, "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: malformed \\N character escape");
  EXPECT_EQ(decode(R"(\N{)").error, "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: malformed \\N character escape");
  EXPECT_EQ(decode(R"(\N{EM DASH)").error, "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-9: malformed \\N character escape");
  EXPECT_EQ(decode(R"(\x4)", false, true).error, "(value error) invalid \\x escape at position 0");
  d = decode("ab\xc3\xa9", false, true);
  EXPECT_FALSE(d.ok);
  EXPECT_EQ(d.error, "bytes can only contain ASCII literal characters");
  d = decode("\xe9");
  EXPECT_FALSE(d.ok);
  EXPECT_EQ(d.error, "(unicode error) 'utf-8' codec can't decode byte 0xe9 in position 0: unexpected end of data");
}

TEST(DecodeStringBody, NamedEscapes) {
  Decoded d = decode(R"(\N{EM DASH}x)");
  EXPECT_TRUE(d.ok) << d.error;
  EXPECT_EQ(d.value, "\xe2\x80\x94x");
  EXPECT_EQ(decode(R"(\N{em dash})").value, "\xe2\x80\x94");
  d = decode(R"(\N{no such name})");
  EXPECT_FALSE(d.ok);
  EXPECT_EQ(d.error, "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-15: unknown Unicode character name");
  EXPECT_EQ(decode(R"(\N{DASH})", false, true).value, R"(\N{DASH})");
}

TEST(DecodeStringBody, Raw) {
  EXPECT_EQ(decode(R"(\n\x4\N)", true).value, R"(\n\x4\N)");
  EXPECT_EQ(decode(R"(\d)", true, true).value, R"(\d)");
  EXPECT_FALSE(decode("\xe9", true, true).ok);
}

TEST(DecodeStringBody, FStringPieceEndingInBackslash) {
  EXPECT_EQ(decode("\\").value, "\\");
  EXPECT_EQ(decode("a{").value, "a{");
}

}  // namespace
}  // namespace aegis::py
