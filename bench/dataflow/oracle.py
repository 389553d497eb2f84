#!/usr/bin/env python3
"""Check the benchmark's labels by running the cases: every Flask case of the categories
whose effect can be seen from outside is served by Flask's test client, fed attack inputs
through its own source, and judged by what happens; the verdict is compared with
expected.csv.

    python3 bench/dataflow/oracle.py [PROJECT] [--verbose]

Observed effects (calls to the network, shells, databases and eval are replaced by
recorders, so nothing is really run):
  sqli          SQL text that carries the input's quote-breaking clause
  cmdi          a shell command line where the input's ";" or "|" starts a new command
  codeinj       eval/exec/compile given code that carries the input's call
  ssrf          an outgoing request to the attacker's host
  deserialization  pickle, marshal, jsonpickle or an unsafe YAML loader given the input
  ldapi         an LDAP search filter where the input's ")(" opens a new clause
  pathtraver    a file operation on a path outside the upload directory
  xpathi        an XPath expression where the input's quote opens an "or" clause
  xxe           the input parsed by a parser that resolves external entities
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
import shlex
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
# attack inputs without spaces and with a throwaway last character, so propagations that
# keep the first word or replace the last character leave the attack whole
SSRF_PAYLOADS = ["https://evil.example/x", "evil.example/x"]
CMD_PAYLOADS = ["x;EvilMark7cmd;#", "x|EvilMark7cmd|#"]
CODE_PAYLOADS = ["EvilMark7code()#x"]
SQL_PAYLOADS = ["x'OR'EvilMark7'='EvilMark7'--x"]
# the marker as base64, as hex and as text, for the decoders in front of the loaders
DESER_PAYLOADS = ["RXZpbE1hcms3ZGF0YQ==", "4576696c4d61726b3764617461", "EvilMark7data"]
LDAP_PAYLOADS = ["x)(EvilMark7=*"]
XPATH_PAYLOADS = ["x'or'EvilMark7'='EvilMark7'or'a"]
XXE_PAYLOADS = ['<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]><r>EvilMark7&e;</r>',
                # a multipart file name cannot hold a double quote
                "<!DOCTYPE r [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><r>EvilMark7&e;</r>"]
PATH_PAYLOADS = ["../../../../etc/passwd", "/etc/passwd", "x/../../../../../etc/passwd"]
# what the spies below saw during one request: (kind, detail)
SEEN = []
CATEGORIES = ("sqli", "cmdi", "codeinj", "ssrf", "deserialization", "ldapi", "pathtraver",
              "xpathi", "xxe",
              "xss", "redirect", "headeri", "trustbound", "logi", "hash", "securecookie",
              "httponly")
STUBBED = ["lxml", "lxml.etree", "sqlalchemy", "ldap3", "ldap3.utils", "ldap3.utils.conv",
           "ldap", "ldap.filter", "defusedxml", "defusedxml.ElementTree"]


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
            if name == "ldap3":  # searches reach the recording connection
                module.Server = lambda *a, **k: None
                module.Connection = _FakeDirectory
            if name == "ldap":
                module.SCOPE_SUBTREE = 2
                module.initialize = lambda *a, **k: _FakeDirectory()
            if name == "ldap.filter":
                module.escape_filter_chars = _escape_filter_chars
                module.filter_format = lambda template, values: template % tuple(
                    _escape_filter_chars(v) for v in values)
            if name == "sqlalchemy":  # statements reach the recording connection
                module.text = str
                module.create_engine = lambda *a, **k: types.SimpleNamespace(
                    connect=_FakeConnection, begin=_FakeConnection)


class _FakeResponse:
    status_code = status = 200

    def read(self, *args):
        return b""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class _FakeProcess:
    returncode = 0

    def communicate(self, *args, **kwargs):
        return b"", b""


def _record_request(url, *args, **kwargs):
    SEEN.append(("request", str(url)))
    return _FakeResponse()


def _record_shell(command, shell_run=True):
    SEEN.append(("shell" if shell_run else "argv", command))


def _process_spy(result):
    def spy(args, *rest, **kwargs):
        shell = kwargs.get("shell", False)
        if isinstance(args, (list, tuple)):
            if not shell and len(args) >= 3 and os.path.basename(str(args[0])) in (
                    "sh", "bash") and args[1] == "-c":
                _record_shell(str(args[2]))
            elif shell:
                _record_shell(" ".join(map(str, args)))
            else:
                _record_shell(list(args), shell_run=False)
        else:
            _record_shell(str(args), shell_run=bool(shell))
        return result() if callable(result) else result
    return spy


class _FakeCursor:
    def execute(self, sql, params=()):
        SEEN.append(("sql", sql))
        return self

    executescript = exec_driver_sql = execute

    def all(self):
        return []

    def fetchall(self):
        return []

    def fetchone(self):
        return None


class _FakeConnection(_FakeCursor):
    def cursor(self):
        return _FakeCursor()

    def commit(self):
        pass

    def close(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class _FakeDirectory:
    entries = []

    def __init__(self, *args, **kwargs):
        pass

    def search(self, search_base=None, search_filter=None, *args, **kwargs):
        SEEN.append(("ldap", search_filter))
        return True

    def search_s(self, base, scope, filterstr="(objectClass=*)", *args, **kwargs):
        SEEN.append(("ldap", filterstr))
        return []

    search_ext_s = search_s

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def _record_load(data, *args, **kwargs):
    SEEN.append(("deser", data))
    return {}


def install_spies():
    """Replace the calls that reach the network, a shell or a database by recorders."""
    import sqlite3
    import subprocess
    import urllib.request
    import requests
    import urllib3
    requests.get = requests.post = _record_request
    requests.request = lambda method, url, *a, **k: _record_request(url)
    requests.Session = lambda: types.SimpleNamespace(get=_record_request, post=_record_request)
    urllib.request.urlopen = _record_request
    urllib3.PoolManager = lambda *a, **k: types.SimpleNamespace(
        request=lambda method, url, *x, **y: _record_request(url))
    httpx = types.ModuleType("httpx")
    httpx.get = httpx.post = _record_request
    httpx.Client = lambda *a, **k: types.SimpleNamespace(
        get=_record_request, post=_record_request, __enter__=None)

    class _Client:
        def __init__(self, *a, **k):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        get = post = staticmethod(_record_request)

    httpx.Client = _Client
    sys.modules["httpx"] = httpx
    os.system = lambda command: (_record_shell(command), 0)[1]
    os.popen = lambda command, *a: (_record_shell(command), io.StringIO(""))[1]
    os.spawnlp = lambda mode, file, *args: (_record_shell(list(args), shell_run=False), 0)[1]
    subprocess.run = _process_spy(lambda: subprocess.CompletedProcess([], 0, "", ""))
    subprocess.call = _process_spy(0)
    subprocess.check_output = _process_spy(b"")
    subprocess.Popen = _process_spy(_FakeProcess)
    subprocess.getoutput = lambda command: (_record_shell(command), "")[1]
    sqlite3.connect = lambda *a, **k: _FakeConnection()
    jsonpickle = types.ModuleType("jsonpickle")
    jsonpickle.decode = _record_load
    sys.modules["jsonpickle"] = jsonpickle


class _Proxy:
    """A module with some functions replaced, the rest passed through."""

    def __init__(self, real, **replaced):
        self._real, self._replaced = real, replaced

    def __getattr__(self, name):
        if name in self._replaced:
            return self._replaced[name]
        return getattr(self._real, name)


UPLOAD_ROOT = "/srv/app/uploads"


class _FakeFile(io.BytesIO):
    def read(self, *args):
        return b"" if "b" in getattr(self, "mode", "rb") else ""


def _record_path(path, *args, **kwargs):
    SEEN.append(("path", str(path)))
    f = _FakeFile()
    f.mode = args[0] if args and isinstance(args[0], str) else kwargs.get("mode", "r")
    return f


class _FakePath:
    def __init__(self, *parts):
        self.path = os.path.join(*(str(p) for p in parts))

    def __truediv__(self, other):
        return _FakePath(self.path, other)

    def joinpath(self, *other):
        return _FakePath(self.path, *other)

    def _touch(self, result):
        SEEN.append(("path", self.path))
        return result

    def read_text(self, *a, **k):
        return self._touch("")

    def unlink(self, *a, **k):
        return self._touch(None)

    def __str__(self):
        return self.path


def file_spies(module):
    """File operations as one case module (and the project's file helpers) sees them
    record the paths they get."""
    import codecs
    import shutil
    import zipfile
    fake_path = _Proxy(os.path, exists=lambda p: (_record_path(p), False)[1])
    fake_os = _Proxy(os, path=fake_path, remove=_record_path, listdir=lambda p: (
        _record_path(p), [])[1])
    targets = [module] + [m for n, m in sys.modules.items() if n == "helpers.files"]
    for target in targets:
        target.open = _record_path
        if hasattr(target, "os"):
            target.os = fake_os
    if hasattr(module, "io"):
        module.io = _Proxy(io, open=_record_path)
    if hasattr(module, "codecs"):
        module.codecs = _Proxy(codecs, open=_record_path)
    if hasattr(module, "shutil"):
        module.shutil = _Proxy(shutil, copy=_record_path)
    if hasattr(module, "zipfile"):
        module.zipfile = _Proxy(zipfile, ZipFile=_ZipSpy)
    if hasattr(module, "Path"):
        module.Path = _FakePath
    send_file = lambda p, *a, **k: (_record_path(p), "file")[1]  # noqa: E731
    if hasattr(module, "send_file"):
        module.send_file = send_file
    if hasattr(module, "flask"):  # `import flask` naming
        import flask
        module.flask = _Proxy(flask, send_file=send_file)


class _ZipSpy:
    def __init__(self, path, *args, **kwargs):
        _record_path(path)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def namelist(self):
        return []


class _FakeTree:
    """An lxml/ElementTree document whose queries record their expressions."""

    tag = "root"

    def getroot(self):
        return self

    def xpath(self, expr, **variables):
        SEEN.append(("xpath", expr))
        return []

    def findall(self, expr, *a, **k):
        SEEN.append(("xpath", expr))
        return []

    def iter(self, *a, **k):
        return iter(())

    def __len__(self):
        return 0


class _FakeXPath:
    def __init__(self, expr, *a, **k):
        SEEN.append(("xpath", expr))

    def __call__(self, *a, **k):
        return []


def _xml_document(doc):
    if isinstance(doc, io.BytesIO):
        doc = doc.getvalue()
    return doc.decode("utf-8", "replace") if isinstance(doc, bytes) else str(doc)


def _lxml_parse(doc, parser=None, *a, **k):
    parser = parser or k.get("parser")
    if isinstance(doc, str) and not doc.lstrip().startswith("<"):
        return _FakeTree()  # a file name: the server's own document
    resolving = bool(parser is not None and parser.get("resolve_entities"))
    SEEN.append(("xml", (resolving, _xml_document(doc))))
    return _FakeTree()


class _FakeSaxReader:
    def __init__(self):
        self.external = False

    def setFeature(self, name, value):
        import xml.sax.handler
        if name == xml.sax.handler.feature_external_ges:
            self.external = bool(value)

    def setContentHandler(self, handler):
        pass

    def parse(self, stream):
        SEEN.append(("xml", (self.external, _xml_document(stream))))


def xml_spies(module):
    """lxml (absent or not), ElementTree, xml.sax and xml.dom as one case module sees
    them: queries record their expressions, parsers their document and whether they
    would resolve external entities."""
    import xml.dom.minidom
    import xml.dom.pulldom
    import xml.sax

    def evaluator(tree, *a, **k):
        return lambda expr, **variables: (SEEN.append(("xpath", expr)), 0)[1]

    def pulldom_parse(doc, parser=None):
        SEEN.append(("xml", (bool(parser is not None and parser.external), str(doc))))
        return iter(())

    def minidom_parse(doc, *a, **k):  # expat: no external entities
        SEEN.append(("xml", (False, str(doc))))
        return types.SimpleNamespace(documentElement=types.SimpleNamespace(tagName="r"))

    if hasattr(module, "etree"):
        module.etree = types.SimpleNamespace(
            parse=_lxml_parse, fromstring=_lxml_parse, XML=_lxml_parse, XPath=_FakeXPath,
            XMLParser=lambda **options: options, XPathEvaluator=evaluator)
    if hasattr(module, "ET"):
        module.ET = types.SimpleNamespace(parse=lambda *a, **k: _FakeTree())
    if hasattr(module, "xml"):
        module.xml = types.SimpleNamespace(
            sax=_Proxy(xml.sax, make_parser=_FakeSaxReader),
            dom=types.SimpleNamespace(
                pulldom=_Proxy(xml.dom.pulldom, parseString=pulldom_parse),
                minidom=_Proxy(xml.dom.minidom, parseString=minidom_parse)))


def loader_spies(module):
    """pickle, marshal and yaml as one case module sees them record what they load (the
    real modules stay untouched: the import system itself uses marshal)."""
    import marshal
    import pickle
    import yaml
    safe_loaders = {yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)}
    if hasattr(module, "pickle"):
        module.pickle = _Proxy(pickle, loads=_record_load,
                               load=lambda stream, *a, **k: _record_load(stream.read()),
                               Unpickler=lambda stream, *a, **k: types.SimpleNamespace(
                                   load=lambda: _record_load(stream.read())))
    if hasattr(module, "marshal"):
        module.marshal = _Proxy(marshal, loads=_record_load)
    if hasattr(module, "yaml"):
        module.yaml = _Proxy(yaml, unsafe_load=_record_load, safe_load=lambda stream: {},
                             load=lambda stream, Loader=None: (
                                 {} if Loader in safe_loaders else _record_load(stream)))


def code_spies(module):
    """eval/exec/compile in one case module's namespace record the code they get."""
    def record(code, *args, **kwargs):
        SEEN.append(("code", code if isinstance(code, str) else "<compiled>"))
        return 0
    module.eval = module.exec = record
    module.compile = lambda source, *a, **k: (SEEN.append(("code", source)), "<compiled>")[1]


def spied_effect(category, value):
    """(effect, sink reached) from what the spies saw."""
    if category == "ssrf":
        hosts = [urllib.parse.urlparse(d).hostname for k, d in SEEN if k == "request"]
        return any(h == "evil.example" for h in hosts), bool(hosts)
    if category == "cmdi":
        reached = [d for k, d in SEEN if k in ("shell", "argv")]
        for kind, command in SEEN:
            if kind != "shell":
                continue
            lexer = shlex.shlex(command, posix=True, punctuation_chars=True)
            try:
                tokens = list(lexer)
            except ValueError:
                continue
            for i, tok in enumerate(tokens[1:], 1):
                if tok.lower() == "evilmark7cmd" and tokens[i - 1] in (";", "|"):
                    return True, True
        return False, bool(reached)
    if category == "codeinj":
        codes = [d for k, d in SEEN if k == "code"]
        return any("evilmark7code()" in str(c).lower() for c in codes), bool(codes)
    if category == "xpathi":
        exprs = [str(d) for k, d in SEEN if k == "xpath"]
        return any("'or'evilmark7'='evilmark7'" in e.lower().replace(" ", "")
                   for e in exprs), bool(exprs)
    if category == "xxe":
        parsed = [d for k, d in SEEN if k == "xml"]
        return any(resolving and "evilmark7" in doc.lower() for resolving, doc in parsed), \
            bool(parsed)
    if category == "pathtraver":
        paths = [d for k, d in SEEN if k == "path"]
        escaped = [p for p in paths if not os.path.normpath(p).startswith(UPLOAD_ROOT + "/")]
        return bool(escaped), bool(paths)
    if category == "deserialization":
        loads = [d for k, d in SEEN if k == "deser"]
        text = [d.decode("latin-1") if isinstance(d, bytes) else str(d) for d in loads]
        return any("evilmark7data" in t.lower() for t in text), bool(loads)
    if category == "ldapi":
        filters = [str(d) for k, d in SEEN if k == "ldap"]
        return any(")(evilmark7=" in f.lower() for f in filters), bool(filters)
    if category == "sqli":
        sqls = [d for k, d in SEEN if k == "sql"]
        return any("'or'evilmark7'='evilmark7'" in str(q).lower().replace(" ", "")
                   for q in sqls), bool(sqls)
    return False, False


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
    SEEN.clear()
    spied = category in ("ssrf", "cmdi", "codeinj", "sqli", "deserialization", "ldapi",
                         "pathtraver", "xpathi", "xxe")
    try:
        resp = client.open(path, method=method, **kw)
    except ValueError as exc:
        if category == "headeri" and "newline" in str(exc):
            return True, True
        return False, False
    except Exception:
        if spied:
            return spied_effect(category, value)
        return False, False
    if spied:
        effect, reached = spied_effect(category, value)
        return effect, reached or resp.status_code < 400
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
    install_spies()
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
        if category == "codeinj":
            code_spies(module)
        if category == "deserialization":
            loader_spies(module)
        if category == "pathtraver":
            file_spies(module)
        if category in ("xpathi", "xxe"):
            xml_spies(module)
        values = (SSRF_PAYLOADS if category == "ssrf" else
                  CMD_PAYLOADS if category == "cmdi" else
                  CODE_PAYLOADS if category == "codeinj" else
                  SQL_PAYLOADS if category == "sqli" else
                  DESER_PAYLOADS if category == "deserialization" else
                  LDAP_PAYLOADS if category == "ldapi" else
                  PATH_PAYLOADS if category == "pathtraver" else
                  XPATH_PAYLOADS if category == "xpathi" else
                  XXE_PAYLOADS if category == "xxe" else
                  XSS_PAYLOADS if category == "xss" else
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
