// Statements: trees and errors compared with what CPython 3.12 prints (expectations
// generated once from CPython's ast module and pasted here).
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>

#include "python/ast_dump.h"
#include "python/parse.h"

namespace aegis::py {
namespace {
std::string parse_and_dump(std::string_view source) {
  ParseOptions options;
  options.set_feature_minor(12);
  auto parsed = parse_python(source, options);
  if (parsed->error) return "error: " + parsed->error->message;
  return dump(parsed->module);
}

struct Case {
  const char* source;
  const char* expected;
};
// Expected trees printed by CPython 3.12: ast.dump(ast.parse(source), include_attributes=True).
const Case kAccepted[] = {
    {"pass\nbreak\ncontinue\n",
     "Module(body=[Pass(lineno=1, col_offset=0, end_lineno=1, end_col_offset=4), Break(lineno=2, col_offset=0, end_lineno=2, end_col_offset=5), Continue(lineno=3, col_offset=0, end_lineno=3, end_col_offset=8)], type_ignores=[])"},
    {"x = 1\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=Constant(value=1, lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5)], type_ignores=[])"},
    {"a = b = c = 1\n",
     "Module(body=[Assign(targets=[Name(id='a', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), Name(id='b', ctx=Store(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), Name(id='c', ctx=Store(), lineno=1, col_offset=8, end_lineno=1, end_col_offset=9)], value=Constant(value=1, lineno=1, col_offset=12, end_lineno=1, end_col_offset=13), lineno=1, col_offset=0, end_lineno=1, end_col_offset=13)], type_ignores=[])"},
    {"a, b = c\n",
     "Module(body=[Assign(targets=[Tuple(elts=[Name(id='a', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), Name(id='b', ctx=Store(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=4)], ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=4)], value=Name(id='c', ctx=Load(), lineno=1, col_offset=7, end_lineno=1, end_col_offset=8), lineno=1, col_offset=0, end_lineno=1, end_col_offset=8)], type_ignores=[])"},
    {"[a, *b] = c\n",
     "Module(body=[Assign(targets=[List(elts=[Name(id='a', ctx=Store(), lineno=1, col_offset=1, end_lineno=1, end_col_offset=2), Starred(value=Name(id='b', ctx=Store(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6), ctx=Store(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=6)], ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=7)], value=Name(id='c', ctx=Load(), lineno=1, col_offset=10, end_lineno=1, end_col_offset=11), lineno=1, col_offset=0, end_lineno=1, end_col_offset=11)], type_ignores=[])"},
    {"(a) = 1\n",
     "Module(body=[Assign(targets=[Name(id='a', ctx=Store(), lineno=1, col_offset=1, end_lineno=1, end_col_offset=2)], value=Constant(value=1, lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), lineno=1, col_offset=0, end_lineno=1, end_col_offset=7)], type_ignores=[])"},
    {"() = x\n",
     "Module(body=[Assign(targets=[Tuple(elts=[], ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=2)], value=Name(id='x', ctx=Load(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6), lineno=1, col_offset=0, end_lineno=1, end_col_offset=6)], type_ignores=[])"},
    {"*a, = x\n",
     "Module(body=[Assign(targets=[Tuple(elts=[Starred(value=Name(id='a', ctx=Store(), lineno=1, col_offset=1, end_lineno=1, end_col_offset=2), ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=2)], ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=3)], value=Name(id='x', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), lineno=1, col_offset=0, end_lineno=1, end_col_offset=7)], type_ignores=[])"},
    {"x: int\n",
     "Module(body=[AnnAssign(target=Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), annotation=Name(id='int', ctx=Load(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=6), simple=1, lineno=1, col_offset=0, end_lineno=1, end_col_offset=6)], type_ignores=[])"},
    {"x: int = 1\n",
     "Module(body=[AnnAssign(target=Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), annotation=Name(id='int', ctx=Load(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=6), value=Constant(value=1, lineno=1, col_offset=9, end_lineno=1, end_col_offset=10), simple=1, lineno=1, col_offset=0, end_lineno=1, end_col_offset=10)], type_ignores=[])"},
    {"(x): int = 1\n",
     "Module(body=[AnnAssign(target=Name(id='x', ctx=Store(), lineno=1, col_offset=1, end_lineno=1, end_col_offset=2), annotation=Name(id='int', ctx=Load(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=8), value=Constant(value=1, lineno=1, col_offset=11, end_lineno=1, end_col_offset=12), simple=0, lineno=1, col_offset=0, end_lineno=1, end_col_offset=12)], type_ignores=[])"},
    {"a.b: int\n",
     "Module(body=[AnnAssign(target=Attribute(value=Name(id='a', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), attr='b', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=3), annotation=Name(id='int', ctx=Load(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=8), simple=0, lineno=1, col_offset=0, end_lineno=1, end_col_offset=8)], type_ignores=[])"},
    {"a[0]: 'T' = yield\n",
     "Module(body=[AnnAssign(target=Subscript(value=Name(id='a', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), slice=Constant(value=0, lineno=1, col_offset=2, end_lineno=1, end_col_offset=3), ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=4), annotation=Constant(value='T', lineno=1, col_offset=6, end_lineno=1, end_col_offset=9), value=Yield(lineno=1, col_offset=12, end_lineno=1, end_col_offset=17), simple=0, lineno=1, col_offset=0, end_lineno=1, end_col_offset=17)], type_ignores=[])"},
    {"x += 1\nx -= 1\nx *= 1\nx @= 1\nx /= 1\nx %= 1\nx &= 1\nx |= 1\nx ^= 1\nx <<= 1\nx >>= 1\nx **= 1\nx //= 1\n",
     "Module(body=[AugAssign(target=Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), op=Add(), value=Constant(value=1, lineno=1, col_offset=5, end_lineno=1, end_col_offset=6), lineno=1, col_offset=0, end_lineno=1, end_col_offset=6), AugAssign(target=Name(id='x', ctx=Store(), lineno=2, col_offset=0, end_lineno=2, end_col_offset=1), op=Sub(), value=Constant(value=1, lineno=2, col_offset=5, end_lineno=2, end_col_offset=6), lineno=2, col_offset=0, end_lineno=2, end_col_offset=6), AugAssign(target=Name(id='x', ctx=Store(), lineno=3, col_offset=0, end_lineno=3, end_col_offset=1), op=Mult(), value=Constant(value=1, lineno=3, col_offset=5, end_lineno=3, end_col_offset=6), lineno=3, col_offset=0, end_lineno=3, end_col_offset=6), AugAssign(target=Name(id='x', ctx=Store(), lineno=4, col_offset=0, end_lineno=4, end_col_offset=1), op=MatMult(), value=Constant(value=1, lineno=4, col_offset=5, end_lineno=4, end_col_offset=6), lineno=4, col_offset=0, end_lineno=4, end_col_offset=6), AugAssign(target=Name(id='x', ctx=Store(), lineno=5, col_offset=0, end_lineno=5, end_col_offset=1), op=Div(), value=Constant(value=1, lineno=5, col_offset=5, end_lineno=5, end_col_offset=6), lineno=5, col_offset=0, end_lineno=5, end_col_offset=6), AugAssign(target=Name(id='x', ctx=Store(), lineno=6, col_offset=0, end_lineno=6, end_col_offset=1), op=Mod(), value=Constant(value=1, lineno=6, col_offset=5, end_lineno=6, end_col_offset=6), lineno=6, col_offset=0, end_lineno=6, end_col_offset=6), AugAssign(target=Name(id='x', ctx=Store(), lineno=7, col_offset=0, end_lineno=7, end_col_offset=1), op=BitAnd(), value=Constant(value=1, lineno=7, col_offset=5, end_lineno=7, end_col_offset=6), lineno=7, col_offset=0, end_lineno=7, end_col_offset=6), AugAssign(target=Name(id='x', ctx=Store(), lineno=8, col_offset=0, end_lineno=8, end_col_offset=1), op=BitOr(), value=Constant(value=1, lineno=8, col_offset=5, end_lineno=8, end_col_offset=6), lineno=8, col_offset=0, end_lineno=8, end_col_offset=6), AugAssign(target=Name(id='x', ctx=Store(), lineno=9, col_offset=0, end_lineno=9, end_col_offset=1), op=BitXor(), value=Constant(value=1, lineno=9, col_offset=5, end_lineno=9, end_col_offset=6), lineno=9, col_offset=0, end_lineno=9, end_col_offset=6), AugAssign(target=Name(id='x', ctx=Store(), lineno=10, col_offset=0, end_lineno=10, end_col_offset=1), op=LShift(), value=Constant(value=1, lineno=10, col_offset=6, end_lineno=10, end_col_offset=7), lineno=10, col_offset=0, end_lineno=10, end_col_offset=7), AugAssign(target=Name(id='x', ctx=Store(), lineno=11, col_offset=0, end_lineno=11, end_col_offset=1), op=RShift(), value=Constant(value=1, lineno=11, col_offset=6, end_lineno=11, end_col_offset=7), lineno=11, col_offset=0, end_lineno=11, end_col_offset=7), AugAssign(target=Name(id='x', ctx=Store(), lineno=12, col_offset=0, end_lineno=12, end_col_offset=1), op=Pow(), value=Constant(value=1, lineno=12, col_offset=6, end_lineno=12, end_col_offset=7), lineno=12, col_offset=0, end_lineno=12, end_col_offset=7), AugAssign(target=Name(id='x', ctx=Store(), lineno=13, col_offset=0, end_lineno=13, end_col_offset=1), op=FloorDiv(), value=Constant(value=1, lineno=13, col_offset=6, end_lineno=13, end_col_offset=7), lineno=13, col_offset=0, end_lineno=13, end_col_offset=7)], type_ignores=[])"},
    {"(a.b) += 1\n",
     "Module(body=[AugAssign(target=Attribute(value=Name(id='a', ctx=Load(), lineno=1, col_offset=1, end_lineno=1, end_col_offset=2), attr='b', ctx=Store(), lineno=1, col_offset=1, end_lineno=1, end_col_offset=4), op=Add(), value=Constant(value=1, lineno=1, col_offset=9, end_lineno=1, end_col_offset=10), lineno=1, col_offset=0, end_lineno=1, end_col_offset=10)], type_ignores=[])"},
    {"x = yield y\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=Yield(value=Name(id='y', ctx=Load(), lineno=1, col_offset=10, end_lineno=1, end_col_offset=11), lineno=1, col_offset=4, end_lineno=1, end_col_offset=11), lineno=1, col_offset=0, end_lineno=1, end_col_offset=11)], type_ignores=[])"},
    {"yield\n",
     "Module(body=[Expr(value=Yield(lineno=1, col_offset=0, end_lineno=1, end_col_offset=5), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5)], type_ignores=[])"},
    {"x = yield from y\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=YieldFrom(value=Name(id='y', ctx=Load(), lineno=1, col_offset=15, end_lineno=1, end_col_offset=16), lineno=1, col_offset=4, end_lineno=1, end_col_offset=16), lineno=1, col_offset=0, end_lineno=1, end_col_offset=16)], type_ignores=[])"},
    {"x = y = yield\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), Name(id='y', ctx=Store(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=5)], value=Yield(lineno=1, col_offset=8, end_lineno=1, end_col_offset=13), lineno=1, col_offset=0, end_lineno=1, end_col_offset=13)], type_ignores=[])"},
    {"f(x); g(y);\n",
     "Module(body=[Expr(value=Call(func=Name(id='f', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), args=[Name(id='x', ctx=Load(), lineno=1, col_offset=2, end_lineno=1, end_col_offset=3)], keywords=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=4), lineno=1, col_offset=0, end_lineno=1, end_col_offset=4), Expr(value=Call(func=Name(id='g', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), args=[Name(id='y', ctx=Load(), lineno=1, col_offset=8, end_lineno=1, end_col_offset=9)], keywords=[], lineno=1, col_offset=6, end_lineno=1, end_col_offset=10), lineno=1, col_offset=6, end_lineno=1, end_col_offset=10)], type_ignores=[])"},
    {"return\nreturn x\nreturn x, *y\n",
     "Module(body=[Return(lineno=1, col_offset=0, end_lineno=1, end_col_offset=6), Return(value=Name(id='x', ctx=Load(), lineno=2, col_offset=7, end_lineno=2, end_col_offset=8), lineno=2, col_offset=0, end_lineno=2, end_col_offset=8), Return(value=Tuple(elts=[Name(id='x', ctx=Load(), lineno=3, col_offset=7, end_lineno=3, end_col_offset=8), Starred(value=Name(id='y', ctx=Load(), lineno=3, col_offset=11, end_lineno=3, end_col_offset=12), ctx=Load(), lineno=3, col_offset=10, end_lineno=3, end_col_offset=12)], ctx=Load(), lineno=3, col_offset=7, end_lineno=3, end_col_offset=12), lineno=3, col_offset=0, end_lineno=3, end_col_offset=12)], type_ignores=[])"},
    {"raise\nraise E\nraise E from c\n",
     "Module(body=[Raise(lineno=1, col_offset=0, end_lineno=1, end_col_offset=5), Raise(exc=Name(id='E', ctx=Load(), lineno=2, col_offset=6, end_lineno=2, end_col_offset=7), lineno=2, col_offset=0, end_lineno=2, end_col_offset=7), Raise(exc=Name(id='E', ctx=Load(), lineno=3, col_offset=6, end_lineno=3, end_col_offset=7), cause=Name(id='c', ctx=Load(), lineno=3, col_offset=13, end_lineno=3, end_col_offset=14), lineno=3, col_offset=0, end_lineno=3, end_col_offset=14)], type_ignores=[])"},
    {"global a, b\nnonlocal c\n",
     "Module(body=[Global(names=['a', 'b'], lineno=1, col_offset=0, end_lineno=1, end_col_offset=11), Nonlocal(names=['c'], lineno=2, col_offset=0, end_lineno=2, end_col_offset=10)], type_ignores=[])"},
    {"del a, b[0], c.d,\n",
     "Module(body=[Delete(targets=[Name(id='a', ctx=Del(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), Subscript(value=Name(id='b', ctx=Load(), lineno=1, col_offset=7, end_lineno=1, end_col_offset=8), slice=Constant(value=0, lineno=1, col_offset=9, end_lineno=1, end_col_offset=10), ctx=Del(), lineno=1, col_offset=7, end_lineno=1, end_col_offset=11), Attribute(value=Name(id='c', ctx=Load(), lineno=1, col_offset=13, end_lineno=1, end_col_offset=14), attr='d', ctx=Del(), lineno=1, col_offset=13, end_lineno=1, end_col_offset=16)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=17)], type_ignores=[])"},
    {"del (a, b), [c]\n",
     "Module(body=[Delete(targets=[Tuple(elts=[Name(id='a', ctx=Del(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6), Name(id='b', ctx=Del(), lineno=1, col_offset=8, end_lineno=1, end_col_offset=9)], ctx=Del(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=10), List(elts=[Name(id='c', ctx=Del(), lineno=1, col_offset=13, end_lineno=1, end_col_offset=14)], ctx=Del(), lineno=1, col_offset=12, end_lineno=1, end_col_offset=15)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=15)], type_ignores=[])"},
    {"del ()\n",
     "Module(body=[Delete(targets=[Tuple(elts=[], ctx=Del(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=6)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=6)], type_ignores=[])"},
    {"assert x\nassert x, 'msg'\n",
     "Module(body=[Assert(test=Name(id='x', ctx=Load(), lineno=1, col_offset=7, end_lineno=1, end_col_offset=8), lineno=1, col_offset=0, end_lineno=1, end_col_offset=8), Assert(test=Name(id='x', ctx=Load(), lineno=2, col_offset=7, end_lineno=2, end_col_offset=8), msg=Constant(value='msg', lineno=2, col_offset=10, end_lineno=2, end_col_offset=15), lineno=2, col_offset=0, end_lineno=2, end_col_offset=15)], type_ignores=[])"},
    {"import a\nimport a.b.c as d, e\n",
     "Module(body=[Import(names=[alias(name='a', lineno=1, col_offset=7, end_lineno=1, end_col_offset=8)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=8), Import(names=[alias(name='a.b.c', asname='d', lineno=2, col_offset=7, end_lineno=2, end_col_offset=17), alias(name='e', lineno=2, col_offset=19, end_lineno=2, end_col_offset=20)], lineno=2, col_offset=0, end_lineno=2, end_col_offset=20)], type_ignores=[])"},
    {"from a import b\nfrom .a import b as c, d\nfrom ... import x\nfrom .... import y\nfrom .a.b import (c,\n d,)\nfrom . import *\nfrom a import *\n",
     "Module(body=[ImportFrom(module='a', names=[alias(name='b', lineno=1, col_offset=14, end_lineno=1, end_col_offset=15)], level=0, lineno=1, col_offset=0, end_lineno=1, end_col_offset=15), ImportFrom(module='a', names=[alias(name='b', asname='c', lineno=2, col_offset=15, end_lineno=2, end_col_offset=21), alias(name='d', lineno=2, col_offset=23, end_lineno=2, end_col_offset=24)], level=1, lineno=2, col_offset=0, end_lineno=2, end_col_offset=24), ImportFrom(names=[alias(name='x', lineno=3, col_offset=16, end_lineno=3, end_col_offset=17)], level=3, lineno=3, col_offset=0, end_lineno=3, end_col_offset=17), ImportFrom(names=[alias(name='y', lineno=4, col_offset=17, end_lineno=4, end_col_offset=18)], level=4, lineno=4, col_offset=0, end_lineno=4, end_col_offset=18), ImportFrom(module='a.b', names=[alias(name='c', lineno=5, col_offset=18, end_lineno=5, end_col_offset=19), alias(name='d', lineno=6, col_offset=1, end_lineno=6, end_col_offset=2)], level=1, lineno=5, col_offset=0, end_lineno=6, end_col_offset=4), ImportFrom(names=[alias(name='*', lineno=7, col_offset=14, end_lineno=7, end_col_offset=15)], level=1, lineno=7, col_offset=0, end_lineno=7, end_col_offset=15), ImportFrom(module='a', names=[alias(name='*', lineno=8, col_offset=14, end_lineno=8, end_col_offset=15)], level=0, lineno=8, col_offset=0, end_lineno=8, end_col_offset=15)], type_ignores=[])"},
    {"type X = int\ntype Y[T: (int, str), *Ts, **P] = list[T]\n",
     "Module(body=[TypeAlias(name=Name(id='X', ctx=Store(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6), type_params=[], value=Name(id='int', ctx=Load(), lineno=1, col_offset=9, end_lineno=1, end_col_offset=12), lineno=1, col_offset=0, end_lineno=1, end_col_offset=12), TypeAlias(name=Name(id='Y', ctx=Store(), lineno=2, col_offset=5, end_lineno=2, end_col_offset=6), type_params=[TypeVar(name='T', bound=Tuple(elts=[Name(id='int', ctx=Load(), lineno=2, col_offset=11, end_lineno=2, end_col_offset=14), Name(id='str', ctx=Load(), lineno=2, col_offset=16, end_lineno=2, end_col_offset=19)], ctx=Load(), lineno=2, col_offset=10, end_lineno=2, end_col_offset=20), lineno=2, col_offset=7, end_lineno=2, end_col_offset=20), TypeVarTuple(name='Ts', lineno=2, col_offset=22, end_lineno=2, end_col_offset=25), ParamSpec(name='P', lineno=2, col_offset=27, end_lineno=2, end_col_offset=30)], value=Subscript(value=Name(id='list', ctx=Load(), lineno=2, col_offset=34, end_lineno=2, end_col_offset=38), slice=Name(id='T', ctx=Load(), lineno=2, col_offset=39, end_lineno=2, end_col_offset=40), ctx=Load(), lineno=2, col_offset=34, end_lineno=2, end_col_offset=41), lineno=2, col_offset=0, end_lineno=2, end_col_offset=41)], type_ignores=[])"},
    {"type = 1\ntype(x)\ntype.x = 2\n",
     "Module(body=[Assign(targets=[Name(id='type', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=4)], value=Constant(value=1, lineno=1, col_offset=7, end_lineno=1, end_col_offset=8), lineno=1, col_offset=0, end_lineno=1, end_col_offset=8), Expr(value=Call(func=Name(id='type', ctx=Load(), lineno=2, col_offset=0, end_lineno=2, end_col_offset=4), args=[Name(id='x', ctx=Load(), lineno=2, col_offset=5, end_lineno=2, end_col_offset=6)], keywords=[], lineno=2, col_offset=0, end_lineno=2, end_col_offset=7), lineno=2, col_offset=0, end_lineno=2, end_col_offset=7), Assign(targets=[Attribute(value=Name(id='type', ctx=Load(), lineno=3, col_offset=0, end_lineno=3, end_col_offset=4), attr='x', ctx=Store(), lineno=3, col_offset=0, end_lineno=3, end_col_offset=6)], value=Constant(value=2, lineno=3, col_offset=9, end_lineno=3, end_col_offset=10), lineno=3, col_offset=0, end_lineno=3, end_col_offset=10)], type_ignores=[])"},
    {"if a:\n  pass\nelif b:\n  pass\nelif c: pass\nelse:\n  x\n",
     "Module(body=[If(test=Name(id='a', ctx=Load(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=4), body=[Pass(lineno=2, col_offset=2, end_lineno=2, end_col_offset=6)], orelse=[If(test=Name(id='b', ctx=Load(), lineno=3, col_offset=5, end_lineno=3, end_col_offset=6), body=[Pass(lineno=4, col_offset=2, end_lineno=4, end_col_offset=6)], orelse=[If(test=Name(id='c', ctx=Load(), lineno=5, col_offset=5, end_lineno=5, end_col_offset=6), body=[Pass(lineno=5, col_offset=8, end_lineno=5, end_col_offset=12)], orelse=[Expr(value=Name(id='x', ctx=Load(), lineno=7, col_offset=2, end_lineno=7, end_col_offset=3), lineno=7, col_offset=2, end_lineno=7, end_col_offset=3)], lineno=5, col_offset=0, end_lineno=7, end_col_offset=3)], lineno=3, col_offset=0, end_lineno=7, end_col_offset=3)], lineno=1, col_offset=0, end_lineno=7, end_col_offset=3)], type_ignores=[])"},
    {"if a: pass\n",
     "Module(body=[If(test=Name(id='a', ctx=Load(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=4), body=[Pass(lineno=1, col_offset=6, end_lineno=1, end_col_offset=10)], orelse=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=10)], type_ignores=[])"},
    {"while a:\n  pass\nelse:\n  b\n",
     "Module(body=[While(test=Name(id='a', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), body=[Pass(lineno=2, col_offset=2, end_lineno=2, end_col_offset=6)], orelse=[Expr(value=Name(id='b', ctx=Load(), lineno=4, col_offset=2, end_lineno=4, end_col_offset=3), lineno=4, col_offset=2, end_lineno=4, end_col_offset=3)], lineno=1, col_offset=0, end_lineno=4, end_col_offset=3)], type_ignores=[])"},
    {"for x in y:\n  pass\nelse:\n  z\n",
     "Module(body=[For(target=Name(id='x', ctx=Store(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), iter=Name(id='y', ctx=Load(), lineno=1, col_offset=9, end_lineno=1, end_col_offset=10), body=[Pass(lineno=2, col_offset=2, end_lineno=2, end_col_offset=6)], orelse=[Expr(value=Name(id='z', ctx=Load(), lineno=4, col_offset=2, end_lineno=4, end_col_offset=3), lineno=4, col_offset=2, end_lineno=4, end_col_offset=3)], lineno=1, col_offset=0, end_lineno=4, end_col_offset=3)], type_ignores=[])"},
    {"for x, *y in z, w: pass\n",
     "Module(body=[For(target=Tuple(elts=[Name(id='x', ctx=Store(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), Starred(value=Name(id='y', ctx=Store(), lineno=1, col_offset=8, end_lineno=1, end_col_offset=9), ctx=Store(), lineno=1, col_offset=7, end_lineno=1, end_col_offset=9)], ctx=Store(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=9), iter=Tuple(elts=[Name(id='z', ctx=Load(), lineno=1, col_offset=13, end_lineno=1, end_col_offset=14), Name(id='w', ctx=Load(), lineno=1, col_offset=16, end_lineno=1, end_col_offset=17)], ctx=Load(), lineno=1, col_offset=13, end_lineno=1, end_col_offset=17), body=[Pass(lineno=1, col_offset=19, end_lineno=1, end_col_offset=23)], orelse=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=23)], type_ignores=[])"},
    {"for (a, b) in c: pass\n",
     "Module(body=[For(target=Tuple(elts=[Name(id='a', ctx=Store(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6), Name(id='b', ctx=Store(), lineno=1, col_offset=8, end_lineno=1, end_col_offset=9)], ctx=Store(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=10), iter=Name(id='c', ctx=Load(), lineno=1, col_offset=14, end_lineno=1, end_col_offset=15), body=[Pass(lineno=1, col_offset=17, end_lineno=1, end_col_offset=21)], orelse=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=21)], type_ignores=[])"},
    {"with a: pass\n",
     "Module(body=[With(items=[withitem(context_expr=Name(id='a', ctx=Load(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6))], body=[Pass(lineno=1, col_offset=8, end_lineno=1, end_col_offset=12)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=12)], type_ignores=[])"},
    {"with a as b, c as (d, e): pass\n",
     "Module(body=[With(items=[withitem(context_expr=Name(id='a', ctx=Load(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6), optional_vars=Name(id='b', ctx=Store(), lineno=1, col_offset=10, end_lineno=1, end_col_offset=11)), withitem(context_expr=Name(id='c', ctx=Load(), lineno=1, col_offset=13, end_lineno=1, end_col_offset=14), optional_vars=Tuple(elts=[Name(id='d', ctx=Store(), lineno=1, col_offset=19, end_lineno=1, end_col_offset=20), Name(id='e', ctx=Store(), lineno=1, col_offset=22, end_lineno=1, end_col_offset=23)], ctx=Store(), lineno=1, col_offset=18, end_lineno=1, end_col_offset=24))], body=[Pass(lineno=1, col_offset=26, end_lineno=1, end_col_offset=30)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=30)], type_ignores=[])"},
    {"with (a, b): pass\n",
     "Module(body=[With(items=[withitem(context_expr=Name(id='a', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7)), withitem(context_expr=Name(id='b', ctx=Load(), lineno=1, col_offset=9, end_lineno=1, end_col_offset=10))], body=[Pass(lineno=1, col_offset=13, end_lineno=1, end_col_offset=17)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=17)], type_ignores=[])"},
    {"with (a, b) as c: pass\n",
     "Module(body=[With(items=[withitem(context_expr=Tuple(elts=[Name(id='a', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), Name(id='b', ctx=Load(), lineno=1, col_offset=9, end_lineno=1, end_col_offset=10)], ctx=Load(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=11), optional_vars=Name(id='c', ctx=Store(), lineno=1, col_offset=15, end_lineno=1, end_col_offset=16))], body=[Pass(lineno=1, col_offset=18, end_lineno=1, end_col_offset=22)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=22)], type_ignores=[])"},
    {"with (a as b, c,): pass\n",
     "Module(body=[With(items=[withitem(context_expr=Name(id='a', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), optional_vars=Name(id='b', ctx=Store(), lineno=1, col_offset=11, end_lineno=1, end_col_offset=12)), withitem(context_expr=Name(id='c', ctx=Load(), lineno=1, col_offset=14, end_lineno=1, end_col_offset=15))], body=[Pass(lineno=1, col_offset=19, end_lineno=1, end_col_offset=23)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=23)], type_ignores=[])"},
    {"with (a): pass\n",
     "Module(body=[With(items=[withitem(context_expr=Name(id='a', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7))], body=[Pass(lineno=1, col_offset=10, end_lineno=1, end_col_offset=14)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=14)], type_ignores=[])"},
    {"with (yield): pass\n",
     "Module(body=[With(items=[withitem(context_expr=Yield(lineno=1, col_offset=6, end_lineno=1, end_col_offset=11))], body=[Pass(lineno=1, col_offset=14, end_lineno=1, end_col_offset=18)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=18)], type_ignores=[])"},
    {"with (a) as b, c: pass\n",
     "Module(body=[With(items=[withitem(context_expr=Name(id='a', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), optional_vars=Name(id='b', ctx=Store(), lineno=1, col_offset=12, end_lineno=1, end_col_offset=13)), withitem(context_expr=Name(id='c', ctx=Load(), lineno=1, col_offset=15, end_lineno=1, end_col_offset=16))], body=[Pass(lineno=1, col_offset=18, end_lineno=1, end_col_offset=22)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=22)], type_ignores=[])"},
    {"with (x for x in y): pass\n",
     "Module(body=[With(items=[withitem(context_expr=GeneratorExp(elt=Name(id='x', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), generators=[comprehension(target=Name(id='x', ctx=Store(), lineno=1, col_offset=12, end_lineno=1, end_col_offset=13), iter=Name(id='y', ctx=Load(), lineno=1, col_offset=17, end_lineno=1, end_col_offset=18), ifs=[], is_async=0)], lineno=1, col_offset=5, end_lineno=1, end_col_offset=19))], body=[Pass(lineno=1, col_offset=21, end_lineno=1, end_col_offset=25)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=25)], type_ignores=[])"},
    {"with a as *b: pass\n",
     "Module(body=[With(items=[withitem(context_expr=Name(id='a', ctx=Load(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6), optional_vars=Starred(value=Name(id='b', ctx=Store(), lineno=1, col_offset=11, end_lineno=1, end_col_offset=12), ctx=Store(), lineno=1, col_offset=10, end_lineno=1, end_col_offset=12))], body=[Pass(lineno=1, col_offset=14, end_lineno=1, end_col_offset=18)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=18)], type_ignores=[])"},
    {"try:\n  pass\nexcept E as e:\n  pass\nexcept (A, B):\n  pass\nexcept:\n  pass\nelse:\n  pass\nfinally:\n  pass\n",
     "Module(body=[Try(body=[Pass(lineno=2, col_offset=2, end_lineno=2, end_col_offset=6)], handlers=[ExceptHandler(type=Name(id='E', ctx=Load(), lineno=3, col_offset=7, end_lineno=3, end_col_offset=8), name='e', body=[Pass(lineno=4, col_offset=2, end_lineno=4, end_col_offset=6)], lineno=3, col_offset=0, end_lineno=4, end_col_offset=6), ExceptHandler(type=Tuple(elts=[Name(id='A', ctx=Load(), lineno=5, col_offset=8, end_lineno=5, end_col_offset=9), Name(id='B', ctx=Load(), lineno=5, col_offset=11, end_lineno=5, end_col_offset=12)], ctx=Load(), lineno=5, col_offset=7, end_lineno=5, end_col_offset=13), body=[Pass(lineno=6, col_offset=2, end_lineno=6, end_col_offset=6)], lineno=5, col_offset=0, end_lineno=6, end_col_offset=6), ExceptHandler(body=[Pass(lineno=8, col_offset=2, end_lineno=8, end_col_offset=6)], lineno=7, col_offset=0, end_lineno=8, end_col_offset=6)], orelse=[Pass(lineno=10, col_offset=2, end_lineno=10, end_col_offset=6)], finalbody=[Pass(lineno=12, col_offset=2, end_lineno=12, end_col_offset=6)], lineno=1, col_offset=0, end_lineno=12, end_col_offset=6)], type_ignores=[])"},
    {"try:\n  pass\nfinally:\n  pass\n",
     "Module(body=[Try(body=[Pass(lineno=2, col_offset=2, end_lineno=2, end_col_offset=6)], handlers=[], orelse=[], finalbody=[Pass(lineno=4, col_offset=2, end_lineno=4, end_col_offset=6)], lineno=1, col_offset=0, end_lineno=4, end_col_offset=6)], type_ignores=[])"},
    {"try:\n  pass\nexcept* E as e:\n  pass\nexcept* F:\n  pass\n",
     "Module(body=[TryStar(body=[Pass(lineno=2, col_offset=2, end_lineno=2, end_col_offset=6)], handlers=[ExceptHandler(type=Name(id='E', ctx=Load(), lineno=3, col_offset=8, end_lineno=3, end_col_offset=9), name='e', body=[Pass(lineno=4, col_offset=2, end_lineno=4, end_col_offset=6)], lineno=3, col_offset=0, end_lineno=4, end_col_offset=6), ExceptHandler(type=Name(id='F', ctx=Load(), lineno=5, col_offset=8, end_lineno=5, end_col_offset=9), body=[Pass(lineno=6, col_offset=2, end_lineno=6, end_col_offset=6)], lineno=5, col_offset=0, end_lineno=6, end_col_offset=6)], orelse=[], finalbody=[], lineno=1, col_offset=0, end_lineno=6, end_col_offset=6)], type_ignores=[])"},
    {"@d\n@e.f(1)\ndef f(a, /, b=1, *c, d, **e) -> int:\n  '''doc'''\n  return 1\n",
     "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[arg(arg='a', lineno=3, col_offset=6, end_lineno=3, end_col_offset=7)], args=[arg(arg='b', lineno=3, col_offset=12, end_lineno=3, end_col_offset=13)], vararg=arg(arg='c', lineno=3, col_offset=18, end_lineno=3, end_col_offset=19), kwonlyargs=[arg(arg='d', lineno=3, col_offset=21, end_lineno=3, end_col_offset=22)], kw_defaults=[None], kwarg=arg(arg='e', lineno=3, col_offset=26, end_lineno=3, end_col_offset=27), defaults=[Constant(value=1, lineno=3, col_offset=14, end_lineno=3, end_col_offset=15)]), body=[Expr(value=Constant(value='doc', lineno=4, col_offset=2, end_lineno=4, end_col_offset=11), lineno=4, col_offset=2, end_lineno=4, end_col_offset=11), Return(value=Constant(value=1, lineno=5, col_offset=9, end_lineno=5, end_col_offset=10), lineno=5, col_offset=2, end_lineno=5, end_col_offset=10)], decorator_list=[Name(id='d', ctx=Load(), lineno=1, col_offset=1, end_lineno=1, end_col_offset=2), Call(func=Attribute(value=Name(id='e', ctx=Load(), lineno=2, col_offset=1, end_lineno=2, end_col_offset=2), attr='f', ctx=Load(), lineno=2, col_offset=1, end_lineno=2, end_col_offset=4), args=[Constant(value=1, lineno=2, col_offset=5, end_lineno=2, end_col_offset=6)], keywords=[], lineno=2, col_offset=1, end_lineno=2, end_col_offset=7)], returns=Name(id='int', ctx=Load(), lineno=3, col_offset=32, end_lineno=3, end_col_offset=35), type_params=[], lineno=3, col_offset=0, end_lineno=5, end_col_offset=10)], type_ignores=[])"},
    {"async def f():\n  async for x in y: pass\n  async with a as b: pass\n  await x\n",
     "Module(body=[AsyncFunctionDef(name='f', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[AsyncFor(target=Name(id='x', ctx=Store(), lineno=2, col_offset=12, end_lineno=2, end_col_offset=13), iter=Name(id='y', ctx=Load(), lineno=2, col_offset=17, end_lineno=2, end_col_offset=18), body=[Pass(lineno=2, col_offset=20, end_lineno=2, end_col_offset=24)], orelse=[], lineno=2, col_offset=2, end_lineno=2, end_col_offset=24), AsyncWith(items=[withitem(context_expr=Name(id='a', ctx=Load(), lineno=3, col_offset=13, end_lineno=3, end_col_offset=14), optional_vars=Name(id='b', ctx=Store(), lineno=3, col_offset=18, end_lineno=3, end_col_offset=19))], body=[Pass(lineno=3, col_offset=21, end_lineno=3, end_col_offset=25)], lineno=3, col_offset=2, end_lineno=3, end_col_offset=25), Expr(value=Await(value=Name(id='x', ctx=Load(), lineno=4, col_offset=8, end_lineno=4, end_col_offset=9), lineno=4, col_offset=2, end_lineno=4, end_col_offset=9), lineno=4, col_offset=2, end_lineno=4, end_col_offset=9)], decorator_list=[], type_params=[], lineno=1, col_offset=0, end_lineno=4, end_col_offset=9)], type_ignores=[])"},
    {"def f[T, *Ts, **P](x: T) -> T: pass\n",
     "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[arg(arg='x', annotation=Name(id='T', ctx=Load(), lineno=1, col_offset=22, end_lineno=1, end_col_offset=23), lineno=1, col_offset=19, end_lineno=1, end_col_offset=23)], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Pass(lineno=1, col_offset=31, end_lineno=1, end_col_offset=35)], decorator_list=[], returns=Name(id='T', ctx=Load(), lineno=1, col_offset=28, end_lineno=1, end_col_offset=29), type_params=[TypeVar(name='T', lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), TypeVarTuple(name='Ts', lineno=1, col_offset=9, end_lineno=1, end_col_offset=12), ParamSpec(name='P', lineno=1, col_offset=14, end_lineno=1, end_col_offset=17)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=35)], type_ignores=[])"},
    {"class A: pass\n",
     "Module(body=[ClassDef(name='A', bases=[], keywords=[], body=[Pass(lineno=1, col_offset=9, end_lineno=1, end_col_offset=13)], decorator_list=[], type_params=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=13)], type_ignores=[])"},
    {"class A(B, metaclass=M): x = 1\n",
     "Module(body=[ClassDef(name='A', bases=[Name(id='B', ctx=Load(), lineno=1, col_offset=8, end_lineno=1, end_col_offset=9)], keywords=[keyword(arg='metaclass', value=Name(id='M', ctx=Load(), lineno=1, col_offset=21, end_lineno=1, end_col_offset=22), lineno=1, col_offset=11, end_lineno=1, end_col_offset=22)], body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=25, end_lineno=1, end_col_offset=26)], value=Constant(value=1, lineno=1, col_offset=29, end_lineno=1, end_col_offset=30), lineno=1, col_offset=25, end_lineno=1, end_col_offset=30)], decorator_list=[], type_params=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=30)], type_ignores=[])"},
    {"@d\nclass A[T: int](B[T]):\n  def m(self): pass\n",
     "Module(body=[ClassDef(name='A', bases=[Subscript(value=Name(id='B', ctx=Load(), lineno=2, col_offset=16, end_lineno=2, end_col_offset=17), slice=Name(id='T', ctx=Load(), lineno=2, col_offset=18, end_lineno=2, end_col_offset=19), ctx=Load(), lineno=2, col_offset=16, end_lineno=2, end_col_offset=20)], keywords=[], body=[FunctionDef(name='m', args=arguments(posonlyargs=[], args=[arg(arg='self', lineno=3, col_offset=8, end_lineno=3, end_col_offset=12)], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Pass(lineno=3, col_offset=15, end_lineno=3, end_col_offset=19)], decorator_list=[], type_params=[], lineno=3, col_offset=2, end_lineno=3, end_col_offset=19)], decorator_list=[Name(id='d', ctx=Load(), lineno=1, col_offset=1, end_lineno=1, end_col_offset=2)], type_params=[TypeVar(name='T', bound=Name(id='int', ctx=Load(), lineno=2, col_offset=11, end_lineno=2, end_col_offset=14), lineno=2, col_offset=8, end_lineno=2, end_col_offset=14)], lineno=2, col_offset=0, end_lineno=3, end_col_offset=19)], type_ignores=[])"},
    {"class A(): pass\n",
     "Module(body=[ClassDef(name='A', bases=[], keywords=[], body=[Pass(lineno=1, col_offset=11, end_lineno=1, end_col_offset=15)], decorator_list=[], type_params=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=15)], type_ignores=[])"},
    {"match = 1\nmatch.x = 2\nmatch(x)\nmatch[x]\nprint(match)\n",
     "Module(body=[Assign(targets=[Name(id='match', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5)], value=Constant(value=1, lineno=1, col_offset=8, end_lineno=1, end_col_offset=9), lineno=1, col_offset=0, end_lineno=1, end_col_offset=9), Assign(targets=[Attribute(value=Name(id='match', ctx=Load(), lineno=2, col_offset=0, end_lineno=2, end_col_offset=5), attr='x', ctx=Store(), lineno=2, col_offset=0, end_lineno=2, end_col_offset=7)], value=Constant(value=2, lineno=2, col_offset=10, end_lineno=2, end_col_offset=11), lineno=2, col_offset=0, end_lineno=2, end_col_offset=11), Expr(value=Call(func=Name(id='match', ctx=Load(), lineno=3, col_offset=0, end_lineno=3, end_col_offset=5), args=[Name(id='x', ctx=Load(), lineno=3, col_offset=6, end_lineno=3, end_col_offset=7)], keywords=[], lineno=3, col_offset=0, end_lineno=3, end_col_offset=8), lineno=3, col_offset=0, end_lineno=3, end_col_offset=8), Expr(value=Subscript(value=Name(id='match', ctx=Load(), lineno=4, col_offset=0, end_lineno=4, end_col_offset=5), slice=Name(id='x', ctx=Load(), lineno=4, col_offset=6, end_lineno=4, end_col_offset=7), ctx=Load(), lineno=4, col_offset=0, end_lineno=4, end_col_offset=8), lineno=4, col_offset=0, end_lineno=4, end_col_offset=8), Expr(value=Call(func=Name(id='print', ctx=Load(), lineno=5, col_offset=0, end_lineno=5, end_col_offset=5), args=[Name(id='match', ctx=Load(), lineno=5, col_offset=6, end_lineno=5, end_col_offset=11)], keywords=[], lineno=5, col_offset=0, end_lineno=5, end_col_offset=12), lineno=5, col_offset=0, end_lineno=5, end_col_offset=12)], type_ignores=[])"},
    {"case = 1\n_ = 2\n",
     "Module(body=[Assign(targets=[Name(id='case', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=4)], value=Constant(value=1, lineno=1, col_offset=7, end_lineno=1, end_col_offset=8), lineno=1, col_offset=0, end_lineno=1, end_col_offset=8), Assign(targets=[Name(id='_', ctx=Store(), lineno=2, col_offset=0, end_lineno=2, end_col_offset=1)], value=Constant(value=2, lineno=2, col_offset=4, end_lineno=2, end_col_offset=5), lineno=2, col_offset=0, end_lineno=2, end_col_offset=5)], type_ignores=[])"},
    {"if x:\n  if y:\n    pass\n  z = 1\n",
     "Module(body=[If(test=Name(id='x', ctx=Load(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=4), body=[If(test=Name(id='y', ctx=Load(), lineno=2, col_offset=5, end_lineno=2, end_col_offset=6), body=[Pass(lineno=3, col_offset=4, end_lineno=3, end_col_offset=8)], orelse=[], lineno=2, col_offset=2, end_lineno=3, end_col_offset=8), Assign(targets=[Name(id='z', ctx=Store(), lineno=4, col_offset=2, end_lineno=4, end_col_offset=3)], value=Constant(value=1, lineno=4, col_offset=6, end_lineno=4, end_col_offset=7), lineno=4, col_offset=2, end_lineno=4, end_col_offset=7)], orelse=[], lineno=1, col_offset=0, end_lineno=4, end_col_offset=7)], type_ignores=[])"},
    {"x = 1 # c\n\n# comment\n\ny = 2\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=Constant(value=1, lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5), Assign(targets=[Name(id='y', ctx=Store(), lineno=5, col_offset=0, end_lineno=5, end_col_offset=1)], value=Constant(value=2, lineno=5, col_offset=4, end_lineno=5, end_col_offset=5), lineno=5, col_offset=0, end_lineno=5, end_col_offset=5)], type_ignores=[])"},
    {"def f():\n  pass\n\n\n",
     "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Pass(lineno=2, col_offset=2, end_lineno=2, end_col_offset=6)], decorator_list=[], type_params=[], lineno=1, col_offset=0, end_lineno=2, end_col_offset=6)], type_ignores=[])"},
    {"\n",
     "Module(body=[], type_ignores=[])"},
    {"",
     "Module(body=[], type_ignores=[])"},
    {"lambda: (yield)\n",
     "Module(body=[Expr(value=Lambda(args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=Yield(lineno=1, col_offset=9, end_lineno=1, end_col_offset=14), lineno=1, col_offset=0, end_lineno=1, end_col_offset=15), lineno=1, col_offset=0, end_lineno=1, end_col_offset=15)], type_ignores=[])"},
    {"x = *a, *b\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=Tuple(elts=[Starred(value=Name(id='a', ctx=Load(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6), ctx=Load(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=6), Starred(value=Name(id='b', ctx=Load(), lineno=1, col_offset=9, end_lineno=1, end_col_offset=10), ctx=Load(), lineno=1, col_offset=8, end_lineno=1, end_col_offset=10)], ctx=Load(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=10), lineno=1, col_offset=0, end_lineno=1, end_col_offset=10)], type_ignores=[])"},
    {"x = *a = 1\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), Starred(value=Name(id='a', ctx=Store(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6), ctx=Store(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=6)], value=Constant(value=1, lineno=1, col_offset=9, end_lineno=1, end_col_offset=10), lineno=1, col_offset=0, end_lineno=1, end_col_offset=10)], type_ignores=[])"},
    {"print(1, file=sys.stderr)\n",
     "Module(body=[Expr(value=Call(func=Name(id='print', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5), args=[Constant(value=1, lineno=1, col_offset=6, end_lineno=1, end_col_offset=7)], keywords=[keyword(arg='file', value=Attribute(value=Name(id='sys', ctx=Load(), lineno=1, col_offset=14, end_lineno=1, end_col_offset=17), attr='stderr', ctx=Load(), lineno=1, col_offset=14, end_lineno=1, end_col_offset=24), lineno=1, col_offset=9, end_lineno=1, end_col_offset=24)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=25), lineno=1, col_offset=0, end_lineno=1, end_col_offset=25)], type_ignores=[])"},
    {"a if b else c\n",
     "Module(body=[Expr(value=IfExp(test=Name(id='b', ctx=Load(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6), body=Name(id='a', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), orelse=Name(id='c', ctx=Load(), lineno=1, col_offset=12, end_lineno=1, end_col_offset=13), lineno=1, col_offset=0, end_lineno=1, end_col_offset=13), lineno=1, col_offset=0, end_lineno=1, end_col_offset=13)], type_ignores=[])"},
    {"not x\n",
     "Module(body=[Expr(value=UnaryOp(op=Not(), operand=Name(id='x', ctx=Load(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5)], type_ignores=[])"},
    {"-x\n",
     "Module(body=[Expr(value=UnaryOp(op=USub(), operand=Name(id='x', ctx=Load(), lineno=1, col_offset=1, end_lineno=1, end_col_offset=2), lineno=1, col_offset=0, end_lineno=1, end_col_offset=2), lineno=1, col_offset=0, end_lineno=1, end_col_offset=2)], type_ignores=[])"},
    {"f(*args, **kw)\n",
     "Module(body=[Expr(value=Call(func=Name(id='f', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), args=[Starred(value=Name(id='args', ctx=Load(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=7), ctx=Load(), lineno=1, col_offset=2, end_lineno=1, end_col_offset=7)], keywords=[keyword(value=Name(id='kw', ctx=Load(), lineno=1, col_offset=11, end_lineno=1, end_col_offset=13), lineno=1, col_offset=9, end_lineno=1, end_col_offset=13)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=14), lineno=1, col_offset=0, end_lineno=1, end_col_offset=14)], type_ignores=[])"},
    {"x = [i for i in range(3) if i]\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=ListComp(elt=Name(id='i', ctx=Load(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6), generators=[comprehension(target=Name(id='i', ctx=Store(), lineno=1, col_offset=11, end_lineno=1, end_col_offset=12), iter=Call(func=Name(id='range', ctx=Load(), lineno=1, col_offset=16, end_lineno=1, end_col_offset=21), args=[Constant(value=3, lineno=1, col_offset=22, end_lineno=1, end_col_offset=23)], keywords=[], lineno=1, col_offset=16, end_lineno=1, end_col_offset=24), ifs=[Name(id='i', ctx=Load(), lineno=1, col_offset=28, end_lineno=1, end_col_offset=29)], is_async=0)], lineno=1, col_offset=4, end_lineno=1, end_col_offset=30), lineno=1, col_offset=0, end_lineno=1, end_col_offset=30)], type_ignores=[])"},
    {"from a import (b)\n",
     "Module(body=[ImportFrom(module='a', names=[alias(name='b', lineno=1, col_offset=15, end_lineno=1, end_col_offset=16)], level=0, lineno=1, col_offset=0, end_lineno=1, end_col_offset=17)], type_ignores=[])"},
    {"import a . b\n",
     "Module(body=[Import(names=[alias(name='a.b', lineno=1, col_offset=7, end_lineno=1, end_col_offset=12)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=12)], type_ignores=[])"},
    {"if a:\n  pass\n# trailing comment\n",
     "Module(body=[If(test=Name(id='a', ctx=Load(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=4), body=[Pass(lineno=2, col_offset=2, end_lineno=2, end_col_offset=6)], orelse=[], lineno=1, col_offset=0, end_lineno=2, end_col_offset=6)], type_ignores=[])"},
    {"class C:\n  x: int\n  y: str = ''\n",
     "Module(body=[ClassDef(name='C', bases=[], keywords=[], body=[AnnAssign(target=Name(id='x', ctx=Store(), lineno=2, col_offset=2, end_lineno=2, end_col_offset=3), annotation=Name(id='int', ctx=Load(), lineno=2, col_offset=5, end_lineno=2, end_col_offset=8), simple=1, lineno=2, col_offset=2, end_lineno=2, end_col_offset=8), AnnAssign(target=Name(id='y', ctx=Store(), lineno=3, col_offset=2, end_lineno=3, end_col_offset=3), annotation=Name(id='str', ctx=Load(), lineno=3, col_offset=5, end_lineno=3, end_col_offset=8), value=Constant(value='', lineno=3, col_offset=11, end_lineno=3, end_col_offset=13), simple=1, lineno=3, col_offset=2, end_lineno=3, end_col_offset=13)], decorator_list=[], type_params=[], lineno=1, col_offset=0, end_lineno=3, end_col_offset=13)], type_ignores=[])"},
};

// Sources CPython 3.12 rejects, with its message.
const Case kRejected[] = {
    {"f() = 1\n", "error: cannot assign to function call here. Maybe you meant '==' instead of '='?"},
    {"f() = x = 1\n", "error: cannot assign to function call"},
    {"x = f() = 1\n", "error: cannot assign to function call"},
    {"(a, b): int\n", "error: only single target (not tuple) can be annotated"},
    {"[a]: int\n", "error: only single target (not list) can be annotated"},
    {"a, b: int\n", "error: only single target (not tuple) can be annotated"},
    {"f(): int\n", "error: illegal target for annotation"},
    {"a, b += 1\n", "error: 'tuple' is an illegal expression for augmented assignment"},
    {"del f()\n", "error: cannot delete function call"},
    {"del *a\n", "error: cannot delete starred"},
    {"del a + b\n", "error: cannot delete expression"},
    {"from a import b,\n", "error: trailing comma not allowed without surrounding parentheses"},
    {"x = yield = 1\n", "error: assignment to yield expression not possible"},
    {"if x:\npass\n", "error: expected an indented block after 'if' statement on line 1"},
    {"def f():\nreturn\n", "error: expected an indented block after function definition on line 1"},
    {"class C:\n\nx\n", "error: expected an indented block after class definition on line 1"},
    {"for x in y\n  pass\n", "error: expected ':'"},
    {"while x\n  pass\n", "error: expected ':'"},
    {"try:\n  pass\n", "error: expected 'except' or 'finally' block"},
    {"try:\n  pass\nexcept* :\n  pass\n", "error: expected one or more exception types"},
    {"try:\n  pass\nexcept* A:\n  pass\nexcept B:\n  pass\n", "error: cannot have both 'except' and 'except*' on the same 'try'"},
    {"try:\n  pass\nexcept A, B:\n  pass\n", "error: multiple exception types must be parenthesized"},
    {"with a as b + c: pass\n", "error: cannot assign to expression"},
    {"for f() in x: pass\n", "error: cannot assign to function call"},
    {"def f[*Ts: int](): pass\n", "error: cannot use bound with TypeVarTuple"},
    {"def f[**P: int](): pass\n", "error: cannot use bound with ParamSpec"},
    {"print 'x'\n", "error: Missing parentheses in call to 'print'. Did you mean print(...)?"},
    {"x = 1\n  y = 2\n", "error: unexpected indent"},
    {"def f:\n  pass\n", "error: expected '('"},
    {"import a.\n", "error: invalid syntax"},
    {"from import a\n", "error: invalid syntax"},
    {"type X[] = int\n", "error: invalid syntax"},
    {"class A[T = int]: pass\n", "error: invalid syntax"},
    {"def f[T = int](): pass\n", "error: expected '('"},
    {"x = 1 = 2\n", "error: cannot assign to literal"},
    {"else: pass\n", "error: invalid syntax"},
    {"a = b += 1\n", "error: invalid syntax"},
    {"with (a as b) as c: pass\n", "error: invalid syntax"},
    {"x, f() = 1\n", "error: cannot assign to function call here. Maybe you meant '==' instead of '='?"},
    {"x, f() = y = 1\n", "error: cannot assign to function call"},
    {"[f()] = 1\n", "error: cannot assign to function call"},
    {"await x = 1\n", "error: cannot assign to await expression here. Maybe you meant '==' instead of '='?"},
    {"a + b = 1\n", "error: cannot assign to expression here. Maybe you meant '==' instead of '='?"},
    {"(a, b) += 1\n", "error: 'tuple' is an illegal expression for augmented assignment"},
    {"import a from b\n", "error: Did you mean to use 'from ... import ...' instead?"},
    {"if x = 3: pass\n", "error: invalid syntax. Maybe you meant '==' or ':=' instead of '='?"},
    {"while x.y = 3: pass\n", "error: cannot assign to attribute here. Maybe you meant '==' instead of '='?"},
    {"with a as b\n  pass\n", "error: expected ':'"},
    {"for x in range 10:\n  pass\n", "error: invalid syntax"},
    {"Exception in threading.excepthook:\n", "error: invalid syntax"},
    {"x in y: int\n", "error: illegal target for annotation"},
    {"def f[*A: (int, str)](): pass\n", "error: cannot use constraints with TypeVarTuple"},
    {"def f() x: pass\n", "error: expected ':'"},
    {"try x: pass\n", "error: expected ':'"},
    {"class A x: pass\n", "error: invalid syntax"},
    {"a.b() += 1\n", "error: 'function call' is an illegal expression for augmented assignment"},
    {"None = 1\n", "error: cannot assign to None"},
    {"global a,\n", "error: invalid syntax"},
    {"async x = 1\n", "error: invalid syntax"},
};

TEST(ParserStmt, TreesMatchCPython) {
  for (const Case& c : kAccepted) EXPECT_EQ(parse_and_dump(c.source), c.expected) << c.source;
}

TEST(ParserStmt, RejectsWhatCPythonRejects) {
  for (const Case& c : kRejected) EXPECT_EQ(parse_and_dump(c.source), c.expected) << c.source;
}


// Grammar newer than 3.12, with positions checked against CPython 3.13/3.14.
std::unique_ptr<ParsedModule> parse_with(std::string_view source, int minor) {
  ParseOptions options;
  options.set_feature_minor(minor);
  return parse_python(source, options);
}

TEST(ParserStmt, TypeParameterDefaultsFrom313) {
  const char* source = "def f[T = int, *Ts = *tuple[int], **P = [int]](): pass\n";
  EXPECT_TRUE(parse_with(source, 12)->error.has_value());
  auto parsed = parse_with(source, 13);
  ASSERT_FALSE(parsed->error.has_value()) << parsed->error->message;
  auto* def = dyn_cast<FunctionDef>(parsed->module->body[0]);
  ASSERT_NE(def, nullptr);
  ASSERT_EQ(def->type_params.size(), 3u);
  auto* t = dyn_cast<TypeVar>(def->type_params[0]);
  ASSERT_NE(t, nullptr);
  // CPython 3.13: TypeVar(name='T', default_value=Name(id='int', ... col_offset=10,
  // end_col_offset=13), lineno=1, col_offset=6, end_lineno=1, end_col_offset=13)
  EXPECT_EQ(t->col_offset, 6);
  EXPECT_EQ(t->end_col_offset, 13);
  ASSERT_NE(t->default_value, nullptr);
  EXPECT_EQ(t->default_value->col_offset, 10);
  auto* ts = dyn_cast<TypeVarTuple>(def->type_params[1]);
  ASSERT_NE(ts, nullptr);
  ASSERT_NE(dyn_cast<Starred>(ts->default_value), nullptr);
  EXPECT_EQ(ts->default_value->col_offset, 21);
  EXPECT_EQ(ts->end_col_offset, 32);
  auto* p = dyn_cast<ParamSpec>(def->type_params[2]);
  ASSERT_NE(p, nullptr);
  ASSERT_NE(dyn_cast<List>(p->default_value), nullptr);
  EXPECT_EQ(p->col_offset, 34);
  EXPECT_EQ(p->end_col_offset, 45);
}

TEST(ParserStmt, ExceptWithoutParenthesesFrom314) {
  const char* source = "try:\n  pass\nexcept A, B:\n  pass\n";
  EXPECT_EQ(parse_and_dump(source), "error: multiple exception types must be parenthesized");
  auto parsed = parse_with(source, 14);
  ASSERT_FALSE(parsed->error.has_value()) << parsed->error->message;
  auto* t = dyn_cast<Try>(parsed->module->body[0]);
  ASSERT_NE(t, nullptr);
  auto* handler = dyn_cast<ExceptHandler>(t->handlers[0]);
  ASSERT_NE(handler, nullptr);
  // PEP 758 grammar: the unparenthesised `expressions` Tuple spans A to B (cols 7-11).
  auto* types = dyn_cast<Tuple>(handler->type);
  ASSERT_NE(types, nullptr);
  EXPECT_EQ(types->elts.size(), 2u);
  EXPECT_EQ(types->col_offset, 7);
  EXPECT_EQ(types->end_col_offset, 11);
  EXPECT_TRUE(parse_with("try:\n  pass\nexcept A, B as e:\n  pass\n", 14)->error.has_value());
}

std::string elif_chain(int elifs) {
  std::string s = "if a:\n  pass\n";
  for (int i = 0; i < elifs; ++i) s += "elif b:\n  pass\n";
  return s;
}

TEST(ParserStmt, LongElifChainsEndInTooDeep) {
  // CPython 3.12 accepts 2993 elifs and reports anything longer as too complex.
  auto ok = parse_with(elif_chain(2990), 12);
  EXPECT_FALSE(ok->error.has_value());
  auto deep = parse_with(elif_chain(100000), 12);
  ASSERT_TRUE(deep->error.has_value());
  EXPECT_EQ(deep->error->kind, SyntaxErrorKind::TooDeep);
}

TEST(ParserStmt, LongFlatSequencesDoNotRecurse) {
  std::string decorators;
  for (int i = 0; i < 50000; ++i) decorators += "@d\n";
  decorators += "def f(): pass\n";
  auto parsed = parse_with(decorators, 12);
  ASSERT_FALSE(parsed->error.has_value());
  EXPECT_EQ(dyn_cast<FunctionDef>(parsed->module->body[0])->decorator_list.size(), 50000u);
  std::string chain;
  for (int i = 0; i < 50000; ++i) chain += "a = ";
  chain += "1\n";
  parsed = parse_with(chain, 12);
  ASSERT_FALSE(parsed->error.has_value());
  EXPECT_EQ(dyn_cast<Assign>(parsed->module->body[0])->targets.size(), 50000u);
}

}  // namespace
}  // namespace aegis::py
