#!/usr/bin/env python3
"""Check the benchmark's labels by running the cases: every Flask case of the categories
whose effect can be seen from outside is served by Flask's test client, fed attack inputs
through its own source, and judged by what happens; the verdict is compared with
expected.csv.

    python3 bench/dataflow/oracle.py [PROJECT] [--verbose]

Observed effects:
  xss           the response is HTML and carries one of the attack tags unescaped
  redirect      the response redirects to the attacker's host
  headeri       a response header would carry the input's CR/LF
  trustbound    the session holds the input (as a value or a key, in any case)
  logi          a log record's message carries the input's line break
  hash          the digest returned has the length of MD5 or SHA-1
  securecookie  the cookie the handler sets lacks Secure
  httponly      the cookie the handler sets lacks HttpOnly
A vulnerable label needs the effect in at least one request; a safe label must show it
in none. A case that errors on every request is counted as inconclusive (guards that
reject the input legitimately end safe cases that way). Needs Flask; the libraries the
cases import but these categories never call (lxml, SQLAlchemy, ldap3, ...) are stubbed.
Exit status 1 when a label disagrees with what the case does, 0 otherwise.
"""
import argparse
import base64
import collections
import csv
import importlib
import io
import logging
import os
import sys
import types
import urllib.parse

MARK = "EvilMark7"
XSS_PAYLOADS = ["a<script>alert(1)</script>", "a<img\tsrc=x\tonerror=alert(1)>",
                "a<svg/onload=alert(1)>", "a<b\nonclick=alert(1)>x</b>",
                # template injection: no quotes or brackets, the tag comes from another
                # query parameter (xx, added to every XSS request)
                "a{{request.args.xx|safe}}"]
XSS_SIDE_PARAMETER = ("xx", "<script>alert(1)</script>")
XSS_TAGS = ("<script>", "<img", "<svg", "<b\n", "<b onclick")
REDIRECT_PAYLOADS = ["https://evil.example/landing", "//evil.example/landing"]
# validated input may be stored, so the trust-boundary input is one no validator accepts
TRUST_PAYLOADS = [MARK + "<x y='1'>"]
# log and header injection are about line breaks: the input carries one, and the effect
# is a record with a raw line break, or a header value that would hold one (Werkzeug
# refuses to set it, which is how the attempt shows)
CRLF_PAYLOADS = [MARK + "\r\nX-Forged: 1"]
CATEGORIES = ("xss", "redirect", "headeri", "trustbound", "logi", "hash", "securecookie",
              "httponly")
STUBBED = ["lxml", "lxml.etree", "sqlalchemy", "ldap3", "ldap3.utils", "ldap3.utils.conv",
           "ldap", "ldap.filter", "jsonpickle", "defusedxml", "defusedxml.ElementTree", "httpx"]


class _Anything:
    """Stands for any object of a stubbed library."""

    def __call__(self, *args, **kwargs):
        return _Anything()

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return _Anything()


def _escape_filter_chars(text):
    """ldap3's escaping of LDAP filter values (RFC 4515), for when ldap3 is absent."""
    out = text.replace("\\", "\\5c")
    for ch, code in (("*", "\\2a"), ("(", "\\28"), (")", "\\29"), ("\0", "\\00")):
        out = out.replace(ch, code)
    return out


def stub_missing_libraries():
    for name in STUBBED:
        try:
            importlib.import_module(name)
        except ImportError:
            module = types.ModuleType(name)
            module.__path__ = []  # a package, so stubbed submodules import

            def anything(attr):
                if attr.startswith("__"):
                    raise AttributeError(attr)
                return _Anything()

            module.__getattr__ = anything
            sys.modules[name] = module
            parent, _, child = name.rpartition(".")
            if parent in sys.modules:
                setattr(sys.modules[parent], child, module)
            if name == "ldap3.utils.conv":  # a sanitizer: its effect must be the real one
                module.escape_filter_chars = _escape_filter_chars


def header_name(key):
    return "X-" + "-".join(p.capitalize() for p in key.split("_"))


