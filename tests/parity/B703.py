"""Parity corpus for Bandit B703."""
from django.utils.safestring import mark_safe
def f(s):
    return mark_safe(s)
