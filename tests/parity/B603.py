"""Parity corpus for Bandit B603."""
import subprocess
def f(cmd):
    subprocess.Popen(cmd)
