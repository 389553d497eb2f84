"""Parity corpus for Bandit B102."""
def f(code):
    exec(code)
    # parity: bandit-wrong B102 -- a constant string runs only what the author wrote
    exec('x = 1', {})
