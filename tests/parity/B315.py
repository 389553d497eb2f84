"""Parity corpus for Bandit B315."""
import xml.sax.expatreader
xml.sax.expatreader.create_parser()
