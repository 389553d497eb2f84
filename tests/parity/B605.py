"""Parity corpus for Bandit B605."""
import os
def f(cmd):
    os.system(cmd)
    os.popen(cmd)
from os import system as run
def g(cmd):
    run(cmd)
