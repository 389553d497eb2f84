// Discovery: gitignore semantics rule by rule, default excludes, --exclude,
// symbolic links (loops, duplicates, broken links) and deterministic order.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "engine/discovery.h"
#include "engine/gitignore.h"

namespace fs = std::filesystem;
using aegis::engine::Disposition;
using aegis::engine::DiscoveredEntry;
using aegis::engine::DiscoveryOptions;
using aegis::engine::DiscoveryResult;
using aegis::engine::EntryType;
using aegis::engine::FileKind;
using aegis::engine::IgnoreList;
using aegis::engine::IgnoreVerdict;

namespace {

IgnoreVerdict check(const std::string& gitignore, const std::string& path, bool is_dir = false) {
  return IgnoreList::parse(gitignore, ".gitignore").match(path, is_dir);
}

constexpr auto kIgnored = IgnoreVerdict::Ignored;
constexpr auto kIncluded = IgnoreVerdict::Included;
constexpr auto kNone = IgnoreVerdict::None;

// A fresh directory under $TMPDIR, removed at the end of the test.
class TempTree {
 public:
  TempTree() {
    std::string pattern = (fs::temp_directory_path() / "aegis-discovery-XXXXXX").string();
    char* made = ::mkdtemp(pattern.data());
    root_ = made ? made : "";
  }
  ~TempTree() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  const std::string& root() const { return root_; }
  std::string path(const std::string& rel) const { return root_ + "/" + rel; }
  void file(const std::string& rel, const std::string& text = "x = 1\n") const {
    fs::create_directories(fs::path(path(rel)).parent_path());
    std::ofstream(path(rel), std::ios::binary) << text;
  }
  void dir(const std::string& rel) const { fs::create_directories(path(rel)); }
  void link(const std::string& target, const std::string& rel) const {
    fs::create_directories(fs::path(path(rel)).parent_path());
    fs::create_symlink(target, path(rel));
  }

 private:
  std::string root_;
};

DiscoveryResult run(const std::string& root, std::vector<std::string> excludes = {}, int jobs = 2) {
  DiscoveryOptions options;
  options.roots = {root};
  options.excludes = std::move(excludes);
  options.jobs = jobs;
  return aegis::engine::discover(options);
}

const DiscoveredEntry* find(const DiscoveryResult& r, const std::string& path) {
  for (const auto& e : r.entries) {
    if (e.path == path) return &e;
  }
  return nullptr;
}

bool selected(const DiscoveryResult& r, const std::string& path) {
  const DiscoveredEntry* e = find(r, path);
  return e != nullptr && e->disposition == Disposition::Selected;
}

std::string reason(const DiscoveryResult& r, const std::string& path) {
  const DiscoveredEntry* e = find(r, path);
  return e == nullptr ? "<absent>" : e->reason;
}

}  // namespace

// ---- gitignore(5), rule by rule -------------------------------------------

TEST(Gitignore, BlankLinesAndCommentsMatchNothing) {
  EXPECT_EQ(check("\n# app.py\n   \n", "app.py"), kNone);
  EXPECT_EQ(check("# app.py", "# app.py"), kNone);
}

TEST(Gitignore, BackslashEscapesALeadingHashOrBang) {
  EXPECT_EQ(check("\\#notes", "#notes"), kIgnored);
  EXPECT_EQ(check("\\!important", "!important"), kIgnored);
  EXPECT_EQ(check("\\!important", "important"), kNone);
}

TEST(Gitignore, TrailingSpacesAreDroppedUnlessEscaped) {
  EXPECT_EQ(check("app.py   ", "app.py"), kIgnored);
  EXPECT_EQ(check("name\\ ", "name "), kIgnored);
  EXPECT_EQ(check("name\\ ", "name"), kNone);
  EXPECT_EQ(check("app.py\r", "app.py"), kIgnored);  // CRLF files
}

