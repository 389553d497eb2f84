"""Parity corpus for Bandit B314."""
import xml.etree.ElementTree as ET
def f(s):
    return ET.fromstring(s)
import defusedxml.ElementTree as DET
def g(s):
    # parity: bandit-wrong B314 -- a document written in the code is not input
    return ET.fromstring('<config><debug>false</debug></config>'), DET.fromstring(s)
from xml.etree.ElementTree import parse as parse_file
def h(path):
    return parse_file(path)
