// Suppression comments: the grammar of each form, what is malformed, comments inside
// string literals, and which findings a comment accepts.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "rules/suppression.h"

using aegis::DiagnosticSeverity;
using aegis::Finding;
using aegis::FindingStatus;
using aegis::rules::Comment;
using aegis::rules::find_comments;
using aegis::rules::parse_comment;
using aegis::rules::Suppression;
using aegis::rules::SuppressionKind;
using aegis::rules::SuppressionProblem;

namespace {

// A fixed catalogue, so the grammar is tested independently of the registry.
std::string resolve(std::string_view name) {
  if (name == "INJ002" || name == "inj002" || name == "subprocess-shell-true" || name == "B602" || name == "S602") {
    return "INJ002";
  }
  if (name == "HYG001" || name == "assert-used" || name == "B101" || name == "S101") return "HYG001";
  return "";
}

struct Parsed {
  std::vector<Suppression> suppressions;
  std::vector<SuppressionProblem> problems;
};

Parsed parse(std::string_view comment) {
  Parsed p;
  parse_comment(comment, resolve, p.suppressions, p.problems);
  return p;
}

std::vector<std::string> texts(const std::vector<Comment>& comments) {
  std::vector<std::string> out;
  for (const auto& c : comments) out.emplace_back(c.text);
  return out;
}

}  // namespace

TEST(SuppressionGrammar, StrictFormWithReason) {
  Parsed p = parse("# aegis: ignore[INJ002, assert-used] -- both reviewed in SEC-12");
  ASSERT_EQ(p.suppressions.size(), 1u);
  const Suppression& s = p.suppressions[0];
  EXPECT_EQ(s.kind, SuppressionKind::Aegis);
  EXPECT_EQ(s.rules, (std::vector<std::string>{"INJ002", "HYG001"}));
  EXPECT_EQ(s.written, (std::vector<std::string>{"INJ002", "assert-used"}));
  EXPECT_FALSE(s.broad);
  EXPECT_EQ(s.reason, "both reviewed in SEC-12");
  EXPECT_EQ(s.text, "# aegis: ignore[INJ002, assert-used] -- both reviewed in SEC-12");
  EXPECT_TRUE(p.problems.empty());
}

TEST(SuppressionGrammar, StrictFormVariants) {
  // No reason; no space after the colon; a reason with '#' in it; a reason without "--".
  EXPECT_EQ(parse("# aegis: ignore[B602]").suppressions.at(0).reason, "");
  EXPECT_EQ(parse("#aegis:ignore[B602]").suppressions.at(0).rules, std::vector<std::string>{"INJ002"});
  EXPECT_EQ(parse("# aegis: ignore[B602] -- see issue #42").suppressions.at(0).reason, "see issue #42");
  EXPECT_EQ(parse("# aegis: ignore[B602] constant command").suppressions.at(0).reason, "constant command");
  // Duplicates are named once.
  EXPECT_EQ(parse("# aegis: ignore[INJ002, B602, S602]").suppressions.at(0).rules.size(), 1u);
}

TEST(SuppressionGrammar, BareStrictFormIsBroadWithANote) {
  Parsed p = parse("# aegis: ignore -- legacy module, rewritten in Q3");
  ASSERT_EQ(p.suppressions.size(), 1u);
  EXPECT_TRUE(p.suppressions[0].broad);
  EXPECT_EQ(p.suppressions[0].reason, "legacy module, rewritten in Q3");
  ASSERT_EQ(p.problems.size(), 1u);
  EXPECT_EQ(p.problems[0].severity, DiagnosticSeverity::Note);
  EXPECT_NE(p.problems[0].message.find("broad suppression"), std::string::npos);
}

