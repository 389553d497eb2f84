"""Identifiers for log lines and support tickets."""
import random


def rng():
    # One fast generator: fine for correlation ids, which are not secrets.
    return random.Random()


def correlation_id():
    return "%08x" % rng().getrandbits(32)
