"""Parity corpus for Bandit B104."""
import socket
s = socket.socket()
# parity: expect B104
s.bind(('0.0.0.0', 8080))
# parity: expect B104
HOST = '0.0.0.0'
