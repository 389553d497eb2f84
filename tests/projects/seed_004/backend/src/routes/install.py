from flask import Blueprint, jsonify
from sqlalchemy import text

from backend.src.extensions import db

install_bp = Blueprint("install", __name__, url_prefix="/install")
KNOWN_TABLES = ("users", "content", "settings")


@install_bp.route("/status")
def status():
    counts = {}
    with db.engine.connect() as conn:
        for table in KNOWN_TABLES:
            counts[table] = conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar()  # noqa: S608
    return jsonify(counts)
