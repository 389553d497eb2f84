"""Parity corpus for Bandit B304."""
from Crypto.Cipher import DES, ARC4
from cryptography.hazmat.primitives.ciphers import algorithms
DES.new(b'k' * 8)
ARC4.new(b'key')
algorithms.ARC4(b'key')
