"""Parity corpus for Bandit B112."""
for x in range(3):
    try:
        g(x)
    except Exception:
        continue
