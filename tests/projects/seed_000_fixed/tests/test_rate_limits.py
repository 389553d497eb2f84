from app import create_app


def test_sixth_login_attempt_is_refused():
    client = create_app("testing").test_client()
    codes = [client.post("/api/login", json={"username": "x", "password": "y"}).status_code for _ in range(6)]
    assert codes[:5] == [401] * 5
    assert codes[5] == 429
