"""Parity corpus for Bandit B503."""
import ssl
def f(v=ssl.PROTOCOL_SSLv3):
    pass
