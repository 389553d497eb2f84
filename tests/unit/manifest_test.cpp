// Manifests: Poetry's constraint syntax converted to PEP 440 and markers, manifest kinds by
// file name, and requirements-file lines read the way pip reads them (comments, continuations,
// line endings, options, includes, URLs) with the positions of what they ask for.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "deps/manifest.h"

using aegis::deps::DeclaredRequirement;
using aegis::deps::Manifest;
using aegis::deps::ManifestKind;
using aegis::deps::manifest_kind;
using aegis::deps::poetry_constraint_to_pep440;
using aegis::deps::poetry_python_to_marker;
using aegis::deps::read_manifest;

namespace {

std::string pep440(const std::string& poetry) {
  std::string error;
  auto converted = poetry_constraint_to_pep440(poetry, &error);
  return converted ? *converted : "error: " + error;
}

std::string marker(const std::string& poetry) {
  std::string error;
  auto converted = poetry_python_to_marker(poetry, &error);
  return converted ? *converted : "error: " + error;
}

// Reads `text` as requirements.txt; `files` are what -r/-c may load (by project path).
Manifest requirements(const std::string& text, const std::map<std::string, std::string>& files = {},
                      const std::string& path = "requirements.txt") {
  return read_manifest(path, text, ManifestKind::Requirements, [&](const std::string& name) -> std::optional<std::string> {
    auto found = files.find(name);
    if (found == files.end()) return std::nullopt;
    return found->second;
  });
}

std::vector<std::string> texts(const Manifest& manifest) {
  std::vector<std::string> out;
  for (const auto& r : manifest.requirements) out.push_back(r.text);
  return out;
}

std::string where(const DeclaredRequirement& r) {
  return r.where.path + ":" + std::to_string(r.where.line) + ":" + std::to_string(r.where.column) + "-" +
         std::to_string(r.where.end_line) + ":" + std::to_string(r.where.end_column);
}

bool has_diagnostic(const Manifest& manifest, const std::string& fragment, int line = 0) {
  for (const auto& d : manifest.diagnostics) {
    if (d.message.find(fragment) != std::string::npos && (line == 0 || d.where.line == line)) return true;
  }
  return false;
}

using Texts = std::vector<std::string>;

}  // namespace

// ----- Poetry constraints -----------------------------------------------------------------

TEST(PoetryConstraint, CaretBumpsTheFirstNonZeroComponent) {
  EXPECT_EQ(pep440("^1.2.3"), ">=1.2.3,<2.0.0");
  EXPECT_EQ(pep440("^0.2.3"), ">=0.2.3,<0.3.0");
  EXPECT_EQ(pep440("^0.0.3"), ">=0.0.3,<0.0.4");
  EXPECT_EQ(pep440("^1.2"), ">=1.2,<2.0");
  EXPECT_EQ(pep440("^1"), ">=1,<2");
}

TEST(PoetryConstraint, CaretOfZerosBumpsTheLastWrittenComponent) {
  EXPECT_EQ(pep440("^0"), ">=0,<1");
  EXPECT_EQ(pep440("^0.0"), ">=0.0,<0.1");
  EXPECT_EQ(pep440("^0.0.0"), ">=0.0.0,<0.0.1");
}

TEST(PoetryConstraint, CaretKeepsAPreReleaseLowerBound) {
  EXPECT_EQ(pep440("^1.2.3b1"), ">=1.2.3b1,<2.0.0");
  EXPECT_EQ(pep440("^2.0.0rc1"), ">=2.0.0rc1,<3.0.0");
}

TEST(PoetryConstraint, TildeBumpsTheMinorUnlessOnlyAMajorIsGiven) {
  EXPECT_EQ(pep440("~1.2"), ">=1.2,<1.3");
  EXPECT_EQ(pep440("~1.2.3"), ">=1.2.3,<1.3.0");
  EXPECT_EQ(pep440("~1"), ">=1,<2");
  EXPECT_EQ(pep440("~0.0.1"), ">=0.0.1,<0.1.0");
}

