"""Parity corpus for Bandit B613."""
# parity: expect B613
access = 'user‮ ⁦# admin⁩ ⁦'
