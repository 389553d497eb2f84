def f():
    s = '''a
b'''
    return s

x = (1,
  2)
