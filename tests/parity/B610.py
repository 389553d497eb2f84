"""Parity corpus for Bandit B610."""
from django.db.models.expressions import RawSQL
def f(User, v):
    User.objects.extra(where=['name = %s' % v])

def g(Article, term, conditions, report):
    Article.objects.filter(published=True).extra(select={'rank': f"ts_rank(body, '{term}')"})
    Article.objects.extra(where=conditions)
    Article.objects.extra(where=["title LIKE %s"], params=[term])
    # parity: bandit-wrong B610 -- extra() of an object that is not a queryset
    report.extra(term)
