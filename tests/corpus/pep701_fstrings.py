# PEP 701 (Python 3.12): f-strings are parsed by the grammar, not by a side tokenizer.
songs = ["Take me back to Eden", "Alkaline", "Ascensionism"]
d = {"key": "value", "k2": 2}

# The same quote inside the replacement field as around the f-string.
a = f"This is the playlist: {", ".join(songs)}"
b = f"{d["key"]} and {d['k2']}"
c = f'{'nested'} {f'{f'{1 + 1}'}'}'
deep = f"{f"{f"{f"{f"{f"{1+1}"}"}"}"}"}"

# Backslashes and unicode escapes inside the expression part.
e = f"{'\n'.join(songs)}"
f1 = f"{'\N{BLACK HEART SUIT}'} {"\t".join(["x", "y"])}"

# Comments inside a multi-line replacement field.
g = f"""{
    songs[0]  # the first song
    + songs[1]  # and the second
}"""
h = f"total: {
    1 +
    2
}"

# The `=` specifier, with spaces kept, conversions and format specs.
x = 3.14159
width = 10
precision = 3
i = f"{x=}"
j = f"{x = }"
k = f"{ x = !r:>{width}.{precision}}"
l = f"{x=:.2f} {x!s} {x!a:^{width}}"
m = f"{x:{'>' if x else '<'}{width}}"
n = f"{x:{width}.{precision}f}"
o = f"{'a' if x else 'b'!r:>8}"
p = f"{(lambda y: y * 2)(x)}"
q = f"{x:=^20}" f"{(y := 5)}"
r = f"{{literal braces}} {x} }}{{"
s = rf"\d+{x}\w" if False else fr'\{x}\n'
s2 = Rb"raw" br"\x" rb"\d"
t = f"{x!r}" "plain" f'{x}' """triple""" f'''{x}'''
u = f"{*songs,}"
v = f"{x:}"
w = f"{x!r:}"
y = f"{ x }" f"{x }" f"{ x}"
z = f"""multi
line {x
} with {x:>{
width}} end"""
aa = f"{'''triple ' quotes'''}"
bb = f"{x:{{}}>10}" if False else f"{x:\N{EM DASH}>10}"
cc = f'{"\\"}'
dd = f"{x}" f"" f"{''}"
ee = f"\{x}" if False else f"\N{LATIN SMALL LETTER A}{x}\x41\u0042"
ff = f"{x:%H:%M}"
gg = f"{x!r:{width}{precision}}"
hh = f"""{f'''{f"{x}"}'''}"""
ii = f"{yield_ if (yield_ := 1) else 2}"
jj = [f"{k}={v}" for k, v in d.items()]
kk = f"{d['key']=}"
ll = f"{x  =  }"
mm = f"é{x}ü{'ñ'}"
