# PEP 750: an empty replacement field, rejected as in f-strings.
x = t"{}"
