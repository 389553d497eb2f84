import subprocess


def test_listing():
    result = subprocess.run("ls", shell=True)
    assert result.returncode == 0
