"""Parity corpus for Bandit B610."""
from django.db.models.expressions import RawSQL
def f(User, v):
    User.objects.extra(where=['name = %s' % v])
