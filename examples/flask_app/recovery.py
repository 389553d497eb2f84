"""Password recovery: `register_recovery(app)` is called by app.create_app.

The reset code comes from the helper that makes correlation ids: a Mersenne Twister, which
only the data flow sees through the call into ids.py (TNT018).
"""
import logging

from flask import jsonify, request

from ids import correlation_id, rng
from models import User

logger = logging.getLogger("portal.recovery")


def register_recovery(app):
    @app.route("/api/password-reset", methods=["POST"])
    def password_reset():
        data = request.get_json(silent=True) or {}
        user = User.query.filter_by(username=data.get("username", "")).first()
        if user is not None:
            reset_code = "%06d" % rng().randint(0, 999999)
            logger.info("reset code issued, ticket %s", correlation_id())
            app.extensions.setdefault("reset_codes", {})[user.id] = reset_code
        return jsonify({"ok": True})
