"""Parity corpus for Bandit B404."""
import subprocess
from subprocess import run as sh
# parity: bandit-wrong B404 -- exception and constant names start no process
from subprocess import CalledProcessError, PIPE
