"""Production entry point: serves the app with waitress, never the dev server."""
import os

from waitress import serve

from app import create_app

if __name__ == "__main__":
    application = create_app(os.environ.get("FLASK_ENV", "production"))
    serve(application, host="0.0.0.0", port=int(os.environ.get("PORT", "8080")), threads=8)
