// The scan pipeline: positions in characters, coverage accounting, outcomes of
// files that cannot be analysed, and output that does not depend on threads.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/scan.h"
#include "report/json.h"
#include "report/junit.h"
#include "report/sarif.h"
#include "report/text.h"
#include "rules/checker.h"

namespace fs = std::filesystem;
using aegis::engine::FileKind;
using aegis::engine::FileOutcome;
using aegis::engine::FileStatus;
using aegis::engine::ScanOptions;
using aegis::engine::ScanResult;

namespace {

class TempTree {
 public:
  TempTree() {
    std::string pattern = (fs::temp_directory_path() / "aegis-scan-XXXXXX").string();
    char* made = ::mkdtemp(pattern.data());
    root_ = made ? made : "";
  }
  ~TempTree() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  const std::string& root() const { return root_; }
  std::string path(const std::string& rel) const { return root_ + "/" + rel; }
  void file(const std::string& rel, const std::string& text) const {
    fs::create_directories(fs::path(path(rel)).parent_path());
    std::ofstream(path(rel), std::ios::binary) << text;
  }

 private:
  std::string root_;
};

ScanResult scan(const std::string& root, int jobs = 2) {
  ScanOptions options;
  options.discovery.roots = {root};
  options.discovery.jobs = jobs;
  return aegis::engine::run_scan(options);
}

// A scan with every rule, as `aegis scan` runs it.
ScanResult scan_with_rules(const std::string& root, int jobs, bool report_unused_suppressions = false) {
  static const aegis::rules::Checker checker(aegis::rules::select_rules({}, {}));
  ScanOptions options;
  options.discovery.roots = {root};
  options.discovery.jobs = jobs;
  options.checker = &checker;
  options.report_unused_suppressions = report_unused_suppressions;
  return aegis::engine::run_scan(options);
}

const FileOutcome* outcome(const ScanResult& r, const std::string& path) {
  for (const auto& f : r.files) {
    if (f.path == path) return &f;
  }
  return nullptr;
}

}  // namespace

TEST(CharacterColumn, CountsCharactersNotBytes) {
  using aegis::engine::character_column;
  EXPECT_EQ(character_column("x = 1\n", 1, 0), 1);
  EXPECT_EQ(character_column("x = 1\n", 1, 4), 5);
  // "é" is two bytes, "€" three, "𝔘" four: each one character.
  std::string text = "a\ns = 'é€𝔘' +\n";
  EXPECT_EQ(character_column(text, 2, 5), 6);             // before é
  EXPECT_EQ(character_column(text, 2, 5 + 2), 7);         // after é
  EXPECT_EQ(character_column(text, 2, 5 + 2 + 3 + 4), 9);  // after 𝔘
  // Past the end of the line (errors at end of line) or of the file.
  EXPECT_EQ(character_column("ab\n", 1, 5), 6);
  EXPECT_EQ(character_column("ab\n", 7, 3), 4);
}

TEST(ToDiagnostic, ConvertsPositionAndKind) {
  aegis::py::SyntaxError error;
  error.kind = aegis::py::SyntaxErrorKind::Encoding;
  error.message = "bad";
  error.lineno = 1;
  error.col_offset = 3;  // after "é" + 1
  error.end_lineno = 1;
  error.end_col_offset = 4;
  aegis::Diagnostic d = aegis::engine::to_diagnostic(error, "xé!y\n", "f.py");
  EXPECT_EQ(d.kind, aegis::DiagnosticKind::Encoding);
  EXPECT_EQ(d.line, 1);
  EXPECT_EQ(d.column, 3);
  EXPECT_EQ(d.end_column, 4);
  EXPECT_EQ(aegis::format_diagnostic(d), "f.py:1:3: error: bad");
  error.lineno = 0;
  error.end_lineno = 0;
  d = aegis::engine::to_diagnostic(error, "", "f.py");
  EXPECT_EQ(aegis::format_diagnostic(d), "f.py: error: bad");
}

