"""Parity corpus for Bandit B318."""
import xml.dom.minidom
def f(s):
    return xml.dom.minidom.parseString(s)
