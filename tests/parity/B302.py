"""Parity corpus for Bandit B302."""
import marshal
def f(data):
    marshal.loads(data)
