"""Parity corpus for Bandit B303."""
import hashlib
from cryptography.hazmat.primitives import hashes
hashlib.md5(b'x')
hashes.MD5()
hashes.SHA1()