TEST(Gitignore, NegationReincludesAndTheLastMatchWins) {
  std::string rules = "*.log\n!keep.log\n";
  EXPECT_EQ(check(rules, "debug.log"), kIgnored);
  EXPECT_EQ(check(rules, "keep.log"), kIncluded);
  EXPECT_EQ(check("!keep.log\n*.log\n", "keep.log"), kIgnored);
  EXPECT_EQ(check(rules, "app.py"), kNone);
}

TEST(Gitignore, TrailingSlashMatchesDirectoriesOnly) {
  EXPECT_EQ(check("build/", "build", /*is_dir=*/true), kIgnored);
  EXPECT_EQ(check("build/", "build", /*is_dir=*/false), kNone);
  EXPECT_EQ(check("build/", "src/build", /*is_dir=*/true), kIgnored);  // no other slash: any level
}

TEST(Gitignore, ASlashAtTheStartOrMiddleAnchorsThePattern) {
  EXPECT_EQ(check("/top.txt", "top.txt"), kIgnored);
  EXPECT_EQ(check("/top.txt", "sub/top.txt"), kNone);
  EXPECT_EQ(check("doc/frotz", "doc/frotz"), kIgnored);
  EXPECT_EQ(check("doc/frotz", "a/doc/frotz"), kNone);
  EXPECT_EQ(check("doc/frotz", "doc/frotz/x"), kNone);  // inside it: the walk never descends
  EXPECT_EQ(check("doc/frotz", "doc"), kNone);
  EXPECT_EQ(check("doc//frotz/", "doc/frotz", true), kIgnored);
  EXPECT_EQ(check("frotz", "a/b/frotz"), kIgnored);  // no slash: matches at any level
}

TEST(Gitignore, StarAndQuestionMarkDoNotCrossSlashes) {
  EXPECT_EQ(check("doc/*.txt", "doc/a.txt"), kIgnored);
  EXPECT_EQ(check("doc/*.txt", "doc/sub/a.txt"), kNone);
  EXPECT_EQ(check("?.py", "a.py"), kIgnored);
  EXPECT_EQ(check("?.py", "ab.py"), kNone);
  EXPECT_EQ(check("a?b", "a/b"), kNone);
  EXPECT_EQ(check("*", ".hidden"), kIgnored);  // no special case for leading dots
}

TEST(Gitignore, DoubleStarMatchesAnyNumberOfDirectories) {
  EXPECT_EQ(check("**/foo", "foo"), kIgnored);
  EXPECT_EQ(check("**/foo", "a/b/foo"), kIgnored);
  EXPECT_EQ(check("**/foo/bar", "x/foo/bar"), kIgnored);
  EXPECT_EQ(check("abc/**", "abc/x"), kIgnored);
  EXPECT_EQ(check("abc/**", "abc/x/y"), kIgnored);
  EXPECT_EQ(check("abc/**", "abc", true), kNone);  // inside abc, not abc itself
  EXPECT_EQ(check("a/**/b", "a/b"), kIgnored);
  EXPECT_EQ(check("a/**/b", "a/x/y/b"), kIgnored);
  EXPECT_EQ(check("a/**/b", "a/x/y/c"), kNone);
  EXPECT_EQ(check("a**b", "axxb"), kIgnored);  // not a whole segment: an ordinary star
  EXPECT_EQ(check("x/a**b", "x/a/b"), kNone);
}

TEST(Gitignore, CharacterClasses) {
  EXPECT_EQ(check("[abc].py", "b.py"), kIgnored);
  EXPECT_EQ(check("[abc].py", "d.py"), kNone);
  EXPECT_EQ(check("[a-c]x", "bx"), kIgnored);
  EXPECT_EQ(check("[a-c]x", "dx"), kNone);
  EXPECT_EQ(check("[!a]x", "bx"), kIgnored);
  EXPECT_EQ(check("[!a]x", "ax"), kNone);
  EXPECT_EQ(check("[^a]x", "ax"), kNone);
  EXPECT_EQ(check("[]]x", "]x"), kIgnored);
  EXPECT_EQ(check("[[:digit:]]*.txt", "1.txt"), kIgnored);
  EXPECT_EQ(check("[[:digit:]]*.txt", "a.txt"), kNone);
  EXPECT_EQ(check("[abc", "a"), kNone);       // unterminated: never matches
  EXPECT_EQ(check("[[:nope:]]", "n"), kNone);  // unknown class: never matches
}

