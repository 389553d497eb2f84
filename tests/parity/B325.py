"""Parity corpus for Bandit B325."""
import os
name = os.tempnam()
