# Limits: CPython 3.12 refuses trees deeper than about 3000 nodes ("maximum recursion
# depth exceeded during ast construction"; the exact bound moves with the caller's
# stack, so these files keep well clear of it), 200 nested brackets, 100 indents.
# CPython 3.12 accepts it.
x = ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((1))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))
