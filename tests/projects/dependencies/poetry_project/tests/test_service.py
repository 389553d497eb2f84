# ok: DEP001
import pytest
# ok: DEP001
import httpx
