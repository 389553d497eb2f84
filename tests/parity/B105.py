"""Parity corpus for Bandit B105."""
# parity: expect B105
password = 'hunter2secret'
# parity: expect B105
DB_PASSWORD = 'Zx9!kq22aa'
