"""Parity corpus for Bandit B608."""
def f(cur, name):
    # parity: expect B608
    cur.execute('SELECT * FROM users WHERE name = %s' % name)
    # parity: expect B608
    q = f"DELETE FROM t WHERE id = {name}"