TEST(PoetryConstraint, CompatibleReleaseIsAlreadyPep440) { EXPECT_EQ(pep440("~=1.2"), "~=1.2"); }

TEST(PoetryConstraint, WildcardsAndAnyVersion) {
  EXPECT_EQ(pep440("1.2.*"), "==1.2.*");
  EXPECT_EQ(pep440("1.x"), "==1.*");
  EXPECT_EQ(pep440("!=1.2.*"), "!=1.2.*");
  EXPECT_EQ(pep440("*"), "");
  EXPECT_EQ(pep440(""), "");
}

TEST(PoetryConstraint, BareAndSingleEqualsVersionsPin) {
  EXPECT_EQ(pep440("1.2.3"), "==1.2.3");
  EXPECT_EQ(pep440("=1.2.3"), "==1.2.3");
  EXPECT_EQ(pep440("==1.2.3"), "==1.2.3");
}

TEST(PoetryConstraint, RangesWithCommasOrSpaces) {
  EXPECT_EQ(pep440(">=1,<2"), ">=1,<2");
  EXPECT_EQ(pep440(">= 1.2, < 2.0"), ">=1.2,<2.0");
  EXPECT_EQ(pep440(">=1.2 <2"), ">=1.2,<2");
  EXPECT_EQ(pep440("^1.2, !=1.4.0"), ">=1.2,<2.0,!=1.4.0");
}

TEST(PoetryConstraint, AlternativesHaveNoPep440Form) {
  EXPECT_NE(pep440("^1.0 || ^2.0").find("OR of ranges"), std::string::npos);
  EXPECT_NE(pep440("1.0 | 2.0").find("OR of ranges"), std::string::npos);
}

TEST(PoetryConstraint, MalformedConstraintsAreErrors) {
  EXPECT_EQ(pep440("^abc").rfind("error:", 0), 0u);
  EXPECT_EQ(pep440(">=").rfind("error:", 0), 0u);
  EXPECT_EQ(pep440("=>1.0").rfind("error:", 0), 0u);
  EXPECT_EQ(pep440(">=1.*").rfind("error:", 0), 0u);
}

TEST(PoetryPython, CaretBecomesTwoPythonVersionClauses) {
  EXPECT_EQ(marker("^3.8"), "python_version >= \"3.8\" and python_version < \"4.0\"");
}

TEST(PoetryPython, FinerVersionsUsePythonFullVersion) {
  EXPECT_EQ(marker(">=3.8.1,<3.12"), "python_full_version >= \"3.8.1\" and python_version < \"3.12\"");
}

TEST(PoetryPython, AlternativesBecomeOr) {
  EXPECT_EQ(marker("~2.7 || ^3.6"),
            "(python_version >= \"2.7\" and python_version < \"2.8\") or "
            "(python_version >= \"3.6\" and python_version < \"4.0\")");
  EXPECT_EQ(marker("3.8.* || 3.9.*"), "python_version == \"3.8.*\" or python_version == \"3.9.*\"");
}

TEST(PoetryPython, AnyPythonIsNoMarker) { EXPECT_EQ(marker("*"), ""); }

// ----- Kinds ------------------------------------------------------------------------------

