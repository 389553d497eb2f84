"""Parity corpus for Bandit B110."""
def f():
    try:
        g()
    except Exception:
        pass
    try:
        g()
    except:
        pass
