"""Parity corpus for Bandit B701."""
import jinja2
env = jinja2.Environment()
env2 = jinja2.Environment(autoescape=False)

from jinja2 import Environment as Env, select_autoescape
def should_escape(name):
    return name.endswith('.html')
env3 = Env(autoescape=select_autoescape())
env4 = Env(autoescape=True)
# parity: bandit-wrong B701 -- a function decides per template
env5 = Env(autoescape=should_escape)
# parity: expect B701
page = jinja2.Template('<p>{{ comment }}</p>')
