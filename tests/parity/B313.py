"""Parity corpus for Bandit B313."""
import xml.etree.cElementTree as cET
def f(s):
    return cET.fromstring(s)
