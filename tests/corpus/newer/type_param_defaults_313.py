# PEP 696 (Python 3.13): defaults for type parameters.
from typing import Callable


def f[T = int](x: T) -> T:
    return x


def g[T: int = bool, *Ts = *tuple[int, ...], **P = [int, str]](): ...


class Box[T = str]:
    pass


class Mapping[K: (str, bytes) = str, V = list[K]](dict[K, V]):
    def get[D = None](self, key: K, default: D = None) -> V | D: ...


type Alias[T = int] = list[T]
type Callback[**P = ..., R = object] = Callable[P, R]
type Shape[*Ts = *tuple[int, int]] = tuple[*Ts]


class Multi[
    A,
    B = A,
    *C = *tuple[A, B],
    **D = [A, B],
]: ...
