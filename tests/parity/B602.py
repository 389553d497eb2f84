"""Parity corpus for Bandit B602."""
import subprocess
def f(cmd):
    subprocess.Popen(cmd, shell=True)
    subprocess.call(cmd, shell=True)
from subprocess import Popen as P
def g(cmd):
    P(cmd, shell=True)
