"""Course portal: accounts, sessions and avatar uploads.

A small but realistic Flask service, the app `make demo` scans. It is written
the way real services are: mostly careful, with the kind of gaps a security
review exists to catch.
"""
import io
import logging
import os
import time
from collections import defaultdict
from functools import wraps

from flask import Flask, abort, g, jsonify, render_template, request, session
from flask_wtf.csrf import CSRFProtect, generate_csrf
from PIL import Image, UnidentifiedImageError
from werkzeug.security import check_password_hash, generate_password_hash
from werkzeug.utils import secure_filename

from config import config_by_name
from models import Course, User, db
from previews import previews
from recovery import register_recovery
from reports import register_reports

MAX_AVATAR_BYTES = 5 * 1024 * 1024
ALLOWED_IMAGE_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}
LOGIN_ATTEMPTS_PER_MINUTE = 5

logger = logging.getLogger("portal")
csrf = CSRFProtect()

# Failed logins per client address, kept in memory: reset on restart and not
# shared between workers.
_login_attempts = defaultdict(list)


def create_app(config_name=None):
    app = Flask(__name__)
    config_name = config_name or os.environ.get("FLASK_ENV", "development")
    app.config.from_object(config_by_name[config_name])
    db.init_app(app)
    csrf.init_app(app)

    register_routes(app)
    register_reports(app)
    register_recovery(app)
    app.register_blueprint(previews)
    return app


def login_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        user_id = session.get("user_id")
        if user_id is None:
            return jsonify({"error": "authentication required"}), 401
        g.user = db.session.get(User, user_id)
        if g.user is None:
            session.clear()
            return jsonify({"error": "authentication required"}), 401
        return view(*args, **kwargs)

    return wrapper


def admin_required(view):
    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        if not g.user.is_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapper


def _rate_limited(address):
    now = time.monotonic()
    recent = [t for t in _login_attempts[address] if now - t < 60]
    _login_attempts[address] = recent
    return len(recent) >= LOGIN_ATTEMPTS_PER_MINUTE


def register_routes(app):
    @app.route("/")
    def index():
        courses = Course.query.order_by(Course.title).all()
        return render_template("index.html", courses=courses)

    @app.route("/csrf-token")
    def csrf_token():
        return jsonify({"csrf_token": generate_csrf()})

    @app.route("/api/register", methods=["POST"])
    def register():
        data = request.get_json(silent=True) or {}
        username = (data.get("username") or "").strip()
        password = data.get("password") or ""
        if not username or len(password) < 12:
            return jsonify({"error": "username and a password of 12+ characters required"}), 400
        if User.query.filter_by(username=username).first() is not None:
            return jsonify({"error": "username taken"}), 409
        user = User(username=username, password_hash=generate_password_hash(password))
        db.session.add(user)
        db.session.commit()
        logger.info("registered user %s", username)
        return jsonify({"id": user.id, "username": user.username}), 201

    @app.route("/api/login", methods=["POST"])
    def login():
        address = request.remote_addr or "unknown"
        if _rate_limited(address):
            return jsonify({"error": "too many attempts, try again later"}), 429
        data = request.get_json(silent=True) or {}
        user = User.query.filter_by(username=data.get("username", "")).first()
        if user is None or not check_password_hash(user.password_hash, data.get("password", "")):
            _login_attempts[address].append(time.monotonic())
            return jsonify({"error": "invalid credentials"}), 401
        session.clear()
        session["user_id"] = user.id
        session.permanent = True
        return jsonify({"id": user.id, "username": user.username})

    @app.route("/api/logout", methods=["POST"])
    @login_required
    def logout():
        session.clear()
        return jsonify({"ok": True})

    @app.route("/api/session")
    def check_session():
        user_id = session.get("user_id")
        return jsonify({"authenticated": user_id is not None})

    @app.route("/api/courses/<int:course_id>")
    def course_detail(course_id):
        course = db.get_or_404(Course, course_id)
        return jsonify(course.to_dict())

    @app.route("/api/admin/courses", methods=["POST"])
    @admin_required
    def create_course():
        data = request.get_json(silent=True) or {}
        course = Course(title=data.get("title", "Untitled"), summary=data.get("summary", ""))
        db.session.add(course)
        db.session.commit()
        return jsonify(course.to_dict()), 201

    @app.route("/api/avatar", methods=["POST"])
    @login_required
    def upload_avatar():
        upload = request.files.get("avatar")
        if upload is None or upload.filename == "":
            return jsonify({"error": "no file"}), 400
        filename = secure_filename(upload.filename)
        payload = upload.read(MAX_AVATAR_BYTES + 1)
        if len(payload) > MAX_AVATAR_BYTES:
            return jsonify({"error": "file too large"}), 413
        try:
            # Checks the format from the file's magic bytes, not its name. The
            # pixel dimensions are never checked before decoding.
            image = Image.open(io.BytesIO(payload))
            image.verify()
        except (UnidentifiedImageError, OSError):
            return jsonify({"error": "not an image"}), 400
        if image.format not in ALLOWED_IMAGE_FORMATS:
            return jsonify({"error": "unsupported image format"}), 400
        image = Image.open(io.BytesIO(payload))
        image.thumbnail((256, 256))
        target = os.path.join(app.config["AVATAR_DIR"], f"{g.user.id}-{filename}")
        image.save(target)
        g.user.avatar_path = target
        db.session.commit()
        return jsonify({"avatar": os.path.basename(target)})

    @app.errorhandler(500)
    def server_error(error):
        logger.error("unhandled error on %s %s headers=%s", request.method, request.path,
                     dict(request.headers))
        return jsonify({"error": "internal error"}), 500


app = create_app()

if __name__ == "__main__":
    app.run(debug=True)
