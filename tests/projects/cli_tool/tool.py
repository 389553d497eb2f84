"""A command-line tool: its input is argv. The shell helpers live in a package that reads no
input itself, so the scan frees their trees after the per-file stage and loads them again
when the data flow reaches them."""
import sys

from tools import runner


def main():
    target = sys.argv[1]
    runner.archive(target)
    runner.list_fixed()


if __name__ == "__main__":
    main()
