// Project configuration: keys, sources, unknown keys with their line, extend, discovery
// of the file, pattern matching, rule selection and severity overrides.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "engine/config.h"
#include "rules/rule.h"

namespace fs = std::filesystem;
using aegis::engine::ConfigError;
using aegis::engine::ProjectConfig;

namespace {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "aegis-config-XXXXXX").string();
    char* made = ::mkdtemp(pattern.data());
    root_ = made ? fs::path(made).string() : "";
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  std::string path(const std::string& rel) const { return root_ + "/" + rel; }
  std::string write(const std::string& rel, const std::string& text) const {
    fs::create_directories(fs::path(path(rel)).parent_path());
    std::ofstream(path(rel), std::ios::binary) << text;
    return path(rel);
  }
  const std::string& root() const { return root_; }

 private:
  std::string root_;
};

bool load(const std::string& path, ProjectConfig& config, std::vector<ConfigError>& errors) {
  return aegis::engine::load_config(path, config, errors);
}

}  // namespace

TEST(Config, ReadsEveryKeyWithItsLine) {
  TempDir t;
  std::string path = t.write("pyproject.toml",
                             "[project]\n"
                             "name = \"demo\"\n"
                             "\n"
                             "[tool.aegis]\n"
                             "select = [\"INJ\", \"HYG001\"]\n"
                             "ignore = [\"B101\"]\n"
                             "exclude = [\"migrations/\"]\n"
                             "extend-exclude = [\"*_pb2.py\"]\n"
                             "test-paths = [\"qa/\"]\n"
                             "fail-on = \"high\"\n"
                             "fail-on-confidence = \"medium\"\n"
                             "python-version = \"3.11\"\n"
                             "\n"
                             "[tool.aegis.severity]\n"
                             "INJ002 = \"medium\"\n"
                             "\n"
                             "[tool.aegis.per-file-ignores]\n"
                             "\"tests/**\" = [\"HYG001\"]\n");
  ProjectConfig c;
  std::vector<ConfigError> errors;
  ASSERT_TRUE(load(path, c, errors)) << (errors.empty() ? "" : errors[0].format());
  EXPECT_EQ(c.select.value, (std::vector<std::string>{"INJ", "HYG001"}));
  EXPECT_EQ(c.select.source.line, 5);
  EXPECT_EQ(c.ignore.value, std::vector<std::string>{"B101"});
  ASSERT_EQ(c.exclude.value.size(), 2u);
  EXPECT_EQ(c.exclude.value[0].text, "migrations/");
  EXPECT_EQ(c.exclude.value[1].text, "*_pb2.py");
  EXPECT_EQ(c.exclude.value[0].base_dir, aegis::engine::absolute_path(t.root()));
  EXPECT_EQ(c.test_paths.value.at(0).text, "qa/");
  EXPECT_EQ(c.fail_on.value, "high");
  EXPECT_EQ(c.fail_on.source.line, 10);
  EXPECT_EQ(c.fail_on_confidence.value, "medium");
  EXPECT_EQ(c.python_version.value, "3.11");
  ASSERT_EQ(c.severity.size(), 1u);
  EXPECT_EQ(c.severity[0].selector, "INJ002");
  EXPECT_EQ(c.severity[0].severity, aegis::Severity::Medium);
  EXPECT_EQ(c.severity[0].source.line, 15);
  ASSERT_EQ(c.per_file_ignores.size(), 1u);
  EXPECT_EQ(c.per_file_ignores[0].pattern.text, "tests/**");
  EXPECT_EQ(c.per_file_ignores[0].selectors, std::vector<std::string>{"HYG001"});
  EXPECT_FALSE(c.fail_on.source.command_line);
  EXPECT_NE(c.fail_on.source.describe().find("pyproject.toml:10"), std::string::npos);
}

TEST(Config, UnknownKeyIsAnErrorWithFileAndLine) {
  TempDir t;
  std::string path = t.write("pyproject.toml",
                             "[tool.aegis]\n"
                             "select = [\"INJ002\"]\n"
                             "fail_on = \"high\"\n"
                             "\n"
                             "[tool.aegis.severity]\n"
                             "INJ002 = \"urgent\"\n");
  ProjectConfig c;
  std::vector<ConfigError> errors;
  EXPECT_FALSE(load(path, c, errors));
  ASSERT_EQ(errors.size(), 2u);
  // Keys are visited in order; both problems are reported, each with its line.
  const ConfigError* unknown = errors[0].message.find("unknown key") != std::string::npos ? &errors[0] : &errors[1];
  const ConfigError* severity = unknown == &errors[0] ? &errors[1] : &errors[0];
  EXPECT_EQ(unknown->line, 3);
  EXPECT_EQ(unknown->column, 1);
  EXPECT_NE(unknown->message.find("unknown key 'fail_on' in [tool.aegis] (did you mean 'fail-on'?)"),
            std::string::npos)
      << unknown->message;
  EXPECT_NE(unknown->format().find("pyproject.toml:3:1: error: unknown key"), std::string::npos) << unknown->format();
  EXPECT_EQ(severity->line, 6);
}

