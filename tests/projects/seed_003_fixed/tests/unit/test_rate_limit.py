from fastapi.testclient import TestClient

from src.index import app


def test_sixth_login_is_throttled():
    client = TestClient(app)
    codes = [client.post("/auth/login", json={}).status_code for _ in range(6)]
    assert codes[-1] == 429
