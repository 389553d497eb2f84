"""Parity corpus for Bandit B306."""
import tempfile
name = tempfile.mktemp()
