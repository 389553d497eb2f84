"""Parity corpus for Bandit B319."""
import xml.dom.pulldom
def f(s):
    return xml.dom.pulldom.parseString(s)
