"""Parity corpus for Bandit B601."""
import paramiko
c = paramiko.SSHClient()
def f(cmd):
    c.exec_command(cmd)
