// PEP 508 requirements and markers: the examples of the PEP and packaging's behaviour.
#include <gtest/gtest.h>

#include <string>

#include "deps/pep508.h"

namespace aegis::deps {
namespace {

Requirement R(std::string_view text) {
  std::string error;
  auto r = parse_requirement(text, &error);
  EXPECT_TRUE(r.has_value()) << text << ": " << error;
  return r.value_or(Requirement{});
}

struct Failure {
  std::string message;
  std::size_t offset = 0;
};

Failure requirement_error(std::string_view text) {
  Failure f;
  EXPECT_FALSE(parse_requirement(text, &f.message, &f.offset).has_value()) << text;
  return f;
}

Marker M(std::string_view text) {
  std::string error;
  auto m = Marker::parse(text, &error);
  EXPECT_TRUE(m.has_value()) << text << ": " << error;
  return m.value_or(*Marker::parse("os_name == 'x'"));
}

MarkerEnvironment linux312() { return MarkerEnvironment::target("3.12", "linux"); }

TEST(Pep508Requirement, ExamplesOfThePep) {
  Requirement r = R("requests [security,tests] >= 2.8.1, == 2.8.* ; python_version < \"2.7\"");
  EXPECT_EQ(r.name, "requests");
  EXPECT_EQ(r.extras, (std::vector<std::string>{"security", "tests"}));
  EXPECT_EQ(r.specifier.str(), "==2.8.*,>=2.8.1");
  ASSERT_TRUE(r.marker.has_value());
  EXPECT_EQ(r.marker->str(), "python_version < \"2.7\"");
  EXPECT_EQ(r.str(), "requests[security,tests]==2.8.*,>=2.8.1; python_version < \"2.7\"");

  Requirement pip = R("pip @ https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee9982d4bbb3c72346a6de940a148ea686");
  EXPECT_EQ(pip.url, "https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee9982d4bbb3c72346a6de940a148ea686");
  EXPECT_TRUE(pip.specifier.empty());
  EXPECT_EQ(pip.str(), "pip@ " + pip.url);
}

TEST(Pep508Requirement, TestVectorsOfThePep) {
  EXPECT_EQ(R("name").str(), "name");
  EXPECT_EQ(R("name<=1").str(), "name<=1");
  EXPECT_EQ(R("name>=3,").str(), "name>=3");
  EXPECT_EQ(R("name@http://foo.com").str(), "name@ http://foo.com");
  EXPECT_EQ(R("name [fred,bar] @ http://foo.com ; python_version=='2.7'").str(),
            "name[bar,fred]@ http://foo.com ; python_version == \"2.7\"");
  EXPECT_EQ(R("name[quux, strange];python_version<'2.7' and platform_version=='2'").str(),
            "name[quux,strange]; python_version < \"2.7\" and platform_version == \"2\"");
  EXPECT_EQ(R("name (>=1.0 , <2)").specifier.str(), "<2,>=1.0");
  EXPECT_EQ(R("Name\n").name, "Name");  // `$` also matches before a final newline
}

TEST(Pep508Requirement, ErrorsCarryPackagingsMessageAndOffset) {
  auto f = requirement_error("name[fred bar]");
  EXPECT_EQ(f.message, "Expected comma between extra names");
  EXPECT_EQ(f.offset, 10u);
  f = requirement_error("name (>=1");
  EXPECT_EQ(f.message, "Expected closing RIGHT_PARENTHESIS");
  EXPECT_EQ(f.offset, 5u);
  f = requirement_error("-name");
  EXPECT_EQ(f.message, "Expected package name at the start of dependency specifier");
  EXPECT_EQ(f.offset, 0u);
  f = requirement_error("name>=1.0 junk");
  EXPECT_EQ(f.message, "Expected end or semicolon (after version specifier)");
  EXPECT_EQ(f.offset, 4u);
  f = requirement_error("name @ http://x.com extra");
  EXPECT_EQ(f.message, "Expected end or semicolon (after URL and whitespace)");
  EXPECT_EQ(f.offset, 7u);
  f = requirement_error("n\xC3\xA9");  // \w includes letters beyond ASCII, so "n" is no whole word
  EXPECT_EQ(f.offset, 0u);
  f = requirement_error("name; os_name == 'a' and");
  EXPECT_EQ(f.message, "Expected a marker variable or quoted string");
  EXPECT_EQ(f.offset, 24u);
}

TEST(Pep508Requirement, UrlsAreCheckedAsUrllibParses) {
  EXPECT_EQ(R("name @ file:///tmp/x.whl").url, "file:///tmp/x.whl");
  EXPECT_EQ(R("name @ file://localhost/x").url, "file://localhost/x");
  EXPECT_EQ(R("name @ http://[::1]:8000/x").url, "http://[::1]:8000/x");
  EXPECT_EQ(requirement_error("name @ file:/tmp/x").message, "Invalid URL given");  // not urlunparse's form
  EXPECT_EQ(requirement_error("name @ FILE:///x").message, "Invalid URL given");
  EXPECT_EQ(requirement_error("name @ ./local/path").message, "Invalid URL: './local/path'");
  EXPECT_EQ(requirement_error("name @ https:///x").message, "Invalid URL: 'https:///x'");
  EXPECT_EQ(requirement_error("name @ http://[::1/x").message, "Invalid IPv6 URL");
  EXPECT_EQ(requirement_error("name @ http://[1.2.3.4]/").message, "Invalid IPv6 URL");
  // Without whitespace the URL runs on through the semicolon.
  EXPECT_EQ(R("name @ http://x.com;os_name=='a'").url, "http://x.com;os_name=='a'");
}

TEST(Pep508Requirement, ArbitraryEqualityTakesCommasIntoItsToken) {
  // "===" takes everything up to whitespace, ';' or ')' as one token; the specifier set
  // then splits it on commas.
  EXPECT_EQ(R("name===a,>=1").specifier.str(), "===a,>=1");
  std::string error;
  EXPECT_FALSE(parse_requirement("name===a,b", &error).has_value());
  EXPECT_NE(error.find("invalid specifier 'b'"), std::string::npos) << error;
}

TEST(Pep508Marker, AndBindsTighterThanOr) {
  auto env = linux312();
  auto with_os = [&](const char* os) {
    MarkerEnvironment e = env;
    e.values["os_name"] = os;
    return e;
  };
  Marker abc = M("os_name=='a' and os_name=='b' or os_name=='c'");  // (a and b) or c
  EXPECT_TRUE(abc.evaluate(with_os("c")));
  EXPECT_FALSE(abc.evaluate(with_os("a")));
  Marker a_bc = M("os_name=='a' or os_name=='b' and os_name=='c'");  // a or (b and c)
  EXPECT_TRUE(a_bc.evaluate(with_os("a")));
  EXPECT_FALSE(a_bc.evaluate(with_os("b")));
  Marker grouped = M("(os_name=='a' or os_name=='b') and os_name=='c'");
  EXPECT_FALSE(grouped.evaluate(with_os("a")));
  EXPECT_FALSE(grouped.evaluate(with_os("c")));
}

TEST(Pep508Marker, VersionLikeValuesCompareAsVersions) {
  auto env = MarkerEnvironment::target("3.9", "linux");
  EXPECT_FALSE(M("python_version >= '3.10'").evaluate(env));  // as strings "3.9" >= "3.10"
  EXPECT_TRUE(M("python_version < '3.10'").evaluate(env));
  EXPECT_TRUE(M("python_version == '3.*'").evaluate(env));
  EXPECT_TRUE(M("python_full_version >= '3.9.0rc1'").evaluate(env));
  EXPECT_TRUE(M("'3.8' < python_version").evaluate(env));
  env.values["python_full_version"] = "3.13.0a1";
  EXPECT_TRUE(M("python_full_version > '3.12'").evaluate(env));  // pre-releases admitted
}

TEST(Pep508Marker, StringOperators) {
  auto env = linux312();
  EXPECT_TRUE(M("sys_platform == 'linux'").evaluate(env));
  EXPECT_TRUE(M("'lin' in sys_platform").evaluate(env));
  EXPECT_TRUE(M("sys_platform not in 'win32 cygwin'").evaluate(env));
  EXPECT_TRUE(M("platform_system != 'Windows'").evaluate(env));
  EXPECT_TRUE(M("os.name == 'posix'").evaluate(env));  // dotted spellings
  EXPECT_TRUE(M("python_implementation == 'CPython'").evaluate(env));
  EXPECT_EQ(M("python_implementation == 'CPython'").str(), "platform_python_implementation == \"CPython\"");
}

TEST(Pep508Marker, ExtrasCompareByNormalisedName) {
  auto env = linux312();
  Marker m = M("extra == 'Foo_Bar'");
  EXPECT_EQ(m.str(), "extra == \"foo-bar\"");
  EXPECT_TRUE(m.evaluate(env, "foo.bar"));
  EXPECT_FALSE(m.evaluate(env, ""));
  // packaging normalises the written value only in the first term of the marker.
  EXPECT_EQ(M("os_name == 'posix' and extra == 'Foo_Bar'").str(), "os_name == \"posix\" and extra == \"Foo_Bar\"");
  EXPECT_TRUE(M("os_name == 'posix' and extra == 'Foo_Bar'").evaluate(env, "foo-bar"));
}

TEST(Pep508Marker, UnevaluableMarkersAreReportedAndTakenAsApplying) {
  auto env = linux312();
  std::string error;
  EXPECT_FALSE(M("os_name == '1.0'").evaluate_checked(env, "", &error).has_value());  // Version('posix')
  EXPECT_NE(error.find("invalid version"), std::string::npos);
  EXPECT_FALSE(M("os_name ~= 'posix'").evaluate_checked(env, "", &error).has_value());
  EXPECT_NE(error.find("undefined comparison"), std::string::npos);
  EXPECT_FALSE(M("'a' == 'b'").evaluate_checked(env, "", &error).has_value());  // looks up variable "b"
  EXPECT_TRUE(M("os_name == '1.0'").evaluate(env));
  // A version comparison with a number beyond 64 bits cannot be made: reported, not guessed.
  EXPECT_FALSE(M("python_version < '3.99999999999999999999'").evaluate_checked(env, "", &error).has_value());
  EXPECT_NE(error.find("too large"), std::string::npos);
  // Every term is evaluated, so an error after a decided "or" still surfaces.
  EXPECT_FALSE(M("os_name == 'posix' or os_name ~= 'x'").evaluate_checked(env).has_value());
}

TEST(Pep508Marker, StrFollowsPackaging) {
  EXPECT_EQ(M("((os_name == 'a'))").str(), "os_name == \"a\"");
  EXPECT_EQ(M("os_name=='a' and (os_name=='b' or os_name=='c')").str(),
            "os_name == \"a\" and (os_name == \"b\" or os_name == \"c\")");
  // packaging drops the parentheses of a group that holds one parenthesised group.
  EXPECT_EQ(M("os_name=='a' and ((os_name=='b' or os_name=='c'))").str(),
            "os_name == \"a\" and os_name == \"b\" or os_name == \"c\"");
  EXPECT_EQ(M("os_name == 'a' trailing words").str(), "os_name == \"a\"");  // packaging 23.0 stops there
}

TEST(Pep508Marker, StringLiteralsDecodeAsPython) {
  EXPECT_EQ(M("os_name == 'a\\x41\\u00e9\\101\\q'").str(), "os_name == \"aA\xC3\xA9" "A\\q\"");
  std::string error;
  std::size_t offset = 0;
  EXPECT_FALSE(Marker::parse("os_name == 'a\\x4'", &error, &offset).has_value());
  EXPECT_NE(error.find("truncated"), std::string::npos);
  EXPECT_EQ(offset, 13u);  // the backslash
  EXPECT_FALSE(Marker::parse("os_name == 'a\\", &error).has_value());  // the quote is escaped
}

TEST(Pep508Marker, ParseErrors) {
  std::string error;
  std::size_t offset = 0;
  EXPECT_FALSE(Marker::parse("os_name = 'a'", &error, &offset).has_value());
  EXPECT_EQ(error, "Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in");
  EXPECT_EQ(offset, 8u);
  EXPECT_FALSE(Marker::parse("(os_name == 'a'", &error, &offset).has_value());
  EXPECT_EQ(error, "Expected closing RIGHT_PARENTHESIS");
  EXPECT_EQ(offset, 0u);
  EXPECT_FALSE(Marker::parse("os_name notin 'a'", &error).has_value());
  EXPECT_FALSE(Marker::parse("python_versions == '3'", &error).has_value());
  EXPECT_FALSE(Marker::parse(std::string(100000, '('), &error).has_value());  // no stack overflow
}

TEST(Pep508Environment, Targets) {
  auto on_linux = MarkerEnvironment::target("3.12", "linux");
  EXPECT_EQ(on_linux.values.at("python_version"), "3.12");
  EXPECT_EQ(on_linux.values.at("python_full_version"), "3.12.0");
  EXPECT_EQ(on_linux.values.at("sys_platform"), "linux");
  EXPECT_EQ(on_linux.values.at("platform_system"), "Linux");
  EXPECT_EQ(on_linux.values.at("os_name"), "posix");
  EXPECT_EQ(on_linux.values.at("implementation_name"), "cpython");
  EXPECT_EQ(on_linux.values.size(), 11u);
  auto windows = MarkerEnvironment::target("3.11.4", "windows");
  EXPECT_EQ(windows.values.at("python_version"), "3.11");
  EXPECT_EQ(windows.values.at("python_full_version"), "3.11.4");
  EXPECT_EQ(windows.values.at("sys_platform"), "win32");
  EXPECT_EQ(windows.values.at("os_name"), "nt");
  EXPECT_EQ(MarkerEnvironment::target("3", "darwin").values.at("python_full_version"), "3.0.0");
  EXPECT_EQ(MarkerEnvironment::target("3", "darwin").values.at("sys_platform"), "darwin");
  EXPECT_FALSE(M("sys_platform == 'win32'").evaluate(on_linux));
  EXPECT_TRUE(M("sys_platform == 'win32' and python_version >= '3.8'").evaluate(windows));
}

}  // namespace
}  // namespace aegis::deps
