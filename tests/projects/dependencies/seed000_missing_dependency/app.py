from flask import Flask
# expect: DEP001 severity=critical
from flask_wtf.csrf import CSRFProtect

app = Flask(__name__)
csrf = CSRFProtect(app)
