"""Parity corpus for Bandit B311."""
import random
token = random.random()
n = random.randint(0, 10)
from random import choice
code = choice('0123456789')
