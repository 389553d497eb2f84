"""Parity corpus for Bandit B413."""
import Crypto.Cipher
