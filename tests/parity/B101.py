"""Parity corpus for Bandit B101."""
def f(x):
    assert x > 0
    assert isinstance(x, int), 'int'
