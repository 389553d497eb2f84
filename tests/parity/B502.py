"""Parity corpus for Bandit B502."""
import ssl
ssl.wrap_socket(None, ssl_version=ssl.PROTOCOL_SSLv3)
