"""Courses platform with Flask-Login sessions."""
import os
import sys
import time

from flask import Flask, jsonify, request
from flask_login import LoginManager, login_required, login_user
from flask_wtf.csrf import CSRFProtect

from config import config

app = Flask(__name__)
app.config.from_object(config[os.environ.get("FLASK_ENV", "production")])
csrf = CSRFProtect(app)
login_manager = LoginManager(app)

_login_attempts = {}


def rate_limited(address, limit=5, window=300):
    now = time.time()
    attempts = [t for t in _login_attempts.get(address, []) if now - t < window]
    _login_attempts[address] = attempts + [now]
    return len(attempts) >= limit


@app.route("/health")
def health():
    return jsonify({"status": "ok"})


@app.route("/api/login", methods=["POST"])
def login():
    if rate_limited(request.remote_addr):
        return jsonify({"error": "too many attempts"}), 429
    return jsonify({"ok": True})


@app.route("/api/profile", methods=["POST"])
@login_required
def update_profile():
    return jsonify({"ok": True})


@app.route("/api/check_session")
@login_required
def check_session():
    return jsonify({"is_authenticated": True})


if __name__ == "__main__":
    env = os.environ.get("FLASK_ENV", "development")
    if env == "development":
        app.run(debug=True)
    else:
        print("ERROR: Flask development server must not run in production.")
        print("Use waitress or gunicorn in production, e.g. waitress-serve --port=8000 app:app")
        sys.exit(1)
