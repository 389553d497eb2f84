"""Parity corpus for Bandit B603."""
import subprocess
def f(cmd):
    subprocess.Popen(cmd)

import sys
import subprocess as sp
from subprocess import run
CMD = ["/usr/bin/uptime"]
def g(host, args):
    sp.check_output(["/bin/ping", "-c1", host])
    run(["/usr/bin/git", "log", *args])
    # parity: bandit-wrong B603 -- constant argv
    run(["/usr/bin/git", "status"])
    # parity: bandit-wrong B603 -- constant argv
    sp.call(("/bin/true",))
    # parity: bandit-wrong B603 -- constant argv (a name bound once, never changed)
    subprocess.check_call(CMD)
    # parity: bandit-wrong B603 -- constant argv (the interpreter running this code)
    subprocess.run([sys.executable, "-m", "pip", "--version"])
