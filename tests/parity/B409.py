"""Parity corpus for Bandit B409."""
import xml.dom.pulldom
