"""Parity corpus for Bandit B506."""
import yaml
def f(s):
    return yaml.load(s)
from yaml import load as yload
def g(s):
    return yload(s)
