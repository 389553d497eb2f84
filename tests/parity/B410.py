"""Parity corpus for Bandit B410."""
import lxml
from lxml import etree as lx
# parity: bandit-wrong B410 -- lxml.html's parser processes no entity declarations
from lxml import html
