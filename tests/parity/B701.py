"""Parity corpus for Bandit B701."""
import jinja2
env = jinja2.Environment()
env2 = jinja2.Environment(autoescape=False)
