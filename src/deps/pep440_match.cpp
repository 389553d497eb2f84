#include "deps/pep440_match.h"

#include <type_traits>

#include "deps/pep440_unicode.h"

namespace aegis::deps::rx {

enum class Kind { Literal, Class, Sequence, Alternation, Repeat, Group, LookBehind, NotLookBehind, WordBoundary, End };

struct Node {
  explicit Node(Kind k) : kind(k) {}
  Kind kind;
  std::string text;
  bool ignore_case = false;
  CharPredicate predicate = nullptr;
  std::vector<Pattern> children;
  int min = 0, max = -1, index = 0;
  std::vector<std::string> texts;
};

namespace {

// A non-owning reference to a callable, so continuations cost no allocation.
class Continuation {
 public:
  template <class F, class = std::enable_if_t<!std::is_same_v<std::decay_t<F>, Continuation>>>
  Continuation(const F& f)  // NOLINT: implicit by design
      : object_(&f), call_([](const void* o, std::size_t pos) { return (*static_cast<const F*>(o))(pos); }) {}
  bool operator()(std::size_t pos) const { return call_(object_, pos); }

 private:
  const void* object_;
  bool (*call_)(const void*, std::size_t);
};

struct Matcher {
  std::string_view text;
  std::vector<std::pair<std::size_t, std::size_t>>& groups;

  bool run(const Node& node, std::size_t pos, Continuation k) {
    switch (node.kind) {
      case Kind::Literal: {
        for (char want : node.text) {
          if (pos >= text.size()) return false;
          char32_t c = text::decode_utf8(text, pos);
          bool letter = want >= 'a' && want <= 'z';
          if (node.ignore_case && letter ? text::fold_to_ascii_letter(c) != want : c != static_cast<unsigned char>(want))
            return false;
        }
        return k(pos);
      }
      case Kind::Class: {
        if (pos >= text.size()) return false;
        if (!node.predicate(text::decode_utf8(text, pos))) return false;
        return k(pos);
      }
      case Kind::Sequence: return sequence(node, 0, pos, k);
      case Kind::Alternation:
        for (const auto& choice : node.children)
          if (run(*choice, pos, k)) return true;
        return false;
      case Kind::Repeat: return node.children[0]->kind == Kind::Class ? repeat_class(node, pos, k) : repeat_group(node, pos, k);
      case Kind::Group: {
        auto saved = groups[node.index];
        std::size_t start = pos;
        auto close = [&](std::size_t end) {
          auto inner = groups[node.index];
          groups[node.index] = {start, end};
          if (k(end)) return true;
          groups[node.index] = inner;
          return false;
        };
        if (run(*node.children[0], pos, close)) return true;
        groups[node.index] = saved;
        return false;
      }
      case Kind::LookBehind:
        return pos >= node.text.size() && text.substr(pos - node.text.size(), node.text.size()) == node.text && k(pos);
      case Kind::NotLookBehind:
        for (const auto& t : node.texts)
          if (pos >= t.size() && text.substr(pos - t.size(), t.size()) == t) return false;
        return k(pos);
      case Kind::WordBoundary: {
        bool before = false, after = false;
        if (pos > 0) {
          std::size_t p = text::previous_code_point(text, pos);
          before = text::is_python_word(text::decode_utf8(text, p));
        }
        if (pos < text.size()) {
          std::size_t p = pos;
          after = text::is_python_word(text::decode_utf8(text, p));
        }
        return before != after && k(pos);
      }
      case Kind::End:
        return (pos == text.size() || (pos + 1 == text.size() && text[pos] == '\n')) && k(pos);
    }
    return false;
  }

  bool sequence(const Node& node, std::size_t index, std::size_t pos, Continuation k) {
    if (index == node.children.size()) return k(pos);
    auto next = [&](std::size_t p) { return sequence(node, index + 1, p, k); };
    return run(*node.children[index], pos, next);
  }

  // Greedy run of one character class, then backtrack one code point at a time.
  bool repeat_class(const Node& node, std::size_t pos, Continuation k) {
    CharPredicate predicate = node.children[0]->predicate;
    std::vector<std::size_t> ends{pos};
    while (pos < text.size() && (node.max < 0 || static_cast<int>(ends.size()) - 1 < node.max)) {
      std::size_t next = pos;
      if (!predicate(text::decode_utf8(text, next))) break;
      pos = next;
      ends.push_back(pos);
    }
    for (std::size_t count = ends.size(); count-- > 0;) {
      if (static_cast<int>(count) < node.min) return false;
      if (k(ends[count])) return true;
    }
    return false;
  }

  // Possessive: each iteration takes the body's first match (see the header).
  bool repeat_group(const Node& node, std::size_t pos, Continuation k) {
    int count = 0;
    while (node.max < 0 || count < node.max) {
      std::size_t end = std::string_view::npos;
      auto take = [&](std::size_t p) {
        end = p;
        return true;
      };
      if (!run(*node.children[0], pos, take) || end == pos) break;
      pos = end;
      ++count;
    }
    return count >= node.min && k(pos);
  }
};

Pattern make(Node node) { return std::make_shared<const Node>(std::move(node)); }

}  // namespace

Pattern lit(std::string_view text, bool ignore_case) {
  Node n(Kind::Literal);
  n.text = std::string(text);
  n.ignore_case = ignore_case;
  return make(std::move(n));
}
Pattern cls(CharPredicate predicate) {
  Node n(Kind::Class);
  n.predicate = predicate;
  return make(std::move(n));
}
Pattern seq(std::vector<Pattern> parts) {
  Node n(Kind::Sequence);
  n.children = std::move(parts);
  return make(std::move(n));
}
Pattern alt(std::vector<Pattern> choices) {
  Node n(Kind::Alternation);
  n.children = std::move(choices);
  return make(std::move(n));
}
Pattern opt(Pattern p) { return alt({std::move(p), seq({})}); }
Pattern repeat(Pattern p, int min, int max) {
  Node n(Kind::Repeat);
  n.children = {std::move(p)};
  n.min = min;
  n.max = max;
  return make(std::move(n));
}
Pattern group(int index, Pattern p) {
  Node n(Kind::Group);
  n.children = {std::move(p)};
  n.index = index;
  return make(std::move(n));
}
Pattern lookbehind(std::string_view text) {
  Node n(Kind::LookBehind);
  n.text = std::string(text);
  return make(std::move(n));
}
Pattern not_lookbehind(std::vector<std::string> texts) {
  Node n(Kind::NotLookBehind);
  n.texts = std::move(texts);
  return make(std::move(n));
}
Pattern word_boundary() { return make(Node(Kind::WordBoundary)); }
Pattern end_of_text() { return make(Node(Kind::End)); }

bool match(const Pattern& pattern, std::string_view text, std::size_t start, int group_count, Match& out) {
  out.groups.assign(group_count + 1, {std::string_view::npos, std::string_view::npos});
  Matcher matcher{text, out.groups};
  auto accept = [&](std::size_t end) {
    out.end = end;
    return true;
  };
  if (!matcher.run(*pattern, start, accept)) return false;
  out.groups[0] = {start, out.end};
  return true;
}

}  // namespace aegis::deps::rx
