// What the dependency rules share: the project's declarations and locks by distribution,
// and which distribution an import needs.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "rules/project.h"

namespace aegis::rules::dependencies {

struct Facts {
  // Normalised distribution name -> every declaration of it (any manifest, any group).
  std::map<std::string, std::vector<const deps::DeclaredRequirement*>> declared;
  // Normalised name -> locked versions (lock files, or == pins of constraints files).
  std::map<std::string, std::vector<const deps::LockedPackage*>> locked;
  bool has_declarations = false;  // some manifest declares main (non-optional) requirements
  bool has_lock = false;
};

Facts gather(const ProjectContext& ctx);

// Whether a declaration applies to the target environment (its marker holds).
bool applies(const ProjectContext& ctx, const deps::DeclaredRequirement& r);

// The distributions that may satisfy an import, or empty when the import is the standard
// library or the project's own code.
std::vector<std::string> third_party_distributions(const ProjectContext& ctx, const std::string& module);

}  // namespace aegis::rules::dependencies