TEST(Scan, EveryFileHasAnOutcome) {
  TempTree t;
  t.file("requirements.txt", "flask==3.0.0\n");
  t.file("config.yaml", "a: 1\n");
  t.file("README.md", "# hi\n");
  t.file(".gitignore", "*.log\n");
  t.file("debug.log", "");
  ScanResult r = scan(t.root());
  ASSERT_FALSE(r.fatal);
  EXPECT_EQ(r.coverage.files_found, 5u);
  EXPECT_EQ(r.coverage.analysed + r.coverage.skipped + r.coverage.failed, r.coverage.files_found);
  EXPECT_EQ(outcome(r, t.path("requirements.txt"))->reason, "no-analyser");
  EXPECT_EQ(outcome(r, t.path("config.yaml"))->reason, "no-analyser");
  EXPECT_EQ(outcome(r, t.path("README.md"))->reason, "other-file");
  EXPECT_EQ(outcome(r, t.path("debug.log"))->reason, "gitignored");
  EXPECT_EQ(r.coverage.by_kind.at(FileKind::Manifest).skipped, 1u);
  EXPECT_EQ(r.coverage.by_kind.at(FileKind::Terraform).found, 0u);
  EXPECT_TRUE(r.complete());
  EXPECT_TRUE(r.findings.empty());
}

TEST(Scan, AnUnreadablePythonFileFailsTheScanButNotTheOthers) {
  TempTree t;
  t.file("notes.md", "x\n");
  fs::create_symlink("missing.py", t.path("gone.py"));
  ScanResult r = scan(t.root());
  const FileOutcome* gone = outcome(r, t.path("gone.py"));
  ASSERT_NE(gone, nullptr);
  EXPECT_EQ(gone->status, FileStatus::Failed);
  EXPECT_EQ(r.coverage.failed, 1u);
  EXPECT_FALSE(r.complete());
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].kind, aegis::DiagnosticKind::Io);
  EXPECT_NE(outcome(r, t.path("notes.md")), nullptr);
}

// Needs the real parser (src/python): a valid file is analysed, an invalid one
// is a syntax diagnostic with a position, and both are accounted for.
TEST(Scan, ParsesPythonAndReportsSyntaxErrors) {
  TempTree t;
  t.file("good.py", "def f(x):\n    return x + 1\n");
  t.file("legacy/bad.py", "# py2\nprint 'hello'\n");
  ScanResult r = scan(t.root());
  const FileOutcome* good = outcome(r, t.path("good.py"));
  const FileOutcome* bad = outcome(r, t.path("legacy/bad.py"));
  ASSERT_NE(good, nullptr);
  ASSERT_NE(bad, nullptr);
  EXPECT_EQ(good->status, FileStatus::Analysed) << good->detail;
  EXPECT_EQ(good->lines, 2u);
  EXPECT_EQ(bad->status, FileStatus::Failed);
  EXPECT_EQ(bad->reason, "syntax-error");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].path, t.path("legacy/bad.py"));
  EXPECT_EQ(r.diagnostics[0].line, 2);
  EXPECT_EQ(r.coverage.lines_analysed, 2u);
}

TEST(Scan, MissingPathIsFatal) {
  TempTree t;
  ScanResult r = scan(t.path("nope"));
  EXPECT_TRUE(r.fatal);
}

TEST(ScanOutput, SameBytesWhateverTheThreadCount) {
  TempTree t;
  for (int i = 0; i < 30; ++i) {
    t.file("pkg" + std::to_string(i % 5) + "/m" + std::to_string(i) + ".py",
           i % 7 == 0 ? "def broken(:\n" : "x = " + std::to_string(i) + "\n");
    t.file("pkg" + std::to_string(i % 5) + "/data" + std::to_string(i) + ".json", "{}\n");
  }
  std::string text1 = aegis::report::format_text(scan(t.root(), 1));
  std::string json1 = aegis::report::format_json(scan(t.root(), 1));
  for (int jobs : {2, 4, 7}) {
    EXPECT_EQ(aegis::report::format_text(scan(t.root(), jobs)), text1);
    EXPECT_EQ(aegis::report::format_json(scan(t.root(), jobs)), json1);
  }
}

