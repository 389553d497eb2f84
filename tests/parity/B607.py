"""Parity corpus for Bandit B607."""
import subprocess
subprocess.Popen(['ls', '-l'])
