#!/usr/bin/env python3
"""Generate the data-flow benchmark: a Flask application (with a smaller FastAPI part and a
smaller Django part) where every test case is one module cases/<Category>Test<NNNNN>.py,
plus expected.csv (case, category, cwe, vulnerable) and cases.csv (the parts of each case).

    python3 bench/dataflow/generate.py [--out DIR] [--count 1400] [--seed 1]
                                       [--categories sqli,xss,...]

A taint case reads one request input (a source), passes it through one propagation, maybe
one sanitizer, and into one sink variant; a value-level case (weak hash, weak random,
cookie flags) sends a constant through variables, helpers and folded conditions into the
call that judges it. The truth of each case is computed from the facts its parts carry
(parts.py, sinks.py, values.py), never typed by hand. The output is deterministic for a
seed. Every run checks itself: each generated file must compile, each propagation snippet
is executed with a marker input to confirm whether it keeps the taint, and each category
must hold as many vulnerable as safe cases (+-1).
"""
import argparse
import ast
import builtins
import collections
import csv
import io
import os
import random
import re
import shutil
import sys
import tempfile
import textwrap
import tokenize

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import parts  # noqa: E402
from sinks import TAINT_SINKS  # noqa: E402
from values import VALUE_VARIANTS  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(HERE))

# key, file-name prefix, primary CWE, route prefix, handler names, input names
CATEGORIES = [
    ("sqli", "SqlInjection", 89, "sqli",
     ["find_user", "order_lookup", "product_search", "update_profile"],
     ["username", "order_ref", "sku", "customer"]),
    ("cmdi", "CommandInjection", 78, "cmdi",
     ["ping_host", "disk_usage", "list_reports", "export_archive"],
     ["host", "folder", "report_name", "archive_name"]),
    ("codeinj", "CodeInjection", 94, "codeinj",
     ["calculate", "evaluate_rule", "run_formula"],
     ["formula", "expr", "rule"]),
    ("pathtraver", "PathTraversal", 22, "pathtraver",
     ["download", "read_attachment", "delete_upload", "preview"],
     ["filename", "attachment", "document"]),
    ("redirect", "OpenRedirect", 601, "redirect",
     ["after_login", "go", "continue_to"],
     ["next_url", "return_to", "dest"]),
    ("xss", "CrossSiteScripting", 79, "xss",
     ["greet", "show_results", "profile_card"],
     ["name", "search", "nickname"]),
    ("deserialization", "Deserialization", 502, "deserial",
     ["restore_state", "import_settings", "load_cart"],
     ["state", "settings_blob", "cart_data"]),
    ("ldapi", "LdapInjection", 90, "ldapi",
     ["directory_lookup", "find_colleague", "check_member"],
     ["uid", "person", "mail"]),
    ("xpathi", "XpathInjection", 643, "xpathi",
     ["user_email", "account_lookup", "books_by"],
     ["login", "user_key", "author"]),
    ("xxe", "XxeInjection", 611, "xxe",
     ["import_feed", "upload_invoice", "parse_order"],
     ["xml_doc", "invoice", "order_xml"]),
    ("trustbound", "TrustBoundary", 501, "trustbound",
     ["remember_name", "set_language", "track_referrer"],
     ["display", "lang", "referrer"]),
    ("ssrf", "Ssrf", 918, "ssrf",
     ["fetch_preview", "check_webhook", "proxy_image"],
     ["webhook", "image_src", "feed"]),
    ("headeri", "HeaderInjection", 113, "headeri",
     ["tag_response", "download_name", "trace"],
     ["ref", "label", "trace_id"]),
    ("logi", "LogInjection", 117, "logi",
     ["login_attempt", "reset_request", "record_feedback"],
     ["account", "email", "feedback"]),
    ("hash", "WeakHash", 328, "hash",
     ["store_password", "hash_secret", "fingerprint_key"],
     ["password", "secret", "api_key"]),
    ("weakrand", "WeakRandom", 330, "weakrand",
     ["issue_reset_token", "new_session_id", "one_time_code"],
     ["user", "email", "account_id"]),
    ("securecookie", "InsecureCookie", 614, "securecookie",
     ["remember_me", "save_preferences", "start_session"],
     ["theme", "locale", "remember"]),
    ("httponly", "HttpOnlyCookie", 1004, "httponly",
     ["remember_me", "save_preferences", "start_session"],
     ["theme", "locale", "remember"]),
]
CATEGORY = {c[0]: c for c in CATEGORIES}
BAR_NAMES = ["bar", "cleaned", "selected", "prepared", "arg", "item_value"]
FRAMEWORK_WEIGHTS = [("flask", 60), ("fastapi", 20), ("django", 20)]
SANITIZER_RATE = 0.3


