"""Parity corpus for Bandit B704."""
from markupsafe import Markup
def f(s):
    # parity: expect B704
    return Markup(s)
