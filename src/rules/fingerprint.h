// Finding fingerprints: stable when unrelated lines are added above, when the finding
// moves within its file or its whitespace changes; distinct for a second copy of the
// same mistake (each copy is numbered in file order).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/finding.h"

namespace aegis::rules {

// Sets `fingerprint` on every finding of one file, from the rule id, the path relative
// to the scan root, the finding's code with whitespace removed and its occurrence number
// among findings of the same rule and code in that file. `findings` must be sorted.
void assign_fingerprints(std::vector<Finding>& findings, std::size_t begin, std::size_t end,
                         const std::string& relative_path);

// 64-bit FNV-1a, and the same as 16 hex digits.
std::uint64_t fnv1a(std::string_view data);
std::string hash_hex(std::string_view data);

}  // namespace aegis::rules