def request_for(source, key, value, route):
    """(path, kwargs for the test client) delivering value through this source."""
    kw = {}
    path = route
    if source in ("args.get", "args[]", "args.getlist", "values.get", "args.to_dict",
                  "args.get or empty"):
        kw["query_string"] = {key: value}
    elif source in ("form.get", "form[]", "form.to_dict", "form.getlist"):
        kw["data"] = {key: value}
    elif source in ("cookies.get", "cookie with default"):
        kw["cookie"] = (key, value)
    elif source in ("headers.get", "headers[]", "headers.getlist", "headers.getlist first",
                    "environ"):
        kw["headers"] = {header_name(key): value}
    elif source in ("get_json", "json[]", "get_json(force)"):
        kw["json"] = {key: value}
    elif source in ("data", "get_data", "stream.read"):
        kw["data"] = value.encode("utf-8")
        kw["content_type"] = "text/plain"
    elif source == "files.filename":
        kw["data"] = {key: (io.BytesIO(b"content"), value)}
        kw["content_type"] = "multipart/form-data"
    elif source in ("view_args", "route param", "path.split"):
        path = route.rsplit("/", 1)[0] + "/" + urllib.parse.quote(value, safe="")
        if source == "path.split":
            path = route.split("/<")[0] + "/docs/" + urllib.parse.quote(value, safe="")
    elif source == "query_string":
        kw["query_string"] = value
    elif source == "query_string parsed":
        kw["query_string"] = "%s=%s" % (key, urllib.parse.quote_plus(value))
    elif source == "full_path":
        kw["query_string"] = value
    elif source == "referrer":
        kw["headers"] = {"Referer": value}
    elif source == "user_agent":
        kw["headers"] = {"User-Agent": value}
    elif source == "authorization":
        token = base64.b64encode(("%s:secret" % value).encode("utf-8")).decode("ascii")
        kw["headers"] = {"Authorization": "Basic " + token}
    elif source == "parameter name":
        kw["query_string"] = {value: key}
    elif source == "header names":
        kw["headers"] = {value: "1"}
    else:
        return None, None
    return path, kw


def add_side_parameter(kw):
    key, value = XSS_SIDE_PARAMETER
    query = kw.get("query_string")
    if query is None:
        kw["query_string"] = {key: value}
    elif isinstance(query, dict):
        query.setdefault(key, value)
    # a raw query string is the input itself: left alone


class Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.messages = []

    def emit(self, record):
        try:
            self.messages.append(record.getMessage())
        except Exception:  # a record that cannot format carries nothing we look for
            pass


