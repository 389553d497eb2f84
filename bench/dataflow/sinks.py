"""Sink variants per taint category (see parts.py for the placeholders).

`unsafe=True`: a tainted BAR reaching this code is the category's flaw. `unsafe=False`:
the same operation done the safe way (bound parameters, argv lists, safe loaders, escaping
templates, fixed hosts, ...), so the case is safe whatever BAR holds. Module-level
constants a sink needs go in module_code.
"""
from parts import Sink as K

FL, FA, DJ = ("flask",), ("fastapi",), ("django",)
FL_DJ = ("flask", "django")

DB = 'DB_PATH = "/var/lib/shop/shop.db"'
SQLA = 'engine = create_engine("postgresql://shop@localhost/shop")'

SQLI = [
    K("sqlite3 f-string", True, '''
conn = sqlite3.connect(DB_PATH)
rows = conn.execute(f"SELECT id, email FROM users WHERE name = '{BAR}'").fetchall()
conn.close()
RETURN_JSON({"count": len(rows)})''', module_code=DB),
    K("cursor concat via variable", True, '''
sql = "SELECT * FROM orders WHERE reference = '" + BAR + "'"
conn = sqlite3.connect(DB_PATH)
cursor = conn.cursor()
cursor.execute(sql)
found = cursor.fetchone() is not None
RETURN_JSON({"found": found})''', module_code=DB),
    K("percent into execute", True, '''
conn = sqlite3.connect(DB_PATH)
cursor = conn.cursor()
cursor.execute("UPDATE profiles SET bio = '%s' WHERE id = 1" % BAR)
conn.commit()
RETURN_TEXT("updated")''', module_code=DB),
    K("str.format query", True, '''
query = "DELETE FROM sessions WHERE token = '{}'".format(BAR)
with sqlite3.connect(DB_PATH) as conn:
    conn.execute(query)
RETURN_TEXT("signed out")''', module_code=DB),
    K("executescript", True, '''
conn = sqlite3.connect(DB_PATH)
conn.executescript(f"INSERT INTO notes (body) VALUES ('{BAR}');")
RETURN_TEXT("saved")''', module_code=DB),
    K("sqlalchemy text f-string", True, '''
with engine.connect() as conn:
    rows = conn.execute(text(f"SELECT id FROM products WHERE sku = '{BAR}'")).all()
RETURN_JSON({"count": len(rows)})''', module_code=SQLA),
    K("sqlalchemy exec_driver_sql", True, '''
with engine.begin() as conn:
    conn.exec_driver_sql("UPDATE carts SET coupon = '" + BAR + "' WHERE id = 7")
RETURN_TEXT("applied")''', module_code=SQLA),
    K("django raw built", True, '''
users = list(User.objects.raw("SELECT * FROM auth_user WHERE username = '%s'" % BAR))
RETURN_JSON({"count": len(users)})''', fws=DJ),
    K("django cursor built", True, '''
with connection.cursor() as cursor:
    cursor.execute(f"SELECT COUNT(*) FROM blog_post WHERE slug = '{BAR}'")
    total = cursor.fetchone()[0]
RETURN_JSON({"total": total})''', fws=DJ),
    K("django RawSQL built", True, '''
ranked = User.objects.annotate(hits=RawSQL("SELECT COUNT(*) FROM visits WHERE page = '" + BAR + "'", []))
RETURN_JSON({"count": ranked.count()})''', fws=DJ),
    K("django extra where built", True, '''
matches = User.objects.extra(where=[f"username LIKE '{BAR}%%'"])
RETURN_JSON({"count": matches.count()})''', fws=DJ),
    K("project connection helper, built", True, '''
sql = "SELECT * FROM USERS WHERE USERNAME='foo' AND PASSWORD='" + BAR + "'"
cursor = get_connection().cursor()
cursor.execute(sql)
RETURN_JSON({"found": cursor.fetchone() is not None})'''),
    K("project connection helper, params", False, '''
sql = "SELECT * FROM USERS WHERE USERNAME='foo' AND PASSWORD=?"
cursor = get_connection().cursor()
cursor.execute(sql, (BAR,))
RETURN_JSON({"found": cursor.fetchone() is not None})'''),
    K("project query helper, built", True, '''
rows = run_query("SELECT id FROM users WHERE name = '%s'" % BAR)
RETURN_JSON({"count": len(rows)})'''),
    K("project query helper, params", False, '''
rows = run_query_with("SELECT id FROM users WHERE name = ?", (BAR,))
RETURN_JSON({"count": len(rows)})'''),
    K("sqlite3 qmark params", False, '''
conn = sqlite3.connect(DB_PATH)
rows = conn.execute("SELECT id, email FROM users WHERE name = ?", (BAR,)).fetchall()
conn.close()
RETURN_JSON({"count": len(rows)})''', module_code=DB),
    K("cursor params via variable", False, '''
sql = "SELECT * FROM orders WHERE reference = ?"
conn = sqlite3.connect(DB_PATH)
cursor = conn.cursor()
cursor.execute(sql, [BAR])
found = cursor.fetchone() is not None
RETURN_JSON({"found": found})''', module_code=DB),
    K("named params", False, '''
with sqlite3.connect(DB_PATH) as conn:
    conn.execute("DELETE FROM sessions WHERE token = :token", {"token": BAR})
RETURN_TEXT("signed out")''', module_code=DB),
    K("django RawSQL params", False, '''
ranked = User.objects.annotate(hits=RawSQL("SELECT COUNT(*) FROM visits WHERE page = %s", [BAR]))
RETURN_JSON({"count": ranked.count()})''', fws=DJ),
    K("django extra params", False, '''
matches = User.objects.extra(where=["username LIKE %s"], params=[BAR + "%"])
RETURN_JSON({"count": matches.count()})''', fws=DJ),
    K("constant table f-string with params", False, '''
conn = sqlite3.connect(DB_PATH)
cursor = conn.cursor()
cursor.execute(f"UPDATE {PROFILE_TABLE} SET bio = ? WHERE id = 1", (BAR,))
conn.commit()
RETURN_TEXT("updated")''', module_code=DB + '\nPROFILE_TABLE = "profiles"'),
    K("sqlalchemy bound text", False, '''
with engine.connect() as conn:
    rows = conn.execute(text("SELECT id FROM products WHERE sku = :sku"), {"sku": BAR}).all()
RETURN_JSON({"count": len(rows)})''', module_code=SQLA),
    K("sqlalchemy exec_driver_sql params", False, '''
with engine.begin() as conn:
    conn.exec_driver_sql("UPDATE carts SET coupon = %s WHERE id = 7", (BAR,))
RETURN_TEXT("applied")''', module_code=SQLA),
    K("django raw params", False, '''
users = list(User.objects.raw("SELECT * FROM auth_user WHERE username = %s", [BAR]))
RETURN_JSON({"count": len(users)})''', fws=DJ),
    K("django cursor params", False, '''
with connection.cursor() as cursor:
    cursor.execute("SELECT COUNT(*) FROM blog_post WHERE slug = %s", [BAR])
    total = cursor.fetchone()[0]
RETURN_JSON({"total": total})''', fws=DJ),
]