TEST(ManifestKind, ByFileName) {
  EXPECT_EQ(manifest_kind("requirements.txt"), ManifestKind::Requirements);
  EXPECT_EQ(manifest_kind("sub/dev-requirements.txt"), ManifestKind::Requirements);
  EXPECT_EQ(manifest_kind("requirements/base.txt"), ManifestKind::Requirements);
  EXPECT_EQ(manifest_kind("constraints.txt"), ManifestKind::Requirements);
  EXPECT_EQ(manifest_kind("requirements.in"), ManifestKind::Requirements);
  EXPECT_EQ(manifest_kind("dev.in"), ManifestKind::Requirements);
  EXPECT_EQ(manifest_kind("pyproject.toml"), ManifestKind::PyprojectPep621);
  EXPECT_EQ(manifest_kind("a/setup.cfg"), ManifestKind::SetupCfg);
  EXPECT_EQ(manifest_kind("setup.py"), ManifestKind::SetupPy);
  EXPECT_EQ(manifest_kind("Pipfile"), ManifestKind::Pipfile);
  EXPECT_EQ(manifest_kind("Pipfile.lock"), ManifestKind::PipfileLock);
  EXPECT_EQ(manifest_kind("poetry.lock"), ManifestKind::PoetryLock);
  EXPECT_EQ(manifest_kind("uv.lock"), ManifestKind::UvLock);
  EXPECT_EQ(manifest_kind("pip.conf"), ManifestKind::PipConf);
  EXPECT_EQ(manifest_kind("config/pip.ini"), ManifestKind::PipConf);
}

TEST(ManifestKind, OtherFilesAreNotManifests) {
  EXPECT_FALSE(manifest_kind("MANIFEST.in"));
  EXPECT_FALSE(manifest_kind("Makefile.in"));
  EXPECT_FALSE(manifest_kind("config.h.in"));
  EXPECT_FALSE(manifest_kind("README.txt"));
  EXPECT_FALSE(manifest_kind("docs/notes.txt"));
  EXPECT_FALSE(manifest_kind("setup.py.orig"));
}

// ----- requirements.txt lines -------------------------------------------------------------

TEST(RequirementsLine, CommentNeedsWhitespaceBeforeTheHash) {
  Manifest m = requirements("flask>=2  # web\n# whole line\nfoo @ https://h/foo.whl#sha256=ab\n");
  EXPECT_EQ(texts(m), (Texts{"flask>=2", "foo @ https://h/foo.whl#sha256=ab"}));
  EXPECT_EQ(where(m.requirements[0]), "requirements.txt:1:1-1:9");
}

TEST(RequirementsLine, ContinuationJoinsLinesAndKeepsPositions) {
  Manifest m = requirements("requests\\\n[socks]>=2 \\\n  --hash=sha256:aa\nclick\n");
  EXPECT_EQ(texts(m), (Texts{"requests[socks]>=2", "click"}));
  EXPECT_EQ(where(m.requirements[0]), "requirements.txt:1:1-2:11");
  EXPECT_EQ(m.requirements[0].hashes, (Texts{"sha256:aa"}));
  EXPECT_EQ(m.requirements[1].where.line, 4);
}

TEST(RequirementsLine, BackslashAfterACommentSwallowsTheNextLine) {
  Manifest m = requirements("flask  # web \\\nrequests\nclick\n");
  EXPECT_EQ(texts(m), (Texts{"flask", "click"}));
  EXPECT_TRUE(has_diagnostic(m, "part of the comment on line 1", 2));
}

TEST(RequirementsLine, CommentLineEndingInBackslashDoesNotContinue) {
  Manifest m = requirements("# note \\\nrequests\n");
  EXPECT_EQ(texts(m), (Texts{"requests"}));
  EXPECT_TRUE(m.diagnostics.empty());
}

TEST(RequirementsLine, WindowsAndOldMacLineEndings) {
  Manifest m = requirements("flask==2.0\r\nrequests\\\r\n>=2\r\nclick\rrich\r\n");
  EXPECT_EQ(texts(m), (Texts{"flask==2.0", "requests>=2", "click", "rich"}));
  EXPECT_EQ(where(m.requirements[1]), "requirements.txt:2:1-3:4");
  EXPECT_EQ(m.requirements[3].where.line, 5);
}

TEST(RequirementsLine, ByteOrderMarksAndUtf16) {
  Manifest utf8 = requirements("\xEF\xBB\xBF" "flask\n");
  EXPECT_EQ(texts(utf8), (Texts{"flask"}));
  EXPECT_EQ(utf8.requirements[0].where.column, 1);
  std::string utf16("\xFF\xFE", 2);
  for (char c : std::string("rich==13\r\n")) {
    utf16 += c;
    utf16 += '\0';
  }
  EXPECT_EQ(texts(requirements(utf16)), (Texts{"rich==13"}));
}

