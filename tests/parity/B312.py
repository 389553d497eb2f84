"""Parity corpus for Bandit B312."""
import telnetlib
telnetlib.Telnet('host')
