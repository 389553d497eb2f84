# Soft keywords (match, case, type, _) remain ordinary names wherever the grammar allows.
match = 1
case = 2
type = 3
_ = 4
match, case = case, match
match.attr = case.attr if False else None
print(match, case, type, _)
match(1)
match[0] if False else None
match * case
match - 1
match = {"match": match}
case = [case for case in range(3) if case]


def match(match=None, case=None, *, type=None, _=None):
    return match, case, type, _


class case:
    match = "match"
    type = "type"


def f(type):
    type: int = type
    return type


import match as case  # noqa
from case import match as type  # noqa
match (x := 1):
    case 1:
        pass
match = lambda match: match
match(match)
match[1:2]
match -x if False else 0
match: int = 1
type X = int
type [0] if False else 0
_ = [_ for _ in range(2)]
match .x if False else 0
print(match not in case)
