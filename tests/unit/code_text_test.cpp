// dataflow::CodeText: which bytes of a module are code (not a comment, not a string's literal
// text). Each case shows the text with every non-code byte replaced by '~'.
#include <gtest/gtest.h>

#include <string>

#include "dataflow/code_text.h"

namespace aegis::dataflow {
namespace {

std::string masked(std::string_view text) {
  CodeText code(text);
  std::string out(text);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!code.is_code(i)) out[i] = '~';
  }
  // is_code and the ranges agree.
  std::string from_ranges(text);
  for (const auto& [begin, end] : code.non_code()) {
    EXPECT_LT(begin, end);
    EXPECT_LE(end, text.size());
    for (std::size_t i = begin; i < end; ++i) from_ranges[i] = '~';
  }
  EXPECT_EQ(out, from_ranges);
  return out;
}

TEST(CodeText, CommentsAndPlainStrings) {
  EXPECT_EQ(masked("x = input()  # read input( here\ny = 1"), "x = input()  ~~~~~~~~~~~~~~~~~~\ny = 1");
  EXPECT_EQ(masked("a = 'argv' + \"argv\"\n"), "a = ~~~~~~ + ~~~~~~\n");
  EXPECT_EQ(masked("s = '#' ; t = 1"), "s = ~~~ ; t = 1");
  EXPECT_EQ(masked("u = \"it's\"  # '\nv"), "u = ~~~~~~  ~~~\nv");
}

TEST(CodeText, TripleQuotedAndEscapes) {
  EXPECT_EQ(masked("def f():\n    \"\"\"Reads input(\n    \"quoted\" ''' \"\"\"\n    g()"),
            "def f():\n    ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n    g()");  // its newlines too
  EXPECT_EQ(masked("x = 'a\\'b' + c"), "x = ~~~~~~ + c");
  EXPECT_EQ(masked("x = r'a\\'b' + c"), "x = r~~~~~~ + c");
  EXPECT_EQ(masked("x = '''a\\''''; y"), "x = ~~~~~~~~~; y");
}

TEST(CodeText, Prefixes) {
  EXPECT_EQ(masked("x = b'request' + rb\"argv\" + U'x'"), "x = b~~~~~~~~~ + rb~~~~~~ + U~~~");
  // A name that ends in prefix letters is no prefix: `bar` before a quote is still code.
  EXPECT_EQ(masked("bar'x' f"), "bar~~~ f");
}

TEST(CodeText, FormattedStringFieldsAreCode) {
  EXPECT_EQ(masked("s = f'argv {request.args} input('"), "s = f~~~~~~~request.args~~~~~~~~~");
  EXPECT_EQ(masked("s = f'{{request}} {x}'"), "s = f~~~~~~~~~~~~~~x~~");
  EXPECT_EQ(masked("s = F\"{d['key']} rest\""), "s = F~~d[~~~~~]~~~~~~~");
  // Nested f-strings, the same quotes inside (3.12), brackets in a field.
  EXPECT_EQ(masked("s = f\"{f\"{a}\" + g({'k': 1})}\""), "s = f~~f~~a~~ + g({~~~: 1})~~");
  EXPECT_EQ(masked("t = t'{x!r} text'"), "t = t~~x!r~~~~~~~");
}

TEST(CodeText, FormatSpecs) {
  EXPECT_EQ(masked("s = f'{value:>{width}} end'"), "s = f~~value~~~width~~~~~~~");
  EXPECT_EQ(masked("s = f'{(lambda x: x)(1):d}'"), "s = f~~(lambda x: x)(1)~~~~");
}

TEST(CodeText, BackslashesInFormattedStrings) {
  // \N{...} is a named escape, not a field; a backslash does not escape a brace.
  EXPECT_EQ(masked("s = f'\\N{DASH} {a}'"), "s = f~~~~~~~~~~~a~~");
  EXPECT_EQ(masked("s = f'\\{a}'"), "s = f~~~a~~");
  EXPECT_EQ(masked("s = rf'\\N{a}'"), "s = rf~~~~a~~");
}

TEST(CodeText, UnterminatedInput) {
  // A single-quoted string stops at its line's end; the next line is code again.
  EXPECT_EQ(masked("x = 'open\ny = input()"), "x = ~~~~~\ny = input()");
  EXPECT_EQ(masked("x = '''open\ny = input()"), "x = ~~~~~~~~~~~~~~~~~~~");
  EXPECT_EQ(masked("# last line"), "~~~~~~~~~~~");
  EXPECT_EQ(masked("s = f'{a"), "s = f~~a");
  EXPECT_EQ(masked("x = '\\"), "x = ~~");
  EXPECT_EQ(masked(""), "");
}

TEST(CodeText, DeepNestingEnds) {
  // f-strings nested past the limit: the scan ends without exhausting the stack, and the
  // text before the first quote and the name at the bottom are still code.
  std::string text = "s = ";
  for (int i = 0; i < 200; ++i) text += "f'{";
  text += "x";
  for (int i = 0; i < 200; ++i) text += "}'";
  CodeText code(text);
  EXPECT_TRUE(code.is_code(0));
  EXPECT_TRUE(code.is_code(text.find('x')));
}

}  // namespace
}  // namespace aegis::dataflow