# ---------------------------------------------------------------------------------------
# The shared helpers package of the generated project.

HELPERS = {
    "__init__.py": '"""Shared helpers used by the views."""\n',
    "text.py": '''\
"""String helpers."""


def passthrough(value):
    """Returns its argument (kept as a hook for future normalisation)."""
    return value


def normalise(value):
    """Trims surrounding whitespace."""
    return value.strip()


def fixed_value(value):
    """The placeholder shown while a value is being moderated."""
    return "fixed-value"
''',
    "objects.py": '''\
"""Small objects the views pass values through."""
import configparser
import os
from dataclasses import dataclass


class Echo:
    def relay(self, value):
        return value


class Quiet:
    def relay(self, value):
        return "quiet"


class Silent:
    def relay(self, value):
        return ""


class Box:
    def __init__(self, content):
        self.content = content
        self.label = "box"


@dataclass
class Record:
    text: str
    kind: str


class Account:
    def __init__(self, name):
        self._name = name

    @property
    def name(self):
        return self._name

    @property
    def role(self):
        return "member"


class Formatter:
    @staticmethod
    def plain(value):
        return value

    @staticmethod
    def redacted(value):
        return "***"


class LoudEcho(Echo):
    pass


class MutedEcho(Echo):
    def relay(self, value):
        return "muted"


_CONFIG = configparser.ConfigParser()
_CONFIG.read(os.environ.get("APP_CONFIG", "/etc/shop/app.ini"))


def make_relay():
    """Echo or Quiet, as the deployment's configuration says."""
    if _CONFIG.get("relay", "mode", fallback="echo") == "quiet":
        return Quiet()
    return Echo()


def make_quiet_relay():
    """Quiet or Silent, as the deployment's configuration says."""
    if _CONFIG.get("relay", "mode", fallback="quiet") == "silent":
        return Silent()
    return Quiet()
''',
    "settings.py": '''\
"""Application settings."""
import configparser
import os

DIGESTS = {"passwords": "sha256", "legacy": "md5"}
_INI = configparser.ConfigParser()
_INI.read(os.path.join(os.path.dirname(__file__), "settings.ini"))
COOKIE_SECURE = True
COOKIE_HTTPONLY = True


def digest_for(purpose):
    return DIGESTS[purpose]


def configured_digest(name):
    """The hash named in settings.ini for this use."""
    return _INI.get("hashing", name)


def password_digest():
    return "sha256"


def legacy_digest():
    return "sha1"


def cookie_options():
    return {"secure": True, "httponly": True, "samesite": "Lax"}


def legacy_cookie_options():
    return {"secure": False, "httponly": False}
''',
    "utils.py": '''\
"""Escaping helpers shared by the views."""
import html
import os


def escape_for_html(value):
    return html.escape(value, quote=True)


def safe_file_name(value):
    """The last path component, never a directory."""
    return os.path.basename(value.replace("\\\\", "/"))
''',
    "db.py": '''\
"""The application's database connection."""
import sqlite3

DB_PATH = "/var/lib/shop/shop.db"


def get_connection():
    return sqlite3.connect(DB_PATH)


def run_query(sql):
    return get_connection().execute(sql).fetchall()


def run_query_with(sql, params):
    return get_connection().execute(sql, params).fetchall()
''',
    "settings.ini": """\
[hashing]
legacy = md5
modern = sha256
""",
    "shell.py": '''\
"""Running commands for the views."""
import subprocess


def run_command(command):
    """Runs a command line through the shell; its exit status."""
    return subprocess.run(command, shell=True, capture_output=True).returncode


def run_argv(argv):
    """Runs a program with these arguments, no shell; its exit status."""
    return subprocess.run(argv, capture_output=True).returncode
''',
    "files.py": '''\
"""Reading uploaded files."""
import os

UPLOAD_DIR = "/srv/app/uploads"


def read_upload(name):
    with open(os.path.join(UPLOAD_DIR, name)) as fh:
        return fh.read()


def read_upload_safely(name):
    with open(os.path.join(UPLOAD_DIR, os.path.basename(name))) as fh:
        return fh.read()
''',
    "tokens.py": '''\
"""Random number generators."""
import random
import time


def secure_rng():
    return random.SystemRandom()


def fast_rng():
    return random.Random(time.time())
''',
}


