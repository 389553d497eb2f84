"""Parity corpus for Bandit B317."""
import xml.sax
def f(s, h):
    return xml.sax.parseString(s, h)
