// Name resolution keeps what several questions share (each binding's value, each `self.x` of
// a class) and reuses it only when the asking question's budget would have let the same
// computation finish. These tests hold a model that answers many questions, in several
// orders, to fresh models that each answer one: the answers must be the same.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "semantic_test_util.h"

namespace aegis::sem {
namespace {

using testing::Analyzed;

// Every expression of the module, in pre-order.
std::vector<const py::Expr*> expressions(const Analyzed& a) {
  std::vector<const py::Expr*> out;
  std::function<void(py::Node*)> walk = [&](py::Node* n) {
    if (py::isa<py::Expr>(n)) out.push_back(py::cast<py::Expr>(n));
    py::for_each_child(n, walk);
  };
  walk(const_cast<py::Module*>(a.module()));
  return out;
}

struct Answer {
  std::string name;
  std::string instance;
  bool operator==(const Answer&) const = default;
};

Answer ask(const SemanticModel& m, const py::Expr* e) { return {m.qualified_name(e), m.instance_of(e)}; }

// The answer of a model asked nothing else, for each expression.
std::vector<Answer> fresh_answers(const std::string& source) {
  std::vector<Answer> out;
  std::size_t count = expressions(Analyzed(source)).size();
  for (std::size_t i = 0; i < count; ++i) {
    Analyzed fresh(source);
    out.push_back(ask(fresh.model(), expressions(fresh)[i]));
  }
  return out;
}

// One model asked about every expression in `order` answers as fresh models do.
void expect_order_independent(const std::string& source, const std::vector<Answer>& expected,
                              std::vector<std::size_t> order) {
  Analyzed a(source);
  ASSERT_TRUE(a.ok());
  std::vector<const py::Expr*> exprs = expressions(a);
  ASSERT_EQ(exprs.size(), expected.size());
  for (std::size_t i : order) {
    EXPECT_EQ(ask(a.model(), exprs[i]).name, expected[i].name) << "expression " << i << ": " << a.text_of(exprs[i]);
    EXPECT_EQ(ask(a.model(), exprs[i]).instance, expected[i].instance) << "expression " << i << ": " << a.text_of(exprs[i]);
  }
}

void expect_all_orders(const std::string& source) {
  std::vector<Answer> expected = fresh_answers(source);
  std::vector<std::size_t> order(expected.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  expect_order_independent(source, expected, order);
  std::reverse(order.begin(), order.end());
  expect_order_independent(source, expected, order);
  // Interleaved: every third from the end first, then the rest.
  std::stable_partition(order.begin(), order.end(), [](std::size_t i) { return i % 3 == 1; });
  expect_order_independent(source, expected, order);
}

// A chain of aliases longer than resolution follows: a name near the end resolves from
// scratch to nothing, even after a shorter question resolved (and kept) the chain's start.
TEST(SemanticResolutionMemo, AliasChainAtTheDepthLimit) {
  std::string source = "import os\na0 = os.system\n";
  for (int k = 1; k <= 20; ++k) source += "a" + std::to_string(k) + " = a" + std::to_string(k - 1) + "\n";
  for (int k = 0; k <= 20; ++k) source += "a" + std::to_string(k) + "()\n";
  {
    Analyzed first(source);
    EXPECT_EQ(first.call_qualified("a0"), "os.system");
    Analyzed last(source);
    EXPECT_EQ(last.call_qualified("a20"), "");  // past the depth limit
  }
  {
    // The answers change somewhere between a0 and a20, whatever was asked before.
    Analyzed a(source);
    std::vector<std::string> ascending, descending;
    for (int k = 0; k <= 20; ++k) ascending.push_back(a.call_qualified("a" + std::to_string(k)));
    Analyzed b(source);
    for (int k = 20; k >= 0; --k) descending.push_back(b.call_qualified("a" + std::to_string(k)));
    std::reverse(descending.begin(), descending.end());
    EXPECT_EQ(ascending, descending);
    for (int k = 0; k <= 20; ++k) {
      Analyzed fresh(source);
      EXPECT_EQ(ascending[k], fresh.call_qualified("a" + std::to_string(k))) << "a" << k;
    }
  }
  expect_all_orders(source);
}

TEST(SemanticResolutionMemo, ClassAttributesAndInheritance) {
  const std::string source = R"(import subprocess
import os.path as osp
from flask import Flask

class Base:
    helper = subprocess
    def __init__(self):
        self.runner = subprocess.Popen
        self.app = Flask(__name__)
        self.count = 0
        self.count = osp

class Child(Base):
    other = Base
    def go(self):
        self.runner.wait()
        self.helper.call("x")
        self.app.run()
        self.count.join("a", "b")
        self.missing.attr()
        self.other.helper.run()
    @classmethod
    def make(cls):
        return cls.helper.check_output()

def factory():
    return Child()

obj = factory()
obj.go()
obj.runner.poll()
Child.make().stdout
Base().app.config
)";
  expect_all_orders(source);
}

// The same names asked again and again through a budget that runs out: answers stay those
// of a fresh model (the memo keeps nothing reached past a limit).
TEST(SemanticResolutionMemo, FallbackChainsAnswerAsFresh) {
  std::string source = "import subprocess\n";
  for (int i = 0; i < 6; ++i) {
    for (int k = 0; k < 4; ++k) {
      source += "a" + std::to_string(i) + " = a" + std::to_string(i + 1) + "\n";
    }
    source += "a" + std::to_string(i) + " = None\n";
  }
  source += "a6 = subprocess\n";
  for (int i = 0; i <= 6; ++i) source += "a" + std::to_string(i) + ".run()\n";
  expect_all_orders(source);
}

}  // namespace
}  // namespace aegis::sem
