// FlatStringMap: the read-only string table of the rule dispatch. Every key it was given is
// found with its value, nothing else is (prefixes, extensions, keys differing only in trailing
// NUL bytes, the empty string), at every size around the eight-byte words of its hash.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "core/flat_string_map.h"

namespace aegis {
namespace {

TEST(FlatStringMap, EmptyFindsNothing) {
  FlatStringMap<int> empty;
  EXPECT_TRUE(empty.empty());
  EXPECT_EQ(empty.find("os"), nullptr);
  EXPECT_EQ(empty.find(""), nullptr);
}

TEST(FlatStringMap, FindsEveryKeyAndNothingElse) {
  std::map<std::string, int> given;
  // Keys of every length from 1 to 40: the hash's whole words and tails.
  for (int n = 1; n <= 40; ++n) given.emplace(std::string(static_cast<std::size_t>(n), 'a'), n);
  given.emplace("subprocess.Popen", 100);
  given.emplace("pickle.", 101);
  given.emplace(std::string("x\0", 2), 102);
  FlatStringMap<int> map(given);
  EXPECT_EQ(map.size(), given.size());
  for (const auto& [key, value] : given) {
    const int* found = map.find(key);
    ASSERT_NE(found, nullptr) << key;
    EXPECT_EQ(*found, value) << key;
  }
  EXPECT_EQ(map.find(""), nullptr);
  EXPECT_EQ(map.find(std::string(41, 'a')), nullptr);
  EXPECT_EQ(map.find("subprocess"), nullptr);
  EXPECT_EQ(map.find("subprocess.Popen.x"), nullptr);
  EXPECT_EQ(map.find("pickle"), nullptr);
  EXPECT_EQ(map.find("x"), nullptr);                       // differs only by a trailing NUL
  EXPECT_EQ(map.find(std::string("x\0\0", 3)), nullptr);
  EXPECT_EQ(map.find(std::string("aaaaaaaa\0", 9)), nullptr);
}

TEST(FlatStringMap, ManyKeysStayDistinct) {
  std::map<std::string, int> given;
  for (int i = 0; i < 5000; ++i) given.emplace("module" + std::to_string(i) + ".call", i);
  FlatStringMap<int> map(given);
  for (int i = 0; i < 5000; ++i) {
    const int* found = map.find("module" + std::to_string(i) + ".call");
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(*found, i);
    EXPECT_EQ(map.find("module" + std::to_string(i) + ".cal"), nullptr);
  }
}

}  // namespace
}  // namespace aegis