TEST(SuppressionGrammar, MalformedStrictForms) {
  struct Case {
    const char* comment;
    const char* why;
  };
  const Case cases[] = {
      {"# aegis: ignore[INJ002", "missing ']'"},
      {"# aegis: ignore[]", "empty rule list"},
      {"# aegis: ignore[INJ002,]", "empty rule name"},
      {"# aegis: ignore[INJ002 HYG001]", "separated by ','"},
      {"# aegis: ignore[INJ002]x", "unexpected text after ']'"},
      {"# aegis: ignroe[INJ002]", "unknown directive 'ignroe'"},
      {"# aegis:", "nothing after 'aegis:'"},
      {"# aegis ignore[INJ002]", "missing ':'"},
      {"# aegis: ignore:INJ002", "expected '['"},
      {"# aegis: ignore[INJ002;HYG001]", "unexpected ';'"},
  };
  for (const Case& c : cases) {
    Parsed p = parse(c.comment);
    EXPECT_TRUE(p.suppressions.empty()) << c.comment;
    ASSERT_EQ(p.problems.size(), 1u) << c.comment;
    EXPECT_EQ(p.problems[0].severity, DiagnosticSeverity::Warning) << c.comment;
    EXPECT_NE(p.problems[0].message.find(c.why), std::string::npos) << c.comment << ": " << p.problems[0].message;
  }
  // Prose that merely starts with the word is not a directive.
  Parsed prose = parse("# aegis is the scanner we use");
  EXPECT_TRUE(prose.suppressions.empty());
  EXPECT_TRUE(prose.problems.empty());
}

TEST(SuppressionGrammar, UnknownIdsWarnAndNeverBecomeBroad) {
  Parsed p = parse("# aegis: ignore[XYZ999]");
  EXPECT_TRUE(p.suppressions.empty());  // suppresses nothing, certainly not everything
  ASSERT_EQ(p.problems.size(), 1u);
  EXPECT_EQ(p.problems[0].column_offset, 16);
  EXPECT_NE(p.problems[0].message.find("'XYZ999'"), std::string::npos);

  Parsed mixed = parse("# nosec B602, B999");
  ASSERT_EQ(mixed.suppressions.size(), 1u);
  EXPECT_EQ(mixed.suppressions[0].rules, std::vector<std::string>{"INJ002"});
  ASSERT_EQ(mixed.problems.size(), 1u);
  EXPECT_NE(mixed.problems[0].message.find("'B999'"), std::string::npos);

  Parsed all_unknown = parse("# nosec B999");
  EXPECT_TRUE(all_unknown.suppressions.empty());
}

TEST(SuppressionGrammar, Nosec) {
  for (const char* text : {"# nosec B602, B101", "#nosec B602 B101", "# nosec: B602,B101", "# NOSEC B602, B101"}) {
    Parsed p = parse(text);
    ASSERT_EQ(p.suppressions.size(), 1u) << text;
    EXPECT_EQ(p.suppressions[0].kind, SuppressionKind::Nosec);
    EXPECT_EQ(p.suppressions[0].rules, (std::vector<std::string>{"INJ002", "HYG001"})) << text;
    EXPECT_TRUE(p.problems.empty()) << text;
  }
  Parsed bare = parse("# nosec");
  ASSERT_EQ(bare.suppressions.size(), 1u);
  EXPECT_TRUE(bare.suppressions[0].broad);
  EXPECT_EQ(bare.problems.at(0).severity, DiagnosticSeverity::Note);
  // Words that are not ids are a reason (Bandit treats them as a bare nosec too).
  Parsed prose = parse("# nosec this input is trusted");
  ASSERT_EQ(prose.suppressions.size(), 1u);
  EXPECT_TRUE(prose.suppressions[0].broad);
  EXPECT_EQ(prose.suppressions[0].reason, "this input is trusted");
  EXPECT_EQ(parse("# nosec B602 -- trusted").suppressions.at(0).reason, "trusted");
  // Not the word nosec.
  EXPECT_TRUE(parse("# nosecurity review needed").suppressions.empty());
}

