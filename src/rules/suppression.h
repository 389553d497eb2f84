// Inline suppression comments. A suppressed finding is kept, with status `accepted` and
// the comment's reason. Grammar (docs/suppressions.md):
//   # aegis: ignore[INJ002, B602] -- reason     the strict form; the reason is recorded
//   # aegis: ignore -- reason                   broad: every rule on the line (reported as broad)
//   # nosec / # nosec B608, B101 / # nosec: B608  Bandit users' habit
//   # noqa: S608, S101                          Ruff users' habit; a bare `# noqa` is NOT a
//                                               security suppression (it is everywhere)
//   # nosemgrep / # nosemgrep: rule-id          Semgrep users' habit
// A comment suppresses findings that start or end on its line. Ids may be Aegis ids,
// names, Bandit ids or Ruff codes.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "core/finding.h"

namespace aegis::rules {

struct Suppression {
  int line = 0;                  // 1-based
  int column = 0;                // 1-based byte column of the '#'
  std::string text;              // the whole comment
  std::string style;             // "aegis", "nosec", "noqa", "nosemgrep"
  std::vector<std::string> ids;  // empty: every rule (broad)
  std::string reason;
  int used = 0;                  // findings it accepted
};

// Every comment of `text` (decoded Python source) with its line and byte column; `#`
// inside string literals is not a comment.
struct Comment {
  int line = 0;
  int column = 0;  // 1-based, bytes
  std::string_view text;
};
std::vector<Comment> find_comments(std::string_view text);

// The suppression comments of a file. Malformed `# aegis:` comments and unknown ids
// become warnings in `diagnostics` (with `path` and a position).
std::vector<Suppression> parse_suppressions(std::string_view text, const std::string& path,
                                            std::vector<Diagnostic>& diagnostics);

// Marks the findings the suppressions accept (status, reason, suppressed_by).
void apply_suppressions(std::vector<Suppression>& suppressions, std::vector<Finding>& findings);

}  // namespace aegis::rules