CMDI = [
    K("os.system f-string", True, '''
status = os.system(f"ls -l /srv/reports/{BAR}")
RETURN_JSON({"status": status})'''),
    K("os.popen concat", True, '''
output = os.popen("grep -r " + BAR + " /srv/data").read()
RETURN_JSON({"matches": output.count("\\n")})'''),
    K("subprocess.run shell=True", True, '''
result = subprocess.run(f"ping -c 1 {BAR}", shell=True, capture_output=True, text=True)
RETURN_JSON({"reachable": result.returncode == 0})'''),
    K("check_output sh -c", True, '''
output = subprocess.check_output(["sh", "-c", "nslookup " + BAR])
RETURN_JSON({"lines": len(output.splitlines())})'''),
    K("Popen shell via variable", True, '''
cmd = "du -sh %s" % BAR
proc = subprocess.Popen(cmd, shell=True, stdout=subprocess.PIPE)
usage, _ = proc.communicate()
RETURN_JSON({"bytes": len(usage)})'''),
    K("call with shell flag variable", True, '''
use_shell = True
code = subprocess.call("tar czf /tmp/export.tgz " + BAR, shell=use_shell)
RETURN_JSON({"code": code})'''),
    K("bash -c argv", True, '''
argv = ["bash", "-c", f"wc -l {BAR}"]
done = subprocess.run(argv, capture_output=True)
RETURN_JSON({"code": done.returncode})'''),
    K("subprocess.getoutput", True, '''
summary = subprocess.getoutput("file /srv/uploads/" + BAR)
RETURN_JSON({"summary_length": len(summary)})'''),
    K("joined argv with shell=True", True, '''
command = " ".join(["convert", BAR, "/tmp/thumb.png"])
subprocess.run(command, shell=True, check=False)
RETURN_TEXT("converted")'''),
    K("project shell helper", True, '''
status = run_command("ls -l /srv/reports/" + BAR)
RETURN_JSON({"status": status})'''),
    K("project argv helper", False, '''
status = run_argv(["ls", "-l", "/srv/reports/" + BAR])
RETURN_JSON({"status": status})'''),
    K("subprocess.run argv list", False, '''
result = subprocess.run(["ping", "-c", "1", BAR], capture_output=True, text=True)
RETURN_JSON({"reachable": result.returncode == 0})'''),
    K("check_output argv list", False, '''
output = subprocess.check_output(["nslookup", BAR])
RETURN_JSON({"lines": len(output.splitlines())})'''),
    K("Popen argv shell=False", False, '''
proc = subprocess.Popen(["du", "-sh", BAR], shell=False, stdout=subprocess.PIPE)
usage, _ = proc.communicate()
RETURN_JSON({"bytes": len(usage)})'''),
    K("argv list, no shell", False, '''
subprocess.run(["convert", BAR, "/tmp/thumb.png"], check=False)
RETURN_TEXT("converted")'''),
    K("os.spawnlp argv", False, '''
status = os.spawnlp(os.P_WAIT, "ping", "ping", "-c", "1", BAR)
RETURN_JSON({"status": status})'''),
    K("shell with shlex.quote", False, '''
status = os.system("ls -l /srv/reports/" + shlex.quote(BAR))
RETURN_JSON({"status": status})'''),
    K("shell flag variable False, argv", False, '''
use_shell = False
code = subprocess.call(["tar", "czf", "/tmp/export.tgz", BAR], shell=use_shell)
RETURN_JSON({"code": code})'''),
]

