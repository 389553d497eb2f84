"""The building blocks of the data-flow benchmark (see generate.py).

Every case is assembled from parts; each part carries the facts the truth of a case is
computed from:
  - a source reads one request input into the variable PARAM (always attacker-controlled);
  - a propagation copies PARAM into BAR, either keeping the taint (`keeps=True`) or
    provably not (`keeps=False`: a constant reaches BAR);
  - an optional sanitizer rewrites or guards BAR; `protects` names the categories whose
    sinks it really makes safe (escaping HTML does not make SQL safe);
  - a sink uses BAR, `unsafe=True` when a tainted BAR there is the flaw of the category.

Templates are plain strings; PARAM and BAR are replaced by the case's variable names,
RETURN_TEXT("..."), RETURN_JSON(expr) and ABORT_400 by the framework's idiom. Imports
are added by scanning the finished module (IMPORTS below), so templates stay short.
"""
import re

ALL_FWS = ("flask", "fastapi", "django")


class Source:
    def __init__(self, name, fw, assign=None, route="", params=(), method="GET",
                 awaits=False, module_code="", route_param=None):
        self.name, self.fw, self.assign, self.route = name, fw, assign, route
        self.params, self.method, self.awaits = list(params), method, awaits
        self.module_code = module_code
        self.route_param = route_param


class Propagation:
    def __init__(self, name, keeps, code, module_code="", not_for=()):
        self.name, self.keeps, self.code = name, keeps, code.strip("\n")
        self.module_code = module_code
        # categories whose payloads the snippet's edits could break (a document cut at
        # the first space): never drawn there, so no truth depends on exploit details
        self.not_for = set(not_for)


class Sanitizer:
    def __init__(self, name, code, protects, applies):
        self.name, self.code = name, code.strip("\n")
        self.protects = set(protects)
        self.applies = set(applies)


class Sink:
    def __init__(self, name, unsafe, code, fws=ALL_FWS, module_code="", not_protected_by=()):
        self.name, self.unsafe, self.code = name, unsafe, code.strip("\n")
        self.fws, self.module_code = fws, module_code.strip("\n")
        # sanitizers of the category that this variant defeats (HTML escaping does not
        # stop template injection in render_template_string)
        self.not_protected_by = set(not_protected_by)


# ---------------------------------------------------------------------------------------
# Sources. KEY is replaced by the input's name (the same as PARAM's name, as developers
# write it); HKEY by a header spelling of it.