# ---------------------------------------------------------------------------------------
# Framework idioms

def fw_substitute(fw, code):
    def ret_text(m):
        return {"flask": "return %s" % m.group(1),
                "fastapi": 'return {"status": %s}' % m.group(1),
                "django": "return HttpResponse(%s)" % m.group(1)}[fw]

    def ret_json(m):
        return {"flask": "return jsonify(%s)" % m.group(1),
                "fastapi": "return %s" % m.group(1),
                "django": "return JsonResponse(%s)" % m.group(1)}[fw]

    code = re.sub(r'RETURN_TEXT\((".*?")\)', ret_text, code)
    code = re.sub(r"RETURN_JSON\((.*)\)$", ret_json, code, flags=re.M)
    code = code.replace("ABORT_400", {
        "flask": "abort(400)",
        "fastapi": 'raise HTTPException(status_code=400, detail="invalid input")',
        "django": 'return HttpResponseBadRequest("invalid input")'}[fw])
    return code


def cookie_code(fw, variant_code, attr, param, rng):
    other = "httponly" if attr == "secure" else "secure"
    constant = "COOKIE_SECURE" if attr == "secure" else "COOKIE_HTTPONLY"
    name = rng.choice(["session_token", "remember_me", "prefs"])
    code = variant_code.replace("COOKIE_ATTR", attr).replace("OTHER_ATTR", other)
    code = code.replace("SETTINGS_CONSTANT", constant)

    def call(m):
        args = m.group(1)
        if fw == "fastapi":
            return 'response.set_cookie(key="%s", value=%s, %s)' % (name, param, args)
        return 'response.set_cookie("%s", %s, %s)' % (name, param, args)

    code = re.sub(r"COOKIE_CALL\((.*)\)$", call, code, flags=re.M)
    make = {"flask": 'response = make_response("saved")',
            "fastapi": 'response = PlainTextResponse("saved")',
            "django": 'response = HttpResponse("saved")'}[fw]
    return make + "\n" + code + "\nreturn response"


# ---------------------------------------------------------------------------------------
# One case

class Case:
    pass


def pick_framework(rng):
    total = sum(w for _, w in FRAMEWORK_WEIGHTS)
    x = rng.uniform(0, total)
    for fw, w in FRAMEWORK_WEIGHTS:
        x -= w
        if x <= 0:
            return fw
    return FRAMEWORK_WEIGHTS[-1][0]


