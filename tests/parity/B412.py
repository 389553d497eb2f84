"""Parity corpus for Bandit B412."""
import wsgiref.handlers
wsgiref.handlers.CGIHandler()
from twisted.web.twcgi import CGIScript
class Script(CGIScript):
    pass
