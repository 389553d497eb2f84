"""Parity corpus for Bandit B309."""
import http.client
# parity: bandit-wrong B309 -- since Python 3.4.3 (PEP 476) HTTPSConnection verifies certificates by default
http.client.HTTPSConnection('example.com')