CODEINJ = [
    K("eval", True, '''
result = eval(BAR)
RETURN_JSON({"result": str(result)})'''),
    K("eval of built expression", True, '''
total = eval("100 * " + BAR)
RETURN_JSON({"total": str(total)})'''),
    K("exec", True, '''
scope = {}
exec(BAR, scope)
RETURN_JSON({"names": len(scope)})'''),
    K("compile then eval", True, '''
code = compile(BAR, "<formula>", "eval")
value = eval(code)
RETURN_JSON({"value": str(value)})'''),
    K("eval with empty builtins", True, '''
value = eval(BAR, {"__builtins__": {}}, {})
RETURN_JSON({"value": str(value)})'''),
    K("exec of built statement", True, '''
namespace = {}
exec(f"result = {BAR}", namespace)
RETURN_JSON({"result": str(namespace.get("result"))})'''),
    K("ast.literal_eval", False, '''
result = ast.literal_eval(BAR)
RETURN_JSON({"result": str(result)})'''),
    K("operator dispatch table", False, '''
operations = {"add": operator.add, "mul": operator.mul}
func = operations.get(BAR, operator.add)
RETURN_JSON({"result": func(6, 7)})'''),
    K("json.loads", False, '''
value = json.loads(BAR)
RETURN_JSON({"kind": type(value).__name__})'''),
    K("eval of constant", False, '''
total = eval("100 * 3")
RETURN_JSON({"total": total, "label": len(BAR)})'''),
]

BASE = 'UPLOAD_DIR = "/srv/app/uploads"'
PATHTRAVER = [
    K("open os.path.join", True, '''
with open(os.path.join(UPLOAD_DIR, BAR)) as fh:
    content = fh.read()
RETURN_JSON({"size": len(content)})''', module_code=BASE),
    K("open f-string", True, '''
fh = open(f"/srv/app/uploads/{BAR}", "rb")
size = len(fh.read())
fh.close()
RETURN_JSON({"size": size})'''),
    K("pathlib read_text", True, '''
target = Path(UPLOAD_DIR) / BAR
RETURN_JSON({"lines": len(target.read_text().splitlines())})''', module_code=BASE),
    K("os.remove", True, '''
os.remove(os.path.join(UPLOAD_DIR, BAR))
RETURN_TEXT("deleted")''', module_code=BASE),
    K("shutil.copy", True, '''
shutil.copy(os.path.join(UPLOAD_DIR, BAR), "/srv/app/archive/")
RETURN_TEXT("archived")''', module_code=BASE),
    K("codecs.open write", True, '''
with codecs.open(UPLOAD_DIR + "/" + BAR, "w", "utf-8") as fh:
    fh.write("placeholder")
RETURN_TEXT("created")''', module_code=BASE),
    K("io.open", True, '''
with io.open(os.path.join(UPLOAD_DIR, BAR), "rb") as fh:
    header = fh.read(16)
RETURN_JSON({"magic": header.hex()})''', module_code=BASE),
    K("send_file", True, '''
return send_file(os.path.join(UPLOAD_DIR, BAR))''', fws=FL, module_code=BASE),
    K("FileResponse", True, '''
return FileResponse(os.path.join(UPLOAD_DIR, BAR))''', fws=FA, module_code=BASE),
    K("django FileResponse(open)", True, '''
return FileResponse(open(os.path.join(UPLOAD_DIR, BAR), "rb"))''', fws=DJ, module_code=BASE),
    K("os.listdir", True, '''
entries = os.listdir(os.path.join(UPLOAD_DIR, BAR))
RETURN_JSON({"entries": len(entries)})''', module_code=BASE),
    K("normpath without check", True, '''
with open(os.path.normpath(os.path.join(UPLOAD_DIR, BAR)), "rb") as fh:
    size = len(fh.read())
RETURN_JSON({"size": size})''', module_code=BASE),
    K("Path.joinpath unlink", True, '''
Path(UPLOAD_DIR).joinpath(BAR).unlink()
RETURN_TEXT("deleted")''', module_code=BASE),
    K("zipfile.ZipFile", True, '''
with zipfile.ZipFile(os.path.join(UPLOAD_DIR, BAR)) as archive:
    names = archive.namelist()
RETURN_JSON({"files": len(names)})''', module_code=BASE),
    K("os.path.exists", True, '''
found = os.path.exists(os.path.join(UPLOAD_DIR, BAR))
RETURN_JSON({"exists": found})''', module_code=BASE),
    K("project file helper", True, '''
content = read_upload(BAR)
RETURN_JSON({"size": len(content)})'''),
    K("project file helper, basename inside", False, '''
content = read_upload_safely(BAR)
RETURN_JSON({"size": len(content)})'''),
    K("send_from_directory", False, '''
return send_from_directory(UPLOAD_DIR, BAR)''', fws=FL, module_code=BASE),
    K("safe_join then open", False, '''
target = safe_join(UPLOAD_DIR, BAR)
if target is None:
    ABORT_400
with open(target) as fh:
    content = fh.read()
RETURN_JSON({"size": len(content)})''', module_code=BASE),
    K("realpath containment check", False, '''
full_path = os.path.realpath(os.path.join(UPLOAD_DIR, BAR))
if not full_path.startswith(UPLOAD_DIR + os.sep):
    ABORT_400
with open(full_path, "rb") as fh:
    size = len(fh.read())
RETURN_JSON({"size": size})''', module_code=BASE),
    K("basename in join", False, '''
with open(os.path.join(UPLOAD_DIR, os.path.basename(BAR))) as fh:
    content = fh.read()
RETURN_JSON({"size": len(content)})''', module_code=BASE),
    K("fixed file, value written", False, '''
with open(os.path.join(UPLOAD_DIR, "notes.txt"), "a") as fh:
    fh.write(json.dumps({"note": BAR}) + "\\n")
RETURN_TEXT("noted")''', module_code=BASE),
]

