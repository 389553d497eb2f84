"""Parity corpus for Bandit B404."""
import subprocess
