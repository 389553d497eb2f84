"""Parity corpus for Bandit B611."""
from django.db.models.expressions import RawSQL
def f(v):
    return RawSQL('select * from t where x = %s' % v, [])
