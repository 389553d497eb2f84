"""Parity corpus for Bandit B320."""
from lxml import etree
def f(s):
    return etree.fromstring(s)