REDIRECT = [
    K("redirect(value)", True, "return redirect(BAR)", fws=FL_DJ),
    K("redirect 303", True, "return redirect(BAR, code=303)", fws=FL),
    K("Location header", True, '''
response = make_response("", 302)
response.headers["Location"] = BAR
return response''', fws=FL),
    K("RedirectResponse", True, "return RedirectResponse(url=BAR)", fws=FA),
    K("RedirectResponse 303", True, "return RedirectResponse(BAR, status_code=303)", fws=FA),
    K("HttpResponseRedirect", True, "return HttpResponseRedirect(BAR)", fws=DJ),
    K("Response with Location", True,
      'return Response(status=302, headers={"Location": BAR})', fws=FL),
    K("django Location header", True, '''
response = HttpResponse(status=302)
response["Location"] = BAR
return response''', fws=DJ),
    K("redirect url_for with value as argument", False,
      'return redirect(url_for("index", q=BAR))', fws=FL),
    K("redirect fixed path, quoted query", False,
      'return redirect("/search?q=" + urllib.parse.quote(BAR))', fws=FL_DJ),
    K("RedirectResponse fixed path", False,
      'return RedirectResponse(url="/search?q=" + urllib.parse.quote(BAR))', fws=FA),
    K("django reverse", False, 'return redirect(reverse("home") + "?ref=" + urllib.parse.quote(BAR))',
      fws=DJ),
    K("django allowed host check", False, '''
if not url_has_allowed_host_and_scheme(BAR, allowed_hosts={"shop.example.com"}):
    return redirect("/")
return redirect(BAR)''', fws=DJ),
]

ESCAPERS = ("html.escape", "markupsafe.escape")
XSS = [
    K("f-string response", True, 'return f"<p>Hello {BAR}</p>"', fws=FL),
    K("make_response concat", True, '''
response = make_response("<h1>Results for " + BAR + "</h1>")
return response''', fws=FL),
    K("Markup of built string", True, 'return Markup("<b>%s</b>" % BAR)', fws=FL),
    K("render_template_string built", True,
      'return render_template_string("<div>" + BAR + "</div>")', fws=FL,
      not_protected_by=ESCAPERS),
    K("Response text/html", True,
      'return Response("<p>" + BAR + "</p>", mimetype="text/html")', fws=FL),
    K("HTMLResponse", True, 'return HTMLResponse(f"<p>Hello {BAR}</p>")', fws=FA),
    K("HTMLResponse content=", True,
      'page = "<ul><li>" + BAR + "</li></ul>"\nreturn HTMLResponse(content=page)', fws=FA),
    K("HttpResponse", True, 'return HttpResponse(f"<p>Hello {BAR}</p>")', fws=DJ),
    K("HttpResponse write", True, '''
response = HttpResponse()
response.write("<h2>" + BAR + "</h2>")
return response''', fws=DJ),
    K("Markup(value)", True, 'return Markup(BAR)', fws=FL),
    K("django mark_safe", True,
      'return HttpResponse(mark_safe("<span>" + BAR + "</span>"))', fws=DJ),
    K("render_template_string f-string", True,
      'return render_template_string(f"<h1>{BAR}</h1>")', fws=FL, not_protected_by=ESCAPERS),
    K("render_template .html", False,
      'return render_template("search.html", query=BAR)', fws=FL),
    K("django render template", False,
      'return render(request, "search.html", {"query": BAR})', fws=DJ),
    K("RESPONSE accumulated", True, '''
RESPONSE = ""
RESPONSE += "<p>Parameter value: " + BAR + "</p>"
return RESPONSE''', fws=FL),
    K("RESPONSE accumulated, escaped", False, '''
RESPONSE = ""
RESPONSE += "<p>Parameter value: " + escape_for_html(BAR) + "</p>"
return RESPONSE''', fws=FL),
    K("RESPONSE accumulated, value length", False, '''
RESPONSE = ""
RESPONSE += "<p>Parameter length: %d</p>" % len(BAR)
return RESPONSE''', fws=FL),
    K("escaped f-string", False, 'return f"<p>Hello {html.escape(BAR)}</p>"', fws=FL),
    K("render_template_string with variable", False,
      'return render_template_string("<div>{{ value }}</div>", value=BAR)', fws=FL),
    K("jsonify", False, 'return jsonify({"greeting": BAR})', fws=FL),
    K("text/plain Response", False, 'return Response(BAR, mimetype="text/plain")', fws=FL),
    K("Markup.format escapes", False, 'return Markup("<b>{}</b>").format(BAR)', fws=FL),
    K("JSON return", False, 'return {"greeting": BAR}', fws=FA),
    K("PlainTextResponse", False, "return PlainTextResponse(BAR)", fws=FA),
    K("HTMLResponse escaped", False,
      'return HTMLResponse(f"<p>Hello {html.escape(BAR)}</p>")', fws=FA),
    K("format_html", False, 'return HttpResponse(format_html("<p>Hello {}</p>", BAR))', fws=DJ),
    K("JsonResponse", False, 'return JsonResponse({"greeting": BAR})', fws=DJ),
    K("HttpResponse text/plain", False,
      'return HttpResponse(BAR, content_type="text/plain")', fws=DJ),
]

