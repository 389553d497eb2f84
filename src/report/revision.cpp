#include "report/revision.h"

#include <string_view>

#include "core/libgit2.h"

namespace aegis::report {

namespace {

std::string last_error(const LibGit2& git, const char* fallback) {
  const git_error* e = git.git_error_last();
  return e && e->message ? std::string(e->message) : std::string(fallback);
}

}  // namespace

Revision read_revision(const std::string& path) {
  Revision revision;
  std::string load_error;
  const LibGit2* api = libgit2(load_error);
  if (!api) {
    revision.note = "revision unknown (" + load_error + ")";
    return revision;
  }
  const LibGit2& git = *api;
  git_repository* repo = nullptr;
  if (git.git_repository_open_ext(&repo, path.c_str(), 0, nullptr) != 0) {
    revision.note = "not in a git repository";
    return revision;
  }
  revision.in_repository = true;
  git_reference* head = nullptr;
  int rc = git.git_repository_head(&head, repo);
  if (rc == GIT_EUNBORNBRANCH || rc == GIT_ENOTFOUND) {
    revision.note = "no commit yet";
    // HEAD still names the branch the first commit will create.
    git_reference* symbolic = nullptr;
    if (git.git_reference_lookup(&symbolic, repo, "HEAD") == 0) {
      const char* target = git.git_reference_symbolic_target(symbolic);
      std::string_view name = target ? target : "";
      if (name.starts_with("refs/heads/")) revision.branch = name.substr(11);
      git.git_reference_free(symbolic);
    }
  } else if (rc != 0) {
    revision.note = "HEAD unreadable: " + last_error(git, "unknown error");
  } else {
    if (git.git_reference_is_branch(head)) {
      const char* name = nullptr;
      if (git.git_branch_name(&name, head) == 0 && name) revision.branch = name;
    } else {
      revision.note = "detached HEAD";
    }
    git_object* commit = nullptr;
    if (git.git_reference_peel(&commit, head, GIT_OBJECT_COMMIT) == 0) {
      char hex[GIT_OID_HEXSZ + 1] = {};
      git.git_oid_tostr(hex, sizeof hex, git.git_object_id(commit));
      revision.commit = hex;
      git.git_object_free(commit);
    }
    git.git_reference_free(head);
  }
  git.git_repository_free(repo);
  return revision;
}

}  // namespace aegis::report
