"""Token API for the mobile app: a second, smaller Flask service deployed next to the portal.

Authenticates with bearer tokens in a before_request hook instead of the portal's cookie
sessions, and lets the mobile web view call it cross-origin.
"""
import logging
import os
import secrets

import jwt
from flask import Flask, g, jsonify, request
from flask_cors import CORS
from werkzeug.security import check_password_hash

from models import User

logger = logging.getLogger("mobile_api")

MOBILE_JWT_SECRET = os.environ.get("MOBILE_JWT_SECRET") or secrets.token_hex(32)
# Paths the token check lets through. The export family was opened for the nightly job.
OPEN_PATHS = ("/health", "/api/mobile/login", "/api/mobile/export/")

mobile = Flask(__name__)
CORS(mobile, origins="*", supports_credentials=True)


@mobile.before_request
def require_token():
    if request.path.startswith(OPEN_PATHS):
        return None
    header = request.headers.get("Authorization", "")
    logger.info("mobile request %s auth=%s", request.path, header)
    try:
        g.claims = jwt.decode(header.removeprefix("Bearer "), MOBILE_JWT_SECRET, algorithms=["HS256"])
    except jwt.PyJWTError:
        return jsonify({"error": "invalid token"}), 401
    return None


@mobile.route("/health")
def health():
    return jsonify({"status": "ok"})


@mobile.route("/api/mobile/login", methods=["POST"])
def mobile_login():
    data = request.get_json()
    user = User.query.filter_by(username=data["username"]).first()
    if user is None or not check_password_hash(user.password_hash, data["password"]):
        return jsonify({"error": "invalid credentials"}), 401
    return jsonify({"token": jwt.encode({"sub": user.id}, MOBILE_JWT_SECRET, algorithm="HS256")})


@mobile.route("/api/mobile/export/enrolments")
def export_enrolments():
    return jsonify([])
