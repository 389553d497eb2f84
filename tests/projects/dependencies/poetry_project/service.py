import jwt
from flask import Flask
# Declared only in the dev group: production installs leave it out.
# expect: DEP001 severity=high
import httpx
# Installed only because Flask depends on it: locked, not declared.
# expect: DEP001 severity=medium
from werkzeug.security import check_password_hash
