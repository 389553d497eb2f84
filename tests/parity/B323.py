"""Parity corpus for Bandit B323."""
import ssl
ctx = ssl._create_unverified_context()
