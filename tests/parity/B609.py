"""Parity corpus for Bandit B609."""
import os
os.system('tar czf backup.tgz *')
