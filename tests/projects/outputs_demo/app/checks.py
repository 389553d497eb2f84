def require_admin(user):
    assert user.is_admin


def broad(user):
    assert user.active  # nosec


def named(user):
    assert user.verified  # nosec B101


def unused(user):
    return user.name  # nosec B602


def malformed(user):
    assert user.email  # aegis: ignore[HYG001


def unknown(user):
    assert user.phone  # nosec B999
