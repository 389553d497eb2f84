t'x'
