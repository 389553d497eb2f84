"""Shared helpers for the differential tests: finding CPython 3.12, running the oracle,
and explaining where two ast.dump texts first differ.

Imported by tests/scripts/test_ast_differential.py and the corpus tools; runs under any
Python 3, but the oracle functions must run under the interpreter whose grammar they
stand for (the callers re-execute themselves under CPython 3.12).
"""
import ast
import glob
import os
import re
import shutil
import subprocess
import sys
import warnings

# Exceptions an ast.parse call raises for a source CPython rejects. RecursionError and
# MemoryError are CPython refusing input too deeply nested or too complex to compile.
REJECTING_EXCEPTIONS = (SyntaxError, ValueError, UnicodeError, RecursionError, MemoryError)


def _probe_version(cmd, env=None):
    """(major, minor) that `cmd` reports, or None when it does not run."""
    try:
        out = subprocess.run(
            cmd + ["-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True, text=True, timeout=60, env=env)
    except (OSError, subprocess.SubprocessError):
        return None
    if out.returncode != 0:
        return None
    try:
        major, minor = out.stdout.strip().split(".")
        return int(major), int(minor)
    except ValueError:
        return None


def find_python(minor):
    """An interpreter command for CPython 3.<minor> on this machine, or None.

    Order: $AEGIS_PYTHON3<minor> (explicit), the running interpreter, python3.<minor> on
    PATH, pyenv's versions (this project's machine image ships pyenv with 3.12.1 and
    3.13.0), then the usual system locations.
    """
    wanted = (3, minor)
    explicit = os.environ.get("AEGIS_PYTHON3%d" % minor)
    if explicit:
        return [explicit] if _probe_version([explicit]) == wanted else None
    if sys.version_info[:2] == wanted and sys.executable:
        return [sys.executable]
    candidates = []
    pyenv_roots = [os.environ.get("PYENV_ROOT"), os.path.expanduser("~/.pyenv")]
    for root in pyenv_roots:
        if root:
            for d in sorted(glob.glob(os.path.join(root, "versions", "3.%d.*" % minor)),
                            reverse=True):
                candidates.append(os.path.join(d, "bin", "python3.%d" % minor))
    on_path = shutil.which("python3.%d" % minor)
    if on_path:
        candidates.append(on_path)
    candidates += ["/usr/bin/python3.%d" % minor, "/usr/local/bin/python3.%d" % minor]
    seen = set()
    for c in candidates:
        if c in seen or not os.path.exists(c):
            continue
        seen.add(c)
        if _probe_version([c]) == wanted:
            return [c]
    return None


def oracle(source_bytes):
    """What the running CPython makes of a file: ("ok", dump) or ("rejected", message)
    or ("skipped", reason) when CPython accepts the file but cannot print its tree."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            tree = ast.parse(source_bytes)
        except REJECTING_EXCEPTIONS as e:
            line = getattr(e, "lineno", None)
            return "rejected", "%s%s: %s" % (
                type(e).__name__, "" if line is None else " line %s" % line,
                getattr(e, "msg", None) or str(e))
    try:
        return "ok", ast.dump(tree, include_attributes=True)
    except (ValueError, RecursionError, MemoryError) as e:
        return "skipped", "CPython cannot print the tree: %s: %s" % (type(e).__name__, e)


_FIELD_BEFORE = re.compile(r"([a-z_]+)=")
_NODE_OPEN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*$")
_ATTRS_AT_END = re.compile(
    r"lineno=(\d+), col_offset=(\d+)(?:, end_lineno=(\d+), end_col_offset=(\d+))?$")


def _skip_string(text, i):
    """Index just past the Python repr string literal whose opening quote is at i."""
    quote = text[i]
    i += 1
    n = len(text)
    while i < n:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == quote:
            return i + 1
        i += 1
    return n


def _open_nodes(text, stop):
    """The stack of (name, start) of nodes and lists still open at offset `stop`."""
    stack = []
    i = 0
    while i < stop:
        c = text[i]
        if c in "'\"":
            i = _skip_string(text, i)
            continue
        if c == "(":
            m = _NODE_OPEN.search(text, max(0, i - 40), i)
            stack.append((m.group(0) if m else "(", m.start() if m else i))
        elif c == "[":
            stack.append(("[", i))
        elif c in ")]":
            if stack:
                stack.pop()
        i += 1
    return stack


def _node_end(text, start):
    """Offset just past the node or list beginning at `start` (its closing bracket)."""
    depth = 0
    i = start
    n = len(text)
    while i < n:
        c = text[i]
        if c in "'\"":
            i = _skip_string(text, i)
            continue
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return n


def first_difference(expected, actual, source_lines=None, width=160):
    """A few lines telling where `actual` first departs from `expected`: the path of
    node kinds down to the innermost node holding the difference, its position in the
    source, the source line, and both texts around that node."""
    limit = min(len(expected), len(actual))
    i = 0
    while i < limit and expected[i] == actual[i]:
        i += 1
    if i == limit and len(expected) == len(actual):
        return "identical"
    stack = _open_nodes(expected, i)
    nodes = [name for name, _ in stack if name not in ("[", "(")]
    field = _FIELD_BEFORE.findall(expected[max(0, i - 300):i])
    lines = ["  first difference at dump offset %d, inside %s, field %s" % (
        i, " > ".join(nodes) or "top", field[-1] if field else "?")]
    inner = next(((name, start) for name, start in reversed(stack) if name not in ("[", "(")),
                 None)
    if inner is not None:
        name, start = inner
        end_exp = _node_end(expected, start)
        end_act = _node_end(actual, start)  # both texts agree up to i, so start is shared
        m = _ATTRS_AT_END.search(expected[max(start, end_exp - 120):end_exp - 1])
        if m:
            lineno = int(m.group(1))
            lines.append("  node %s at line %s col %s (end %s:%s)" % (
                name, m.group(1), m.group(2), m.group(3), m.group(4)))
            if source_lines and 1 <= lineno <= len(source_lines):
                src = source_lines[lineno - 1].rstrip("\r\n")
                lines.append("  source: %s" % src[:width])
        lines.append("  expected: %s" % _clip(expected[start:end_exp], i - start, width))
        lines.append("  actual:   %s" % _clip(actual[start:end_act], i - start, width))
    else:
        lines.append("  expected: %s" % _clip(expected, i, width))
        lines.append("  actual:   %s" % _clip(actual, i, width))
    return "\n".join(lines)


def _clip(text, focus, width):
    """`text` cut to about 2*width characters around offset `focus`, marked with '…'."""
    if len(text) <= 2 * width:
        return text
    lo = max(0, focus - width)
    hi = min(len(text), focus + width)
    return ("…" if lo > 0 else "") + text[lo:hi] + ("…" if hi < len(text) else "")


def dump_312(node):
    """ast.dump(node, include_attributes=True) by CPython 3.12's rules, whatever Python
    runs it: every field in _fields order, an optional field (class default None) left
    out when it is None, then the attributes the same way. Used to print trees of newer
    syntax, parsed by a newer CPython, in the format of the rest of the tests."""
    def fmt(value):
        if isinstance(value, ast.AST):
            cls = type(value)
            args = []
            for name in cls._fields:
                try:
                    v = getattr(value, name)
                except AttributeError:
                    continue
                if v is None and getattr(cls, name, ...) is None:
                    continue
                args.append("%s=%s" % (name, fmt(v)))
            for name in cls._attributes:
                try:
                    v = getattr(value, name)
                except AttributeError:
                    continue
                if v is None and getattr(cls, name, ...) is None:
                    continue
                args.append("%s=%s" % (name, fmt(v)))
            return "%s(%s)" % (cls.__name__, ", ".join(args))
        if isinstance(value, list):
            return "[%s]" % ", ".join(fmt(x) for x in value)
        return repr(value)
    return fmt(node)


def difference_key(detail):
    """A short grouping key for a first_difference() report: innermost node and field."""
    m = re.search(r"inside (.*), field (\S+)", detail)
    if not m:
        return "?"
    return "%s.%s" % (m.group(1).split(" > ")[-1], m.group(2))
