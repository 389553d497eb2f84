#include "core/libgit2.h"

#include <dlfcn.h>

namespace aegis {

namespace {

struct Loaded {
  LibGit2 api;
  std::string error;
  bool ok = false;
};

Loaded load() {
  Loaded out;
  // The soname the build found (CMakeLists.txt), so the ABI is the one git2.h describes.
  void* handle = ::dlopen(AEGIS_LIBGIT2_SONAME, RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char* why = ::dlerror();
    out.error = std::string("cannot load ") + AEGIS_LIBGIT2_SONAME + (why ? std::string(": ") + why : "");
    return out;
  }
#define AEGIS_LIBGIT2_RESOLVE(name)                                                    \
  out.api.name = reinterpret_cast<decltype(&::name)>(::dlsym(handle, #name));          \
  if (!out.api.name) {                                                                 \
    out.error = std::string(AEGIS_LIBGIT2_SONAME) + " has no " #name;                  \
    return out;                                                                        \
  }
  AEGIS_LIBGIT2_FUNCTIONS(AEGIS_LIBGIT2_RESOLVE)
#undef AEGIS_LIBGIT2_RESOLVE
  // Kept loaded and initialised for the process's lifetime.
  if (out.api.git_libgit2_init() < 0) {
    out.error = "libgit2 failed to initialise";
    return out;
  }
  out.ok = true;
  return out;
}

}  // namespace

const LibGit2* libgit2(std::string& error) {
  static const Loaded loaded = load();
  if (!loaded.ok) {
    error = loaded.error;
    return nullptr;
  }
  return &loaded.api;
}

}  // namespace aegis