TEST(ScanOutput, EveryFormatSameBytesWithRulesAndSuppressions) {
  TempTree t;
  for (int i = 0; i < 24; ++i) {
    t.file("pkg" + std::to_string(i % 4) + "/m" + std::to_string(i) + ".py",
           i % 5 == 0 ? "def broken(:\n"
                      : "import subprocess\nsubprocess.run(c, shell=True)  # nosec B602\nassert x  # nosec\n"
                        "subprocess.call(d, shell=True)\nprint(1)  # aegis: ignore[HYG001] -- unused\n");
  }
  auto run = [&](int jobs) { return scan_with_rules(t.root(), jobs, true); };
  ScanResult first = run(1);
  ASSERT_FALSE(first.findings.empty());
  ASSERT_FALSE(first.suppressions.empty());
  const std::string outputs[] = {aegis::report::format_text(first), aegis::report::format_json(first),
                                 aegis::report::format_sarif(first), aegis::report::format_junit(first)};
  for (int jobs : {2, 4, 3}) {
    ScanResult r = run(jobs);
    EXPECT_EQ(aegis::report::format_text(r), outputs[0]) << jobs;
    EXPECT_EQ(aegis::report::format_json(r), outputs[1]) << jobs;
    EXPECT_EQ(aegis::report::format_sarif(r), outputs[2]) << jobs;
    EXPECT_EQ(aegis::report::format_junit(r), outputs[3]) << jobs;
  }
}

// With two threads or more the data flow runs beside the per-file stage and takes the files
// it needs itself (FileSchedule): entries in early files reach helpers in late ones, some of
// which fail to parse. Whoever analyses a module, the findings and their traces are the same.
TEST(ScanOutput, DataFlowAcrossModulesSameAtEveryThreadCount) {
  TempTree t;
  for (int i = 0; i < 12; ++i) {
    std::string n = std::to_string(i);
    // Entries first in path order, their helpers last: the data flow needs files the
    // workers may or may not have reached.
    t.file("a_entry" + n + ".py",
           "import sys\nfrom zz_helpers.run" + n + " import run" + n + " as run\nfrom zz_helpers.query" + n +
               " import query" + n + "\n\ndef main():\n    run(sys.argv[1])\n    query" + n +
               "(sys.argv[2])\n\nmain()\n");
    t.file("zz_helpers/run" + n + ".py",
           "import os\n\ndef run" + n + "(cmd):\n    os.system('ls ' + cmd)\n");
    t.file("zz_helpers/query" + n + ".py",
           i % 4 == 0 ? "def query" + n + "(:\n"
                      : "import sqlite3\n\ndef query" + n + "(name):\n    c = sqlite3.connect('x').cursor()\n"
                        "    c.execute(\"SELECT * FROM t WHERE n = '%s'\" % name)\n");
    t.file("m_middle" + n + ".py", "x = " + n + "\n");
  }
  t.file("zz_helpers/__init__.py", "");
  // From -j2 the last worker reviews the dependencies while the data flow still runs.
  t.file("requirements.txt", "flask==0.12.2\nrequests\nPyYAML==5.3\nbad line ===\n");
  auto run = [&](int jobs) { return aegis::report::format_json(scan_with_rules(t.root(), jobs)); };
  std::string one = run(1);
  auto document = nlohmann::json::parse(one);
  int tainted = 0, dependencies = 0;
  for (const auto& f : document["findings"]) {
    tainted += f["rule_id"].get<std::string>().rfind("TNT", 0) == 0;
    dependencies += f["rule_id"].get<std::string>().rfind("DEP", 0) == 0;
  }
  ASSERT_GE(tainted, 12) << "the data flow should follow argv into the helper modules";
  ASSERT_GE(dependencies, 3) << "the manifest's requirements should be reviewed";
  ASSERT_FALSE(document["diagnostics"].empty());
  for (int round = 0; round < 3; ++round) {
    for (int jobs : {2, 3, 4, 8}) EXPECT_EQ(run(jobs), one) << jobs;
  }
}

