"""Parity corpus for Bandit B406."""
import xml.sax
from xml.sax import make_parser
# parity: bandit-wrong B406 -- saxutils escapes and writes XML; it parses nothing
from xml.sax.saxutils import escape, quoteattr
