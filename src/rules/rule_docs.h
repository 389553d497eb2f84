// The rule catalogue as text: `aegis rules`, `aegis rules --explain`, and docs/rules/
// (one Markdown page per rule plus an index), all from each rule's RuleMeta.
#pragma once
#include <map>
#include <string>

#include "rules/rule.h"

namespace aegis::rules {

std::string catalogue_text();                 // one line per rule
std::string explain_text(const Rule& rule);   // every field of one rule
std::string catalogue_json();                 // every rule's metadata, as a JSON array
// docs/rules/: "README.md" (the index) and "<ID>.md" per rule, file name -> content.
std::map<std::string, std::string> catalogue_markdown();

}  // namespace aegis::rules
