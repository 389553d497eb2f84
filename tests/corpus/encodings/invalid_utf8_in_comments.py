# CPython 3.12 accepts invalid UTF-8 inside comments: café ÿþ
x = 1  # also here: é
