"""Parity corpus for Bandit B601."""
import paramiko
c = paramiko.SSHClient()
def f(cmd):
    c.exec_command(cmd)

from paramiko import SSHClient as Client
def g(host):
    client = Client()
    client.exec_command("uptime; cat /etc/" + host)
    # parity: bandit-wrong B601 -- constant command
    client.exec_command("uptime")

class Worker:
    def __init__(self):
        self.ssh = paramiko.SSHClient()

    def run(self, service):
        self.ssh.exec_command(f"systemctl restart {service}")

class Runner:
    def exec_command(self, cmd):
        return cmd

def h(cmd):
    # parity: bandit-wrong B601 -- exec_command of a class of this module, not paramiko's
    Runner().exec_command(cmd)