TEST(Gitignore, EscapedCharactersMatchLiterally) {
  EXPECT_EQ(check("\\*.py", "*.py"), kIgnored);
  EXPECT_EQ(check("\\*.py", "a.py"), kNone);
  EXPECT_EQ(check("\\[x\\]", "[x]"), kIgnored);
  EXPECT_EQ(check("a\\?", "a?"), kIgnored);
  EXPECT_EQ(check("a\\?", "ab"), kNone);
  EXPECT_EQ(check("trailing\\", "trailing"), kNone);  // a lone trailing backslash is invalid
}

TEST(Gitignore, ReportsTheDecidingPatternAndItsLine) {
  IgnoreList list = IgnoreList::parse("# header\n*.log\n\n!keep.log\n", "sub/.gitignore");
  const aegis::engine::IgnorePattern* matched = nullptr;
  EXPECT_EQ(list.match("keep.log", false, &matched), kIncluded);
  ASSERT_NE(matched, nullptr);
  EXPECT_EQ(matched->line, 4);
  EXPECT_EQ(matched->text, "!keep.log");
  EXPECT_EQ(list.origin(), "sub/.gitignore");
}

TEST(Gitignore, HostilePatternsFinish) {
  // Backtracking glob matchers go exponential on these; ours is linear per star.
  std::string name(5000, 'a');
  EXPECT_EQ(check("*a*a*a*a*a*a*a*a*a*a*a*a*b", name), kNone);
  std::string deep;
  for (int i = 0; i < 200; ++i) deep += "a/";
  deep += "c";
  EXPECT_EQ(check("**/a/**/a/**/a/**/a/**/b", deep), kNone);
}

// ---- classification ---------------------------------------------------------

TEST(Classify, KindsByName) {
  using aegis::engine::classify_file;
  EXPECT_EQ(classify_file("app.py", "", ""), FileKind::Python);
  EXPECT_EQ(classify_file("stub.pyi", "", ""), FileKind::Python);
  EXPECT_EQ(classify_file("setup.py", "", ""), FileKind::Python);
  EXPECT_EQ(classify_file("requirements.txt", "", ""), FileKind::Manifest);
  EXPECT_EQ(classify_file("requirements-dev.in", "", ""), FileKind::Manifest);
  EXPECT_EQ(classify_file("dev-requirements.txt", "", ""), FileKind::Manifest);
  EXPECT_EQ(classify_file("base.txt", "requirements", ""), FileKind::Manifest);
  EXPECT_EQ(classify_file("notes.txt", "docs", ""), FileKind::Other);
  EXPECT_EQ(classify_file("pyproject.toml", "", ""), FileKind::Manifest);
  EXPECT_EQ(classify_file("Pipfile.lock", "", ""), FileKind::Manifest);
  EXPECT_EQ(classify_file("uv.lock", "", ""), FileKind::Manifest);
  EXPECT_EQ(classify_file("main.tf", "", ""), FileKind::Terraform);
  EXPECT_EQ(classify_file(".env", "", ""), FileKind::Config);
  EXPECT_EQ(classify_file(".env.production.example", "", ""), FileKind::Config);
  EXPECT_EQ(classify_file("settings.yaml", "", ""), FileKind::Config);
  EXPECT_EQ(classify_file("ruff.toml", "", ""), FileKind::Config);
  EXPECT_EQ(classify_file("README.md", "", ""), FileKind::Other);
}

