"""Parity corpus for Bandit B107."""
def login(user, password='hunter2secret'):
    pass
def login2(user, passwd='Zx9!kq22aa'):
    pass