DESERIALIZATION = [
    K("pickle.loads base64", True, '''
state = pickle.loads(base64.b64decode(BAR))
RETURN_JSON({"keys": len(state)})'''),
    K("yaml.load Loader=yaml.Loader", True, '''
config = yaml.load(BAR, Loader=yaml.Loader)
RETURN_JSON({"keys": len(config)})'''),
    K("yaml.unsafe_load", True, '''
config = yaml.unsafe_load(BAR)
RETURN_JSON({"keys": len(config)})'''),
    K("yaml.load loader variable", True, '''
loader = yaml.UnsafeLoader
config = yaml.load(BAR, Loader=loader)
RETURN_JSON({"keys": len(config)})'''),
    K("jsonpickle.decode", True, '''
cart = jsonpickle.decode(BAR)
RETURN_JSON({"items": len(cart)})'''),
    K("marshal.loads hex", True, '''
code = marshal.loads(bytes.fromhex(BAR))
RETURN_JSON({"kind": type(code).__name__})'''),
    K("pickle.loads bytes", True, '''
payload = BAR.encode("latin-1")
prefs = pickle.loads(payload)
RETURN_JSON({"prefs": len(prefs)})'''),
    K("pickle.Unpickler", True, '''
state = pickle.Unpickler(io.BytesIO(base64.b64decode(BAR))).load()
RETURN_JSON({"keys": len(state)})'''),
    K("pickle.load stream", True, '''
stream = io.BytesIO(bytes.fromhex(BAR))
state = pickle.load(stream)
RETURN_JSON({"keys": len(state)})'''),
    K("yaml.load positional UnsafeLoader", True, '''
config = yaml.load(BAR, yaml.UnsafeLoader)
RETURN_JSON({"keys": len(config)})'''),
    K("yaml.safe_load", False, '''
config = yaml.safe_load(BAR)
RETURN_JSON({"keys": len(config)})'''),
    K("yaml.load SafeLoader", False, '''
config = yaml.load(BAR, Loader=yaml.SafeLoader)
RETURN_JSON({"keys": len(config)})'''),
    K("yaml.load loader variable safe", False, '''
loader = yaml.SafeLoader
config = yaml.load(BAR, Loader=loader)
RETURN_JSON({"keys": len(config)})'''),
    K("json.loads base64", False, '''
state = json.loads(base64.b64decode(BAR))
RETURN_JSON({"keys": len(state)})'''),
    K("pickle of server constant", False, '''
state = pickle.loads(pickle.dumps({"theme": "light"}))
RETURN_JSON({"keys": len(state), "size": len(BAR)})'''),
]

LDAP_CONN = '''
LDAP_URL = "ldap://ldap.example.org"
BASE_DN = "ou=people,dc=example,dc=org"'''
LDAPI = [
    K("ldap3 search f-string", True, '''
conn = ldap3.Connection(ldap3.Server(LDAP_URL), auto_bind=True)
conn.search(BASE_DN, f"(uid={BAR})", attributes=["cn", "mail"])
RETURN_JSON({"entries": len(conn.entries)})''', module_code=LDAP_CONN),
    K("ldap3 search concat filter variable", True, '''
search_filter = "(&(objectClass=person)(cn=" + BAR + "))"
with ldap3.Connection(ldap3.Server(LDAP_URL), auto_bind=True) as conn:
    conn.search(BASE_DN, search_filter)
    count = len(conn.entries)
RETURN_JSON({"entries": count})''', module_code=LDAP_CONN),
    K("python-ldap search_s", True, '''
directory = ldap.initialize(LDAP_URL)
results = directory.search_s(BASE_DN, ldap.SCOPE_SUBTREE, "(mail=%s)" % BAR)
RETURN_JSON({"entries": len(results)})''', module_code=LDAP_CONN),
    K("python-ldap search_s filter format", True, '''
directory = ldap.initialize(LDAP_URL)
results = directory.search_s(BASE_DN, ldap.SCOPE_SUBTREE, "(uid={})".format(BAR), ["cn"])
RETURN_JSON({"entries": len(results)})''', module_code=LDAP_CONN),
    K("ldap3 search keyword filter", True, '''
conn = ldap3.Connection(ldap3.Server(LDAP_URL), auto_bind=True)
conn.search(search_base=BASE_DN, search_filter="(cn=%s)" % BAR)
RETURN_JSON({"entries": len(conn.entries)})''', module_code=LDAP_CONN),
    K("python-ldap search_ext_s", True, '''
directory = ldap.initialize(LDAP_URL)
results = directory.search_ext_s(BASE_DN, ldap.SCOPE_SUBTREE, "(uid=" + BAR + ")")
RETURN_JSON({"entries": len(results)})''', module_code=LDAP_CONN),
    K("ldap3 escaped filter", False, '''
conn = ldap3.Connection(ldap3.Server(LDAP_URL), auto_bind=True)
conn.search(BASE_DN, f"(uid={escape_filter_chars(BAR)})", attributes=["cn", "mail"])
RETURN_JSON({"entries": len(conn.entries)})''', module_code=LDAP_CONN),
    K("python-ldap filter_format", False, '''
directory = ldap.initialize(LDAP_URL)
results = directory.search_s(BASE_DN, ldap.SCOPE_SUBTREE,
                             ldap.filter.filter_format("(mail=%s)", [BAR]))
RETURN_JSON({"entries": len(results)})''', module_code=LDAP_CONN),
    K("python-ldap escape_filter_chars", False, '''
directory = ldap.initialize(LDAP_URL)
results = directory.search_s(BASE_DN, ldap.SCOPE_SUBTREE,
                             "(uid=%s)" % ldap.filter.escape_filter_chars(BAR))
RETURN_JSON({"entries": len(results)})''', module_code=LDAP_CONN),
    K("ldap3 constant filter, python-side match", False, '''
conn = ldap3.Connection(ldap3.Server(LDAP_URL), auto_bind=True)
conn.search(BASE_DN, "(objectClass=person)", attributes=["uid"])
matches = [e for e in conn.entries if str(e.uid) == BAR]
RETURN_JSON({"entries": len(matches)})''', module_code=LDAP_CONN),
]

