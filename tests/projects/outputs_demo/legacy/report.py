# Python 2: cannot be parsed, so the scan is incomplete (exit 3).
print "report"