TEST(Config, WrongTypesAndUnknownRules) {
  TempDir t;
  std::string path = t.write("aegis.toml",
                             "select = \"INJ002\"\n"
                             "ignore = [\"NOPE999\"]\n"
                             "python-version = \"2.7\"\n"
                             "fail-on = \"urgent\"\n"
                             "[per-file-ignores]\n"
                             "\"tests/\" = [1]\n");
  ProjectConfig c;
  std::vector<ConfigError> errors;
  EXPECT_FALSE(load(path, c, errors));
  EXPECT_EQ(errors.size(), 5u);
  for (const auto& e : errors) EXPECT_GT(e.line, 0) << e.message;
}

TEST(Config, InvalidTomlIsAnErrorWithAPosition) {
  TempDir t;
  std::string path = t.write("aegis.toml", "select = [\"INJ002\"\nignore = 3\n");
  ProjectConfig c;
  std::vector<ConfigError> errors;
  EXPECT_FALSE(load(path, c, errors));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_GT(errors[0].line, 0);
  EXPECT_NE(errors[0].message.find("invalid TOML"), std::string::npos);
}

// Documents the TOML library asserts on, or reaches unreachable code with, are refused
// before it sees them (these crash a Debug or ASan build when they reach toml++).
TEST(Config, TomlTheParserCannotTakeIsAnErrorNotACrash) {
  for (const char* text : {"x = \xca\x8d\n", "[!a]\n", "a = [1,}\n"}) {
    TempDir t;
    std::string path = t.write("aegis.toml", text);
    ProjectConfig c;
    std::vector<ConfigError> errors;
    EXPECT_FALSE(load(path, c, errors)) << text;
    ASSERT_EQ(errors.size(), 1u) << text;
    EXPECT_EQ(errors[0].line, 1) << text;
    EXPECT_NE(errors[0].message.find("invalid TOML"), std::string::npos) << errors[0].message;
  }
}

TEST(Config, ExtendOverridesKeyByKey) {
  TempDir t;
  t.write("pyproject.toml",
          "[tool.aegis]\n"
          "ignore = [\"HYG001\"]\n"
          "exclude = [\"build-cache/\"]\n"
          "fail-on = \"medium\"\n"
          "[tool.aegis.severity]\n"
          "INJ002 = \"low\"\n"
          "HYG001 = \"info\"\n");
  std::string child = t.write("services/api/aegis.toml",
                              "extend = \"../../pyproject.toml\"\n"
                              "fail-on = \"high\"\n"
                              "extend-exclude = [\"generated/\"]\n"
                              "[severity]\n"
                              "INJ002 = \"critical\"\n");
  ProjectConfig c;
  std::vector<ConfigError> errors;
  ASSERT_TRUE(load(child, c, errors)) << errors.at(0).format();
  ASSERT_EQ(c.files.size(), 2u);
  EXPECT_EQ(c.root, aegis::engine::absolute_path(t.path("services/api")));
  EXPECT_EQ(c.fail_on.value, "high");
  EXPECT_EQ(c.ignore.value, std::vector<std::string>{"HYG001"});  // inherited
  ASSERT_EQ(c.exclude.value.size(), 2u);                           // the parent's, then the child's
  EXPECT_EQ(c.exclude.value[0].base_dir, aegis::engine::absolute_path(t.root()));
  EXPECT_EQ(c.exclude.value[1].base_dir, aegis::engine::absolute_path(t.path("services/api")));
  ASSERT_EQ(c.severity.size(), 2u);
  EXPECT_EQ(c.severity[0].selector, "HYG001");
  EXPECT_EQ(c.severity[1].severity, aegis::Severity::Critical);
}

TEST(Config, ExtendCycleIsAnError) {
  TempDir t;
  std::string a = t.write("a/aegis.toml", "extend = \"../b/aegis.toml\"\n");
  t.write("b/aegis.toml", "extend = \"../a/aegis.toml\"\n");
  ProjectConfig c;
  std::vector<ConfigError> errors;
  EXPECT_FALSE(load(a, c, errors));
  ASSERT_FALSE(errors.empty());
  EXPECT_NE(errors[0].message.find("cycle"), std::string::npos);
}

TEST(Config, FoundFromTheScanRootUpToTheRepository) {
  TempDir t;
  fs::create_directories(t.path("repo/.git"));
  t.write("aegis.toml", "fail-on = \"high\"\n");  // above the repository: never used
  t.write("repo/pyproject.toml", "[project]\nname = \"x\"\n");  // no [tool.aegis]: skipped
  t.write("repo/src/app/views.py", "x = 1\n");
  EXPECT_EQ(aegis::engine::find_config_file(t.path("repo/src/app")), "");
  t.write("repo/pyproject.toml", "[project]\nname = \"x\"\n[tool.aegis]\nfail-on = \"low\"\n");
  std::string found = aegis::engine::find_config_file(t.path("repo/src/app/views.py"));
  EXPECT_EQ(aegis::engine::absolute_path(found), aegis::engine::absolute_path(t.path("repo/pyproject.toml")));
  // aegis.toml wins in the same directory; nearer wins over farther.
  t.write("repo/src/aegis.toml", "fail-on = \"medium\"\n");
  found = aegis::engine::find_config_file(t.path("repo/src/app"));
  EXPECT_EQ(aegis::engine::absolute_path(found), aegis::engine::absolute_path(t.path("repo/src/aegis.toml")));
}

