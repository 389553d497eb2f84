"""Files generated at test time for the differential test, covering tables the stdlib
only samples: every Unicode code point in string constants (decoding and repr), every
byte value, every identifier character (NFKC normalisation), and many numeric literals
(correct rounding, shortest float repr). Deterministic: the same files every run.

Runs under the oracle interpreter (CPython 3.12): str.isidentifier() decides which
characters go into identifiers, so the files are valid for that version.
"""
import os
import random
import sys

SEED = 20261123
CHARS_PER_LINE = 128


def _str_escape(c):
    """How code point c is written inside a "..." literal: raw UTF-8 when that spells
    the same value, an escape otherwise (quotes, backslash, controls, line ends,
    surrogates)."""
    o = ord(c)
    if c in '"\\' or o < 0x20 or o == 0x7F or 0xD800 <= o <= 0xDFFF:
        return "\\U%08x" % o if o > 0xFFFF else "\\u%04x" % o
    return c


def _write(path, text):
    with open(path, "w", encoding="utf-8", errors="surrogatepass", newline="\n") as f:
        f.write(text)


def unicode_strings(directory):
    """One file per plane: `s = "..."` lines holding every code point of the plane."""
    files = []
    for plane in range(17):
        lines = ["# every code point of plane %d" % plane]
        start = plane * 0x10000
        for base in range(start, start + 0x10000, CHARS_PER_LINE):
            chunk = "".join(_str_escape(chr(o)) for o in range(base, base + CHARS_PER_LINE))
            lines.append('s_%x = "%s"' % (base, chunk))
        name = "unicode_plane_%02d.py" % plane
        _write(os.path.join(directory, name), "\n".join(lines) + "\n")
        files.append(name)
    return files


def bytes_values(directory):
    esc = "".join("\\x%02x" % b for b in range(256))
    raw = "".join(chr(b) for b in range(0x20, 0x7F) if chr(b) not in "'\\")
    text = "b1 = b'%s'\nb2 = b'%s'\nb3 = rb'\\x00\\n\\''\nb4 = B\"\"\"\\\n\"\"\"\n" % (esc, raw)
    _write(os.path.join(directory, "bytes_values.py"), text)
    return ["bytes_values.py"]


def identifiers(directory):
    """Every code point that can start or continue an identifier, 32 to a name."""
    starts, continues = [], []
    for o in range(0x80, 0x110000):
        c = chr(o)
        if 0xD800 <= o <= 0xDFFF:
            continue
        if c.isidentifier():
            starts.append(c)
        elif ("a" + c).isidentifier():
            continues.append(c)
    lines = ["# every non-ASCII identifier character (NFKC-normalised in the tree)"]
    for i in range(0, len(starts), 32):
        lines.append("%s = %d" % ("".join(starts[i:i + 32]), i))
    for i in range(0, len(continues), 32):
        lines.append("a%s = %d" % ("".join(continues[i:i + 32]), i))
    _write(os.path.join(directory, "identifiers.py"), "\n".join(lines) + "\n")
    return ["identifiers.py"]


def numbers(directory):
    rng = random.Random(SEED)
    lines = ["# numeric literals: rounding, shortest repr, big ints, every base"]
    for i in range(4000):
        digits = "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 40)))
        frac = "".join(rng.choice("0123456789") for _ in range(rng.randint(0, 30)))
        exp = rng.randint(-340, 330)
        form = rng.randrange(5)
        if form == 0:
            lit = "%s.%se%d" % (digits, frac, exp)
        elif form == 1:
            lit = "%s.%s" % (digits, frac)
        elif form == 2:
            lit = "0.%se%d" % (frac or "0", exp)
        elif form == 3:
            lit = "%s.%sj" % (digits, frac)
        else:
            lit = "%se%d" % (digits, exp)
        lines.append("f%d = %s" % (i, lit))
    for i in range(1000):
        n = rng.getrandbits(rng.randint(1, 600))
        lit = rng.choice([hex(n), oct(n), bin(n), str(n)[:4000].lstrip("0") or "0",
                          hex(n).upper().replace("0X", "0x")])
        if rng.random() < 0.3 and len(lit) > 3:  # underscores between digits
            head, body = (lit[:2], lit[2:]) if lit[1:2] in "xXoObB" else ("", lit)
            lit = head + "_".join(body[j:j + 3] for j in range(0, len(body), 3))
        lines.append("i%d = %s" % (i, lit))
    for v in ("1e308", "1.7976931348623157e308", "1.7976931348623159e308", "2e308",
              "4.9e-324", "2.4703282292062328e-324", "2.4703282292062327e-324", "1e-400",
              "0.1", "0.30000000000000004", "9007199254740993", "9007199254740993.0",
              "123456789012345678901234567890.0", "1e16", "1e15", "1.5e16", "1e-5", "0.0001",
              "1_000.000_1", "0e0", "00.5", "0_0.0_0", "1e22", "1e23", "5e-324j", "1e400j"):
        lines.append("x = %s" % v)
    _write(os.path.join(directory, "numbers.py"), "\n".join(lines) + "\n")
    return ["numbers.py"]


def generate(directory):
    """Writes every generated file into `directory`; returns their names."""
    names = []
    for make in (unicode_strings, bytes_values, identifiers, numbers):
        names += make(directory)
    return names


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    for n in generate(out):
        print(os.path.join(out, n))
