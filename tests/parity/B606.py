"""Parity corpus for Bandit B606."""
import os
os.execl('/bin/ls', 'ls')
