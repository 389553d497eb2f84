"""Parity corpus for Bandit B406."""
import xml.sax
