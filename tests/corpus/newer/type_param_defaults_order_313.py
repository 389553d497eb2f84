# PEP 696 (Python 3.13): orderings that compile() refuses but ast.parse accepts; the
# front end must accept them as CPython 3.13's parser does.
def f[T = int, U](): pass
class C[*Ts = int]: pass
type A[T = int, *Ts] = 1
def g[**P = int](): pass
def h[T: int = str, U = T](): pass
