"""Course platform: accounts, courses, avatars."""
import io
import os
from functools import wraps

from flask import Flask, abort, jsonify, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, current_user, login_required, login_user, logout_user
from flask_wtf.csrf import CSRFProtect, generate_csrf
from PIL import Image, UnidentifiedImageError
from werkzeug.security import check_password_hash, generate_password_hash
from werkzeug.utils import secure_filename

from config import config_by_name
from models import Course, User, db

csrf = CSRFProtect()
login_manager = LoginManager()
limiter = Limiter(get_remote_address, storage_uri=os.environ.get("RATELIMIT_STORAGE_URI", "redis://localhost:6379"))

MAX_AVATAR_BYTES = 5 * 1024 * 1024
ALLOWED_FORMATS = {"PNG", "JPEG", "GIF"}
MAX_AVATAR_PIXELS = 4096


def admin_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if not current_user.is_authenticated or not current_user.is_admin:
            abort(403)
        return view(*args, **kwargs)
    return wrapper


def create_app(config_name="production"):
    app = Flask(__name__)
    app.config.from_object(config_by_name[config_name])
    db.init_app(app)
    csrf.init_app(app)
    login_manager.init_app(app)
    limiter.init_app(app)

    @app.route("/health")
    def health():
        return jsonify({"status": "ok"})

    @app.route("/health/deep")
    def health_deep():
        db.session.execute(db.text("SELECT 1"))
        return jsonify({"status": "ok", "database": "ok"})

    @app.route("/csrf-token")
    def csrf_token():
        return jsonify({"csrf_token": generate_csrf()})

    @app.route("/api/register", methods=["POST"])
    @limiter.limit("5 per minute")
    def register():
        data = request.get_json()
        user = User(username=data["username"], password_hash=generate_password_hash(data["password"]))
        db.session.add(user)
        db.session.commit()
        return jsonify({"id": user.id}), 201

    @app.route("/api/login", methods=["POST"])
    @limiter.limit("5 per minute")
    def login():
        data = request.get_json()
        user = User.query.filter_by(username=data["username"]).first()
        if user is None or not check_password_hash(user.password_hash, data["password"]):
            return jsonify({"error": "invalid credentials"}), 401
        login_user(user)
        return jsonify({"ok": True})

    @app.route("/api/logout", methods=["POST"])
    @login_required
    def logout():
        logout_user()
        return jsonify({"ok": True})

    @app.route("/api/courses")
    def courses():
        return jsonify([{"id": c.id, "title": c.title, "lessons": len(c.lessons)} for c in Course.query.all()])

    @app.route("/api/admin/courses", methods=["POST"])
    @admin_required
    def create_course():
        course = Course(title=request.get_json()["title"])
        db.session.add(course)
        db.session.commit()
        return jsonify({"id": course.id}), 201

    @app.route("/api/avatar", methods=["POST"])
    @login_required
    def upload_avatar():
        upload = request.files.get("avatar")
        if upload is None:
            return jsonify({"error": "no file"}), 400
        filename = secure_filename(upload.filename)
        payload = upload.read(MAX_AVATAR_BYTES + 1)
        if len(payload) > MAX_AVATAR_BYTES:
            return jsonify({"error": "file too large"}), 413
        try:
            image = Image.open(io.BytesIO(payload))
            image.verify()
        except (UnidentifiedImageError, OSError):
            return jsonify({"error": "not an image"}), 400
        if image.format not in ALLOWED_FORMATS:
            return jsonify({"error": "unsupported format"}), 400
        width, height = image.size
        if width > MAX_AVATAR_PIXELS or height > MAX_AVATAR_PIXELS:
            return jsonify({"error": "image too large"}), 400
        target = os.path.join("uploads", f"{current_user.id}-{filename}")
        with open(target, "wb") as out:
            out.write(payload)
        return jsonify({"avatar": target})

    return app


app = create_app(os.environ.get("FLASK_ENV", "production"))

if __name__ == "__main__":
    if os.environ.get("FLASK_ENV", "production") == "production":
        raise SystemExit("the development server does not run in production: use runner.py (waitress)")
    app.run(debug=os.environ.get("FLASK_DEBUG") == "1")
