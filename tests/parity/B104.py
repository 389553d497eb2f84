"""Parity corpus for Bandit B104."""
import socket
s = socket.socket()
# parity: expect B104
s.bind(('0.0.0.0', 8080))
# Not a finding: a constant is not a bind; Aegis reports the line where it is bound.
HOST = '0.0.0.0'
