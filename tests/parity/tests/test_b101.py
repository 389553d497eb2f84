"""Parity corpus: B101 in test code."""

def test_sum():
    # parity: bandit-wrong B101 -- assert is how pytest tests check; Python -O does not run test suites
    assert sum([1, 2]) == 3
