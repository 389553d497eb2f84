"""Parity corpus for Bandit B316."""
import xml.dom.expatbuilder
def f(s):
    return xml.dom.expatbuilder.parseString(s)
