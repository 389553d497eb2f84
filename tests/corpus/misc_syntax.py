#!/usr/bin/env python3
"""Module docstring: a grab bag of syntax the standard library uses rarely."""
from __future__ import annotations
import os.path as osp, sys
from . import sibling
from .. import parent as p
from ...pkg.mod import (a, b as c,
                        d,)
from os import *

# Numbers: every literal form and the values CPython gives them.
ints = [0, 00, 0_0, 1_000_000, 0x_FF, 0XdeadBEEF, 0o17, 0O_7, 0b1010, 0B_1, 9223372036854775808]
floats = [0.0, 1., .5, 1e10, 1E-10, 1_0.0_1e+1_0, 3.14_15, 0e0, 1e308, 1e309, 2.5e-324, 0.1]
imaginary = [1j, 1J, 0.5j, 1e3j, 1_0j, 00j, 0.0j, 1e400j]
big = 123456789012345678901234567890 ** 2

# Strings: escapes, prefixes, implicit concatenation, bytes.
s = ['\a\b\f\n\r\t\v\\\'\"', "\x00\x7f\xff", '\u00e9\U0001F600\N{DASH SYMBOL}', '\101\0\777'[:1],
     'line\
continued', r'\n\t', R"\"", u'unicode', U"x", b'\x00\xff', rb'\d', BR'x', Rb"", b"\101",
     """triple "double" ''' """, '''triple 'single' """ ''', "a" 'b' """c""" '''d''',
     'tab\there', "\N{LATIN CAPITAL LETTER A WITH GRAVE}", '\ud800'[:0], "\U00010348"]
empty = ["", '', """""", b"", u""]

# Identifiers are NFKC-normalised; non-ASCII names.
ﬁle = 1
ℌ = 2
café = ﬁle + ℌ
名前 = "name"
_privé = None

# Operators, precedence and chained comparisons.
x = -1 ** -2 * +3 // ~4 % 5 @ 6 << 7 >> 8 & 9 ^ 10 | 11
y = 1 < 2 <= 3 > 4 >= 5 == 6 != 7 in [8] not in [9] is None is not None
z = not x and y or not not x
w = (yield_ := 1) if x else lambda: (yield_)
v = x if y else z if w else v
x += 1; x -= 1; x *= 1; x /= 1; x //= 1; x %= 1; x **= 1; x @= 1
x <<= 1; x >>= 1; x &= 1; x ^= 1; x |= 1
a = b = c = 1
a, *b = c, = [1]
(a, b), [c, d] = (1, 2), [3, 4]
[*a] = *b, = 1, 2
a[1:2], a[::], a[:], a[1:], a[:2:3], a[::-1], a[1, 2], a[1:2, 3], a[...], a[()], a[*b]
a.b.c[d](e)(f)[g]
print(*a, *b, c=1, **d, **e)
print(a for a in b)
f(x=1, *y, **z)
del a, (b, c), [d], e.f, g[h]
assert x, "message"
assert (x, "tuple is always true")
raise
raise ValueError from None
global_var: int
annotated: "list[int]" = []
(parenthesized): int = 1
obj.attr: str = "x"
seq[0]: float
lambda: 0
lambda *args, **kwargs: 0
lambda a, /, b=1, *, c, d=2, **e: 0
lambda *, a: a
...
Ellipsis


def positional(a, b=1, /, c=2, *args, d, e=3, **kwargs) -> None:
    global ints
    nonlocal_demo = 1

    def inner():
        nonlocal nonlocal_demo
        nonlocal_demo += 1
    return inner


def kwonly(*, a: int = 1, b) -> "ret": pass


def only_slash(a, /): pass


async def coroutines():
    async with a as b, c as (d, e):
        pass
    async for x in y:
        await x
    else:
        pass
    return [i async for i in aiter() if await i] + [await z for z in w]


def generators():
    yield
    yield 1
    yield 1, 2
    x = yield from range(3)
    y = yield
    await_ = yield (yield)


with open("a") as f, open("b") as g:
    pass
with (open("a") as f, open("b") as g,):
    pass
with (a, b):
    pass
with (a):
    pass
with (yield_):
    pass
with a, (b):
    pass

try:
    pass
except* ValueError as eg:
    pass
except* (TypeError, KeyError):
    pass
else:
    pass
finally:
    pass

try:
    pass
except:
    pass

try:
    pass
finally:
    pass

for i, (j, k) in enumerate([]):
    continue
else:
    pass

while True:
    break
else:
    pass

if a:
    pass
elif b:
    pass
elif c:
    pass
else:
    pass

comprehensions = (
    [x for x in range(3) if x if not x for y in range(x)],
    {x: y for x, y in {}.items()},
    {x for x in ()},
    (x for x in ()),
    [(y := x) for x in range(3)],
    [x for x in (lambda: 1, 2)] if False else None,
)


@property
@functools.lru_cache(maxsize=None)
@(lambda f: f)
@a.b[c](d).e
class Decorated(Base, *bases, metaclass=Meta, **kw):
    """Class docstring."""
    x: int
    y = 1

    def __init__(self): super().__init__()


if x:
	# a tab-indented block
	pass
if y:
        pass  # eight spaces
def oneliner(): return 1
class OneLiner: pass
if x: pass
else: pass
while x: break
for x in y: continue
with x: pass
x = (1,
     2,)
x = [
    1,
    2,
]
x = {
    "a": 1,
    **b,
}
x = 1 if \
    y else 2
print("done")  # trailing comment without newline at end of file
print("no newline at end")