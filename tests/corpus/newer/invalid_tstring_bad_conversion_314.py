# PEP 750: conversions are !r, !s and !a only.
x = t"{y!z}"
