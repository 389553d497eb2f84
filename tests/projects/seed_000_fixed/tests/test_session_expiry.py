from datetime import datetime, timedelta

from freezegun import freeze_time

from app import create_app


def test_session_expires_after_an_hour():
    app = create_app("production")
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = "1"
        session.permanent = True
    with freeze_time(datetime.now() + timedelta(hours=1, minutes=1)):
        assert client.post("/api/logout").status_code == 401
