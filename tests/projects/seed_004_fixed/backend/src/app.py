"""Application factory."""
import os

from flask import Flask, jsonify
from sqlalchemy import text

from backend.src.config import CONFIGS
from backend.src.extensions import csrf, db
from backend.src.routes.install import install_bp


def create_app():
    app = Flask(__name__)
    config = CONFIGS[os.environ["APP_ENV"]]
    app.config.from_object(config)
    if hasattr(config, "init_app"):
        config.init_app(app)
    db.init_app(app)
    csrf.init_app(app)
    app.register_blueprint(install_bp)

    @app.route("/health")
    def health():
        return jsonify({"status": "ok"})

    @app.route("/health/deep")
    def health_deep():
        db.session.execute(text("SELECT 1"))
        return jsonify({"status": "ok", "database": "ok"})

    return app


def main():
    if os.environ.get("APP_ENV") == "production":
        raise SystemExit("run_prod.py (waitress) serves production; this entry point is for development only")
    app = create_app()
    debug = os.getenv("FLASK_DEBUG", "False").lower() in ("true", "1")
    app.run(host="127.0.0.1", port=5000, debug=debug)


if __name__ == "__main__":
    main()
