// Which bytes of a Python module's text are code: not a comment, and not the literal text
// of a string. The data flow's entry detection looks for words in the text; a word that
// only appears in a docstring or a comment must not make a function an entry (the
// standard library's pydoc_data/topics.py, 800 KB of strings, mentions `request`, `argv` and
// `stdin` 27 times, none of them in code).
#pragma once
#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

namespace aegis::dataflow {

class CodeText {
 public:
  // A lexical scan of the whole text (not a tokenizer: it needs no valid input). The code
  // in an f-string's or t-string's replacement fields is code; its literal text is not.
  explicit CodeText(std::string_view text);

  // Whether the byte at `offset` is code. Bytes of an unterminated string or comment, to
  // the end of its line or the text, are not.
  bool is_code(std::size_t offset) const;

  // The [begin, end) byte ranges that are not code, in order and disjoint.
  const std::vector<std::pair<std::size_t, std::size_t>>& non_code() const { return non_code_; }

 private:
  std::vector<std::pair<std::size_t, std::size_t>> non_code_;
};

}  // namespace aegis::dataflow
