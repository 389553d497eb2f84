// PEP 440 versions and specifiers: the examples of the PEP and of packaging's documentation.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "deps/pep440.h"

namespace aegis::deps {
namespace {

Version V(std::string_view text) {
  auto v = Version::parse(text);
  EXPECT_TRUE(v.has_value()) << text;
  return v.value_or(*Version::parse("0"));
}

std::string normal(std::string_view text) {
  auto v = Version::parse(text);
  return v ? v->str() : "<invalid>";
}

bool in(std::string_view spec, std::string_view version, std::optional<bool> prereleases = std::nullopt) {
  auto set = SpecifierSet::parse(spec);
  EXPECT_TRUE(set.has_value()) << spec;
  return set && set->contains(V(version), prereleases);
}

std::vector<std::string> filtered(std::string_view spec, const std::vector<std::string>& candidates,
                                  std::optional<bool> prereleases = std::nullopt) {
  std::vector<Version> versions;
  for (const auto& c : candidates) versions.push_back(V(c));
  std::vector<std::string> out;
  for (const auto& v : SpecifierSet::parse(spec)->filter(versions, prereleases)) out.push_back(v.str());
  return out;
}

TEST(Pep440Version, OrderingOfThePepSummaryTable) {
  const std::vector<std::string> ordered = {
      "1.dev0",       "1.0.dev456",         "1.0a1",        "1.0a2.dev456", "1.0a12.dev456",     "1.0a12",
      "1.0b1.dev456", "1.0b2",              "1.0b2.post345.dev456",         "1.0b2.post345",     "1.0rc1.dev456",
      "1.0rc1",       "1.0",                "1.0+abc.5",    "1.0+abc.7",    "1.0+5",             "1.0.post456.dev34",
      "1.0.post456",  "1.0.15",             "1.1.dev1"};
  for (std::size_t i = 0; i + 1 < ordered.size(); ++i) {
    EXPECT_LT(V(ordered[i]), V(ordered[i + 1])) << ordered[i] << " < " << ordered[i + 1];
    EXPECT_GT(V(ordered[i + 1]), V(ordered[i]));
  }
}

TEST(Pep440Version, EpochsSortBeforeEverythingElse) {
  EXPECT_LT(V("2013.10"), V("1!1.0"));
  EXPECT_LT(V("1!1.0"), V("1!1.1"));
  EXPECT_EQ(V("0!1.0"), V("1.0"));
}

TEST(Pep440Version, TrailingZerosAreEqualButKeptInTheText) {
  EXPECT_EQ(V("1.0"), V("1.0.0"));
  EXPECT_EQ(V("1"), V("1.0.0.0"));
  EXPECT_EQ(normal("1.0.0"), "1.0.0");
  EXPECT_NE(V("1.0"), V("1.0.1"));
}

TEST(Pep440Version, LocalVersionsCompareSegmentBySegment) {
  EXPECT_LT(V("1.0+abc"), V("1.0+abc.1"));  // a longer local version sorts after its prefix
  EXPECT_LT(V("1.0+abc"), V("1.0+1"));      // numbers sort after letters
  EXPECT_LT(V("1.0+2"), V("1.0+10"));       // numbers compare as numbers
  EXPECT_EQ(V("1.0+ABC"), V("1.0+abc"));
  EXPECT_EQ(V("1.0+abc-1"), V("1.0+abc.1"));
}

TEST(Pep440Version, NormalisationOfThePep) {
  EXPECT_EQ(normal("1.0A1"), "1.0a1");            // case
  EXPECT_EQ(normal("1.1RC1"), "1.1rc1");
  EXPECT_EQ(normal("1.0+UbUnTu.4"), "1.0+ubuntu.4");
  EXPECT_EQ(normal("00"), "0");                   // integers
  EXPECT_EQ(normal("09000"), "9000");
  EXPECT_EQ(normal("1.0+ubuntu-1"), "1.0+ubuntu.1");  // local separators
  EXPECT_EQ(normal("1.0+abc.007"), "1.0+abc.7");
  EXPECT_EQ(normal("1.1.a1"), "1.1a1");           // pre-release separators
  EXPECT_EQ(normal("1.1-a1"), "1.1a1");
  EXPECT_EQ(normal("1.0a.1"), "1.0a1");
  EXPECT_EQ(normal("1.1alpha1"), "1.1a1");        // pre-release spellings
  EXPECT_EQ(normal("1.1beta2"), "1.1b2");
  EXPECT_EQ(normal("1.1c3"), "1.1rc3");
  EXPECT_EQ(normal("1.0pre1"), "1.0rc1");
  EXPECT_EQ(normal("1.0preview2"), "1.0rc2");
  EXPECT_EQ(normal("1.2a"), "1.2a0");             // implicit numbers
  EXPECT_EQ(normal("1.2.post"), "1.2.post0");
  EXPECT_EQ(normal("1.2.dev"), "1.2.dev0");
  EXPECT_EQ(normal("1.2-post2"), "1.2.post2");    // post-release separators and spellings
  EXPECT_EQ(normal("1.2post2"), "1.2.post2");
  EXPECT_EQ(normal("1.0-r4"), "1.0.post4");
  EXPECT_EQ(normal("1.0-rev4"), "1.0.post4");
  EXPECT_EQ(normal("1.0-1"), "1.0.post1");        // implicit post release
  EXPECT_EQ(normal("1.2-dev2"), "1.2.dev2");      // dev separators
  EXPECT_EQ(normal("1.2dev2"), "1.2.dev2");
  EXPECT_EQ(normal("v1.0"), "1.0");               // leading v
  EXPECT_EQ(normal("  1.0\n"), "1.0");            // surrounding whitespace
  EXPECT_EQ(normal("1!2.0.post3.dev4+x"), "1!2.0.post3.dev4+x");
}

TEST(Pep440Version, SeparatorsAfterALabelAreOptionalOnTheirOwn) {
  // packaging's pattern allows a separator after a letter with no number following it.
  EXPECT_EQ(normal("1.0a-"), "1.0a0");
  EXPECT_EQ(normal("1.0dev-"), "1.0.dev0");
  EXPECT_EQ(normal("1.0-post-"), "1.0.post0");
  EXPECT_EQ(normal("1.0a-1"), "1.0a1");  // the number goes to the pre-release, not a post release
  EXPECT_EQ(normal("1.0a1-1"), "1.0a1.post1");
}

TEST(Pep440Version, InvalidVersionsAreRejected) {
  for (const char* bad : {"", "1.0.", "1!", "1.0+", "+1", "1.0+abc_", "french toast", "1.0.a.b", "1..0", "1.0-",
                          "1.0 1", "v", "1.0++1", "1.0a1a2", "1.0.post1.post2", "1.0-dev-1-"}) {
    std::string error;
    EXPECT_FALSE(Version::parse(bad, &error).has_value()) << bad;
    EXPECT_NE(error.find("invalid version"), std::string::npos) << bad;
  }
}

TEST(Pep440Version, NumbersBeyond64BitsAreRejectedWithAReason) {
  std::string error;
  EXPECT_FALSE(Version::parse("1.18446744073709551616", &error).has_value());
  EXPECT_NE(error.find("too large"), std::string::npos);
  EXPECT_EQ(normal("1.18446744073709551615"), "1.18446744073709551615");
  // Local numbers are compared as digit strings, so any length works there.
  EXPECT_LT(V("1.0+99999999999999999999"), V("1.0+100000000000000000000"));
}

TEST(Pep440Version, OddCaseFoldingOfPythonsRegularExpressions) {
  // re.IGNORECASE lets U+017F (long s) match "s" and U+212A (Kelvin) match "k"; packaging
  // keeps the lowercased letter, so "po\u017Ft" is a post release unequal to "post".
  EXPECT_EQ(normal("1.0po\xC5\xBFt1"), "1.0.post1");
  EXPECT_NE(V("1.0po\xC5\xBFt1"), V("1.0.post1"));
  EXPECT_EQ(normal("1.0+\xE2\x84\xAA"), "1.0+k");
}

TEST(Pep440Version, Properties) {
  Version v = V("1!2.3.4rc5.post6.dev7+local.8");
  EXPECT_EQ(v.epoch(), 1u);
  EXPECT_EQ(v.release(), (std::vector<std::uint64_t>{2, 3, 4}));
  EXPECT_TRUE(v.is_prerelease());
  EXPECT_TRUE(v.is_postrelease());
  EXPECT_TRUE(v.is_devrelease());
  EXPECT_TRUE(v.has_local());
  EXPECT_EQ(v.public_version().str(), "1!2.3.4rc5.post6.dev7");
  EXPECT_EQ(v.base_version().str(), "1!2.3.4");
  EXPECT_TRUE(V("1.0.dev1").is_prerelease());
  EXPECT_FALSE(V("1.0.post1").is_prerelease());
}

TEST(Pep440Version, LongInputsDoNotExhaustTheStack) {
  std::string many = "1";
  for (int i = 0; i < 200000; ++i) many += ".1";
  auto v = Version::parse(many);
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->release().size(), 200001u);
  EXPECT_FALSE(Version::parse(many + ".").has_value());
}

TEST(Pep440Specifier, CompatibleReleaseExamplesOfThePep) {
  EXPECT_TRUE(in("~=2.2", "2.3"));
  EXPECT_FALSE(in("~=2.2", "3.0"));
  EXPECT_FALSE(in("~=2.2", "2.1"));
  EXPECT_TRUE(in("~=1.4.5", "1.4.9"));
  EXPECT_FALSE(in("~=1.4.5", "1.5.0"));
  EXPECT_TRUE(in("~=2.2.post3", "2.9"));
  EXPECT_FALSE(in("~=2.2.post3", "2.2"));
  EXPECT_TRUE(in("~=1.4.5a4", "1.4.5"));
  EXPECT_FALSE(in("~=1.4.5a4", "1.5"));
  EXPECT_TRUE(in("~=2.2.0", "2.2.7"));
  EXPECT_FALSE(in("~=2.2.0", "2.3"));
  EXPECT_TRUE(in("~=1!1.2", "1!1.9"));
  EXPECT_FALSE(in("~=1!1.2", "1.9"));
}

TEST(Pep440Specifier, CompatibleNeedsTwoReleaseSegments) {
  std::string error;
  EXPECT_FALSE(Specifier::parse("~=1", &error).has_value());
  EXPECT_NE(error.find("invalid specifier"), std::string::npos);
}

TEST(Pep440Specifier, VersionMatchingExamplesOfThePep) {
  EXPECT_FALSE(in("==1.1", "1.1.post1"));
  EXPECT_TRUE(in("==1.1.post1", "1.1.post1"));
  EXPECT_TRUE(in("==1.1.*", "1.1.post1"));
  EXPECT_TRUE(in("==1.1", "1.1.0"));
  EXPECT_TRUE(in("==1.1.*", "1.1"));
  EXPECT_FALSE(in("==1.1.*", "1.10"));
  EXPECT_TRUE(in("==1.*", "1.0a1", true));
  EXPECT_TRUE(in("==1.0.*", "1"));  // the candidate is padded with zeros
  EXPECT_FALSE(in("!=1.1", "1.1.0"));
  EXPECT_TRUE(in("!=1.1.*", "1.2"));
}

TEST(Pep440Specifier, LocalVersionsInEquality) {
  EXPECT_TRUE(in("==1.0", "1.0+local"));  // a specifier without local ignores the candidate's
  EXPECT_TRUE(in("==1.0+local", "1.0+local"));
  EXPECT_FALSE(in("==1.0+local", "1.0"));
  EXPECT_FALSE(in("==1.0+local", "1.0+other"));
  EXPECT_FALSE(in("!=1.0", "1.0+local"));
  EXPECT_TRUE(in("<=1.0", "1.0+local"));
  EXPECT_TRUE(in(">=1.0", "1.0+local"));
  EXPECT_FALSE(Specifier::parse(">=1.0+local").has_value());
  EXPECT_FALSE(Specifier::parse("==1.0.*+local").has_value());
}

TEST(Pep440Specifier, ExclusiveComparisonsLeaveOutTheNamedVersionsOwnReleases) {
  EXPECT_TRUE(in(">1.7", "1.7.1"));
  EXPECT_FALSE(in(">1.7", "1.7.0.post1"));
  EXPECT_FALSE(in(">1.7", "1.7+local"));
  EXPECT_TRUE(in(">1.7.post2", "1.7.0.post3"));
  EXPECT_FALSE(in("<1.7", "1.7.0.dev0", true));
  EXPECT_TRUE(in("<1.7", "1.6.dev0", true));
  EXPECT_TRUE(in("<1.7rc1", "1.7.0.dev0", true));
}

TEST(Pep440Specifier, ArbitraryEqualityComparesText) {
  EXPECT_TRUE(in("===1.0", "1.0"));
  EXPECT_FALSE(in("===1.0", "1.0.0"));
  EXPECT_TRUE(in("===V1.0A1", "1.0a1", true) == false);  // compares str(version), "1.0a1" != "v1.0a1"
  EXPECT_TRUE(in("===1.0A1", "1.0a1"));                  // case-insensitive, and 1.0a1 admits pre-releases
  auto spec = Specifier::parse("===foobar");
  ASSERT_TRUE(spec.has_value());
  EXPECT_EQ(spec->version_text(), "foobar");
  EXPECT_FALSE(spec->admits_prereleases());
}

TEST(Pep440Specifier, PreReleasesAreAdmittedWhenAsked) {
  EXPECT_FALSE(in(">=1.0", "2.0a1"));
  EXPECT_TRUE(in(">=1.0", "2.0a1", true));
  EXPECT_TRUE(in(">=1.0a1", "2.0a1"));  // naming a pre-release admits them
  EXPECT_FALSE(in(">1.0a1", "2.0a1"));  // ... for inclusive operators only
  EXPECT_FALSE(in("", "1.0a1"));
  EXPECT_TRUE(in("", "1.0a1", true));
  EXPECT_TRUE(in("==1.0.dev1", "1.0.dev1"));
}

TEST(Pep440SpecifierSet, StrSortsAndDeduplicates) {
  EXPECT_EQ(SpecifierSet::parse(">=1.0.0,!=1.0.1")->str(), "!=1.0.1,>=1.0.0");
  EXPECT_EQ(SpecifierSet::parse(" >= 1.0 , ,,<2")->str(), "<2,>=1.0");
  EXPECT_EQ(SpecifierSet::parse("==1.0,==1.0.0")->str(), "==1.0");  // equal clauses: the first stays
  EXPECT_EQ(SpecifierSet::parse("==1.0,==1.0.0")->specifiers().size(), 1u);
  EXPECT_EQ(SpecifierSet::parse("~=1.0,~=1.0.0")->specifiers().size(), 2u);  // ~= keeps trailing zeros
  EXPECT_TRUE(SpecifierSet::parse("")->empty());
}

TEST(Pep440SpecifierSet, ErrorsNameTheClauseAndItsOffset) {
  std::string error;
  EXPECT_FALSE(SpecifierSet::parse(">=1.0, ~=1", &error).has_value());
  EXPECT_EQ(error, "invalid specifier '~=1' at byte 7");
  for (const char* bad : {"lolwat", "==", ">=1.0.*", "<=1.0+local", "=>1.0", ">= 1.0 2", "1.0", "~=1.*"})
    EXPECT_FALSE(SpecifierSet::parse(bad).has_value()) << bad;
}

TEST(Pep440SpecifierSet, FilterFollowsPackagingsPreReleaseRules) {
  using L = std::vector<std::string>;
  EXPECT_EQ(filtered(">=1.2.3", {"1.2", "1.3", "1.5a1"}), (L{"1.3"}));
  EXPECT_EQ(filtered(">=1.2.3", {"1.2", "1.5a1"}), L{});
  EXPECT_EQ(filtered(">=1.2.3", {"1.3", "1.5a1"}, true), (L{"1.3", "1.5a1"}));
  EXPECT_EQ(filtered("", {"1.3", "1.5a1"}), (L{"1.3"}));
  EXPECT_EQ(filtered("", {"1.5a1"}), (L{"1.5a1"}));  // only pre-releases: they are used
  EXPECT_EQ(filtered("", {"1.5a1"}, false), L{});
  EXPECT_EQ(filtered("", {"1.3", "1.5a1"}, true), (L{"1.3", "1.5a1"}));
}

TEST(Pep440SpecifierSet, Pinned) {
  EXPECT_EQ(SpecifierSet::parse("==1.2.3")->pinned()->str(), "1.2.3");
  EXPECT_EQ(SpecifierSet::parse("===1.2.3")->pinned()->str(), "1.2.3");
  EXPECT_FALSE(SpecifierSet::parse("==1.2.*")->pinned().has_value());
  EXPECT_FALSE(SpecifierSet::parse("==1.2,<2")->pinned().has_value());
  EXPECT_FALSE(SpecifierSet::parse(">=1.2")->pinned().has_value());
  EXPECT_FALSE(SpecifierSet::parse("===foo")->pinned().has_value());
}

TEST(Pep440Name, NormalizeName) {
  EXPECT_EQ(normalize_name("Django"), "django");
  EXPECT_EQ(normalize_name("zope.interface"), "zope-interface");
  EXPECT_EQ(normalize_name("Foo__Bar-.baz"), "foo-bar-baz");
  EXPECT_EQ(normalize_name("\xC3\x89t\xC3\xA9"), "\xC3\xA9t\xC3\xA9");  // str.lower() beyond ASCII
}

}  // namespace
}  // namespace aegis::deps
