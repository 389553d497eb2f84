from typing import TYPE_CHECKING

# ok: DEP001
import tomllib
# ok: DEP001
from app import helpers
# ok: DEP001
from . import helpers as h

try:
    # ok: DEP001
    import ujson as json
except ImportError:
    import json

if TYPE_CHECKING:
    # ok: DEP001
    from mypy_boto3_s3 import S3Client


def export():
    # Runs only when called: high, not critical.
    # expect: DEP001 severity=high
    import openpyxl
    return openpyxl