def compose_taint(rng, cat, target):
    """Parts of a taint case whose computed truth equals target."""
    sinks = TAINT_SINKS[cat]
    for _ in range(10000):
        fw = pick_framework(rng)
        candidates = [s for s in sinks if fw in s.fws]
        if not any(s.unsafe == target or not target for s in candidates):
            continue
        key = rng.choice(CATEGORY[cat][5])
        source = rng.choice([s for s in parts.sources(fw, key) if parts.source_fits(s, cat)])
        prop = rng.choice([p for p in parts.PROPAGATIONS if cat not in p.not_for])
        sanitizer = None
        if rng.random() < SANITIZER_RATE:
            usable = [z for z in parts.SANITIZERS if cat in z.applies]
            sanitizer = rng.choice(usable) if usable else None
        sink = rng.choice(candidates)
        if (sanitizer is not None and sanitizer.name.startswith("re.match") and
                source.name in parts.FIXED_PREFIX):
            continue  # the prefix guard would reject every such input: not a test of it
        protected = (sanitizer is not None and
                     ("*" in sanitizer.protects or cat in sanitizer.protects) and
                     sanitizer.name not in sink.not_protected_by)
        vulnerable = prop.keeps and not protected and sink.unsafe
        if vulnerable == target:
            return fw, key, source, prop, sanitizer, sink, vulnerable
    raise SystemExit("generate: could not compose a %s case with vulnerable=%s" % (cat, target))


def compose_value(rng, cat, target):
    variants = [v for v in VALUE_VARIANTS[cat] if v.unsafe == target]
    fw = pick_framework(rng)
    key = rng.choice(CATEGORY[cat][5])
    source = rng.choice([s for s in parts.sources(fw, key) if s.name not in (
        "files.filename", "data", "get_data", "body", "request.body()", "path.split",
        "view_args", "query_string")])
    return fw, key, source, rng.choice(variants)


def body_for_value(rng, cat, fw, param, variant):
    code = variant.code
    if cat in ("securecookie", "httponly"):
        return cookie_code(fw, code, "secure" if cat == "securecookie" else "httponly", param,
                           rng)
    code = code.replace("PARAM", param)
    if cat == "hash":
        code += '\nRETURN_JSON({"digest": digest})'
    else:
        if "(not security)" in variant.name:
            code = code.replace("token", "message")
            code += '\nRETURN_JSON({"message": message, "for": %s})' % param
        else:
            field = rng.choice(["reset_token", "session_id", "code"])
            code += '\nRETURN_JSON({"%s": token, "for": %s})' % (field, param)
    return fw_substitute(fw, code)


def source_lines(source, param):
    if not source.assign:
        return []
    if source.assign.startswith("BLOCK:"):
        return source.assign[len("BLOCK:"):].replace("PARAM", param).split("\n")
    return ["%s = %s" % (param, source.assign)]


def camel(name):
    return "".join(p.capitalize() for p in name.split("_"))


