# PEP 750 (Python 3.14): template strings. No 3.14 here: the .expected tree is derived
# by hand (tests/differential/derive_314_expected.py).
name = "world"
width = 10
a = t"hello {name}"
b = t'{name!r} and {name!s:>10} and {name!a}'
c = t"{name:{width}>10}"
d = t"""multi
line {name} template"""
e = t"{name}" t" concatenated {width}"
f = t""
g = T"upper {name}"
h = rt"\d{name}\w" if False else tr"\n{width}"
i = t"{{escaped}} {name}"
j = t"{f"{name}"}"
k = t"{width + 1}{name}"
l = t"{name:.2}"
