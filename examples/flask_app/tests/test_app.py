import pytest

from app import create_app
from models import db


@pytest.fixture()
def client():
    app = create_app("testing")
    with app.app_context():
        db.create_all()
        yield app.test_client()
        db.drop_all()


def test_index_page(client):
    assert client.get("/").status_code == 200


def test_check_session_unauthenticated(client):
    response = client.get("/api/session")
    assert response.json == {"authenticated": False}


def test_register_then_login(client):
    credentials = {"username": "ada", "password": "correct horse battery"}
    assert client.post("/api/register", json=credentials).status_code == 201
    response = client.post("/api/login", json=credentials)
    assert response.status_code == 200
    assert response.json["username"] == "ada"


def test_login_rejects_wrong_password(client):
    client.post("/api/register", json={"username": "bob", "password": "a long passphrase"})
    response = client.post("/api/login", json={"username": "bob", "password": "wrong"})
    assert response.status_code == 401
