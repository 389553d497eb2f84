"""Parity corpus for Bandit B324."""
import hashlib
hashlib.new('md5')
