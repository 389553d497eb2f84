# PEP 758 (Python 3.14): several exception types without parentheses. No 3.14 here: the
# .expected tree is derived by hand (tests/differential/derive_314_expected.py).
try:
    pass
except ValueError, TypeError:
    pass
except KeyError, IndexError, AttributeError:
    handle()
except (OSError, EOFError) as e:
    pass

try:
    pass
except* OSError, RuntimeError:
    pass
except* mod.Error, other.Error:
    pass
