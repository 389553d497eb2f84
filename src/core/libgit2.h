// libgit2, loaded the first time a command needs it. Only `aegis report` reads git objects;
// linking libgit2 made every process load it and the dozen libraries it pulls in (Kerberos,
// TLS, SSH, PCRE2), ~6 ms of a 13 ms start, and a scan starts twice (the huge-page re-exec).
#pragma once
#include <git2.h>

#include <string>

namespace aegis {

// The libgit2 functions Aegis calls. To call another one, add it to the list.
#define AEGIS_LIBGIT2_FUNCTIONS(X) \
  X(git_libgit2_init)              \
  X(git_error_last)                \
  X(git_repository_open_ext)       \
  X(git_repository_free)           \
  X(git_repository_head)           \
  X(git_reference_lookup)          \
  X(git_reference_symbolic_target) \
  X(git_reference_is_branch)       \
  X(git_reference_peel)            \
  X(git_reference_free)            \
  X(git_branch_name)               \
  X(git_object_id)                 \
  X(git_object_free)               \
  X(git_oid_tostr)

struct LibGit2 {
#define AEGIS_LIBGIT2_MEMBER(name) decltype(&::name) name = nullptr;
  AEGIS_LIBGIT2_FUNCTIONS(AEGIS_LIBGIT2_MEMBER)
#undef AEGIS_LIBGIT2_MEMBER
};

// The library, loaded and initialised once per process (thread-safe); null when it cannot be
// loaded, with the reason in `error`.
const LibGit2* libgit2(std::string& error);

}  // namespace aegis