def sources(fw, key):
    hkey = "X-" + "-".join(p.capitalize() for p in key.split("_"))
    meta = "HTTP_" + hkey.upper().replace("-", "_")
    out = []
    if fw == "flask":
        S = lambda name, assign, **kw: out.append(Source(name, fw, assign, **kw))
        S("args.get", 'request.args.get("%s", "")' % key)
        S("args[]", 'request.args["%s"]' % key)
        S("args.getlist", '(request.args.getlist("%s") or [""])[0]' % key)
        S("form.get", 'request.form.get("%s", "")' % key, method="POST")
        S("form[]", 'request.form["%s"]' % key, method="POST")
        S("form.to_dict", 'request.form.to_dict().get("%s", "")' % key, method="POST")
        S("values.get", 'request.values.get("%s", "")' % key)
        S("cookies.get", 'request.cookies.get("%s", "")' % key)
        S("headers.get", 'request.headers.get("%s", "")' % hkey)
        S("headers.getlist", '", ".join(request.headers.getlist("%s"))' % hkey)
        S("get_json", '(request.get_json(silent=True) or {}).get("%s", "")' % key, method="POST")
        S("json[]", 'request.json["%s"]' % key, method="POST")
        S("data", 'request.data.decode("utf-8")', method="POST")
        S("get_data", "request.get_data(as_text=True)", method="POST")
        S("files.filename", 'request.files["%s"].filename' % key, method="POST")
        S("view_args", 'request.view_args["slug"]', route="/<slug>", params=["slug"])
        S("path.split", 'request.path.split("/")[-1]', route="/<path:subpath>",
          params=["subpath"])
        S("query_string", 'request.query_string.decode("utf-8")')
        S("environ", 'request.environ.get("%s", "")' % meta)
        S("route param", None, route="/<%s>" % key, params=[key])
        S("form.getlist", '",".join(request.form.getlist("%s"))' % key, method="POST")
        S("args.to_dict", 'request.args.to_dict().get("%s", "")' % key)
        S("get_json(force)", 'request.get_json(force=True)["%s"]' % key, method="POST")
        S("headers[]", 'request.headers["%s"]' % hkey)
        S("referrer", 'request.referrer or ""')
        S("user_agent", "request.user_agent.string")
        S("full_path", "request.full_path")
        S("stream.read", 'request.stream.read().decode("utf-8")', method="POST")
        S("authorization", 'request.authorization.username if request.authorization else ""')
        # multi-line reads, as test suites for analysers write them
        S("headers.getlist first", 'BLOCK:PARAM = ""\nvalues = request.headers.getlist("%s")\n'
          'if values:\n    PARAM = values[0]' % hkey)
        S("parameter name", 'BLOCK:PARAM = ""\nfor name in request.args.keys():\n'
          '    if request.args.get(name) == "%s":\n        PARAM = name\n        break' % key)
        S("query_string parsed", 'BLOCK:query = request.query_string.decode("utf-8")\n'
          'start = query.find("%s=")\nPARAM = query[start + %d:] if start >= 0 else ""\n'
          'end = PARAM.find("&")\nif end > -1:\n    PARAM = PARAM[:end]\n'
          "PARAM = urllib.parse.unquote_plus(PARAM)" % (key, len(key) + 1))
        S("cookie with default", 'BLOCK:PARAM = request.cookies.get("%s", "noCookieValueSupplied")'
          % key)
        S("header names", 'BLOCK:PARAM = ""\nfor header_name in request.headers.keys():\n'
          '    if header_name.lower() in ("host", "accept", "user-agent", "cookie"):\n'
          "        continue\n    PARAM = header_name\n    break")
        S("args.get or empty", 'BLOCK:PARAM = request.args.get("%s")\nif PARAM is None:\n'
          '    PARAM = ""' % key)
    elif fw == "fastapi":
        S = lambda name, assign, **kw: out.append(Source(name, fw, assign, **kw))
        S("path param", None, route="/{%s}" % key, params=["%s: str" % key])
        S("query param", None, params=['%s: str = ""' % key])
        S("Query()", None, params=['%s: str = Query(default="")' % key])
        S("Header()", None, params=['%s: str = Header(default="")' % key])
        S("Cookie()", None, params=['%s: str = Cookie(default="")' % key])
        S("Form()", None, params=['%s: str = Form("")' % key], method="POST")
        S("Body(embed)", None, params=["%s: str = Body(..., embed=True)" % key], method="POST")
        S("body model", "payload.%s" % key, params=["payload: InputModel"], method="POST",
          module_code="class InputModel(BaseModel):\n    %s: str\n" % key)
        S("request.query_params", 'request.query_params.get("%s", "")' % key,
          params=["request: Request"])
        S("request.headers", 'request.headers.get("%s", "")' % hkey.lower(),
          params=["request: Request"])
        S("request.cookies", 'request.cookies.get("%s", "")' % key, params=["request: Request"])
        S("request.path_params", 'request.path_params["%s"]' % key, route="/{%s}" % key,
          params=["request: Request"])
        S("request.body()", '(await request.body()).decode("utf-8")',
          params=["request: Request"], method="POST", awaits=True)
        S("request.json()", '(await request.json()).get("%s", "")' % key,
          params=["request: Request"], method="POST", awaits=True)
        S("request.form()", 'str((await request.form()).get("%s", ""))' % key,
          params=["request: Request"], method="POST", awaits=True)
        S("Query list", '",".join(%s_list)' % key,
          params=['%s_list: list[str] = Query(default=[])' % key])
        S("request.url.query", "request.url.query", params=["request: Request"])
        S("str(request.url)", "str(request.url)", params=["request: Request"])
        S("request.headers[]", 'request.headers["%s"]' % hkey.lower(),
          params=["request: Request"])
    else:
        S = lambda name, assign, **kw: out.append(Source(name, fw, assign, **kw))
        S("GET.get", 'request.GET.get("%s", "")' % key)
        S("GET[]", 'request.GET["%s"]' % key)
        S("GET.getlist", '(request.GET.getlist("%s") or [""])[0]' % key)
        S("POST.get", 'request.POST.get("%s", "")' % key, method="POST")
        S("COOKIES.get", 'request.COOKIES.get("%s", "")' % key)
        S("META.get", 'request.META.get("%s", "")' % meta)
        S("headers.get", 'request.headers.get("%s", "")' % hkey)
        S("body", 'request.body.decode("utf-8")', method="POST")
        S("FILES.name", 'request.FILES["%s"].name' % key, method="POST")
        S("url kwarg", None, route="<str:%s>/" % key, params=[key])
        S("GET.dict", 'request.GET.dict().get("%s", "")' % key)
        S("POST.getlist", '",".join(request.POST.getlist("%s"))' % key, method="POST")
        S("get_full_path", "request.get_full_path()")
        S("json.loads(body)", 'json.loads(request.body).get("%s", "")' % key, method="POST")
        S("headers[]", 'request.headers["%s"]' % hkey)
        S("META QUERY_STRING", 'request.META.get("QUERY_STRING", "")')
    return out


# What a source cannot carry, whatever the client sends: route segments never hold "/"
# (and Django's UploadedFile.name is a basename), header and cookie values, raw URLs and
# <path:...> segments never hold a raw CR/LF. Categories whose payloads need one of those
# never draw such a source, so no case's truth hangs on it.
NO_SLASH = {"header names", "view_args", "path.split", "route param", "path param",
            "request.path_params", "url kwarg", "FILES.name"}
NO_NEWLINE = {"cookies.get", "headers.getlist first", "cookie with default", "header names",
              "parameter name", "headers.get", "headers.getlist", "environ", "headers[]",
              "referrer", "user_agent", "full_path", "authorization", "query_string",
              "files.filename", "Header()", "Cookie()", "request.headers", "request.cookies",
              "request.url.query", "str(request.url)", "request.headers[]", "COOKIES.get",
              "META.get", "get_full_path", "META QUERY_STRING", "FILES.name",
              "path.split"}  # Werkzeug's path converter matches no line break