def render_module(case, rng):
    """The text of the case module."""
    fw, source, body_lines = case.fw, case.source, case.body
    stem = case.stem
    cat = CATEGORY[case.category]
    route = "/%s/%s" % (cat[3], stem[-5:])
    handler = case.handler
    lines_top = []
    module_code = [c for c in case.module_code if c]

    params = list(source.params)
    if fw == "fastapi" and re.search(r"\brequest\.", "\n".join(body_lines)) and not any(
            p.startswith("request:") for p in params):
        params.insert(0, "request: Request")
    # required parameters before defaulted ones
    params.sort(key=lambda p: "=" in p)
    method = source.method

    def indent(n):
        return "\n".join((" " * n + l) if l.strip() else "" for l in body_lines)

    if fw == "flask":
        style = rng.choice(["blueprint", "blueprint", "init", "init_get_post", "methodview"])
        full_route = route + source.route
        if style == "blueprint":
            deco = rng.choice(["route", "short"])
            if deco == "short":
                dec = '@bp.%s("%s")' % (method.lower(), full_route)
            else:
                dec = '@bp.route("%s", methods=["%s"])' % (full_route, method)
            text = 'bp = Blueprint("%s", __name__)\n\n\n%s\ndef %s(%s):\n%s\n' % (
                stem.lower(), dec, handler, ", ".join(params), indent(4))
            case.registration, case.layout = "blueprint", "blueprint"
        elif style == "init":
            text = ('def init(app):\n    @app.route("%s", methods=["%s"])\n'
                    "    def %s(%s):\n%s\n" % (full_route, method, handler,
                                               ", ".join(params), indent(8)))
            case.registration, case.layout = "init", "init(app)"
        elif style == "init_get_post":
            names = ", ".join(params)
            text = ('def init(app):\n    @app.route("%s", methods=["GET"])\n'
                    "    def %s_get(%s):\n        return %s_post(%s)\n\n"
                    '    @app.route("%s", methods=["POST"])\n'
                    "    def %s_post(%s):\n%s\n" % (full_route, handler, names, handler, names,
                                                    full_route, handler, names, indent(8)))
            case.registration, case.layout = "init", "init(app), GET calls POST"
        else:
            cls = camel(handler) + "View"
            text = ("class %s(MethodView):\n    def %s(self%s):\n%s\n\n\n"
                    'def init(app):\n    app.add_url_rule("%s", view_func=%s.as_view("%s"))\n'
                    % (cls, method.lower(), "".join(", " + p for p in params), indent(8),
                       full_route, cls, stem.lower()))
            case.registration, case.layout = "init", "MethodView"
    elif fw == "fastapi":
        is_async = source.awaits or rng.random() < 0.6
        text = 'router = APIRouter()\n\n\n@router.%s("%s")\n%sdef %s(%s):\n%s\n' % (
            method.lower(), route + source.route, "async " if is_async else "", handler,
            ", ".join(params), indent(4))
        case.registration = "router"
        case.layout = "async router" if is_async else "router"
    else:
        style = rng.choice(["function", "function", "class"])
        django_route = route.lstrip("/") + "/" + source.route
        if style == "function":
            text = ("def %s(request%s):\n%s\n\n\nurlpatterns = [path(\"%s\", %s)]\n" % (
                handler, "".join(", " + p for p in params), indent(4), django_route, handler))
        else:
            cls = camel(handler) + "View"
            text = ("class %s(View):\n    def %s(self, request%s):\n%s\n\n\n"
                    "urlpatterns = [path(\"%s\", %s.as_view())]\n" % (
                        cls, method.lower(), "".join(", " + p for p in params), indent(8),
                        django_route, cls))
        case.registration = "urls"
        case.layout = "view function" if style == "function" else "class-based view"

    # one-line constants together, class blocks apart as PEP 8 spaces them
    tail = ""
    for chunk in module_code:
        if tail:
            tail += "\n\n\n" if ("class " in chunk or "class " in tail) else "\n"
        tail += chunk.rstrip("\n")
    full = (tail + "\n\n\n" if tail else "") + text
    std, third, local = parts.module_imports(full)
    fwi = parts.framework_imports(fw, full)
    case.naming = "from-import"
    if fw == "flask":
        naming = rng.choices(["from-import", "qualified", "aliased"], [65, 25, 10])[0]
        if naming != "from-import":
            tail, text, fwi = rename_flask_names(naming, tail, text, fwi)
            case.naming = naming
    blocks = [b for b in (std, sorted(third + fwi), local) if b]
    header = "\n\n".join("\n".join(b) for b in blocks)
    starts_block = re.match(r"(class|def|@)", tail) is not None
    out = header + ("\n\n\n" if starts_block else "\n\n")
    if tail:
        out += tail + "\n\n\n"
    else:
        out += "\n"
    return out + text


FLASK_ALIASES = {"request": "incoming", "session": "user_session", "redirect": "go_to"}


def rename_names(text, mapping):
    """Rewrite NAME tokens (not attributes, not strings) by mapping."""
    out, last = [], None
    tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    for tok in tokens:
        if tok.type == tokenize.NAME and tok.string in mapping and not (
                last is not None and last.type == tokenize.OP and last.string == "."):
            tok = tok._replace(string=mapping[tok.string])
        out.append(tok)
        if tok.type not in (tokenize.NL, tokenize.COMMENT):
            last = tok
    return tokenize.untokenize(out)


