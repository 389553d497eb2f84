"""Parity corpus for Bandit B103."""
import os
import stat
os.chmod('/etc/app.conf', 0o777)
os.chmod('/tmp/f', stat.S_IRWXO)
