lambda: return
