import subprocess


def archive(name):
    # The caller's argument reaches a shell: reported at the call in tool.py.
    subprocess.run("tar czf backup.tgz " + name, shell=True)


def list_fixed():
    subprocess.run("ls -l /var/backups", shell=True)  # nosec B602 -- a constant command
