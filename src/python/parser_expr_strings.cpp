// String literals of the expression parser: adjacent STRING / f-string / t-string
// tokens concatenated into one Constant, JoinedStr or TemplateStr, with CPython
// 3.12's exact folding rules and positions (Parser/action_helpers.c:
// _PyPegen_concatenate_strings, _PyPegen_joined_str, _PyPegen_formatted_value).
#include "python/literals.h"
#include "python/parser.h"

namespace aegis::py {

namespace {

using TK = TokenKind;

bool is_empty_str_constant(const Expr* e) {
  if (e->kind != NodeKind::Constant) return false;
  const auto* c = static_cast<const Constant*>(e);
  return c->value.kind == ConstantKind::Str && c->value.text.empty();
}

void set_position(Node* n, int lineno, int col, int end_lineno, int end_col) {
  n->lineno = lineno;
  n->col_offset = col;
  n->end_lineno = end_lineno;
  n->end_col_offset = end_col;
}

// "{{" and "}}" in f-string text stand for one brace.
std::string_view collapse_braces(std::string_view text, std::string& buffer) {
  if (text.find("{{") == std::string_view::npos && text.find("}}") == std::string_view::npos) {
    return text;
  }
  buffer.clear();
  for (std::size_t i = 0; i < text.size(); ++i) {
    buffer += text[i];
    if ((text[i] == '{' || text[i] == '}') && i + 1 < text.size() && text[i + 1] == text[i]) ++i;
  }
  return buffer;
}

}  // namespace

Expr* Parser::string_constant(const Token& t) {
  std::string_view text = text_of(t);
  StringPrefix prefix;
  std::size_t prefix_len = parse_string_prefix(text, prefix);
  std::string_view rest = text.substr(prefix_len);
  std::size_t quotes = rest.size() >= 6 && rest[0] == rest[1] && rest[1] == rest[2] ? 3 : 1;
  if (rest.size() < 2 * quotes) return syntax_error("invalid string literal", t);
  std::string_view body = rest.substr(quotes, rest.size() - 2 * quotes);
  Constant* c = arena().make<Constant>();
  set_position(c, t.lineno, t.col_offset, t.end_lineno, t.end_col_offset);
  c->value.kind = prefix.bytes ? ConstantKind::Bytes : ConstantKind::Str;
  if (text[0] == 'u') c->string_kind = "u";  // CPython: a lowercase 'u' only
  bool plain = prefix.raw || body.find('\\') == std::string_view::npos;
  if (plain && prefix.bytes) {
    for (unsigned char ch : body) {
      if (ch >= 0x80) {
        return syntax_error("bytes can only contain ASCII literal characters", t);
      }
    }
  }
  if (plain) {
    c->value.text = body;
    return c;
  }
  std::string decoded, message;
  std::size_t error_offset = 0;
  if (!decode_string_body(body, prefix.raw, prefix.bytes, decoded, message, error_offset)) {
    return syntax_error(message, t);
  }
  c->value.text = arena().copy(decoded);
  return c;
}

bool Parser::decode_fstring_text(std::string_view text, bool raw, const Token& where,
                                 std::string_view& out) {
  if (raw || text.find('\\') == std::string_view::npos) {
    out = text;
    return true;
  }
  std::string decoded, message;
  std::size_t error_offset = 0;
  if (!decode_string_body(text, false, false, decoded, message, error_offset)) {
    syntax_error(message, where);
    return false;
  }
  out = arena().copy(decoded);
  return true;
}

// A Constant for one FSTRING_MIDDLE token. Literal text outside a format spec
// honours the raw prefix; format spec text is always decoded (as CPython 3.12).
Expr* Parser::fstring_middle_constant(const Token& t, bool raw, bool outside_spec) {
  std::string buffer;
  std::string_view text = text_of(t);
  if (outside_spec) text = collapse_braces(text, buffer);
  std::string_view value;
  if (!decode_fstring_text(text, outside_spec && raw, t, value)) return nullptr;
  if (!buffer.empty() && value.data() == buffer.data()) value = arena().copy(value);
  Constant* c = arena().make<Constant>();
  set_position(c, t.lineno, t.col_offset, t.end_lineno, t.end_col_offset);
  c->value.kind = ConstantKind::Str;
  c->value.text = value;
  // A piece ending in an escaped "{{" or "}}" stops after the first brace and the
  // lexer skips the second; CPython's own token (unlike the tokenize module's) ends
  // after the second brace, and so does the Constant.
  if (outside_spec && t.end > t.start && t.end < text_.size() && peek().start == t.end + 1) {
    char brace = text_[t.end];
    if ((brace == '{' || brace == '}') && text_[t.end - 1] == brace) c->end_col_offset += 1;
  }
  return c;
}

Expr* Parser::fstring_format_spec(const Token& colon, bool raw, bool tstring) {
  const TK middle_kind = tstring ? TK::TStringMiddle : TK::FStringMiddle;
  ScratchVector<Expr*> items_scratch;
  auto& items = *items_scratch;
  for (;;) {
    if (at(middle_kind)) {
      Expr* c = fstring_middle_constant(advance(), raw, false);
      if (!c) return nullptr;
      items.push_back(c);
    } else if (at(TK::LBrace)) {
      // Fields nested in a spec are FormattedValue even in a t-string.
      Expr* field = fstring_replacement_field(raw, tstring, false);
      if (!field) return nullptr;
      items.push_back(field);
    } else {
      break;
    }
  }
  if (options_.feature_minor >= 13) {
    // 3.13 drops every empty piece and folds the rest like adjacent strings.
    ScratchVector<Expr*> kept_scratch;
    auto& kept = *kept_scratch;
    bool has_field = false;
    for (Expr* item : items) {
      if (is_empty_str_constant(item)) continue;
      has_field = has_field || item->kind != NodeKind::Constant;
      kept.push_back(item);
    }
    if (kept.size() > 1 || (kept.size() == 1 && has_field)) {
      return concatenate_strings(kept, colon, false, has_field, !has_field || kept.size() > 1);
    }
    items.swap(kept);
  } else if (items.size() == 1 && is_empty_str_constant(items[0])) {
    // An empty spec is an empty JoinedStr, as in 3.11 (3.12 keeps other empties).
    items.clear();
  }
  JoinedStr* spec = make<JoinedStr>(colon);
  spec->values = span(items);
  return spec;
}

// `tstring`: the field is inside a t-string (its tokens and messages);
// `interpolation`: it becomes an Interpolation rather than a FormattedValue.
Expr* Parser::fstring_replacement_field(bool raw, bool tstring, bool interpolation) {
  const Token& lbrace = advance();  // '{'
  // Messages of CPython's invalid_replacement_field, "f-string: " or "t-string: ".
  const std::string kind_prefix = tstring ? "t-string: " : "f-string: ";
  auto fail = [&](const std::string& message, const Token& where) {
    return syntax_error(kind_prefix + message, where);
  };
  if (at(TK::Equal) || at(TK::Exclamation) || at(TK::Colon) || at(TK::RBrace)) {
    return fail("valid expression required before '" + std::string(text_of(peek())) + "'",
                peek());
  }
  const std::size_t first_expr_token = mark();
  Expr* value = at(TK::KwYield) ? yield_expr() : star_expressions();
  if (!value) {
    if (!failed()) fail("expecting a valid expression after '{'", peek());
    return nullptr;
  }
  if (!at(TK::Equal) && !at(TK::Exclamation) && !at(TK::Colon) && !at(TK::RBrace)) {
    display_element_error(value, tokens_[first_expr_token]);
    if (failed()) return nullptr;
    return fail("expecting '=', or '!', or ':', or '}'", peek());
  }
  const Token* debug = at(TK::Equal) ? &advance() : nullptr;
  if (debug && !at(TK::Exclamation) && !at(TK::Colon) && !at(TK::RBrace)) {
    return fail("expecting '!', or ':', or '}'", peek());
  }
  const Token* bang = nullptr;
  int conversion = -1;
  if (at(TK::Exclamation)) {
    bang = &advance();
    if (at(TK::Colon) || at(TK::RBrace)) return fail("missing conversion character", peek());
    if (!at(TK::Name)) return fail("invalid conversion character", peek());
    const Token& conv = advance();
    if (conv.start != bang->end) {
      return fail("conversion type must come right after the exclamanation mark", conv);
    }
    std::string_view name = text_of(conv);
    if (name != "s" && name != "r" && name != "a") {
      return fail("invalid conversion character '" + std::string(name) +
                      "': expected 's', 'r', or 'a'",
                  conv);
    }
    conversion = name[0];
    if (!at(TK::Colon) && !at(TK::RBrace)) return fail("expecting ':' or '}'", peek());
  }
  const Token* colon = nullptr;
  Expr* spec = nullptr;
  if (at(TK::Colon)) {
    colon = &advance();
    spec = fstring_format_spec(*colon, raw, tstring);
    if (!spec) return nullptr;
  }
  if (!at(TK::RBrace)) return fail("expecting '}'", peek());
  const Token& rbrace = advance();
  if (conversion == -1 && debug != nullptr && spec == nullptr) conversion = 'r';

  Expr* field;
  if (interpolation) {
    Interpolation* n = make<Interpolation>(lbrace);
    n->value = value;
    n->conversion = conversion;
    n->format_spec = spec;
    // The expression's source text, up to the '=' / '!' / ':' / '}' after it.
    const Token& stop = debug ? *debug : bang ? *bang : colon ? *colon : rbrace;
    std::string_view source = text_.substr(lbrace.end, stop.start - lbrace.end);
    n->str.kind = ConstantKind::Str;
    n->str.text = source;
    field = n;
  } else {
    FormattedValue* n = make<FormattedValue>(lbrace);
    n->value = value;
    n->conversion = conversion;
    n->format_spec = spec;
    field = n;
  }
  if (debug == nullptr) return field;

  // `{expr=}`: the text up to the conversion, spec or closing brace goes first.
  // CPython 3.12's tokenizer drops every '#' up to the end of its line from its
  // copy of that text, even inside string literals; so do we.
  const Token& stop = bang ? *bang : colon ? *colon : rbrace;
  std::string_view source = text_.substr(lbrace.end, stop.start - lbrace.end);
  if (source.find('#') != std::string_view::npos) {
    std::string without_comments;
    for (std::size_t k = 0; k < source.size(); ++k) {
      if (source[k] == '#') {
        while (k < source.size() && source[k] != '\n') ++k;
        if (k == source.size()) break;
      }
      without_comments += source[k];
    }
    source = arena().copy(without_comments);
  }
  std::string_view decoded;
  if (!decode_fstring_text(source, raw, lbrace, decoded)) return nullptr;
  Constant* text = arena().make<Constant>();
  set_position(text, lbrace.lineno, lbrace.col_offset + 1, stop.lineno, stop.col_offset);
  text->value.kind = ConstantKind::Str;
  text->value.text = decoded;
  Expr* pair[2] = {text, field};
  JoinedStr* joined = arena().make<JoinedStr>();
  set_position(joined, lbrace.lineno, lbrace.col_offset, stop.lineno, stop.col_offset + 1);
  joined->values = span(std::vector<Expr*>(pair, pair + 2));
  return joined;
}

Expr* Parser::fstring() {
  const Token& start = advance();
  const bool tstring = start.kind == TK::TStringStart;
  const TK middle_kind = tstring ? TK::TStringMiddle : TK::FStringMiddle;
  const TK end_kind = tstring ? TK::TStringEnd : TK::FStringEnd;
  StringPrefix prefix;
  parse_string_prefix(text_of(start), prefix);
  ScratchVector<Expr*> items_scratch;
  auto& items = *items_scratch;
  while (!at(end_kind)) {
    if (at(middle_kind)) {
      Expr* c = fstring_middle_constant(advance(), prefix.raw, true);
      if (!c) return nullptr;
      if (!is_empty_str_constant(c)) items.push_back(c);
    } else if (at(TK::LBrace)) {
      Expr* field = fstring_replacement_field(prefix.raw, tstring, tstring);
      if (!field) return nullptr;
      if (field->kind == NodeKind::JoinedStr) {  // `{x=}`: text and value, unpacked
        for (Expr* x : static_cast<JoinedStr*>(field)->values) {
          if (!is_empty_str_constant(x)) items.push_back(x);
        }
      } else {
        items.push_back(field);
      }
    } else {
      if (failed()) return nullptr;
      if (at(TK::RBrace)) {
        return syntax_error(tstring ? "t-string: single '}' is not allowed"
                                    : "f-string: single '}' is not allowed",
                            peek());
      }
      return syntax_error(tstring ? "t-string: expecting '}'" : "f-string: expecting '}'",
                          peek());
    }
  }
  advance();  // end token
  if (tstring) {
    TemplateStr* t = make<TemplateStr>(start);
    t->values = span(items);
    return t;
  }
  JoinedStr* j = make<JoinedStr>(start);
  j->values = span(items);
  return j;
}

Expr* Parser::strings() {
  const Token& first = peek();
  ScratchVector<Expr*> parts_scratch;
  auto& parts = *parts_scratch;
  bool bytes_found = false, fstring_found = false, unicode_found = false, tstring_found = false;
  for (;;) {
    if (at(TK::String)) {
      Expr* c = string_constant(advance());
      if (!c) return nullptr;
      if (static_cast<Constant*>(c)->value.kind == ConstantKind::Bytes) bytes_found = true;
      else unicode_found = true;
      parts.push_back(c);
    } else if (at(TK::FStringStart) || at(TK::TStringStart)) {
      if (at(TK::TStringStart)) tstring_found = true;
      else fstring_found = true;
      Expr* f = fstring();
      if (!f) return nullptr;
      parts.push_back(f);
    } else {
      break;
    }
  }
  if (parts.empty()) return nullptr;
  if (tstring_found && (fstring_found || unicode_found || bytes_found)) {
    return syntax_error_range("cannot mix t-string literals with string or bytes literals",
                              first.lineno, first.col_offset, previous().end_lineno,
                              previous().end_col_offset);
  }
  return concatenate_strings(parts, first, bytes_found, fstring_found || tstring_found,
                             unicode_found);
}

Expr* Parser::concatenate_strings(std::vector<Expr*>& parts, const Token& first, bool bytes_found,
                                  bool fstring_found, bool unicode_found) {
  const Token& last = previous();
  if ((unicode_found || fstring_found) && bytes_found) {
    return syntax_error_range("cannot mix bytes and nonbytes literals", first.lineno,
                              first.col_offset, last.end_lineno, last.end_col_offset);
  }
  if (bytes_found) {
    if (parts.size() == 1) return parts[0];
    std::string joined;
    for (Expr* p : parts) joined += static_cast<Constant*>(p)->value.text;
    Constant* c = make<Constant>(first);
    c->value.kind = ConstantKind::Bytes;
    c->value.text = arena().copy(joined);
    c->string_kind = static_cast<Constant*>(parts[0])->string_kind;
    return c;
  }
  if (!fstring_found && parts.size() == 1) return parts[0];

  const bool template_str = parts[0]->kind == NodeKind::TemplateStr;
  ScratchVector<Expr*> flat_scratch;
  auto& flat = *flat_scratch;
  for (Expr* p : parts) {
    if (p->kind == NodeKind::JoinedStr) {
      for (Expr* x : static_cast<JoinedStr*>(p)->values) flat.push_back(x);
    } else if (p->kind == NodeKind::TemplateStr) {
      for (Expr* x : static_cast<TemplateStr*>(p)->values) flat.push_back(x);
    } else {
      flat.push_back(p);
    }
  }
  ScratchVector<Expr*> values_scratch;
  auto& values = *values_scratch;
  std::string buffer;
  for (std::size_t i = 0; i < flat.size(); ++i) {
    Expr* elem = flat[i];
    if (elem->kind == NodeKind::Constant) {
      if (i + 1 < flat.size() && flat[i + 1]->kind == NodeKind::Constant) {
        // Fold this and all following constants; the first one's kind wins.
        auto* first_elem = static_cast<Constant*>(elem);
        Constant* last_elem = first_elem;
        buffer.clear();
        std::size_t j = i;
        for (; j < flat.size() && flat[j]->kind == NodeKind::Constant; ++j) {
          last_elem = static_cast<Constant*>(flat[j]);
          buffer += last_elem->value.text;
        }
        i = j - 1;
        Constant* c = arena().make<Constant>();
        set_position(c, first_elem->lineno, first_elem->col_offset, last_elem->end_lineno,
                     last_elem->end_col_offset);
        c->value.kind = ConstantKind::Str;
        c->value.text = arena().copy(buffer);
        c->string_kind = first_elem->string_kind;
        elem = c;
      }
      if (fstring_found && is_empty_str_constant(elem)) continue;
    }
    values.push_back(elem);
  }
  if (!fstring_found) return values[0];
  if (template_str) {
    TemplateStr* t = make<TemplateStr>(first);
    t->values = span(values);
    return t;
  }
  JoinedStr* j = make<JoinedStr>(first);
  j->values = span(values);
  return j;
}

}  // namespace aegis::py
