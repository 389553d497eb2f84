#include "rules/checker.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>

#include <unordered_set>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "python/ast_visit.h"
#include "python/unicode.h"

namespace aegis::rules {
namespace {

// How common a byte is in Python source, roughly: uppercase letters and digits are rare,
// some lowercase letters uncommon, the rest (lowercase, '_', spaces) frequent.
int commonness(char c) {
  if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return 0;
  if (std::string_view("vkxjqzwybg").find(c) != std::string_view::npos) return 1;
  return 2;
}

// Whether `word` occurs in `text`: memchr for its rarest byte (vectorised, it skips most of
// the text), then a compare around each hit. Several times cheaper than memmem here.
bool contains_word(std::string_view text, std::string_view word) {
  if (word.empty() || word.size() > text.size()) return false;
  std::size_t anchor = 0;
  for (std::size_t i = 1; i < word.size(); ++i) {
    if (commonness(word[i]) < commonness(word[anchor])) anchor = i;
  }
  // A neighbour of the anchor is compared before the whole word: most hits differ there.
  std::size_t neighbour = anchor + 1 < word.size() ? anchor + 1 : (anchor > 0 ? anchor - 1 : anchor);
  const char* begin = text.data();
  const char* last = begin + (text.size() - word.size());  // last possible start
  const char* p = begin + anchor;
  const char* end = last + anchor + 1;  // hits of the anchor beyond it cannot start a match
  while (p < end) {
    p = static_cast<const char*>(std::memchr(p, word[anchor], static_cast<std::size_t>(end - p)));
    if (!p) return false;
    const char* start = p - anchor;
    if (start[neighbour] == word[neighbour] && std::memcmp(start, word.data(), word.size()) == 0) return true;
    ++p;
  }
  return false;
}

// True when every byte is ASCII: 64 bytes at a time, then eight.
bool all_ascii(std::string_view text) {
  std::size_t i = 0;
#ifdef __SSE2__
  for (; i + 64 <= text.size(); i += 64) {
    auto load = [&](std::size_t at) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + at)); };
    __m128i any = _mm_or_si128(_mm_or_si128(load(i), load(i + 16)), _mm_or_si128(load(i + 32), load(i + 48)));
    if (_mm_movemask_epi8(any) != 0) return false;
  }
#endif
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t chunk;
    std::memcpy(&chunk, text.data() + i, 8);
    if (chunk & 0x8080808080808080ULL) return false;
  }
  for (; i < text.size(); ++i) {
    if (static_cast<unsigned char>(text[i]) & 0x80) return false;
  }
  return true;
}

// Whether Python's NFKC normalisation of non-ASCII identifiers could make an identifier of
// this file hold an ASCII word its text does not. Only a non-ASCII character whose NFKC
// form holds an ASCII letter, digit or underscore can bring one in (fullwidth and
// mathematical letters, ligatures, ª º ¹ ² ...); nothing else may stand in an identifier.
// Other characters (é, ü, Greek, CJK, a no-break space) add none: a precomposed letter
// followed by a combining mark is decomposed, but its base letter is composed again, so an
// identifier's ASCII runs can only shrink, never grow.
bool nfkc_may_spell_words(std::string_view text) {
  std::unordered_set<char32_t> harmless;  // checked already: most files repeat a few
  std::size_t i = 0;
  while (i < text.size()) {
    if (i + 8 <= text.size()) {  // ASCII eight bytes at a time
      std::uint64_t chunk;
      std::memcpy(&chunk, text.data() + i, 8);
      if (!(chunk & 0x8080808080808080ULL)) {
        i += 8;
        continue;
      }
    }
    if (!(static_cast<unsigned char>(text[i]) & 0x80)) {
      ++i;
      continue;
    }
    std::size_t start = i;
    char32_t c = py::unicode::decode_utf8(text, i);
    if (c == 0xFFFD) return true;  // malformed (or U+FFFD itself): assume the worst
    if (harmless.count(c)) continue;
    std::string_view one = text.substr(start, i - start);
    for (char n : py::unicode::nfkc(one)) {
      if ((n >= 'a' && n <= 'z') || (n >= 'A' && n <= 'Z') || (n >= '0' && n <= '9') || n == '_') return true;
    }
    harmless.insert(c);
  }
  return false;
}

}  // namespace

