from app import app


def test_post_without_csrf_token_is_rejected():
    app.config["WTF_CSRF_ENABLED"] = True
    assert app.test_client().post("/api/profile").status_code == 400


def test_sixth_login_is_throttled():
    client = app.test_client()
    codes = [client.post("/api/login").status_code for _ in range(6)]
    assert codes[-1] == 429
