from app import app


def test_profile_requires_login():
    client = app.test_client()
    assert client.post("/api/profile").status_code == 401