TEST(ReportHelpers, SarifUrisAndXmlEscapes) {
  bool relative = false;
  EXPECT_EQ(aegis::report::path_uri("./app/my views.py", relative), "app/my%20views.py");
  EXPECT_TRUE(relative);
  EXPECT_EQ(aegis::report::path_uri("/nonexistent-root/x.py", relative), "file:///nonexistent-root/x.py");
  EXPECT_FALSE(relative);
  EXPECT_EQ(aegis::report::security_severity(aegis::Severity::Critical), std::string("9.5"));
  EXPECT_EQ(aegis::report::security_severity(aegis::Severity::Info), std::string("1.0"));
  EXPECT_EQ(aegis::report::xml_escape("a<b & \"c\"\x01\xff\n"), "a&lt;b &amp; &quot;c&quot;\xEF\xBF\xBD\xEF\xBF\xBD&#10;");
  EXPECT_EQ(aegis::report::xml_escape("é€"), "é€");
}

TEST(ScanOutput, JsonHasTheDocumentedShape) {
  TempTree t;
  t.file("requirements.txt", "flask\n");
  fs::create_symlink("missing.py", t.path("gone.py"));
  auto doc = nlohmann::json::parse(aegis::report::format_json(scan(t.root())));
  EXPECT_EQ(doc["version"], AEGIS_VERSION);
  EXPECT_TRUE(doc["findings"].is_array());
  EXPECT_TRUE(doc["findings"].empty());
  ASSERT_EQ(doc["diagnostics"].size(), 1u);
  EXPECT_EQ(doc["diagnostics"][0]["kind"], "io");
  EXPECT_TRUE(doc["diagnostics"][0]["line"].is_null());
  const auto& c = doc["coverage"];
  EXPECT_EQ(c["files_found"], 2);
  EXPECT_EQ(c["failed"], 1);
  EXPECT_EQ(c["complete"], false);
  EXPECT_EQ(c["by_kind"]["manifest"]["skipped"], 1);
  EXPECT_EQ(c["failed_files"][0]["reason"], "broken-symlink");
  EXPECT_EQ(c["skipped_files"][0]["reason"], "no-analyser");
  EXPECT_TRUE(c["directories"]["skipped"].is_array());
}

TEST(ScanOutput, TextSummaryGroupsReasons) {
  TempTree t;
  t.file("requirements.txt", "flask\n");
  t.file("a.json", "{}\n");
  t.file("b.md", "\n");
  std::string text = aegis::report::format_text(scan(t.root()));
  EXPECT_NE(text.find("Coverage: 3 files found: 0 analysed, 3 skipped, 0 failed"), std::string::npos) << text;
  EXPECT_NE(text.find("no analyser yet: 2 (1 manifest, 1 config)"), std::string::npos) << text;
  EXPECT_NE(text.find("not a file kind Aegis reads: 1"), std::string::npos) << text;
}

