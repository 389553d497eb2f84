"""Parity corpus for Bandit B321."""
import ftplib
ftplib.FTP('host')
