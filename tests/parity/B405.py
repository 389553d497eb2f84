"""Parity corpus for Bandit B405."""
import xml.etree.ElementTree
from xml.etree import cElementTree as fast
# parity: bandit-wrong B405 -- building and writing XML parses nothing
from xml.etree.ElementTree import Element, SubElement, tostring
