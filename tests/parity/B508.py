"""Parity corpus for Bandit B508."""
from pysnmp.hlapi import CommunityData
# parity: expect B508
CommunityData('public', mpModel=0)