def rename_flask_names(naming, tail, text, fwi):
    """`import flask` and flask.request..., or `from flask import request as incoming`."""
    flask_line = next((l for l in fwi if l.startswith("from flask import ")), None)
    if flask_line is None:
        return tail, text, fwi
    names = flask_line[len("from flask import "):].split(", ")
    if naming == "qualified":
        mapping = {n: "flask." + n for n in names}
        new_line = "import flask"
    else:
        mapping = {n: FLASK_ALIASES[n] for n in names if n in FLASK_ALIASES}
        if not mapping:
            return tail, text, fwi
        new_line = "from flask import " + ", ".join(
            "%s as %s" % (n, mapping[n]) if n in mapping else n for n in names)
    fwi = [new_line if l == flask_line else l for l in fwi]
    return (rename_names(tail, mapping) if tail else tail), rename_names(text, mapping), fwi


def build_case(rng, cat, number, target):
    case = Case()
    case.category = cat
    case.cwe = CATEGORY[cat][2]
    case.stem = "%sTest%05d" % (CATEGORY[cat][1], number)
    case.handler = rng.choice(CATEGORY[cat][4])
    bar = rng.choice(BAR_NAMES)
    module_code = []
    if cat in TAINT_SINKS:
        fw, key, source, prop, sanitizer, sink, vulnerable = compose_taint(rng, cat, target)
        param = key
        body = []
        body += source_lines(source, param)
        chunks = [prop.code]
        module_code.append(prop.module_code)
        if sanitizer:
            chunks.append(sanitizer.code)
            if "ALLOWED_VALUES" in sanitizer.code:
                module_code.append(parts.ALLOWED_VALUES_CODE)
        chunks.append(sink.code)
        code = "\n".join(chunks).replace("PARAM", param).replace("BAR", bar)
        code = fw_substitute(fw, code)
        body += code.split("\n")
        module_code.append(sink.module_code)
        case.parts = {"framework": fw, "source": source.name, "propagation": prop.name,
                      "sanitizer": sanitizer.name if sanitizer else "",
                      "sink": sink.name}
    else:
        fw, key, source, variant = compose_value(rng, cat, target)
        param = key
        vulnerable = variant.unsafe
        body = []
        body += source_lines(source, param)
        body += body_for_value(rng, cat, fw, param, variant).split("\n")
        module_code.append(variant.module_code)
        case.parts = {"framework": fw, "source": source.name, "propagation": "",
                      "sanitizer": "", "sink": variant.name}
    module_code.insert(0, source.module_code.rstrip("\n"))
    case.fw, case.source, case.body = fw, source, body
    case.module_code = module_code
    case.vulnerable = vulnerable
    case.text = render_module(case, rng)
    case.style = "%s, %s" % (case.layout, case.naming)
    case.input = param
    return case


# ---------------------------------------------------------------------------------------
# Project files

def app_files(cases):
    flask_cases = [c for c in cases if c.fw == "flask"]
    fastapi_cases = [c for c in cases if c.fw == "fastapi"]
    django_cases = [c for c in cases if c.fw == "django"]
    app = ['"""The Flask application: every Flask test case registers itself here."""',
           "import os", "", "from flask import Flask", ""]
    app += ["from cases import %s" % c.stem for c in flask_cases]
    app += ["", "", "def create_app():", "    app = Flask(__name__)",
            '    app.secret_key = os.environ["SECRET_KEY"]']
    for c in flask_cases:
        if c.registration == "blueprint":
            app.append("    app.register_blueprint(%s.bp)" % c.stem)
        else:
            app.append("    %s.init(app)" % c.stem)
    app += ["    return app", ""]
    api = ['"""The FastAPI part of the benchmark application."""', "import os", "",
           "from fastapi import FastAPI",
           "from starlette.middleware.sessions import SessionMiddleware", ""]
    api += ["from cases import %s" % c.stem for c in fastapi_cases]
    api += ["", "app = FastAPI()",
            'app.add_middleware(SessionMiddleware, secret_key=os.environ["SECRET_KEY"])']
    api += ["app.include_router(%s.router)" % c.stem for c in fastapi_cases]
    api.append("")
    urls = ['"""URLs of the Django part of the benchmark application."""',
            "from django.urls import include, path", "", "urlpatterns = ["]
    urls += ['    path("", include("cases.%s")),' % c.stem for c in django_cases]
    urls += ["]", ""]
    settings = '''"""Django settings of the benchmark application."""
import os

SECRET_KEY = os.environ["SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ["shop.example.com"]
ROOT_URLCONF = "djangoproject.urls"
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes", "django.contrib.sessions"]
MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware"]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "/var/lib/shop/django.db"}}
'''
    return {"app.py": "\n".join(app), "api.py": "\n".join(api),
            "djangoproject/__init__.py": "", "djangoproject/settings.py": settings,
            "djangoproject/urls.py": "\n".join(urls), "cases/__init__.py": ""}


