"""Parity corpus for Bandit B506."""
import yaml
def f(s):
    return yaml.load(s)
