"""Parity corpus for Bandit B201."""
from flask import Flask
app = Flask(__name__)
app.run(debug=True)
