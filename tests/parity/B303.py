"""Parity corpus for Bandit B303."""
import hashlib
from cryptography.hazmat.primitives import hashes
hashlib.md5(b'x')
hashes.MD5()
hashes.SHA1()
import hashlib as h
h.sha1(b'data')
# parity: bandit-wrong B303 -- usedforsecurity=False declares a non-security use (checksum, cache key)
hashlib.md5(b'x', usedforsecurity=False)
