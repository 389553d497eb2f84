# Nightly export, kept from the Python 2 version of the portal. Nobody ported
# it: Python 3 cannot parse it, and the scan must say so and carry on.
import csv
import sys


def export(rows, out=sys.stdout):
    writer = csv.writer(out)
    for row in rows:
        writer.writerow(row)
    print "exported %d rows" % len(rows)


if __name__ == "__main__":
    export([["id", "title"]])
