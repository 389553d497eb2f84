"""Admin reports: course search, enrolment exports and the nightly sync.

Written in a hurry for the operations team; `register_reports(app)` is called by
app.create_app. A review should find the injection and unsafe-call mistakes here,
and stay quiet about the careful code beside them.
"""
import hashlib
import logging
import random
import secrets
import subprocess
import tarfile

import requests
import yaml
from flask import abort, jsonify, request, send_file
from sqlalchemy import text

from models import db

logger = logging.getLogger("portal.reports")

SORTABLE_COLUMNS = ("title", "created_at")
EXPORT_DIR = "/srv/portal/exports"


def register_reports(app):
    @app.route("/api/admin/search")
    def search_courses():
        term = request.args.get("q", "")
        # Built with an f-string: a quote in `q` rewrites the query.
        rows = db.session.execute(
            text(f"SELECT id, title FROM courses WHERE title LIKE '%{term}%'")
        ).fetchall()
        return jsonify([dict(r._mapping) for r in rows])

    @app.route("/api/admin/courses/sorted")
    def sorted_courses():
        column = request.args.get("sort", "title")
        if column not in SORTABLE_COLUMNS:
            abort(400)
        # Parameterised value, column from a fixed allow-list: safe.
        rows = db.session.execute(
            text("SELECT id, title FROM courses WHERE owner_id = :owner ORDER BY title"),
            {"owner": request.args.get("owner", type=int)},
        ).fetchall()
        return jsonify([dict(r._mapping) for r in rows])

    @app.route("/api/admin/export", methods=["POST"])
    def export_enrolments():
        name = request.form.get("name", "enrolments")
        # The archive name reaches a shell.
        subprocess.run(f"tar czf {EXPORT_DIR}/{name}.tgz /srv/portal/data", shell=True, check=True)
        return send_file(f"{EXPORT_DIR}/{name}.tgz")

    @app.route("/api/admin/import", methods=["POST"])
    def import_bundle():
        bundle = request.files["bundle"]
        with tarfile.open(fileobj=bundle.stream) as archive:
            archive.extractall(EXPORT_DIR)
        return jsonify({"ok": True})


def load_sync_settings(path):
    with open(path) as f:
        return yaml.load(f, Loader=yaml.Loader)


def fetch_catalogue(url):
    return requests.get(url).json()


def make_reset_token():
    return "".join(random.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(32))


def make_api_key():
    return secrets.token_urlsafe(32)


def gravatar_digest(email):
    # Not a security use: a public avatar URL.
    return hashlib.md5(email.strip().lower().encode(), usedforsecurity=False).hexdigest()


def legacy_password_digest(password):
    return hashlib.md5(password.encode()).hexdigest()


def refresh_search_index():
    try:
        subprocess.run(["/usr/bin/portal-reindex", "--quiet"], check=True, timeout=600)
    except Exception:
        pass
