"""Parity corpus for Bandit B306."""
import tempfile
name = tempfile.mktemp()
from tempfile import mktemp as make_name
other = make_name(suffix='.csv')
