// Statements, blocks, definitions, imports and the module (CPython's
// Grammar/python.gram, statement rules). Where the PEG grammar would re-parse
// the same prefix several times (assignment targets vs. expressions), the
// statement is parsed once as an expression and then checked as a target.
#include <string>

#include "python/literals.h"
#include "python/parser.h"

namespace aegis::py {

namespace {

bool augassign_operator(TokenKind k, Operator& op) {
  switch (k) {
    case TokenKind::PlusEqual: op = Operator::Add; return true;
    case TokenKind::MinEqual: op = Operator::Sub; return true;
    case TokenKind::StarEqual: op = Operator::Mult; return true;
    case TokenKind::AtEqual: op = Operator::MatMult; return true;
    case TokenKind::SlashEqual: op = Operator::Div; return true;
    case TokenKind::PercentEqual: op = Operator::Mod; return true;
    case TokenKind::AmperEqual: op = Operator::BitAnd; return true;
    case TokenKind::VBarEqual: op = Operator::BitOr; return true;
    case TokenKind::CircumflexEqual: op = Operator::BitXor; return true;
    case TokenKind::LeftShiftEqual: op = Operator::LShift; return true;
    case TokenKind::RightShiftEqual: op = Operator::RShift; return true;
    case TokenKind::DoubleStarEqual: op = Operator::Pow; return true;
    case TokenKind::DoubleSlashEqual: op = Operator::FloorDiv; return true;
    default: return false;
  }
}

bool is_single_target(const Expr* e) {
  return e->kind == NodeKind::Name || e->kind == NodeKind::Attribute ||
         e->kind == NodeKind::Subscript;
}

// Compare.ops is a list in CPython's AST; accept either shape of the field.
[[maybe_unused]] CmpOperator first_operator(CmpOperator op) { return op; }
[[maybe_unused]] CmpOperator first_operator(const Span<CmpOperator>& ops) { return ops[0]; }

std::string version_message(const char* feature, int minor) {
  return std::string(feature) + " only supported in Python 3." + std::to_string(minor) +
         " and greater";
}

}  // namespace

// ---- helpers -------------------------------------------------------------

const Token& Parser::last_significant_token() const {
  for (std::size_t i = pos_; i > 0; --i) {
    const Token& t = tokens_[i - 1];
    if (t.kind != TokenKind::Newline && t.kind != TokenKind::Indent &&
        t.kind != TokenKind::Dedent && t.kind != TokenKind::EndMarker) {
      return t;
    }
  }
  return tokens_[0];
}

std::nullptr_t Parser::invalid_syntax_here() {
  const Token& t = furthest_token();
  if (t.kind == TokenKind::Indent) return syntax_error("unexpected indent", t);
  if (t.kind == TokenKind::Dedent) return syntax_error("unexpected unindent", t);
  return syntax_error("invalid syntax", t);
}

std::nullptr_t Parser::assignment_in_condition(Expr* e) {
  // CPython's invalid_named_expression for `if x = 3:` and the like.
  DiagnosticLookahead diagnostic(*this);
  std::size_t m = mark();
  advance();  // '='
  Expr* rhs = bitwise_or();
  bool single = rhs != nullptr && !at(TokenKind::Equal) && !at(TokenKind::ColonEqual);
  reset(m);
  if (failed() || !single) return nullptr;
  if (e->kind == NodeKind::Name) {
    return syntax_error_range("invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                              e->lineno, e->col_offset, rhs->end_lineno, rhs->end_col_offset);
  }
  bool excluded = e->kind == NodeKind::List || e->kind == NodeKind::Tuple ||
                  e->kind == NodeKind::GeneratorExp ||
                  (e->kind == NodeKind::Constant &&
                   (static_cast<Constant*>(e)->value.kind == ConstantKind::True ||
                    static_cast<Constant*>(e)->value.kind == ConstantKind::False ||
                    static_cast<Constant*>(e)->value.kind == ConstantKind::None));
  if (excluded) return nullptr;
  return syntax_error_at_node(std::string("cannot assign to ") + expr_name(e) +
                                  " here. Maybe you meant '==' instead of '='?",
                              e);
}

std::nullptr_t Parser::expected_colon(bool forced) {
  // A forced token (`&&':'` in the grammar) always reports the missing colon;
  // elsewhere CPython says so only when the line ends where the colon belongs.
  if (forced || at(TokenKind::Newline)) return syntax_error("expected ':'", peek());
  return invalid_syntax_here();
}

const char* Parser::expr_name(const Expr* e) {
  switch (e->kind) {
    case NodeKind::Attribute: return "attribute";
    case NodeKind::Subscript: return "subscript";
    case NodeKind::Starred: return "starred";
    case NodeKind::Name: return "name";
    case NodeKind::List: return "list";
    case NodeKind::Tuple: return "tuple";
    case NodeKind::Lambda: return "lambda";
    case NodeKind::Call: return "function call";
    case NodeKind::BoolOp:
    case NodeKind::BinOp:
    case NodeKind::UnaryOp: return "expression";
    case NodeKind::GeneratorExp: return "generator expression";
    case NodeKind::Yield:
    case NodeKind::YieldFrom: return "yield expression";
    case NodeKind::Await: return "await expression";
    case NodeKind::ListComp: return "list comprehension";
    case NodeKind::SetComp: return "set comprehension";
    case NodeKind::DictComp: return "dict comprehension";
    case NodeKind::Dict: return "dict literal";
    case NodeKind::Set: return "set display";
    case NodeKind::JoinedStr:
    case NodeKind::FormattedValue: return "f-string expression";
    case NodeKind::TemplateStr:
    case NodeKind::Interpolation: return "t-string expression";
    case NodeKind::Constant: {
      switch (static_cast<const Constant*>(e)->value.kind) {
        case ConstantKind::None: return "None";
        case ConstantKind::True: return "True";
        case ConstantKind::False: return "False";
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

Expr* Parser::invalid_target(Expr* e, TargetsKind kind) {
  if (e == nullptr) return nullptr;
  switch (e->kind) {
    case NodeKind::List:
      for (Expr* elt : static_cast<List*>(e)->elts) {
        if (Expr* bad = invalid_target(elt, kind)) return bad;
      }
      return nullptr;
    case NodeKind::Tuple:
      for (Expr* elt : static_cast<Tuple*>(e)->elts) {
        if (Expr* bad = invalid_target(elt, kind)) return bad;
      }
      return nullptr;
    case NodeKind::Starred:
      if (kind == TargetsKind::Del) return e;
      return invalid_target(static_cast<Starred*>(e)->value, kind);
    case NodeKind::Compare:
      // `for a in b` reaches here parsed as the comparison `a in b`: only its
      // left side is the target.
      if (kind == TargetsKind::For) {
        auto* c = static_cast<Compare*>(e);
        if (first_operator(c->ops) == CmpOperator::In) return invalid_target(c->left, kind);
        return nullptr;
      }
      return e;
    case NodeKind::Name:
    case NodeKind::Subscript:
    case NodeKind::Attribute: return nullptr;
    default: return e;
  }
}

bool Parser::raise_invalid_target(Expr* target, TargetsKind kind) {
  if (failed()) return false;
  Expr* bad = invalid_target(target, kind);
  if (bad == nullptr) {
    invalid_syntax_here();
    return false;
  }
  if (bad->kind == NodeKind::Yield || bad->kind == NodeKind::YieldFrom) {
    if (kind != TargetsKind::Del) {
      syntax_error_at_node("assignment to yield expression not possible", bad);
      return false;
    }
  }
  std::string message = kind == TargetsKind::Del ? "cannot delete " : "cannot assign to ";
  message += expr_name(bad);
  syntax_error_at_node(message, bad);
  return false;
}

// ---- module, blocks, statement lists --------------------------------------

Module* Parser::parse_module() {
  ScratchVector<Stmt*> body_scratch;
  auto& body = *body_scratch;
  while (!at(TokenKind::EndMarker)) {
    if (!statement(body)) {
      if (!failed()) invalid_syntax_here();
      return nullptr;
    }
  }
  // An error recorded on a path that still returned a node must not yield a tree.
  if (failed()) return nullptr;
  Module* module = arena_.make<Module>();
  module->body = span(body);
  return module;
}

bool Parser::statements_until_dedent(std::vector<Stmt*>& out) {
  while (!at(TokenKind::Dedent) && !at(TokenKind::EndMarker)) {
    if (!statement(out)) {
      if (!failed()) invalid_syntax_here();
      return false;
    }
  }
  return true;
}

bool Parser::block(std::vector<Stmt*>& body) {
  if (at(TokenKind::Newline)) {
    advance();
    if (!accept(TokenKind::Indent)) {
      invalid_syntax_here();
      return false;
    }
    if (!statements_until_dedent(body)) return false;
    if (!accept(TokenKind::Dedent)) {
      invalid_syntax_here();
      return false;
    }
    return true;
  }
  return simple_stmts(body);
}

bool Parser::block_after(std::vector<Stmt*>& body, const char* what, const Token& header) {
  if (at(TokenKind::Newline) && kind(1) != TokenKind::Indent) {
    const Token& next = peek(1);
    syntax_error("expected an indented block after " + std::string(what) + " on line " +
                     std::to_string(header.lineno),
                 next);
    return false;
  }
  return block(body);
}

bool Parser::statement(std::vector<Stmt*>& out) {
  DepthGuard guard(*this);
  if (!guard.ok()) return false;
  if (Stmt* s = compound_stmt()) {
    out.push_back(s);
    return true;
  }
  if (failed()) return false;
  return simple_stmts(out);
}

bool Parser::simple_stmts(std::vector<Stmt*>& out) {
  for (;;) {
    Stmt* s = simple_stmt();
    if (s == nullptr) {
      if (!failed()) invalid_syntax_here();
      return false;
    }
    out.push_back(s);
    if (accept(TokenKind::Semi)) {
      if (accept(TokenKind::Newline)) return true;
      continue;
    }
    if (accept(TokenKind::Newline)) return true;
    invalid_syntax_here();
    return false;
  }
}

// ---- simple statements ----------------------------------------------------

Stmt* Parser::simple_stmt() {
  const Token& first = peek();
  switch (first.kind) {
    case TokenKind::KwPass: advance(); return make<Pass>(first);
    case TokenKind::KwBreak: advance(); return make<Break>(first);
    case TokenKind::KwContinue: advance(); return make<Continue>(first);
    case TokenKind::KwReturn: return return_stmt();
    case TokenKind::KwImport: return import_name();
    case TokenKind::KwFrom: return import_from();
    case TokenKind::KwRaise: return raise_stmt();
    case TokenKind::KwDel: return del_stmt();
    case TokenKind::KwAssert: return assert_stmt();
    case TokenKind::KwGlobal:
    case TokenKind::KwNonlocal: return global_or_nonlocal_stmt();
    case TokenKind::Name:
      // `type X ...` can only be a type alias: no other statement continues
      // a name with another name.
      if (kind(1) == TokenKind::Name && at_soft_keyword("type")) return type_alias();
      return assignment_or_expression_stmt();
    default: return assignment_or_expression_stmt();
  }
}

Stmt* Parser::assignment_or_expression_stmt() {
  const Token& first = peek();
  // NAME ':' annotation: the only `simple` annotated assignment.
  if (first.kind == TokenKind::Name && kind(1) == TokenKind::Colon) {
    advance();
    Name* target = make<Name>(first);
    target->id = identifier(first);
    target->ctx = ExprContext::Store;
    advance();
    return finish_annotated_assignment(first, target, true);
  }

  Expr* e = at(TokenKind::KwYield) ? yield_expr() : star_expressions();
  if (e == nullptr) return nullptr;

  if (at(TokenKind::Colon)) {
    if (!is_single_target(e) || !set_context(e, ExprContext::Store)) {
      if (failed()) return nullptr;
      // CPython names the bad target only when an annotation follows.
      advance();
      Expr* annotation = expression();
      if (annotation == nullptr) return failed() ? nullptr : invalid_syntax_here();
      if (e->kind == NodeKind::Tuple || e->kind == NodeKind::List) {
        return syntax_error_at_node(std::string("only single target (not ") + expr_name(e) +
                                        ") can be annotated",
                                    e);
      }
      return syntax_error_at_node("illegal target for annotation", e);
    }
    advance();
    // A bare name was handled above, so a Name here was parenthesised.
    return finish_annotated_assignment(first, e, false);
  }

  if (at(TokenKind::Equal)) {
    ScratchVector<Expr*> targets_scratch;
    auto& targets = *targets_scratch;
    Expr* value = e;
    while (at(TokenKind::Equal)) {
      if (value->kind == NodeKind::Yield || value->kind == NodeKind::YieldFrom) {
        return syntax_error_at_node("assignment to yield expression not possible", value);
      }
      if (!set_context(value, ExprContext::Store)) {
        if (failed()) return nullptr;
        Expr* bad = invalid_target(value, TargetsKind::Star);
        // CPython's invalid_named_expression wins when the bad part is the
        // expression right before the first '=' and a single value follows.
        if (bad != nullptr && targets.empty() && bad->end_lineno == value->end_lineno &&
            bad->end_col_offset == value->end_col_offset && bad->kind != NodeKind::List &&
            bad->kind != NodeKind::Tuple && bad->kind != NodeKind::GeneratorExp &&
            !(bad->kind == NodeKind::Constant &&
              (static_cast<Constant*>(bad)->value.kind == ConstantKind::True ||
               static_cast<Constant*>(bad)->value.kind == ConstantKind::False ||
               static_cast<Constant*>(bad)->value.kind == ConstantKind::None))) {
          DiagnosticLookahead diagnostic(*this);
          std::size_t m = mark();
          advance();
          Expr* rhs = at(TokenKind::KwYield) ? nullptr : bitwise_or();
          bool single = rhs != nullptr && !at(TokenKind::Equal) && !at(TokenKind::ColonEqual);
          reset(m);
          if (failed()) return nullptr;
          if (single) {
            return syntax_error_at_node(std::string("cannot assign to ") + expr_name(bad) +
                                            " here. Maybe you meant '==' instead of '='?",
                                        bad);
          }
        }
        raise_invalid_target(value, TargetsKind::Star);
        return nullptr;
      }
      targets.push_back(value);
      advance();
      value = at(TokenKind::KwYield) ? yield_expr() : star_expressions();
      if (value == nullptr) return failed() ? nullptr : invalid_syntax_here();
    }
    Assign* s = make<Assign>(first);
    s->targets = span(targets);
    s->value = value;
    return s;
  }

  Operator op;
  if (augassign_operator(kind(), op)) {
    if (!is_single_target(e) || !set_context(e, ExprContext::Store)) {
      if (failed()) return nullptr;
      return syntax_error_at_node(std::string("'") + expr_name(e) +
                                      "' is an illegal expression for augmented assignment",
                                  e);
    }
    advance();
    Expr* value = at(TokenKind::KwYield) ? yield_expr() : star_expressions();
    if (value == nullptr) return failed() ? nullptr : invalid_syntax_here();
    AugAssign* s = make<AugAssign>(first);
    s->target = e;
    s->op = op;
    s->value = value;
    return s;
  }

  // Python 2's print statement gets CPython's hint.
  if (e->kind == NodeKind::Name && first.kind == TokenKind::Name && !at(TokenKind::Newline) &&
      !at(TokenKind::Semi) && !at(TokenKind::EndMarker)) {
    std::string_view id = static_cast<Name*>(e)->id;
    if (id == "print" || id == "exec") {
      DiagnosticLookahead diagnostic(*this);
      std::size_t m = mark();
      Expr* arg = star_expressions();
      const Token& end = previous();
      reset(m);
      if (failed()) return nullptr;
      if (arg != nullptr) {
        std::string message = "Missing parentheses in call to '" + std::string(id) +
                              "'. Did you mean " + std::string(id) + "(...)?";
        return syntax_error_range(message, first.lineno, first.col_offset, end.end_lineno,
                                  end.end_col_offset);
      }
    }
  }

  ExprStmt* s = make<ExprStmt>(first);
  s->value = e;
  return s;
}

Stmt* Parser::finish_annotated_assignment(const Token& first, Expr* target, bool simple) {
  Expr* annotation = expression();
  if (annotation == nullptr) return failed() ? nullptr : invalid_syntax_here();
  Expr* value = nullptr;
  if (accept(TokenKind::Equal)) {
    value = annotated_rhs();
    if (value == nullptr) return failed() ? nullptr : invalid_syntax_here();
  }
  AnnAssign* s = make<AnnAssign>(first);
  s->target = target;
  s->annotation = annotation;
  s->value = value;
  s->simple = simple ? 1 : 0;
  return s;
}

Stmt* Parser::return_stmt() {
  const Token& first = advance();
  Expr* value = nullptr;
  if (!at(TokenKind::Newline) && !at(TokenKind::Semi)) {
    value = star_expressions();
    if (value == nullptr) return failed() ? nullptr : invalid_syntax_here();
  }
  Return* s = make<Return>(first);
  s->value = value;
  return s;
}

Stmt* Parser::raise_stmt() {
  const Token& first = advance();
  Expr* exc = nullptr;
  Expr* cause = nullptr;
  if (!at(TokenKind::Newline) && !at(TokenKind::Semi)) {
    exc = expression();
    if (exc == nullptr) return failed() ? nullptr : invalid_syntax_here();
    if (accept(TokenKind::KwFrom)) {
      cause = expression();
      if (cause == nullptr) return failed() ? nullptr : invalid_syntax_here();
    }
  }
  Raise* s = make<Raise>(first);
  s->exc = exc;
  s->cause = cause;
  return s;
}

Stmt* Parser::global_or_nonlocal_stmt() {
  const Token& first = advance();
  ScratchVector<std::string_view> names_scratch;
  auto& names = *names_scratch;
  for (;;) {
    if (!at(TokenKind::Name)) return invalid_syntax_here();
    names.push_back(identifier(advance()));
    if (!accept(TokenKind::Comma)) break;
  }
  if (first.kind == TokenKind::KwGlobal) {
    Global* s = make<Global>(first);
    s->names = span(names);
    return s;
  }
  Nonlocal* s = make<Nonlocal>(first);
  s->names = span(names);
  return s;
}

Stmt* Parser::del_stmt() {
  const Token& first = advance();
  std::size_t after_del = mark();
  // Every del_target parses as a bitwise_or with the same extent; parse the
  // list that way and then check each element as a target.
  ScratchVector<Expr*> targets_scratch;
  auto& targets = *targets_scratch;
  bool parsed = true;
  for (;;) {
    Expr* t = bitwise_or();
    if (t == nullptr) {
      parsed = false;
      break;
    }
    targets.push_back(t);
    if (!accept(TokenKind::Comma)) break;
    if (at(TokenKind::Semi) || at(TokenKind::Newline)) break;
  }
  if (failed()) return nullptr;
  if (parsed && (at(TokenKind::Semi) || at(TokenKind::Newline))) {
    for (Expr* t : targets) {
      if (invalid_target(t, TargetsKind::Del) != nullptr || !set_context(t, ExprContext::Del)) {
        raise_invalid_target(t, TargetsKind::Del);
        return nullptr;
      }
    }
    Delete* s = make<Delete>(first);
    s->targets = span(targets);
    return s;
  }
  // CPython's invalid_del_stmt: name the part that cannot be deleted.
  {
    DiagnosticLookahead diagnostic(*this);
    std::size_t stopped = mark();
    reset(after_del);
    Expr* e = star_expressions();
    if (failed()) return nullptr;
    if (e != nullptr && invalid_target(e, TargetsKind::Del) != nullptr) {
      raise_invalid_target(e, TargetsKind::Del);
      return nullptr;
    }
    reset(stopped);
  }
  return invalid_syntax_here();
}

Stmt* Parser::assert_stmt() {
  const Token& first = advance();
  Expr* test = expression();
  if (test == nullptr) return failed() ? nullptr : invalid_syntax_here();
  Expr* msg = nullptr;
  if (accept(TokenKind::Comma)) {
    msg = expression();
    if (msg == nullptr) return failed() ? nullptr : invalid_syntax_here();
  }
  Assert* s = make<Assert>(first);
  s->test = test;
  s->msg = msg;
  return s;
}

// ---- imports ----------------------------------------------------------------

bool Parser::dotted_name(std::string_view& name) {
  if (!at(TokenKind::Name)) return false;
  name = identifier(advance());
  if (!(at(TokenKind::Dot) && kind(1) == TokenKind::Name)) return true;
  std::string joined(name);
  while (at(TokenKind::Dot) && kind(1) == TokenKind::Name) {
    advance();
    joined += '.';
    joined += identifier(advance());
  }
  name = arena_.copy(joined);
  return true;
}

Alias* Parser::dotted_as_name() {
  const Token& first = peek();
  std::string_view name;
  if (!dotted_name(name)) return invalid_syntax_here();
  std::string_view asname;
  if (accept(TokenKind::KwAs)) {
    if (!at(TokenKind::Name)) return invalid_syntax_here();
    asname = identifier(advance());
  }
  Alias* a = make<Alias>(first);
  a->name = name;
  a->asname = asname;
  return a;
}

Alias* Parser::import_from_as_name() {
  const Token& first = peek();
  if (!at(TokenKind::Name)) return invalid_syntax_here();
  std::string_view name = identifier(advance());
  std::string_view asname;
  if (accept(TokenKind::KwAs)) {
    if (!at(TokenKind::Name)) return invalid_syntax_here();
    asname = identifier(advance());
  }
  Alias* a = make<Alias>(first);
  a->name = name;
  a->asname = asname;
  return a;
}

Stmt* Parser::import_name() {
  const Token& first = advance();
  ScratchVector<Alias*> names_scratch;
  auto& names = *names_scratch;
  bool any_asname = false;
  for (;;) {
    Alias* a = dotted_as_name();
    if (a == nullptr) return nullptr;
    any_asname = any_asname || a->asname.data() != nullptr;
    names.push_back(a);
    if (!accept(TokenKind::Comma)) break;
  }
  if (at(TokenKind::KwFrom) && !any_asname && kind(1) == TokenKind::Name) {
    // CPython's invalid_import: `import a from b`.
    advance();
    std::string_view module;
    dotted_name(module);
    const Token& last = previous();
    return syntax_error_range("Did you mean to use 'from ... import ...' instead?", first.lineno,
                              first.col_offset, last.end_lineno, last.end_col_offset);
  }
  Import* s = make<Import>(first);
  s->names = span(names);
  return s;
}

Stmt* Parser::import_from() {
  const Token& first = advance();
  int level = 0;
  for (;;) {
    if (accept(TokenKind::Dot)) {
      level += 1;
    } else if (accept(TokenKind::Ellipsis)) {
      level += 3;
    } else {
      break;
    }
  }
  std::string_view module;
  if (at(TokenKind::Name)) {
    dotted_name(module);
  } else if (level == 0) {
    return invalid_syntax_here();
  }
  if (!accept(TokenKind::KwImport)) return invalid_syntax_here();

  ScratchVector<Alias*> names_scratch;

  auto& names = *names_scratch;
  if (at(TokenKind::Star)) {
    const Token& star = advance();
    Alias* a = make<Alias>(star);
    a->name = "*";
    names.push_back(a);
  } else if (accept(TokenKind::LPar)) {
    for (;;) {
      Alias* a = import_from_as_name();
      if (a == nullptr) return nullptr;
      names.push_back(a);
      if (!accept(TokenKind::Comma)) break;
      if (at(TokenKind::RPar)) break;
    }
    if (!accept(TokenKind::RPar)) return invalid_syntax_here();
  } else {
    for (;;) {
      Alias* a = import_from_as_name();
      if (a == nullptr) return nullptr;
      names.push_back(a);
      if (!at(TokenKind::Comma)) break;
      const Token& comma = advance();
      if (!at(TokenKind::Name)) {
        return syntax_error("trailing comma not allowed without surrounding parentheses", comma);
      }
    }
  }
  ImportFrom* s = make<ImportFrom>(first);
  s->module = module;
  s->names = span(names);
  s->level = level;
  return s;
}

// ---- type parameters and aliases (PEP 695, PEP 696) ---------------------------

Stmt* Parser::type_alias() {
  const Token& first = advance();
  if (options_.feature_minor < 12) {
    return syntax_error(version_message("Type statement is", 12), first);
  }
  const Token& name_token = advance();
  Name* name = make<Name>(name_token);
  name->id = identifier(name_token);
  name->ctx = ExprContext::Store;
  ScratchVector<TypeParam*> params_scratch;
  auto& params = *params_scratch;
  if (at(TokenKind::LSqb) && !type_params(params)) return failed() ? nullptr : invalid_syntax_here();
  if (!accept(TokenKind::Equal)) return invalid_syntax_here();
  Expr* value = expression();
  if (value == nullptr) return failed() ? nullptr : invalid_syntax_here();
  TypeAlias* s = make<TypeAlias>(first);
  s->name = name;
  s->type_params = span(params);
  s->value = value;
  return s;
}

bool Parser::type_params(std::vector<TypeParam*>& params) {
  const Token& open = advance();  // '['
  if (options_.feature_minor < 12) {
    syntax_error(version_message("Type parameter lists are", 12), open);
    return false;
  }
  if (at(TokenKind::RSqb)) {
    if (options_.feature_minor >= 13) syntax_error("Type parameter list cannot be empty", peek());
    return false;
  }
  for (;;) {
    TypeParam* p = type_param();
    if (p == nullptr) return false;
    params.push_back(p);
    if (!accept(TokenKind::Comma)) break;
    if (at(TokenKind::RSqb)) break;
  }
  return accept(TokenKind::RSqb);
}

TypeParam* Parser::type_param() {
  const Token& first = peek();
  int stars = 0;
  if (accept(TokenKind::Star)) {
    stars = 1;
  } else if (accept(TokenKind::DoubleStar)) {
    stars = 2;
  }
  if (!at(TokenKind::Name)) return nullptr;
  std::string_view name = identifier(advance());

  Expr* bound = nullptr;
  if (at(TokenKind::Colon)) {
    const Token& colon = advance();
    Expr* e = expression();
    if (e == nullptr) return failed() ? nullptr : invalid_syntax_here();
    if (stars != 0) {
      bool constraints = e->kind == NodeKind::Tuple;
      const char* message =
          stars == 1 ? (constraints ? "cannot use constraints with TypeVarTuple"
                                    : "cannot use bound with TypeVarTuple")
                     : (constraints ? "cannot use constraints with ParamSpec"
                                    : "cannot use bound with ParamSpec");
      const Token& last = previous();
      syntax_error_range(message, colon.lineno, colon.col_offset, last.end_lineno,
                         last.end_col_offset);
      return nullptr;
    }
    bound = e;
  }

  Expr* default_value = nullptr;
  if (at(TokenKind::Equal)) {
    // Python 3.12's grammar has no defaults: the list simply does not parse.
    if (options_.feature_minor < 13) return nullptr;
    advance();
    if (stars == 1 && at(TokenKind::Star)) {
      const Token& star = advance();
      Expr* inner = bitwise_or();
      if (inner == nullptr) return failed() ? nullptr : invalid_syntax_here();
      Starred* starred = make<Starred>(star);
      starred->value = inner;
      starred->ctx = ExprContext::Load;
      default_value = starred;
    } else {
      default_value = expression();
      if (default_value == nullptr) return failed() ? nullptr : invalid_syntax_here();
    }
  }

  if (stars == 0) {
    TypeVar* p = make<TypeVar>(first);
    p->name = name;
    p->bound = bound;
    p->default_value = default_value;
    return p;
  }
  if (stars == 1) {
    TypeVarTuple* p = make<TypeVarTuple>(first);
    p->name = name;
    p->default_value = default_value;
    return p;
  }
  ParamSpec* p = make<ParamSpec>(first);
  p->name = name;
  p->default_value = default_value;
  return p;
}

// ---- compound statements ----------------------------------------------------

Stmt* Parser::compound_stmt() {
  switch (kind()) {
    case TokenKind::KwDef: return function_def(peek(), nullptr);
    case TokenKind::At: return decorated();
    case TokenKind::KwClass: return class_def(nullptr);
    case TokenKind::KwIf: return if_stmt();
    case TokenKind::KwWhile: return while_stmt();
    case TokenKind::KwFor: return for_stmt(peek());
    case TokenKind::KwWith: return with_stmt(peek());
    case TokenKind::KwTry: return try_stmt();
    case TokenKind::KwAsync:
      switch (kind(1)) {
        case TokenKind::KwDef: return function_def(peek(), nullptr);
        case TokenKind::KwFor: return for_stmt(peek());
        case TokenKind::KwWith: return with_stmt(peek());
        default: return nullptr;
      }
    case TokenKind::Name: return match_stmt();
    default: return nullptr;
  }
}

Stmt* Parser::decorated() {
  ScratchVector<Expr*> decorators_scratch;
  auto& decorators = *decorators_scratch;
  while (accept(TokenKind::At)) {
    Expr* e = named_expression();
    if (e == nullptr) return failed() ? nullptr : invalid_syntax_here();
    if (!accept(TokenKind::Newline)) return invalid_syntax_here();
    decorators.push_back(e);
  }
  if (at(TokenKind::KwDef) || (at(TokenKind::KwAsync) && kind(1) == TokenKind::KwDef)) {
    return function_def(peek(), &decorators);
  }
  if (at(TokenKind::KwClass)) return class_def(&decorators);
  return invalid_syntax_here();
}

Stmt* Parser::function_def(const Token& first, std::vector<Expr*>* decorators) {
  bool is_async = accept(TokenKind::KwAsync);
  const Token& def = advance();  // 'def'
  if (!at(TokenKind::Name)) return invalid_syntax_here();
  std::string_view name = identifier(advance());
  ScratchVector<TypeParam*> params_scratch;
  auto& params = *params_scratch;
  if (at(TokenKind::LSqb)) {
    // The type parameters are optional in the grammar, so when they do not
    // parse CPython reports the forced '(' at the '['.
    const Token& open = peek();
    if (!type_params(params)) return failed() ? nullptr : syntax_error("expected '('", open);
  }
  if (!at(TokenKind::LPar)) return syntax_error("expected '('", peek());
  advance();
  Arguments* args = parameters(true);
  if (args == nullptr) return failed() ? nullptr : invalid_syntax_here();
  if (!accept(TokenKind::RPar)) return failed() ? nullptr : invalid_syntax_here();
  Expr* returns = nullptr;
  if (accept(TokenKind::RArrow)) {
    returns = expression();
    if (returns == nullptr) return failed() ? nullptr : invalid_syntax_here();
  }
  if (!at(TokenKind::Colon)) return expected_colon(true);
  advance();
  ScratchVector<Stmt*> body_scratch;
  auto& body = *body_scratch;
  if (!block_after(body, "function definition", def)) return nullptr;

  Span<Expr*> decorator_list;
  if (decorators != nullptr) decorator_list = span(*decorators);
  if (is_async) {
    AsyncFunctionDef* s = make_stmt<AsyncFunctionDef>(first);
    s->name = name;
    s->args = args;
    s->body = span(body);
    s->decorator_list = decorator_list;
    s->returns = returns;
    s->type_params = span(params);
    return s;
  }
  FunctionDef* s = make_stmt<FunctionDef>(first);
  s->name = name;
  s->args = args;
  s->body = span(body);
  s->decorator_list = decorator_list;
  s->returns = returns;
  s->type_params = span(params);
  return s;
}

Stmt* Parser::class_def(std::vector<Expr*>* decorators) {
  const Token& first = advance();  // 'class'
  if (!at(TokenKind::Name)) return invalid_syntax_here();
  std::string_view name = identifier(advance());
  ScratchVector<TypeParam*> params_scratch;
  auto& params = *params_scratch;
  if (at(TokenKind::LSqb) && !type_params(params)) return failed() ? nullptr : invalid_syntax_here();
  ScratchVector<Expr*> bases_scratch;
  auto& bases = *bases_scratch;
  ScratchVector<Keyword*> keywords_scratch;
  auto& keywords = *keywords_scratch;
  if (at(TokenKind::LPar)) {
    advance();
    // (call_arguments itself refuses a bare generator expression here.)
    if (!call_arguments(bases, keywords)) return failed() ? nullptr : invalid_syntax_here();
  }
  if (!at(TokenKind::Colon)) return expected_colon(false);
  advance();
  ScratchVector<Stmt*> body_scratch;
  auto& body = *body_scratch;
  if (!block_after(body, "class definition", first)) return nullptr;
  ClassDef* s = make_stmt<ClassDef>(first);
  s->name = name;
  s->bases = span(bases);
  s->keywords = span(keywords);
  s->body = span(body);
  if (decorators != nullptr) s->decorator_list = span(*decorators);
  s->type_params = span(params);
  return s;
}

Stmt* Parser::if_stmt() {
  // An elif chain is a chain of nested If nodes that all end where the whole
  // statement ends; it is built iteratively so long chains cannot exhaust the
  // stack.
  ScratchVector<If*> chain_scratch;
  auto& chain = *chain_scratch;
  ScratchVector<Stmt*> body_scratch;
  auto& body = *body_scratch;
  do {
    const Token& first = advance();  // 'if' or 'elif'
    bool is_elif = first.kind == TokenKind::KwElif;
    Expr* test = named_expression();
    if (test == nullptr) return failed() ? nullptr : invalid_syntax_here();
    if (at(TokenKind::Equal)) assignment_in_condition(test);
    if (!at(TokenKind::Colon)) return failed() ? nullptr : expected_colon(false);
    advance();
    body.clear();
    if (!block_after(body, is_elif ? "'elif' statement" : "'if' statement", first)) return nullptr;
    If* node = arena_.make<If>();
    node->lineno = first.lineno;
    node->col_offset = first.col_offset;
    node->test = test;
    node->body = span(body);
    chain.push_back(node);
    // Each elif nests one If deeper in the tree. CPython gives up on chains
    // of about 3000 ("too complex"); so do we, before consumers that walk the
    // tree recursively could exhaust their stacks.
    if (chain.size() > 3 * static_cast<std::size_t>(options_.max_depth) && at(TokenKind::KwElif)) {
      return too_deep(peek());
    }
  } while (at(TokenKind::KwElif));
  ScratchVector<Stmt*> orelse_scratch;
  auto& orelse = *orelse_scratch;
  if (at(TokenKind::KwElse) && !else_block(orelse)) return nullptr;
  const Token& last = last_significant_token();
  for (std::size_t i = chain.size(); i-- > 0;) {
    If* node = chain[i];
    node->end_lineno = last.end_lineno;
    node->end_col_offset = last.end_col_offset;
    if (i + 1 < chain.size()) {
      ScratchVector<Stmt*> nested_scratch;
      auto& nested = *nested_scratch;
      nested.push_back(chain[i + 1]);
      node->orelse = span(nested);
    } else {
      node->orelse = span(orelse);
    }
  }
  return chain.front();
}

bool Parser::else_block(std::vector<Stmt*>& orelse) {
  const Token& first = advance();  // 'else'
  if (!at(TokenKind::Colon)) {
    expected_colon(true);
    return false;
  }
  advance();
  return block_after(orelse, "'else' statement", first);
}

Stmt* Parser::while_stmt() {
  const Token& first = advance();
  Expr* test = named_expression();
  if (test == nullptr) return failed() ? nullptr : invalid_syntax_here();
  if (at(TokenKind::Equal)) assignment_in_condition(test);
  if (!at(TokenKind::Colon)) return failed() ? nullptr : expected_colon(false);
  advance();
  ScratchVector<Stmt*> body_scratch;
  auto& body = *body_scratch;
  if (!block_after(body, "'while' statement", first)) return nullptr;
  ScratchVector<Stmt*> orelse_scratch;
  auto& orelse = *orelse_scratch;
  if (at(TokenKind::KwElse) && !else_block(orelse)) return nullptr;
  While* s = make_stmt<While>(first);
  s->test = test;
  s->body = span(body);
  s->orelse = span(orelse);
  return s;
}

Stmt* Parser::for_stmt(const Token& first) {
  bool is_async = accept(TokenKind::KwAsync);
  const Token& for_token = advance();
  std::size_t after_for = mark();
  Expr* target = star_targets();
  if (target == nullptr || !at(TokenKind::KwIn)) {
    if (failed()) return nullptr;
    {
      // CPython's invalid_for_target: name the part that cannot be assigned to.
      DiagnosticLookahead diagnostic(*this);
      std::size_t stopped = mark();
      reset(after_for);
      Expr* e = star_expressions();
      if (failed()) return nullptr;
      if (e != nullptr) {
        if (Expr* bad = invalid_target(e, TargetsKind::For)) {
          return syntax_error_at_node(std::string("cannot assign to ") + expr_name(bad), bad);
        }
      }
      reset(stopped);
    }
    return invalid_syntax_here();
  }
  advance();  // 'in'
  Expr* iter = star_expressions();
  if (iter == nullptr) return failed() ? nullptr : invalid_syntax_here();
  if (!at(TokenKind::Colon)) return expected_colon(false);
  advance();
  ScratchVector<Stmt*> body_scratch;
  auto& body = *body_scratch;
  if (!block_after(body, "'for' statement", for_token)) return nullptr;
  ScratchVector<Stmt*> orelse_scratch;
  auto& orelse = *orelse_scratch;
  if (at(TokenKind::KwElse) && !else_block(orelse)) return nullptr;
  if (is_async) {
    AsyncFor* s = make_stmt<AsyncFor>(first);
    s->target = target;
    s->iter = iter;
    s->body = span(body);
    s->orelse = span(orelse);
    return s;
  }
  For* s = make_stmt<For>(first);
  s->target = target;
  s->iter = iter;
  s->body = span(body);
  s->orelse = span(orelse);
  return s;
}

WithItem* Parser::with_item() {
  const Token& first = peek();
  Expr* context = expression();
  if (context == nullptr) return nullptr;
  Expr* vars = nullptr;
  if (at(TokenKind::KwAs)) {
    std::size_t before_as = mark();
    advance();
    Expr* target = star_named_expression();
    if (target == nullptr) {
      if (!failed()) reset(before_as);
      return nullptr;
    }
    // CPython's lookahead after the target: &(',' | ')' | ':'). At the end of
    // the line the statement fails anyway, with "expected ':'".
    if (!at(TokenKind::Comma) && !at(TokenKind::Colon) && !at(TokenKind::RPar) &&
        !at(TokenKind::Newline)) {
      reset(before_as);
      return nullptr;
    }
    if (!set_context(target, ExprContext::Store)) {
      if (!failed()) raise_invalid_target(target, TargetsKind::Star);
      return nullptr;
    }
    vars = target;
  }
  WithItem* item = make<WithItem>(first);
  item->context_expr = context;
  item->optional_vars = vars;
  return item;
}

bool Parser::parenthesized_with_items(std::vector<WithItem*>& items) {
  advance();  // '('
  for (;;) {
    WithItem* item = with_item();
    if (item == nullptr) return false;
    items.push_back(item);
    if (!accept(TokenKind::Comma)) break;
    if (at(TokenKind::RPar)) break;
  }
  return accept(TokenKind::RPar) && at(TokenKind::Colon);
}

Stmt* Parser::with_stmt(const Token& first) {
  bool is_async = accept(TokenKind::KwAsync);
  const Token& with_token = advance();
  ScratchVector<WithItem*> items_scratch;
  auto& items = *items_scratch;
  bool done = false;
  if (at(TokenKind::LPar)) {
    // `with (a, b):` is two context managers; `with (a, b) as c:` is one tuple.
    std::size_t m = mark();
    if (parenthesized_with_items(items)) {
      done = true;
      if (options_.feature_minor < 9) {
        return syntax_error(version_message("Parenthesized context managers are", 9), with_token);
      }
    } else {
      if (failed()) return nullptr;
      reset(m);
      items.clear();
    }
  }
  if (!done) {
    for (;;) {
      WithItem* item = with_item();
      if (item == nullptr) return failed() ? nullptr : invalid_syntax_here();
      items.push_back(item);
      if (!accept(TokenKind::Comma)) break;
    }
  }
  if (!at(TokenKind::Colon)) return expected_colon(false);
  advance();
  ScratchVector<Stmt*> body_scratch;
  auto& body = *body_scratch;
  if (!block_after(body, "'with' statement", with_token)) return nullptr;
  if (is_async) {
    AsyncWith* s = make_stmt<AsyncWith>(first);
    s->items = span(items);
    s->body = span(body);
    return s;
  }
  With* s = make_stmt<With>(first);
  s->items = span(items);
  s->body = span(body);
  return s;
}

Expr* Parser::except_type() {
  const Token& first = peek();
  Expr* e = expression();
  if (e == nullptr || !at(TokenKind::Comma)) return e;
  // `except A, B:` — a tuple without parentheses (PEP 758, Python 3.14).
  ScratchVector<Expr*> elts_scratch;
  auto& elts = *elts_scratch;
  elts.push_back(e);
  while (accept(TokenKind::Comma)) {
    if (at(TokenKind::Colon) || at(TokenKind::KwAs)) break;
    Expr* next = expression();
    if (next == nullptr) return failed() ? nullptr : invalid_syntax_here();
    elts.push_back(next);
  }
  if (options_.feature_minor < 14) {
    const Token& last = previous();
    return syntax_error_range("multiple exception types must be parenthesized", e->lineno,
                              e->col_offset, last.end_lineno, last.end_col_offset);
  }
  if (at(TokenKind::KwAs)) {
    const Token& last = previous();
    return syntax_error_range("multiple exception types must be parenthesized when using 'as'",
                              e->lineno, e->col_offset, last.end_lineno, last.end_col_offset);
  }
  Tuple* t = make<Tuple>(first);
  t->elts = span(elts);
  t->ctx = ExprContext::Load;
  return t;
}

ExceptHandlerBase* Parser::except_block(bool& is_star) {
  const Token& first = advance();  // 'except'
  is_star = accept(TokenKind::Star);
  Expr* type = nullptr;
  std::string_view name;
  if (!at(TokenKind::Colon)) {
    type = except_type();
    if (type == nullptr) {
      if (failed()) return nullptr;
      if (is_star) return syntax_error("expected one or more exception types", peek());
      return invalid_syntax_here();
    }
    if (accept(TokenKind::KwAs)) {
      if (!at(TokenKind::Name)) return invalid_syntax_here();
      name = identifier(advance());
    }
  } else if (is_star) {
    return syntax_error("expected one or more exception types", peek());
  }
  if (!at(TokenKind::Colon)) return expected_colon(false);
  advance();
  ScratchVector<Stmt*> body_scratch;
  auto& body = *body_scratch;
  if (!block_after(body, is_star ? "'except*' statement" : "'except' statement", first)) {
    return nullptr;
  }
  ExceptHandler* h = make_stmt<ExceptHandler>(first);
  h->type = type;
  h->name = name;
  h->body = span(body);
  return h;
}

Stmt* Parser::try_stmt() {
  const Token& first = advance();
  if (!at(TokenKind::Colon)) return expected_colon(true);
  advance();
  ScratchVector<Stmt*> body_scratch;
  auto& body = *body_scratch;
  if (!block_after(body, "'try' statement", first)) return nullptr;
  ScratchVector<ExceptHandlerBase*> handlers_scratch;
  auto& handlers = *handlers_scratch;
  bool star_kind = false;
  while (at(TokenKind::KwExcept)) {
    const Token& except_token = peek();
    bool is_star = false;
    ExceptHandlerBase* h = except_block(is_star);
    if (h == nullptr) return nullptr;
    if (handlers.empty()) {
      star_kind = is_star;
    } else if (is_star != star_kind) {
      return syntax_error("cannot have both 'except' and 'except*' on the same 'try'",
                          except_token);
    }
    handlers.push_back(h);
  }
  ScratchVector<Stmt*> orelse_scratch;
  auto& orelse = *orelse_scratch;
  ScratchVector<Stmt*> finalbody_scratch;
  auto& finalbody = *finalbody_scratch;
  if (!handlers.empty() && at(TokenKind::KwElse) && !else_block(orelse)) return nullptr;
  if (at(TokenKind::KwFinally)) {
    const Token& finally_token = advance();
    if (!at(TokenKind::Colon)) return expected_colon(true);
    advance();
    if (!block_after(finalbody, "'finally' statement", finally_token)) return nullptr;
  } else if (handlers.empty()) {
    return syntax_error("expected 'except' or 'finally' block", peek());
  }
  if (star_kind) {
    if (options_.feature_minor < 11) {
      return syntax_error(version_message("Exception groups are", 11), first);
    }
    TryStar* s = make_stmt<TryStar>(first);
    s->body = span(body);
    s->handlers = span(handlers);
    s->orelse = span(orelse);
    s->finalbody = span(finalbody);
    return s;
  }
  Try* s = make_stmt<Try>(first);
  s->body = span(body);
  s->handlers = span(handlers);
  s->orelse = span(orelse);
  s->finalbody = span(finalbody);
  return s;
}

}  // namespace aegis::py