NEEDS_SLASH = {"pathtraver", "ssrf", "redirect", "xxe", "deserialization"}
NEEDS_NEWLINE = {"logi", "headeri"}


# Sources that start with the application's own path or URL (so no redirect, request,
# file, document or expression built from them is the attacker's), Basic-auth user names
# (no ":", so no URL or XML), header names (RFC 9110 tokens: no "<", spaces or brackets).
FIXED_PREFIX = {"full_path", "str(request.url)", "get_full_path"}
NO_COLON = {"authorization"}
TOKEN_ONLY = {"header names"}


def source_fits(source, category):
    name = source.name
    if category in NEEDS_SLASH and name in NO_SLASH:
        return False
    if category in NEEDS_NEWLINE and name in NO_NEWLINE:
        return False
    if name in FIXED_PREFIX and category in NEEDS_SLASH | {"codeinj"}:
        return False
    if name in NO_COLON and category in ("ssrf", "xxe", "deserialization"):
        return False
    if name in TOKEN_ONLY and category in ("xss", "codeinj"):
        return False
    return True


# ---------------------------------------------------------------------------------------
# Propagations: PARAM (tainted) -> BAR. `keeps` is checked by running every snippet
# (generate.py --self-check does it on each run): a marker in PARAM must reach BAR exactly
# when keeps is True.

