"""Parity corpus for Bandit B103."""
import os
import stat
os.chmod('/etc/app.conf', 0o777)
os.chmod('/tmp/f', stat.S_IRWXO)
from os import chmod as change_mode
change_mode('/srv/app/run.sh', stat.S_IRWXU | stat.S_IRWXG | stat.S_IRWXO)
def publish(path):
    os.chmod(path, 0o666)
    # parity: bandit-wrong B103 -- group may read and run, others nothing: 0o750 is not permissive
    os.chmod(path, 0o750)
class Archive:
    def chmod(self, path, mode):
        return path, mode
# parity: bandit-wrong B103 -- a method of a local class that happens to be called chmod
Archive().chmod('/srv/x', 0o777)
