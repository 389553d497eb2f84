// HYG004 bidi-control-character (Bandit B613): Unicode bidirectional control characters in
// source text ("Trojan Source", CVE-2021-42574). They make an editor or a review tool show
// code in an order other than the one the interpreter reads.
#include <cstring>
#include <string>

#include "rules/rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "HYG004",
    .name = "bidi-control-character",
    .title = "bidirectional Unicode control character in source (Trojan Source)",
    .severity = Severity::High,
    .confidence = Confidence::High,
    .cwe = 1007,
    .owasp = "A08:2021-Software and Data Integrity Failures",
    .area = Area::InputValidation,
    .flags = "Every bidirectional control character anywhere in a Python file (code, comments, "
             "strings), with its line and column: the embeddings and overrides U+202A-U+202E and "
             "the isolates U+2066-U+2069 (high), and the direction marks U+200E, U+200F and U+061C "
             "(medium: they reorder less, and right-to-left text uses them legitimately). At most "
             "100 are reported per file, then one finding counts the rest.",
    .why = "These invisible characters reorder how text is displayed, not how it is parsed: a "
           "comment can appear to end before code that actually sits inside it, or a string can "
           "appear to hold `admin` while the check compares something else. A reviewer approves "
           "what they see; the interpreter runs something different (CVE-2021-42574).",
    .example = "access_level = \"user\\u202e \\u2066# Check if admin\\u2069 \\u2066\"",
    .fix = "Remove the characters from code and comments. In string literals that really need "
           "them (right-to-left user text), write them as escapes (`\"\\u200f\"`) so they are "
           "visible in review.",
    .effort = "5 min",
    .references = {"https://trojansource.codes/",
                   "https://nvd.nist.gov/vuln/detail/CVE-2021-42574",
                   "https://cwe.mitre.org/data/definitions/1007.html",
                   "https://cwe.mitre.org/data/definitions/838.html"},
    .bandit = "B613",
    .ruff = "",
};

constexpr int kMaxReportsPerFile = 100;

struct BidiCharacter {
  const char* utf8;
  const char* name;
  bool mark;  // a direction mark rather than an embedding, override or isolate
};

constexpr BidiCharacter kCharacters[] = {
    {"\xE2\x80\xAA", "U+202A LEFT-TO-RIGHT EMBEDDING", false},
    {"\xE2\x80\xAB", "U+202B RIGHT-TO-LEFT EMBEDDING", false},
    {"\xE2\x80\xAC", "U+202C POP DIRECTIONAL FORMATTING", false},
    {"\xE2\x80\xAD", "U+202D LEFT-TO-RIGHT OVERRIDE", false},
    {"\xE2\x80\xAE", "U+202E RIGHT-TO-LEFT OVERRIDE", false},
    {"\xE2\x81\xA6", "U+2066 LEFT-TO-RIGHT ISOLATE", false},
    {"\xE2\x81\xA7", "U+2067 RIGHT-TO-LEFT ISOLATE", false},
    {"\xE2\x81\xA8", "U+2068 FIRST STRONG ISOLATE", false},
    {"\xE2\x81\xA9", "U+2069 POP DIRECTIONAL ISOLATE", false},
    {"\xE2\x80\x8E", "U+200E LEFT-TO-RIGHT MARK", true},
    {"\xE2\x80\x8F", "U+200F RIGHT-TO-LEFT MARK", true},
    {"\xD8\x9C", "U+061C ARABIC LETTER MARK", true},
};

// The bidi character encoded at text[i], or null.
const BidiCharacter* bidi_at(std::string_view text, std::size_t i) {
  unsigned char lead = static_cast<unsigned char>(text[i]);
  if (lead != 0xE2 && lead != 0xD8) return nullptr;
  for (const BidiCharacter& c : kCharacters) {
    std::string_view bytes(c.utf8);
    if (text.compare(i, bytes.size(), bytes) == 0) return &c;
  }
  return nullptr;
}

class BidiControlCharacter final : public Rule {
 public:
  BidiControlCharacter() : Rule(kMeta) {}

  void check_file(RuleContext& ctx) const override {
    std::string_view text = ctx.text();
    // Every bidi character starts with the byte 0xE2 or 0xD8, which most files do not
    // contain at all: memchr finds that out much faster than the walk below.
    // Files that have them mostly hold dashes and quotes (also 0xE2): look at each lead
    // byte first, and walk the lines only when one starts a bidi character.
    auto any_bidi_after = [&](unsigned char lead) {
      const char* begin = text.data();
      const char* end = begin + text.size();
      for (const char* p = begin; (p = static_cast<const char*>(std::memchr(p, lead, end - p))) != nullptr; ++p) {
        if (bidi_at(text, static_cast<std::size_t>(p - begin))) return true;
      }
      return false;
    };
    if (!any_bidi_after(0xE2) && !any_bidi_after(0xD8)) return;
    int line = 1, reported = 0, beyond = 0, first_beyond_line = 0;
    bool beyond_only_marks = true;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      char ch = text[i];
      // Physical lines as the parser counts them: \n, \r\n and a lone \r.
      if (ch == '\n' || ch == '\r') {
        if (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        ++line;
        line_start = i + 1;
        continue;
      }
      const BidiCharacter* bidi = bidi_at(text, i);
      if (!bidi) continue;
      if (reported == kMaxReportsPerFile) {
        if (beyond++ == 0) first_beyond_line = line;
        beyond_only_marks = beyond_only_marks && bidi->mark;
        continue;
      }
      ++reported;
      int column = static_cast<int>(i - line_start);
      int width = static_cast<int>(std::string_view(bidi->utf8).size());
      Finding& f = ctx.report_at(line, column, line, column + width,
                                 std::string(bidi->name) +
                                     (bidi->mark ? " in the source: it can reorder how neighbouring "
                                                   "text is displayed"
                                                 : " in the source: code may be displayed in a "
                                                   "different order than it runs"));
      if (bidi->mark) f.severity = Severity::Medium;
    }
    if (beyond > 0) {
      Finding& f = ctx.report_at(first_beyond_line, 0, first_beyond_line, 0,
                                 std::to_string(beyond) + " more bidirectional control characters from line " +
                                     std::to_string(first_beyond_line) + " on (not listed one by one)");
      if (beyond_only_marks) f.severity = Severity::Medium;
    }
  }
};

AEGIS_REGISTER_RULE(BidiControlCharacter);

}  // namespace
}  // namespace aegis::rules
