"""Parity corpus for Bandit B402."""
import ftplib
# parity: bandit-wrong B402 -- FTP_TLS is the encrypted FTP client
from ftplib import FTP_TLS
