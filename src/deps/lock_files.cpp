// Lock files: Pipfile.lock (JSON: default/develop and custom categories, "==1.2.3" versions,
// _meta sources), poetry.lock and uv.lock (TOML [[package]] name/version, Poetry's category or
// groups). JSON is read by a small reader of our own because the positions of keys matter.
#include <algorithm>
#include <cstdint>

#include "python/unicode.h"
#include "deps/manifest_internal.h"

namespace aegis::deps::detail {
namespace {

struct JsonMember;

struct JsonValue {
  enum class Type { Null, Bool, Number, String, Array, Object } type = Type::Null;
  std::string text;  // String: decoded; Bool and Number: as written
  std::vector<JsonValue> items;
  std::vector<JsonMember> members;
  std::size_t begin = 0, end = 0;  // offsets of the value

  const JsonValue* get(std::string_view key) const;
};

struct JsonMember {
  std::string key;
  std::size_t key_begin = 0, key_end = 0;
  JsonValue value;
};

const JsonValue* JsonValue::get(std::string_view key) const {
  for (const auto& member : members) {
    if (member.key == key) return &member.value;
  }
  return nullptr;
}

// RFC 8259 JSON with the offset of every value and key; the first error stops it.
class JsonReader {
 public:
  explicit JsonReader(std::string_view text) : text_(text) {}

  bool read(JsonValue& value) {
    skip_space();
    if (!parse_value(value, 0)) return false;
    skip_space();
    if (pos_ != text_.size()) return fail("unexpected text after the JSON value");
    return true;
  }
  std::size_t error_offset() const { return error_offset_; }
  const std::string& error() const { return error_; }

 private:
  static constexpr int kMaxDepth = 512;

  bool fail(std::string message) {
    if (error_.empty()) {
      error_ = std::move(message);
      error_offset_ = std::min(pos_, text_.size());
    }
    return false;
  }

  void skip_space() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r')) {
      ++pos_;
    }
  }

  bool literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return fail("invalid literal");
    pos_ += word.size();
    return true;
  }

  bool parse_value(JsonValue& value, int depth) {
    if (depth > kMaxDepth) return fail("nesting deeper than " + std::to_string(kMaxDepth));
    if (pos_ >= text_.size()) return fail("unexpected end of the file");
    value.begin = pos_;
    char c = text_[pos_];
    bool ok = true;
    if (c == '{') {
      value.type = JsonValue::Type::Object;
      ok = parse_object(value, depth);
    } else if (c == '[') {
      value.type = JsonValue::Type::Array;
      ok = parse_array(value, depth);
    } else if (c == '"') {
      value.type = JsonValue::Type::String;
      ok = parse_string(value.text);
    } else if (c == 't' || c == 'f') {
      value.type = JsonValue::Type::Bool;
      value.text = c == 't' ? "true" : "false";
      ok = literal(value.text);
    } else if (c == 'n') {
      value.type = JsonValue::Type::Null;
      ok = literal("null");
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      value.type = JsonValue::Type::Number;
      std::size_t start = pos_;
      if (text_[pos_] == '-') ++pos_;
      while (pos_ < text_.size() && std::string_view("0123456789.eE+-").find(text_[pos_]) != std::string_view::npos) {
        ++pos_;
      }
      value.text = std::string(text_.substr(start, pos_ - start));
    } else {
      return fail(std::string("unexpected character '") + c + "'");
    }
    value.end = pos_;
    return ok;
  }

  bool parse_object(JsonValue& value, int depth) {
    ++pos_;  // {
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == '}') {
      ++pos_;
      return true;
    }
    while (true) {
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != '"') return fail("expected a key in double quotes");
      JsonMember member;
      member.key_begin = pos_;
      if (!parse_string(member.key)) return false;
      member.key_end = pos_;
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != ':') return fail("expected ':' after the key");
      ++pos_;
      skip_space();
      if (!parse_value(member.value, depth + 1)) return false;
      value.members.push_back(std::move(member));
      skip_space();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == '}') {
        ++pos_;
        return true;
      }
      return fail("expected ',' or '}'");
    }
  }

  bool parse_array(JsonValue& value, int depth) {
    ++pos_;  // [
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == ']') {
      ++pos_;
      return true;
    }
    while (true) {
      skip_space();
      JsonValue item;
      if (!parse_value(item, depth + 1)) return false;
      value.items.push_back(std::move(item));
      skip_space();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == ']') {
        ++pos_;
        return true;
      }
      return fail("expected ',' or ']'");
    }
  }

  bool hex4(std::uint32_t& out) {
    if (pos_ + 4 > text_.size()) return fail("truncated \\u escape");
    out = 0;
    for (int i = 0; i < 4; ++i) {
      char h = text_[pos_++];
      out <<= 4;
      if (h >= '0' && h <= '9') out |= static_cast<std::uint32_t>(h - '0');
      else if (h >= 'a' && h <= 'f') out |= static_cast<std::uint32_t>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F') out |= static_cast<std::uint32_t>(h - 'A' + 10);
      else return fail("invalid \\u escape");
    }
    return true;
  }

  bool parse_string(std::string& out) {
    ++pos_;  // opening quote
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (static_cast<unsigned char>(c) < 0x20) return fail("control character in a string");
      if (c != '\\') {
        out += c;
        ++pos_;
        continue;
      }
      if (++pos_ >= text_.size()) break;
      char escape = text_[pos_++];
      switch (escape) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          std::uint32_t cp;
          if (!hex4(cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF && text_.substr(pos_, 2) == "\\u") {
            pos_ += 2;
            std::uint32_t low;
            if (!hex4(low)) return false;
            cp = (low >= 0xDC00 && low <= 0xDFFF) ? 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD;
          } else if (cp >= 0xD800 && cp <= 0xDFFF) {
            cp = 0xFFFD;
          }
          py::unicode::append_utf8(out, static_cast<char32_t>(cp));
          break;
        }
        default:
          --pos_;
          return fail(std::string("invalid escape '\\") + escape + "'");
      }
    }
    return fail("unterminated string");
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::string error_;
  std::size_t error_offset_ = 0;
};

