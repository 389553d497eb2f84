"""Parity corpus for Bandit B415."""
# parity: expect B415
import pyghmi
