"""Parity corpus for Bandit B401."""
import telnetlib
