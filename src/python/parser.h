// The Python parser: tokens in, CPython-identical AST out (or one SyntaxError).
//
// Hand-written recursive descent that follows CPython's PEG grammar
// (Grammar/python.gram) rule by rule, with backtracking through mark()/reset().
// The class is split by concern across files:
//   parser_core.cpp     token cursor, node construction, errors, depth limits
//   parser_expr.cpp     expressions, strings and f-strings, calls, params, targets
//   parser_stmt.cpp     statements, blocks, definitions, imports, the module
//   parser_pattern.cpp  match statements and patterns
// Declarations of each part's rules live in the matching .inc file, included
// below, so each part owns its own list.
#pragma once
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "core/arena.h"
#include "python/ast.h"
#include "python/syntax_error.h"
#include "python/tokens.h"

namespace aegis::py {

// A std::vector borrowed from a per-thread pool for the lifetime of a rule: the
// parser builds every list (statements, arguments, elements) in a temporary vector
// before copying it into the arena, and allocating and freeing one per list was a
// large share of parse time. Returned vectors keep their capacity (up to a bound).
template <typename T>
class ScratchVector {
 public:
  ScratchVector() {
    auto& free = pool();
    if (free.empty()) {
      vector_ = new std::vector<T>();
    } else {
      vector_ = free.back().release();
      free.pop_back();
    }
  }
  ~ScratchVector() {
    // A huge list (a giant file) is not kept alive after its parse.
    if (vector_->capacity() > kMaxKeptCapacity) {
      delete vector_;
      return;
    }
    vector_->clear();
    pool().emplace_back(vector_);
  }
  ScratchVector(const ScratchVector&) = delete;
  ScratchVector& operator=(const ScratchVector&) = delete;
  std::vector<T>& operator*() { return *vector_; }

 private:
  static constexpr std::size_t kMaxKeptCapacity = 4096;
  static std::vector<std::unique_ptr<std::vector<T>>>& pool() {
    thread_local std::vector<std::unique_ptr<std::vector<T>>> free;
    return free;
  }
  std::vector<T>* vector_;
};

struct ParserOptions {
  // The Python 3 minor version whose grammar applies: 12 rejects what 3.13/3.14
  // added (type parameter defaults, `except A, B:` without parentheses), exactly
  // as CPython 3.12's ast.parse does. The default accepts the newest syntax.
  int feature_minor = 14;
  // Nesting of expressions/statements beyond which the parser stops with a
  // TooDeep error instead of exhausting the native stack.
  int max_depth = 1000;
};

class Parser {
 public:
  Parser(std::string_view text, const std::vector<Token>& tokens, Arena& arena,
         const ParserOptions& options = {});

  // Parses a whole file (`file` in the grammar). Returns nullptr on error.
  Module* parse_module();
  const std::optional<SyntaxError>& error() const { return error_; }

  // ---- shared machinery (parser_core.cpp) --------------------------------
  const Token& peek(int ahead = 0) const {
    std::size_t i = pos_ + ahead;
    if (i > last_) return tokens_[last_];
    if (i > furthest_) furthest_ = i;
    return tokens_[i];
  }
  // The furthest token any rule has looked at: where CPython reports a
  // generic "invalid syntax" (the last token its parser fetched).
  const Token& furthest_token() const { return tokens_[furthest_ > pos_ ? furthest_ : pos_]; }
  const Token& previous() const { return tokens_[pos_ > 0 ? pos_ - 1 : 0]; }
  TokenKind kind(int ahead = 0) const { return peek(ahead).kind; }
  bool at(TokenKind k) const { return kind() == k; }
  // A Name token spelled `word` (soft keywords: match, case, type, _).
  bool at_soft_keyword(std::string_view word, int ahead = 0) const;
  std::string_view text_of(const Token& t) const { return text_.substr(t.start, t.end - t.start); }
  const Token& advance() { return tokens_[pos_ < last_ ? pos_++ : pos_]; }
  // Consumes the next token if it has kind `k`.
  bool accept(TokenKind k) {
    if (!at(k)) return false;
    advance();
    return true;
  }
  std::size_t mark() const { return pos_; }
  void reset(std::size_t m) { pos_ = m; }

  // Allocates a node of type T spanning from token `first` to the end of the
  // previously consumed token.
  template <typename T>
  T* make(const Token& first) {
    T* n = arena_.make<T>();
    const Token& last = previous();
    n->lineno = first.lineno;
    n->col_offset = first.col_offset;
    n->end_lineno = last.end_lineno;
    n->end_col_offset = last.end_col_offset;
    return n;
  }
  // A node spanning exactly from node `a`'s start to node `b`'s end.
  template <typename T>
  T* make_between(const Node* a, const Node* b) {
    T* n = arena_.make<T>();
    n->lineno = a->lineno;
    n->col_offset = a->col_offset;
    n->end_lineno = b->end_lineno;
    n->end_col_offset = b->end_col_offset;
    return n;
  }
  template <typename T>
  Span<T> span(const std::vector<T>& v) { return to_span(arena_, v); }
  // The identifier of a Name token, NFKC-normalised when it is not ASCII (the lexer marks
  // the names holding a non-ASCII byte: the others need no scan).
  std::string_view identifier(const Token& t) {
    return t.non_ascii ? normalized_identifier(t) : text_of(t);
  }
  std::string_view normalized_identifier(const Token& t);

  // Hard errors (CPython's RAISE_SYNTAX_ERROR*): the first one wins and makes
  // every rule fail from then on. Always returns nullptr for convenience.
  std::nullptr_t syntax_error(const std::string& message, const Token& at);
  std::nullptr_t syntax_error_range(const std::string& message, int lineno, int col, int end_lineno,
                                    int end_col);
  std::nullptr_t syntax_error_at_node(const std::string& message, const Node* n);
  std::nullptr_t too_deep(const Token& at);
  bool failed() const { return error_.has_value(); }

  // RAII guard for recursion depth; `ok()` is false once the limit is passed
  // (and a TooDeep error has been raised).
  class DepthGuard {
   public:
    explicit DepthGuard(Parser& p) : p_(p) {
      if (++p_.depth_ > p_.options_.max_depth && !p_.failed()) p_.too_deep(p_.peek());
    }
    ~DepthGuard() { --p_.depth_; }
    bool ok() const { return p_.depth_ <= p_.options_.max_depth; }
   private:
    Parser& p_;
  };

  Arena& arena() { return arena_; }
  std::string_view text() const { return text_; }

  // ---- expressions (parser_expr.cpp) -------------------------------------
#include "python/parser_expr.inc"

  // ---- statements (parser_stmt.cpp) --------------------------------------
#include "python/parser_stmt.inc"

  // ---- patterns (parser_pattern.cpp) -------------------------------------
#include "python/parser_pattern.inc"

 private:
  std::string_view text_;
  // The token list as a pointer and its last index (the end marker): peek() runs for
  // nearly every grammar rule, and a vector's size costs a division by sizeof(Token).
  const Token* tokens_;
  std::size_t last_;
  Arena& arena_;
  ParserOptions options_;
  std::size_t pos_ = 0;
  int depth_ = 0;
  mutable std::size_t furthest_ = 0;
  std::optional<SyntaxError> error_;
  friend class DepthGuard;
};

}  // namespace aegis::py
