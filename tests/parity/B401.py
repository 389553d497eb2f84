"""Parity corpus for Bandit B401."""
import telnetlib
import importlib
telnet = importlib.import_module('telnetlib')
