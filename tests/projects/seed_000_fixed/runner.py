"""Production entry point: waitress, never the development server."""
import os

from waitress import serve

from app import create_app

if __name__ == "__main__":
    serve(create_app(os.environ.get("FLASK_ENV", "production")), host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "8080")))
