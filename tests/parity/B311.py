"""Parity corpus for Bandit B311."""
import random
token = random.random()
n = random.randint(0, 10)
