"""Parity corpus for Bandit B507."""
import paramiko
from paramiko import AutoAddPolicy, WarningPolicy
c = paramiko.SSHClient()
c.set_missing_host_key_policy(AutoAddPolicy)
c.set_missing_host_key_policy(WarningPolicy)
# Bandit 1.6.2 only recognises a bare policy name; the usual instance form is our expectation
# parity: expect B507
c.set_missing_host_key_policy(paramiko.AutoAddPolicy())
