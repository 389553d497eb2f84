#include <gtest/gtest.h>

#include "core/arena.h"

TEST(Arena, CopiesStrings) {
  aegis::Arena arena;
  auto s = arena.copy("hello");
  EXPECT_EQ(s, "hello");
}
