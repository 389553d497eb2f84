// PEP 440 and PEP 508: the examples of the PEPs. The differential test
// (tests/scripts/test_pep440_differential.py) compares thousands more with `packaging`.
#include <gtest/gtest.h>

#include "deps/pep508.h"

namespace aegis::deps {
namespace {

Version V(const char* text) {
  auto v = Version::parse(text);
  EXPECT_TRUE(v.has_value()) << text;
  return v.value_or(*Version::parse("0"));
}

TEST(Pep440, NormalisesAlternativeSpellings) {
  EXPECT_EQ(V("1.0-1").str(), "1.0.post1");
  EXPECT_EQ(V("v1.0").str(), "1.0");
  EXPECT_EQ(V("1.0alpha1").str(), "1.0a1");
  EXPECT_EQ(V("1.0-c1").str(), "1.0rc1");
  EXPECT_EQ(V("1.0.rev2").str(), "1.0.post2");
  EXPECT_EQ(V("1.0-dev").str(), "1.0.dev0");
  EXPECT_EQ(V("1.0+Ubuntu-1").str(), "1.0+ubuntu.1");
  EXPECT_EQ(V(" 01.002 ").str(), "1.2");
  EXPECT_EQ(V("1!2.0").str(), "1!2.0");
}

TEST(Pep440, RejectsWhatIsNotAVersion) {
  for (const char* bad : {"", "1.0+", "french toast", "1.0.", "1..0", "1.0+abc..1", "+1", "1.0-"}) {
    EXPECT_FALSE(Version::parse(bad).has_value()) << bad;
  }
}

TEST(Pep440, OrdersAsThePepExample) {
  const char* ordered[] = {"1.dev0", "1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12",
                           "1.0b1.dev456", "1.0b2", "1.0b2.post345.dev456", "1.0b2.post345",
                           "1.0rc1.dev456", "1.0rc1", "1.0", "1.0+abc.5", "1.0+abc.7", "1.0+5",
                           "1.0.post456.dev34", "1.0.post456", "1.0.15", "1.1.dev1"};
  for (std::size_t i = 0; i + 1 < std::size(ordered); ++i) {
    EXPECT_LT(V(ordered[i]), V(ordered[i + 1])) << ordered[i] << " < " << ordered[i + 1];
  }
  EXPECT_EQ(V("1.0"), V("1.0.0"));
  EXPECT_LT(V("1.0"), V("1!0.1"));
  EXPECT_LT(V("1.99999999999999999999"), V("1.100000000000000000000"));
}

TEST(Pep440, SpecifiersFollowThePepRules) {
  auto in = [](const char* spec, const char* version) {
    auto s = SpecifierSet::parse(spec);
    EXPECT_TRUE(s.has_value()) << spec;
    return s && s->contains(V(version));
  };
  EXPECT_TRUE(in("~=2.2", "2.3"));
  EXPECT_FALSE(in("~=2.2", "3.0"));
  EXPECT_TRUE(in("~=1.4.5", "1.4.9"));
  EXPECT_FALSE(in("~=1.4.5", "1.5.0"));
  EXPECT_TRUE(in("==1.1.*", "1.1.post1"));
  EXPECT_FALSE(in("==1.1.*", "1.10"));
  EXPECT_TRUE(in("==1.0", "1.0+local"));
  EXPECT_FALSE(in("==1.0+local", "1.0"));
  EXPECT_FALSE(in("<3.1", "3.1.dev0"));
  EXPECT_FALSE(in(">3.1", "3.1.post0"));
  EXPECT_TRUE(in(">3.1", "3.2.post0"));
  EXPECT_FALSE(in(">=1.0", "2.0a1"));   // pre-releases only when asked for...
  EXPECT_TRUE(in(">=1.0a1", "2.0a1"));  // ...or named
  EXPECT_TRUE(in("", "7"));
  EXPECT_TRUE(in("!=1.5.*", "1.6"));
  EXPECT_TRUE(in("===1.0", "1.0"));
}

TEST(Pep440, RejectsMalformedSpecifiers) {
  for (const char* bad : {"=1.0", "~=1", "==1.0.*+local", ">=1.0.*", "<1.0+local", ">= ", "1.0"}) {
    EXPECT_FALSE(SpecifierSet::parse(bad).has_value()) << bad;
  }
}

TEST(Pep440, KnowsAnExactPin) {
  EXPECT_EQ(SpecifierSet::parse("==2.32.3")->pinned()->str(), "2.32.3");
  EXPECT_FALSE(SpecifierSet::parse("==2.*")->pinned().has_value());
  EXPECT_FALSE(SpecifierSet::parse(">=2,<3")->pinned().has_value());
}

TEST(Pep440, NormalisesNames) {
  EXPECT_EQ(normalize_name("Flask_WTF"), "flask-wtf");
  EXPECT_EQ(normalize_name("zope.interface"), "zope-interface");
  EXPECT_EQ(normalize_name("A__b--C"), "a-b-c");
}

TEST(Pep508, ParsesTheFullForm) {
  auto r = parse_requirement("Flask-WTF[email, security] >=1.2,<2 ; python_version >= '3.8'");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->name, "Flask-WTF");
  EXPECT_EQ(r->extras, (std::vector<std::string>{"email", "security"}));
  EXPECT_EQ(r->specifier.str(), "<2,>=1.2");
  EXPECT_EQ(r->marker->str(), "python_version >= \"3.8\"");
  EXPECT_EQ(r->str(), "Flask-WTF[email,security]<2,>=1.2; python_version >= \"3.8\"");
  auto url = parse_requirement("pip @ https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee");
  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(url->url, "https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee");
}

TEST(Pep508, ReportsErrorsWithAnOffset) {
  std::string error;
  std::size_t offset = 99;
  EXPECT_FALSE(parse_requirement("flask >= 1.0 python_version", &error, &offset).has_value());
  EXPECT_NE(error.find("semicolon"), std::string::npos) << error;
  EXPECT_FALSE(parse_requirement("flask[a b]", &error, &offset).has_value());
  EXPECT_NE(error.find("comma"), std::string::npos) << error;
  EXPECT_FALSE(parse_requirement("", &error, &offset).has_value());
  EXPECT_EQ(offset, 0u);
}

TEST(Pep508, EvaluatesMarkersForATarget) {
  auto env = MarkerEnvironment::target("3.12", "linux");
  auto eval = [&](const char* text, const char* extra = "") {
    auto m = Marker::parse(text);
    EXPECT_TRUE(m.has_value()) << text;
    return m && m->evaluate(env, extra);
  };
  EXPECT_TRUE(eval("python_version >= '3.8'"));
  EXPECT_FALSE(eval("python_version < '3.11'"));
  EXPECT_TRUE(eval("sys_platform == 'linux' and os_name == 'posix'"));
  EXPECT_FALSE(eval("sys_platform == 'win32'"));
  EXPECT_TRUE(eval("sys_platform == 'win32' or python_full_version >= '3.12.0'"));
  EXPECT_TRUE(eval("extra == 'Dev_Tools'", "dev-tools"));
  EXPECT_FALSE(eval("extra == 'test'"));
  EXPECT_TRUE(eval("'linux' in sys_platform"));
  EXPECT_FALSE(MarkerEnvironment::target("3.12", "win32").values.at("os_name") == "posix");
}

}  // namespace
}  // namespace aegis::deps
