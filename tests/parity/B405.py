"""Parity corpus for Bandit B405."""
import xml.etree.ElementTree
