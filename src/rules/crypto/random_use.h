// Where the value of a `random` module call goes, judged by the names it passes on its way
// (assigned to, returned from, passed as, stored under): shared by CRY005, which sees the
// calls the semantic index resolves, and TNT018, which sees those only the data flow does
// (a generator a helper function returns).
#pragma once
#include <string>

#include "rules/rule.h"
#include "semantic/qualified_name_set.h"

namespace aegis::rules::cryptonet {

struct RandomUse {
  enum Kind { Silent, Secret, Unknown } kind = Silent;
  std::string how;   // Secret: "assigned to", "returned from", "passed as", "stored under"...
  std::string name;  // Secret: the name that makes it one ("reset_token")
};

// The random functions and random.Random methods that make values ("random.choice",
// "random.Random.getrandbits").
const sem::QualifiedNameSet& random_functions();

// `function` is the call's qualified name ("random.choice"). Silent: plainly not a secret (a
// delay, a colour, a pick among a few constants, a discarded value); Secret: named like one;
// Unknown: anything else.
RandomUse random_value_use(const RuleContext& ctx, const py::Call& call, const std::string& function);

}  // namespace aegis::rules::cryptonet
