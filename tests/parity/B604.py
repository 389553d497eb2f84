"""Parity corpus for Bandit B604."""
def f(cmd):
    foo(cmd, shell=True)
