"""Parity corpus for Bandit B605."""
import os
def f(cmd):
    os.system(cmd)
    os.popen(cmd)