void read_pipfile_lock_json(Manifest& manifest, std::string_view text) {
  TextIndex index(text);
  JsonValue root;
  JsonReader reader(text);
  if (!reader.read(root)) {
    add_diagnostic(manifest, index.point(manifest.path, reader.error_offset()), "not valid JSON: " + reader.error());
    manifest.unreadable = true;
    return;
  }
  if (root.type != JsonValue::Type::Object) {
    add_diagnostic(manifest, index.point(manifest.path, root.begin), "expected a JSON object");
    manifest.unreadable = true;
    return;
  }
  if (const JsonValue* meta = root.get("_meta")) {
    if (const JsonValue* sources = meta->get("sources")) {
      for (const JsonValue& source : sources->items) {
        if (const JsonValue* url = source.get("url"); url && url->type == JsonValue::Type::String) {
          manifest.index_settings.push_back({"source", url->text, index.span(manifest.path, url->begin, url->end)});
        }
        if (const JsonValue* verify = source.get("verify_ssl");
            verify && verify->type == JsonValue::Type::Bool && verify->text == "false") {
          manifest.index_settings.push_back(
              {"source.verify_ssl", "false", index.span(manifest.path, verify->begin, verify->end)});
        }
      }
    }
  }
  for (const JsonMember& category : root.members) {
    if (category.key == "_meta") continue;
    if (category.value.type != JsonValue::Type::Object) {
      add_diagnostic(manifest, index.span(manifest.path, category.key_begin, category.key_end),
                     "\"" + category.key + "\": expected an object of packages");
      continue;
    }
    for (const JsonMember& package : category.value.members) {
      LockedPackage locked;
      locked.name = package.key;
      locked.where = index.span(manifest.path, package.key_begin, package.key_end);
      locked.kind = ManifestKind::PipfileLock;
      locked.groups = {category.key};
      if (const JsonValue* version = package.value.get("version"); version && version->type == JsonValue::Type::String) {
        std::string_view pinned = version->text;
        while (!pinned.empty() && pinned.front() == '=') pinned.remove_prefix(1);
        locked.version = std::string(trim(pinned));
      }
      manifest.locked.push_back(std::move(locked));
    }
  }
}

void read_toml_lock_file(Manifest& manifest, std::string_view text) {
  toml::table document;
  if (!parse_toml(manifest, text, document)) return;
  const toml::array* packages = document["package"].as_array();
  if (!packages) return;
  for (const toml::node& node : *packages) {
    const toml::table* package = node.as_table();
    const toml::node* name = package ? package->get("name") : nullptr;
    if (!name || !name->is_string()) {
      add_diagnostic(manifest, toml_position(manifest.path, node.source()), "[[package]] without a name");
      continue;
    }
    LockedPackage locked;
    locked.name = name->as_string()->get();
    locked.where = toml_position(manifest.path, name->source());
    locked.kind = manifest.kind;
    if (const auto* version = (*package)["version"].as_string()) locked.version = version->get();
    if (const auto* category = (*package)["category"].as_string()) locked.groups.push_back(category->get());
    if (const toml::array* groups = (*package)["groups"].as_array()) {
      for (const toml::node& group : *groups) {
        if (const auto* text = group.as_string()) locked.groups.push_back(text->get());
      }
    }
    manifest.locked.push_back(std::move(locked));
  }
}

}  // namespace

void read_pipfile_lock(Manifest& manifest, std::string_view text) { read_pipfile_lock_json(manifest, text); }

void read_toml_lock(Manifest& manifest, std::string_view text) { read_toml_lock_file(manifest, text); }

}  // namespace aegis::deps::detail
