from datetime import timedelta

from app import app


def test_profile_requires_login():
    client = app.test_client()
    assert client.post("/api/profile").status_code == 401


def test_session_expires_after_the_lifetime():
    # A lifetime already over: the cookie the client holds is expired on the next request.
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(seconds=-1)
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = "1"
        session.permanent = True
    assert client.get("/api/check_session").status_code == 401
