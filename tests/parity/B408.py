"""Parity corpus for Bandit B408."""
import xml.dom.minidom
