#include "rules/suppression.h"

#include <gtest/gtest.h>

using aegis::rules::find_comments;
using aegis::rules::parse_suppressions;

TEST(Suppression, CommentsSkipStrings) {
  auto comments = find_comments("a = '# no'  # yes\nb = \"\"\"\n# inside\n\"\"\"  # after\nc = r'\\'#'  # raw\n");
  ASSERT_EQ(comments.size(), 3u);
  EXPECT_EQ(comments[0].line, 1);
  EXPECT_EQ(comments[0].text, "# yes");
  EXPECT_EQ(comments[1].line, 4);
  EXPECT_EQ(comments[1].text, "# after");
  EXPECT_EQ(comments[2].line, 5);
  EXPECT_EQ(comments[2].text, "# raw");
}

TEST(Suppression, Grammar) {
  std::vector<aegis::Diagnostic> diagnostics;
  auto s = parse_suppressions(
      "x()  # aegis: ignore[INJ002, B101] -- checked by hand\n"
      "y()  # nosec B602 some words\n"
      "z()  # noqa: E501, S602\n"
      "w()  # noqa\n"
      "v()  # nosecurity\n",
      "f.py", diagnostics);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0].style, "aegis");
  EXPECT_EQ(s[0].ids, (std::vector<std::string>{"INJ002", "B101"}));
  EXPECT_EQ(s[0].reason, "checked by hand");
  EXPECT_EQ(s[1].style, "nosec");
  EXPECT_EQ(s[1].ids, (std::vector<std::string>{"B602"}));
  EXPECT_EQ(s[2].ids, (std::vector<std::string>{"S602"}));
  EXPECT_TRUE(diagnostics.empty());
}

TEST(Suppression, MalformedAndUnknownAreWarningsWithPositions) {
  std::vector<aegis::Diagnostic> diagnostics;
  auto s = parse_suppressions("x()  # aegis: ignore INJ002\ny()  # aegis: ignore[ZZZ999]\n", "f.py", diagnostics);
  EXPECT_TRUE(s.empty());
  ASSERT_EQ(diagnostics.size(), 2u);
  EXPECT_EQ(diagnostics[0].line, 1);
  EXPECT_EQ(diagnostics[0].column, 6);
  EXPECT_EQ(diagnostics[1].line, 2);
  EXPECT_NE(diagnostics[1].message.find("ZZZ999"), std::string::npos);
}
