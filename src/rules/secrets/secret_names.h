// Shared by the hard-coded credential rules (SEC001-SEC004): which names hold secrets and
// which literal values are real secrets rather than labels, placeholders or empty values.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "rules/rule.h"

namespace aegis::rules::secrets {

// Metadata text the credential rules (SEC001-SEC003) share.
inline constexpr std::string_view kCredentialWhy =
    "A credential in source code is in every clone, fork, backup and CI log of the "
           "repository, cannot be rotated without a deploy, and is usually the same in every "
           "environment: whoever reads the code can log in, or forge what the key signs.";
inline constexpr std::string_view kCredentialFix =
    "Read it at start-up from the environment or a secret manager, with no fallback: "
           "`password = os.environ[\"DB_PASSWORD\"]`; then rotate the exposed value.";

// "dbPassword", "DB_PASSWORD", "db-password" -> {"db", "password"}.
std::vector<std::string> name_words(std::string_view name);

// True when the name says it holds a credential (password, passwd, pwd, secret, token,
// api key, private/access/secret key, credential) and is not a label or locator for one
// (password_field, TOKEN_URL, token_type, next_token, auth_header, password_hash_algorithm).
bool is_secret_name(std::string_view name);

enum class Value {
  NotSecret,          // empty, a sentence, a URL, the name itself, an identifier-like label
  Placeholder,        // "<password>", "${DB_PASSWORD}", "{password}", "xxx", "REPLACE_ME"
  DefaultCredential,  // "admin", "password", "changeme", "secret", "12345"...
  Secret,             // anything else
};
Value judge_value(std::string_view name, std::string_view value);

// "hu…(7 chars)": enough to find it, never the secret itself.
std::string mask(std::string_view value);

// The name an assignment target or a subscript key gives the value ("password",
// "self.api_key" -> "api_key", config["SECRET_KEY"] -> "SECRET_KEY"); empty otherwise.
std::string target_name(const py::Expr* target, const RuleContext& ctx);

}  // namespace aegis::rules::secrets
