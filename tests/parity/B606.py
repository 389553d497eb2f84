"""Parity corpus for Bandit B606."""
import os
# parity: bandit-wrong B606 -- constant program and arguments
os.execl('/bin/ls', 'ls')

from os import startfile, spawnv as spawn
def f(path, tool):
    spawn(os.P_WAIT, '/usr/bin/convert', ['convert', path, 'out.png'])
    os.execvp(tool, [tool, '--help'])
    startfile(path)
    # parity: bandit-wrong B606 -- constant program and arguments
    os.spawnl(os.P_NOWAIT, '/usr/bin/true', 'true')
