"""Document previews: a route whose input reaches a helper in another module.

Registered by app.create_app. The data flow follows `doc` into storage.read_document
and reports the open() there; the escaped preview and the title chosen by a constant
setting are not findings.
"""
from html import escape

from flask import Blueprint, request

from storage import read_document

previews = Blueprint("previews", __name__)
TITLE_MODE = "plain"


@previews.route("/preview")
def preview():
    name = request.args.get("doc", "")
    body = read_document(name)
    return f"<pre>{escape(body)}</pre>"


@previews.route("/preview/title")
def preview_title():
    title = request.args.get("title", "")
    label = title if TITLE_MODE == "html" else "Preview"
    return f"<h1>{label}</h1>"
