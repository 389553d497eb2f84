# The shapes the front end's shortcuts take (perf2_front): a one-token atom before
# each delimiter that ends an expression, and before each token that must still
# take the full precedence chain; empty calls; indentation in runs of eight spaces
# next to tabs and form feeds; one- and two-letter words before quotes.
a = b
a = 1, 2.5, 3j, True, False, None
a, b = c, d
a[b] = c[1:2]
a[b:c, d] = {e: f, g: 1}
a += 1; a -= b; a *= c
f(a, b=c, *d, **e)
f(a)(b)()[c]
f()
f().g()
f() + g()
x = f() if a else None
[a for a in b if c]
{a: b for a, b in c}
with a as b, c as d: pass
def g(a, b=1, *c, d=None, **e) -> None: return a
lambda: a
lambda a, b=None: b
x = a or b and not c
x = a if b else c
x = a == None
x = a is not None
x = a not in b
x = 1 < a <= 2 != b
x = a | b ^ c & d << e >> f + g - h * i / j // k % l @ m
x = -a ** b ** c
x = a.b.c(d)[e]
x = 1 if False else 2 if (a := 1) else 3
print(a := 1, b)
x = a[b, c:d, ::e]
x = {a, 1, None}
x = (a, 1, None)
x = (a)
x = [a, 1, None,]
x = f"{a}" f"{b!r}" f"{c:>10}" f"{d=}"
x = rb"a" + br"b" + Rb"c" + u"d" + r"e" + b"f" + f"g" + rf"{a}" + Fr"{b}"
x = ab + ba + rr + fb + uu + bu
if a:
        if b:
                if c:
                        x = 1
                elif d:
                                        y = 2
        else:
        	pass
if a:
  	x = 1
