"""Parity corpus for Bandit B308."""
from django.utils.safestring import mark_safe
def f(s):
    return mark_safe(s)
