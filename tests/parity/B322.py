"""Parity corpus for Bandit B322."""
x = input('name? ')
