"""Parity corpus for Bandit B411."""
import xmlrpclib
from xmlrpc.server import SimpleXMLRPCServer
