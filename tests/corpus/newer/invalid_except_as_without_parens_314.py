# PEP 758: `as` still needs the parentheses: 3.14 rejects this.
try:
    pass
except A, B as e:
    pass
