"""Parity corpus for Bandit B703."""
from django.utils.safestring import mark_safe
def f(s):
    return mark_safe(s)
from django.utils.safestring import SafeString
def g(user):
    return SafeString('<i>%s</i>' % user.bio)
