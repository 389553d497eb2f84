// The data-flow values' joins and environments: the shortcuts the joins take (a value both
// sides share is kept, not joined with itself) must give what the full join gives.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "dataflow/value.h"
#include "python/ast.h"

namespace {

using aegis::dataflow::ClassRef;
using aegis::dataflow::Env;
using aegis::dataflow::identical_values;
using aegis::dataflow::join;
using aegis::dataflow::join_into;
using aegis::dataflow::join_keeps_self;
using aegis::dataflow::kAttacker;
using aegis::dataflow::kUser;
using aegis::dataflow::Shape;
using aegis::dataflow::TraceNode;
using aegis::dataflow::Value;

// Nodes only their addresses matter for.
aegis::py::FunctionDef g_function;
aegis::py::ClassDef g_class;
aegis::py::Name g_origin;

Value tainted(Value v) {
  v.taint.kinds = kUser;
  v.taint.trace = std::make_shared<TraceNode>();
  return v;
}

Value object_with(std::vector<std::pair<std::string, Value>> fields) {
  Value v;
  v.shape = Shape::Object;
  v.classes.push_back(ClassRef{&g_class, nullptr});
  for (auto& [k, f] : fields) v.set_field(k, f);
  return v;
}

Value nested(int depth) {
  Value v = Value::str("leaf");
  for (int i = 0; i < depth; ++i) v = object_with({{"inner", v}});
  return v;
}

// Values of every shape, with and without the members a join drops.
std::vector<Value> samples() {
  std::vector<Value> out;
  out.push_back(Value::any());
  out.push_back(Value::str("select"));
  Value prefix;
  prefix.shape = Shape::Str;
  prefix.text = "select * from ";
  out.push_back(prefix);
  Value str_with_name = Value::str("x");
  str_with_name.qn = "builtins.str()";  // a join of Str keeps no name
  out.push_back(str_with_name);
  out.push_back(tainted(Value::str("q")));
  out.push_back(Value::integer(42));
  out.push_back(Value::boolean(true));
  Value real;
  real.shape = Shape::Float;
  real.constant = true;
  real.real = 1.5;
  out.push_back(real);
  Value nan = real;
  nan.real = std::numeric_limits<double>::quiet_NaN();  // NaN != NaN: the join drops the constant
  out.push_back(nan);
  out.push_back(Value::none());
  Value none_unknown;
  none_unknown.shape = Shape::None;  // not marked constant: the join marks it
  out.push_back(none_unknown);
  Value list;
  list.shape = Shape::List;
  list.exact = true;
  list.elems.push_back(Value::str("a"));
  list.elems.push_back(tainted(Value::any()));
  out.push_back(list);
  Value loose = list;
  loose.exact = false;  // elements of an inexact list are dropped into its taint
  out.push_back(loose);
  Value dict;
  dict.shape = Shape::Dict;
  dict.set_field("k", Value::integer(1));
  dict.set_field("t", tainted(Value::any()));
  out.push_back(dict);
  out.push_back(object_with({{"name", Value::str("n")}, {"items", list}}));
  out.push_back(object_with({{"stale", str_with_name}}));
  Value any_named;
  any_named.qn = "flask.request.args";
  any_named.text = "pre";
  any_named.set_field("f", Value::integer(3));
  out.push_back(any_named);
  Value any_number;
  any_number.number = 7;  // an Any keeps no number
  out.push_back(any_number);
  Value fn;
  fn.shape = Shape::Function;
  fn.def = &g_function;
  fn.set_closure(std::make_shared<const Env>());
  fn.set_bound_self(std::make_shared<const Value>(Value::str("self")));
  out.push_back(fn);
  Value ext = Value::external("xml.sax.make_parser()");
  ext.unsafe_xml = true;
  ext.origins.push_back(&g_origin);
  out.push_back(ext);
  Value cls;
  cls.shape = Shape::Class;
  cls.def = &g_class;
  cls.classes.push_back(ClassRef{&g_class, nullptr});
  out.push_back(cls);
  out.push_back(nested(3));
  out.push_back(nested(9));  // past the join's depth limit
  return out;
}

TEST(DataflowValue, JoinKeepsSelfOnlyWhenTheJoinGivesTheValueBack) {
  int kept = 0, rebuilt = 0;
  for (const Value& x : samples()) {
    Value joined = join(x, x);
    bool same = identical_values(joined, x);
    if (join_keeps_self(x)) {
      EXPECT_TRUE(same) << "shape " << static_cast<int>(x.shape);
      ++kept;
    } else {
      ++rebuilt;
    }
  }
  // Both kinds are exercised.
  EXPECT_GE(kept, 10);
  EXPECT_GE(rebuilt, 5);
}

TEST(DataflowValue, JoinKeepsSelfRefusesWhatTheJoinChanges) {
  Value str_with_name = Value::str("x");
  str_with_name.qn = "builtins.str()";
  EXPECT_FALSE(join_keeps_self(str_with_name));
  EXPECT_FALSE(identical_values(join(str_with_name, str_with_name), str_with_name));
  Value none_unknown;
  none_unknown.shape = Shape::None;
  EXPECT_FALSE(join_keeps_self(none_unknown));
  EXPECT_FALSE(join_keeps_self(nested(9)));
  EXPECT_TRUE(join_keeps_self(nested(3)));
}

TEST(DataflowValue, IdenticalComparesEveryMember) {
  Value a = object_with({{"x", Value::str("1")}});
  Value b = object_with({{"x", Value::str("1")}});
  EXPECT_TRUE(identical_values(a, b));
  b.set_field("x", Value::str("2"));
  EXPECT_FALSE(identical_values(a, b));
  Value c = a;
  c.taint.kinds = kAttacker;
  EXPECT_FALSE(identical_values(a, c));
  Value d = tainted(Value::str("q"));
  Value e = tainted(Value::str("q"));  // another trace object
  EXPECT_FALSE(identical_values(d, e));
}

TEST(DataflowValue, EnvKeepsNamesInByteOrderAndJoinsWhatChanged) {
  // Names are views of text that outlives the environment.
  static const std::string text = "beta alpha Zed gamma";
  std::string_view beta(text.data(), 4), alpha(text.data() + 5, 5), zed(text.data() + 11, 3),
      gamma(text.data() + 15, 5);
  Env env;
  env.set(beta, Value::integer(1));
  env.set(alpha, Value::integer(2));
  env.set(zed, Value::integer(3));
  std::vector<std::string_view> order;
  for (const auto& [name, slot] : env.vars()) order.push_back(name);
  EXPECT_EQ(order, (std::vector<std::string_view>{"Zed", "alpha", "beta"}));
  ASSERT_NE(env.get("alpha"), nullptr);
  EXPECT_EQ(env.get("alpha")->number, 2);
  EXPECT_EQ(env.get("delta"), nullptr);

  Env branch = env;  // shares the table until it assigns
  EXPECT_TRUE(branch.shares_with(env));
  branch.set(alpha, Value::integer(5));
  branch.set(gamma, Value::str("new"));
  EXPECT_FALSE(branch.shares_with(env));
  EXPECT_EQ(env.get("alpha")->number, 2);  // the original is unchanged

  Env merged = env;
  join_into(merged, branch);
  ASSERT_EQ(merged.size(), 4u);
  EXPECT_FALSE(merged.get("alpha")->constant);  // 2 or 5
  EXPECT_EQ(merged.get("alpha")->shape, Shape::Int);
  EXPECT_EQ(merged.get("gamma")->text, "new");  // bound on one side only
  EXPECT_EQ(merged.get("beta")->number, 1);
  EXPECT_EQ(env.get("alpha")->number, 2);

  // A variable both sides made equal is kept as it is.
  Env same_a = env, same_b = env;
  same_a.set(beta, Value::integer(9));
  same_b.set(beta, Value::integer(9));
  join_into(same_a, same_b);
  EXPECT_TRUE(same_a.get("beta")->constant);
  EXPECT_EQ(same_a.get("beta")->number, 9);

  env.erase("beta");
  EXPECT_EQ(env.get("beta"), nullptr);
  EXPECT_EQ(env.size(), 2u);
}

}  // namespace
