// Inline suppression comments (docs/suppressions.md). A finding whose first or last line
// carries a comment naming its rule is not dropped: it is kept with status `accepted`, the
// comment's reason and the comment's text.
//
// The forms understood (one comment may hold several, e.g. `# noqa: E501  # nosec B602`):
//   # aegis: ignore[RULE, RULE] -- reason   the strict Aegis form; `-- reason` optional
//   # aegis: ignore -- reason               every rule on the line (broad)
//   # nosec | # nosec B602, B101 | #nosec: B602 [-- reason]     Bandit's habit
//   # noqa: S602, E501 [-- reason]          Ruff's habit: S codes (and Aegis ids) count,
//                                           other linters' codes are left alone; a bare
//                                           `# noqa` suppresses NO security finding
//   # nosemgrep | # nosemgrep: rule-id [-- reason]          Semgrep's habit
// RULE may be an Aegis id (INJ002), a rule name (subprocess-shell-true), a Bandit id (B602)
// or a Ruff code (S602). Comments are found with the project's own tokenizer, so a `#`
// inside any string literal (prefixes, triple quotes, escapes, PEP 701 f-strings) is never
// taken for one.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "core/finding.h"

namespace aegis::rules {

// One real comment of a Python file: from its '#' to the end of the line.
struct Comment {
  int line = 0;        // 1-based
  int column = 0;      // 1-based, in characters
  std::size_t offset = 0;  // byte offset of '#' in the text
  std::string_view text;   // "# ...", without the line ending
};

// Every comment of `text` (decoded UTF-8 source that tokenizes under Python 3.<minor>), in
// order. When the text does not tokenize, the comments before the error are returned.
std::vector<Comment> find_comments(std::string_view text, int feature_minor = 14);

// True when `text` may hold a suppression comment at all (a '#' followed by one of the
// directive words): a cheap test that spares tokenizing the other files.
bool may_hold_suppressions(std::string_view text);

enum class SuppressionKind { Aegis, Nosec, Noqa, Nosemgrep };
const char* to_string(SuppressionKind kind);  // "aegis", "nosec", "noqa", "nosemgrep"

// A suppression comment found in a file, and what it did.
struct Suppression {
  std::string path;                 // as findings and diagnostics show it
  int line = 0;
  int column = 0;                   // of the directive's '#'
  SuppressionKind kind = SuppressionKind::Aegis;
  std::string text;                 // the directive as written: "# nosec B602, B101"
  std::vector<std::string> written; // the rule names as written, known ones only
  std::vector<std::string> rules;   // the Aegis id each of `written` resolves to
  bool broad = false;               // names no rule: accepts every finding on its line
  std::string reason;               // "" when none was given
  std::vector<std::size_t> accepted_by_rule;  // findings accepted, per entry of `rules`
  std::size_t accepted = 0;         // findings accepted in all
};

// A problem with a comment: malformed, an unknown id, a broad suppression (a note).
struct SuppressionProblem {
  DiagnosticSeverity severity = DiagnosticSeverity::Warning;
  int column_offset = 0;  // characters from the comment's '#'
  std::string message;
};

// Resolves a rule name as written to an Aegis id; "" when no rule has that name.
using RuleResolver = std::function<std::string(std::string_view)>;
// The resolver of the registry: ids, names, Bandit ids and Ruff codes.
RuleResolver registry_resolver();

// Parses one comment ("# ..." to the end of its line). Appends the directives it holds
// to `out` (without path or position) and what is wrong with it to `problems`. Returns
// the number of directives found.
std::size_t parse_comment(std::string_view comment, const RuleResolver& resolve,
                          std::vector<Suppression>& out, std::vector<SuppressionProblem>& problems);

// The suppressions of one file.
struct FileSuppressions {
  std::vector<Suppression> suppressions;  // in line order
  std::vector<Diagnostic> diagnostics;    // malformed comments, unknown ids, broad ones
};

// Finds and parses every suppression comment of a file.
FileSuppressions collect_suppressions(std::string_view text, const std::string& path, int feature_minor,
                                      const RuleResolver& resolve);

// Accepts each open finding of `findings` (one file's) that a suppression names on the
// finding's first or last line: status Accepted, status_reason = the reason (or
// "suppressed by <comment>"), suppressed_by = the comment. Counts what each accepted.
void apply_suppressions(std::vector<Finding>& findings, FileSuppressions& file);

// Diagnostics (warnings) for the suppressions of `file` that accepted nothing; an entry
// naming a rule that did not run (`ran` says which did) is not reported.
std::vector<Diagnostic> unused_suppressions(const FileSuppressions& file,
                                            const std::function<bool(std::string_view)>& ran);

}  // namespace aegis::rules
