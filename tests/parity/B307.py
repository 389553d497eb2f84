"""Parity corpus for Bandit B307."""
def f(expr):
    return eval(expr)
