import pytest

from app import create_app


@pytest.fixture
def client():
    app = create_app("testing")
    with app.test_client() as client:
        yield client


def test_courses_list(client):
    assert client.get("/api/courses").status_code == 200


def test_logout_requires_login(client):
    assert client.post("/api/logout").status_code == 401