XML_FILE = 'USERS_XML = "/srv/app/data/users.xml"'
XPATHI = [
    K("tree.xpath f-string", True, '''
tree = etree.parse(USERS_XML)
nodes = tree.xpath(f"//user[@name='{BAR}']/email/text()")
RETURN_JSON({"found": len(nodes)})''', module_code=XML_FILE),
    K("etree.XPath built", True, '''
root = etree.parse(USERS_XML).getroot()
find = etree.XPath("//account[login='" + BAR + "']")
RETURN_JSON({"found": len(find(root))})''', module_code=XML_FILE),
    K("XPathEvaluator built", True, '''
evaluator = etree.XPathEvaluator(etree.parse(USERS_XML))
expression = "count(//order[@customer='%s'])" % BAR
RETURN_JSON({"orders": int(evaluator(expression))})''', module_code=XML_FILE),
    K("root.xpath format", True, '''
root = etree.parse(USERS_XML).getroot()
titles = root.xpath("//book[author='{}']/title/text()".format(BAR))
RETURN_JSON({"titles": [str(t) for t in titles]})''', module_code=XML_FILE),
    K("ElementTree findall built", True, '''
root = ET.parse(USERS_XML).getroot()
found = root.findall(".//user[@name='" + BAR + "']/email")
RETURN_JSON({"found": len(found)})''', module_code=XML_FILE),
    K("ElementTree, python-side match", False, '''
root = ET.parse(USERS_XML).getroot()
found = [u for u in root.iter("user") if u.get("name") == BAR]
RETURN_JSON({"found": len(found)})''', module_code=XML_FILE),
    K("tree.xpath variables", False, '''
tree = etree.parse(USERS_XML)
nodes = tree.xpath("//user[@name=$name]/email/text()", name=BAR)
RETURN_JSON({"found": len(nodes)})''', module_code=XML_FILE),
    K("etree.XPath with variable", False, '''
root = etree.parse(USERS_XML).getroot()
find = etree.XPath("//account[login=$login]")
RETURN_JSON({"found": len(find(root, login=BAR))})''', module_code=XML_FILE),
    K("XPathEvaluator with variable", False, '''
evaluator = etree.XPathEvaluator(etree.parse(USERS_XML))
RETURN_JSON({"orders": int(evaluator("count(//order[@customer=$c])", c=BAR))})''',
      module_code=XML_FILE),
    K("constant xpath, python-side match", False, '''
tree = etree.parse(USERS_XML)
emails = [u.findtext("email") for u in tree.xpath("//user") if u.get("name") == BAR]
RETURN_JSON({"found": len(emails)})''', module_code=XML_FILE),
]

