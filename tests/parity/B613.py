"""Parity corpus for Bandit B613."""
# parity: expect B613
access = 'user‮ ⁦# admin⁩ ⁦'

def is_admin(level):
    # parity: expect B613
    return level != "user" # check admin⁧ ⁩
