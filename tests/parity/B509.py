"""Parity corpus for Bandit B509."""
from pysnmp.hlapi import UsmUserData
# parity: expect B509
UsmUserData('user')
