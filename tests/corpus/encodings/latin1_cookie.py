# -*- coding: latin-1 -*-
s = 'été ÿ'
b = b'\xe9'
