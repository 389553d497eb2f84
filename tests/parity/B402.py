"""Parity corpus for Bandit B402."""
import ftplib
