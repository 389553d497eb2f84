// A small backtracking matcher with the semantics of Python's `re` for the patterns
// packaging uses (versions, specifiers, the PEP 508 tokens). Being exact matters: which
// of several possible matches `re` picks decides how a specifier token ends or where a
// requirement is rejected. Patterns are built from the combinators below.
//
// One deliberate difference: a repeated group (`(?:\.[0-9]+)*`) is possessive. Every
// such group in these grammars starts with a separator that nothing after the group can
// consume, so giving an iteration back never leads to another match; being possessive
// keeps the matcher iterative on hostile input ("1.1.1...." of any length). Repeats of a
// single character class backtrack as in `re`.
#pragma once
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aegis::deps::rx {

struct Node;
using Pattern = std::shared_ptr<const Node>;
using CharPredicate = bool (*)(char32_t);

// A literal; with `ignore_case`, ASCII letters match as under re.IGNORECASE.
Pattern lit(std::string_view text, bool ignore_case = false);
Pattern cls(CharPredicate predicate);  // one code point
Pattern seq(std::vector<Pattern> parts);
Pattern alt(std::vector<Pattern> choices);  // tried in order, as `a|b|c`
Pattern opt(Pattern p);                     // greedy `?`
Pattern repeat(Pattern p, int min, int max = -1);  // greedy; max -1: unbounded
Pattern group(int index, Pattern p);        // a capturing group (index >= 1)
Pattern lookbehind(std::string_view text);  // (?<=text)
Pattern not_lookbehind(std::vector<std::string> texts);  // (?<!a|b)
Pattern word_boundary();                    // \b with Unicode \w
Pattern end_of_text();                      // $ without MULTILINE: the end or before a final \n

struct Match {
  std::size_t end = 0;
  std::vector<std::pair<std::size_t, std::size_t>> groups;  // (npos, npos) when unset
  bool has(int index) const { return groups[index].first != std::string_view::npos; }
  std::string_view get(std::string_view text, int index) const {
    return has(index) ? text.substr(groups[index].first, groups[index].second - groups[index].first)
                      : std::string_view{};
  }
};

// Like re.match(pattern, text, pos): the first match starting at `start`, or false.
bool match(const Pattern& pattern, std::string_view text, std::size_t start, int group_count, Match& out);

}  // namespace aegis::deps::rx

namespace aegis::deps::patterns {

// packaging's Specifier regular expression without anchors (re.IGNORECASE): group 1 is
// the operator, group 2 the version text. The PEP 508 tokenizer matches it at a position;
// Specifier::parse wraps it in `^\s*` and `\s*$`.
const rx::Pattern& specifier();
bool is_space(char32_t c);

}  // namespace aegis::deps::patterns
