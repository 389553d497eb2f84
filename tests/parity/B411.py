"""Parity corpus for Bandit B411."""
import xmlrpclib
