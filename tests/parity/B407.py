"""Parity corpus for Bandit B407."""
import xml.dom.expatbuilder