TEST(RequirementsLine, PipBreaksLinesWhereEditorsMayNot) {
  Manifest m = requirements("flask\fevil-package\n");
  EXPECT_EQ(texts(m), (Texts{"flask", "evil-package"}));
  EXPECT_TRUE(has_diagnostic(m, "form feed"));
}

TEST(RequirementsLine, ColumnsCountCharacters) {
  Manifest m = requirements("--index-url https://é.example/simple\n");
  ASSERT_EQ(m.index_settings.size(), 1u);
  EXPECT_EQ(m.index_settings[0].where.column, 13);
  EXPECT_EQ(m.index_settings[0].where.end_column, 37);
}

TEST(RequirementsLine, HashesInEitherOptionForm) {
  Manifest m = requirements("flask==2.0 --hash=sha256:aa --hash sha512:bb\n");
  ASSERT_EQ(m.requirements.size(), 1u);
  EXPECT_EQ(m.requirements[0].text, "flask==2.0");
  EXPECT_EQ(m.requirements[0].hashes, (Texts{"sha256:aa", "sha512:bb"}));
}

TEST(RequirementsLine, WeakOrMalformedHashesAreDiagnosed) {
  Manifest m = requirements("flask==2.0 --hash=md5:aa --hash=nocolon\n--hash=sha256:cc\n");
  EXPECT_TRUE(m.requirements.at(0).hashes.empty());
  EXPECT_TRUE(has_diagnostic(m, "not md5", 1));
  EXPECT_TRUE(has_diagnostic(m, "'nocolon'", 1));
  EXPECT_TRUE(has_diagnostic(m, "--hash without a requirement", 2));
}

TEST(RequirementsLine, MarkersAndExtrasStayInTheText) {
  Manifest m = requirements("requests[socks,security]>=2.0; python_version < \"3.9\" and os_name == 'nt'\n");
  EXPECT_EQ(texts(m), (Texts{"requests[socks,security]>=2.0; python_version < \"3.9\" and os_name == 'nt'"}));
  EXPECT_EQ(m.requirements[0].name, "requests");
}

TEST(RequirementsLine, UrlsAndPathsBecomePep508WhenTheNameIsKnown) {
  Manifest m = requirements(
      "git+https://github.com/org/lib.git@v1.2#egg=lib\n"
      "https://example.com/pkgs/tool-2.0-py3-none-any.whl; sys_platform == 'linux'\n"
      "./vendor/thing-1.0.tar.gz\n"
      "../sibling[extra]\n"
      "name @ git+ssh://git@github.com/org/name.git ; python_version >= '3.8'\n");
  ASSERT_EQ(m.requirements.size(), 5u);
  EXPECT_EQ(m.requirements[0].text, "lib @ git+https://github.com/org/lib.git@v1.2#egg=lib");
  EXPECT_EQ(m.requirements[0].url, "git+https://github.com/org/lib.git@v1.2#egg=lib");
  EXPECT_EQ(m.requirements[1].text, "tool @ https://example.com/pkgs/tool-2.0-py3-none-any.whl ; sys_platform == 'linux'");
  EXPECT_EQ(m.requirements[2].name, "");
  EXPECT_EQ(m.requirements[2].text, "./vendor/thing-1.0.tar.gz");
  EXPECT_EQ(m.requirements[3].url, "../sibling");
  EXPECT_EQ(m.requirements[4].name, "name");
  EXPECT_EQ(m.requirements[4].url, "git+ssh://git@github.com/org/name.git");
}