# ---------------------------------------------------------------------------------------
# Self-checks

MARK = "Zq7taintMARK"


def check_propagations():
    """Run every propagation with a marker input; `keeps` must match what happens."""
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        os.makedirs(os.path.join(tmp, "helpers"))
        for name, text in HELPERS.items():
            with open(os.path.join(tmp, "helpers", name), "w") as f:
                f.write(text)
        sys.path.insert(0, tmp)
        try:
            for prop in parts.PROPAGATIONS:
                code = prop.code.replace("PARAM", "param").replace("BAR", "bar")
                std, _third, local = parts.module_imports(code)
                # run inside a function, as in a handler (closures, nonlocal); the input
                # has a second word, so cutting the last character or keeping the first
                # word still leaves the marker
                src = "\n".join(std + local + [prop.module_code]) + "\n" + \
                    "def handler(param):\n" + textwrap.indent(code, "    ") + \
                    "\n    return bar\n\nresult = handler(%r)\n" % (MARK + " tail")
                scope = {}
                try:
                    exec(compile(src, "<%s>" % prop.name, "exec"), scope)
                except Exception as exc:  # a broken snippet is a generator bug
                    problems.append("%s: raised %r" % (prop.name, exc))
                    continue
                reached = MARK.lower() in str(scope.get("result")).lower()
                if reached != prop.keeps:
                    problems.append("%s: keeps=%s but the marker %s" % (
                        prop.name, prop.keeps, "reached BAR" if reached else "did not"))
        finally:
            sys.path.remove(tmp)
            for mod in [m for m in sys.modules if m == "helpers" or m.startswith("helpers.")]:
                del sys.modules[mod]
    return problems


def unbound_names(text):
    """Names read in a module that nothing in it binds (a missing import, a typo)."""
    tree = ast.parse(text)
    bound = set(dir(builtins)) | {"__file__", "__name__"}
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            bound.add(node.id)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.add(node.name)
        elif isinstance(node, ast.MatchAs) and node.name:
            bound.add(node.name)
    return sorted({n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and
                   isinstance(n.ctx, ast.Load) and n.id not in bound})


def check_outputs(out_dir, cases):
    problems = []
    for dirpath, _dirs, files in os.walk(out_dir):
        for f in files:
            if f.endswith(".py"):
                path = os.path.join(dirpath, f)
                with open(path) as fh:
                    text = fh.read()
                try:
                    compile(text, path, "exec")
                except SyntaxError as exc:
                    problems.append("%s:%s: %s" % (path, exc.lineno, exc.msg))
                else:
                    missing = unbound_names(text)
                    if missing:
                        problems.append("%s: unbound names %s" % (path, ", ".join(missing)))
                left = re.search(r"\b(PARAM|BAR|RETURN_TEXT|RETURN_JSON|ABORT_400|COOKIE_CALL|"
                                 r"COOKIE_ATTR|OTHER_ATTR|SETTINGS_CONSTANT)\b", text)
                if left:
                    problems.append("%s: placeholder %s left in the output" % (path, left.group(1)))
    per = collections.defaultdict(lambda: [0, 0])
    for c in cases:
        per[c.category][c.vulnerable] += 1
    for cat, (safe, vuln) in sorted(per.items()):
        if abs(safe - vuln) > 1:
            problems.append("%s: %d vulnerable, %d safe" % (cat, vuln, safe))
    return problems


