"""Parity corpus for Bandit B202."""
import tarfile
t = tarfile.open('a.tar')
# parity: expect B202
t.extractall('/srv/out')
t.extractall('/srv/out', filter='data')
