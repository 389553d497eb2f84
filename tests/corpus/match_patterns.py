# Every pattern kind of structural pattern matching (PEP 634), and their edges.
import enum


class Color(enum.Enum):
    RED = 1
    GREEN = 2


class Point:
    __match_args__ = ("x", "y")

    def __init__(self, x, y):
        self.x, self.y = x, y


def describe(subject):
    match subject:
        case 0 | 1 | -1 | 2.5 | -3j | 1 + 2j | -1 - 2j | 0x1F | 1_000:
            return "number"
        case "text" | b"bytes" | "implicit" "concat" | f"" if False:
            return "literal"
        case None | True | False:
            return "singleton"
        case Color.RED | Color.GREEN:
            return "value"
        case enum.Enum.name.attr:
            return "dotted value"
        case [] | ():
            return "empty sequence"
        case [x] | (x,):
            return "one"
        case [1, 2, *rest]:
            return "star"
        case [*_, last]:
            return "star wildcard"
        case (first, *_, last) if first == last:
            return "guard"
        case a, b, *c:
            return "open sequence"
        case {}:
            return "empty mapping"
        case {"key": value, 1: one, Color.RED: red, None: n, **rest}:
            return "mapping"
        case {"a": [1, {"b": (c, d)}], **kw}:
            return "nested"
        case Point():
            return "class"
        case Point(0, 0):
            return "positional class"
        case Point(x=0, y=y):
            return "keyword class"
        case Point(1, y=2) | enum.Enum(value=3):
            return "mixed class"
        case (str() as s) | (bytes() as s):
            return "as"
        case (Point(x, y) as p) if x > y:
            return "parenthesized as"
        case [Point(x=0) as origin, *others] as whole:
            return "deep"
        case ((((1)))):
            return "grouped"
        case (1 | 2) | (3 | 4):
            return "or groups"
        case -0 | -0.0 | -1e10 | 1e-10j:
            return "signed"
        case x if (y := x):
            return "capture with walrus guard"
        case _:
            return "wildcard"


def nested_match(command):
    match command.split():
        case [("go" | "move") as verb, ("north" | "south") as direction]:
            match direction:
                case "north":
                    pass
                case _:
                    pass
        case ["drop", *objects]:
            for obj in objects:
                match obj:
                    case {"name": str(name)}:
                        pass


match (1, 2):
    case 1, 2 if True:
        pass
match 1, 2:
    case (1, 2):
        pass
match *[1], 2:
    case [*x]:
        pass
match -1:
    case -1:
        pass
match not_a_keyword := 3:
    case 3:
        pass
match {
    "multi": "line"
}:
    case {"multi": _}:
        pass
match x,:
    case [y]:
        pass
