"""Parity corpus for Bandit B320."""
from lxml import etree
def f(s):
    return etree.fromstring(s)
SAFE = etree.XMLParser(resolve_entities=False, no_network=True)
def g(s):
    # parity: bandit-wrong B320 -- the parser resolves no entities and fetches nothing
    return etree.fromstring(s, SAFE)
def h(path):
    return etree.parse(path, etree.XMLParser(resolve_entities=True))
