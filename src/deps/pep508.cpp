// PEP 508: a recursive-descent parser over a context-sensitive tokenizer, step for step
// as packaging 23.0's _parser.py and _tokenizer.py, so that the same inputs are accepted,
// the same errors reported at the same places, and str() gives the same text.
#include "deps/pep508.h"

#include <algorithm>
#include <cctype>
#include <cstdint>

#include "deps/pep440_match.h"
#include "deps/pep440_unicode.h"

namespace aegis::deps {

namespace {

// ---------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------

enum class Tok {
  LeftParenthesis, RightParenthesis, LeftBracket, RightBracket, Semicolon, Comma, QuotedString, Op,
  BoolOp, In, Not, Variable, Specifier, At, Url, Identifier, Ws, End
};

const char* token_name(Tok t) {
  switch (t) {
    case Tok::RightParenthesis: return "RIGHT_PARENTHESIS";
    case Tok::RightBracket: return "RIGHT_BRACKET";
    default: return "TOKEN";  // only closing tokens are named in messages
  }
}

bool is_not_single_quote(char32_t c) { return c != '\''; }
bool is_not_double_quote(char32_t c) { return c != '"'; }
bool is_url_char(char32_t c) { return c != ' ' && c != '\t'; }
bool is_blank(char32_t c) { return c == ' ' || c == '\t'; }
bool is_alnum_ascii(char32_t c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_identifier_char(char32_t c) { return is_alnum_ascii(c) || c == '.' || c == '_' || c == '-'; }

const rx::Pattern& rule(Tok t) {
  using namespace rx;
  auto words = [](std::initializer_list<const char*> list) {
    std::vector<Pattern> choices;
    for (const char* w : list) choices.push_back(lit(w));
    return alt(std::move(choices));
  };
  static const std::vector<Pattern> rules = [&] {
    std::vector<Pattern> r(static_cast<int>(Tok::End) + 1);
    r[static_cast<int>(Tok::LeftParenthesis)] = lit("(");
    r[static_cast<int>(Tok::RightParenthesis)] = lit(")");
    r[static_cast<int>(Tok::LeftBracket)] = lit("[");
    r[static_cast<int>(Tok::RightBracket)] = lit("]");
    r[static_cast<int>(Tok::Semicolon)] = lit(";");
    r[static_cast<int>(Tok::Comma)] = lit(",");
    r[static_cast<int>(Tok::QuotedString)] =
        alt({seq({lit("'"), repeat(cls(is_not_single_quote), 0), lit("'")}),
             seq({lit("\""), repeat(cls(is_not_double_quote), 0), lit("\"")})});
    r[static_cast<int>(Tok::Op)] = words({"===", "==", "~=", "!=", "<=", ">=", "<", ">"});
    r[static_cast<int>(Tok::BoolOp)] = seq({word_boundary(), words({"or", "and"}), word_boundary()});
    r[static_cast<int>(Tok::In)] = seq({word_boundary(), lit("in"), word_boundary()});
    r[static_cast<int>(Tok::Not)] = seq({word_boundary(), lit("not"), word_boundary()});
    auto dot_or_underscore = cls([](char32_t c) { return c == '.' || c == '_'; });
    r[static_cast<int>(Tok::Variable)] = seq({
        word_boundary(),
        alt({lit("python_version"), lit("python_full_version"), seq({lit("os"), dot_or_underscore, lit("name")}),
             seq({lit("sys"), dot_or_underscore, lit("platform")}),
             seq({lit("platform_"), words({"release", "system"})}),
             seq({lit("platform"), dot_or_underscore, words({"version", "machine", "python_implementation"})}),
             lit("python_implementation"), seq({lit("implementation_"), words({"name", "version"})}), lit("extra")}),
        word_boundary(),
    });
    r[static_cast<int>(Tok::Specifier)] = patterns::specifier();
    r[static_cast<int>(Tok::At)] = lit("@");
    r[static_cast<int>(Tok::Url)] = repeat(cls(is_url_char), 1);
    r[static_cast<int>(Tok::Identifier)] =
        seq({word_boundary(), cls(is_alnum_ascii), repeat(cls(is_identifier_char), 0), word_boundary()});
    r[static_cast<int>(Tok::Ws)] = repeat(cls(is_blank), 1);
    r[static_cast<int>(Tok::End)] = end_of_text();
    return r;
  }();
  return rules[static_cast<int>(t)];
}

struct SyntaxError {
  std::string message;
  std::size_t offset;
};

struct Token {
  Tok kind;
  std::string_view text;
  std::size_t position;
};

// Nesting beyond this is refused rather than risking the stack (packaging itself hits
// Python's recursion limit a little further on).
constexpr int kMaxMarkerDepth = 200;

class Tokenizer {
 public:
  explicit Tokenizer(std::string_view source) : source_(source) {}

  std::size_t position() const { return position_; }
  std::string_view source() const { return source_; }

  bool check(Tok t, bool peek = false) {
    rx::Match m;
    if (!rx::match(rule(t), source_, position_, 2, m)) return false;
    if (!peek) next_ = Token{t, source_.substr(position_, m.end - position_), position_};
    return true;
  }
  void consume(Tok t) {
    if (check(t)) read();
  }
  Token expect(Tok t, std::string_view expected) {
    if (!check(t)) fail("Expected " + std::string(expected));
    return read();
  }
  Token read() {
    Token token = *next_;
    position_ += token.text.size();
    next_.reset();
    return token;
  }
  [[noreturn]] void fail(std::string message, std::optional<std::size_t> span_start = std::nullopt) const {
    throw SyntaxError{std::move(message), span_start.value_or(position_)};
  }
  // Runs `body` between an optional opening token and its required closing token.
  template <class Body>
  void enclosing(Tok open, Tok close, Body body) {
    std::optional<std::size_t> open_position;
    if (check(open)) {
      open_position = position_;
      read();
    }
    body();
    if (!open_position) return;
    if (!check(close)) fail(std::string("Expected closing ") + token_name(close), open_position);
    read();
  }

 private:
  std::string_view source_;
  std::size_t position_ = 0;
  std::optional<Token> next_;
};

// ---------------------------------------------------------------------------------------
// String literals: the value ast.literal_eval gives a '...' or "..." token
// ---------------------------------------------------------------------------------------

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string literal_value(const Token& token) {
  std::string_view body = token.text.substr(1, token.text.size() - 2);
  std::string out;
  auto fail = [&](const std::string& why, std::size_t at) -> void {
    throw SyntaxError{"Invalid string literal: " + why, token.position + 1 + at};
  };
  for (std::size_t i = 0; i < body.size();) {
    char c = body[i];
    if (c == '\n' || c == '\r') fail("unterminated string literal", i);
    if (c == '\0') fail("null byte in string", i);
    if (c != '\\') {
      out += c;
      ++i;
      continue;
    }
    if (i + 1 >= body.size()) fail("unterminated string literal", i);
    char n = body[i + 1];
    std::size_t start = i;
    i += 2;
    switch (n) {
      case '\n': break;  // a line continuation
      case '\r':
        if (i < body.size() && body[i] == '\n') ++i;
        break;
      case '\\': out += '\\'; break;
      case '\'': out += '\''; break;
      case '"': out += '"'; break;
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case 'x':
      case 'u':
      case 'U': {
        std::size_t digits = n == 'x' ? 2 : n == 'u' ? 4 : 8;
        char32_t value = 0;
        for (std::size_t k = 0; k < digits; ++k) {
          if (i + k >= body.size() || hex_value(body[i + k]) < 0)
            fail(std::string("truncated \\") + n + " escape", start);
          value = value * 16 + static_cast<char32_t>(hex_value(body[i + k]));
        }
        if (value > 0x10FFFF) fail("illegal Unicode character", start);
        i += digits;
        text::append_utf8(out, value);
        break;
      }
      case 'N': fail("named Unicode escapes (\\N{...}) are not supported", start); break;
      default:
        if (n >= '0' && n <= '7') {
          char32_t value = static_cast<char32_t>(n - '0');
          for (int k = 0; k < 2 && i < body.size() && body[i] >= '0' && body[i] <= '7'; ++k, ++i)
            value = value * 8 + static_cast<char32_t>(body[i] - '0');
          text::append_utf8(out, value);
        } else {
          out += '\\';  // an unknown escape keeps its backslash
          i = start + 1;
        }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// The parser
// ---------------------------------------------------------------------------------------

using Node = Marker::Node;

Node parse_marker_expression(Tokenizer& t, int depth);

Marker::Operand parse_marker_var(Tokenizer& t) {
  if (t.check(Tok::Variable)) {
    std::string name(t.read().text);
    std::replace(name.begin(), name.end(), '.', '_');
    if (name == "python_implementation") name = "platform_python_implementation";
    return {true, name};
  }
  if (t.check(Tok::QuotedString)) return {false, literal_value(t.read())};
  t.fail("Expected a marker variable or quoted string");
}

std::string parse_marker_op(Tokenizer& t) {
  if (t.check(Tok::In)) {
    t.read();
    return "in";
  }
  if (t.check(Tok::Not)) {
    t.read();
    t.expect(Tok::Ws, "whitespace after 'not'");
    t.expect(Tok::In, "'in' after 'not'");
    return "not in";
  }
  if (t.check(Tok::Op)) return std::string(t.read().text);
  t.fail("Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in");
}

Node parse_marker_item(Tokenizer& t) {
  Node item;
  item.kind = Node::Kind::Term;
  t.consume(Tok::Ws);
  item.lhs = parse_marker_var(t);
  t.consume(Tok::Ws);
  item.op = parse_marker_op(t);
  t.consume(Tok::Ws);
  item.rhs = parse_marker_var(t);
  t.consume(Tok::Ws);
  return item;
}

Node parse_marker_atom(Tokenizer& t, int depth) {
  t.consume(Tok::Ws);
  Node atom;
  if (t.check(Tok::LeftParenthesis, true)) {
    if (depth >= kMaxMarkerDepth) t.fail("Marker nested too deeply");
    t.enclosing(Tok::LeftParenthesis, Tok::RightParenthesis, [&] {
      t.consume(Tok::Ws);
      atom = parse_marker_expression(t, depth + 1);
      t.consume(Tok::Ws);
    });
  } else {
    atom = parse_marker_item(t);
  }
  t.consume(Tok::Ws);
  return atom;
}

Node parse_marker_expression(Tokenizer& t, int depth) {
  Node list;
  list.children.push_back(parse_marker_atom(t, depth));
  while (t.check(Tok::BoolOp)) {
    Node op;
    op.kind = Node::Kind::BoolOp;
    op.op = std::string(t.read().text);
    list.children.push_back(std::move(op));
    list.children.push_back(parse_marker_atom(t, depth));
  }
  return list;
}

// packaging normalises the value compared with `extra` in the first term of the
// top-level list only (that is what _normalize_extra_values looks at).
void normalize_extra_values(Node& root) {
  if (root.children.empty() || root.children[0].kind != Node::Kind::Term) return;
  Node& term = root.children[0];
  if (term.lhs.variable && term.lhs.value == "extra") {
    term.rhs = {false, normalize_name(term.rhs.value)};
  } else if (term.rhs.variable && term.rhs.value == "extra") {
    term.lhs = {false, normalize_name(term.lhs.value)};
  }
}

std::string parse_version_many(Tokenizer& t) {
  std::string specifiers;
  while (t.check(Tok::Specifier)) {
    specifiers += t.read().text;
    t.consume(Tok::Ws);
    if (!t.check(Tok::Comma)) break;
    specifiers += t.read().text;
    t.consume(Tok::Ws);
  }
  return specifiers;
}

std::string parse_specifier(Tokenizer& t) {
  std::string specifiers;
  t.enclosing(Tok::LeftParenthesis, Tok::RightParenthesis, [&] {
    t.consume(Tok::Ws);
    specifiers = parse_version_many(t);
    t.consume(Tok::Ws);
  });
  return specifiers;
}

std::vector<std::string> parse_extras_list(Tokenizer& t) {
  std::vector<std::string> extras;
  if (!t.check(Tok::Identifier)) return extras;
  extras.emplace_back(t.read().text);
  for (;;) {
    t.consume(Tok::Ws);
    if (t.check(Tok::Identifier, true)) t.fail("Expected comma between extra names");
    if (!t.check(Tok::Comma)) break;
    t.read();
    t.consume(Tok::Ws);
    extras.emplace_back(t.expect(Tok::Identifier, "extra name after comma").text);
  }
  return extras;
}

std::vector<std::string> parse_extras(Tokenizer& t) {
  std::vector<std::string> extras;
  if (!t.check(Tok::LeftBracket, true)) return extras;
  t.enclosing(Tok::LeftBracket, Tok::RightBracket, [&] {
    t.consume(Tok::Ws);
    extras = parse_extras_list(t);
    t.consume(Tok::Ws);
  });
  return extras;
}

Node parse_requirement_marker(Tokenizer& t, std::size_t span_start, std::string_view after) {
  if (!t.check(Tok::Semicolon)) t.fail("Expected end or semicolon (after " + std::string(after) + ")", span_start);
  t.read();
  Node marker = parse_marker_expression(t, 0);
  t.consume(Tok::Ws);
  return marker;
}

struct ParsedRequirement {
  std::string name, url, specifier;
  std::size_t url_position = 0, specifier_position = 0;
  std::vector<std::string> extras;
  std::optional<Node> marker;
};

ParsedRequirement parse_requirement_tokens(Tokenizer& t) {
  ParsedRequirement r;
  t.consume(Tok::Ws);
  r.name = t.expect(Tok::Identifier, "package name at the start of dependency specifier").text;
  t.consume(Tok::Ws);
  r.extras = parse_extras(t);
  t.consume(Tok::Ws);
  if (t.check(Tok::At)) {
    t.read();
    t.consume(Tok::Ws);
    r.url_position = t.position();
    r.url = t.expect(Tok::Url, "URL after @").text;
    if (!t.check(Tok::End, true)) {
      t.expect(Tok::Ws, "whitespace after URL");
      if (!t.check(Tok::End, true)) r.marker = parse_requirement_marker(t, r.url_position, "URL and whitespace");
    }
  } else {
    r.specifier_position = t.position();
    r.specifier = parse_specifier(t);
    t.consume(Tok::Ws);
    if (!t.check(Tok::End, true))
      r.marker = parse_requirement_marker(
          t, r.specifier_position, r.specifier.empty() ? "name and no valid version specifier" : "version specifier");
  }
  t.expect(Tok::End, "end of dependency specifier");
  return r;
}

// ---------------------------------------------------------------------------------------
// URLs: the checks packaging makes with urllib.parse (Python 3.11)
// ---------------------------------------------------------------------------------------

bool is_ipv4(std::string_view s) {
  int octets = 0;
  for (std::size_t start = 0;;) {
    std::size_t dot = s.find('.', start);
    std::string_view octet = s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (octet.empty() || octet.size() > 3) return false;
    if (!std::all_of(octet.begin(), octet.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
    if (octet.size() > 1 && octet[0] == '0') return false;
    if (std::stoi(std::string(octet)) > 255) return false;
    ++octets;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return octets == 4;
}

// ipaddress.IPv6Address: hextets, one "::", an IPv4 tail, a "%scope".
bool is_ipv6(std::string_view s) {
  std::size_t percent = s.find('%');
  if (percent != std::string_view::npos) {
    std::string_view scope = s.substr(percent + 1);
    if (scope.empty() || scope.find('%') != std::string_view::npos) return false;
    s = s.substr(0, percent);
  }
  if (s.empty()) return false;
  std::vector<std::string> parts;
  for (std::size_t start = 0;;) {
    std::size_t colon = s.find(':', start);
    parts.emplace_back(s.substr(start, colon == std::string_view::npos ? std::string_view::npos : colon - start));
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  if (parts.size() < 3) return false;
  if (parts.back().find('.') != std::string::npos) {
    if (!is_ipv4(parts.back())) return false;
    parts.back() = "0";  // stands for two hextets
    parts.push_back("0");
  }
  if (parts.size() > 9) return false;
  std::optional<std::size_t> skip;
  for (std::size_t i = 1; i + 1 < parts.size(); ++i) {
    if (!parts[i].empty()) continue;
    if (skip) return false;
    skip = i;
  }
  std::size_t hi, lo;
  if (skip) {
    hi = *skip;
    lo = parts.size() - *skip - 1;
    if (parts.front().empty() && --hi) return false;
    if (parts.back().empty() && --lo) return false;
    if (8 < hi + lo + 1) return false;
  } else {
    if (parts.size() != 8 || parts.front().empty() || parts.back().empty()) return false;
    hi = parts.size();
    lo = 0;
  }
  auto hextet = [](const std::string& h) {
    return !h.empty() && h.size() <= 4 && std::all_of(h.begin(), h.end(), [](char c) { return hex_value(c) >= 0; });
  };
  for (std::size_t i = 0; i < hi; ++i)
    if (!hextet(parts[i])) return false;
  for (std::size_t i = parts.size() - lo; i < parts.size(); ++i)
    if (!hextet(parts[i])) return false;
  return true;
}

bool is_bracketed_host(std::string_view host) {
  if (!host.empty() && host[0] == 'v') {  // IPvFuture: v<hex>.<anything but a newline>
    std::size_t i = 1;
    while (i < host.size() && hex_value(host[i]) >= 0) ++i;
    return i > 1 && i + 1 < host.size() && host[i] == '.' && host.find('\n', i) == std::string_view::npos;
  }
  return is_ipv6(host);
}

// nullopt when packaging accepts the URL, else its complaint.
std::optional<std::string> check_url(const std::string& original) {
  std::string url = original;
  std::size_t lead = 0;
  while (lead < url.size() && static_cast<unsigned char>(url[lead]) <= 0x20) ++lead;
  url.erase(0, lead);
  std::erase_if(url, [](char c) { return c == '\t' || c == '\r' || c == '\n'; });

  std::string scheme, netloc, rest = url, query, fragment;
  std::size_t colon = url.find(':');
  auto is_scheme_char = [](char c) { return is_alnum_ascii(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.'; };
  if (colon != std::string::npos && colon > 0 && std::isalpha(static_cast<unsigned char>(url[0])) &&
      std::all_of(url.begin(), url.begin() + static_cast<std::ptrdiff_t>(colon), is_scheme_char)) {
    scheme = text::python_lower(url.substr(0, colon));
    rest = url.substr(colon + 1);
  }
  if (rest.starts_with("//")) {
    std::size_t end = rest.find_first_of("/?#", 2);
    if (end == std::string::npos) end = rest.size();
    netloc = rest.substr(2, end - 2);
    rest = rest.substr(end);
    bool open = netloc.find('[') != std::string::npos, close = netloc.find(']') != std::string::npos;
    if (open != close) return "Invalid IPv6 URL";
    if (open) {
      std::string_view host_port = netloc;
      if (std::size_t at = host_port.rfind('@'); at != std::string_view::npos) host_port = host_port.substr(at + 1);
      std::string_view host;
      if (std::size_t bracket = host_port.find('['); bracket != std::string_view::npos) {
        if (bracket > 0) return "Invalid IPv6 URL";
        std::string_view inside = host_port.substr(1);
        std::size_t end_bracket = inside.find(']');
        host = inside.substr(0, end_bracket);
        std::string_view port = end_bracket == std::string_view::npos ? "" : inside.substr(end_bracket + 1);
        if (!port.empty() && port[0] != ':') return "Invalid IPv6 URL";
      } else {
        host = host_port.substr(0, host_port.find(':'));
      }
      if (!is_bracketed_host(host)) return "Invalid IPv6 URL";
    }
  }
  if (std::size_t hash = rest.find('#'); hash != std::string::npos) {
    fragment = rest.substr(hash + 1);
    rest.resize(hash);
  }
  if (std::size_t question = rest.find('?'); question != std::string::npos) {
    query = rest.substr(question + 1);
    rest.resize(question);
  }
  if (scheme == "file") {
    // A file URL must come back unchanged from urlunparse ("file" has no params).
    std::string rebuilt = rest;
    if (!netloc.empty() || !rebuilt.starts_with("//")) {
      if (!rebuilt.empty() && rebuilt[0] != '/') rebuilt = "/" + rebuilt;
      rebuilt = "//" + netloc + rebuilt;
    }
    rebuilt = scheme + ":" + rebuilt;
    if (!query.empty()) rebuilt += "?" + query;
    if (!fragment.empty()) rebuilt += "#" + fragment;
    if (rebuilt != original) return "Invalid URL given";
    return std::nullopt;
  }
  if (scheme.empty() || netloc.empty()) return "Invalid URL: " + text::quote_for_message(original);
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------
// Marker text and evaluation
// ---------------------------------------------------------------------------------------

std::string serialize(const Marker::Operand& operand) {
  return operand.variable ? operand.value : "\"" + operand.value + "\"";
}

std::string format_marker(const Node& node, bool first = true) {
  if (node.kind == Node::Kind::Term) return serialize(node.lhs) + " " + node.op + " " + serialize(node.rhs);
  if (node.kind == Node::Kind::BoolOp) return node.op;
  // A one-element list prints as its element, parentheses dropped (packaging does this
  // at any depth, even where the parentheses mattered).
  if (node.children.size() == 1 && node.children[0].kind != Node::Kind::BoolOp) return format_marker(node.children[0]);
  std::string inner;
  for (const auto& child : node.children) {
    if (!inner.empty()) inner += ' ';
    inner += format_marker(child, false);
  }
  return first ? inner : "(" + inner + ")";
}

struct EvaluationError {
  std::string message;
};

bool compare(const std::string& lhs, const std::string& op, const std::string& rhs) {
  // Values that read as a specifier compare as versions, pre-releases admitted.
  std::string spec_error;
  auto spec = Specifier::parse(op + rhs, &spec_error);
  // packaging would compare such a value as a version; we cannot, so say so.
  if (!spec && spec_error.find("too large") != std::string::npos) throw EvaluationError{spec_error};
  if (spec) {
    std::string why;
    auto version = Version::parse(lhs, &why);
    if (!version) throw EvaluationError{why};
    return spec->contains(*version, true);
  }
  if (op == "in") return rhs.find(lhs) != std::string::npos;
  if (op == "not in") return rhs.find(lhs) == std::string::npos;
  if (op == "<") return lhs < rhs;
  if (op == "<=") return lhs <= rhs;
  if (op == "==") return lhs == rhs;
  if (op == "!=") return lhs != rhs;
  if (op == ">=") return lhs >= rhs;
  if (op == ">") return lhs > rhs;
  throw EvaluationError{"undefined comparison '" + op + "' on " + text::quote_for_message(lhs) + " and " +
                       text::quote_for_message(rhs)};
}

std::string lookup(const MarkerEnvironment& env, std::string_view extra, const std::string& name) {
  if (name == "extra") return std::string(extra);
  auto it = env.values.find(name);
  if (it == env.values.end()) throw EvaluationError{"the environment has no value for '" + name + "'"};
  return it->second;
}

bool evaluate_list(const Node& list, const MarkerEnvironment& env, std::string_view extra) {
  // "and" binds tighter than "or": groups separated by "or", each true when all its
  // terms are. Every term is evaluated, as packaging does (so every error surfaces).
  std::vector<std::vector<bool>> groups(1);
  for (const auto& node : list.children) {
    if (node.kind == Node::Kind::List) {
      groups.back().push_back(evaluate_list(node, env, extra));
    } else if (node.kind == Node::Kind::Term) {
      // The environment is looked up by the left variable, or else by the right value.
      std::string key, lhs, rhs;
      if (node.lhs.variable) {
        key = node.lhs.value;
        lhs = lookup(env, extra, key);
        rhs = node.rhs.value;
      } else {
        lhs = node.lhs.value;
        key = node.rhs.value;
        rhs = lookup(env, extra, key);
      }
      if (key == "extra") {  // PEP 685: extras compare by their normalised names
        lhs = normalize_name(lhs);
        rhs = normalize_name(rhs);
      }
      groups.back().push_back(compare(lhs, node.op, rhs));
    } else if (node.op == "or") {
      groups.emplace_back();
    }
  }
  return std::any_of(groups.begin(), groups.end(),
                     [](const std::vector<bool>& g) { return std::all_of(g.begin(), g.end(), [](bool b) { return b; }); });
}

void set_error(std::string* error, std::size_t* error_offset, const std::string& message, std::size_t offset) {
  if (error) *error = message;
  if (error_offset) *error_offset = offset;
}

}  // namespace

MarkerEnvironment MarkerEnvironment::target(std::string_view python_version, std::string_view platform) {
  MarkerEnvironment env;
  // "3.12" stands for 3.12.0; python_version keeps the first two parts of "3.12.4".
  std::string full(python_version);
  while (std::count(full.begin(), full.end(), '.') < 2) full += ".0";
  std::string short_version = full.substr(0, full.find('.', full.find('.') + 1));
  std::string sys_platform(platform), system, os_name = "posix", machine = "x86_64";
  if (platform == "linux") {
    system = "Linux";
  } else if (platform == "darwin" || platform == "macos") {
    sys_platform = "darwin";
    system = "Darwin";
    machine = "arm64";
  } else if (platform == "win32" || platform == "windows") {
    sys_platform = "win32";
    system = "Windows";
    os_name = "nt";
    machine = "AMD64";
  } else {
    system = sys_platform;
  }
  env.values = {
      {"implementation_name", "cpython"},
      {"implementation_version", full},
      {"os_name", os_name},
      {"platform_machine", machine},
      {"platform_python_implementation", "CPython"},
      {"platform_release", ""},
      {"platform_system", system},
      {"platform_version", ""},
      {"python_full_version", full},
      {"python_version", short_version},
      {"sys_platform", sys_platform},
  };
  return env;
}

std::optional<Marker> Marker::parse(std::string_view text, std::string* error, std::size_t* error_offset) {
  try {
    Tokenizer t(text);
    Node root = parse_marker_expression(t, 0);
    normalize_extra_values(root);
    return Marker(std::move(root));
  } catch (const SyntaxError& e) {
    set_error(error, error_offset, e.message, e.offset);
    return std::nullopt;
  }
}

std::optional<bool> Marker::evaluate_checked(const MarkerEnvironment& env, std::string_view extra,
                                             std::string* error) const {
  try {
    return evaluate_list(root_, env, extra);
  } catch (const EvaluationError& e) {
    if (error) *error = e.message;
    return std::nullopt;
  }
}

bool Marker::evaluate(const MarkerEnvironment& env, std::string_view extra) const {
  return evaluate_checked(env, extra).value_or(true);
}

std::string Marker::str() const { return format_marker(root_); }

std::string Requirement::str() const {
  std::string out = name;
  if (!extras.empty()) {
    out += '[';
    for (std::size_t i = 0; i < extras.size(); ++i) out += (i ? "," : "") + extras[i];
    out += ']';
  }
  if (!specifier.empty()) out += specifier.str();
  if (!url.empty()) {
    out += "@ " + url;
    if (marker) out += ' ';
  }
  if (marker) out += "; " + marker->str();
  return out;
}

std::optional<Requirement> parse_requirement(std::string_view text, std::string* error, std::size_t* error_offset) {
  ParsedRequirement parsed;
  try {
    Tokenizer t(text);
    parsed = parse_requirement_tokens(t);
  } catch (const SyntaxError& e) {
    set_error(error, error_offset, e.message, e.offset);
    return std::nullopt;
  }
  Requirement r;
  r.name = parsed.name;
  if (!parsed.url.empty()) {
    if (auto complaint = check_url(parsed.url)) {
      set_error(error, error_offset, *complaint, parsed.url_position);
      return std::nullopt;
    }
    r.url = parsed.url;
  }
  r.extras = parsed.extras;
  std::sort(r.extras.begin(), r.extras.end());
  r.extras.erase(std::unique(r.extras.begin(), r.extras.end()), r.extras.end());
  std::string why;
  auto specifier = SpecifierSet::parse(parsed.specifier, &why);
  if (!specifier) {
    set_error(error, error_offset, why, parsed.specifier_position);
    return std::nullopt;
  }
  r.specifier = std::move(*specifier);
  if (parsed.marker) {
    normalize_extra_values(*parsed.marker);
    r.marker = Marker(std::move(*parsed.marker));
  }
  return r;
}

}  // namespace aegis::deps
