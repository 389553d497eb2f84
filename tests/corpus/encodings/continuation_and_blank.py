x = 1 + \
    2

   
	
# comment
   # indented comment
if x:

    # c
    pass
   
