// rules::line_starts: the offset where each physical line starts, as the parser counts lines
// (\n, \r\n, a lone \r). Files without \r take a block-at-a-time path; both must agree with
// a plain byte-by-byte count, across block boundaries and in the tail shorter than a block.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "rules/rule.h"

namespace aegis::rules {
namespace {

std::vector<std::size_t> byte_by_byte(std::string_view text) {
  std::vector<std::size_t> out{0};
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      out.push_back(i + 1);
    } else if (text[i] == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out.push_back(i + 1);
    }
  }
  return out;
}

std::vector<std::size_t> starts(std::string_view text) {
  std::vector<std::size_t> out;
  line_starts(text, out);
  return out;
}

TEST(LineStarts, SmallCases) {
  EXPECT_EQ(starts(""), std::vector<std::size_t>{0});
  EXPECT_EQ(starts("x"), std::vector<std::size_t>{0});
  EXPECT_EQ(starts("\n"), (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(starts("a\nb\n"), (std::vector<std::size_t>{0, 2, 4}));
  EXPECT_EQ(starts("a\r\nb\rc"), (std::vector<std::size_t>{0, 3, 5}));
}

TEST(LineStarts, EveryLengthAndPlacement) {
  // Newlines at every offset of several 16-byte blocks, a run of them, none at all, and
  // lengths around block sizes.
  for (std::size_t length = 0; length < 70; ++length) {
    for (std::size_t step = 1; step < 19; ++step) {
      std::string text(length, 'x');
      for (std::size_t i = step - 1; i < length; i += step) text[i] = '\n';
      EXPECT_EQ(starts(text), byte_by_byte(text)) << "length " << length << " step " << step;
      if (length > 3) {
        text[length / 2] = '\r';  // the other path
        EXPECT_EQ(starts(text), byte_by_byte(text)) << "with CR, length " << length;
      }
    }
  }
  std::string all_newlines(40, '\n');
  EXPECT_EQ(starts(all_newlines), byte_by_byte(all_newlines));
}

TEST(LineStarts, ReusesTheVector) {
  std::vector<std::size_t> out{7, 8, 9};
  line_starts("a\nb", out);
  EXPECT_EQ(out, (std::vector<std::size_t>{0, 2}));
}

}  // namespace
}  // namespace aegis::rules
