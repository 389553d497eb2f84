from src.index import LoggingMiddleware


def test_middleware_exists():
    assert LoggingMiddleware is not None
