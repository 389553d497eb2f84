import pytest

from app import create_app


@pytest.fixture
def client():
    app = create_app("testing")
    app.config["WTF_CSRF_ENABLED"] = True
    with app.test_client() as client:
        yield client


def test_post_without_csrf_token_is_rejected(client):
    response = client.post("/api/register", json={"username": "a", "password": "b"})
    assert response.status_code == 400


def test_post_with_csrf_token_is_accepted(client):
    token = client.get("/csrf-token").json["csrf_token"]
    response = client.post("/api/register", json={"username": "a", "password": "b"},
                           headers={"X-CSRFToken": token})
    assert response.status_code == 201
