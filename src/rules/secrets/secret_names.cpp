#include "rules/secrets/secret_names.h"

#include <algorithm>
#include <cctype>

namespace aegis::rules::secrets {

std::vector<std::string> name_words(std::string_view name) {
  std::vector<std::string> words;
  std::string current;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      if (!current.empty()) words.push_back(current);
      current.clear();
      continue;
    }
    bool upper = std::isupper(static_cast<unsigned char>(c));
    bool prev_lower = i > 0 && std::islower(static_cast<unsigned char>(name[i - 1]));
    if (upper && prev_lower && !current.empty()) {  // camelCase boundary
      words.push_back(current);
      current.clear();
    }
    current += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (!current.empty()) words.push_back(current);
  return words;
}

namespace {

bool contains(const std::vector<std::string>& words, std::string_view w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

}  // namespace

namespace {

// Every word that makes a name secret below contains one of these fragments, and a word is
// lowercased letters of the name in a row: a name without any of them is not secret, which
// settles most names without splitting them into words.
bool has_secret_fragment(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view fragment : {"pass", "pwd", "secret", "token", "key", "credential"}) {
    if (lower.find(fragment) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

bool is_secret_name(std::string_view name) {
  if (!has_secret_fragment(name)) return false;
  auto words = name_words(name);
  if (words.empty()) return false;
  bool secret = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (w == "password" || w == "passwd" || w == "pwd" || w == "passphrase" || w == "secret" ||
        w == "token" || w == "apikey" || w == "credential" || w == "credentials" || w == "pass") {
      secret = true;
    }
    if (w == "key" && i > 0 &&
        (words[i - 1] == "api" || words[i - 1] == "private" || words[i - 1] == "access" ||
         words[i - 1] == "secret" || words[i - 1] == "signing" || words[i - 1] == "encryption")) {
      secret = true;
    }
  }
  if (!secret) return false;
  // Labels and locators of secrets, not secrets: the last word says what the value is.
  static const char* kNotValue[] = {
      "field", "fields", "param", "parameter", "name", "names", "url", "uri", "endpoint", "type",
      "header", "prefix", "suffix", "length", "len", "min", "max", "algorithm", "algo", "label",
      "attr", "attribute", "path", "file", "filename", "dir", "regex", "re", "pattern", "message",
      "msg", "format", "fmt", "env", "var", "policy", "id", "ids", "count", "expiry", "expires",
      "ttl", "timeout", "lifetime", "age", "hash", "hasher", "hashers", "validators", "validator",
      "reset", "column", "col", "key_name", "placeholder", "help", "prompt", "error", "errors",
      "class", "cls", "backend", "store", "manager", "required", "enabled", "rounds", "iterations",
      "scheme", "location", "source", "kind", "mode", "style", "template", "cache", "index",
      "state", "status", "flag", "hint", "module", "char", "chars", "separator", "sep", "delimiter"};
  const std::string& last = words.back();
  for (const char* n : kNotValue) {
    if (last == n) return false;
  }
  // "refresh_token_key", "password_key": the name of the key a secret is stored under.
  if (last == "key" && words.size() >= 2) {
    const std::string& before = words[words.size() - 2];
    if (before == "token" || before == "password" || before == "pwd") return false;
  }
  // Pagination and parsing tokens, not credentials.
  if (contains(words, "next") || contains(words, "page") || contains(words, "continuation") ||
      contains(words, "csrf") || contains(words, "lexer") || contains(words, "tokens")) {
    return false;
  }
  if (words.size() == 1 && words[0] == "pass") return false;  // a verb in many APIs
  return true;
}

Value judge_value(std::string_view name, std::string_view value) {
  std::string v(value);
  // Trim.
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back()))) v.pop_back();
  std::size_t start = 0;
  while (start < v.size() && std::isspace(static_cast<unsigned char>(v[start]))) ++start;
  v = v.substr(start);
  if (v.empty()) return Value::NotSecret;
  std::string lower;
  for (char c : v) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower.rfind("http://", 0) == 0 || lower.rfind("https://", 0) == 0 || lower.rfind("/", 0) == 0) {
    return Value::NotSecret;
  }
  // A sentence ("Enter your password") is a message; words and spaces only ("is not") too.
  if (std::count(v.begin(), v.end(), ' ') >= 2) return Value::NotSecret;
  if (v.find(' ') != std::string::npos &&
      std::all_of(v.begin(), v.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == ' '; })) {
    return Value::NotSecret;
  }
  // Regular expressions and masks shown in place of a secret.
  if (v.front() == '[' || v.front() == '^' || v.find("(?") != std::string::npos || v.find("\\") != std::string::npos) {
    return Value::NotSecret;
  }
  if (v.find("***") != std::string::npos) return Value::Placeholder;
  // Token types of HTTP authentication schemes.
  if (lower == "bearer" || lower == "basic" || lower == "mac" || lower == "digest") return Value::NotSecret;
  // Templates and placeholders.
  if (v.find("${") != std::string::npos || v.find("{{") != std::string::npos ||
      (v.front() == '<' && v.back() == '>') || (v.front() == '{' && v.back() == '}') ||
      v.find("%(") != std::string::npos) {
    return Value::Placeholder;
  }
  if (std::all_of(v.begin(), v.end(), [&](char c) { return c == v[0]; }) && (v[0] == 'x' || v[0] == 'X' || v[0] == '*' || v[0] == '.' || v[0] == '-' || v[0] == '#')) {
    return Value::Placeholder;
  }
  static const char* kPlaceholders[] = {"replace_me", "replaceme", "todo", "tbd", "fixme", "your-password-here",
                                        "your_password_here", "yourpassword", "your-secret-here",
                                        "your-api-key", "your_api_key", "placeholder", "redacted", "none",
                                        "null", "undefined", "dummy", "example", "sample", "not-set", "unset"};
  for (const char* p : kPlaceholders) {
    if (lower == p) return Value::Placeholder;
  }
  if (lower.find("your") != std::string::npos && lower.find("here") != std::string::npos) return Value::Placeholder;
  if (lower.rfind("replace", 0) == 0 || lower.rfind("change_this", 0) == 0 || lower.rfind("insert", 0) == 0) {
    return Value::Placeholder;
  }
  static const char* kDefaults[] = {"admin", "password", "passw0rd", "changeme", "change-me", "change_me",
                                    "secret", "root", "toor", "default", "letmein", "12345", "123456",
                                    "12345678", "qwerty", "guest", "test", "pass", "dev", "development"};
  for (const char* d : kDefaults) {
    if (lower == d) return Value::DefaultCredential;
  }
  // Too short to be a credential anyone would choose on purpose (and the usual shape of
  // parser tokens and flags compared with such names).
  if (v.size() < 4) return Value::NotSecret;
  // The value repeats the name: a label ("password_field" = "password" is caught by the
  // name; here TOKEN = "token", API_KEY = "api_key").
  std::string joined;
  for (const auto& w : name_words(name)) joined += w;
  std::string value_joined;
  for (const auto& w : name_words(v)) value_joined += w;
  if (!value_joined.empty() && value_joined == joined) return Value::NotSecret;
  // A snake_case identifier naming a secret ("_password_reset_token"): a label. (Dashed
  // values such as "dev-secret-change-me" are what people type as secrets, so not these.)
  if (std::all_of(v.begin(), v.end(), [](char c) {
        return std::islower(static_cast<unsigned char>(c)) || c == '_';
      }) && v.find('_') != std::string::npos) {
    for (const auto& w : name_words(lower)) {
      if (w == "password" || w == "token" || w == "secret" || w == "key" || w == "pwd" || w == "passwd") {
        return Value::NotSecret;
      }
    }
  }
  // A dotted or kebab identifier used as a setting name ("auth.token", "x-api-key").
  if (lower.find('.') != std::string::npos && std::all_of(lower.begin(), lower.end(), [](char c) {
        return std::islower(static_cast<unsigned char>(c)) || c == '.' || c == '_';
      })) {
    return Value::NotSecret;
  }
  return Value::Secret;
}

std::string mask(std::string_view value) {
  std::string out;
  std::size_t shown = 0;
  for (std::size_t i = 0; i < value.size() && shown < 2; ++i) {
    out += value[i];
    if ((static_cast<unsigned char>(value[i]) & 0xC0) != 0x80) ++shown;
  }
  return "\"" + out + "…\" (" + std::to_string(value.size()) + " chars)";
}

std::string target_name(const py::Expr* target, const RuleContext& ctx) {
  if (const auto* n = as<py::Name>(target)) return std::string(n->id);
  if (const auto* a = as<py::Attribute>(target)) return std::string(a->attr);
  if (const auto* s = as<py::Subscript>(target)) {
    if (auto key = string_constant(ctx, s->slice)) return std::string(*key);
  }
  return {};
}

}  // namespace aegis::rules::secrets
