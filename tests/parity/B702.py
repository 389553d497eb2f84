"""Parity corpus for Bandit B702."""
from mako.template import Template
Template('hello ${x}')

import mako.template as mt
from mako.lookup import TemplateLookup
mt.Template('<p>${comment}</p>')
# parity: expect B702
lookup = TemplateLookup(directories=['templates'])
# parity: bandit-wrong B702 -- escapes every value by default with the h filter
safe = Template('<p>${comment}</p>', default_filters=['h'])