// format_json writes the document straight into a string. Its oracle is nlohmann's own
// printing of the same document built as a tree (coverage_json for the coverage block, as
// SARIF embeds it), over strings with every escape JSON has, control bytes, UTF-8 and invalid
// UTF-8, and empty and nested containers.
TEST(ReportJson, WrittenDocumentMatchesNlohmannPrinting) {
  using Json = nlohmann::ordered_json;
  const std::string awkward[] = {"", "plain", "quote \" and back\\slash", "tab\there\nnew\rret\bbs\ffeed",
                                 std::string("nul\0one\x01\x1f\x7f", 11), "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x94\x92",
                                 "bad \xff\xfe utf-8", "cut \xc3", "lone \x80 byte", "/slash/ 'single'"};
  ScanResult r;
  int n = 0;
  for (const std::string& s : awkward) {
    aegis::Finding f;
    f.rule_id = "INJ" + std::to_string(n);
    f.rule_name = "name-" + s;
    f.alias = n % 2 ? s : "";
    f.path = s + ".py";
    f.line = n + 1, f.column = n, f.end_line = n + 2, f.end_column = -n;
    f.cwe = n % 3 ? 78 : 0;
    f.owasp = s, f.message = s, f.snippet = s, f.remediation = s, f.effort = "5 min";
    f.in_test = n % 2;
    f.status_reason = n % 3 ? s : "";
    f.suppressed_by = s;
    f.fingerprint = "fp" + s;
    for (int k = 0; k < n % 3; ++k) f.trace.push_back({s, k + 1, k, "note " + s});
    r.findings.push_back(f);
    r.strengths.push_back({"id-" + s, s, aegis::Area::Configuration, s, n % 2 ? s : "", n % 2 ? n : 0});
    aegis::Diagnostic d;
    d.path = s, d.line = n, d.message = s;
    r.diagnostics.push_back(d);
    // The coverage block lists skipped and failed files and directories with their text.
    FileOutcome file;
    file.path = s + ".py", file.kind = n % 2 ? FileKind::Python : FileKind::Manifest;
    file.status = n % 3 == 0 ? FileStatus::Skipped : n % 3 == 1 ? FileStatus::Failed : FileStatus::Analysed;
    file.reason = s, file.detail = "detail " + s;
    r.files.push_back(file);
    FileOutcome dir;
    dir.path = s, dir.type = aegis::engine::EntryType::Directory;
    dir.status = n % 2 ? FileStatus::Failed : FileStatus::Skipped;
    dir.reason = s, dir.detail = s;
    r.directories.push_back(dir);
    ++n;
  }
  r.coverage.files_found = 10, r.coverage.analysed = 3, r.coverage.skipped = 4, r.coverage.failed = 3;
  r.coverage.lines_analysed = 12345678901ULL, r.coverage.bytes_analysed = 98765432109ULL;
  r.coverage.by_kind[FileKind::Python] = {7, 3, 1, 3};
  r.coverage.by_kind[FileKind::Manifest] = {3, 0, 3, 0};
  r.coverage.directories_walked = 42;
  const ScanResult empty;
  for (const ScanResult* result : {static_cast<const ScanResult*>(&r), &empty}) {
    Json doc;
    doc["schema_version"] = aegis::report::kJsonSchemaVersion;
    doc["version"] = AEGIS_VERSION;
    doc["findings"] = Json::array();
    for (const aegis::Finding& f : result->findings) {
      Json j;
      auto text_or_null = [](const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); };
      j["rule_id"] = f.rule_id, j["name"] = f.rule_name, j["alias"] = text_or_null(f.alias);
      j["path"] = f.path, j["line"] = f.line, j["column"] = f.column, j["end_line"] = f.end_line;
      j["end_column"] = f.end_column, j["severity"] = to_string(f.severity);
      j["confidence"] = to_string(f.confidence), j["cwe"] = f.cwe > 0 ? Json(f.cwe) : Json(nullptr);
      j["owasp"] = f.owasp, j["area"] = to_string(f.area), j["context"] = f.in_test ? "test" : "code";
      j["message"] = f.message, j["snippet"] = f.snippet, j["remediation"] = f.remediation;
      j["effort"] = f.effort, j["status"] = to_string(f.status);
      j["status_reason"] = text_or_null(f.status_reason), j["suppressed_by"] = text_or_null(f.suppressed_by);
      j["fingerprint"] = f.fingerprint;
      j["trace"] = Json::array();
      for (const aegis::TraceStep& s : f.trace) {
        j["trace"].push_back({{"path", s.path}, {"line", s.line}, {"column", s.column}, {"note", s.note}});
      }
      doc["findings"].push_back(j);
    }
    doc["strengths"] = Json::array();
    for (const aegis::Strength& s : result->strengths) {
      doc["strengths"].push_back({{"id", s.id}, {"title", s.title}, {"area", to_string(s.area)},
                                  {"evidence", s.evidence}, {"path", s.path.empty() ? Json(nullptr) : Json(s.path)},
                                  {"line", s.line > 0 ? Json(s.line) : Json(nullptr)}});
    }
    doc["inline_suppressions"] = result->inline_suppressions;
    doc["suppressions"] = aegis::report::suppressions_json(*result);
    doc["diagnostics"] = Json::array();
    for (const aegis::Diagnostic& d : result->diagnostics) doc["diagnostics"].push_back(aegis::report::diagnostic_json(d));
    doc["coverage"] = aegis::report::coverage_json(*result);
    EXPECT_EQ(aegis::report::format_json(*result), doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n");
  }
}
