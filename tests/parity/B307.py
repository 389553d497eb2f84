"""Parity corpus for Bandit B307."""
def f(expr):
    return eval(expr)
import builtins
def g(expr):
    return builtins.eval(expr)
