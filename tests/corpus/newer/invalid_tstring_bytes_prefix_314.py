# PEP 750: there are no bytes template strings.
x = tb"abc"
