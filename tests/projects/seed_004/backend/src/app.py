"""Application factory."""
import os

from flask import Flask, jsonify

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

    return app


def main():
    app = create_app()
    app.run(host="127.0.0.1", port=5000, debug=True)


if __name__ == "__main__":
    main()
