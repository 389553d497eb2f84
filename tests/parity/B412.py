"""Parity corpus for Bandit B412."""
import wsgiref.handlers
wsgiref.handlers.CGIHandler()
