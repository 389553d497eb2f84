from flask import Flask, request

import mylib

app = Flask(__name__)


@app.route("/report")
def report():
    name = request.args.get("name", "")
    rows = mylib.run_query("SELECT * FROM reports WHERE owner = '" + name + "'")
    fixed = mylib.run_query("SELECT * FROM reports WHERE owner = 'admin'")
    return "<p>" + mylib.clean_html(name) + "</p>" + str(len(rows) + len(fixed))
