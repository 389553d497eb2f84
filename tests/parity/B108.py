"""Parity corpus for Bandit B108."""
# parity: expect B108
f = open('/tmp/app.log', 'w')
# parity: expect B108
LOG = '/tmp/cache.db'
import os
import shutil
import tempfile
def export(name, rows):
    # parity: expect B108
    path = os.path.join('/tmp', name)
    # parity: expect B108
    shutil.copy(path, '/var/tmp/last-export')
    # parity: expect B108
    fd, tmp = tempfile.mkstemp(dir='/dev/shm')
    # A message, not a path.
    if not rows:
        raise ValueError('/tmp is full')
    return fd, tmp
