"""Parity corpus for Bandit B106."""
def connect(user, password):
    pass
connect('u', password='hunter2secret')
connect(user='u', password='Zx9!kq22aa')
