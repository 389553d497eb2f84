// The match statement and PEP 634 patterns (CPython's Grammar/python.gram,
// pattern rules). `match` and `case` are soft keywords: a statement starting
// with `match` is tried as a match statement first and parsed as an ordinary
// statement when that fails, as CPython does.
#include <string>

#include "python/literals.h"
#include "python/parser.h"

namespace aegis::py {

namespace {

// Tokens that cannot follow `match` in a match statement: the statement is
// then certainly an expression or assignment using the name `match`.
bool cannot_start_subject(TokenKind k) {
  switch (k) {
    case TokenKind::Newline:
    case TokenKind::EndMarker:
    case TokenKind::Equal:
    case TokenKind::Dot:
    case TokenKind::Colon:
    case TokenKind::Semi:
    case TokenKind::Comma:
    case TokenKind::RPar:
    case TokenKind::RSqb:
    case TokenKind::RBrace:
    case TokenKind::PlusEqual:
    case TokenKind::MinEqual:
    case TokenKind::StarEqual:
    case TokenKind::AtEqual:
    case TokenKind::SlashEqual:
    case TokenKind::PercentEqual:
    case TokenKind::AmperEqual:
    case TokenKind::VBarEqual:
    case TokenKind::CircumflexEqual:
    case TokenKind::LeftShiftEqual:
    case TokenKind::RightShiftEqual:
    case TokenKind::DoubleStarEqual:
    case TokenKind::DoubleSlashEqual:
      return true;
    default:
      return false;
  }
}

}  // namespace

Stmt* Parser::match_stmt() {
  if (!at_soft_keyword("match") || cannot_start_subject(kind(1))) return nullptr;
  std::size_t start = mark();
  bool had_error = failed();
  const Token& first = advance();
  Expr* subject = subject_expr();
  // `match x = 3:` is no statement of any kind: give CPython's hint.
  if (subject != nullptr && subject->kind == NodeKind::Name && at(TokenKind::Equal)) {
    assignment_in_condition(subject);
    if (failed()) return nullptr;
  }
  if (subject == nullptr || !at(TokenKind::Colon) || kind(1) != TokenKind::Newline) {
    // Not a match statement: forget anything this attempt reported.
    if (!had_error) error_.reset();
    reset(start);
    return nullptr;
  }
  if (options_.feature_minor < 10) {
    return syntax_error("Pattern matching is only supported in Python 3.10 and greater", first);
  }
  advance();  // ':'
  if (kind(1) != TokenKind::Indent) {
    return syntax_error("expected an indented block after 'match' statement on line " +
                            std::to_string(first.lineno),
                        peek(1));
  }
  advance();  // NEWLINE
  advance();  // INDENT
  ScratchVector<MatchCase*> cases_scratch;
  auto& cases = *cases_scratch;
  while (at_soft_keyword("case")) {
    MatchCase* c = case_block();
    if (c == nullptr) return nullptr;
    cases.push_back(c);
  }
  if (cases.empty() || !accept(TokenKind::Dedent)) return invalid_syntax_here();
  Match* s = make_stmt<Match>(first);
  s->subject = subject;
  s->cases = span(cases);
  return s;
}

Expr* Parser::subject_expr() {
  const Token& first = peek();
  Expr* e = star_named_expression();
  if (e == nullptr) return nullptr;
  if (at(TokenKind::Comma)) {
    ScratchVector<Expr*> elts_scratch;
    auto& elts = *elts_scratch;
    elts.push_back(e);
    while (accept(TokenKind::Comma)) {
      if (at(TokenKind::Colon)) break;
      Expr* next = star_named_expression();
      if (next == nullptr) return nullptr;
      elts.push_back(next);
    }
    Tuple* t = make<Tuple>(first);
    t->elts = span(elts);
    t->ctx = ExprContext::Load;
    return t;
  }
  if (e->kind == NodeKind::Starred) return nullptr;
  return e;
}

MatchCase* Parser::case_block() {
  const Token& case_token = advance();
  Pattern* p = patterns();
  if (p == nullptr) return failed() ? nullptr : invalid_syntax_here();
  Expr* guard = nullptr;
  if (accept(TokenKind::KwIf)) {
    guard = named_expression();
    if (guard == nullptr) return failed() ? nullptr : invalid_syntax_here();
  }
  if (!at(TokenKind::Colon)) return expected_colon(false);
  advance();
  ScratchVector<Stmt*> body_scratch;
  auto& body = *body_scratch;
  if (!block_after(body, "'case' statement", case_token)) return nullptr;
  MatchCase* c = arena_.make<MatchCase>();
  c->pattern = p;
  c->guard = guard;
  c->body = span(body);
  return c;
}

bool Parser::pattern_can_start() const {
  switch (kind()) {
    case TokenKind::Star:
    case TokenKind::Name:
    case TokenKind::Number:
    case TokenKind::Minus:
    case TokenKind::String:
    case TokenKind::FStringStart:
    case TokenKind::TStringStart:
    case TokenKind::KwNone:
    case TokenKind::KwTrue:
    case TokenKind::KwFalse:
    case TokenKind::LPar:
    case TokenKind::LSqb:
    case TokenKind::LBrace:
      return true;
    default:
      return false;
  }
}

bool Parser::at_capture_target() const {
  if (!at(TokenKind::Name) || at_soft_keyword("_")) return false;
  TokenKind next = kind(1);
  return next != TokenKind::Dot && next != TokenKind::LPar && next != TokenKind::Equal;
}

Pattern* Parser::patterns() {
  const Token& first = peek();
  Pattern* p = maybe_star_pattern();
  if (p == nullptr) return nullptr;
  if (!at(TokenKind::Comma)) {
    if (p->kind == NodeKind::MatchStar) return invalid_syntax_here();
    return p;
  }
  // open_sequence_pattern: a tuple of patterns without brackets.
  ScratchVector<Pattern*> items_scratch;
  auto& items = *items_scratch;
  items.push_back(p);
  while (accept(TokenKind::Comma)) {
    if (!pattern_can_start()) break;
    Pattern* next = maybe_star_pattern();
    if (next == nullptr) return nullptr;
    items.push_back(next);
  }
  MatchSequence* seq = make<MatchSequence>(first);
  seq->patterns = span(items);
  return seq;
}

Pattern* Parser::maybe_star_pattern() {
  if (!at(TokenKind::Star)) return pattern();
  const Token& star = advance();
  std::string_view name;
  if (at_soft_keyword("_")) {
    advance();
  } else if (at_capture_target()) {
    name = identifier(advance());
  } else {
    return invalid_syntax_here();
  }
  MatchStar* s = make<MatchStar>(star);
  s->name = name;
  return s;
}

Pattern* Parser::pattern() {
  DepthGuard guard(*this);
  if (!guard.ok()) return nullptr;
  const Token& first = peek();
  Pattern* p = or_pattern();
  if (p == nullptr) return nullptr;
  if (!at(TokenKind::KwAs)) return p;
  advance();
  if (at_soft_keyword("_")) return syntax_error("cannot use '_' as a target", peek());
  if (!at_capture_target()) {
    if (!at(TokenKind::Name)) {
      // CPython's invalid_as_pattern names the whole expression.
      Expr* e = expression();
      if (e != nullptr) return syntax_error_at_node("invalid pattern target", e);
    }
    return failed() ? nullptr : invalid_syntax_here();
  }
  std::string_view name = identifier(advance());
  MatchAs* as = make<MatchAs>(first);
  as->pattern = p;
  as->name = name;
  return as;
}

Pattern* Parser::or_pattern() {
  const Token& first = peek();
  Pattern* p = closed_pattern();
  if (p == nullptr) return nullptr;
  if (!at(TokenKind::VBar)) return p;
  ScratchVector<Pattern*> alternatives_scratch;
  auto& alternatives = *alternatives_scratch;
  alternatives.push_back(p);
  while (accept(TokenKind::VBar)) {
    Pattern* next = closed_pattern();
    if (next == nullptr) return nullptr;
    alternatives.push_back(next);
  }
  MatchOr* o = make<MatchOr>(first);
  o->patterns = span(alternatives);
  return o;
}

Pattern* Parser::closed_pattern() {
  const Token& first = peek();
  switch (first.kind) {
    case TokenKind::Number:
    case TokenKind::Minus: {
      Expr* value = number_literal();
      if (value == nullptr) {
        if (failed()) return nullptr;
        // `-` not followed by a number: CPython points at what follows it.
        if (at(TokenKind::Minus)) advance();
        return invalid_syntax_here();
      }
      MatchValue* v = make<MatchValue>(first);
      v->value = value;
      return v;
    }
    case TokenKind::String:
    case TokenKind::FStringStart:
    case TokenKind::TStringStart: {
      Expr* value = strings();
      if (value == nullptr) return failed() ? nullptr : invalid_syntax_here();
      MatchValue* v = make<MatchValue>(first);
      v->value = value;
      return v;
    }
    case TokenKind::KwNone:
    case TokenKind::KwTrue:
    case TokenKind::KwFalse: {
      advance();
      MatchSingleton* s = make<MatchSingleton>(first);
      s->value.kind = first.kind == TokenKind::KwNone   ? ConstantKind::None
                      : first.kind == TokenKind::KwTrue ? ConstantKind::True
                                                        : ConstantKind::False;
      return s;
    }
    case TokenKind::Name: return name_pattern();
    case TokenKind::LPar: return group_or_sequence_pattern();
    case TokenKind::LSqb: return list_sequence_pattern();
    case TokenKind::LBrace: return mapping_pattern();
    default: return invalid_syntax_here();
  }
}

Pattern* Parser::name_pattern() {
  const Token& first = peek();
  if (at_soft_keyword("_")) {
    // wildcard_pattern comes before value and class patterns, so `_.x` and
    // `_(...)` are errors, as in CPython.
    advance();
    return make<MatchAs>(first);
  }
  Expr* target = name_or_attr();
  if (at(TokenKind::LPar)) return class_pattern(target, first);
  if (at(TokenKind::Equal)) return invalid_syntax_here();
  if (target->kind == NodeKind::Attribute) {
    MatchValue* v = make<MatchValue>(first);
    v->value = target;
    return v;
  }
  MatchAs* capture = make<MatchAs>(first);
  capture->name = static_cast<Name*>(target)->id;
  return capture;
}

Expr* Parser::name_or_attr() {
  const Token& first = advance();
  Name* name = make<Name>(first);
  name->id = identifier(first);
  name->ctx = ExprContext::Load;
  Expr* e = name;
  while (at(TokenKind::Dot) && kind(1) == TokenKind::Name) {
    advance();
    const Token& attr = advance();
    Attribute* a = make<Attribute>(first);
    a->value = e;
    a->attr = identifier(attr);
    a->ctx = ExprContext::Load;
    e = a;
  }
  return e;
}

Pattern* Parser::class_pattern(Expr* cls, const Token& first) {
  advance();  // '('
  ScratchVector<Pattern*> positional_scratch;
  auto& positional = *positional_scratch;
  ScratchVector<std::string_view> kwd_attrs_scratch;
  auto& kwd_attrs = *kwd_attrs_scratch;
  ScratchVector<Pattern*> kwd_patterns_scratch;
  auto& kwd_patterns = *kwd_patterns_scratch;
  Pattern* first_misplaced = nullptr;
  Pattern* last_misplaced = nullptr;
  while (!at(TokenKind::RPar)) {
    if (at(TokenKind::Name) && kind(1) == TokenKind::Equal) {
      kwd_attrs.push_back(identifier(advance()));
      advance();  // '='
      Pattern* p = pattern();
      if (p == nullptr) return nullptr;
      kwd_patterns.push_back(p);
    } else {
      Pattern* p = pattern();
      if (p == nullptr) return nullptr;
      if (!kwd_attrs.empty()) {
        if (first_misplaced == nullptr) first_misplaced = p;
        last_misplaced = p;
      }
      positional.push_back(p);
    }
    if (!accept(TokenKind::Comma)) break;
  }
  if (!at(TokenKind::RPar)) return invalid_syntax_here();
  if (first_misplaced != nullptr) {
    return syntax_error_range("positional patterns follow keyword patterns", first_misplaced->lineno,
                              first_misplaced->col_offset, last_misplaced->end_lineno,
                              last_misplaced->end_col_offset);
  }
  advance();  // ')'
  MatchClass* c = make<MatchClass>(first);
  c->cls = cls;
  c->patterns = span(positional);
  c->kwd_attrs = span(kwd_attrs);
  c->kwd_patterns = span(kwd_patterns);
  return c;
}

bool Parser::sequence_items(std::vector<Pattern*>& items, TokenKind close) {
  while (!at(close)) {
    Pattern* p = maybe_star_pattern();
    if (p == nullptr) return false;
    items.push_back(p);
    if (!accept(TokenKind::Comma)) break;
  }
  return true;
}

Pattern* Parser::group_or_sequence_pattern() {
  const Token& first = advance();  // '('
  ScratchVector<Pattern*> items_scratch;
  auto& items = *items_scratch;
  if (!at(TokenKind::RPar)) {
    Pattern* p = maybe_star_pattern();
    if (p == nullptr) return nullptr;
    if (at(TokenKind::RPar) && p->kind != NodeKind::MatchStar) {
      advance();
      return p;  // group_pattern: the parentheses leave no trace
    }
    if (!accept(TokenKind::Comma)) return invalid_syntax_here();
    items.push_back(p);
    if (!sequence_items(items, TokenKind::RPar)) return nullptr;
  }
  if (!accept(TokenKind::RPar)) return invalid_syntax_here();
  MatchSequence* seq = make<MatchSequence>(first);
  seq->patterns = span(items);
  return seq;
}

Pattern* Parser::list_sequence_pattern() {
  const Token& first = advance();  // '['
  ScratchVector<Pattern*> items_scratch;
  auto& items = *items_scratch;
  if (!sequence_items(items, TokenKind::RSqb)) return nullptr;
  if (!accept(TokenKind::RSqb)) return invalid_syntax_here();
  MatchSequence* seq = make<MatchSequence>(first);
  seq->patterns = span(items);
  return seq;
}

Pattern* Parser::mapping_pattern() {
  const Token& first = advance();  // '{'
  ScratchVector<Expr*> keys_scratch;
  auto& keys = *keys_scratch;
  ScratchVector<Pattern*> values_scratch;
  auto& values = *values_scratch;
  std::string_view rest;
  while (!at(TokenKind::RBrace)) {
    if (accept(TokenKind::DoubleStar)) {
      if (!at_capture_target()) return invalid_syntax_here();
      rest = identifier(advance());
      accept(TokenKind::Comma);
      break;  // `**rest` must come last
    }
    const Token& key_token = peek();
    Expr* key = nullptr;
    switch (key_token.kind) {
      case TokenKind::Number:
      case TokenKind::Minus: key = number_literal(); break;
      case TokenKind::String:
      case TokenKind::FStringStart:
      case TokenKind::TStringStart: key = strings(); break;
      case TokenKind::KwNone:
      case TokenKind::KwTrue:
      case TokenKind::KwFalse: {
        advance();
        Constant* c = make<Constant>(key_token);
        c->value.kind = key_token.kind == TokenKind::KwNone   ? ConstantKind::None
                        : key_token.kind == TokenKind::KwTrue ? ConstantKind::True
                                                              : ConstantKind::False;
        key = c;
        break;
      }
      case TokenKind::Name:
        key = name_or_attr();
        if (key->kind != NodeKind::Attribute) key = nullptr;  // a key needs a dotted name
        break;
      default: break;
    }
    if (key == nullptr) return failed() ? nullptr : invalid_syntax_here();
    if (!accept(TokenKind::Colon)) return invalid_syntax_here();
    Pattern* value = pattern();
    if (value == nullptr) return nullptr;
    keys.push_back(key);
    values.push_back(value);
    if (!accept(TokenKind::Comma)) break;
  }
  if (!accept(TokenKind::RBrace)) return invalid_syntax_here();
  MatchMapping* m = make<MatchMapping>(first);
  m->keys = span(keys);
  m->patterns = span(values);
  m->rest = rest;
  return m;
}

Expr* Parser::number_constant(const Token& t) {
  Constant* c = make<Constant>(t);
  c->value = number_value(text_of(t), arena_);
  return c;
}

Expr* Parser::number_literal() {
  const Token& first = peek();
  bool negative = at(TokenKind::Minus);
  if (negative && kind(1) != TokenKind::Number) return nullptr;
  if (negative) advance();
  if (!at(TokenKind::Number)) return nullptr;
  Expr* value = number_constant(advance());
  if (negative) {
    UnaryOp* u = make<UnaryOp>(first);
    u->op = UnaryOperator::USub;
    u->operand = value;
    value = u;
  }
  if (!at(TokenKind::Plus) && !at(TokenKind::Minus)) return value;
  // complex_number: signed_real_number ('+' | '-') imaginary_number
  const Constant* real = static_cast<const Constant*>(negative ? static_cast<UnaryOp*>(value)->operand
                                                               : value);
  if (real->value.kind == ConstantKind::Complex) {
    return syntax_error_at_node("real number required in complex literal", real);
  }
  Operator op = at(TokenKind::Plus) ? Operator::Add : Operator::Sub;
  advance();
  if (!at(TokenKind::Number)) return invalid_syntax_here();
  Expr* imaginary = number_constant(advance());
  if (static_cast<Constant*>(imaginary)->value.kind != ConstantKind::Complex) {
    return syntax_error_at_node("imaginary number required in complex literal", imaginary);
  }
  BinOp* b = make<BinOp>(first);
  b->left = value;
  b->op = op;
  b->right = imaginary;
  return b;
}

}  // namespace aegis::py
