// The revision a report describes: the git commit and branch of the repository holding the
// scan root, read with libgit2 (no `git` process).
#pragma once
#include <string>

#include "report/audit.h"

namespace aegis::report {

// The repository found from `path` upward; not in_repository (with a note) when there is
// none or it cannot be read.
Revision read_revision(const std::string& path);

}  // namespace aegis::report