TEST(SuppressionGrammar, NoqaCountsOnlySecurityCodes) {
  Parsed p = parse("# noqa: E501, S602 -- reviewed");
  ASSERT_EQ(p.suppressions.size(), 1u);
  EXPECT_EQ(p.suppressions[0].kind, SuppressionKind::Noqa);
  EXPECT_EQ(p.suppressions[0].rules, std::vector<std::string>{"INJ002"});
  EXPECT_EQ(p.suppressions[0].reason, "reviewed");
  EXPECT_TRUE(p.problems.empty());
  // A bare noqa, or one with other linters' codes only, is not a security suppression.
  for (const char* text : {"# noqa", "# NOQA", "# noqa: E501", "# noqa:F401,E402", "# noqa: B008"}) {
    Parsed q = parse(text);
    EXPECT_TRUE(q.suppressions.empty()) << text;
    EXPECT_TRUE(q.problems.empty()) << text;
  }
  // An S code no rule has is a warning; a forgotten colon too.
  EXPECT_EQ(parse("# noqa: S999").problems.size(), 1u);
  Parsed no_colon = parse("# noqa S602");
  EXPECT_TRUE(no_colon.suppressions.empty());
  ASSERT_EQ(no_colon.problems.size(), 1u);
  EXPECT_NE(no_colon.problems[0].message.find("lacks the ':'"), std::string::npos);
  // Aegis ids work in noqa as well.
  EXPECT_EQ(parse("# noqa: INJ002").suppressions.at(0).rules, std::vector<std::string>{"INJ002"});
}

TEST(SuppressionGrammar, Nosemgrep) {
  Parsed bare = parse("# nosemgrep");
  ASSERT_EQ(bare.suppressions.size(), 1u);
  EXPECT_TRUE(bare.suppressions[0].broad);
  Parsed dotted = parse("# nosemgrep: python.lang.security.audit.subprocess-shell-true");
  ASSERT_EQ(dotted.suppressions.size(), 1u);
  EXPECT_EQ(dotted.suppressions[0].rules, std::vector<std::string>{"INJ002"});
  Parsed unknown = parse("# nosemgrep: python.lang.security.audit.eval-injection");
  EXPECT_TRUE(unknown.suppressions.empty());
  EXPECT_EQ(unknown.problems.size(), 1u);
}

TEST(SuppressionGrammar, SeveralDirectivesInOneComment) {
  Parsed p = parse("# type: ignore[attr-defined]  # noqa: E501  # nosec B602");
  ASSERT_EQ(p.suppressions.size(), 1u);
  EXPECT_EQ(p.suppressions[0].kind, SuppressionKind::Nosec);
  EXPECT_EQ(p.suppressions[0].text, "# nosec B602");
}

TEST(CommentScanner, SkipsEveryKindOfStringLiteral) {
  const std::string text =
      "a = '# nosec'  # real one\n"
      "b = \"it's # not\" + r'\\' # x'  # two\n"
      "c = '''\n# inside triple\n'''  # three\n"
      "d = rb\"#\" + Rb'#' + br'#' + u'#' + B\"#\"\n"
      "e = f\"{x['#']} # {y:#>10}\"  # four\n"
      "f = f'{\"#\"}'\n"
      "g = \"escaped \\\" # still string\"\n"
      "# five\n"
      "h = (1,  # six\n"
      "     2)\n";
  auto comments = find_comments(text);
  EXPECT_EQ(texts(comments), (std::vector<std::string>{"# real one", "# two", "# three", "# four", "# five",
                                                       "# six"}));
  EXPECT_EQ(comments[0].line, 1);
  EXPECT_EQ(comments[0].column, 16);
  EXPECT_EQ(comments[2].line, 5);
  EXPECT_EQ(comments[4].line, 10);
  EXPECT_EQ(comments[4].column, 1);
}

TEST(CommentScanner, PositionsCountCharacters) {
  auto comments = find_comments("s = 'é€𝔘'  # nosec\n");
  ASSERT_EQ(comments.size(), 1u);
  EXPECT_EQ(comments[0].column, 12);
}