Checker::Checker(std::vector<const Rule*> rules) : rules_(std::move(rules)) {
  std::map<std::string, std::vector<Entry>, std::less<>> by_name, by_prefix;
  std::map<std::string, bool, std::less<>> first_parts;
  auto add_first_part = [&](std::string_view name) {
    std::string_view first = name.substr(0, name.find('.'));
    first_parts.emplace(first, true);
    first_part_lengths_ |= std::uint64_t{1} << (first.size() & 63);
    if (!first.empty()) first_part_bytes_ |= std::uint64_t{1} << (static_cast<unsigned char>(first[0]) & 63);
  };
  for (const Rule* r : rules_) {
    Entry entry{r, kAlways};
    if (auto words = r->text_triggers(); !words.empty()) {
      // Rules with the same words share one look-up per file.
      auto same = std::find(triggers_.begin(), triggers_.end(), words);
      entry.triggers = static_cast<std::size_t>(same - triggers_.begin());
      if (same == triggers_.end()) triggers_.push_back(std::move(words));
    }
    entries_.push_back(entry);
    const sem::QualifiedNameSet* filter = r->call_filter();
    for (py::NodeKind kind : r->node_kinds()) {
      if (kind == py::NodeKind::Call && filter) continue;  // dispatched by name instead
      by_kind_[static_cast<std::size_t>(kind)].push_back(entry);
    }
    if (!filter) continue;
    filter->for_each_exact([&](std::string_view n) {
      by_name[std::string(n)].push_back(entry);
      add_first_part(n);
    });
    filter->for_each_prefix([&](std::string_view p) {
      by_prefix[std::string(p)].push_back(entry);
      add_first_part(p);
      longest_prefix_ = std::max(longest_prefix_, p.size());
    });
  }
  // Nodes that never have children and that no rule asks for (a third of a tree are Names)
  // are not pushed on the walk's stack at all.
  for (py::NodeKind kind : {py::NodeKind::Name, py::NodeKind::Pass, py::NodeKind::Break,
                            py::NodeKind::Continue, py::NodeKind::Global, py::NodeKind::Nonlocal}) {
    auto k = static_cast<std::size_t>(kind);
    skip_leaf_[k] = by_kind_[k].empty();
  }
  // Registry order within each list, so findings come out the same whatever the sets' order.
  auto by_id = [](const Entry& a, const Entry& b) { return a.rule->meta().id < b.rule->meta().id; };
  for (auto& [name, list] : by_name) std::sort(list.begin(), list.end(), by_id);
  for (auto& [name, list] : by_prefix) std::sort(list.begin(), list.end(), by_id);
  calls_by_name_ = FlatStringMap<std::vector<Entry>>(by_name);
  calls_by_prefix_ = FlatStringMap<std::vector<Entry>>(by_prefix);
  first_parts_ = FlatStringMap<bool>(first_parts);
}

Checker::Skipped Checker::skipped_rules(std::string_view text) const {
  Skipped skip(triggers_.size(), 0);
  int literal = -1;  // whether the identifiers spell words only as the text does; when first needed
  for (std::size_t i = 0; i < triggers_.size(); ++i) {
    const auto& words = triggers_[i];
    if (std::any_of(words.begin(), words.end(), [&](std::string_view w) { return contains_word(text, w); })) continue;
    if (literal < 0) literal = all_ascii(text) || !nfkc_may_spell_words(text) ? 1 : 0;
    skip[i] = literal == 1;
  }
  return skip;
}

void Checker::visit_call(const py::Call& call, RuleContext& ctx, const Skipped& skip) const {
  if (calls_by_name_.empty() && calls_by_prefix_.empty()) return;
  const std::string& name = ctx.call_name(call);
  if (name.empty()) return;
  // Exact names share the whole name's first part, prefixes ("pickle.") too.
  std::string_view first = std::string_view(name).substr(0, name.find('.'));
  bool maybe = first.empty() || ((first_part_lengths_ >> (first.size() & 63) & 1) &&
                                  (first_part_bytes_ >> (static_cast<unsigned char>(first[0]) & 63) & 1));
  if (!maybe || !first_parts_.contains(first)) return;
  // A rule may be reached through its exact name and a prefix: visit it once. Matches are
  // rare (most calls are of nothing a rule watches), so collecting them costs little.
  std::vector<const Rule*> matched;
  if (const auto* entries = calls_by_name_.find(name)) {
    for (const Entry& e : *entries) {
      if (!skipped(e, skip)) matched.push_back(e.rule);
    }
  }
  for (std::size_t i = 0; i < name.size() && i < longest_prefix_ && !calls_by_prefix_.empty(); ++i) {
    if (name[i] != '.') continue;
    const auto* entries = calls_by_prefix_.find(std::string_view(name).substr(0, i + 1));
    if (!entries) continue;
    for (const Entry& e : *entries) {
      if (skipped(e, skip)) continue;
      if (std::find(matched.begin(), matched.end(), e.rule) == matched.end()) matched.push_back(e.rule);
    }
  }
  for (const Rule* r : matched) {
    ctx.set_rule(r);
    r->visit(call, ctx);
  }
}

void Checker::check(const FileUnit& file, std::vector<Finding>& out) const {
  RuleContext ctx(file, out);
  const Skipped skip = skipped_rules(file.text);
  // Pre-order, source order, without recursion: trees may be thousands of levels deep.
  std::vector<py::Node*> stack;
  stack.push_back(const_cast<py::Module*>(file.module));
  while (!stack.empty()) {
    py::Node* node = stack.back();
    stack.pop_back();
    for (const Entry& e : by_kind_[static_cast<std::size_t>(node->kind)]) {
      if (skipped(e, skip)) continue;
      ctx.set_rule(e.rule);
      e.rule->visit(*node, ctx);
    }
    if (node->kind == py::NodeKind::Call) visit_call(*static_cast<const py::Call*>(node), ctx, skip);
    // Children pushed in reverse so the first comes off the stack first.
    std::size_t first_child = stack.size();
    py::for_each_child(node, [&](py::Node* child) {
      if (!skip_leaf_[static_cast<std::size_t>(child->kind)]) stack.push_back(child);
    });
    std::reverse(stack.begin() + static_cast<std::ptrdiff_t>(first_child), stack.end());
  }
  for (const Entry& e : entries_) {
    if (skipped(e, skip)) continue;
    ctx.set_rule(e.rule);
    e.rule->check_file(ctx);
  }
}

std::vector<const Rule*> select_rules(const std::vector<std::string>& select,
                                      const std::vector<std::string>& ignore) {
  std::vector<const Rule*> out;
  for (const Rule* r : Registry::instance().rules()) {
    bool selected = select.empty() && !r->meta().opt_in;
    for (const auto& s : select) selected = selected || selector_matches(*r, s);
    for (const auto& s : ignore) selected = selected && !selector_matches(*r, s);
    if (selected) out.push_back(r);
  }
  return out;
}

}  // namespace aegis::rules