XXE = [
    K("lxml resolve_entities=True", True, '''
parser = etree.XMLParser(resolve_entities=True)
doc = etree.fromstring(BAR.encode("utf-8"), parser)
RETURN_JSON({"tag": doc.tag})'''),
    K("lxml load_dtd + no_network=False", True, '''
parser = etree.XMLParser(load_dtd=True, resolve_entities=True, no_network=False)
doc = etree.fromstring(BAR.encode("utf-8"), parser=parser)
RETURN_JSON({"children": len(doc)})'''),
    K("lxml options through variable", True, '''
resolve = True
parser = etree.XMLParser(resolve_entities=resolve)
tree = etree.parse(io.BytesIO(BAR.encode("utf-8")), parser)
RETURN_JSON({"tag": tree.getroot().tag})'''),
    K("xml.sax external entities on", True, '''
reader = xml.sax.make_parser()
reader.setFeature(xml.sax.handler.feature_external_ges, True)
reader.setContentHandler(xml.sax.ContentHandler())
reader.parse(io.BytesIO(BAR.encode("utf-8")))
RETURN_TEXT("parsed")'''),
    K("etree.XML with resolving parser", True, '''
parser = etree.XMLParser(resolve_entities=True, no_network=False)
doc = etree.XML(BAR, parser)
RETURN_JSON({"children": len(doc)})'''),
    K("lxml resolve_entities=False", False, '''
parser = etree.XMLParser(resolve_entities=False)
doc = etree.fromstring(BAR.encode("utf-8"), parser)
RETURN_JSON({"tag": doc.tag})'''),
    K("lxml options dict, safe", False, '''
options = {"resolve_entities": False, "no_network": True, "load_dtd": False}
parser = etree.XMLParser(**options)
doc = etree.fromstring(BAR.encode("utf-8"), parser=parser)
RETURN_JSON({"children": len(doc)})'''),
    K("lxml options through variable, safe", False, '''
resolve = False
parser = etree.XMLParser(resolve_entities=resolve)
tree = etree.parse(io.BytesIO(BAR.encode("utf-8")), parser)
RETURN_JSON({"tag": tree.getroot().tag})'''),
    K("xml.sax defaults", False, '''
reader = xml.sax.make_parser()
reader.setContentHandler(xml.sax.ContentHandler())
reader.parse(io.BytesIO(BAR.encode("utf-8")))
RETURN_TEXT("parsed")'''),
    K("lxml no_network, no entities", False, '''
parser = etree.XMLParser(resolve_entities=False, no_network=True)
doc = etree.XML(BAR, parser)
RETURN_JSON({"children": len(doc)})'''),
    K("pulldom with external entities on", True, '''
reader = xml.sax.make_parser()
reader.setFeature(xml.sax.handler.feature_external_ges, True)
events = xml.dom.pulldom.parseString(BAR, parser=reader)
count = sum(1 for event, node in events if event == xml.dom.pulldom.START_ELEMENT)
RETURN_JSON({"elements": count})'''),
    K("minidom", False, '''
doc = xml.dom.minidom.parseString(BAR)
RETURN_JSON({"tag": doc.documentElement.tagName})'''),
    K("defusedxml", False, '''
doc = defusedxml.ElementTree.fromstring(BAR)
RETURN_JSON({"tag": doc.tag})'''),
]

TRUSTBOUND = [
    K("flask session[]", True, 'session["display_name"] = BAR\nRETURN_TEXT("saved")', fws=FL),
    K("flask session update", True,
      'session.update({"preferred_lang": BAR})\nRETURN_TEXT("saved")', fws=FL),
    K("flask session setdefault", True,
      'session.setdefault("referrer", BAR)\nRETURN_TEXT("noted")', fws=FL),
    K("django request.session[]", True,
      'request.session["display_name"] = BAR\nRETURN_TEXT("saved")', fws=DJ),
    K("starlette request.session[]", True,
      'request.session["display_name"] = BAR\nRETURN_TEXT("saved")', fws=FA),
    K("flask session dict value", True,
      'session["profile"] = {"name": BAR, "verified": False}\nRETURN_TEXT("saved")', fws=FL),
    K("django session update", True,
      'request.session.update({"referrer": BAR})\nRETURN_TEXT("noted")', fws=DJ),
    K("flask session key from input", True,
      'session[BAR] = "10340"\nRETURN_TEXT("saved")', fws=FL),
    K("django session key from input", True,
      'request.session[BAR] = "10340"\nRETURN_TEXT("saved")', fws=DJ),
    K("starlette session key from input", True,
      'request.session[BAR] = "10340"\nRETURN_TEXT("saved")', fws=FA),
    K("flask session constant, value in g", False,
      'g.display_name = BAR\nsession["visited"] = True\nRETURN_TEXT("saved")', fws=FL),
    K("flask session counter", False,
      'session["views"] = session.get("views", 0) + 1\ng.search = BAR\nRETURN_TEXT("counted")',
      fws=FL),
    K("django session constant", False,
      'request.session["seen_banner"] = True\nrequest.last_search = BAR\nRETURN_TEXT("ok")',
      fws=DJ),
    K("starlette session constant", False,
      'request.session["seen_banner"] = True\nrequest.state.search = BAR\nRETURN_TEXT("ok")',
      fws=FA),
]

API = 'API_BASE = "https://api.partner.example.com"'
SSRF = [
    K("requests.get", True, '''
reply = requests.get(BAR, timeout=5)
RETURN_JSON({"status": reply.status_code})'''),
    K("requests.post", True, '''
reply = requests.post(BAR, json={"ping": True}, timeout=5)
RETURN_JSON({"status": reply.status_code})'''),
    K("host from input", True, '''
reply = requests.get("https://" + BAR + "/health", timeout=5)
RETURN_JSON({"status": reply.status_code})'''),
    K("urllib.request.urlopen", True, '''
with urllib.request.urlopen(BAR, timeout=5) as reply:
    size = len(reply.read())
RETURN_JSON({"size": size})'''),
    K("httpx.get", True, '''
reply = httpx.get(BAR, timeout=5.0)
RETURN_JSON({"status": reply.status_code})'''),
    K("requests.Session().get", True, '''
client = requests.Session()
reply = client.get(f"{BAR}", timeout=5)
RETURN_JSON({"status": reply.status_code})'''),
    K("requests.request", True, '''
reply = requests.request("GET", BAR, timeout=5)
RETURN_JSON({"status": reply.status_code})'''),
    K("urllib3 PoolManager", True, '''
pool = urllib3.PoolManager()
reply = pool.request("GET", BAR)
RETURN_JSON({"status": reply.status})'''),
    K("httpx.Client", True, '''
with httpx.Client(timeout=5.0) as client:
    reply = client.get(BAR)
RETURN_JSON({"status": reply.status_code})'''),
    K("fixed host, value as query param", False, '''
reply = requests.get(API_BASE + "/search", params={"q": BAR}, timeout=5)
RETURN_JSON({"status": reply.status_code})''', module_code=API),
    K("fixed host, quoted path segment", False, '''
reply = requests.get(f"{API_BASE}/users/{urllib.parse.quote(BAR, safe='')}", timeout=5)
RETURN_JSON({"status": reply.status_code})''', module_code=API),
    K("fixed url, value in body", False, '''
reply = httpx.post("https://hooks.example.com/notify", json={"text": BAR}, timeout=5.0)
RETURN_JSON({"status": reply.status_code})'''),
    K("urlopen fixed url", False, '''
with urllib.request.urlopen("https://status.example.com/feed.json", timeout=5) as reply:
    size = len(reply.read())
RETURN_JSON({"size": size, "asked": len(BAR)})'''),
]