TEST(RequirementsLine, EditableTakesThePathOrVcsUrl) {
  Manifest m = requirements("-e .[dev]\n--editable=git+https://h/org/x.git#egg=x\n-e https://h/x.tar.gz\n");
  ASSERT_EQ(m.requirements.size(), 2u);
  EXPECT_TRUE(m.requirements[0].editable);
  EXPECT_EQ(m.requirements[0].url, ".");
  EXPECT_EQ(m.requirements[0].text, ".[dev]");
  EXPECT_EQ(where(m.requirements[0]), "requirements.txt:1:4-1:10");
  EXPECT_EQ(m.requirements[1].text, "x @ git+https://h/org/x.git#egg=x");
  EXPECT_TRUE(has_diagnostic(m, "version-control URL", 3));
}

TEST(RequirementsLine, IndexOptionsAreSettingsWithPositions) {
  Manifest m = requirements(
      "-i https://a.example/simple\n--extra-index https://b.example/simple\n-fhttps://c.example/links\n"
      "--trusted-host=c.example\n--no-index\n");
  ASSERT_EQ(m.index_settings.size(), 5u);
  EXPECT_EQ(m.index_settings[0].option, "--index-url");
  EXPECT_EQ(m.index_settings[1].option, "--extra-index-url");  // abbreviated, as optparse allows
  EXPECT_EQ(m.index_settings[1].value, "https://b.example/simple");
  EXPECT_EQ(m.index_settings[2].option, "--find-links");
  EXPECT_EQ(m.index_settings[2].value, "https://c.example/links");
  EXPECT_EQ(m.index_settings[2].where.column, 3);
  EXPECT_EQ(m.index_settings[3].value, "c.example");
  EXPECT_EQ(m.index_settings[4].option, "--no-index");
  EXPECT_TRUE(m.requirements.empty());
}

TEST(RequirementsLine, QuotedOptionValues) {
  Manifest m = requirements("--index-url 'https://a.example/my simple'\n");
  ASSERT_EQ(m.index_settings.size(), 1u);
  EXPECT_EQ(m.index_settings[0].value, "https://a.example/my simple");
  EXPECT_EQ(m.index_settings[0].where.column, 14);
}

TEST(RequirementsLine, IndexOptionOnARequirementLineIsIgnoredByPip) {
  Manifest m = requirements("flask --index-url https://evil.example/simple\n");
  EXPECT_EQ(texts(m), (Texts{"flask"}));
  EXPECT_TRUE(m.index_settings.empty());
  EXPECT_TRUE(has_diagnostic(m, "pip ignores --index-url"));
}

TEST(RequirementsLine, OptionErrorsAreDiagnosed) {
  Manifest m = requirements("--unknown x\n--no x\n--index-url\n--pre=1\n--index-url 'open\n");
  EXPECT_TRUE(has_diagnostic(m, "no such option: --unknown", 1));
  EXPECT_TRUE(has_diagnostic(m, "ambiguous option: --no", 2));
  EXPECT_TRUE(has_diagnostic(m, "requires 1 argument", 3));
  EXPECT_TRUE(has_diagnostic(m, "does not take a value", 4));
  EXPECT_TRUE(has_diagnostic(m, "no closing quotation", 5));
  EXPECT_TRUE(m.index_settings.empty());
}

TEST(RequirementsLine, WordsAfterOptionsAreIgnoredByPip) {
  Manifest m = requirements("--pre flask\n");
  EXPECT_TRUE(m.requirements.empty());
  EXPECT_TRUE(has_diagnostic(m, "pip ignores 'flask'"));
}

TEST(RequirementsLine, LinesThatCannotBeRequirements) {
  Manifest m = requirements("flask=2.0\nflask 2.0\n@@@\nok==1\n");
  EXPECT_EQ(texts(m), (Texts{"ok==1"}));
  EXPECT_TRUE(has_diagnostic(m, "did you mean '=='", 1));
  EXPECT_TRUE(has_diagnostic(m, "needs an operator", 2));
  EXPECT_TRUE(has_diagnostic(m, "does not start with a project name", 3));
}