TEST(Classify, ExtensionlessScriptsWithAPythonShebangArePython) {
  using aegis::engine::classify_file;
  EXPECT_EQ(classify_file("manage", "", "#!/usr/bin/env python3"), FileKind::Python);
  EXPECT_EQ(classify_file("run", "", "#!/usr/bin/python"), FileKind::Python);
  EXPECT_EQ(classify_file("run", "", "#!/bin/sh"), FileKind::Other);
  EXPECT_EQ(classify_file("run.sh", "", "#!/usr/bin/env python3"), FileKind::Other);
}

TEST(PathOrder, ComponentByComponent) {
  using aegis::engine::path_less;
  EXPECT_TRUE(path_less("a/b", "a-b"));
  EXPECT_TRUE(path_less("a", "a/b"));
  EXPECT_FALSE(path_less("b", "a/z"));
  EXPECT_FALSE(path_less("a", "a"));
  // Past a shared prefix longer than the eight-byte words it is compared in.
  const std::string root = "/root/.pyenv/versions/3.12.1/lib/python3.12/";
  EXPECT_TRUE(path_less(root + "a/b", root + "a-b"));
  EXPECT_FALSE(path_less(root + "a-b", root + "a/b"));
  EXPECT_TRUE(path_less(root + "abcdefgh/x", root + "abcdefgh.py"));
  EXPECT_TRUE(path_less(root + "abcdefg", root + "abcdefgh"));
  EXPECT_FALSE(path_less(root + "abcdefgh", root + "abcdefgh"));
  EXPECT_TRUE(path_less("12345678/a", "12345678a"));
}

// ---- walking a tree -----------------------------------------------------------

TEST(Discovery, GitignoreFilesAtEveryLevel) {
  TempTree t;
  t.file(".gitignore", "*.log\nsecret/\n");
  t.file("app.py");
  t.file("debug.log", "");
  t.file("sub/.gitignore", "!keep.log\n/local.py\n");
  t.file("sub/keep.log", "");
  t.file("sub/other.log", "");
  t.file("sub/local.py");
  t.file("sub/deeper/local.py");
  t.file("secret/key.py");
  DiscoveryResult r = run(t.root());
  const std::string& R = t.root();
  EXPECT_TRUE(selected(r, R + "/app.py"));
  EXPECT_EQ(reason(r, R + "/debug.log"), "gitignored");
  EXPECT_TRUE(selected(r, R + "/sub/keep.log"));  // deeper file re-includes
  EXPECT_EQ(reason(r, R + "/sub/other.log"), "gitignored");
  EXPECT_EQ(reason(r, R + "/sub/local.py"), "gitignored");  // anchored to sub/
  EXPECT_TRUE(selected(r, R + "/sub/deeper/local.py"));
  const DiscoveredEntry* secret = find(r, R + "/secret");
  ASSERT_NE(secret, nullptr);
  EXPECT_EQ(secret->type, EntryType::Directory);
  EXPECT_EQ(secret->reason, "gitignored");
  EXPECT_NE(secret->detail.find(".gitignore:2: secret/"), std::string::npos) << secret->detail;
  EXPECT_EQ(find(r, R + "/secret/key.py"), nullptr);  // not walked
}

TEST(Discovery, AFileInsideAnIgnoredDirectoryCannotBeReincluded) {
  TempTree t;
  t.file(".gitignore", "data/\n!data/keep.py\n");
  t.file("data/keep.py");
  DiscoveryResult r = run(t.root());
  EXPECT_EQ(reason(r, t.path("data")), "gitignored");
  EXPECT_EQ(find(r, t.path("data/keep.py")), nullptr);
}

