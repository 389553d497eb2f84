"""Parity corpus for Bandit B308."""
from django.utils.safestring import mark_safe
def f(s):
    return mark_safe(s)
from django.utils import safestring
def g(user):
    return safestring.mark_safe(f"<b>{user.name}</b>")
def h():
    # parity: bandit-wrong B308 -- a literal is the developer's own HTML, nothing from a user
    return mark_safe('<br>')