// ----- includes ---------------------------------------------------------------------------

TEST(RequirementsInclude, RelativeToTheIncludingFile) {
  Manifest m = requirements("-r sub/a.txt\nflask\n", {{"sub/a.txt", "-rb.txt\nclick\n"}, {"sub/b.txt", "rich\n"}});
  EXPECT_EQ(texts(m), (Texts{"rich", "click", "flask"}));
  EXPECT_EQ(m.requirements[0].where.path, "sub/b.txt");
  EXPECT_EQ(m.requirements[0].include_chain, (Texts{"requirements.txt", "sub/a.txt"}));
  EXPECT_EQ(m.requirements[1].include_chain, (Texts{"requirements.txt"}));
  EXPECT_TRUE(m.requirements[2].include_chain.empty());
}

TEST(RequirementsInclude, ConstraintsAreMarkedAndNestedRequirementsAreNot) {
  // pip reads a -r inside a constraints file as requirements again.
  Manifest m = requirements("--constraint=c.txt\n", {{"c.txt", "urllib3<2\n-r more.txt\n"}, {"more.txt", "idna\n"}});
  ASSERT_EQ(m.requirements.size(), 2u);
  EXPECT_TRUE(m.requirements[0].constraint_only);
  EXPECT_FALSE(m.requirements[1].constraint_only);
}

TEST(RequirementsInclude, EachFileIsReadOncePerManifest) {
  Manifest m = requirements("-r a.txt\n-r b.txt\n", {{"a.txt", "-r common.txt\n"}, {"b.txt", "-r common.txt\n"},
                                                     {"common.txt", "six\n"}});
  EXPECT_EQ(texts(m), (Texts{"six"}));
  EXPECT_TRUE(m.diagnostics.empty());
}

TEST(RequirementsInclude, CyclesAreDiagnosedNotFollowed) {
  Manifest m = requirements("-r a.txt\nflask\n", {{"a.txt", "click\n-r requirements.txt\n"}});
  EXPECT_EQ(texts(m), (Texts{"click", "flask"}));
  EXPECT_TRUE(has_diagnostic(m, "include cycle: requirements.txt -> a.txt -> requirements.txt", 2));
  Manifest self = requirements("-r requirements.txt\n");
  EXPECT_TRUE(has_diagnostic(self, "include cycle"));
}

TEST(RequirementsInclude, MissingAndRemoteFilesAreDiagnosed) {
  Manifest m = requirements("-r missing.txt\n-c ../outside.txt\n-r https://example.com/r.txt\n");
  EXPECT_TRUE(has_diagnostic(m, "cannot read -r file 'missing.txt'", 1));
  EXPECT_TRUE(has_diagnostic(m, "cannot read -c file '../outside.txt' (outside the project)", 2));
  EXPECT_TRUE(has_diagnostic(m, "remote requirements file not read", 3));
  EXPECT_EQ(m.diagnostics[0].where.column, 4);
}

// ----- other formats, briefly (the fixtures cover them in full) ------------------------------

TEST(OtherManifests, MalformedTomlAndJsonAreDiagnosticsWithPositions) {
  Manifest toml = read_manifest("pyproject.toml", "[project]\ndependencies = [\"a\",\n", ManifestKind::PyprojectPep621, {});
  ASSERT_EQ(toml.diagnostics.size(), 1u);
  EXPECT_EQ(toml.diagnostics[0].message.rfind("not valid TOML", 0), 0u);
  EXPECT_GT(toml.diagnostics[0].where.line, 1);
  Manifest json = read_manifest("Pipfile.lock", "{\n  \"default\": {\"a\": {}},\n  oops\n}", ManifestKind::PipfileLock, {});
  ASSERT_EQ(json.diagnostics.size(), 1u);
  EXPECT_EQ(json.diagnostics[0].where.line, 3);
  EXPECT_EQ(json.diagnostics[0].where.column, 3);
}

