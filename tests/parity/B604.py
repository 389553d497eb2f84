"""Parity corpus for Bandit B604."""
def f(cmd):
    foo(cmd, shell=True)

from tasks import run_command
def g(name, use_shell):
    run_command(f"tar czf {name}.tgz data", shell=True)
    run_command(command="uptime", shell=1)
    # parity: bandit-wrong B604 -- the flag is forwarded; the wrapper's callers are judged
    run_command(name, shell=use_shell)
    # parity: bandit-wrong B604 -- no command is passed, nothing is started here
    Settings(shell=True)