TEST(Discovery, RepositoryRulesApplyWhenScanningASubdirectory) {
  TempTree t;
  t.dir(".git/info");
  t.file(".git/info/exclude", "*.tmp.py\n");
  t.file(".gitignore", "generated/\nsrc/skip.py\n");
  t.file("src/app.py");
  t.file("src/skip.py");
  t.file("src/x.tmp.py");
  t.file("src/generated/out.py");
  DiscoveryResult r = run(t.path("src"));
  EXPECT_TRUE(selected(r, t.path("src/app.py")));
  EXPECT_EQ(reason(r, t.path("src/skip.py")), "gitignored");  // anchored at the repository root
  EXPECT_EQ(reason(r, t.path("src/x.tmp.py")), "gitignored");
  EXPECT_EQ(reason(r, t.path("src/generated")), "gitignored");
  EXPECT_EQ(find(r, t.path(".git")), nullptr);  // above the scan root: never listed
}

TEST(Discovery, DefaultExcludes) {
  TempTree t;
  t.file("app.py");
  t.file(".git/config", "");
  t.file(".venv/lib/x.py");
  t.file("myenv/pyvenv.cfg", "home = /usr/bin\n");
  t.file("myenv/lib/y.py");
  t.file("node_modules/pkg/index.js", "");
  t.file("pkg/__pycache__/m.cpython-312.pyc", "");
  t.file("pkg/thing.egg-info/PKG-INFO", "");
  t.file("setup.py");
  t.file("build/lib/pkg/m.py");
  t.file("tools/build/helper.py");  // a package named build, no setup.py beside it
  t.file(".tox/py312/z.py");
  DiscoveryResult r = run(t.root());
  for (const char* dir : {".git", ".venv", "myenv", "node_modules", "pkg/__pycache__", "pkg/thing.egg-info",
                          "build", ".tox"}) {
    EXPECT_EQ(reason(r, t.path(dir)), "default-excluded") << dir;
  }
  EXPECT_TRUE(selected(r, t.path("tools/build/helper.py")));
  EXPECT_TRUE(selected(r, t.path("app.py")));
}

TEST(Discovery, ExcludeOptionIsGitignoreStyleAndCanForceInclusion) {
  TempTree t;
  t.file(".gitignore", "main.py\n");
  t.file("main.py");
  t.file("tests/test_x.py");
  t.file("a/tests/test_y.py");
  t.file("lib/util.py");
  t.file("lib/gen.py");
  DiscoveryResult r = run(t.root(), {"tests/", "/lib/gen.py", "!main.py"});
  EXPECT_EQ(reason(r, t.path("tests")), "excluded");
  EXPECT_EQ(reason(r, t.path("a/tests")), "excluded");
  EXPECT_EQ(reason(r, t.path("lib/gen.py")), "excluded");
  EXPECT_TRUE(selected(r, t.path("lib/util.py")));
  EXPECT_TRUE(selected(r, t.path("main.py")));  // '!' beats .gitignore
  const DiscoveredEntry* tests = find(r, t.path("tests"));
  ASSERT_NE(tests, nullptr);
  EXPECT_EQ(tests->detail, "--exclude 'tests/'");
}

TEST(Discovery, SymlinkLoopsAreReportedAndNotFollowed) {
  TempTree t;
  t.file("a/app.py");
  t.link("..", "a/up");          // a/up -> root: a loop
  t.link("../b", "a/to_b");      // a/to_b -> b, and b/to_a -> a: a loop through two links
  t.link("../a", "b/to_a");
  t.file("b/lib.py");
  DiscoveryResult r = run(t.root());
  EXPECT_TRUE(selected(r, t.path("a/app.py")));
  EXPECT_TRUE(selected(r, t.path("b/lib.py")));
  EXPECT_EQ(reason(r, t.path("a/up")), "symlink-loop");
  // b is a real directory of the root, so both links are seen after it.
  EXPECT_EQ(reason(r, t.path("a/to_b")), "duplicate");
  EXPECT_EQ(reason(r, t.path("b/to_a")), "duplicate");
  for (const auto& e : r.entries) EXPECT_EQ(e.path.find("/up/"), std::string::npos) << e.path;
}