TEST(CommentScanner, NestedPep701FStrings) {
  // Python 3.12: the same quote inside a replacement field, and a '#' in a nested string.
  auto comments = find_comments("x = f\"{d[\"#\"]}\"  # real\n", 12);
  EXPECT_EQ(texts(comments), std::vector<std::string>{"# real"});
}

TEST(CommentScanner, Prefilter) {
  EXPECT_FALSE(aegis::rules::may_hold_suppressions("x = 1  # just a comment\n"));
  EXPECT_TRUE(aegis::rules::may_hold_suppressions("x = 1  #   NoSec\n"));
  EXPECT_TRUE(aegis::rules::may_hold_suppressions("x = 1  # aegis: ignore[X]\n"));
}

namespace {

Finding finding(const char* rule, int line, int end_line) {
  Finding f;
  f.rule_id = rule;
  f.line = line;
  f.end_line = end_line;
  return f;
}

}  // namespace

TEST(ApplySuppressions, FirstOrLastLineOnly) {
  const std::string text =
      "run(x, shell=True)  # nosec B602\n"  // 1
      "run(\n"                               // 2
      "  x, shell=True,\n"                   // 3: a comment here is neither first nor last line
      ")  # aegis: ignore[INJ002] -- admin only\n"  // 4
      "# nosec\n"                            // 5: a comment line above does not count
      "assert y\n"                           // 6
      "assert z  # nosec B602\n";            // 7: names another rule
  auto file = aegis::rules::collect_suppressions(text, "f.py", 14, resolve);
  ASSERT_EQ(file.suppressions.size(), 4u);
  std::vector<Finding> findings = {finding("INJ002", 1, 1), finding("INJ002", 2, 4), finding("HYG001", 6, 6),
                                   finding("HYG001", 7, 7), finding("INJ002", 3, 3)};
  aegis::rules::apply_suppressions(findings, file);
  EXPECT_EQ(findings[0].status, FindingStatus::Accepted);
  EXPECT_EQ(findings[0].status_reason, "suppressed by # nosec B602");
  EXPECT_EQ(findings[0].suppressed_by, "# nosec B602");
  EXPECT_EQ(findings[1].status, FindingStatus::Accepted);
  EXPECT_EQ(findings[1].status_reason, "admin only");
  EXPECT_EQ(findings[2].status, FindingStatus::Open);
  EXPECT_EQ(findings[3].status, FindingStatus::Open);
  EXPECT_EQ(findings[4].status, FindingStatus::Open);

  auto unused = aegis::rules::unused_suppressions(file, [](std::string_view) { return true; });
  ASSERT_EQ(unused.size(), 2u);  // the bare nosec of line 5 and the B602 of line 7
  EXPECT_EQ(unused[0].line, 5);
  EXPECT_EQ(unused[1].line, 7);
  EXPECT_EQ(unused[1].column, 11);
  // Rules that did not run are not reported as unused.
  EXPECT_EQ(aegis::rules::unused_suppressions(file, [](std::string_view id) { return id != "INJ002"; }).size(), 1u);
}

TEST(ApplySuppressions, DiagnosticsCarryPositions) {
  auto file = aegis::rules::collect_suppressions("x = 1  # aegis: ignore[INJ002\n", "f.py", 14, resolve);
  EXPECT_TRUE(file.suppressions.empty());
  ASSERT_EQ(file.diagnostics.size(), 1u);
  EXPECT_EQ(file.diagnostics[0].kind, aegis::DiagnosticKind::Config);
  EXPECT_EQ(file.diagnostics[0].severity, DiagnosticSeverity::Warning);
  EXPECT_EQ(file.diagnostics[0].line, 1);
  EXPECT_EQ(file.diagnostics[0].column, 23);
  EXPECT_EQ(file.diagnostics[0].path, "f.py");
}
