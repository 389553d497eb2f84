// Expressions of Python 3.12+ (CPython's Grammar/python.gram, expression half):
// precedence levels, atoms and primaries, displays and comprehensions, calls,
// slices, lambda and def parameters, assignment targets. Strings and f-strings
// live in parser_expr_strings.cpp.
//
// The PEG grammar is followed rule by rule, but alternatives that would re-parse
// the same prefix are decided by one token of lookahead or by parsing once and
// checking afterwards (targets are parsed as expressions and validated by
// set_context), so parsing stays linear.
#include <array>
#include <cstdint>
#include <utility>

#include "python/ast_visit.h"
#include "python/literals.h"
#include "python/parser.h"

namespace aegis::py {

namespace {

using TK = TokenKind;

// Tokens that can begin an `expression` (not a starred one).
bool starts_expression(TK k) {
  switch (k) {
    case TK::Name: case TK::Number: case TK::String: case TK::FStringStart:
    case TK::TStringStart: case TK::LPar: case TK::LSqb: case TK::LBrace: case TK::Minus:
    case TK::Plus: case TK::Tilde: case TK::KwNot: case TK::KwAwait: case TK::KwLambda:
    case TK::Ellipsis: case TK::KwTrue: case TK::KwFalse: case TK::KwNone:
      return true;
    default:
      return false;
  }
}

// Tokens that can begin an atom (and so a t_primary, hence a target).
bool starts_atom(TK k) {
  switch (k) {
    case TK::Name: case TK::Number: case TK::String: case TK::FStringStart:
    case TK::TStringStart: case TK::LPar: case TK::LSqb: case TK::LBrace: case TK::Ellipsis:
    case TK::KwTrue: case TK::KwFalse: case TK::KwNone:
      return true;
    default:
      return false;
  }
}

// A Name, number or True/False/None: an atom of one token whose node atom() builds
// without looking further.
bool is_one_token_atom(TK k) {
  return k == TK::Name || k == TK::Number || k == TK::KwTrue || k == TK::KwFalse ||
         k == TK::KwNone;
}

// After a one-token atom: tokens that end every level from primary to `expression`
// (no suffix, operator, comparison, boolean operator or conditional can follow), so
// the atom is the whole expression. The common delimiters only: anything else takes
// the full precedence chain.
constexpr auto kEndsExpression = [] {
  std::array<bool, 256> table{};
  for (TK k : {TK::Comma, TK::RPar, TK::RSqb, TK::RBrace, TK::Colon, TK::Newline, TK::Equal,
               TK::Semi, TK::KwFor, TK::KwElse, TK::KwAs, TK::PlusEqual, TK::MinEqual})
    table[static_cast<std::size_t>(k)] = true;
  return table;
}();

}  // namespace

// ---- names and messages ----------------------------------------------------

Expr* Parser::name_node(const Token& t, ExprContext ctx) {
  Name* n = arena().make<Name>();
  n->id = identifier(t);
  n->ctx = ctx;
  n->lineno = t.lineno;
  n->col_offset = t.col_offset;
  n->end_lineno = t.end_lineno;
  n->end_col_offset = t.end_col_offset;
  return n;
}

const char* Parser::expression_kind_name(const Expr* e) {
  switch (e->kind) {
    case NodeKind::Attribute: return "attribute";
    case NodeKind::Subscript: return "subscript";
    case NodeKind::Starred: return "starred";
    case NodeKind::Name: return "name";
    case NodeKind::List: return "list";
    case NodeKind::Tuple: return "tuple";
    case NodeKind::Lambda: return "lambda";
    case NodeKind::Call: return "function call";
    case NodeKind::BoolOp: case NodeKind::BinOp: case NodeKind::UnaryOp: return "expression";
    case NodeKind::GeneratorExp: return "generator expression";
    case NodeKind::Yield: case NodeKind::YieldFrom: return "yield expression";
    case NodeKind::Await: return "await expression";
    case NodeKind::ListComp: return "list comprehension";
    case NodeKind::SetComp: return "set comprehension";
    case NodeKind::DictComp: return "dict comprehension";
    case NodeKind::Dict: return "dict literal";
    case NodeKind::Set: return "set display";
    case NodeKind::JoinedStr: case NodeKind::FormattedValue: return "f-string expression";
    case NodeKind::TemplateStr: case NodeKind::Interpolation: return "t-string expression";
    case NodeKind::Constant: {
      switch (static_cast<const Constant*>(e)->value.kind) {
        case ConstantKind::None: return "None";
        case ConstantKind::False: return "False";
        case ConstantKind::True: return "True";
        case ConstantKind::Ellipsis: return "ellipsis";
        default: return "literal";
      }
    }
    case NodeKind::Compare: return "comparison";
    case NodeKind::IfExp: return "conditional expression";
    case NodeKind::NamedExpr: return "named expression";
    default: return "expression";
  }
}

Expr* Parser::find_invalid_target(Expr* e, TargetsType type) {
  if (e == nullptr) return nullptr;
  switch (e->kind) {
    case NodeKind::List:
      for (Expr* x : static_cast<List*>(e)->elts) {
        if (Expr* bad = find_invalid_target(x, type)) return bad;
      }
      return nullptr;
    case NodeKind::Tuple:
      for (Expr* x : static_cast<Tuple*>(e)->elts) {
        if (Expr* bad = find_invalid_target(x, type)) return bad;
      }
      return nullptr;
    case NodeKind::Starred:
      if (type == TargetsType::Del) return e;
      return find_invalid_target(static_cast<Starred*>(e)->value, type);
    case NodeKind::Compare:
      // `for a in b` reaches here as the comparison `a in b`: look at its left side.
      if (type == TargetsType::For) {
        auto* c = static_cast<Compare*>(e);
        if (c->ops[0] == CmpOperator::In) return find_invalid_target(c->left, type);
        return nullptr;
      }
      return e;
    case NodeKind::Name: case NodeKind::Subscript: case NodeKind::Attribute:
      return nullptr;
    default:
      return e;
  }
}

std::nullptr_t Parser::invalid_target_error(Expr* e, TargetsType type) {
  Expr* bad = find_invalid_target(e, type);
  if (bad == nullptr) return nullptr;
  std::string message = type == TargetsType::Del ? "cannot delete " : "cannot assign to ";
  message += expression_kind_name(bad);
  return syntax_error_at_node(message, bad);
}

bool Parser::set_context(Expr* e, ExprContext ctx) {
  if (e == nullptr) return false;
  switch (e->kind) {
    case NodeKind::Name: static_cast<Name*>(e)->ctx = ctx; return true;
    case NodeKind::Attribute: static_cast<Attribute*>(e)->ctx = ctx; return true;
    case NodeKind::Subscript: static_cast<Subscript*>(e)->ctx = ctx; return true;
    case NodeKind::Starred: {
      auto* s = static_cast<Starred*>(e);
      // `del *a` is never valid; `*` directly inside `*` cannot be written.
      if (ctx == ExprContext::Del || s->value->kind == NodeKind::Starred) return false;
      s->ctx = ctx;
      return set_context(s->value, ctx);
    }
    case NodeKind::Tuple: {
      auto* t = static_cast<Tuple*>(e);
      for (Expr* x : t->elts) {
        if (!set_context(x, ctx)) return false;
      }
      t->ctx = ctx;
      return true;
    }
    case NodeKind::List: {
      auto* l = static_cast<List*>(e);
      for (Expr* x : l->elts) {
        if (!set_context(x, ctx)) return false;
      }
      l->ctx = ctx;
      return true;
    }
    default:
      return false;
  }
}

// ---- messages for invalid displays ----------------------------------------------

// After an element of a bracketed display or call that is not followed by ',' or
// the closing bracket: CPython's "Perhaps you forgot a comma?" and "Maybe you meant
// '=='" diagnoses (invalid_expression, invalid_named_expression). Nothing valid can
// follow an element there, so these are safe to raise directly.
std::nullptr_t Parser::display_element_error(Expr* element, const Token& element_first) {
  if (failed() || element == nullptr) return nullptr;
  std::size_t m = mark();
  if (at(TK::Equal)) {
    advance();
    Expr* value = bitwise_or();
    if (value && !at(TK::Equal) && !at(TK::ColonEqual)) {
      if (element->kind == NodeKind::Name) {
        return syntax_error_range(
            "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", element->lineno,
            element->col_offset, value->end_lineno, value->end_col_offset);
      }
      bool excluded = element->kind == NodeKind::List || element->kind == NodeKind::Tuple ||
                      element->kind == NodeKind::GeneratorExp ||
                      element_first.kind == TK::KwTrue || element_first.kind == TK::KwFalse ||
                      element_first.kind == TK::KwNone;
      if (!excluded) {
        return syntax_error_at_node(std::string("cannot assign to ") +
                                        expression_kind_name(element) +
                                        " here. Maybe you meant '==' instead of '='?",
                                    element);
      }
    }
    if (failed()) return nullptr;
    reset(m);
    return nullptr;
  }
  if (!starts_expression(kind())) return nullptr;
  if (element_first.kind == TK::Name && &element_first == &previous() &&
      (at(TK::String) || at(TK::FStringStart))) {
    return nullptr;
  }
  if (element_first.kind == TK::Name && &element_first == &previous()) {
    std::string_view word = text_of(element_first);
    if (word == "match" || word == "case" || word == "type" || word == "_") return nullptr;
  }
  Expr* next = expression();
  if (next && !failed()) {
    return syntax_error_range("invalid syntax. Perhaps you forgot a comma?", element->lineno,
                              element->col_offset, next->end_lineno, next->end_col_offset);
  }
  if (!failed()) reset(m);
  return nullptr;
}

// ---- expressions -----------------------------------------------------------

// CPython 3.12 builds its Python AST objects recursively and gives up (RecursionError
// from ast.parse) on trees nested deeper than about 3000 levels, counted from the
// Module: a chain of 2994 binary operators passes, 2995 do not. Chains we fold
// without recursion (unary operators, operator and call/attribute chains) are held
// to the same limit here. Only expressions of that many tokens can be so deep.
constexpr int kMaxExpressionTreeDepth = 2994;

bool Parser::tree_too_deep(Expr* root, int limit) {
  std::vector<std::pair<Node*, int>> stack{{root, 1}};
  while (!stack.empty()) {
    // No structured binding: clang 14 cannot capture one in the lambda below.
    Node* node = stack.back().first;
    const int depth = stack.back().second;
    stack.pop_back();
    if (depth > limit) return true;
    for_each_child(node, [&](Node* child) { stack.emplace_back(child, depth + 1); });
  }
  return false;
}

Expr* Parser::expression() {
  // `x,` `1)` `None:`: an atom and a delimiter need not descend the ten precedence
  // levels, each of which would hand the atom back unchanged. Not past the depth
  // limit or after an error, where expression_inner() has something to say.
  if (is_one_token_atom(kind()) && kEndsExpression[static_cast<std::size_t>(kind(1))] &&
      depth_ < options_.max_depth && !failed()) {
    return atom();
  }
  const std::size_t start = mark();
  ++expression_nesting_;
  Expr* e = expression_inner();
  --expression_nesting_;
  if (e != nullptr && expression_nesting_ == 0 &&
      mark() - start > static_cast<std::size_t>(kMaxExpressionTreeDepth) &&
      tree_too_deep(e, kMaxExpressionTreeDepth)) {
    return too_deep(tokens_[start]);
  }
  return e;
}

Expr* Parser::expression_inner() {
  DepthGuard guard(*this);
  if (!guard.ok() || failed()) return nullptr;
  if (at(TK::KwLambda)) return lambdef();
  const Token& first = peek();
  // An operand that starts with an atom (no 'not', unary sign or 'await' before it) is
  // its primary with whatever operators follow: parsed as such, it skips the eight
  // levels from disjunction down to await_primary, which would each hand it back.
  Expr* body = starts_atom(kind()) ? operators_after_primary(primary(), first) : disjunction();
  if (!body) return nullptr;
  if (!at(TK::KwIf)) return body;
  // disjunction 'if' disjunction 'else' expression; without 'else' the PEG falls
  // back to the bare disjunction and leaves 'if' to the caller.
  std::size_t m = mark();
  advance();
  Expr* test = disjunction();
  if (!test || !accept(TK::KwElse)) {
    if (failed()) return nullptr;
    if (test && !at(TK::Colon)) {
      // invalid_expression: nothing valid can follow `a if b` but 'else' or ':'.
      return syntax_error_range("expected 'else' after 'if' expression", first.lineno,
                                first.col_offset, test->end_lineno, test->end_col_offset);
    }
    reset(m);
    return body;
  }
  Expr* orelse = expression();
  if (!orelse) return nullptr;
  IfExp* n = make<IfExp>(first);
  n->test = test;
  n->body = body;
  n->orelse = orelse;
  return n;
}

Expr* Parser::walrus() {
  // NAME ':=' ~ expression
  const Token& name = advance();
  advance();  // ':='
  Expr* value = expression();
  if (!value) return nullptr;
  NamedExpr* n = make<NamedExpr>(name);
  n->target = name_node(name, ExprContext::Store);
  n->value = value;
  return n;
}

Expr* Parser::named_expression() {
  if (at(TK::Name) && kind(1) == TK::ColonEqual) return walrus();
  Expr* e = expression();
  if (!e) return nullptr;
  if (at(TK::ColonEqual)) {
    return syntax_error_at_node(
        std::string("cannot use assignment expressions with ") + expression_kind_name(e), e);
  }
  return e;
}

Expr* Parser::star_named_expression() {
  if (at(TK::Star)) {
    const Token& star = advance();
    Expr* value = bitwise_or();
    if (!value) return nullptr;
    Starred* s = make<Starred>(star);
    s->value = value;
    s->ctx = ExprContext::Load;
    return s;
  }
  return named_expression();
}

Expr* Parser::star_expressions() {
  const Token& first = peek();
  auto star_expression = [this]() -> Expr* {
    if (at(TK::Star)) {
      const Token& star = advance();
      Expr* value = bitwise_or();
      if (!value) return nullptr;
      Starred* s = make<Starred>(star);
      s->value = value;
      s->ctx = ExprContext::Load;
      return s;
    }
    return expression();
  };
  Expr* e = star_expression();
  if (!e) return nullptr;
  if (at(TK::ColonEqual) && !(e->kind == NodeKind::Name && &first == &previous())) {
    // invalid_named_expression; a bare NAME ':=' here is plain "invalid syntax".
    return syntax_error_at_node(
        std::string("cannot use assignment expressions with ") + expression_kind_name(e), e);
  }
  if (!at(TK::Comma)) return e;
  ScratchVector<Expr*> elts_scratch;
  auto& elts = *elts_scratch;
  elts.push_back(e);
  while (accept(TK::Comma)) {
    if (!at(TK::Star) && !starts_expression(kind())) break;
    Expr* x = star_expression();
    if (!x) return nullptr;
    elts.push_back(x);
  }
  Tuple* t = make<Tuple>(first);
  t->elts = span(elts);
  t->ctx = ExprContext::Load;
  return t;
}

Expr* Parser::yield_expr() {
  if (!at(TK::KwYield)) return nullptr;
  const Token& kw = advance();
  if (accept(TK::KwFrom)) {
    Expr* value = expression();
    if (!value) return nullptr;
    YieldFrom* y = make<YieldFrom>(kw);
    y->value = value;
    return y;
  }
  Expr* value = nullptr;
  if (at(TK::Star) || starts_expression(kind())) {
    value = star_expressions();
    if (!value) return nullptr;
  }
  Yield* y = make<Yield>(kw);
  y->value = value;
  return y;
}

Expr* Parser::annotated_rhs() {
  if (at(TK::KwYield)) return yield_expr();
  return star_expressions();
}

// A primary (starting at token `first`) as the left operand of every level above it,
// from '**' to 'or': exactly what disjunction() makes of an operand without prefix
// operators.
Expr* Parser::operators_after_primary(Expr* e, const Token& first) {
  if (!e || kEndsExpression[static_cast<std::size_t>(kind())]) return e;
  e = power_rest(e, first);
  e = binary_operators_rest(e, first, 1);
  e = comparison_rest(e, first);
  e = conjunction_rest(e, first);
  return disjunction_rest(e, first);
}

Expr* Parser::disjunction() {
  const Token& first = peek();
  return disjunction_rest(conjunction(), first);
}

Expr* Parser::disjunction_rest(Expr* e, const Token& first) {
  if (!e || !at(TK::KwOr)) return e;
  ScratchVector<Expr*> values_scratch;
  auto& values = *values_scratch;
  values.push_back(e);
  while (accept(TK::KwOr)) {
    Expr* x = conjunction();
    if (!x) return nullptr;
    values.push_back(x);
  }
  BoolOp* b = make<BoolOp>(first);
  b->op = BoolOperator::Or;
  b->values = span(values);
  return b;
}

Expr* Parser::conjunction() {
  const Token& first = peek();
  return conjunction_rest(inversion(), first);
}

Expr* Parser::conjunction_rest(Expr* e, const Token& first) {
  if (!e || !at(TK::KwAnd)) return e;
  ScratchVector<Expr*> values_scratch;
  auto& values = *values_scratch;
  values.push_back(e);
  while (accept(TK::KwAnd)) {
    Expr* x = inversion();
    if (!x) return nullptr;
    values.push_back(x);
  }
  BoolOp* b = make<BoolOp>(first);
  b->op = BoolOperator::And;
  b->values = span(values);
  return b;
}

Expr* Parser::inversion() {
  // 'not'* comparison, folded from the inside so long chains do not recurse.
  std::size_t start = mark();
  while (at(TK::KwNot)) advance();
  std::size_t count = mark() - start;
  Expr* e = comparison();
  if (!e) return nullptr;
  const Token& last = previous();
  for (std::size_t i = count; i-- > 0;) {
    const Token& op = tokens_[start + i];
    UnaryOp* u = arena().make<UnaryOp>();
    u->op = UnaryOperator::Not;
    u->operand = e;
    u->lineno = op.lineno;
    u->col_offset = op.col_offset;
    u->end_lineno = last.end_lineno;
    u->end_col_offset = last.end_col_offset;
    e = u;
  }
  return e;
}

namespace {
// The comparison operator starting at the parser's current token, if any (`is not`
// and `not in` take two tokens).
bool comparison_operator(const Parser& p, CmpOperator& op) {
  switch (p.kind()) {
    case TK::EqEqual: op = CmpOperator::Eq; return true;
    case TK::NotEqual: op = CmpOperator::NotEq; return true;
    case TK::Less: op = CmpOperator::Lt; return true;
    case TK::LessEqual: op = CmpOperator::LtE; return true;
    case TK::Greater: op = CmpOperator::Gt; return true;
    case TK::GreaterEqual: op = CmpOperator::GtE; return true;
    case TK::KwIn: op = CmpOperator::In; return true;
    case TK::KwIs: op = p.kind(1) == TK::KwNot ? CmpOperator::IsNot : CmpOperator::Is; return true;
    case TK::KwNot:
      if (p.kind(1) != TK::KwIn) return false;
      op = CmpOperator::NotIn;
      return true;
    default:
      return false;
  }
}
}  // namespace

Expr* Parser::comparison() {
  const Token& first = peek();
  return comparison_rest(bitwise_or(), first);
}

Expr* Parser::comparison_rest(Expr* left, const Token& first) {
  if (!left) return nullptr;
  // Most operands are not compared: borrow the scratch lists only for a comparison.
  CmpOperator op;
  if (!comparison_operator(*this, op)) return left;
  ScratchVector<CmpOperator> ops_scratch;
  auto& ops = *ops_scratch;
  ScratchVector<Expr*> comparators_scratch;
  auto& comparators = *comparators_scratch;
  do {
    advance();
    if (op == CmpOperator::IsNot || op == CmpOperator::NotIn) advance();
    Expr* right = bitwise_or();
    if (!right) return nullptr;
    ops.push_back(op);
    comparators.push_back(right);
  } while (comparison_operator(*this, op));
  Compare* c = make<Compare>(first);
  c->left = left;
  c->ops = span(ops);
  c->comparators = span(comparators);
  return c;
}

namespace {
// The binding strength of each left-associative binary operator level of the
// grammar, from `bitwise_or` (1) to `term` (6); 0: not a binary operator here.
// ('**' is right-associative and handled by power().)
struct BinaryOperatorInfo {
  std::uint8_t level = 0;
  Operator op = Operator::Add;
};
constexpr auto kBinaryOperators = [] {
  std::array<BinaryOperatorInfo, 256> table{};
  auto set = [&](TK k, int level, Operator op) {
    table[static_cast<std::size_t>(k)] = {static_cast<std::uint8_t>(level), op};
  };
  set(TK::VBar, 1, Operator::BitOr);
  set(TK::Circumflex, 2, Operator::BitXor);
  set(TK::Amper, 3, Operator::BitAnd);
  set(TK::LeftShift, 4, Operator::LShift);
  set(TK::RightShift, 4, Operator::RShift);
  set(TK::Plus, 5, Operator::Add);
  set(TK::Minus, 5, Operator::Sub);
  set(TK::Star, 6, Operator::Mult);
  set(TK::Slash, 6, Operator::Div);
  set(TK::DoubleSlash, 6, Operator::FloorDiv);
  set(TK::Percent, 6, Operator::Mod);
  set(TK::At, 6, Operator::MatMult);
  return table;
}();
}  // namespace

// bitwise_or .. term of the grammar in one precedence-climbing loop instead of one
// function per level: every operand used to pass through six nested calls. The
// tree is the same: each level is left-associative and a BinOp spans from the
// first token of its left operand to the end of its right operand.
Expr* Parser::bitwise_or() { return binary_operators(1); }

Expr* Parser::binary_operators(int min_level) {
  // An operand of one token that nothing binds to (`== None:`, `+ 1)`) needs none of
  // factor, power, await_primary, primary and their suffix loop.
  if (is_one_token_atom(kind())) {
    const TK next = kind(1);
    if (kBinaryOperators[static_cast<std::size_t>(next)].level == 0 && next != TK::Dot &&
        next != TK::LPar && next != TK::LSqb && next != TK::DoubleStar) {
      return atom();
    }
  }
  const Token& first = peek();
  return binary_operators_rest(factor(), first, min_level);
}

Expr* Parser::binary_operators_rest(Expr* left, const Token& first, int min_level) {
  if (!left) return nullptr;
  for (;;) {
    const BinaryOperatorInfo info = kBinaryOperators[static_cast<std::size_t>(kind())];
    if (info.level < min_level) return left;  // level 0 (no operator) always stops
    advance();
    Expr* right = info.level == 6 ? factor() : binary_operators(info.level + 1);
    if (!right) return nullptr;
    BinOp* b = make<BinOp>(first);
    b->left = left;
    b->op = info.op;
    b->right = right;
    left = b;
  }
}

Expr* Parser::factor() {
  // ('+' | '-' | '~')* power, folded from the inside so long chains do not recurse.
  std::size_t start = mark();
  while (at(TK::Plus) || at(TK::Minus) || at(TK::Tilde)) advance();
  std::size_t count = mark() - start;
  Expr* e = power();
  if (!e) return nullptr;
  if (count == 0) return e;
  const Token& last = previous();
  for (std::size_t i = count; i-- > 0;) {
    const Token& op = tokens_[start + i];
    UnaryOp* u = arena().make<UnaryOp>();
    u->op = op.kind == TK::Plus ? UnaryOperator::UAdd
            : op.kind == TK::Minus ? UnaryOperator::USub : UnaryOperator::Invert;
    u->operand = e;
    u->lineno = op.lineno;
    u->col_offset = op.col_offset;
    u->end_lineno = last.end_lineno;
    u->end_col_offset = last.end_col_offset;
    e = u;
  }
  return e;
}

Expr* Parser::power() {
  const Token& first = peek();
  return power_rest(await_primary(), first);
}

Expr* Parser::power_rest(Expr* left, const Token& first) {
  if (!left || !at(TK::DoubleStar)) return left;
  advance();
  DepthGuard guard(*this);
  if (!guard.ok()) return nullptr;
  Expr* right = factor();
  if (!right) return nullptr;
  BinOp* b = make<BinOp>(first);
  b->left = left;
  b->op = Operator::Pow;
  b->right = right;
  return b;
}

Expr* Parser::await_primary() {
  if (at(TK::KwAwait)) {
    const Token& kw = advance();
    Expr* value = primary();
    if (!value) return nullptr;
    Await* a = make<Await>(kw);
    a->value = value;
    return a;
  }
  return primary();
}

Expr* Parser::primary() {
  const Token& first = peek();
  Expr* e = atom();
  if (!e) return nullptr;
  return primary_suffixes(e, first);
}

Expr* Parser::primary_suffixes(Expr* e, const Token& first) {
  for (;;) {
    switch (kind()) {
      case TK::Dot: {
        advance();
        if (!at(TK::Name)) return nullptr;
        const Token& name = advance();
        Attribute* a = make<Attribute>(first);
        a->value = e;
        a->attr = identifier(name);
        a->ctx = ExprContext::Load;
        e = a;
        break;
      }
      case TK::LPar: {
        const Token& lpar = advance();
        if (at(TK::RPar)) {
          // `f()`: no argument lists to gather.
          advance();
          Call* c = make<Call>(first);
          c->func = e;
          e = c;
          break;
        }
        ScratchVector<Expr*> args_scratch;
        auto& args = *args_scratch;
        ScratchVector<Keyword*> keywords_scratch;
        auto& keywords = *keywords_scratch;
        if (!call_arguments_impl(args, keywords, &lpar)) return nullptr;
        Call* c = make<Call>(first);
        c->func = e;
        c->args = span(args);
        c->keywords = span(keywords);
        e = c;
        break;
      }
      case TK::LSqb: {
        advance();
        Expr* index = slices();
        if (!index || !accept(TK::RSqb)) return nullptr;
        Subscript* s = make<Subscript>(first);
        s->value = e;
        s->slice = index;
        s->ctx = ExprContext::Load;
        e = s;
        break;
      }
      default:
        return e;
    }
  }
}

Expr* Parser::slices() {
  const Token& first = peek();
  Expr* e = slice_item();
  if (!e) return nullptr;
  if (!at(TK::Comma) && e->kind != NodeKind::Starred) return e;
  ScratchVector<Expr*> elts_scratch;
  auto& elts = *elts_scratch;
  elts.push_back(e);
  while (accept(TK::Comma)) {
    if (at(TK::RSqb)) break;
    Expr* x = slice_item();
    if (!x) return nullptr;
    elts.push_back(x);
  }
  Tuple* t = make<Tuple>(first);
  t->elts = span(elts);
  t->ctx = ExprContext::Load;
  return t;
}

Expr* Parser::slice_item() {
  const Token& first = peek();
  if (at(TK::Star)) {
    // starred_expression: '*' expression (Python 3.11+ in subscripts)
    if (options_.feature_minor < 11) return syntax_error("invalid syntax", first);
    advance();
    Expr* value = expression();
    if (!value) return nullptr;
    Starred* s = make<Starred>(first);
    s->value = value;
    s->ctx = ExprContext::Load;
    return s;
  }
  if (at(TK::Name) && kind(1) == TK::ColonEqual) {
    // Unparenthesized in a subscript since Python 3.10.
    if (options_.feature_minor < 10) return syntax_error("invalid syntax", peek(1));
    return walrus();
  }
  Expr* lower = nullptr;
  if (!at(TK::Colon)) {
    lower = expression();
    if (!lower) return nullptr;
    if (at(TK::ColonEqual)) {
      return syntax_error_at_node(
          std::string("cannot use assignment expressions with ") + expression_kind_name(lower),
          lower);
    }
    if (!at(TK::Colon)) return lower;
  }
  advance();  // ':'
  Expr* upper = nullptr;
  Expr* step = nullptr;
  if (starts_expression(kind())) {
    upper = expression();
    if (!upper) return nullptr;
  }
  if (accept(TK::Colon) && starts_expression(kind())) {
    step = expression();
    if (!step) return nullptr;
  }
  Slice* s = make<Slice>(first);
  s->lower = lower;
  s->upper = upper;
  s->step = step;
  return s;
}

Expr* Parser::atom() {
  const Token& t = peek();
  switch (t.kind) {
    case TK::Name:
      advance();
      return name_node(t, ExprContext::Load);
    case TK::KwTrue: case TK::KwFalse: case TK::KwNone: case TK::Ellipsis: {
      advance();
      Constant* c = make<Constant>(t);
      c->value.kind = t.kind == TK::KwTrue ? ConstantKind::True
                      : t.kind == TK::KwFalse ? ConstantKind::False
                      : t.kind == TK::KwNone ? ConstantKind::None : ConstantKind::Ellipsis;
      return c;
    }
    case TK::Number: {
      advance();
      Constant* c = make<Constant>(t);
      c->value = number_value(text_of(t), arena());
      return c;
    }
    case TK::String: case TK::FStringStart: case TK::TStringStart:
      return strings();
    case TK::LPar:
      return paren_atom();
    case TK::LSqb:
      return list_atom();
    case TK::LBrace:
      return brace_atom();
    default:
      return nullptr;
  }
}

bool Parser::at_comprehension() const {
  return at(TK::KwFor) || (at(TK::KwAsync) && kind(1) == TK::KwFor);
}

bool Parser::for_if_clauses(std::vector<Comprehension*>& generators) {
  while (at_comprehension()) {
    Comprehension* c = arena().make<Comprehension>();
    c->is_async = accept(TK::KwAsync) ? 1 : 0;
    advance();  // 'for'
    std::size_t target_start = mark();
    Expr* target = star_targets();
    if (!target || !at(TK::KwIn)) {
      if (failed()) return false;
      // invalid_for_target: report the offending target as CPython does.
      reset(target_start);
      Expr* as_expr = star_expressions();
      if (as_expr && !failed()) invalid_target_error(as_expr, TargetsType::For);
      if (!failed()) syntax_error("invalid syntax", peek());
      return false;
    }
    advance();  // 'in'
    Expr* iter = disjunction();
    if (!iter) return false;
    ScratchVector<Expr*> ifs_scratch;
    auto& ifs = *ifs_scratch;
    while (accept(TK::KwIf)) {
      Expr* cond = disjunction();
      if (!cond) return false;
      ifs.push_back(cond);
    }
    c->target = target;
    c->iter = iter;
    c->ifs = span(ifs);
    generators.push_back(c);
  }
  return true;
}

Expr* Parser::paren_atom() {
  const Token& lpar = advance();
  if (accept(TK::RPar)) {
    Tuple* t = make<Tuple>(lpar);
    t->ctx = ExprContext::Load;
    return t;
  }
  if (at(TK::KwYield)) {
    Expr* y = yield_expr();
    if (!y || !accept(TK::RPar)) return nullptr;
    return y;
  }
  const Token* last_first = &peek();
  Expr* first = star_named_expression();
  if (!first) return nullptr;
  if (at_comprehension()) {
    if (first->kind == NodeKind::Starred) {
      return syntax_error_at_node("iterable unpacking cannot be used in comprehension", first);
    }
    ScratchVector<Comprehension*> generators_scratch;
    auto& generators = *generators_scratch;
    if (!for_if_clauses(generators) || !accept(TK::RPar)) return nullptr;
    GeneratorExp* g = make<GeneratorExp>(lpar);
    g->elt = first;
    g->generators = span(generators);
    return g;
  }
  if (at(TK::Comma)) {
    ScratchVector<Expr*> elts_scratch;
    auto& elts = *elts_scratch;
    elts.push_back(first);
    Expr* last = first;
    while (accept(TK::Comma)) {
      if (at(TK::RPar)) break;
      last_first = &peek();
      last = star_named_expression();
      if (!last) return nullptr;
      elts.push_back(last);
    }
    if (!accept(TK::RPar)) return display_element_error(last, *last_first);
    Tuple* t = make<Tuple>(lpar);
    t->elts = span(elts);
    t->ctx = ExprContext::Load;
    return t;
  }
  if (!at(TK::RPar)) return display_element_error(first, *last_first);
  if (first->kind == NodeKind::Starred) {
    return syntax_error_at_node("cannot use starred expression here", first);
  }
  advance();
  return first;
}

Expr* Parser::list_atom() {
  const Token& lsqb = advance();
  ScratchVector<Expr*> elts_scratch;
  auto& elts = *elts_scratch;
  const Token* last_first = &peek();
  Expr* last = nullptr;
  if (!at(TK::RSqb)) {
    Expr* first = star_named_expression();
    if (!first) return nullptr;
    last = first;
    if (at_comprehension()) {
      if (first->kind == NodeKind::Starred) {
        return syntax_error_at_node("iterable unpacking cannot be used in comprehension", first);
      }
      ScratchVector<Comprehension*> generators_scratch;
      auto& generators = *generators_scratch;
      if (!for_if_clauses(generators) || !accept(TK::RSqb)) return nullptr;
      ListComp* l = make<ListComp>(lsqb);
      l->elt = first;
      l->generators = span(generators);
      return l;
    }
    elts.push_back(first);
    while (accept(TK::Comma)) {
      if (at(TK::RSqb)) break;
      last_first = &peek();
      last = star_named_expression();
      if (!last) return nullptr;
      elts.push_back(last);
    }
    if (at_comprehension() && elts.size() > 1) {
      return syntax_error_range("did you forget parentheses around the comprehension target?",
                                elts[0]->lineno, elts[0]->col_offset, last->end_lineno,
                                last->end_col_offset);
    }
  }
  if (!accept(TK::RSqb)) return display_element_error(last, *last_first);
  List* l = make<List>(lsqb);
  l->elts = span(elts);
  l->ctx = ExprContext::Load;
  return l;
}

Expr* Parser::dict_value(const Token& colon) {
  if (at(TK::Star)) {
    return syntax_error("cannot use a starred expression in a dictionary value", peek());
  }
  if (at(TK::RBrace) || at(TK::Comma)) {
    return syntax_error("expression expected after dictionary key and ':'", colon);
  }
  return expression();
}

Expr* Parser::brace_atom() {
  const Token& lbrace = advance();
  if (accept(TK::RBrace)) return make<Dict>(lbrace);
  std::vector<Expr*> keys, values;
  const Token* last_first = &peek();
  Expr* first = nullptr;
  Expr* last = nullptr;
  bool is_dict = false;
  if (at(TK::DoubleStar)) {
    advance();
    Expr* v = bitwise_or();
    if (!v) return nullptr;
    if (at_comprehension()) {
      return syntax_error_at_node("dict unpacking cannot be used in dict comprehension", v);
    }
    keys.push_back(nullptr);
    values.push_back(v);
    last = v;
    is_dict = true;
  } else if (at(TK::Star) || (at(TK::Name) && kind(1) == TK::ColonEqual)) {
    if (at(TK::Name) && options_.feature_minor < 9) return syntax_error("invalid syntax", peek(1));
    first = star_named_expression();
    if (!first) return nullptr;
  } else {
    first = expression();
    if (!first) return nullptr;
    if (at(TK::Colon)) {
      const Token& colon = advance();
      Expr* v = dict_value(colon);
      if (!v) return nullptr;
      if (at_comprehension()) {
        ScratchVector<Comprehension*> generators_scratch;
        auto& generators = *generators_scratch;
        if (!for_if_clauses(generators) || !accept(TK::RBrace)) return nullptr;
        DictComp* d = make<DictComp>(lbrace);
        d->key = first;
        d->value = v;
        d->generators = span(generators);
        return d;
      }
      keys.push_back(first);
      values.push_back(v);
      last = v;
      is_dict = true;
    } else if (at(TK::ColonEqual)) {
      return syntax_error_at_node(
          std::string("cannot use assignment expressions with ") + expression_kind_name(first),
          first);
    }
  }
  if (is_dict) {
    while (accept(TK::Comma)) {
      if (at(TK::RBrace)) break;
      last_first = &peek();
      if (accept(TK::DoubleStar)) {
        last = bitwise_or();
        if (!last) return nullptr;
        keys.push_back(nullptr);
        values.push_back(last);
        continue;
      }
      Expr* k = expression();
      if (!k) return nullptr;
      if (!at(TK::Colon)) {
        if (at(TK::RBrace) || at(TK::Comma)) {
          return syntax_error_at_node("':' expected after dictionary key", k);
        }
        return display_element_error(k, *last_first);
      }
      const Token& colon = advance();
      last_first = &peek();
      last = dict_value(colon);
      if (!last) return nullptr;
      keys.push_back(k);
      values.push_back(last);
    }
    if (!accept(TK::RBrace)) return display_element_error(last, *last_first);
    Dict* d = make<Dict>(lbrace);
    d->keys = span(keys);
    d->values = span(values);
    return d;
  }
  if (at_comprehension()) {
    if (first->kind == NodeKind::Starred) {
      return syntax_error_at_node("iterable unpacking cannot be used in comprehension", first);
    }
    ScratchVector<Comprehension*> generators_scratch;
    auto& generators = *generators_scratch;
    if (!for_if_clauses(generators) || !accept(TK::RBrace)) return nullptr;
    SetComp* s = make<SetComp>(lbrace);
    s->elt = first;
    s->generators = span(generators);
    return s;
  }
  ScratchVector<Expr*> elts_scratch;
  auto& elts = *elts_scratch;
  elts.push_back(first);
  last = first;
  while (accept(TK::Comma)) {
    if (at(TK::RBrace)) break;
    last_first = &peek();
    if (at(TK::Name) && kind(1) == TK::ColonEqual && options_.feature_minor < 9) {
      return syntax_error("invalid syntax", peek(1));
    }
    last = star_named_expression();
    if (!last) return nullptr;
    elts.push_back(last);
  }
  if (at_comprehension() && elts.size() > 1) {
    return syntax_error_range("did you forget parentheses around the comprehension target?",
                              elts[0]->lineno, elts[0]->col_offset, last->end_lineno,
                              last->end_col_offset);
  }
  if (!accept(TK::RBrace)) return display_element_error(last, *last_first);
  Set* s = make<Set>(lbrace);
  s->elts = span(elts);
  return s;
}

Expr* Parser::lambdef() {
  const Token& kw = advance();  // 'lambda'
  Arguments* args = parameters(false);
  if (!args || !at(TK::Colon)) return nullptr;
  const Token& colon = advance();
  if (at(TK::FStringMiddle) || at(TK::TStringMiddle)) {
    // In a replacement field the ':' began a format spec: the lambda has no body.
    return syntax_error_range(
        std::string(at(TK::TStringMiddle) ? "t" : "f") +
            "-string: lambda expressions are not allowed without parentheses",
        kw.lineno, kw.col_offset, colon.end_lineno, colon.end_col_offset);
  }
  Expr* body = expression();
  if (!body) return nullptr;
  Lambda* l = make<Lambda>(kw);
  l->args = args;
  l->body = body;
  return l;
}

// ---- calls -------------------------------------------------------------------

bool Parser::call_arguments(std::vector<Expr*>& args, std::vector<Keyword*>& keywords) {
  return call_arguments_impl(args, keywords, nullptr);
}

// `genexp_lpar` is the call's '(' when a bare generator expression may be the
// sole argument (calls, not class bases); it then spans the parentheses.
bool Parser::call_arguments_impl(std::vector<Expr*>& args, std::vector<Keyword*>& keywords,
                                 const Token* genexp_lpar) {
  bool seen_keyword = false, seen_double_star = false;
  while (!at(TK::RPar)) {
    const Token& first = peek();
    const Token* value_first = &first;  // for "Perhaps you forgot a comma?"
    Expr* last = nullptr;
    if (at(TK::Star)) {
      if (seen_double_star && (kind(1) == TK::RPar || kind(1) == TK::Comma)) {
        syntax_error("iterable argument unpacking follows keyword argument unpacking", first);
        return false;
      }
      advance();
      Expr* value = expression();
      if (!value) return false;
      if (at_comprehension()) {
        syntax_error_range("iterable unpacking cannot be used in comprehension", first.lineno,
                           first.col_offset, value->end_lineno, value->end_col_offset);
        return false;
      }
      if (at(TK::Equal)) {
        syntax_error_range("cannot assign to iterable argument unpacking", first.lineno,
                           first.col_offset, value->end_lineno, value->end_col_offset);
        return false;
      }
      if (seen_double_star) {
        syntax_error_range("iterable argument unpacking follows keyword argument unpacking",
                           first.lineno, first.col_offset, previous().end_lineno,
                           previous().end_col_offset);
        return false;
      }
      Starred* s = make<Starred>(first);
      s->value = value;
      s->ctx = ExprContext::Load;
      args.push_back(s);
      last = s;
    } else if (at(TK::DoubleStar)) {
      advance();
      Expr* value = expression();
      if (!value) return false;
      if (at(TK::Equal)) {
        syntax_error_range("cannot assign to keyword argument unpacking", first.lineno,
                           first.col_offset, value->end_lineno, value->end_col_offset);
        return false;
      }
      Keyword* k = make<Keyword>(first);
      k->value = value;
      keywords.push_back(k);
      seen_double_star = true;
      last = k->value;
    } else if (at(TK::Name) && kind(1) == TK::Equal) {
      const Token& name = advance();
      const Token& equal = advance();
      if (at(TK::Comma) || at(TK::RPar)) {
        syntax_error_range("expected argument value expression", name.lineno, name.col_offset,
                           equal.end_lineno, equal.end_col_offset);
        return false;
      }
      value_first = &peek();
      Expr* value = expression();
      if (!value) return false;
      last = value;
      if (at_comprehension()) {
        syntax_error_range("invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                           name.lineno, name.col_offset, value->end_lineno,
                           value->end_col_offset);
        return false;
      }
      Keyword* k = make<Keyword>(first);
      k->arg = identifier(name);
      k->value = value;
      keywords.push_back(k);
      seen_keyword = true;
    } else {
      Expr* value = named_expression();
      if (!value) return false;
      if (at(TK::Equal)) {
        if ((first.kind == TK::KwTrue || first.kind == TK::KwFalse || first.kind == TK::KwNone) &&
            &previous() == &first) {
          syntax_error_at_node("cannot assign to " + std::string(text_of(first)), value);
          return false;
        }
        syntax_error_range("expression cannot contain assignment, perhaps you meant \"==\"?",
                           first.lineno, first.col_offset, peek().end_lineno,
                           peek().end_col_offset);
        return false;
      }
      if (at_comprehension()) {
        if (genexp_lpar == nullptr) return syntax_error("invalid syntax", peek()) != nullptr;
        bool sole = args.empty() && keywords.empty();
        ScratchVector<Comprehension*> generators_scratch;
        auto& generators = *generators_scratch;
        if (!for_if_clauses(generators)) return false;
        if (sole && at(TK::RPar)) {
          advance();
          GeneratorExp* g = make<GeneratorExp>(*genexp_lpar);
          g->elt = value;
          g->generators = span(generators);
          args.push_back(g);
          return true;
        }
        syntax_error_range("Generator expression must be parenthesized", first.lineno,
                           first.col_offset, previous().end_lineno, previous().end_col_offset);
        return false;
      }
      if (seen_double_star || seen_keyword) {
        syntax_error_at_node(seen_double_star
                                 ? "positional argument follows keyword argument unpacking"
                                 : "positional argument follows keyword argument",
                             value);
        return false;
      }
      args.push_back(value);
      last = value;
    }
    if (!accept(TK::Comma)) {
      if (!at(TK::RPar)) {
        if (last) display_element_error(last, *value_first);
        return false;
      }
      break;
    }
  }
  return accept(TK::RPar);
}

// ---- parameters ----------------------------------------------------------------

Arg* Parser::parameter(bool allow_annotation, bool allow_star_annotation) {
  if (!at(TK::Name)) return nullptr;
  const Token& name = advance();
  Expr* annotation = nullptr;
  if (allow_annotation && accept(TK::Colon)) {
    if (allow_star_annotation && at(TK::Star)) {
      if (options_.feature_minor < 11) return syntax_error("invalid syntax", peek());
      const Token& star = advance();
      Expr* value = bitwise_or();
      if (!value) return nullptr;
      Starred* s = make<Starred>(star);
      s->value = value;
      s->ctx = ExprContext::Load;
      annotation = s;
    } else {
      annotation = expression();
      if (!annotation) return nullptr;
    }
  }
  Arg* a = make<Arg>(name);
  a->arg = identifier(name);
  a->annotation = annotation;
  return a;
}

Arguments* Parser::parameters(bool allow_annotations) {
  const TK terminator = allow_annotations ? TK::RPar : TK::Colon;
  ScratchVector<Arg*> posonly_scratch, plain_scratch, kwonly_scratch;
  ScratchVector<Expr*> defaults_scratch, kw_defaults_scratch;
  std::vector<Arg*>& posonly = *posonly_scratch;
  std::vector<Arg*>& plain = *plain_scratch;
  std::vector<Arg*>& kwonly = *kwonly_scratch;
  std::vector<Expr*>& defaults = *defaults_scratch;
  std::vector<Expr*>& kw_defaults = *kw_defaults_scratch;
  Arg* vararg = nullptr;
  Arg* kwarg = nullptr;
  bool seen_slash = false, seen_star = false, seen_default = false;
  while (!at(terminator)) {
    const Token& first = peek();
    if (kwarg != nullptr) {
      return syntax_error("arguments cannot follow var-keyword argument", first);
    }
    if (at(TK::Slash)) {
      if (seen_slash) return syntax_error("/ may appear only once", first);
      if (seen_star) return syntax_error("/ must be ahead of *", first);
      if (plain.empty()) {
        if (kind(1) != TK::Comma) return nullptr;
        return syntax_error("at least one argument must precede /", first);
      }
      advance();
      if (at(TK::Star)) return syntax_error("expected comma between / and *", peek());
      posonly.swap(plain);
      seen_slash = true;
    } else if (at(TK::Star)) {
      if (seen_star) return syntax_error("* argument may appear only once", first);
      advance();
      seen_star = true;
      if (at(TK::Name)) {
        vararg = parameter(allow_annotations, allow_annotations);
        if (!vararg) return nullptr;
        if (at(TK::Equal)) {
          return syntax_error("var-positional argument cannot have default value", peek());
        }
      } else {
        // A bare '*' must be followed by a keyword-only parameter.
        if (!at(TK::Comma) || kind(1) == terminator || kind(1) == TK::DoubleStar) {
          if (at(TK::Comma) || at(terminator)) {
            return syntax_error("named arguments must follow bare *", first);
          }
          return nullptr;
        }
      }
    } else if (at(TK::DoubleStar)) {
      advance();
      kwarg = parameter(allow_annotations, false);
      if (!kwarg) return nullptr;
      if (at(TK::Equal)) {
        return syntax_error("var-keyword argument cannot have default value", peek());
      }
    } else if (at(TK::Name)) {
      Arg* a = parameter(allow_annotations, false);
      if (!a) return nullptr;
      Expr* value = nullptr;
      if (at(TK::Equal)) {
        const Token& equal = advance();
        if (at(TK::Comma) || at(terminator)) {
          return syntax_error("expected default value expression", equal);
        }
        value = expression();
        if (!value) return nullptr;
      }
      if (seen_star) {
        kwonly.push_back(a);
        kw_defaults.push_back(value);
      } else {
        if (value) {
          seen_default = true;
          defaults.push_back(value);
        } else if (seen_default) {
          return syntax_error_at_node(
              "parameter without a default follows parameter with a default", a);
        }
        plain.push_back(a);
      }
    } else {
      if (at(TK::LPar)) {
        // invalid_parameters: '(' NAME (',' NAME)* [','] ')'
        int k = 1;
        bool closed = false;
        while (kind(k) == TK::Name) {
          if (kind(k + 1) == TK::RPar) {
            closed = true;
            ++k;
            break;
          }
          if (kind(k + 1) != TK::Comma) break;
          k += 2;
          if (kind(k) == TK::RPar) {
            closed = true;
            break;
          }
        }
        if (closed) {
          const Token& rpar = peek(k);
          return syntax_error_range(allow_annotations
                                        ? "Function parameters cannot be parenthesized"
                                        : "Lambda expression parameters cannot be parenthesized",
                                    first.lineno, first.col_offset, rpar.end_lineno,
                                    rpar.end_col_offset);
        }
      }
      return nullptr;
    }
    if (!accept(TK::Comma)) break;
  }
  if (!at(terminator)) return nullptr;
  Arguments* args = arena().make<Arguments>();
  args->posonlyargs = span(posonly);
  args->args = span(plain);
  args->vararg = vararg;
  args->kwonlyargs = span(kwonly);
  args->kw_defaults = span(kw_defaults);
  args->kwarg = kwarg;
  args->defaults = span(defaults);
  return args;
}

// ---- targets -------------------------------------------------------------------

Expr* Parser::star_target() {
  if (at(TK::Star)) {
    const Token& star = advance();
    if (at(TK::Star)) return nullptr;
    Expr* inner = star_target();
    if (!inner) return nullptr;
    Starred* s = make<Starred>(star);
    s->value = inner;
    s->ctx = ExprContext::Store;
    return s;
  }
  if (!starts_atom(kind())) return nullptr;
  Expr* e = primary();
  if (!e || !set_context(e, ExprContext::Store)) return nullptr;
  return e;
}

Expr* Parser::star_targets() {
  const Token& first = peek();
  std::size_t m = mark();
  Expr* e = star_target();
  if (!e) {
    if (!failed()) reset(m);
    return nullptr;
  }
  if (!at(TK::Comma)) return e;
  ScratchVector<Expr*> elts_scratch;
  auto& elts = *elts_scratch;
  elts.push_back(e);
  while (accept(TK::Comma)) {
    if (!at(TK::Star) && !starts_atom(kind())) break;
    Expr* x = star_target();
    if (!x) {
      if (!failed()) reset(m);
      return nullptr;
    }
    elts.push_back(x);
  }
  Tuple* t = make<Tuple>(first);
  t->elts = span(elts);
  t->ctx = ExprContext::Store;
  return t;
}

Expr* Parser::single_target() {
  std::size_t m = mark();
  if (!starts_atom(kind())) return nullptr;
  Expr* e = primary();
  if (e && (e->kind == NodeKind::Name || e->kind == NodeKind::Attribute ||
            e->kind == NodeKind::Subscript)) {
    set_context(e, ExprContext::Store);
    return e;
  }
  if (!failed()) reset(m);
  return nullptr;
}

Expr* Parser::del_targets() {
  std::size_t m = mark();
  if (!starts_atom(kind())) return nullptr;
  Expr* e = primary();
  if (e && set_context(e, ExprContext::Del)) return e;
  if (!failed()) reset(m);
  return nullptr;
}

bool Parser::del_targets(std::vector<Expr*>& targets) {
  std::size_t m = mark();
  Expr* e = del_targets();
  if (!e) return false;
  targets.push_back(e);
  while (accept(TK::Comma)) {
    if (!starts_atom(kind())) break;
    Expr* x = del_targets();
    if (!x) {
      if (!failed()) reset(m);
      targets.clear();
      return false;
    }
    targets.push_back(x);
  }
  return true;
}

}  // namespace aegis::py
