"""Courses platform with Flask-Login sessions."""
import os
import sys

from flask import Flask, jsonify
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, login_required, login_user
from flask_wtf.csrf import CSRFProtect

from config import config

app = Flask(__name__)
app.config.from_object(config[os.environ.get("FLASK_ENV", "production")])
csrf = CSRFProtect(app)
login_manager = LoginManager(app)

limiter = Limiter(get_remote_address, app=app, storage_uri=os.environ["RATELIMIT_STORAGE_URI"])


@app.route("/health")
def health():
    return jsonify({"status": "ok"})


@app.route("/api/login", methods=["POST"])
@limiter.limit("5 per minute")
def login():
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
        app.run(debug=os.environ.get("FLASK_DEBUG") == "1")
    else:
        print("ERROR: Flask development server must not run in production.")
        print("Use waitress or gunicorn in production, e.g. waitress-serve --port=8000 app:app")
        sys.exit(1)
