"""Parity corpus for Bandit B314."""
import xml.etree.ElementTree as ET
def f(s):
    return ET.fromstring(s)