TEST(PathPatterns, GitignoreSemanticsRelativeToTheConfigDirectory) {
  aegis::engine::PathPatterns p;
  p.add("tests/", "/repo", "pyproject.toml", 3);
  p.add("*_pb2.py", "/repo", "pyproject.toml", 4);
  p.add("/scripts/*.py", "/repo", "pyproject.toml", 5);
  p.add("!scripts/keep.py", "/repo", "pyproject.toml", 6);
  EXPECT_NE(p.match_file("/repo/tests/test_x.py"), nullptr);
  EXPECT_NE(p.match_file("/repo/pkg/tests/unit/test_y.py"), nullptr);
  EXPECT_NE(p.match_file("/repo/pkg/api_pb2.py"), nullptr);
  EXPECT_NE(p.match_file("/repo/scripts/run.py"), nullptr);
  EXPECT_EQ(p.match_file("/repo/scripts/keep.py"), nullptr);
  EXPECT_EQ(p.match_file("/repo/pkg/scripts/run.py"), nullptr);  // anchored
  EXPECT_EQ(p.match_file("/elsewhere/tests/test_x.py"), nullptr);  // not below the config
  std::string origin;
  const aegis::engine::IgnorePattern* m = p.match_file("/repo/tests/a.py", &origin);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->line, 3);
  EXPECT_EQ(origin, "pyproject.toml");
}

TEST(Config, CommandLineWinsOverTheConfiguration) {
  ProjectConfig c;
  c.select = {{"INJ002"}, {}, true};
  c.ignore = {{"HYG001"}, {}, true};
  auto ids = [](const std::vector<const aegis::rules::Rule*>& rules) {
    std::vector<std::string> out;
    for (const auto* r : rules) out.emplace_back(r->meta().id);
    return out;
  };
  // The config alone: INJ002 only.
  auto rules = ids(aegis::engine::effective_rules({}, {}, c));
  EXPECT_EQ(std::count(rules.begin(), rules.end(), "INJ002"), 1);
  EXPECT_EQ(std::count(rules.begin(), rules.end(), "HYG001"), 0);
  // --select B101 names HYG001 explicitly: the config's ignore does not apply to it.
  rules = ids(aegis::engine::effective_rules({"B101"}, {}, c));
  EXPECT_EQ(rules, std::vector<std::string>{"HYG001"});
  // --select ALL does not override the config's ignore list.
  rules = ids(aegis::engine::effective_rules({"ALL"}, {}, c));
  EXPECT_EQ(std::count(rules.begin(), rules.end(), "HYG001"), 0);
  EXPECT_EQ(std::count(rules.begin(), rules.end(), "INJ002"), 1);
  // --ignore adds to it.
  rules = ids(aegis::engine::effective_rules({}, {"INJ002"}, c));
  EXPECT_TRUE(rules.empty());
}

TEST(Config, MostSpecificSeverityOverrideWins) {
  ProjectConfig c;
  c.severity = {{"ALL", aegis::Severity::Info, {}}, {"INJ", aegis::Severity::Low, {}},
                {"B602", aegis::Severity::Critical, {}}};
  const auto* inj = aegis::rules::Registry::instance().find("INJ002");
  const auto* hyg = aegis::rules::Registry::instance().find("HYG001");
  ASSERT_TRUE(inj && hyg);
  EXPECT_EQ(aegis::engine::severity_override(*inj, c), aegis::Severity::Critical);
  EXPECT_EQ(aegis::engine::severity_override(*hyg, c), aegis::Severity::Info);
  c.severity.erase(c.severity.begin() + 2);
  EXPECT_EQ(aegis::engine::severity_override(*inj, c), aegis::Severity::Low);
}

TEST(Config, DescribeNamesTheSourceOfEachValue) {
  TempDir t;
  std::string path = t.write("aegis.toml", "fail-on = \"high\"\n");
  ProjectConfig c;
  std::vector<ConfigError> errors;
  ASSERT_TRUE(load(path, c, errors));
  std::string text = aegis::engine::describe_config(c);
  EXPECT_NE(text.find("fail-on = \"high\""), std::string::npos) << text;
  EXPECT_NE(text.find("aegis.toml:1"), std::string::npos) << text;
  EXPECT_NE(text.find("fail-on-confidence = \"low\""), std::string::npos) << text;
  EXPECT_NE(text.find("# default"), std::string::npos) << text;
}
