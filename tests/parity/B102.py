"""Parity corpus for Bandit B102."""
def f(code):
    exec(code)
    exec('x = 1', {})
