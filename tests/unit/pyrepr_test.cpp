// Checks repr() of literal values against vectors that tools/gen_unicode.py computed
// with CPython 3.12 (tests/data/unicode/repr_*.txt), plus hand-written cases.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "python/pyrepr.h"
#include "python/unicode.h"

namespace {

using aegis::py::ConstantKind;
using aegis::py::ConstantValue;

std::vector<std::string> read_vector_lines(const std::string& name) {
  std::ifstream in(std::string(AEGIS_SOURCE_DIR) + "/tests/data/unicode/" + name);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] != '#') lines.push_back(line);
  }
  return lines;
}

std::string repr_str(std::string_view s) {
  std::string out;
  aegis::py::repr_str(out, s);
  return out;
}
std::string repr_bytes(std::string_view s) {
  std::string out;
  aegis::py::repr_bytes(out, s);
  return out;
}
std::string repr_float(double v) {
  std::string out;
  aegis::py::repr_float(out, v);
  return out;
}
std::string repr_imaginary(double v) {
  std::string out;
  aegis::py::repr_imaginary(out, v);
  return out;
}

TEST(PyRepr, FloatsMatchCPython) {
  auto lines = read_vector_lines("repr_float_vectors.txt");
  ASSERT_GT(lines.size(), 10000u);
  for (const std::string& line : lines) {
    std::size_t a = line.find(';'), b = line.find(';', a + 1);
    ASSERT_NE(b, std::string::npos) << line;
    std::uint64_t bits = std::stoull(line.substr(0, a), nullptr, 16);
    double v;
    std::memcpy(&v, &bits, sizeof v);
    EXPECT_EQ(repr_float(v), line.substr(a + 1, b - a - 1)) << line;
    EXPECT_EQ(repr_imaginary(v), line.substr(b + 1)) << line;
  }
}

TEST(PyRepr, FloatsByHand) {
  EXPECT_EQ(repr_float(1.0), "1.0");
  EXPECT_EQ(repr_float(0.1), "0.1");
  EXPECT_EQ(repr_float(1e16), "1e+16");
  EXPECT_EQ(repr_float(1e15), "1000000000000000.0");
  EXPECT_EQ(repr_float(1e-4), "0.0001");
  EXPECT_EQ(repr_float(1e-5), "1e-05");
  EXPECT_EQ(repr_float(1.5e300), "1.5e+300");
  EXPECT_EQ(repr_float(5e-324), "5e-324");
  EXPECT_EQ(repr_float(-0.0), "-0.0");
  EXPECT_EQ(repr_float(HUGE_VAL), "inf");
  EXPECT_EQ(repr_float(-HUGE_VAL), "-inf");
  EXPECT_EQ(repr_float(std::nan("")), "nan");
  EXPECT_EQ(repr_imaginary(2.0), "2j");
  EXPECT_EQ(repr_imaginary(1.5), "1.5j");
  EXPECT_EQ(repr_imaginary(1e16), "1e+16j");
  EXPECT_EQ(repr_imaginary(HUGE_VAL), "infj");
}

TEST(PyRepr, StringsMatchCPython) {
  auto lines = read_vector_lines("repr_str_vectors.txt");
  ASSERT_GT(lines.size(), 20000u);
  for (const std::string& line : lines) {
    std::size_t tab = line.find('\t');
    ASSERT_NE(tab, std::string::npos) << line;
    std::string source;
    std::istringstream in(line.substr(0, tab));
    std::string item;
    while (in >> item) {
      aegis::py::unicode::append_utf8(source, static_cast<char32_t>(std::stoul(item, nullptr, 16)));
    }
    EXPECT_EQ(repr_str(source), line.substr(tab + 1)) << line;
  }
}

TEST(PyRepr, StringsByHand) {
  EXPECT_EQ(repr_str(""), "''");
  EXPECT_EQ(repr_str("abc"), "'abc'");
  EXPECT_EQ(repr_str("it's"), "\"it's\"");
  EXPECT_EQ(repr_str("'\""), "'\\'\"'");
  EXPECT_EQ(repr_str("a\\b\t\n\r"), "'a\\\\b\\t\\n\\r'");
  EXPECT_EQ(repr_str(std::string("\0\x7f", 2)), "'\\x00\\x7f'");
  EXPECT_EQ(repr_str("\xc3\xa9"), "'\xc3\xa9'");          // é stays
  EXPECT_EQ(repr_str("\xc2\xa0"), "'\\xa0'");             // no-break space escapes
  EXPECT_EQ(repr_str("\xe2\x80\xa8"), "'\\u2028'");
  EXPECT_EQ(repr_str("\xed\xb2\x80"), "'\\udc80'");       // lone surrogate
  EXPECT_EQ(repr_str("\xf3\xa0\x80\x81"), "'\\U000e0001'");
  EXPECT_EQ(repr_str("\xf0\x9f\x98\x80"), "'\xf0\x9f\x98\x80'");
}

TEST(PyRepr, BytesMatchCPython) {
  auto lines = read_vector_lines("repr_bytes_vectors.txt");
  ASSERT_GT(lines.size(), 2000u);
  for (const std::string& line : lines) {
    std::size_t tab = line.find('\t');
    ASSERT_NE(tab, std::string::npos) << line;
    std::string hex = line.substr(0, tab), source;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
      source += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
    }
    EXPECT_EQ(repr_bytes(source), line.substr(tab + 1)) << line;
  }
}

TEST(PyRepr, Constants) {
  auto repr = [](ConstantValue v) {
    std::string out;
    aegis::py::repr_constant(out, v);
    return out;
  };
  EXPECT_EQ(repr({ConstantKind::None, {}, 0}), "None");
  EXPECT_EQ(repr({ConstantKind::True, {}, 0}), "True");
  EXPECT_EQ(repr({ConstantKind::False, {}, 0}), "False");
  EXPECT_EQ(repr({ConstantKind::Ellipsis, {}, 0}), "Ellipsis");
  EXPECT_EQ(repr({ConstantKind::Int, "12345678901234567890", 0}), "12345678901234567890");
  EXPECT_EQ(repr({ConstantKind::Float, {}, 2.5}), "2.5");
  EXPECT_EQ(repr({ConstantKind::Complex, {}, 3.0}), "3j");
  EXPECT_EQ(repr({ConstantKind::Str, "x'", 0}), "\"x'\"");
  EXPECT_EQ(repr({ConstantKind::Bytes, "\xff", 0}), "b'\\xff'");
}

}  // namespace
