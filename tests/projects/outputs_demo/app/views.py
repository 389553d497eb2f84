import subprocess
from subprocess import run as sh

LISTING = "ls -l /srv/uploads"


def open_finding(host):
    # Open: a command built from a variable, no suppression.
    return subprocess.run(f"ping -c 1 {host}", shell=True)


def strict_form():
    return subprocess.run(LISTING, shell=True)  # aegis: ignore[INJ002] -- constant command, no user input


def bandit_habit():
    return subprocess.call(LISTING, shell=True)  # nosec B602


def ruff_habit():
    return subprocess.check_output(LISTING, shell=True)  # noqa: S602, E501 -- reviewed in SEC-12


def semgrep_habit():
    return sh(LISTING, shell=True)  # nosemgrep: python.lang.security.audit.subprocess-shell-true


def last_line(command):
    return subprocess.run(
        command,
        shell=True,
    )  # aegis: ignore[subprocess-shell-true] -- command comes from the admin CLI only


def bare_noqa(command):
    return subprocess.run(command, shell=True)  # noqa


def hash_in_a_string(command):
    label = "# nosec B602"; return subprocess.run(command, shell=True)