STRUCTURED = ("deserialization", "xxe")
P = Propagation
PROPAGATIONS = [
    P("copy", True, "BAR = PARAM"),
    P("f-string", True, 'BAR = f"{PARAM}"'),
    P("percent format", True, 'BAR = "%s" % PARAM'),
    P("str.format", True, 'BAR = "{}".format(PARAM)'),
    P("augmented +=", True, 'BAR = ""\nBAR += PARAM'),
    P("join of split", True, 'BAR = " ".join(PARAM.split(" "))'),
    P("slice", True, "BAR = PARAM[:512]"),
    P("strip", True, "BAR = PARAM.strip()"),
    P("replace", True, 'BAR = PARAM.replace("\\t", " ")'),
    P("encode/decode", True, 'BAR = PARAM.encode("utf-8").decode("utf-8")'),
    P("quote/unquote", True, "BAR = urllib.parse.unquote(urllib.parse.quote(PARAM))"),
    P("base64 round trip", True,
      'encoded = base64.b64encode(PARAM.encode("utf-8"))\n'
      'BAR = base64.b64decode(encoded).decode("utf-8")'),
    P("json round trip", True, 'BAR = json.loads(json.dumps({"value": PARAM}))["value"]'),
    P("codecs rot13", True, 'BAR = codecs.decode(codecs.encode(PARAM, "rot13"), "rot13")'),
    P("list append, tainted index", True,
      'items = ["default"]\nitems.append(PARAM)\nBAR = items[1]'),
    P("list append/pop, clean index", False,
      'items = []\nitems.append("safe")\nitems.append(PARAM)\nitems.append("more")\n'
      'items.pop(0)\nBAR = items[1]'),
    P("list append/pop, tainted index", True,
      'items = []\nitems.append("safe")\nitems.append(PARAM)\nitems.append("more")\n'
      'items.pop(0)\nBAR = items[0]'),
    P("list insert, clean index", False,
      'items = ["alpha", "beta"]\nitems.insert(0, PARAM)\nBAR = items[2]'),
    P("list remove, tainted index", True,
      'items = ["first", PARAM, "last"]\nitems.remove("first")\nBAR = items[0]'),
    P("list remove, clean index", False,
      'items = ["first", PARAM, "last"]\nitems.remove("first")\nBAR = items[1]'),
    P("dict, clean key", False,
      'lookup = {}\nlookup["keyA"] = "a-value"\nlookup["keyB"] = PARAM\nBAR = lookup["keyA"]'),
    P("dict, tainted key", True,
      'lookup = {}\nlookup["keyA"] = "a-value"\nlookup["keyB"] = PARAM\nBAR = lookup["keyB"]'),
    P("dict literal get, clean key", False,
      'options = {"user": PARAM, "mode": "read"}\nBAR = options.get("mode", "read")'),
    P("dict pop then clean key", False,
      'options = {"user": PARAM, "mode": "read"}\noptions.pop("user")\nBAR = options["mode"]'),
    P("configparser, tainted key", True,
      'conf = configparser.ConfigParser()\nconf.add_section("section")\n'
      'conf.set("section", "keyA", "a_value")\nconf.set("section", "keyB", PARAM)\n'
      'BAR = conf.get("section", "keyB")'),
    P("configparser, clean key", False,
      'conf = configparser.ConfigParser()\nconf.add_section("section")\n'
      'conf.set("section", "keyA", "a_value")\nconf.set("section", "keyB", PARAM)\n'
      'BAR = conf.get("section", "keyA")'),
    P("StringIO round trip", True, "buf = io.StringIO()\nbuf.write(PARAM)\nBAR = buf.getvalue()"),
    P("folded if, dead taint", False,
      'num = 86\nif (7 * 42) - num > 200:\n    BAR = "This_should_always_happen"\n'
      "else:\n    BAR = PARAM"),
    P("folded if, live taint", True,
      'num = 106\nif (7 * 42) - num > 200:\n    BAR = "This should never happen"\n'
      "else:\n    BAR = PARAM"),
    P("folded ternary, dead taint", False, 'n = 3\nBAR = "ok" if n * 4 > 10 else PARAM'),
    P("folded ternary, live taint", True, 'n = 2\nBAR = "ok" if n * 4 > 10 else PARAM'),
    P("len() of constant, dead taint", False,
      'BAR = "default"\nif len("ab") < 1:\n    BAR = PARAM'),
    P("match on constant, dead taint", False,
      'guess = "ABC"\nswitch_target = guess[1]\nmatch switch_target:\n'
      '    case "A":\n        BAR = PARAM\n    case "B":\n        BAR = "bob"\n'
      '    case "C" | "D":\n        BAR = PARAM\n    case _:\n        BAR = "bob\'s your uncle"'),
    P("match on constant, live taint", True,
      'guess = "ABC"\nswitch_target = guess[2]\nmatch switch_target:\n'
      '    case "A":\n        BAR = "alice"\n    case "B":\n        BAR = "bob"\n'
      '    case "C" | "D":\n        BAR = PARAM\n    case _:\n        BAR = "nobody"'),
    P("unknown branch, one side tainted", True,
      'if len(PARAM) > 3:\n    BAR = PARAM\nelse:\n    BAR = "short"'),
    P("while loop", True, 'BAR = ""\nattempt = 0\nwhile attempt < 1:\n    BAR = PARAM\n'
      "    attempt += 1"),
    P("for loop over characters", True,
      'chars = []\nfor ch in PARAM:\n    chars.append(ch)\nBAR = "".join(chars)'),
    P("reassigned constant", False, 'BAR = PARAM\nBAR = "fixed-value"'),
    P("tuple unpack, tainted slot", True, 'BAR, spare = PARAM, "spare"'),
    P("tuple unpack, clean slot", False, 'spare, BAR = PARAM, "spare"'),
    P("helper passthrough", True, "BAR = passthrough(PARAM)"),
    P("helper normalise", True, "BAR = normalise(PARAM)"),
    P("helper constant", False, "BAR = fixed_value(PARAM)"),
    P("helper class method", True, "BAR = Echo().relay(PARAM)"),
    P("helper class constant", False, "BAR = Quiet().relay(PARAM)"),
    P("helper instance attribute", True, "box = Box(PARAM)\nBAR = box.content"),
    P("helper instance clean attribute", False, 'box = Box(PARAM)\nBAR = box.label'),
    P("factory, one class propagates", True, "relay = make_relay()\nBAR = relay.relay(PARAM)"),
    P("factory, neither class propagates", False,
      "relay = make_quiet_relay()\nBAR = relay.relay(PARAM)"),
    P("closure", True, "def current():\n    return PARAM\n\nBAR = current()"),
    P("closure over constant", False,
      'def current():\n    return "closure-constant"\n\nBAR = current()'),
    P("lambda", True, "tidy = lambda text: text.strip()\nBAR = tidy(PARAM)"),
    P("default argument", True, "def pick(value=PARAM):\n    return value\n\nBAR = pick()"),
    P("default argument unused", False,
      'def pick(value, fallback="guest"):\n    return fallback\n\nBAR = pick(PARAM)'),
    P("list comprehension", True, 'BAR = "".join([c for c in PARAM if c != "\\x00"])'),
    P("generator", True, "def chunks(text):\n    yield text\n\nBAR = next(chunks(PARAM))"),
    P("with StringIO", True, "with io.StringIO(PARAM) as stream:\n    BAR = stream.read()"),
    P("except as", True,
      "try:\n    raise ValueError(PARAM)\nexcept ValueError as exc:\n    BAR = str(exc)"),
    P("setattr/getattr", True,
      'holder = SimpleNamespace()\nsetattr(holder, "value", PARAM)\n'
      'BAR = getattr(holder, "value")'),
    P("attributes, clean attribute", False,
      'holder = SimpleNamespace()\nholder.value = PARAM\nholder.note = "static note"\n'
      "BAR = holder.note"),
    P("dataclass field", True, 'record = Record(text=PARAM, kind="note")\nBAR = record.text'),
    P("dataclass clean field", False, 'record = Record(text=PARAM, kind="note")\nBAR = record.kind'),
    P("map/str", True, 'BAR = "".join(map(str, PARAM))'),
    P("sorted set of one", True, "BAR = sorted({PARAM})[0]"),
    P("expandtabs", True, "BAR = PARAM.expandtabs(4)"),
    P("partition", True, 'BAR = PARAM.partition("#")[0]'),
    P("rsplit", True, 'BAR = PARAM.rsplit("?", 1)[0]'),
    P("removeprefix", True, 'BAR = PARAM.removeprefix("./")'),
    P("string.Template", True, 'BAR = string.Template("$value").substitute(value=PARAM)'),
    P("percent with dict", True, 'BAR = "%(value)s" % {"value": PARAM}'),
    P("textwrap.dedent", True, "BAR = textwrap.dedent(PARAM)"),
    P("bytearray round trip", True, 'BAR = bytearray(PARAM, "utf-8").decode("utf-8")'),
    P("hex round trip", True, 'BAR = bytes.fromhex(PARAM.encode("utf-8").hex()).decode("utf-8")'),
    P("reversed twice", True, 'BAR = "".join(reversed(PARAM))[::-1]'),
    P("translate", True, 'BAR = PARAM.translate(str.maketrans("", "", "\\t"))'),
    P("html.unescape", True, "BAR = html.unescape(PARAM)"),
    P("parse_qs round trip", True,
      'BAR = urllib.parse.parse_qs("v=" + urllib.parse.quote(PARAM))["v"][0]'),
    P("or default", True, 'BAR = PARAM or "anonymous"'),
    P("deque", True, "queue = collections.deque([PARAM])\nBAR = queue.popleft()"),
    P("deque, clean end", False,
      'queue = collections.deque(["first"])\nqueue.append(PARAM)\nBAR = queue.popleft()'),
    P("nested dict, tainted path", True,
      'nested = {"outer": {"inner": PARAM, "other": "fixed"}}\nBAR = nested["outer"]["inner"]'),
    P("nested dict, clean path", False,
      'nested = {"outer": {"inner": PARAM, "other": "fixed"}}\nBAR = nested["outer"]["other"]'),
    P("dict.update, tainted key", True,
      'prefs = {"colour": "blue"}\nprefs.update(label=PARAM)\nBAR = prefs["label"]'),
    P("dict.update, clean key", False,
      'prefs = {"colour": "blue"}\nprefs.update(label=PARAM)\nBAR = prefs["colour"]'),
    P("dict.setdefault", True, 'memo = {}\nBAR = memo.setdefault("key", PARAM)'),
    P("dict key overwritten", False,
      'lookup = {"keyA": PARAM}\nlookup["keyA"] = "replaced"\nBAR = lookup["keyA"]'),
    P("list element overwritten", False,
      'items = [PARAM, "beta"]\nitems[0] = "alpha"\nBAR = items[0]'),
    P("zip into dict", True,
      'pairs = dict(zip(["name", "role"], [PARAM, "viewer"]))\nBAR = pairs["name"]'),
    P("enumerate loop", True, "for index, piece in enumerate([PARAM]):\n    BAR = piece"),
    P("functools.reduce", True,
      'BAR = functools.reduce(lambda acc, part: acc + part, [PARAM], "")'),
    P("functools.partial", True,
      'join_all = functools.partial(str.join, "")\nBAR = join_all([PARAM])'),
    P("*args helper", True,
      "def first(*values):\n    return values[0]\n\nBAR = first(PARAM, \"spare\")"),
    P("**kwargs helper, clean key", False,
      'def choose(**options):\n    return options["fallback"]\n\n'
      'BAR = choose(value=PARAM, fallback="none")'),
    P("helper property", True, "BAR = Account(PARAM).name"),
    P("helper property, constant", False, "BAR = Account(PARAM).role"),
    P("helper staticmethod", True, "BAR = Formatter.plain(PARAM)"),
    P("helper staticmethod, constant", False, "BAR = Formatter.redacted(PARAM)"),
    P("helper inherited method", True, "BAR = LoudEcho().relay(PARAM)"),
    P("helper overriding method", False, "BAR = MutedEcho().relay(PARAM)"),
    P("walrus", True,
      'if (trimmed := PARAM.strip()) != "":\n    BAR = trimmed\nelse:\n    BAR = "empty"'),
    P("try/finally", True, "try:\n    BAR = PARAM\nfinally:\n    attempts = 1"),
    P("except replaces value", False,
      'try:\n    BAR = PARAM\n    raise KeyError("always")\nexcept KeyError:\n'
      '    BAR = "recovered"'),
    P("contextlib.suppress", True, "with contextlib.suppress(ValueError):\n    BAR = PARAM"),
    P("nonlocal closure", True,
      'BAR = "initial"\n\ndef capture():\n    nonlocal BAR\n    BAR = PARAM\n\ncapture()'),
    P("length only", False, "BAR = str(len(PARAM))"),
    P("truthiness only", False, 'BAR = "yes" if PARAM else "no"'),
    P("sha256 digest only", False,
      'BAR = hashlib.sha256(PARAM.encode("utf-8")).hexdigest()'),
    P("module function", True, "BAR = do_something(PARAM)",
      module_code='def do_something(value):\n    bar = value\n    return bar'),
    P("module function, constant", False, "BAR = do_something(PARAM)",
      module_code='def do_something(value):\n    bar = "safe!"\n    return bar'),
    P("module function, folded, live taint", True, "BAR = do_something(PARAM)",
      module_code='def do_something(value):\n    num = 196\n'
      '    if (500 / 42) + num > 200:\n        bar = value\n    else:\n        bar = "This should never happen"\n'
      '    return bar'),
    P("module function, folded, dead taint", False, "BAR = do_something(PARAM)",
      module_code='def do_something(value):\n    num = 106\n'
      '    if (7 * 18) + num > 200:\n        bar = "This_should_always_happen"\n    else:\n'
      '        bar = value\n    return bar'),
    P("module class method", True, "BAR = Thing().do_something(PARAM)",
      module_code="class Thing:\n    def do_something(self, value):\n        return value"),
    P("module class, stored then read", True,
      "thing = Thing()\nthing.store(PARAM)\nBAR = thing.value",
      module_code='class Thing:\n    def __init__(self):\n        self.value = ""\n\n'
      "    def store(self, value):\n        self.value = value"),
    P("module class, other attribute", False,
      "thing = Thing()\nthing.store(PARAM)\nBAR = thing.label",
      module_code='class Thing:\n    def __init__(self):\n        self.value = ""\n'
      '        self.label = "thing"\n\n    def store(self, value):\n        self.value = value'),
    P("first word", True, 'BAR = PARAM.split(" ")[0]', not_for=STRUCTURED),
    P("last character replaced", True, 'BAR = PARAM[:-1] + "Z"', not_for=STRUCTURED),
    P("chain of steps", True,
      'a_value = PARAM\nb_value = a_value + " SafeStuff"\nb_value = b_value[:-5] + "Chars"\n'
      'chain = {}\nchain["key"] = b_value\nc_value = chain["key"]\nd_value = c_value[:-1]\n'
      'e_value = base64.b64decode(base64.b64encode(d_value.encode("utf-8"))).decode("utf-8")\n'
      'BAR = e_value.split(" ")[0]', not_for=STRUCTURED),
    P("chain of steps, constant at the end", False,
      'a_value = PARAM\nb_value = a_value + " SafeStuff"\nchain = {}\n'
      'chain["key"] = b_value\nchain["key"] = "safe!"\nBAR = chain["key"].split(" ")[0]'),
    P("module-level cache", True, 'LAST_SEEN["value"] = PARAM\nBAR = LAST_SEEN["value"]',
      module_code="LAST_SEEN = {}"),
]


