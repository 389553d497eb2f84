"""Parity corpus for Bandit B504."""
import ssl
ssl.wrap_socket(None)
