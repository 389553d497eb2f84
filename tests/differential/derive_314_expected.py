#!/usr/bin/env python3
"""Derives the .expected trees of the 3.14 corpus files (there is no 3.14 interpreter
here): CPython 3.13 parses a 3.13 spelling of the source that keeps every column
(`except(A, B):` for `except A, B:`, f for t), then the nodes 3.14 shapes differently are
rewritten by the rules of PEP 758 and PEP 750:
  - an unparenthesized `except A, B:` type is a Tuple spanning from A's start to B's end;
  - a t-string is TemplateStr(values) whose replacement fields are
    Interpolation(value, str=the expression's source text, conversion, format_spec),
    the fields nested in a format spec staying FormattedValue.
Review the output by eye after any change.

    python3 tests/differential/derive_314_expected.py tests/corpus/newer/*_314.py
"""
import ast
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle  # noqa: E402

if sys.version_info[:2] != (3, 13):
    _python = oracle.find_python(13)
    if _python is None:
        sys.exit("error: CPython 3.13 not found (set AEGIS_PYTHON313)")
    os.execv(_python[0], _python + [os.path.abspath(__file__)] + sys.argv[1:])

def except_file(path):
    src = open(path).read()
    lines = src.splitlines()
    # `except A, B:` -> `except(A, B):` keeps every column of A and B
    pat = re.compile(r"^(except\*?) ([^()]+), ([^()]+):$")
    vlines = [pat.sub(lambda m: "%s(%s, %s):" % m.groups(), l) for l in lines]
    for a, b in zip(lines, vlines):
        assert len(b) in (len(a), len(a) + 1), (a, b)
    tree = ast.parse("\n".join(vlines) + "\n")
    for node in ast.walk(tree):
        if isinstance(node, ast.ExceptHandler) and isinstance(node.type, ast.Tuple):
            if pat.match(lines[node.lineno - 1]):
                t = node.type
                t.lineno, t.col_offset = t.elts[0].lineno, t.elts[0].col_offset
                t.end_lineno, t.end_col_offset = t.elts[-1].end_lineno, t.elts[-1].end_col_offset
    return tree

class ToTemplate(ast.NodeTransformer):
    def __init__(self, lines):
        self.lines = lines
    def visit_JoinedStr(self, node):
        return node
    def convert(self, js):
        values = []
        for v in js.values:
            if isinstance(v, ast.FormattedValue):
                e = v.value
                assert e.lineno == e.end_lineno
                text = self.lines[e.lineno - 1].encode()[e.col_offset:e.end_col_offset].decode()
                iv = ast.Interpolation(value=e, str=text, conversion=v.conversion,
                                       format_spec=v.format_spec)
                iv.lineno, iv.col_offset, iv.end_lineno, iv.end_col_offset = (
                    v.lineno, v.col_offset, v.end_lineno, v.end_col_offset)
                values.append(iv)
            else:
                values.append(v)
        t = ast.TemplateStr(values=values)
        t.lineno, t.col_offset, t.end_lineno, t.end_col_offset = (
            js.lineno, js.col_offset, js.end_lineno, js.end_col_offset)
        return t

def tstring_file(path):
    src = open(path).read()
    variant = re.sub(r'\b([rR]?)([tT])([rR]?)(["\'])', lambda m: m.group(1) + "f" + m.group(3) + m.group(4), src)
    tree = ast.parse(variant)
    lines = src.splitlines()
    conv = ToTemplate(lines)
    # only the top-level strings the source spells with t become TemplateStr
    for node in ast.walk(tree):
        for field, value in ast.iter_fields(node):
            if isinstance(value, ast.JoinedStr) and node.__class__ is not ast.FormattedValue:
                seg = lines[value.lineno - 1].encode()[value.col_offset:value.col_offset + 3].decode()
                if re.match(r'[rR]?[tT]', seg):
                    setattr(node, field, conv.convert(value))
    return tree

# fake 3.14 classes for dump_312
class Interpolation(ast.expr):
    _fields = ('value', 'str', 'conversion', 'format_spec')
    format_spec = None
class TemplateStr(ast.expr):
    _fields = ('values',)
ast.Interpolation, ast.TemplateStr = Interpolation, TemplateStr

for path in sys.argv[1:]:
    tree = except_file(path) if "except" in path else tstring_file(path)
    open(path + ".expected", "w").write(oracle.dump_312(tree) + "\n")
    print("wrote", path)
