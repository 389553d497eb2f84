# PEP 695 (Python 3.12): type parameter lists and the `type` statement.
from typing import Callable


def first[T](items: list[T]) -> T:
    return items[0]


async def gather[T, *Ts, **P](f: Callable[P, T], *args: *Ts) -> T: ...


class Box[T: (int, str), U: int]:  # constrained and bounded
    pass


class Pair[K, V](dict[K, V], metaclass=type):
    def get[D](self, key: K, default: D = None) -> V | D:
        return super().get(key, default)


class Empty[
    T,
    *Ts,
    **P,
]: ...


type Alias = int
type ListOrSet[T] = list[T] | set[T]
type Nested[T: (int, "str"), *Ts, **P] = Callable[P, tuple[T, *Ts]]
type Recursive[T] = T | list[Recursive[T]]
type = 1  # `type` is still a name
type.x = 2 if False else None
print(type)
type(Alias)


@decorator
def decorated[T: int](x: T) -> T:
    return x


def lambdas[T]():
    return lambda x: x


class Outer[T]:
    class Inner[U]:
        type Both = tuple[T, U]

    def method[V](self) -> "Outer[T]":
        type Local[W] = dict[V, W]
