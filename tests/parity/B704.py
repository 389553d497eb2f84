"""Parity corpus for Bandit B704."""
from markupsafe import Markup
def f(s):
    # parity: expect B704
    return Markup(s)

import markupsafe
def g(name):
    # parity: expect B704
    bold = markupsafe.Markup(f"<b>{name}</b>")
    fixed = Markup("<b>hello</b>")
    escaped = Markup.escape(name)
    formatted = Markup("<b>{}</b>").format(name)
    return bold, fixed, escaped, formatted
