"""Parity corpus for Bandit B302."""
import marshal
def f(data):
    marshal.loads(data)
from marshal import load as read_code
def g(fh):
    return read_code(fh)