TEST(Discovery, LinksOutsideTheRootAreFollowedOnce) {
  TempTree outside;
  outside.file("shared/helpers.py");
  TempTree t;
  t.link(outside.path("shared"), "one");
  t.link(outside.path("shared"), "two");
  t.link(outside.path("shared/helpers.py"), "alias.py");
  DiscoveryResult r = run(t.root());
  EXPECT_EQ(reason(r, t.path("one/helpers.py")), "duplicate");  // "alias.py" comes first in path order
  EXPECT_TRUE(selected(r, t.path("alias.py")));
  EXPECT_EQ(reason(r, t.path("two")), "duplicate");
}

TEST(Discovery, BrokenLinksAreDiagnosedNotDropped) {
  TempTree t;
  t.link("nowhere.py", "dangling.py");
  t.link("nowhere.txt", "dangling.txt");
  t.link("self", "self");  // a link to itself: ELOOP
  DiscoveryResult r = run(t.root());
  const DiscoveredEntry* py = find(r, t.path("dangling.py"));
  ASSERT_NE(py, nullptr);
  EXPECT_EQ(py->disposition, Disposition::Failed);  // it would have been analysed
  EXPECT_EQ(py->reason, "broken-symlink");
  const DiscoveredEntry* txt = find(r, t.path("dangling.txt"));
  ASSERT_NE(txt, nullptr);
  EXPECT_EQ(txt->disposition, Disposition::Skipped);
  EXPECT_EQ(reason(r, t.path("self")), "broken-symlink");
  ASSERT_EQ(r.diagnostics.size(), 3u);
  EXPECT_EQ(r.diagnostics[0].path, t.path("dangling.py"));
  EXPECT_EQ(r.diagnostics[0].severity, aegis::DiagnosticSeverity::Error);
  EXPECT_EQ(r.diagnostics[1].severity, aegis::DiagnosticSeverity::Warning);
}

// Running as root, permissions cannot make a path unreadable. A path longer
// than PATH_MAX can be built (with *at() calls) and cannot be opened by name:
// an honest unreadable path. It must be reported, not dropped.
TEST(Discovery, PathsThatCannotBeOpenedAreFailures) {
  TempTree t;
  const std::string component(200, 'd');
  int fd = ::open(t.root().c_str(), O_RDONLY | O_DIRECTORY);
  ASSERT_GE(fd, 0);
  std::vector<int> fds{fd};
  for (int depth = 0; depth < 30; ++depth) {  // 30 * 201 bytes > PATH_MAX (4096)
    ASSERT_EQ(::mkdirat(fds.back(), component.c_str(), 0755), 0);
    int next = ::openat(fds.back(), component.c_str(), O_RDONLY | O_DIRECTORY);
    ASSERT_GE(next, 0);
    fds.push_back(next);
  }
  int file = ::openat(fds.back(), "deep.py", O_WRONLY | O_CREAT, 0644);
  ASSERT_GE(file, 0);
  ::close(file);

  DiscoveryResult r = run(t.root());
  bool reported = false;
  for (const auto& e : r.entries) {
    if (e.disposition == Disposition::Failed && e.reason == "unreadable") reported = true;
  }
  EXPECT_TRUE(reported);
  ASSERT_FALSE(r.diagnostics.empty());
  EXPECT_EQ(r.diagnostics[0].severity, aegis::DiagnosticSeverity::Error);
  EXPECT_NE(r.diagnostics[0].message.find("too long"), std::string::npos) << r.diagnostics[0].message;

  // Clean up from the bottom, by descriptor: remove_all cannot reach these paths.
  ::unlinkat(fds.back(), "deep.py", 0);
  for (std::size_t i = fds.size() - 1; i > 0; --i) {
    ::close(fds[i]);
    ::unlinkat(fds[i - 1], component.c_str(), AT_REMOVEDIR);
  }
  ::close(fds[0]);
}