# ---------------------------------------------------------------------------------------
# Sanitizers: applied to BAR after the propagation. `applies` lists the categories where
# the sanitizer appears (where it reads naturally and its effect is certain); `protects`
# those whose sinks it makes safe. "*" means every taint category.

TAINT_CATEGORIES = ("sqli", "cmdi", "codeinj", "pathtraver", "redirect", "xss", "deserialization",
                    "ldapi", "xpathi", "xxe", "trustbound", "ssrf", "headeri", "logi")
TEXT_CATS = tuple(c for c in TAINT_CATEGORIES if c not in ("deserialization", "xxe"))

Z = Sanitizer
SANITIZERS = [
    # not applied to SQL: the sinks quote their values, and escaping quotes would leave
    # the truth to exploit details
    Z("html.escape", "BAR = html.escape(BAR)", ["xss"],
      ["xss", "cmdi", "pathtraver", "logi", "headeri", "ssrf", "redirect", "ldapi"]),
    Z("markupsafe.escape", "BAR = str(escape(BAR))", ["xss"],
      ["xss", "pathtraver", "logi", "ssrf"]),
    Z("shlex.quote", "BAR = shlex.quote(BAR)", ["cmdi"],
      ["cmdi", "pathtraver", "logi", "xss", "headeri"]),
    Z("int() cast", "BAR = str(int(BAR))", ["*"], TEXT_CATS),
    Z("float() cast", "BAR = str(float(BAR))", ["*"], TEXT_CATS),
    Z("uuid.UUID() cast", "BAR = str(uuid.UUID(BAR))", ["*"], TEXT_CATS),
    Z("secure_filename", "BAR = secure_filename(BAR)", ["pathtraver"], ["pathtraver"]),
    Z("os.path.basename", "BAR = os.path.basename(BAR)", ["pathtraver"],
      ["pathtraver", "sqli", "cmdi", "xss", "logi", "headeri"]),
    Z("allow-list abort", "if BAR not in ALLOWED_VALUES:\n    ABORT_400", ["*"], TEXT_CATS),
    Z("allow-list fallback", 'BAR = BAR if BAR in ALLOWED_VALUES else "default"', ["*"],
      TEXT_CATS),
    Z("re.fullmatch guard",
      'if not re.fullmatch(r"[A-Za-z0-9_-]{1,64}", BAR):\n    ABORT_400', ["*"], TEXT_CATS),
    Z("re.match prefix guard (not a sanitizer)",
      'if not re.match(r"[A-Za-z0-9_-]+", BAR):\n    ABORT_400', [], TEXT_CATS),
    Z("CR/LF stripped", 'BAR = BAR.replace("\\r", "").replace("\\n", "")', ["logi", "headeri"],
      ["logi", "headeri", "xss", "sqli", "cmdi"]),
    Z("escape_filter_chars", "BAR = escape_filter_chars(BAR)", ["ldapi"],
      ["ldapi", "sqli", "xss"]),
    Z("length check (not a sanitizer)", "if len(BAR) > 200:\n    ABORT_400", [], TAINT_CATEGORIES),
    Z("isalnum guard", "if not BAR.isalnum():\n    ABORT_400", ["*"], TEXT_CATS),
    Z("isdigit guard", "if not BAR.isdigit():\n    ABORT_400", ["*"], TEXT_CATS),
    Z("ipaddress check", "BAR = str(ipaddress.ip_address(BAR))", ["cmdi", "sqli", "logi"],
      ["cmdi", "sqli", "logi"]),
    Z("os.path.normpath (not a sanitizer)", "BAR = os.path.normpath(BAR)", [],
      ["pathtraver", "cmdi"]),
    Z("strip/lower (not a sanitizer)", "BAR = BAR.strip().lower()", [], TEXT_CATS),
    # an XML document without a DOCTYPE declares no entities
    Z("project escape helper", "BAR = escape_for_html(BAR)", ["xss"],
      ["xss", "pathtraver", "logi", "cmdi"]),
    Z("project file-name helper", "BAR = safe_file_name(BAR)", ["pathtraver"],
      ["pathtraver", "xss", "logi"]),
    Z("DOCTYPE rejected", 'if "<!DOCTYPE" in BAR:\n    ABORT_400', ["xxe"], ["xxe"]),
    Z("DOCTYPE check, case-folded", 'if "<!doctype" in BAR.lower():\n    ABORT_400', ["xxe"],
      ["xxe"]),
    Z("allow-list of stored documents", 'BAR = BAR if BAR in ALLOWED_VALUES else "default"',
      ["*"], ["deserialization", "xxe"]),
]

