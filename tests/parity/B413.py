"""Parity corpus for Bandit B413."""
import Crypto.Cipher
from Crypto.PublicKey import RSA as PublicKeys
from Cryptodome.Cipher import AES
