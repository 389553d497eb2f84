"""Parity corpus for Bandit B322."""
# parity: bandit-wrong B322 -- Python 3's input() returns the typed text as a string and evaluates nothing (Python 2's input() was eval(raw_input()))
x = input('name? ')