HEADERI = [
    K("flask headers[]", True, '''
response = make_response("ok")
response.headers["X-Request-Ref"] = BAR
return response''', fws=FL),
    K("flask headers.add", True, '''
response = make_response("ok")
response.headers.add("Content-Disposition", "attachment; filename=" + BAR)
return response''', fws=FL),
    K("flask Response(headers=)", True,
      'return Response("ok", headers={"X-Trace-Id": BAR})', fws=FL),
    K("fastapi Response headers", True, '''
response = PlainTextResponse("ok")
response.headers["X-Request-Ref"] = BAR
return response''', fws=FA),
    K("fastapi headers= argument", True,
      'return PlainTextResponse("ok", headers={"X-Trace-Id": BAR})', fws=FA),
    K("django response[]", True, '''
response = HttpResponse("ok")
response["X-Request-Ref"] = BAR
return response''', fws=DJ),
    K("django headers=", True,
      'return HttpResponse("ok", headers={"X-Trace-Id": BAR})', fws=DJ),
    K("flask headers.set", True, '''
response = make_response("ok")
response.headers.set("X-Upload-Name", BAR)
return response''', fws=FL),
    K("django response.headers[]", True, '''
response = HttpResponse("ok")
response.headers["Content-Disposition"] = f"attachment; filename={BAR}"
return response''', fws=DJ),
    K("flask header quoted", False, '''
response = make_response("ok")
response.headers["X-Request-Ref"] = urllib.parse.quote(BAR)
return response''', fws=FL),
    K("flask header constant, value in body", False,
      'return jsonify({"ref": BAR}), 200, {"X-Request-Ref": "static"}', fws=FL),
    K("fastapi header quoted", False, '''
response = PlainTextResponse("ok")
response.headers["X-Request-Ref"] = urllib.parse.quote(BAR)
return response''', fws=FA),
    K("django header quoted", False, '''
response = HttpResponse("ok")
response["X-Request-Ref"] = urllib.parse.quote(BAR)
return response''', fws=DJ),
]

LOGGER = "logger = logging.getLogger(__name__)"
LOGI = [
    K("logger.info %s arg", True, '''
logger.info("Login attempt for user %s", BAR)
RETURN_TEXT("ok")''', module_code=LOGGER),
    K("logging.warning f-string", True, '''
logging.warning(f"Password reset requested for {BAR}")
RETURN_TEXT("ok")'''),
    K("logger.error concat", True, '''
logger.error("Payment declined: " + BAR)
RETURN_TEXT("ok")''', module_code=LOGGER),
    K("getLogger().debug format", True, '''
logging.getLogger("audit").debug("Search: {}".format(BAR))
RETURN_TEXT("ok")'''),
    K("current_app.logger", True, '''
current_app.logger.info("Feedback received: %s", BAR)
RETURN_TEXT("thanks")''', fws=FL),
    K("logger.log level", True, '''
logger.log(logging.INFO, "Export of %s started", BAR)
RETURN_TEXT("started")''', module_code=LOGGER),
    K("logger.exception", True, '''
try:
    int(BAR)
except ValueError:
    logger.exception("Import failed for %s", BAR)
RETURN_TEXT("ok")''', module_code=LOGGER),
    K("logging.log", True, '''
logging.log(logging.WARNING, "Unknown account " + BAR)
RETURN_TEXT("ok")'''),
    K("logger.info constant", False, '''
logger.info("Login attempt received")
RETURN_JSON({"length": len(BAR)})''', module_code=LOGGER),
    K("logger newlines escaped", False, '''
logger.info("Login attempt for user %s", BAR.replace("\\r", "\\\\r").replace("\\n", "\\\\n"))
RETURN_TEXT("ok")''', module_code=LOGGER),
    K("logger json.dumps", False, '''
logger.warning("Password reset requested: %s", json.dumps({"user": BAR}))
RETURN_TEXT("ok")''', module_code=LOGGER),
]

TAINT_SINKS = {
    "sqli": SQLI, "cmdi": CMDI, "codeinj": CODEINJ, "pathtraver": PATHTRAVER,
    "redirect": REDIRECT, "xss": XSS, "deserialization": DESERIALIZATION, "ldapi": LDAPI,
    "xpathi": XPATHI, "xxe": XXE, "trustbound": TRUSTBOUND, "ssrf": SSRF, "headeri": HEADERI,
    "logi": LOGI,
}