TEST(OtherManifests, SetupPyNeverRunsAndFollowsLiteralNames) {
  Manifest m = read_manifest("setup.py",
                             "import os\nDEPS = ['flask>=2', 'click']\nos.system('rm -rf /')\n"
                             "setup(install_requires=DEPS, extras_require={'x': [os.environ['X']]})\n",
                             ManifestKind::SetupPy, {});
  EXPECT_EQ(texts(m), (Texts{"flask>=2", "click"}));
  EXPECT_EQ(where(m.requirements[0]), "setup.py:2:9-2:19");
  EXPECT_TRUE(has_diagnostic(m, "an element of extras_require[x] is computed", 4));
}

// ----- hostile input ----------------------------------------------------------------------

TEST(HostileManifests, TomlThatTomlPlusPlusMishandlesIsRefusedFirst) {
  // toml++ 3.3 asserts on these, or reaches __builtin_unreachable() classifying 'ʍ'.
  for (const char* text : {"[!a]\n", "[[ !a]]\n", "[\xE2\x80\xA8packages]\n", "a = 1 \xCA\x8D\n", "a = [1,}\n",
                           "a = [\n}\n", "a = \"\"\"x\\\n \xCA\x8D\"\"\"\n"}) {
    Manifest m = read_manifest("pyproject.toml", text, ManifestKind::PyprojectPep621, {});
    ASSERT_EQ(m.diagnostics.size(), 1u) << text;
    EXPECT_EQ(m.diagnostics[0].message.rfind("not valid TOML", 0), 0u) << text;
  }
}

TEST(HostileManifests, ValidTomlThatLooksLikeItIsStillRead) {
  Manifest m = read_manifest("pyproject.toml",
                             "s = \"\"\"\n[!not-a-header]\n\"\"\"  # [!x\n"
                             "[project]\ndependencies = [\"caf\xC3\xA9-lib\", # \xCA\x8D\n  \"b\" ]\n",
                             ManifestKind::PyprojectPep621, {});
  EXPECT_TRUE(m.diagnostics.empty());
  EXPECT_EQ(texts(m), (Texts{"caf\xC3\xA9-lib", "b"}));
}

TEST(HostileManifests, DiagnosticsStopAtAThousand) {
  std::string line = "flask";
  for (int i = 0; i < 5000; ++i) line += " --hash=md5:a";
  Manifest m = requirements(line + "\n");
  ASSERT_EQ(m.diagnostics.size(), 1001u);
  EXPECT_EQ(m.diagnostics.back().message.find("more than 1000 problems"), 0u);
}

TEST(HostileManifests, IncludesNestDeeplyOnlySoFar) {
  auto file = [](int i) {
    std::string name = "r";
    name += std::to_string(i);
    name += ".txt";
    return name;
  };
  std::map<std::string, std::string> files;
  for (int i = 0; i < 200; ++i) {
    std::string text = "-r ";
    text += file(i + 1);
    text += "\npackage";
    text += std::to_string(i);
    text += '\n';
    files[file(i)] = text;
  }
  Manifest m = requirements("-r r0.txt\n", files);
  EXPECT_EQ(m.requirements.size(), 64u);
  EXPECT_TRUE(has_diagnostic(m, "includes nested deeper than 64 files"));
}

TEST(HostileManifests, DependencyGroupsThatIncludeEachOtherTwiceDoNotExplode) {
  std::string text = "[dependency-groups]\n";
  for (int i = 0; i < 60; ++i) {
    std::string next = std::to_string(i + 1);
    text += 'g';
    text += std::to_string(i);
    text += " = [{include-group = \"g";
    text += next;
    text += "\"}, {include-group = \"g";
    text += next;
    text += "\"}]\n";
  }
  text += "g60 = [\"x\"]\n";
  Manifest m = read_manifest("pyproject.toml", text, ManifestKind::PyprojectPep621, {});
  EXPECT_EQ(m.requirements.size(), 61u);  // "x" once under every group
}