ALLOWED_VALUES_CODE = 'ALLOWED_VALUES = ("summary", "details", "archive", "default")'


# ---------------------------------------------------------------------------------------
# Imports: (line, trigger regex). A module gets the line when its text matches.

IMPORTS = [
    ("import ast", r"\bast\.literal_eval"),
    ("import base64", r"\bbase64\."),
    ("import codecs", r"\bcodecs\."),
    ("import configparser", r"\bconfigparser\."),
    ("import hashlib", r"\bhashlib\."),
    ("import collections", r"\bcollections\."),
    ("import contextlib", r"\bcontextlib\."),
    ("import functools", r"\bfunctools\."),
    ("import html", r"\bhtml\.(escape|unescape)"),
    ("import ipaddress", r"\bipaddress\."),
    ("import string", r"\bstring\.Template"),
    ("import textwrap", r"\btextwrap\."),
    ("import io", r"\bio\."),
    ("import zipfile", r"\bzipfile\."),
    ("import json", r"\bjson\."),
    ("import logging", r"\blogging\."),
    ("import marshal", r"\bmarshal\."),
    ("import operator", r"\boperator\."),
    ("import os", r"(?<![.\w])os\."),
    ("import pickle", r"\bpickle\."),
    ("import random", r"\brandom\."),
    ("import re", r"\bre\.(fullmatch|match)"),
    ("import secrets", r"\bsecrets\."),
    ("import shlex", r"\bshlex\."),
    ("import shutil", r"\bshutil\."),
    ("import sqlite3", r"\bsqlite3\."),
    ("import subprocess", r"\bsubprocess\."),
    ("import urllib.parse", r"\burllib\.parse\."),
    ("import urllib.request", r"\burllib\.request\."),
    ("import uuid", r"\buuid\."),
    ("import xml.dom.minidom", r"\bxml\.dom\.minidom\."),
    ("import xml.dom.pulldom", r"\bxml\.dom\.pulldom\."),
    ("import xml.etree.ElementTree as ET", r"\bET\."),
    ("import xml.sax", r"\bxml\.sax\."),
    ("from dataclasses import dataclass", r"@dataclass\b"),
    ("from pathlib import Path", r"(?<![.\w])Path\("),
    ("from types import SimpleNamespace", r"(?<![.\w])SimpleNamespace\("),
    # third party
    ("import defusedxml.ElementTree", r"\bdefusedxml\.ElementTree\."),
    ("import httpx", r"\bhttpx\."),
    ("import urllib3", r"\burllib3\."),
    ("import jsonpickle", r"\bjsonpickle\."),
    ("import ldap", r"\bldap\.(initialize|SCOPE_SUBTREE)"),
    ("import ldap.filter", r"\bldap\.filter\."),
    ("import ldap3", r"\bldap3\."),
    ("import requests", r"\brequests\."),
    ("import yaml", r"\byaml\."),
    ("from cryptography.hazmat.primitives import hashes", r"\bhashes\."),
    ("from ldap3.utils.conv import escape_filter_chars", r"(?<![.\w])escape_filter_chars\("),
    ("from lxml import etree", r"\betree\."),
    ("from markupsafe import escape", r"(?<![.\w])escape\("),
    ("from markupsafe import Markup", r"(?<![.\w])Markup\("),
    ("from sqlalchemy import create_engine", r"(?<![.\w])create_engine\("),
    ("from sqlalchemy import text", r"(?<![./\w])text\("),
    ("from werkzeug.utils import secure_filename", r"(?<![.\w])secure_filename\("),
    ("from werkzeug.security import safe_join", r"(?<![.\w])safe_join\("),
    ("from pydantic import BaseModel", r"\(BaseModel\)"),
    # project helpers
    ("from helpers.text import passthrough", r"(?<![.\w])passthrough\("),
    ("from helpers.text import normalise", r"(?<![.\w])normalise\("),
    ("from helpers.text import fixed_value", r"(?<![.\w])fixed_value\("),
    ("from helpers.objects import Echo", r"(?<![.\w])Echo\("),
    ("from helpers.objects import Quiet", r"(?<![.\w])Quiet\("),
    ("from helpers.objects import Box", r"(?<![.\w])Box\("),
    ("from helpers.objects import Record", r"(?<![.\w])Record\("),
    ("from helpers.objects import Account", r"(?<![.\w])Account\("),
    ("from helpers.objects import Formatter", r"(?<![.\w])Formatter\."),
    ("from helpers.objects import LoudEcho", r"(?<![.\w])LoudEcho\("),
    ("from helpers.objects import MutedEcho", r"(?<![.\w])MutedEcho\("),
    ("from helpers.objects import make_relay", r"(?<![.\w])make_relay\("),
    ("from helpers.objects import make_quiet_relay", r"(?<![.\w])make_quiet_relay\("),
    ("from helpers.settings import digest_for", r"(?<![.\w])digest_for\("),
    ("from helpers.settings import password_digest", r"(?<![.\w])password_digest\("),
    ("from helpers.settings import legacy_digest", r"(?<![.\w])legacy_digest\("),
    ("from helpers.settings import cookie_options", r"(?<![.\w])cookie_options\("),
    ("from helpers.settings import legacy_cookie_options",
     r"(?<![.\w])legacy_cookie_options\("),
    ("from helpers.settings import COOKIE_SECURE", r"(?<![.\w])COOKIE_SECURE\b"),
    ("from helpers.settings import COOKIE_HTTPONLY", r"(?<![.\w])COOKIE_HTTPONLY\b"),
    ("from helpers.utils import escape_for_html", r"(?<![.\w])escape_for_html\("),
    ("from helpers.utils import safe_file_name", r"(?<![.\w])safe_file_name\("),
    ("from helpers.db import get_connection", r"(?<![.\w])get_connection\("),
    ("from helpers.db import run_query", r"(?<![.\w])run_query\("),
    ("from helpers.db import run_query_with", r"(?<![.\w])run_query_with\("),
    ("from helpers.shell import run_command", r"(?<![.\w])run_command\("),
    ("from helpers.shell import run_argv", r"(?<![.\w])run_argv\("),
    ("from helpers.files import read_upload", r"(?<![.\w])read_upload\("),
    ("from helpers.files import read_upload_safely", r"(?<![.\w])read_upload_safely\("),
    ("from helpers.settings import configured_digest", r"(?<![.\w])configured_digest\("),
    ("from hashlib import md5", r"(?<![.\w])md5\("),
    ("from hashlib import sha256", r"(?<![.\w])sha256\("),
    ("from random import randint", r"(?<![.\w])randint\("),
    ("from secrets import token_urlsafe", r"(?<![.\w])token_urlsafe\("),
    ("from helpers.tokens import secure_rng", r"(?<![.\w])secure_rng\("),
    ("from helpers.tokens import fast_rng", r"(?<![.\w])fast_rng\("),
]