# ---------------------------------------------------------------------------------------

def generate(out_dir, count, seed, categories):
    rng = random.Random(seed)
    per_cat = {c: count // len(categories) for c in categories}
    for c in categories[:count % len(categories)]:
        per_cat[c] += 1
    plan = []
    for c in categories:
        n = per_cat[c]
        outcomes = [i % 2 == 0 for i in range(n)]
        rng.shuffle(outcomes)
        plan += [(c, o) for o in outcomes]
    rng.shuffle(plan)
    cases = [build_case(rng, cat, i + 1, target) for i, (cat, target) in enumerate(plan)]

    if os.path.exists(out_dir):
        if not os.path.exists(os.path.join(out_dir, "expected.csv")):
            raise SystemExit("generate: %s exists and is not a generated benchmark; "
                             "choose another --out" % out_dir)
        shutil.rmtree(out_dir)
    for sub in ("cases", "helpers", "djangoproject"):
        os.makedirs(os.path.join(out_dir, sub))
    files = dict(app_files(cases))
    for name, text in HELPERS.items():
        files["helpers/" + name] = text
    for c in cases:
        files["cases/%s.py" % c.stem] = c.text
    for name, text in files.items():
        with open(os.path.join(out_dir, name), "w") as f:
            f.write(text)
    with open(os.path.join(out_dir, "expected.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["case", "category", "cwe", "vulnerable"])
        for c in cases:
            w.writerow([c.stem, c.category, c.cwe, "true" if c.vulnerable else "false"])
    with open(os.path.join(out_dir, "cases.csv"), "w", newline="") as f:
        w = csv.writer(f)
        cols = ["framework", "source", "propagation", "sanitizer", "sink", "style", "input"]
        w.writerow(["case", "category", "cwe", "vulnerable"] + cols)
        for c in cases:
            w.writerow([c.stem, c.category, c.cwe, "true" if c.vulnerable else "false"] +
                       [c.parts[k] for k in cols[:-2]] + [c.style, c.input])
    with open(os.path.join(out_dir, "README.md"), "w") as f:
        f.write("Generated by bench/dataflow/generate.py --count %d --seed %d; do not edit.\n"
                "expected.csv holds the truth per case, cases.csv the parts of each case.\n"
                % (count, seed))
    return cases


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=os.path.join(ROOT, "build", "bench-dataflow"),
                    help="project directory to (re)create (default: build/bench-dataflow)")
    ap.add_argument("--count", type=int, default=1400, help="number of cases (default 1400)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--categories", help="comma-separated category keys (default: all): " +
                    ", ".join(c[0] for c in CATEGORIES))
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()
    categories = [c[0] for c in CATEGORIES]
    if args.categories:
        categories = [c.strip() for c in args.categories.split(",") if c.strip()]
        unknown = [c for c in categories if c not in CATEGORY]
        if unknown:
            raise SystemExit("generate: unknown categories: %s" % ", ".join(unknown))
    if args.count < 2 * len(categories):
        raise SystemExit("generate: --count must be at least %d (two per category)"
                         % (2 * len(categories)))
    problems = check_propagations()
    cases = generate(args.out, args.count, args.seed, categories)
    problems += check_outputs(args.out, cases)
    if problems:
        print("generate: self-check failed:", file=sys.stderr)
        for p in problems:
            print("  " + p, file=sys.stderr)
        return 1
    if not args.quiet:
        per = collections.Counter((c.category, c.vulnerable) for c in cases)
        fws = collections.Counter(c.fw for c in cases)
        print("wrote %d cases to %s (%s)" % (len(cases), args.out, ", ".join(
            "%s %d" % kv for kv in sorted(fws.items()))))
        for cat in categories:
            print("  %-16s cwe %-4d vulnerable %3d  safe %3d" % (
                cat, CATEGORY[cat][2], per[(cat, True)], per[(cat, False)]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
