#include "report/revision.h"

#include <git2.h>

#include <string_view>

namespace aegis::report {

namespace {

// libgit2 is initialised once per process and kept for its lifetime.
void ensure_libgit2() {
  static const int initialised = git_libgit2_init();
  (void)initialised;
}

std::string last_error(const char* fallback) {
  const git_error* e = git_error_last();
  return e && e->message ? std::string(e->message) : std::string(fallback);
}

}  // namespace

Revision read_revision(const std::string& path) {
  ensure_libgit2();
  Revision revision;
  git_repository* repo = nullptr;
  if (git_repository_open_ext(&repo, path.c_str(), 0, nullptr) != 0) {
    revision.note = "not in a git repository";
    return revision;
  }
  revision.in_repository = true;
  git_reference* head = nullptr;
  int rc = git_repository_head(&head, repo);
  if (rc == GIT_EUNBORNBRANCH || rc == GIT_ENOTFOUND) {
    revision.note = "no commit yet";
    // HEAD still names the branch the first commit will create.
    git_reference* symbolic = nullptr;
    if (git_reference_lookup(&symbolic, repo, "HEAD") == 0) {
      const char* target = git_reference_symbolic_target(symbolic);
      std::string_view name = target ? target : "";
      if (name.starts_with("refs/heads/")) revision.branch = name.substr(11);
      git_reference_free(symbolic);
    }
  } else if (rc != 0) {
    revision.note = "HEAD unreadable: " + last_error("unknown error");
  } else {
    if (git_reference_is_branch(head)) {
      const char* name = nullptr;
      if (git_branch_name(&name, head) == 0 && name) revision.branch = name;
    } else {
      revision.note = "detached HEAD";
    }
    git_object* commit = nullptr;
    if (git_reference_peel(&commit, head, GIT_OBJECT_COMMIT) == 0) {
      char hex[GIT_OID_HEXSZ + 1] = {};
      git_oid_tostr(hex, sizeof hex, git_object_id(commit));
      revision.commit = hex;
      git_object_free(commit);
    }
    git_reference_free(head);
  }
  git_repository_free(repo);
  return revision;
}

}  // namespace aegis::report
