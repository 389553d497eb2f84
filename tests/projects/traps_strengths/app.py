"""Look-alikes of strengths that must not be credited: a health probe that never reaches the
database, log lines that are not an audit trail, JWT handling that does not check expiry."""
import logging
import os

import jwt
from flask import Flask, jsonify, session
from flask_login import current_user, login_required
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

logger = logging.getLogger("portal")
app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
app.config["SESSION_COOKIE_SECURE"] = True
CSRFProtect(app)
db = SQLAlchemy(app)
SIGNING_KEY = os.environ["JWT_SIGNING_KEY"]


@app.route("/health")
def health():
    # the cookie session, not the database
    return jsonify({"status": "ok", "visitor": session.get("visitor")})


@app.route("/documents/<int:doc_id>", methods=["DELETE"])
@login_required
def delete_document(doc_id):
    # debug level: not an audit record
    logger.debug("user %s deleted document %s", current_user.id, doc_id)
    # no user: who did it is unknown
    logger.info("document %s deleted", doc_id)
    # a failure, not a record of what the user did
    logger.exception("user %s could not delete document %s", current_user.id, doc_id)
    return jsonify({"deleted": doc_id})


@app.route("/dashboard")
@login_required
def dashboard():
    # a user, but no action worth auditing
    logger.info("user %s opened the dashboard", current_user.id)
    return jsonify({})


def read_claims(token):
    # expiry switched off
    return jwt.decode(token, SIGNING_KEY, algorithms=["HS256"], options={"verify_exp": False})


def read_claims_any_algorithm(token):
    # no algorithms pinned
    return jwt.decode(token, SIGNING_KEY)


def issue_token(user_id):
    # no exp claim: the token never expires
    return jwt.encode({"sub": user_id}, SIGNING_KEY, algorithm="HS256")