// A named pipe is found but not read (reading it would block the scan).
TEST(Discovery, SpecialFilesAreSkippedWithAReason) {
  TempTree t;
  ASSERT_EQ(::mkfifo(t.path("pipe.py").c_str(), 0600), 0);
  DiscoveryResult r = run(t.root());
  EXPECT_EQ(reason(r, t.path("pipe.py")), "special-file");
}

TEST(Discovery, TooLargeFilesAreSkipped) {
  TempTree t;
  t.file("big.py", std::string(100, '#'));
  t.file("small.py", "x\n");
  DiscoveryOptions options;
  options.roots = {t.root()};
  options.max_file_size = 50;
  DiscoveryResult r = aegis::engine::discover(options);
  EXPECT_EQ(reason(r, t.path("big.py")), "too-large");
  EXPECT_TRUE(selected(r, t.path("small.py")));
}

TEST(Discovery, HardLinkedFilesAreAnalysedOnce) {
  TempTree t;
  t.file("a.py");
  ASSERT_EQ(::link(t.path("a.py").c_str(), t.path("b.py").c_str()), 0);
  DiscoveryResult r = run(t.root());
  EXPECT_TRUE(selected(r, t.path("a.py")));
  EXPECT_EQ(reason(r, t.path("b.py")), "duplicate");
}

TEST(Discovery, ExplicitFilesAreReadWhateverTheRules) {
  TempTree t;
  t.file(".gitignore", "*.py\n");
  t.file("script");
  std::ofstream(t.path("script")) << "#!/usr/bin/env python3\nprint(1)\n";
  t.file("ignored.py");
  DiscoveryOptions options;
  options.roots = {t.path("ignored.py"), t.path("script")};
  DiscoveryResult r = aegis::engine::discover(options);
  EXPECT_TRUE(selected(r, t.path("ignored.py")));
  const DiscoveredEntry* script = find(r, t.path("script"));
  ASSERT_NE(script, nullptr);
  EXPECT_EQ(script->kind, FileKind::Python);
}

TEST(Discovery, MissingRootIsFatal) {
  TempTree t;
  DiscoveryResult r = run(t.path("does-not-exist"));
  EXPECT_TRUE(r.fatal);
  EXPECT_NE(r.fatal_message.find("does-not-exist"), std::string::npos);
}

TEST(Discovery, DisplayPathsFollowTheRootAsGiven) {
  TempTree t;
  t.file("pkg/mod.py");
  DiscoveryResult r = run(t.root() + "/pkg/");
  ASSERT_EQ(r.entries.size(), 1u);
  EXPECT_EQ(r.entries[0].path, t.path("pkg/mod.py"));
}

TEST(Discovery, SameResultWhateverTheThreadCount) {
  TempTree t;
  t.file(".gitignore", "*.skip\n");
  for (int d = 0; d < 12; ++d) {
    for (int f = 0; f < 8; ++f) {
      std::string dir = "d" + std::to_string(d) + "/s" + std::to_string(f % 3);
      t.file(dir + "/f" + std::to_string(f) + (f % 4 == 0 ? ".skip" : ".py"));
    }
  }
  t.link("d1", "zlink");
  t.link("../d0", "d5/back");
  auto flatten = [](const DiscoveryResult& r) {
    std::string out;
    for (const auto& e : r.entries) {
      out += e.path + " " + aegis::engine::to_string(e.disposition) + " " + e.reason + " " + e.detail + "\n";
    }
    return out;
  };
  std::string one = flatten(run(t.root(), {}, 1));
  for (int jobs : {2, 3, 8}) {
    for (int repeat = 0; repeat < 3; ++repeat) EXPECT_EQ(flatten(run(t.root(), {}, jobs)), one) << jobs;
  }
  EXPECT_NE(one.find("zlink skipped duplicate"), std::string::npos) << one;
}
