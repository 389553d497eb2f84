"""Parity corpus for Bandit B607."""
import subprocess
# parity: bandit-wrong B603 -- constant argv
subprocess.Popen(['ls', '-l'])

import os
def f(path):
    os.execlp("tar", "tar", "xf", path)
    subprocess.run("git status", shell=True)
    # parity: bandit-wrong B607 -- a shell built-in, then an explicit relative path
    subprocess.call("cd /srv && ./deploy.sh", shell=True)
    # parity: bandit-wrong B603 -- constant argv
    subprocess.check_output(["/usr/bin/git", "status"])
