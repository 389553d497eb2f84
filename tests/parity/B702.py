"""Parity corpus for Bandit B702."""
from mako.template import Template
Template('hello ${x}')
