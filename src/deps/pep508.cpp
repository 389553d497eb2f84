#include "deps/pep508.h"

#include <algorithm>
#include <set>

namespace aegis::deps {

struct Marker::Node {
  // A list: atoms joined by "and"/"or" (ops.size() == children.size() - 1).
  // An item: lhs op rhs, each side a variable or a quoted value.
  bool is_list = false;
  std::vector<std::shared_ptr<const Node>> children;
  std::vector<std::string> ops;
  bool lhs_variable = false;
  std::string lhs;
  std::string op;
  bool rhs_variable = false;
  std::string rhs;
};

namespace {

using NodePtr = std::shared_ptr<const Marker::Node>;

bool is_word(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
bool is_alnum(char c) { return is_word(c) && c != '_'; }

struct ParseError {
  std::string message;
  std::size_t offset;
};

// A hand-written counterpart of packaging's tokenizer: each check() tries one token kind
// at the current position, after which read() takes it.
class Tokens {
 public:
  explicit Tokens(std::string_view s) : s_(s) {}
  std::size_t position() const { return at_; }
  bool at_end() const { return at_ >= s_.size(); }
  char peek() const { return at_ < s_.size() ? s_[at_] : '\0'; }
  void skip_ws() {
    while (at_ < s_.size() && (s_[at_] == ' ' || s_[at_] == '\t')) ++at_;
  }
  bool ws() const { return peek() == ' ' || peek() == '\t'; }
  bool take_char(char c) {
    if (peek() != c) return false;
    ++at_;
    return true;
  }
  // \bWORD\b
  bool take_word(std::string_view word) {
    if (s_.substr(at_, word.size()) != word) return false;
    if (at_ > 0 && is_word(s_[at_ - 1])) return false;
    std::size_t end = at_ + word.size();
    if (end < s_.size() && is_word(s_[end])) return false;
    at_ = end;
    return true;
  }
  // \b[a-zA-Z0-9][a-zA-Z0-9._-]*\b
  std::optional<std::string> identifier() {
    if (!is_alnum(peek()) || (at_ > 0 && is_word(s_[at_ - 1]))) return std::nullopt;
    std::size_t end = at_;
    while (end < s_.size() && (is_word(s_[end]) || s_[end] == '.' || s_[end] == '-')) ++end;
    while (end > at_ && (s_[end - 1] == '.' || s_[end - 1] == '-')) --end;
    std::string out(s_.substr(at_, end - at_));
    at_ = end;
    return out;
  }
  std::optional<std::string> quoted() {
    char q = peek();
    if (q != '\'' && q != '"') return std::nullopt;
    std::size_t close = s_.find(q, at_ + 1);
    if (close == std::string_view::npos) return std::nullopt;
    std::string out(s_.substr(at_ + 1, close - at_ - 1));
    at_ = close + 1;
    return out;
  }
  std::optional<std::string> variable() {
    static constexpr std::string_view kNames[] = {
        "python_full_version", "python_version", "os_name", "os.name", "sys_platform", "sys.platform",
        "platform_release", "platform_system", "platform_version", "platform.version",
        "platform_machine", "platform.machine", "platform_python_implementation",
        "platform.python_implementation", "python_implementation", "implementation_name",
        "implementation_version", "extra"};
    for (std::string_view name : kNames) {
      std::size_t save = at_;
      if (take_word(name)) {
        std::string v(name);
        std::replace(v.begin(), v.end(), '.', '_');
        if (v == "python_implementation") v = "platform_python_implementation";
        return v;
      }
      at_ = save;
    }
    return std::nullopt;
  }
  std::optional<std::string> op() {
    for (std::string_view o : {"===", "==", "~=", "!=", "<=", ">=", "<", ">"}) {
      if (s_.substr(at_, o.size()) == o) {
        at_ += o.size();
        return std::string(o);
      }
    }
    return std::nullopt;
  }
  // One version clause (packaging's SPECIFIER token): operator, whitespace, version.
  std::optional<std::string> specifier() {
    std::size_t save = at_;
    auto o = op();
    if (!o) return std::nullopt;
    std::size_t version_start = at_;
    while (at_ < s_.size() && (s_[at_] == ' ' || s_[at_] == '\t' || s_[at_] == '\n' || s_[at_] == '\r' ||
                               s_[at_] == '\f' || s_[at_] == '\v')) {
      ++at_;
    }
    std::size_t start = at_;
    std::size_t end = start;
    if (*o == "===") {
      while (end < s_.size() && s_[end] != ' ' && s_[end] != '\t' && s_[end] != '\n' && s_[end] != '\r' &&
             s_[end] != '\f' && s_[end] != '\v' && s_[end] != ';' && s_[end] != ')') {
        ++end;
      }
      at_ = end;
      return std::string(s_.substr(save, end - save));
    }
    while (end < s_.size() && (is_word(s_[end]) || s_[end] == '.' || s_[end] == '-' || s_[end] == '+' ||
                               s_[end] == '!' || s_[end] == '*')) {
      ++end;
    }
    for (std::size_t stop = end; stop > start; --stop) {
      std::string clause = *o + std::string(s_.substr(start, stop - start));
      if (Specifier::parse(clause)) {
        at_ = stop;
        return std::string(s_.substr(save, stop - save));
      }
    }
    (void)version_start;
    at_ = save;
    return std::nullopt;
  }
  // [^ \t]+
  std::string url() {
    std::size_t start = at_;
    while (at_ < s_.size() && s_[at_] != ' ' && s_[at_] != '\t') ++at_;
    return std::string(s_.substr(start, at_ - start));
  }
  [[noreturn]] void fail(std::string message, std::optional<std::size_t> where = std::nullopt) const {
    throw ParseError{std::move(message), where.value_or(at_)};
  }

 private:
  std::string_view s_;
  std::size_t at_ = 0;
};

NodePtr parse_marker_list(Tokens& t);

NodePtr parse_marker_item(Tokens& t) {
  auto node = std::make_shared<Marker::Node>();
  t.skip_ws();
  auto side = [&](bool& is_variable, std::string& value) {
    if (auto v = t.variable()) {
      is_variable = true;
      value = *v;
    } else if (auto q = t.quoted()) {
      value = *q;
    } else {
      t.fail("Expected a marker variable or quoted string");
    }
  };
  side(node->lhs_variable, node->lhs);
  t.skip_ws();
  if (t.take_word("in")) {
    node->op = "in";
  } else if (t.take_word("not")) {
    if (!t.ws()) t.fail("Expected whitespace after 'not'");
    t.skip_ws();
    if (!t.take_word("in")) t.fail("Expected 'in' after 'not'");
    node->op = "not in";
  } else if (auto o = t.op()) {
    node->op = *o;
  } else {
    t.fail("Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in");
  }
  t.skip_ws();
  side(node->rhs_variable, node->rhs);
  t.skip_ws();
  // Extra names compare normalised (PEP 685); packaging stores them so.
  if (node->lhs_variable && node->lhs == "extra" && !node->rhs_variable) node->rhs = normalize_name(node->rhs);
  if (node->rhs_variable && node->rhs == "extra" && !node->lhs_variable) node->lhs = normalize_name(node->lhs);
  return node;
}

NodePtr parse_marker_atom(Tokens& t) {
  t.skip_ws();
  NodePtr atom;
  if (t.peek() == '(') {
    std::size_t open = t.position();
    t.take_char('(');
    t.skip_ws();
    atom = parse_marker_list(t);
    t.skip_ws();
    if (!t.take_char(')')) t.fail("Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after marker", open);
  } else {
    atom = parse_marker_item(t);
  }
  t.skip_ws();
  return atom;
}

NodePtr parse_marker_list(Tokens& t) {
  auto list = std::make_shared<Marker::Node>();
  list->is_list = true;
  list->children.push_back(parse_marker_atom(t));
  while (true) {
    std::size_t save = t.position();
    std::string boolop;
    if (t.take_word("or")) {
      boolop = "or";
    } else if (t.take_word("and")) {
      boolop = "and";
    } else {
      (void)save;
      break;
    }
    list->ops.push_back(boolop);
    list->children.push_back(parse_marker_atom(t));
  }
  return list;
}

std::string format_node(const Marker::Node& node, bool first) {
  if (node.is_list && node.children.size() == 1 && node.ops.empty()) return format_node(*node.children[0], true);
  if (node.is_list) {
    std::string out;
    for (std::size_t i = 0; i < node.children.size(); ++i) {
      if (i) out += " " + node.ops[i - 1] + " ";
      out += format_node(*node.children[i], false);
    }
    return first ? out : "(" + out + ")";
  }
  auto side = [](bool variable, const std::string& v) { return variable ? v : "\"" + v + "\""; };
  return side(node.lhs_variable, node.lhs) + " " + node.op + " " + side(node.rhs_variable, node.rhs);
}

bool eval_op(const std::string& lhs, const std::string& op, const std::string& rhs) {
  if (op != "in" && op != "not in") {
    if (auto spec = Specifier::parse(op + rhs)) {
      auto v = Version::parse(lhs);
      if (!v) return false;  // packaging raises here; an unusable marker is not satisfied
      return spec->contains(*v, true);
    }
  }
  if (op == "in") return rhs.find(lhs) != std::string::npos;
  if (op == "not in") return rhs.find(lhs) == std::string::npos;
  if (op == "<") return lhs < rhs;
  if (op == "<=") return lhs <= rhs;
  if (op == "==") return lhs == rhs;
  if (op == "!=") return lhs != rhs;
  if (op == ">=") return lhs >= rhs;
  if (op == ">") return lhs > rhs;
  return false;  // "~=" or "===" on values that are not versions: undefined
}

bool evaluate_node(const Marker::Node& node, const MarkerEnvironment& env, std::string_view extra) {
  if (node.is_list) {
    // "and" binds tighter than "or": groups of and-ed atoms, or-ed together.
    bool any_group = false;
    bool group = true;
    for (std::size_t i = 0; i < node.children.size(); ++i) {
      if (i > 0 && node.ops[i - 1] == "or") {
        any_group = any_group || group;
        group = true;
      }
      group = group && evaluate_node(*node.children[i], env, extra);
    }
    return any_group || group;
  }
  auto value_of = [&](const std::string& variable) -> std::string {
    if (variable == "extra") return std::string(extra);
    auto it = env.values.find(variable);
    return it == env.values.end() ? std::string() : it->second;
  };
  std::string lhs = node.lhs_variable ? value_of(node.lhs) : node.lhs;
  std::string rhs = node.rhs_variable ? value_of(node.rhs) : node.rhs;
  const std::string& key = node.lhs_variable ? node.lhs : node.rhs;
  if (key == "extra") {
    lhs = normalize_name(lhs);
    rhs = normalize_name(rhs);
  }
  return eval_op(lhs, node.op, rhs);
}

void collect_extras(const Marker::Node& node, std::vector<std::string>& out) {
  for (const auto& child : node.children) collect_extras(*child, out);
  if (node.is_list) return;
  if (node.lhs_variable && node.lhs == "extra" && !node.rhs_variable) out.push_back(normalize_name(node.rhs));
  if (node.rhs_variable && node.rhs == "extra" && !node.lhs_variable) out.push_back(normalize_name(node.lhs));
}

// scheme "file", or both a scheme and a network location (packaging's URL check).
bool valid_url(const std::string& url) {
  std::size_t colon = url.find(':');
  if (colon == std::string::npos || colon == 0) return false;
  std::string scheme = url.substr(0, colon);
  for (char c : scheme) {
    if (!is_alnum(c) && c != '+' && c != '-' && c != '.') return false;
  }
  if (!((scheme[0] >= 'a' && scheme[0] <= 'z') || (scheme[0] >= 'A' && scheme[0] <= 'Z'))) return false;
  std::string lowered = scheme;
  for (char& c : lowered) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (lowered == "file") return true;
  if (url.compare(colon, 3, "://") != 0) return false;
  std::size_t host_end = url.find_first_of("/?#", colon + 3);
  return host_end == std::string::npos ? url.size() > colon + 3 : host_end > colon + 3;
}

}  // namespace

Marker::Marker() = default;
Marker::~Marker() = default;
Marker::Marker(const Marker&) = default;
Marker& Marker::operator=(const Marker&) = default;
Marker::Marker(Marker&&) noexcept = default;
Marker& Marker::operator=(Marker&&) noexcept = default;

std::optional<Marker> Marker::parse(std::string_view text, std::string* error, std::size_t* error_offset) {
  Tokens t(text);
  try {
    Marker m;
    m.root_ = parse_marker_list(t);
    if (!t.at_end()) t.fail("Expected end of marker expression");  // packaging: "Expected end or semicolon"
    return m;
  } catch (const ParseError& e) {
    if (error) *error = e.message;
    if (error_offset) *error_offset = e.offset;
    return std::nullopt;
  }
}

bool Marker::evaluate(const MarkerEnvironment& env, std::string_view extra) const {
  return root_ && evaluate_node(*root_, env, extra);
}

std::string Marker::str() const { return root_ ? format_node(*root_, true) : std::string(); }

std::vector<std::string> Marker::extras() const {
  std::vector<std::string> out;
  if (root_) collect_extras(*root_, out);
  return out;
}

MarkerEnvironment MarkerEnvironment::target(std::string_view python_version, std::string_view platform) {
  MarkerEnvironment env;
  std::string version(python_version);
  std::string full = std::count(version.begin(), version.end(), '.') >= 2 ? version : version + ".0";
  std::string short_version = full.substr(0, full.find('.', full.find('.') + 1));
  bool windows = platform == "win32" || platform == "windows";
  bool mac = platform == "darwin" || platform == "macos";
  env.values = {
      {"python_version", short_version},
      {"python_full_version", full},
      {"implementation_name", "cpython"},
      {"implementation_version", full},
      {"platform_python_implementation", "CPython"},
      {"os_name", windows ? "nt" : "posix"},
      {"sys_platform", windows ? "win32" : mac ? "darwin" : "linux"},
      {"platform_system", windows ? "Windows" : mac ? "Darwin" : "Linux"},
      {"platform_machine", windows ? "AMD64" : mac ? "arm64" : "x86_64"},
      {"platform_release", ""},
      {"platform_version", ""},
  };
  return env;
}

std::optional<Requirement> parse_requirement(std::string_view text, std::string* error, std::size_t* error_offset) {
  Tokens t(text);
  try {
    Requirement r;
    t.skip_ws();
    auto name = t.identifier();
    if (!name) t.fail("Expected package name at the start of dependency specifier");
    r.name = *name;
    t.skip_ws();
    if (t.peek() == '[') {
      std::size_t open = t.position();
      t.take_char('[');
      t.skip_ws();
      std::set<std::string> extras;
      if (auto first = t.identifier()) {
        extras.insert(*first);
        while (true) {
          t.skip_ws();
          if (t.identifier()) t.fail("Expected comma between extra names");
          if (!t.take_char(',')) break;
          t.skip_ws();
          auto next = t.identifier();
          if (!next) t.fail("Expected extra name after comma");
          extras.insert(*next);
        }
      }
      t.skip_ws();
      if (!t.take_char(']')) t.fail("Expected matching RIGHT_BRACKET for LEFT_BRACKET, after extras", open);
      r.extras.assign(extras.begin(), extras.end());
    }
    t.skip_ws();
    std::string specifier;
    if (t.take_char('@')) {
      t.skip_ws();
      std::size_t url_start = t.position();
      r.url = t.url();
      if (r.url.empty()) t.fail("Expected URL after @");
      if (!valid_url(r.url)) t.fail("Invalid URL: " + r.url, url_start);
      if (!t.at_end()) {
        if (!t.ws()) t.fail("Expected whitespace after URL");
        t.skip_ws();
      }
    } else {
      bool parenthesised = t.take_char('(');
      std::size_t open = t.position();
      t.skip_ws();
      while (auto clause = t.specifier()) {
        specifier += *clause;
        t.skip_ws();
        if (!t.take_char(',')) break;
        specifier += ",";
        t.skip_ws();
      }
      t.skip_ws();
      if (parenthesised && !t.take_char(')')) {
        t.fail("Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after version specifier", open - 1);
      }
      t.skip_ws();
    }
    if (!t.at_end()) {
      if (!t.take_char(';')) {
        t.fail(specifier.empty() && r.url.empty() ? "Expected end or semicolon (after name and no valid version specifier)"
                                                  : "Expected end or semicolon (after version specifier)");
      }
      std::size_t marker_start = t.position();
      Marker m;
      std::string why;
      std::size_t where = 0;
      auto parsed = Marker::parse(text.substr(marker_start), &why, &where);
      if (!parsed) t.fail(why, marker_start + where);
      r.marker = std::move(*parsed);
    }
    std::string why;
    auto set = SpecifierSet::parse(specifier, &why);
    if (!set) t.fail(why);
    r.specifier = std::move(*set);
    return r;
  } catch (const ParseError& e) {
    if (error) *error = e.message;
    if (error_offset) *error_offset = e.offset;
    return std::nullopt;
  }
}

std::string Requirement::str() const {
  std::string out = name;
  if (!extras.empty()) {
    out += "[";
    for (std::size_t i = 0; i < extras.size(); ++i) out += (i ? "," : "") + extras[i];
    out += "]";
  }
  if (!specifier.empty()) out += specifier.str();
  if (!url.empty()) {
    out += "@ " + url;
    if (marker) out += " ";
  }
  if (marker) out += "; " + marker->str();
  return out;
}

}  // namespace aegis::deps
