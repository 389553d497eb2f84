// Expressions: trees and errors compared with what CPython 3.12 prints. The
// expectations were generated once from CPython's ast module (ast.dump with
// include_attributes=True, and SyntaxError.msg) and pasted here.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "python/ast_dump.h"
#include "python/parse.h"

namespace aegis::py {
namespace {

std::unique_ptr<ParsedModule> parse312(std::string_view source) {
  ParseOptions options;
  options.set_feature_minor(12);
  return parse_python(source, options);
}

std::string parse_and_dump(std::string_view source) {
  auto parsed = parse312(source);
  if (parsed->error) return "error: " + parsed->error->message;
  return dump(parsed->module);
}

struct Case {
  const char* source;
  const char* expected;
};

const Case kAccepted[] = {
    {"a + b * -c ** d\n",
     "Module(body=[Expr(value=BinOp(left=Name(id='a', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), op=Add(), right=BinOp(left=Name(id='b', ctx=Load(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), op=Mult(), right=UnaryOp(op=USub(), operand=BinOp(left=Name(id='c', ctx=Load(), lineno=1, col_offset=9, end_lineno=1, end_col_offset=10), op=Pow(), right=Name(id='d', ctx=Load(), lineno=1, col_offset=14, end_lineno=1, end_col_offset=15), lineno=1, col_offset=9, end_lineno=1, end_col_offset=15), lineno=1, col_offset=8, end_lineno=1, end_col_offset=15), lineno=1, col_offset=4, end_lineno=1, end_col_offset=15), lineno=1, col_offset=0, end_lineno=1, end_col_offset=15), lineno=1, col_offset=0, end_lineno=1, end_col_offset=15)], type_ignores=[])"},
    {"a if b else c if d else e\n",
     "Module(body=[Expr(value=IfExp(test=Name(id='b', ctx=Load(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6), body=Name(id='a', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), orelse=IfExp(test=Name(id='d', ctx=Load(), lineno=1, col_offset=17, end_lineno=1, end_col_offset=18), body=Name(id='c', ctx=Load(), lineno=1, col_offset=12, end_lineno=1, end_col_offset=13), orelse=Name(id='e', ctx=Load(), lineno=1, col_offset=24, end_lineno=1, end_col_offset=25), lineno=1, col_offset=12, end_lineno=1, end_col_offset=25), lineno=1, col_offset=0, end_lineno=1, end_col_offset=25), lineno=1, col_offset=0, end_lineno=1, end_col_offset=25)], type_ignores=[])"},
    {"lambda: 0\n",
     "Module(body=[Expr(value=Lambda(args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=Constant(value=0, lineno=1, col_offset=8, end_lineno=1, end_col_offset=9), lineno=1, col_offset=0, end_lineno=1, end_col_offset=9), lineno=1, col_offset=0, end_lineno=1, end_col_offset=9)], type_ignores=[])"},
    {"lambda a, b=1, *c, d, e=2, **f: a\n",
     "Module(body=[Expr(value=Lambda(args=arguments(posonlyargs=[], args=[arg(arg='a', lineno=1, col_offset=7, end_lineno=1, end_col_offset=8), arg(arg='b', lineno=1, col_offset=10, end_lineno=1, end_col_offset=11)], vararg=arg(arg='c', lineno=1, col_offset=16, end_lineno=1, end_col_offset=17), kwonlyargs=[arg(arg='d', lineno=1, col_offset=19, end_lineno=1, end_col_offset=20), arg(arg='e', lineno=1, col_offset=22, end_lineno=1, end_col_offset=23)], kw_defaults=[None, Constant(value=2, lineno=1, col_offset=24, end_lineno=1, end_col_offset=25)], kwarg=arg(arg='f', lineno=1, col_offset=29, end_lineno=1, end_col_offset=30), defaults=[Constant(value=1, lineno=1, col_offset=12, end_lineno=1, end_col_offset=13)]), body=Name(id='a', ctx=Load(), lineno=1, col_offset=32, end_lineno=1, end_col_offset=33), lineno=1, col_offset=0, end_lineno=1, end_col_offset=33), lineno=1, col_offset=0, end_lineno=1, end_col_offset=33)], type_ignores=[])"},
    {"lambda a, /, b: 0\n",
     "Module(body=[Expr(value=Lambda(args=arguments(posonlyargs=[arg(arg='a', lineno=1, col_offset=7, end_lineno=1, end_col_offset=8)], args=[arg(arg='b', lineno=1, col_offset=13, end_lineno=1, end_col_offset=14)], kwonlyargs=[], kw_defaults=[], defaults=[]), body=Constant(value=0, lineno=1, col_offset=16, end_lineno=1, end_col_offset=17), lineno=1, col_offset=0, end_lineno=1, end_col_offset=17), lineno=1, col_offset=0, end_lineno=1, end_col_offset=17)], type_ignores=[])"},
    {"lambda *, a: 0\n",
     "Module(body=[Expr(value=Lambda(args=arguments(posonlyargs=[], args=[], kwonlyargs=[arg(arg='a', lineno=1, col_offset=10, end_lineno=1, end_col_offset=11)], kw_defaults=[None], defaults=[]), body=Constant(value=0, lineno=1, col_offset=13, end_lineno=1, end_col_offset=14), lineno=1, col_offset=0, end_lineno=1, end_col_offset=14), lineno=1, col_offset=0, end_lineno=1, end_col_offset=14)], type_ignores=[])"},
    {"def f(a, b: int = 1, /, c=2, *args: *Ts, d, e: str = 'x', **kw) -> None: pass\n",
     "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[arg(arg='a', lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), arg(arg='b', annotation=Name(id='int', ctx=Load(), lineno=1, col_offset=12, end_lineno=1, end_col_offset=15), lineno=1, col_offset=9, end_lineno=1, end_col_offset=15)], args=[arg(arg='c', lineno=1, col_offset=24, end_lineno=1, end_col_offset=25)], vararg=arg(arg='args', annotation=Starred(value=Name(id='Ts', ctx=Load(), lineno=1, col_offset=37, end_lineno=1, end_col_offset=39), ctx=Load(), lineno=1, col_offset=36, end_lineno=1, end_col_offset=39), lineno=1, col_offset=30, end_lineno=1, end_col_offset=39), kwonlyargs=[arg(arg='d', lineno=1, col_offset=41, end_lineno=1, end_col_offset=42), arg(arg='e', annotation=Name(id='str', ctx=Load(), lineno=1, col_offset=47, end_lineno=1, end_col_offset=50), lineno=1, col_offset=44, end_lineno=1, end_col_offset=50)], kw_defaults=[None, Constant(value='x', lineno=1, col_offset=53, end_lineno=1, end_col_offset=56)], kwarg=arg(arg='kw', lineno=1, col_offset=60, end_lineno=1, end_col_offset=62), defaults=[Constant(value=1, lineno=1, col_offset=18, end_lineno=1, end_col_offset=19), Constant(value=2, lineno=1, col_offset=26, end_lineno=1, end_col_offset=27)]), body=[Pass(lineno=1, col_offset=73, end_lineno=1, end_col_offset=77)], decorator_list=[], returns=Constant(value=None, lineno=1, col_offset=67, end_lineno=1, end_col_offset=71), type_params=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=77)], type_ignores=[])"},
    {"def f(*, a=1, b): pass\n",
     "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[], kwonlyargs=[arg(arg='a', lineno=1, col_offset=9, end_lineno=1, end_col_offset=10), arg(arg='b', lineno=1, col_offset=14, end_lineno=1, end_col_offset=15)], kw_defaults=[Constant(value=1, lineno=1, col_offset=11, end_lineno=1, end_col_offset=12), None], defaults=[]), body=[Pass(lineno=1, col_offset=18, end_lineno=1, end_col_offset=22)], decorator_list=[], type_params=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=22)], type_ignores=[])"},
    {"(x := 1)\n",
     "Module(body=[Expr(value=NamedExpr(target=Name(id='x', ctx=Store(), lineno=1, col_offset=1, end_lineno=1, end_col_offset=2), value=Constant(value=1, lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), lineno=1, col_offset=1, end_lineno=1, end_col_offset=7), lineno=1, col_offset=0, end_lineno=1, end_col_offset=8)], type_ignores=[])"},
    {"[x := 1, *a]\n",
     "Module(body=[Expr(value=List(elts=[NamedExpr(target=Name(id='x', ctx=Store(), lineno=1, col_offset=1, end_lineno=1, end_col_offset=2), value=Constant(value=1, lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), lineno=1, col_offset=1, end_lineno=1, end_col_offset=7), Starred(value=Name(id='a', ctx=Load(), lineno=1, col_offset=10, end_lineno=1, end_col_offset=11), ctx=Load(), lineno=1, col_offset=9, end_lineno=1, end_col_offset=11)], ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=12), lineno=1, col_offset=0, end_lineno=1, end_col_offset=12)], type_ignores=[])"},
    {"{a: b, **c, d: e}\n",
     "Module(body=[Expr(value=Dict(keys=[Name(id='a', ctx=Load(), lineno=1, col_offset=1, end_lineno=1, end_col_offset=2), None, Name(id='d', ctx=Load(), lineno=1, col_offset=12, end_lineno=1, end_col_offset=13)], values=[Name(id='b', ctx=Load(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), Name(id='c', ctx=Load(), lineno=1, col_offset=9, end_lineno=1, end_col_offset=10), Name(id='e', ctx=Load(), lineno=1, col_offset=15, end_lineno=1, end_col_offset=16)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=17), lineno=1, col_offset=0, end_lineno=1, end_col_offset=17)], type_ignores=[])"},
    {"{*a, b}\n",
     "Module(body=[Expr(value=Set(elts=[Starred(value=Name(id='a', ctx=Load(), lineno=1, col_offset=2, end_lineno=1, end_col_offset=3), ctx=Load(), lineno=1, col_offset=1, end_lineno=1, end_col_offset=3), Name(id='b', ctx=Load(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=7), lineno=1, col_offset=0, end_lineno=1, end_col_offset=7)], type_ignores=[])"},
    {"{}\n",
     "Module(body=[Expr(value=Dict(keys=[], values=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=2), lineno=1, col_offset=0, end_lineno=1, end_col_offset=2)], type_ignores=[])"},
    {"{x for x in y if z}\n",
     "Module(body=[Expr(value=SetComp(elt=Name(id='x', ctx=Load(), lineno=1, col_offset=1, end_lineno=1, end_col_offset=2), generators=[comprehension(target=Name(id='x', ctx=Store(), lineno=1, col_offset=7, end_lineno=1, end_col_offset=8), iter=Name(id='y', ctx=Load(), lineno=1, col_offset=12, end_lineno=1, end_col_offset=13), ifs=[Name(id='z', ctx=Load(), lineno=1, col_offset=17, end_lineno=1, end_col_offset=18)], is_async=0)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=19), lineno=1, col_offset=0, end_lineno=1, end_col_offset=19)], type_ignores=[])"},
    {"{k: v for k, v in items async for q in w}\n",
     "Module(body=[Expr(value=DictComp(key=Name(id='k', ctx=Load(), lineno=1, col_offset=1, end_lineno=1, end_col_offset=2), value=Name(id='v', ctx=Load(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), generators=[comprehension(target=Tuple(elts=[Name(id='k', ctx=Store(), lineno=1, col_offset=10, end_lineno=1, end_col_offset=11), Name(id='v', ctx=Store(), lineno=1, col_offset=13, end_lineno=1, end_col_offset=14)], ctx=Store(), lineno=1, col_offset=10, end_lineno=1, end_col_offset=14), iter=Name(id='items', ctx=Load(), lineno=1, col_offset=18, end_lineno=1, end_col_offset=23), ifs=[], is_async=0), comprehension(target=Name(id='q', ctx=Store(), lineno=1, col_offset=34, end_lineno=1, end_col_offset=35), iter=Name(id='w', ctx=Load(), lineno=1, col_offset=39, end_lineno=1, end_col_offset=40), ifs=[], is_async=1)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=41), lineno=1, col_offset=0, end_lineno=1, end_col_offset=41)], type_ignores=[])"},
    {"[x for x in y if a if b]\n",
     "Module(body=[Expr(value=ListComp(elt=Name(id='x', ctx=Load(), lineno=1, col_offset=1, end_lineno=1, end_col_offset=2), generators=[comprehension(target=Name(id='x', ctx=Store(), lineno=1, col_offset=7, end_lineno=1, end_col_offset=8), iter=Name(id='y', ctx=Load(), lineno=1, col_offset=12, end_lineno=1, end_col_offset=13), ifs=[Name(id='a', ctx=Load(), lineno=1, col_offset=17, end_lineno=1, end_col_offset=18), Name(id='b', ctx=Load(), lineno=1, col_offset=22, end_lineno=1, end_col_offset=23)], is_async=0)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=24), lineno=1, col_offset=0, end_lineno=1, end_col_offset=24)], type_ignores=[])"},
    {"(x for x in y)\n",
     "Module(body=[Expr(value=GeneratorExp(elt=Name(id='x', ctx=Load(), lineno=1, col_offset=1, end_lineno=1, end_col_offset=2), generators=[comprehension(target=Name(id='x', ctx=Store(), lineno=1, col_offset=7, end_lineno=1, end_col_offset=8), iter=Name(id='y', ctx=Load(), lineno=1, col_offset=12, end_lineno=1, end_col_offset=13), ifs=[], is_async=0)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=14), lineno=1, col_offset=0, end_lineno=1, end_col_offset=14)], type_ignores=[])"},
    {"f(x for x in y)\n",
     "Module(body=[Expr(value=Call(func=Name(id='f', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), args=[GeneratorExp(elt=Name(id='x', ctx=Load(), lineno=1, col_offset=2, end_lineno=1, end_col_offset=3), generators=[comprehension(target=Name(id='x', ctx=Store(), lineno=1, col_offset=8, end_lineno=1, end_col_offset=9), iter=Name(id='y', ctx=Load(), lineno=1, col_offset=13, end_lineno=1, end_col_offset=14), ifs=[], is_async=0)], lineno=1, col_offset=1, end_lineno=1, end_col_offset=15)], keywords=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=15), lineno=1, col_offset=0, end_lineno=1, end_col_offset=15)], type_ignores=[])"},
    {"f(a)(b)[c].d\n",
     "Module(body=[Expr(value=Attribute(value=Subscript(value=Call(func=Call(func=Name(id='f', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), args=[Name(id='a', ctx=Load(), lineno=1, col_offset=2, end_lineno=1, end_col_offset=3)], keywords=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=4), args=[Name(id='b', ctx=Load(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6)], keywords=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=7), slice=Name(id='c', ctx=Load(), lineno=1, col_offset=8, end_lineno=1, end_col_offset=9), ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=10), attr='d', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=12), lineno=1, col_offset=0, end_lineno=1, end_col_offset=12)], type_ignores=[])"},
    {"a[1:2, ::3, :]\n",
     "Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), slice=Tuple(elts=[Slice(lower=Constant(value=1, lineno=1, col_offset=2, end_lineno=1, end_col_offset=3), upper=Constant(value=2, lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), lineno=1, col_offset=2, end_lineno=1, end_col_offset=5), Slice(step=Constant(value=3, lineno=1, col_offset=9, end_lineno=1, end_col_offset=10), lineno=1, col_offset=7, end_lineno=1, end_col_offset=10), Slice(lineno=1, col_offset=12, end_lineno=1, end_col_offset=13)], ctx=Load(), lineno=1, col_offset=2, end_lineno=1, end_col_offset=13), ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=14), lineno=1, col_offset=0, end_lineno=1, end_col_offset=14)], type_ignores=[])"},
    {"a[::]\n",
     "Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), slice=Slice(lineno=1, col_offset=2, end_lineno=1, end_col_offset=4), ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5)], type_ignores=[])"},
    {"a[*b]\n",
     "Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), slice=Tuple(elts=[Starred(value=Name(id='b', ctx=Load(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=4), ctx=Load(), lineno=1, col_offset=2, end_lineno=1, end_col_offset=4)], ctx=Load(), lineno=1, col_offset=2, end_lineno=1, end_col_offset=4), ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5)], type_ignores=[])"},
    {"a[*b, c]\n",
     "Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), slice=Tuple(elts=[Starred(value=Name(id='b', ctx=Load(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=4), ctx=Load(), lineno=1, col_offset=2, end_lineno=1, end_col_offset=4), Name(id='c', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7)], ctx=Load(), lineno=1, col_offset=2, end_lineno=1, end_col_offset=7), ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=8), lineno=1, col_offset=0, end_lineno=1, end_col_offset=8)], type_ignores=[])"},
    {"a[b:=1]\n",
     "Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), slice=NamedExpr(target=Name(id='b', ctx=Store(), lineno=1, col_offset=2, end_lineno=1, end_col_offset=3), value=Constant(value=1, lineno=1, col_offset=5, end_lineno=1, end_col_offset=6), lineno=1, col_offset=2, end_lineno=1, end_col_offset=6), ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=7), lineno=1, col_offset=0, end_lineno=1, end_col_offset=7)], type_ignores=[])"},
    {"a[1,]\n",
     "Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), slice=Tuple(elts=[Constant(value=1, lineno=1, col_offset=2, end_lineno=1, end_col_offset=3)], ctx=Load(), lineno=1, col_offset=2, end_lineno=1, end_col_offset=4), ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5)], type_ignores=[])"},
    {"()\n",
     "Module(body=[Expr(value=Tuple(elts=[], ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=2), lineno=1, col_offset=0, end_lineno=1, end_col_offset=2)], type_ignores=[])"},
    {"(a,)\n",
     "Module(body=[Expr(value=Tuple(elts=[Name(id='a', ctx=Load(), lineno=1, col_offset=1, end_lineno=1, end_col_offset=2)], ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=4), lineno=1, col_offset=0, end_lineno=1, end_col_offset=4)], type_ignores=[])"},
    {"(*a, b)\n",
     "Module(body=[Expr(value=Tuple(elts=[Starred(value=Name(id='a', ctx=Load(), lineno=1, col_offset=2, end_lineno=1, end_col_offset=3), ctx=Load(), lineno=1, col_offset=1, end_lineno=1, end_col_offset=3), Name(id='b', ctx=Load(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6)], ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=7), lineno=1, col_offset=0, end_lineno=1, end_col_offset=7)], type_ignores=[])"},
    {"(yield)\n",
     "Module(body=[Expr(value=Yield(lineno=1, col_offset=1, end_lineno=1, end_col_offset=6), lineno=1, col_offset=0, end_lineno=1, end_col_offset=7)], type_ignores=[])"},
    {"x = yield from y\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=YieldFrom(value=Name(id='y', ctx=Load(), lineno=1, col_offset=15, end_lineno=1, end_col_offset=16), lineno=1, col_offset=4, end_lineno=1, end_col_offset=16), lineno=1, col_offset=0, end_lineno=1, end_col_offset=16)], type_ignores=[])"},
    {"not not a\n",
     "Module(body=[Expr(value=UnaryOp(op=Not(), operand=UnaryOp(op=Not(), operand=Name(id='a', ctx=Load(), lineno=1, col_offset=8, end_lineno=1, end_col_offset=9), lineno=1, col_offset=4, end_lineno=1, end_col_offset=9), lineno=1, col_offset=0, end_lineno=1, end_col_offset=9), lineno=1, col_offset=0, end_lineno=1, end_col_offset=9)], type_ignores=[])"},
    {"~-+x\n",
     "Module(body=[Expr(value=UnaryOp(op=Invert(), operand=UnaryOp(op=USub(), operand=UnaryOp(op=UAdd(), operand=Name(id='x', ctx=Load(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=4), lineno=1, col_offset=2, end_lineno=1, end_col_offset=4), lineno=1, col_offset=1, end_lineno=1, end_col_offset=4), lineno=1, col_offset=0, end_lineno=1, end_col_offset=4), lineno=1, col_offset=0, end_lineno=1, end_col_offset=4)], type_ignores=[])"},
    {"x = await f() ** 2\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=BinOp(left=Await(value=Call(func=Name(id='f', ctx=Load(), lineno=1, col_offset=10, end_lineno=1, end_col_offset=11), args=[], keywords=[], lineno=1, col_offset=10, end_lineno=1, end_col_offset=13), lineno=1, col_offset=4, end_lineno=1, end_col_offset=13), op=Pow(), right=Constant(value=2, lineno=1, col_offset=17, end_lineno=1, end_col_offset=18), lineno=1, col_offset=4, end_lineno=1, end_col_offset=18), lineno=1, col_offset=0, end_lineno=1, end_col_offset=18)], type_ignores=[])"},
    {"\"a\" \"b\"\n",
     "Module(body=[Expr(value=Constant(value='ab', lineno=1, col_offset=0, end_lineno=1, end_col_offset=7), lineno=1, col_offset=0, end_lineno=1, end_col_offset=7)], type_ignores=[])"},
    {"u\"a\" \"b\"\n",
     "Module(body=[Expr(value=Constant(value='ab', kind='u', lineno=1, col_offset=0, end_lineno=1, end_col_offset=8), lineno=1, col_offset=0, end_lineno=1, end_col_offset=8)], type_ignores=[])"},
    {"b\"a\" b\"b\"\n",
     "Module(body=[Expr(value=Constant(value=b'ab', lineno=1, col_offset=0, end_lineno=1, end_col_offset=9), lineno=1, col_offset=0, end_lineno=1, end_col_offset=9)], type_ignores=[])"},
    {"\"a\" f\"b{x}c\" \"d\"\n",
     "Module(body=[Expr(value=JoinedStr(values=[Constant(value='ab', lineno=1, col_offset=0, end_lineno=1, end_col_offset=7), FormattedValue(value=Name(id='x', ctx=Load(), lineno=1, col_offset=8, end_lineno=1, end_col_offset=9), conversion=-1, lineno=1, col_offset=7, end_lineno=1, end_col_offset=10), Constant(value='cd', lineno=1, col_offset=10, end_lineno=1, end_col_offset=16)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=16), lineno=1, col_offset=0, end_lineno=1, end_col_offset=16)], type_ignores=[])"},
    {"f\"{x!r:>{w}} {y=}\"\n",
     "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=4), conversion=114, format_spec=JoinedStr(values=[Constant(value='>', lineno=1, col_offset=7, end_lineno=1, end_col_offset=8), FormattedValue(value=Name(id='w', ctx=Load(), lineno=1, col_offset=9, end_lineno=1, end_col_offset=10), conversion=-1, lineno=1, col_offset=8, end_lineno=1, end_col_offset=11), Constant(value='', lineno=1, col_offset=11, end_lineno=1, end_col_offset=11)], lineno=1, col_offset=6, end_lineno=1, end_col_offset=11), lineno=1, col_offset=2, end_lineno=1, end_col_offset=12), Constant(value=' y=', lineno=1, col_offset=12, end_lineno=1, end_col_offset=16), FormattedValue(value=Name(id='y', ctx=Load(), lineno=1, col_offset=14, end_lineno=1, end_col_offset=15), conversion=114, lineno=1, col_offset=13, end_lineno=1, end_col_offset=17)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=18), lineno=1, col_offset=0, end_lineno=1, end_col_offset=18)], type_ignores=[])"},
    {"f\"{x=!s:^{w}}\"\n",
     "Module(body=[Expr(value=JoinedStr(values=[Constant(value='x=', lineno=1, col_offset=3, end_lineno=1, end_col_offset=5), FormattedValue(value=Name(id='x', ctx=Load(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=4), conversion=115, format_spec=JoinedStr(values=[Constant(value='^', lineno=1, col_offset=8, end_lineno=1, end_col_offset=9), FormattedValue(value=Name(id='w', ctx=Load(), lineno=1, col_offset=10, end_lineno=1, end_col_offset=11), conversion=-1, lineno=1, col_offset=9, end_lineno=1, end_col_offset=12), Constant(value='', lineno=1, col_offset=12, end_lineno=1, end_col_offset=12)], lineno=1, col_offset=7, end_lineno=1, end_col_offset=12), lineno=1, col_offset=2, end_lineno=1, end_col_offset=13)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=14), lineno=1, col_offset=0, end_lineno=1, end_col_offset=14)], type_ignores=[])"},
    {"f\"{x:{y}}\"\n",
     "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=4), conversion=-1, format_spec=JoinedStr(values=[FormattedValue(value=Name(id='y', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), conversion=-1, lineno=1, col_offset=5, end_lineno=1, end_col_offset=8), Constant(value='', lineno=1, col_offset=8, end_lineno=1, end_col_offset=8)], lineno=1, col_offset=4, end_lineno=1, end_col_offset=8), lineno=1, col_offset=2, end_lineno=1, end_col_offset=9)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=10), lineno=1, col_offset=0, end_lineno=1, end_col_offset=10)], type_ignores=[])"},
    {"f\"a{{b}}c{{\"\n",
     "Module(body=[Expr(value=JoinedStr(values=[Constant(value='a{b}c{', lineno=1, col_offset=2, end_lineno=1, end_col_offset=11)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=12), lineno=1, col_offset=0, end_lineno=1, end_col_offset=12)], type_ignores=[])"},
    {"rf\"\\d{x}\\n\"\n",
     "Module(body=[Expr(value=JoinedStr(values=[Constant(value='\\\\d', lineno=1, col_offset=3, end_lineno=1, end_col_offset=5), FormattedValue(value=Name(id='x', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), conversion=-1, lineno=1, col_offset=5, end_lineno=1, end_col_offset=8), Constant(value='\\\\n', lineno=1, col_offset=8, end_lineno=1, end_col_offset=10)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=11), lineno=1, col_offset=0, end_lineno=1, end_col_offset=11)], type_ignores=[])"},
    {"f\"\\n{x}\\t\"\n",
     "Module(body=[Expr(value=JoinedStr(values=[Constant(value='\\n', lineno=1, col_offset=2, end_lineno=1, end_col_offset=4), FormattedValue(value=Name(id='x', ctx=Load(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6), conversion=-1, lineno=1, col_offset=4, end_lineno=1, end_col_offset=7), Constant(value='\\t', lineno=1, col_offset=7, end_lineno=1, end_col_offset=9)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=10), lineno=1, col_offset=0, end_lineno=1, end_col_offset=10)], type_ignores=[])"},
    {"f\"{'a' 'b'}\"\n",
     "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Constant(value='ab', lineno=1, col_offset=3, end_lineno=1, end_col_offset=10), conversion=-1, lineno=1, col_offset=2, end_lineno=1, end_col_offset=11)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=12), lineno=1, col_offset=0, end_lineno=1, end_col_offset=12)], type_ignores=[])"},
    {"f\"{x:=10}\"\n",
     "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=4), conversion=-1, format_spec=JoinedStr(values=[Constant(value='=10', lineno=1, col_offset=5, end_lineno=1, end_col_offset=8)], lineno=1, col_offset=4, end_lineno=1, end_col_offset=8), lineno=1, col_offset=2, end_lineno=1, end_col_offset=9)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=10), lineno=1, col_offset=0, end_lineno=1, end_col_offset=10)], type_ignores=[])"},
    {"f\"{x,y}\"\n",
     "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Tuple(elts=[Name(id='x', ctx=Load(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=4), Name(id='y', ctx=Load(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6)], ctx=Load(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=6), conversion=-1, lineno=1, col_offset=2, end_lineno=1, end_col_offset=7)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=8), lineno=1, col_offset=0, end_lineno=1, end_col_offset=8)], type_ignores=[])"},
    {"f\"{*x,}\"\n",
     "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Tuple(elts=[Starred(value=Name(id='x', ctx=Load(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), ctx=Load(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=5)], ctx=Load(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=6), conversion=-1, lineno=1, col_offset=2, end_lineno=1, end_col_offset=7)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=8), lineno=1, col_offset=0, end_lineno=1, end_col_offset=8)], type_ignores=[])"},
    {"f\"{1+2 = # comment\n}\"\n",
     "Module(body=[Expr(value=JoinedStr(values=[Constant(value='1+2 = \\n', lineno=1, col_offset=3, end_lineno=2, end_col_offset=0), FormattedValue(value=BinOp(left=Constant(value=1, lineno=1, col_offset=3, end_lineno=1, end_col_offset=4), op=Add(), right=Constant(value=2, lineno=1, col_offset=5, end_lineno=1, end_col_offset=6), lineno=1, col_offset=3, end_lineno=1, end_col_offset=6), conversion=114, lineno=1, col_offset=2, end_lineno=2, end_col_offset=1)], lineno=1, col_offset=0, end_lineno=2, end_col_offset=2), lineno=1, col_offset=0, end_lineno=2, end_col_offset=2)], type_ignores=[])"},
    {"\"\" f\"{x}\" \"\"\n",
     "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), conversion=-1, lineno=1, col_offset=5, end_lineno=1, end_col_offset=8)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=12), lineno=1, col_offset=0, end_lineno=1, end_col_offset=12)], type_ignores=[])"},
    {"f\"{x}\" \"\" \"a\"\n",
     "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=4), conversion=-1, lineno=1, col_offset=2, end_lineno=1, end_col_offset=5), Constant(value='a', lineno=1, col_offset=7, end_lineno=1, end_col_offset=13)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=13), lineno=1, col_offset=0, end_lineno=1, end_col_offset=13)], type_ignores=[])"},
    {"x = 1_000.5j + 0xff + 0o7 + 0b1 + 1e10\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=BinOp(left=BinOp(left=BinOp(left=BinOp(left=Constant(value=1000.5j, lineno=1, col_offset=4, end_lineno=1, end_col_offset=12), op=Add(), right=Constant(value=255, lineno=1, col_offset=15, end_lineno=1, end_col_offset=19), lineno=1, col_offset=4, end_lineno=1, end_col_offset=19), op=Add(), right=Constant(value=7, lineno=1, col_offset=22, end_lineno=1, end_col_offset=25), lineno=1, col_offset=4, end_lineno=1, end_col_offset=25), op=Add(), right=Constant(value=1, lineno=1, col_offset=28, end_lineno=1, end_col_offset=31), lineno=1, col_offset=4, end_lineno=1, end_col_offset=31), op=Add(), right=Constant(value=10000000000.0, lineno=1, col_offset=34, end_lineno=1, end_col_offset=38), lineno=1, col_offset=4, end_lineno=1, end_col_offset=38), lineno=1, col_offset=0, end_lineno=1, end_col_offset=38)], type_ignores=[])"},
    {"...\n",
     "Module(body=[Expr(value=Constant(value=Ellipsis, lineno=1, col_offset=0, end_lineno=1, end_col_offset=3), lineno=1, col_offset=0, end_lineno=1, end_col_offset=3)], type_ignores=[])"},
    {"print(*a, sep='', **k)\n",
     "Module(body=[Expr(value=Call(func=Name(id='print', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5), args=[Starred(value=Name(id='a', ctx=Load(), lineno=1, col_offset=7, end_lineno=1, end_col_offset=8), ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=8)], keywords=[keyword(arg='sep', value=Constant(value='', lineno=1, col_offset=14, end_lineno=1, end_col_offset=16), lineno=1, col_offset=10, end_lineno=1, end_col_offset=16), keyword(value=Name(id='k', ctx=Load(), lineno=1, col_offset=20, end_lineno=1, end_col_offset=21), lineno=1, col_offset=18, end_lineno=1, end_col_offset=21)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=22), lineno=1, col_offset=0, end_lineno=1, end_col_offset=22)], type_ignores=[])"},
    {"f(*a, *b, c, d=1, *e, **f)\n",
     "Module(body=[Expr(value=Call(func=Name(id='f', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), args=[Starred(value=Name(id='a', ctx=Load(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=4), ctx=Load(), lineno=1, col_offset=2, end_lineno=1, end_col_offset=4), Starred(value=Name(id='b', ctx=Load(), lineno=1, col_offset=7, end_lineno=1, end_col_offset=8), ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=8), Name(id='c', ctx=Load(), lineno=1, col_offset=10, end_lineno=1, end_col_offset=11), Starred(value=Name(id='e', ctx=Load(), lineno=1, col_offset=19, end_lineno=1, end_col_offset=20), ctx=Load(), lineno=1, col_offset=18, end_lineno=1, end_col_offset=20)], keywords=[keyword(arg='d', value=Constant(value=1, lineno=1, col_offset=15, end_lineno=1, end_col_offset=16), lineno=1, col_offset=13, end_lineno=1, end_col_offset=16), keyword(value=Name(id='f', ctx=Load(), lineno=1, col_offset=24, end_lineno=1, end_col_offset=25), lineno=1, col_offset=22, end_lineno=1, end_col_offset=25)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=26), lineno=1, col_offset=0, end_lineno=1, end_col_offset=26)], type_ignores=[])"},
    {"a.b.c = d[e] = 1\n",
     "Module(body=[Assign(targets=[Attribute(value=Attribute(value=Name(id='a', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), attr='b', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=3), attr='c', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5), Subscript(value=Name(id='d', ctx=Load(), lineno=1, col_offset=8, end_lineno=1, end_col_offset=9), slice=Name(id='e', ctx=Load(), lineno=1, col_offset=10, end_lineno=1, end_col_offset=11), ctx=Store(), lineno=1, col_offset=8, end_lineno=1, end_col_offset=12)], value=Constant(value=1, lineno=1, col_offset=15, end_lineno=1, end_col_offset=16), lineno=1, col_offset=0, end_lineno=1, end_col_offset=16)], type_ignores=[])"},
    {"for x, in y: pass\n",
     "Module(body=[For(target=Tuple(elts=[Name(id='x', ctx=Store(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=5)], ctx=Store(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=6), iter=Name(id='y', ctx=Load(), lineno=1, col_offset=10, end_lineno=1, end_col_offset=11), body=[Pass(lineno=1, col_offset=13, end_lineno=1, end_col_offset=17)], orelse=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=17)], type_ignores=[])"},
    {"for (a, b), c in d: pass\n",
     "Module(body=[For(target=Tuple(elts=[Tuple(elts=[Name(id='a', ctx=Store(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6), Name(id='b', ctx=Store(), lineno=1, col_offset=8, end_lineno=1, end_col_offset=9)], ctx=Store(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=10), Name(id='c', ctx=Store(), lineno=1, col_offset=12, end_lineno=1, end_col_offset=13)], ctx=Store(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=13), iter=Name(id='d', ctx=Load(), lineno=1, col_offset=17, end_lineno=1, end_col_offset=18), body=[Pass(lineno=1, col_offset=20, end_lineno=1, end_col_offset=24)], orelse=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=24)], type_ignores=[])"},
    {"del a, (b, c), [d], e.f, g[h]\n",
     "Module(body=[Delete(targets=[Name(id='a', ctx=Del(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), Tuple(elts=[Name(id='b', ctx=Del(), lineno=1, col_offset=8, end_lineno=1, end_col_offset=9), Name(id='c', ctx=Del(), lineno=1, col_offset=11, end_lineno=1, end_col_offset=12)], ctx=Del(), lineno=1, col_offset=7, end_lineno=1, end_col_offset=13), List(elts=[Name(id='d', ctx=Del(), lineno=1, col_offset=16, end_lineno=1, end_col_offset=17)], ctx=Del(), lineno=1, col_offset=15, end_lineno=1, end_col_offset=18), Attribute(value=Name(id='e', ctx=Load(), lineno=1, col_offset=20, end_lineno=1, end_col_offset=21), attr='f', ctx=Del(), lineno=1, col_offset=20, end_lineno=1, end_col_offset=23), Subscript(value=Name(id='g', ctx=Load(), lineno=1, col_offset=25, end_lineno=1, end_col_offset=26), slice=Name(id='h', ctx=Load(), lineno=1, col_offset=27, end_lineno=1, end_col_offset=28), ctx=Del(), lineno=1, col_offset=25, end_lineno=1, end_col_offset=29)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=29)], type_ignores=[])"},
    {"x = a or b and c or d\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=BoolOp(op=Or(), values=[Name(id='a', ctx=Load(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), BoolOp(op=And(), values=[Name(id='b', ctx=Load(), lineno=1, col_offset=9, end_lineno=1, end_col_offset=10), Name(id='c', ctx=Load(), lineno=1, col_offset=15, end_lineno=1, end_col_offset=16)], lineno=1, col_offset=9, end_lineno=1, end_col_offset=16), Name(id='d', ctx=Load(), lineno=1, col_offset=20, end_lineno=1, end_col_offset=21)], lineno=1, col_offset=4, end_lineno=1, end_col_offset=21), lineno=1, col_offset=0, end_lineno=1, end_col_offset=21)], type_ignores=[])"},
    {"x = \"\\N{EM DASH}\\x41\\u00e9\\U0001F600\\101\"\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=Constant(value='—Aé😀A', lineno=1, col_offset=4, end_lineno=1, end_col_offset=41), lineno=1, col_offset=0, end_lineno=1, end_col_offset=41)], type_ignores=[])"},
    {"x = b'\\x00\\xff\\n'\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=Constant(value=b'\\x00\\xff\\n', lineno=1, col_offset=4, end_lineno=1, end_col_offset=17), lineno=1, col_offset=0, end_lineno=1, end_col_offset=17)], type_ignores=[])"},
    {"x = type = match = case = _ = 1\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), Name(id='type', ctx=Store(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=8), Name(id='match', ctx=Store(), lineno=1, col_offset=11, end_lineno=1, end_col_offset=16), Name(id='case', ctx=Store(), lineno=1, col_offset=19, end_lineno=1, end_col_offset=23), Name(id='_', ctx=Store(), lineno=1, col_offset=26, end_lineno=1, end_col_offset=27)], value=Constant(value=1, lineno=1, col_offset=30, end_lineno=1, end_col_offset=31), lineno=1, col_offset=0, end_lineno=1, end_col_offset=31)], type_ignores=[])"},
    {"x = (a for b in c for d in e if f)\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=GeneratorExp(elt=Name(id='a', ctx=Load(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6), generators=[comprehension(target=Name(id='b', ctx=Store(), lineno=1, col_offset=11, end_lineno=1, end_col_offset=12), iter=Name(id='c', ctx=Load(), lineno=1, col_offset=16, end_lineno=1, end_col_offset=17), ifs=[], is_async=0), comprehension(target=Name(id='d', ctx=Store(), lineno=1, col_offset=22, end_lineno=1, end_col_offset=23), iter=Name(id='e', ctx=Load(), lineno=1, col_offset=27, end_lineno=1, end_col_offset=28), ifs=[Name(id='f', ctx=Load(), lineno=1, col_offset=32, end_lineno=1, end_col_offset=33)], is_async=0)], lineno=1, col_offset=4, end_lineno=1, end_col_offset=34), lineno=1, col_offset=0, end_lineno=1, end_col_offset=34)], type_ignores=[])"},
    {"x = [[y for y in x] for x in z]\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=ListComp(elt=ListComp(elt=Name(id='y', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), generators=[comprehension(target=Name(id='y', ctx=Store(), lineno=1, col_offset=12, end_lineno=1, end_col_offset=13), iter=Name(id='x', ctx=Load(), lineno=1, col_offset=17, end_lineno=1, end_col_offset=18), ifs=[], is_async=0)], lineno=1, col_offset=5, end_lineno=1, end_col_offset=19), generators=[comprehension(target=Name(id='x', ctx=Store(), lineno=1, col_offset=24, end_lineno=1, end_col_offset=25), iter=Name(id='z', ctx=Load(), lineno=1, col_offset=29, end_lineno=1, end_col_offset=30), ifs=[], is_async=0)], lineno=1, col_offset=4, end_lineno=1, end_col_offset=31), lineno=1, col_offset=0, end_lineno=1, end_col_offset=31)], type_ignores=[])"},
    {"x = (\"a\"\n     \"b\")\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=Constant(value='ab', lineno=1, col_offset=5, end_lineno=2, end_col_offset=8), lineno=1, col_offset=0, end_lineno=2, end_col_offset=9)], type_ignores=[])"},
    {"f(a,)(*b,)(**c,)\n",
     "Module(body=[Expr(value=Call(func=Call(func=Call(func=Name(id='f', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), args=[Name(id='a', ctx=Load(), lineno=1, col_offset=2, end_lineno=1, end_col_offset=3)], keywords=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=5), args=[Starred(value=Name(id='b', ctx=Load(), lineno=1, col_offset=7, end_lineno=1, end_col_offset=8), ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=8)], keywords=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=10), args=[], keywords=[keyword(value=Name(id='c', ctx=Load(), lineno=1, col_offset=13, end_lineno=1, end_col_offset=14), lineno=1, col_offset=11, end_lineno=1, end_col_offset=14)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=16), lineno=1, col_offset=0, end_lineno=1, end_col_offset=16)], type_ignores=[])"},
    {"x = a @ b // c % d << e >> f & g ^ h | i\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=Name(id='a', ctx=Load(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), op=MatMult(), right=Name(id='b', ctx=Load(), lineno=1, col_offset=8, end_lineno=1, end_col_offset=9), lineno=1, col_offset=4, end_lineno=1, end_col_offset=9), op=FloorDiv(), right=Name(id='c', ctx=Load(), lineno=1, col_offset=13, end_lineno=1, end_col_offset=14), lineno=1, col_offset=4, end_lineno=1, end_col_offset=14), op=Mod(), right=Name(id='d', ctx=Load(), lineno=1, col_offset=17, end_lineno=1, end_col_offset=18), lineno=1, col_offset=4, end_lineno=1, end_col_offset=18), op=LShift(), right=Name(id='e', ctx=Load(), lineno=1, col_offset=22, end_lineno=1, end_col_offset=23), lineno=1, col_offset=4, end_lineno=1, end_col_offset=23), op=RShift(), right=Name(id='f', ctx=Load(), lineno=1, col_offset=27, end_lineno=1, end_col_offset=28), lineno=1, col_offset=4, end_lineno=1, end_col_offset=28), op=BitAnd(), right=Name(id='g', ctx=Load(), lineno=1, col_offset=31, end_lineno=1, end_col_offset=32), lineno=1, col_offset=4, end_lineno=1, end_col_offset=32), op=BitXor(), right=Name(id='h', ctx=Load(), lineno=1, col_offset=35, end_lineno=1, end_col_offset=36), lineno=1, col_offset=4, end_lineno=1, end_col_offset=36), op=BitOr(), right=Name(id='i', ctx=Load(), lineno=1, col_offset=39, end_lineno=1, end_col_offset=40), lineno=1, col_offset=4, end_lineno=1, end_col_offset=40), lineno=1, col_offset=0, end_lineno=1, end_col_offset=40)], type_ignores=[])"},
    {"lambda x=lambda: 1: x\n",
     "Module(body=[Expr(value=Lambda(args=arguments(posonlyargs=[], args=[arg(arg='x', lineno=1, col_offset=7, end_lineno=1, end_col_offset=8)], kwonlyargs=[], kw_defaults=[], defaults=[Lambda(args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=Constant(value=1, lineno=1, col_offset=17, end_lineno=1, end_col_offset=18), lineno=1, col_offset=9, end_lineno=1, end_col_offset=18)]), body=Name(id='x', ctx=Load(), lineno=1, col_offset=20, end_lineno=1, end_col_offset=21), lineno=1, col_offset=0, end_lineno=1, end_col_offset=21), lineno=1, col_offset=0, end_lineno=1, end_col_offset=21)], type_ignores=[])"},
    {"[*a, *b] = c\n",
     "Module(body=[Assign(targets=[List(elts=[Starred(value=Name(id='a', ctx=Store(), lineno=1, col_offset=2, end_lineno=1, end_col_offset=3), ctx=Store(), lineno=1, col_offset=1, end_lineno=1, end_col_offset=3), Starred(value=Name(id='b', ctx=Store(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), ctx=Store(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=7)], ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=8)], value=Name(id='c', ctx=Load(), lineno=1, col_offset=11, end_lineno=1, end_col_offset=12), lineno=1, col_offset=0, end_lineno=1, end_col_offset=12)], type_ignores=[])"},
    {"(a, b), *c = d\n",
     "Module(body=[Assign(targets=[Tuple(elts=[Tuple(elts=[Name(id='a', ctx=Store(), lineno=1, col_offset=1, end_lineno=1, end_col_offset=2), Name(id='b', ctx=Store(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=5)], ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=6), Starred(value=Name(id='c', ctx=Store(), lineno=1, col_offset=9, end_lineno=1, end_col_offset=10), ctx=Store(), lineno=1, col_offset=8, end_lineno=1, end_col_offset=10)], ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=10)], value=Name(id='d', ctx=Load(), lineno=1, col_offset=13, end_lineno=1, end_col_offset=14), lineno=1, col_offset=0, end_lineno=1, end_col_offset=14)], type_ignores=[])"},
    {"x = {**a, 'b': 1}\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=Dict(keys=[None, Constant(value='b', lineno=1, col_offset=10, end_lineno=1, end_col_offset=13)], values=[Name(id='a', ctx=Load(), lineno=1, col_offset=7, end_lineno=1, end_col_offset=8), Constant(value=1, lineno=1, col_offset=15, end_lineno=1, end_col_offset=16)], lineno=1, col_offset=4, end_lineno=1, end_col_offset=17), lineno=1, col_offset=0, end_lineno=1, end_col_offset=17)], type_ignores=[])"},
    {"a < b <= c != d\n",
     "Module(body=[Expr(value=Compare(left=Name(id='a', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), ops=[Lt(), LtE(), NotEq()], comparators=[Name(id='b', ctx=Load(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), Name(id='c', ctx=Load(), lineno=1, col_offset=9, end_lineno=1, end_col_offset=10), Name(id='d', ctx=Load(), lineno=1, col_offset=14, end_lineno=1, end_col_offset=15)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=15), lineno=1, col_offset=0, end_lineno=1, end_col_offset=15)], type_ignores=[])"},
    {"not a in b\n",
     "Module(body=[Expr(value=UnaryOp(op=Not(), operand=Compare(left=Name(id='a', ctx=Load(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), ops=[In()], comparators=[Name(id='b', ctx=Load(), lineno=1, col_offset=9, end_lineno=1, end_col_offset=10)], lineno=1, col_offset=4, end_lineno=1, end_col_offset=10), lineno=1, col_offset=0, end_lineno=1, end_col_offset=10), lineno=1, col_offset=0, end_lineno=1, end_col_offset=10)], type_ignores=[])"},
    {"a is not b is c\n",
     "Module(body=[Expr(value=Compare(left=Name(id='a', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), ops=[IsNot(), Is()], comparators=[Name(id='b', ctx=Load(), lineno=1, col_offset=9, end_lineno=1, end_col_offset=10), Name(id='c', ctx=Load(), lineno=1, col_offset=14, end_lineno=1, end_col_offset=15)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=15), lineno=1, col_offset=0, end_lineno=1, end_col_offset=15)], type_ignores=[])"},
    {"x = [i for i in a if i not in b]\n",
     "Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=ListComp(elt=Name(id='i', ctx=Load(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6), generators=[comprehension(target=Name(id='i', ctx=Store(), lineno=1, col_offset=11, end_lineno=1, end_col_offset=12), iter=Name(id='a', ctx=Load(), lineno=1, col_offset=16, end_lineno=1, end_col_offset=17), ifs=[Compare(left=Name(id='i', ctx=Load(), lineno=1, col_offset=21, end_lineno=1, end_col_offset=22), ops=[NotIn()], comparators=[Name(id='b', ctx=Load(), lineno=1, col_offset=30, end_lineno=1, end_col_offset=31)], lineno=1, col_offset=21, end_lineno=1, end_col_offset=31)], is_async=0)], lineno=1, col_offset=4, end_lineno=1, end_col_offset=32), lineno=1, col_offset=0, end_lineno=1, end_col_offset=32)], type_ignores=[])"},
};
const Case kRejected[] = {
    {"f(a b)\n", "invalid syntax. Perhaps you forgot a comma?"},
    {"[1, 2 3]\n", "invalid syntax. Perhaps you forgot a comma?"},
    {"{1: 2, 3}\n", "':' expected after dictionary key"},
    {"{1:}\n", "expression expected after dictionary key and ':'"},
    {"{1: *a}\n", "cannot use a starred expression in a dictionary value"},
    {"x = a if b\n", "expected 'else' after 'if' expression"},
    {"(*a)\n", "cannot use starred expression here"},
    {"[*a for a in b]\n", "iterable unpacking cannot be used in comprehension"},
    {"{**a for a in b}\n", "dict unpacking cannot be used in dict comprehension"},
    {"f(x for x in y, 1)\n", "Generator expression must be parenthesized"},
    {"f(a=1, b)\n", "positional argument follows keyword argument"},
    {"f(**a, b)\n", "positional argument follows keyword argument unpacking"},
    {"f(**a, *b)\n", "iterable argument unpacking follows keyword argument unpacking"},
    {"f(a=)\n", "expected argument value expression"},
    {"f(*a=1)\n", "cannot assign to iterable argument unpacking"},
    {"f(True=1)\n", "cannot assign to True"},
    {"f(a.b=1)\n", "expression cannot contain assignment, perhaps you meant \"==\"?"},
    {"def f(a=1, b): pass\n", "parameter without a default follows parameter with a default"},
    {"def f(*): pass\n", "named arguments must follow bare *"},
    {"def f(*, **k): pass\n", "named arguments must follow bare *"},
    {"def f(**k, a): pass\n", "arguments cannot follow var-keyword argument"},
    {"def f(a, /, /): pass\n", "/ may appear only once"},
    {"def f(/): pass\n", "invalid syntax"},
    {"def f(*a=1): pass\n", "var-positional argument cannot have default value"},
    {"def f(a, (b, c)): pass\n", "Function parameters cannot be parenthesized"},
    {"lambda a=1, b: 0\n", "parameter without a default follows parameter with a default"},
    {"[x for x in 1 + 2 = 3]\n", "invalid syntax"},
    {"[x for 1 in y]\n", "cannot assign to literal"},
    {"[x, y for x, y in z]\n", "did you forget parentheses around the comprehension target?"},
    {"f\"{x!z}\"\n", "f-string: invalid conversion character 'z': expected 's', 'r', or 'a'"},
    {"f\"{x! r}\"\n", "f-string: conversion type must come right after the exclamanation mark"},
    {"f\"{}\"\n", "f-string: valid expression required before '}'"},
    {"f\"{x!}\"\n", "f-string: missing conversion character"},
    {"\"a\" b\"b\"\n", "cannot mix bytes and nonbytes literals"},
    {"b\"\\xff\" \"a\"\n", "cannot mix bytes and nonbytes literals"},
    {"x := 1\n", "invalid syntax"},
    {"a.b := 1\n", "cannot use assignment expressions with attribute"},
    {"[x := 1: 2]\n", "invalid syntax"},
    {"a[x:=1:2]\n", "invalid syntax"},
    {"(a, b) := 1\n", "cannot use assignment expressions with tuple"},
    {"lambda x: (yield)) \n", "unmatched ')'"},
    {"x = 1 if 2 else\n", "invalid syntax"},
    {"not\n", "invalid syntax"},
    {"a +\n", "invalid syntax"},
    {"f(,)\n", "invalid syntax"},
    {"[,]\n", "invalid syntax"},
    {"a[]\n", "invalid syntax"},
    {"a.1\n", "invalid syntax"},
    {"del *a\n", "cannot delete starred"},
    {"del f()\n", "cannot delete function call"},
    {"for f() in x: pass\n", "cannot assign to function call"},
    {"x = (1, 2\n", "'(' was never closed"},
    {"f(**a b)\n", "invalid syntax. Perhaps you forgot a comma?"},
    {"def f(a, d=, c): pass\n", "expected default value expression"},
    {"lambda a=1,/*,b: 0\n", "expected comma between / and *"},
    {"x = [a, b=1]\n", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?"},
    {"{1:2, 3:4 5:6}\n", "invalid syntax. Perhaps you forgot a comma?"},
    {"f(*a=1)\n", "cannot assign to iterable argument unpacking"},
    {"f(x=1 for x in y)\n", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?"},
    {"class C(x for x in y): pass\n", "invalid syntax"},
};

TEST(ParserExpr, TreesMatchCPython) {
  for (const Case& c : kAccepted) {
    EXPECT_EQ(parse_and_dump(c.source), c.expected) << "source: " << c.source;
  }
}

TEST(ParserExpr, RejectsWhatCPythonRejects) {
  for (const Case& c : kRejected) {
    auto parsed = parse312(c.source);
    ASSERT_TRUE(parsed->error.has_value()) << "accepted: " << c.source;
    EXPECT_EQ(parsed->error->message, c.expected) << "source: " << c.source;
  }
}

TEST(ParserExpr, ChainedComparisonKeepsEveryOperand) {
  auto parsed = parse312("a < b == c not in d is not e\n");
  ASSERT_FALSE(parsed->error.has_value());
  auto* stmt = dyn_cast<ExprStmt>(parsed->module->body[0]);
  ASSERT_NE(stmt, nullptr);
  auto* cmp = dyn_cast<Compare>(stmt->value);
  ASSERT_NE(cmp, nullptr);
  EXPECT_EQ(cmp->comparators.size(), 4u);
  EXPECT_EQ(cmp->col_offset, 0);
  EXPECT_EQ(cmp->end_col_offset, 28);
  ASSERT_EQ(cmp->ops.size(), 4u);
  EXPECT_EQ(cmp->ops[0], CmpOperator::Lt);
  EXPECT_EQ(cmp->ops[1], CmpOperator::Eq);
  EXPECT_EQ(cmp->ops[2], CmpOperator::NotIn);
  EXPECT_EQ(cmp->ops[3], CmpOperator::IsNot);
}

TEST(ParserExpr, LongUnaryChainsDoNotRecurse) {
  // CPython 3.12 accepts a thousand nested unary operators; so do we, within the
  // default depth limit and the default stack.
  for (const char* op : {"-", "not ", "~"}) {
    std::string source;
    for (int i = 0; i < 1000; ++i) source += op;
    source += "x\n";
    auto parsed = parse312(source);
    EXPECT_FALSE(parsed->error.has_value()) << op << ": " << parsed->error->message;
  }
}

TEST(ParserExpr, DeepNestingEndsInTooDeepNotACrash) {
  // Brackets are capped by the lexer; lambdas and conditional expressions nest
  // without brackets and must stop at the parser's depth limit.
  std::string lambdas;
  for (int i = 0; i < 100000; ++i) lambdas += "lambda:";
  lambdas += "0\n";
  auto parsed = parse312(lambdas);
  ASSERT_TRUE(parsed->error.has_value());
  EXPECT_EQ(parsed->error->kind, SyntaxErrorKind::TooDeep);

  std::string powers = "x";
  for (int i = 0; i < 100000; ++i) powers += "**x";
  parsed = parse312(powers + "\n");
  ASSERT_TRUE(parsed->error.has_value());
  EXPECT_EQ(parsed->error->kind, SyntaxErrorKind::TooDeep);

  std::string conditionals = "x";
  for (int i = 0; i < 100000; ++i) conditionals += " if x else x";
  parsed = parse312(conditionals + "\n");
  ASSERT_TRUE(parsed->error.has_value());
  EXPECT_EQ(parsed->error->kind, SyntaxErrorKind::TooDeep);
}

TEST(ParserExpr, LongFlatExpressionsParse) {
  std::string list = "[";
  for (int i = 0; i < 100000; ++i) list += "1,";
  auto parsed = parse312(list + "]\n");
  EXPECT_FALSE(parsed->error.has_value());
}

TEST(ParserExpr, TreesDeeperThanCPythonBuildsAreRejected) {
  // CPython 3.12's ast.parse accepts a chain of 2994 binary operators (or 2993
  // unary ones, attributes, calls) and raises RecursionError beyond.
  auto chain = [](const std::string& head, const std::string& link, int n) {
    std::string s = head;
    for (int i = 0; i < n; ++i) s += link;
    return s + "\n";
  };
  EXPECT_FALSE(parse312(chain("x", "+x", 2993))->error.has_value());
  auto parsed = parse312(chain("x", "+x", 2994));
  ASSERT_TRUE(parsed->error.has_value());
  EXPECT_EQ(parsed->error->kind, SyntaxErrorKind::TooDeep);
  EXPECT_FALSE(parse312(chain("a", ".b", 2993))->error.has_value());
  EXPECT_TRUE(parse312(chain("a", ".b", 2994))->error.has_value());
  EXPECT_FALSE(parse312(chain("", "-", 2993).substr(0, 2993) + "x\n")->error.has_value());
  EXPECT_TRUE(parse312(chain("", "-", 2994).substr(0, 2994) + "x\n")->error.has_value());
}

TEST(ParserExpr, OlderGrammarsRejectNewerExpressions) {
  struct VersionCase {
    const char* source;
    int first_minor;  // the first Python 3 minor version that accepts it (CPython's ast.parse)
  };
  const VersionCase cases[] = {
      {"{x := 1}\n", 9},  {"{a, x := 1}\n", 9},          {"a[x := 1]\n", 10},
      {"a[*b]\n", 11},    {"def f(*a: *b): pass\n", 11}, {"[x := 1]\n", 8},
  };
  for (const VersionCase& c : cases) {
    for (int minor = 8; minor <= 12; ++minor) {
      ParseOptions options;
      options.set_feature_minor(minor);
      auto parsed = parse_python(c.source, options);
      EXPECT_EQ(!parsed->error.has_value(), minor >= c.first_minor)
          << "3." << minor << ": " << c.source;
    }
  }
}

TEST(ParserExpr, FormatSpecPiecesFollowTheVersion) {
  // 3.12 keeps the empty piece after a nested field; 3.13 drops it.
  ParseOptions options;
  options.set_feature_minor(13);
  auto parsed = parse_python("f\"{x:{y}}\"\n", options);
  ASSERT_FALSE(parsed->error.has_value());
  EXPECT_EQ(dump(parsed->module), "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=4), conversion=-1, format_spec=JoinedStr(values=[FormattedValue(value=Name(id='y', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), conversion=-1, lineno=1, col_offset=5, end_lineno=1, end_col_offset=8)], lineno=1, col_offset=4, end_lineno=1, end_col_offset=8), lineno=1, col_offset=2, end_lineno=1, end_col_offset=9)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=10), lineno=1, col_offset=0, end_lineno=1, end_col_offset=10)], type_ignores=[])");
  EXPECT_NE(parse_and_dump("f\"{x:{y}}\"\n").find("Constant(value=''"), std::string::npos);
}

TEST(ParserExpr, InvalidTargetsAreNamedAsCPythonNamesThem) {
  auto parsed = parse312("f() = 1\n");
  ASSERT_TRUE(parsed->error.has_value());
  EXPECT_NE(parsed->error->message.find("function call"), std::string::npos);
  parsed = parse312("del (a, 1)\n");
  ASSERT_TRUE(parsed->error.has_value());
  EXPECT_EQ(parsed->error->message, "cannot delete literal");
}

}  // namespace
}  // namespace aegis::py
