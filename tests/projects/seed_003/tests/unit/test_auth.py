from fastapi.testclient import TestClient

from src.index import app


def test_upload_without_token_is_rejected():
    client = TestClient(app)
    assert client.post("/artifact/m1/upload").status_code == 401