FRAMEWORK_NAMES = {
    "flask": ["Blueprint", "Response", "abort", "current_app", "g", "jsonify", "make_response",
              "redirect", "render_template", "render_template_string", "request", "send_file",
              "send_from_directory", "session", "url_for"],
    "fastapi": ["APIRouter", "Body", "Cookie", "Form", "HTTPException", "Header", "Query",
                "Request"],
    "django": [],
}
FRAMEWORK_FROM = {
    "flask": "flask",
    "flask.views": ["MethodView"],
    "fastapi.responses": ["FileResponse", "HTMLResponse", "JSONResponse", "PlainTextResponse",
                          "RedirectResponse", "Response"],
    "django.http": ["FileResponse", "HttpResponse", "HttpResponseBadRequest",
                    "HttpResponseRedirect", "JsonResponse"],
    "django.shortcuts": ["redirect", "render"],
    "django.utils.safestring": ["mark_safe"],
    "django.urls": ["path", "reverse"],
    "django.views": ["View"],
    "django.db": ["connection"],
    "django.db.models.expressions": ["RawSQL"],
    "django.contrib.auth.models": ["User"],
    "django.utils.html": ["format_html"],
    "django.utils.http": ["url_has_allowed_host_and_scheme"],
}


def framework_imports(fw, text):
    """`from X import a, b` lines for the framework names the module uses."""
    used = lambda n: re.search(r"(?<![.\w])%s\b" % re.escape(n), text) is not None
    groups = {}
    if fw == "flask":
        groups["flask"] = [n for n in FRAMEWORK_NAMES["flask"] if used(n)]
        groups["flask.views"] = [n for n in ["MethodView"] if used(n)]
    elif fw == "fastapi":
        groups["fastapi"] = [n for n in FRAMEWORK_NAMES["fastapi"] if used(n)]
        groups["fastapi.responses"] = [n for n in FRAMEWORK_FROM["fastapi.responses"] if used(n)]
    else:
        for mod in ("django.contrib.auth.models", "django.db", "django.db.models.expressions",
                    "django.http", "django.shortcuts", "django.utils.safestring",
                    "django.urls", "django.utils.html", "django.utils.http", "django.views"):
            groups[mod] = [n for n in FRAMEWORK_FROM[mod] if used(n)]
    return ["from %s import %s" % (mod, ", ".join(sorted(names)))
            for mod, names in groups.items() if names]


def module_imports(text):
    std, third, local = [], [], []
    for line, trigger in IMPORTS:
        if re.search(trigger, text):
            target = local if "helpers." in line else (
                third if line.split()[1].split(".")[0] in (
                    "defusedxml", "httpx", "urllib3", "jsonpickle", "ldap", "ldap3", "requests", "yaml",
                    "cryptography", "lxml", "markupsafe", "sqlalchemy", "werkzeug", "pydantic")
                else std)
            target.append(line)
    return std, third, local
