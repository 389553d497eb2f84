"""Parity corpus for Bandit B305."""
from cryptography.hazmat.primitives.ciphers import modes
modes.ECB()