def observe(category, app, method, path, kw, value, capture):
    """(effect seen, request succeeded)."""
    import flask  # noqa: F401  (imported by the caller's check)
    client = app.test_client()
    cookie = kw.pop("cookie", None)
    if cookie:
        client.set_cookie(cookie[0], cookie[1])
    capture.messages.clear()
    try:
        resp = client.open(path, method=method, **kw)
    except ValueError as exc:
        if category == "headeri" and "newline" in str(exc):
            return True, True
        return False, False
    except Exception:
        return False, False
    ok = resp.status_code < 400
    body = resp.get_data(as_text=True)
    if category == "xss":
        html = (resp.mimetype or "") == "text/html"
        return html and any(t in body.lower() for t in XSS_TAGS), ok
    if category == "redirect":
        location = resp.headers.get("Location", "")
        return 300 <= resp.status_code < 400 and "evil.example" in location.split("?")[0], ok
    if category == "headeri":
        return any("\n" in v or "\r" in v or k.lower() == "x-forged"
                   for k, v in resp.headers.items()), ok
    if category == "trustbound":
        with client.session_transaction() as sess:
            flat = repr(dict(sess)).lower()
        return MARK.lower() in flat, ok
    if category == "logi":
        return any("\nx-forged" in m.lower() or "\rx-forged" in m.lower()
                   for m in capture.messages), ok
    if category == "hash":
        data = resp.get_json(silent=True) or {}
        return len(str(data.get("digest", ""))) in (32, 40), ok and "digest" in data
    if category in ("securecookie", "httponly"):
        flag = "secure" if category == "securecookie" else "httponly"
        cookies = [c for c in resp.headers.getlist("Set-Cookie") if not c.startswith("session=")]
        if not cookies:
            return False, False
        return any(flag not in [p.strip().split("=")[0].lower() for p in c.split(";")]
                   for c in cookies), ok
    return False, False


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("project", nargs="?",
                    default=os.path.join(os.path.dirname(os.path.dirname(here)), "build",
                                         "bench-dataflow"))
    ap.add_argument("--verbose", action="store_true", help="list every disagreement")
    args = ap.parse_args()
    try:
        import flask
    except ImportError:
        print("oracle: Flask is not installed; nothing checked")
        return 0
    project = os.path.abspath(args.project)
    sys.path.insert(0, project)
    stub_missing_libraries()
    with open(os.path.join(project, "cases.csv"), newline="") as f:
        rows = [r for r in csv.DictReader(f)
                if r["framework"] == "flask" and r["category"] in CATEGORIES]
    capture = Capture()
    root = logging.getLogger()
    root.addHandler(capture)
    root.setLevel(logging.DEBUG)
    tally = collections.defaultdict(collections.Counter)
    disagreements, inconclusive = [], []
    for row in rows:
        name, category = row["case"], row["category"]
        vulnerable = row["vulnerable"] == "true"
        module = importlib.import_module("cases." + name)
        app = flask.Flask(name)
        app.secret_key = "oracle"
        app.config["TESTING"] = True  # exceptions reach observe(), which judges them
        app.logger.setLevel(logging.DEBUG)
        if hasattr(module, "bp"):
            app.register_blueprint(module.bp)
        else:
            module.init(app)
        rules = [r for r in app.url_map.iter_rules() if r.endpoint != "static"]
        methods = set().union(*(r.methods for r in rules))
        method = "POST" if "POST" in methods else "GET"
        route = rules[0].rule
        values = (XSS_PAYLOADS if category == "xss" else
                  REDIRECT_PAYLOADS if category == "redirect" else
                  CRLF_PAYLOADS if category in ("headeri", "logi") else
                  TRUST_PAYLOADS if category == "trustbound" else [MARK + "value"])
        seen, succeeded, delivered = False, False, False
        for value in values:
            path, kw = request_for(row["source"], row["input"], value, route)
            if path is None:
                continue
            delivered = True
            if category == "xss":
                add_side_parameter(kw)
            effect, ok = observe(category, app, method, path, kw, value, capture)
            seen = seen or effect
            succeeded = succeeded or ok
        if not delivered:
            tally[category]["undeliverable"] += 1
            continue
        if category in ("hash", "securecookie", "httponly") and not succeeded:
            verdict = "inconclusive"
            inconclusive.append((name, row))
        elif seen == vulnerable and (seen or succeeded or not vulnerable):
            verdict = "agree" if (seen or succeeded) else "agree (rejected input)"
        elif not seen and not succeeded:
            verdict = "inconclusive"
            inconclusive.append((name, row))
        else:
            verdict = "DISAGREE"
            disagreements.append((name, row))
        tally[category][verdict] += 1
    for category in CATEGORIES:
        if tally[category]:
            print("%-13s %s" % (category, ", ".join("%s %d" % kv for kv in
                                                   sorted(tally[category].items()))))
    if disagreements:
        print("\n%d disagreements:" % len(disagreements))
        for name, row in disagreements[: None if args.verbose else 20]:
            print("  %s vulnerable=%s source=%s propagation=%s sanitizer=%s sink=%s" % (
                name, row["vulnerable"], row["source"], row["propagation"], row["sanitizer"],
                row["sink"]))
    if args.verbose and inconclusive:
        print("\n%d inconclusive (every request failed):" % len(inconclusive))
        for name, row in inconclusive:
            print("  %s vulnerable=%s source=%s propagation=%s sanitizer=%s sink=%s" % (
                name, row["vulnerable"], row["source"], row["propagation"], row["sanitizer"],
                row["sink"]))
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
