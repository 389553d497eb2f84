#!/usr/bin/env python3
"""Generate the Unicode tables of the Python front end from CPython 3.12's unicodedata.

Run with CPython 3.12 (Unicode 15.0.0), so that the tables match the oracle:
    PYENV_VERSION=3.12.1 python3 tools/gen_unicode.py [--name-aliases PATH]

Writes (all committed; the build never runs this script):
  src/python/unicode_tables.h          declarations shared by unicode.cpp and the tables
  src/python/unicode_tables.cpp        identifier, printable and NFKC tables
  src/python/unicode_tables_names.cpp  character names and name aliases for \\N{...}
  tests/data/unicode/*.txt             test vectors computed by this Python

The formal name aliases come from NameAliases.txt of Unicode 15.0.0 (Debian's
unicode-data package installs it under /usr/share/unicode). Every table is checked
against the running Python before anything is written: every name and alias must
round-trip through a real "\\N{...}" literal, the NFKC tables are replayed in Python
against unicodedata.normalize, and the range tables are rebuilt from scratch.
"""
import argparse
import os
import random
import struct
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
MAX_CP = 0x110000

S_BASE, L_BASE, V_BASE, T_BASE = 0xAC00, 0x1100, 0x1161, 0x11A7
L_COUNT, V_COUNT, T_COUNT = 19, 21, 28
N_COUNT = V_COUNT * T_COUNT
S_COUNT = L_COUNT * N_COUNT

CJK_PREFIX = "CJK UNIFIED IDEOGRAPH-"
HANGUL_PREFIX = "HANGUL SYLLABLE "

# Bucket size of the front-coded name table: a lookup binary-searches the bucket heads,
# then decodes at most this many entries.
NAME_BUCKET = 16
# Block size of the two-stage NFKC property table.
NFKC_BLOCK_SHIFT = 7


def fail(msg):
    sys.exit("gen_unicode: " + msg)


def ranges_of(pred):
    out = []
    start = None
    for c in range(MAX_CP):
        if pred(c):
            if start is None:
                start = c
        elif start is not None:
            out.append((start, c - 1))
            start = None
    if start is not None:
        out.append((start, MAX_CP - 1))
    return out


def in_ranges(ranges, c):
    lo, hi = 0, len(ranges)
    while lo < hi:
        mid = (lo + hi) // 2
        if ranges[mid][1] < c:
            lo = mid + 1
        else:
            hi = mid
    return lo < len(ranges) and ranges[lo][0] <= c


# ---------------------------------------------------------------------------------
# Identifier and printable properties

def is_start(c):
    return chr(c).isidentifier()


def is_cont(c):
    return ("a" + chr(c)).isidentifier()


def is_printable(c):
    return chr(c).isprintable()


# ---------------------------------------------------------------------------------
# Names

def read_aliases(path):
    aliases = []
    with open(path, encoding="utf-8") as f:
        head = f.readline()
        if "15.0.0" not in head:
            fail(f"{path} is not the Unicode 15.0.0 NameAliases.txt: {head.strip()}")
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            cp, alias, _kind = line.split(";")
            aliases.append((alias, int(cp, 16)))
    return aliases


def literal_lookup(name):
    """What a 3.12 str literal "\\N{name}" gives, or None when it is rejected."""
    try:
        value = eval('"\\N{%s}"' % name)
    except SyntaxError:
        return None
    if len(value) != 1:
        fail(f"\\N{{{name}}} gave {len(value)} characters")
    return ord(value)


def collect_names(alias_path):
    names = {}
    cjk = []
    hangul = 0
    for c in range(MAX_CP):
        n = unicodedata.name(chr(c), None)
        if n is None:
            continue
        if n.startswith(CJK_PREFIX):
            if n != CJK_PREFIX + "%04X" % c:
                fail(f"unexpected CJK name {n}")
            cjk.append(c)
            continue
        if n.startswith(HANGUL_PREFIX):
            if not S_BASE <= c < S_BASE + S_COUNT:
                fail(f"unexpected Hangul name {n}")
            hangul += 1
            continue
        names[n] = c
    if hangul != S_COUNT:
        fail(f"{hangul} Hangul syllable names, expected {S_COUNT}")
    for alias, c in read_aliases(alias_path):
        if alias in names and names[alias] != c:
            fail(f"alias {alias} clashes with a character name")
        names[alias] = c
    cjk_ranges = []
    for c in cjk:
        if cjk_ranges and cjk_ranges[-1][1] == c - 1:
            cjk_ranges[-1][1] = c
        else:
            cjk_ranges.append([c, c])
    return names, [tuple(r) for r in cjk_ranges]


def encode_names(names):
    """Front-coded sorted names.

    Entry: prefix length shared with the previous name (1 byte; 0 at a bucket head),
    suffix length (1 byte), suffix, code point (3 bytes, big-endian).
    """
    items = sorted(names.items())
    blob = bytearray()
    heads = []
    prev = b""
    for i, (name, c) in enumerate(items):
        nb = name.encode("ascii")
        if i % NAME_BUCKET == 0:
            heads.append(len(blob))
            common = 0
        else:
            common = 0
            limit = min(len(prev), len(nb), 255)
            while common < limit and prev[common] == nb[common]:
                common += 1
        suffix = nb[common:]
        if len(suffix) > 255:
            fail(f"name too long: {name}")
        blob += bytes([common, len(suffix)]) + suffix + c.to_bytes(3, "big")
        prev = nb
    return bytes(blob), heads, len(items)


def decode_bucket(blob, start, end):
    pos = start
    prev = b""
    while pos < end:
        common, slen = blob[pos], blob[pos + 1]
        name = prev[:common] + blob[pos + 2:pos + 2 + slen]
        pos += 2 + slen
        c = int.from_bytes(blob[pos:pos + 3], "big")
        pos += 3
        yield name, c
        prev = name


HANGUL_L = ["G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J", "JJ", "C",
            "K", "T", "P", "H"]
HANGUL_V = ["A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE", "YO", "U",
            "WEO", "WE", "WI", "YU", "EU", "YI", "I"]
HANGUL_T = ["", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS", "LT", "LP",
            "LH", "M", "B", "BS", "S", "SS", "NG", "J", "C", "K", "T", "P", "H"]


def py_lookup(blob, heads, cjk_ranges, name):
    """The lookup of unicode.cpp, replayed in Python over the encoded tables."""
    if name.startswith(b"HANGUL SYLLABLE "):
        pos = 16
        parts = []
        for table in (HANGUL_L, HANGUL_V, HANGUL_T):
            best, best_len = -1, -1
            for i, s in enumerate(table):
                sb = s.encode()
                if len(sb) > best_len and name[pos:pos + len(sb)] == sb:
                    best, best_len = i, len(sb)
            parts.append(best)
            pos += max(best_len, 0)
        if -1 in parts or pos != len(name):
            return None
        return S_BASE + (parts[0] * V_COUNT + parts[1]) * T_COUNT + parts[2]
    if name.startswith(b"CJK UNIFIED IDEOGRAPH-"):
        digits = name[22:]
        if len(digits) not in (4, 5) or any(d not in b"0123456789ABCDEF" for d in digits):
            return None
        v = int(digits, 16)
        return v if in_ranges(cjk_ranges, v) else None
    upper = bytes(b - 32 if 97 <= b <= 122 else b for b in name)
    lo, hi = 0, len(heads)
    while lo < hi:  # last head <= upper
        mid = (lo + hi) // 2
        head = next(decode_bucket(blob, heads[mid], len(blob)))[0]
        if head <= upper:
            lo = mid + 1
        else:
            hi = mid
    if lo == 0:
        return None
    b = lo - 1
    end = heads[b + 1] if b + 1 < len(heads) else len(blob)
    for n, c in decode_bucket(blob, heads[b], end):
        if n == upper:
            return c
    return None


def verify_names(names, blob, heads, cjk_ranges):
    rng = random.Random(15)
    checked = 0
    for name, c in names.items():
        got = literal_lookup(name)
        if got != c:
            fail(f"\\N{{{name}}} is {got} in this Python, table says {c}")
        if py_lookup(blob, heads, cjk_ranges, name.encode()) != c:
            fail(f"encoded table loses {name}")
        variant = "".join(ch.lower() if rng.random() < 0.5 else ch for ch in name)
        if py_lookup(blob, heads, cjk_ranges, variant.encode()) != literal_lookup(variant):
            fail(f"case variant {variant} disagrees")
        checked += 1
    for c in range(S_BASE, S_BASE + S_COUNT):
        name = unicodedata.name(chr(c))
        if literal_lookup(name) != c or py_lookup(blob, heads, cjk_ranges, name.encode()) != c:
            fail(f"Hangul {name}")
    for lo, hi in cjk_ranges:
        for c in (lo, hi, (lo + hi) // 2):
            name = CJK_PREFIX + "%04X" % c
            if py_lookup(blob, heads, cjk_ranges, name.encode()) != c:
                fail(f"CJK {name}")
    for probe in name_probes(names, cjk_ranges, rng):
        want = literal_lookup(probe)
        if py_lookup(blob, heads, cjk_ranges, probe.encode()) != want:
            fail(f"probe {probe!r}: Python {want}")
    return checked


def name_probes(names, cjk_ranges, rng):
    """Names near the real ones, most of which CPython rejects: the edges of the lookup."""
    probes = ["", " ", "A", "LATIN", "HANGUL SYLLABLE ", "HANGUL SYLLABLE", "HANGUL SYLLABLE A",
              "HANGUL SYLLABLE GAGG", "HANGUL SYLLABLE GGGA", "HANGUL SYLLABLE X",
              "hangul syllable GA", "HANGUL SYLLABLE ga", "Hangul Syllable GA",
              "CJK UNIFIED IDEOGRAPH-", "CJK UNIFIED IDEOGRAPH-4E0", "CJK UNIFIED IDEOGRAPH-4e00",
              "cjk unified ideograph-4E00", "CJK UNIFIED IDEOGRAPH-04E00",
              "CJK UNIFIED IDEOGRAPH-004E00", "CJK UNIFIED IDEOGRAPH-3400",
              "CJK UNIFIED IDEOGRAPH-33FF", "CJK UNIFIED IDEOGRAPH-FFFF",
              "CJK UNIFIED IDEOGRAPH-G000", "LATIN SMALL LETTER A ", " LATIN SMALL LETTER A",
              "LATIN  SMALL LETTER A", "LATIN SMALL LETTER A WITH MACRON AND GRAVE",
              "KEYCAP NUMBER SIGN", "TANGUT IDEOGRAPH-17000", "ZZZZ", "\u00e9",
              "LATIN SMALL LETTER \u00e9", "NULL", "null", "BOM", "ZWJ", "zwnbsp"]
    for lo, hi in cjk_ranges:
        for c in (lo - 1, hi + 1):
            probes.append(CJK_PREFIX + "%04X" % c)
            probes.append(CJK_PREFIX + "%05X" % c)
    sample = rng.sample(sorted(names), 3000)
    for name in sample:
        cut = rng.randrange(len(name) + 1)
        probes.append(name[:cut])
        probes.append(name + rng.choice([" ", "-", "A", "S"]))
        probes.append(name.replace(" ", "-", 1))
    for c in rng.sample(range(S_BASE, S_BASE + S_COUNT), 500):
        name = unicodedata.name(chr(c))
        probes.append(name + rng.choice(["G", "A", "I", "H", ""]))
        probes.append(name[:-1])
    return probes


# ---------------------------------------------------------------------------------
# NFKC

def nfkc_data():
    ccc = [0] * MAX_CP
    expansion = {}
    changed = set()  # characters that NFKC changes on their own
    for c in range(MAX_CP):
        ch = chr(c)
        ccc[c] = unicodedata.combining(ch)
        if S_BASE <= c < S_BASE + S_COUNT or 0xD800 <= c < 0xE000:
            continue
        if unicodedata.normalize("NFKC", ch) != ch:
            changed.add(c)
        d = unicodedata.normalize("NFKD", ch)
        if d != ch:
            expansion[c] = [ord(x) for x in d]
    pairs = {}
    for c in range(MAX_CP):
        d = unicodedata.decomposition(chr(c))
        if not d or d.startswith("<"):
            continue
        parts = [int(x, 16) for x in d.split()]
        if len(parts) != 2:
            continue
        if unicodedata.normalize("NFC", chr(parts[0]) + chr(parts[1])) == chr(c):
            pairs[(parts[0], parts[1])] = c
    seconds = {b for (_a, b) in pairs}
    # Inert: NFKC_QC=Yes (unchanged alone, never the second of a composition, Hangul
    # V/T jamo included) and a starter. A string of inert characters is in NFKC
    # (UAX #15 quick check), so nfkc() returns it as it is.
    inert = [ccc[c] == 0 and c not in changed and c not in seconds and not is_hangul_jamo_vt(c)
             for c in range(MAX_CP)]
    return ccc, expansion, pairs, seconds, inert


def check_inert_against_ucd(inert, ccc, path):
    """inert must be exactly NFKC_QC=Yes and ccc=0 of DerivedNormalizationProps.txt."""
    qc_not_yes = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            fields = [x.strip() for x in line.split(";")]
            if len(fields) < 3 or fields[1] != "NFKC_QC":
                continue
            lo, _, hi = fields[0].partition("..")
            qc_not_yes.update(range(int(lo, 16), int(hi or lo, 16) + 1))
    for c in range(MAX_CP):
        if inert[c] != (c not in qc_not_yes and ccc[c] == 0):
            fail("inert disagrees with NFKC_QC at %X" % c)


def is_hangul_jamo_vt(c):
    return V_BASE <= c < V_BASE + V_COUNT or T_BASE < c < T_BASE + T_COUNT


def py_nfkc(s, ccc, expansion, pairs):
    """The algorithm of unicode.cpp, replayed in Python over the generated data."""
    seq = []
    for ch in s:
        c = ord(ch)
        if S_BASE <= c < S_BASE + S_COUNT:
            i = c - S_BASE
            seq.append(L_BASE + i // N_COUNT)
            seq.append(V_BASE + (i % N_COUNT) // T_COUNT)
            if i % T_COUNT:
                seq.append(T_BASE + i % T_COUNT)
        else:
            seq.extend(expansion.get(c, [c]))
    i = 0
    while i < len(seq):  # canonical ordering: stable sort of each run of non-starters
        if ccc[seq[i]] == 0:
            i += 1
            continue
        j = i
        while j < len(seq) and ccc[seq[j]] != 0:
            j += 1
        seq[i:j] = sorted(seq[i:j], key=lambda x: ccc[x])
        i = j
    out = []
    starter = -1
    last_ccc = 0
    for c in seq:
        k = ccc[c]
        if starter >= 0:
            adjacent = starter == len(out) - 1
            s0 = out[starter]
            if adjacent and L_BASE <= s0 < L_BASE + L_COUNT and V_BASE <= c < V_BASE + V_COUNT:
                out[starter] = S_BASE + ((s0 - L_BASE) * V_COUNT + (c - V_BASE)) * T_COUNT
                continue
            if (adjacent and S_BASE <= s0 < S_BASE + S_COUNT and (s0 - S_BASE) % T_COUNT == 0
                    and T_BASE < c < T_BASE + T_COUNT):
                out[starter] = s0 + (c - T_BASE)
                continue
            blocked = not adjacent and (last_ccc == 0 or last_ccc >= k)
            if not blocked and (s0, c) in pairs:
                out[starter] = pairs[(s0, c)]
                continue
        if k == 0:
            starter = len(out)
        last_ccc = k
        out.append(c)
    return "".join(map(chr, out))


def nfkc_tables(ccc, expansion, pairs, inert_of):
    """Two-stage table of record indices; records are (ccc, inert, offset, length)."""
    exp_data = []
    exp_offset = {}
    records = [(0, 1, 0, 0)]
    record_index = {records[0]: 0}
    per_cp = []
    for c in range(MAX_CP):
        exp = expansion.get(c)
        off = length = 0
        if exp is not None:
            key = tuple(exp)
            if key not in exp_offset:
                exp_offset[key] = len(exp_data)
                exp_data.extend(exp)
            off, length = exp_offset[key], len(exp)
        inert = int(inert_of[c])
        rec = (ccc[c], inert, off, length)
        if rec not in record_index:
            record_index[rec] = len(records)
            records.append(rec)
        per_cp.append(record_index[rec])
    if len(records) >= 65536:
        fail("too many NFKC records")
    if not all(records[per_cp[c]][1] for c in range(128)):
        fail("unicode.cpp's nfkc skips ASCII, which must all be inert")
    block = 1 << NFKC_BLOCK_SHIFT
    stage1 = []
    stage2 = []
    block_index = {}
    for b in range(MAX_CP // block):
        chunk = tuple(per_cp[b * block:(b + 1) * block])
        if chunk not in block_index:
            block_index[chunk] = len(stage2) // block
            stage2.extend(chunk)
        stage1.append(block_index[chunk])
    return stage1, stage2, records, exp_data, per_cp


# ---------------------------------------------------------------------------------
# C++ output

def cpp_array(ctype, name, values, per_line=12, fmt=str):
    lines = [f"const {ctype} {name}[{len(values)}] = {{"]
    for i in range(0, len(values), per_line):
        lines.append("  " + ", ".join(fmt(v) for v in values[i:i + per_line]) + ",")
    lines.append("};")
    return "\n".join(lines)


def cpp_ranges(name, ranges):
    return cpp_array("CodeRange", name, ranges, per_line=4,
                     fmt=lambda r: "{0x%X, 0x%X}" % r)


def cpp_bytes_literal(data, width=96):
    """A string literal of raw bytes, printable ASCII kept, the rest as octal escapes."""
    lines = []
    cur = ""
    for b in data:
        if 32 <= b < 127 and b not in (34, 92, 63):
            piece = chr(b)
        else:
            piece = "\\%03o" % b
        cur += piece
        if len(cur) >= width:
            lines.append('"' + cur + '"')
            cur = ""
    if cur:
        lines.append('"' + cur + '"')
    return "\n    ".join(lines)


HEADER = """// GENERATED by tools/gen_unicode.py from CPython {pyver} (Unicode {uver}). Do not edit.
"""


def write(path, text):
    full = os.path.join(ROOT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote {path} ({len(text.encode())} bytes)")


def emit_header(head):
    return head + """// Tables behind python/unicode.h; only unicode.cpp reads them.
#pragma once
#include <cstddef>
#include <cstdint>

namespace aegis::py::unicode::tables {

struct CodeRange {
  char32_t first;
  char32_t last;
};

extern const CodeRange kXidStart[];
extern const std::size_t kXidStartCount;
extern const CodeRange kXidContinue[];
extern const std::size_t kXidContinueCount;
extern const CodeRange kPrintable[];
extern const std::size_t kPrintableCount;
extern const CodeRange kCjkUnifiedIdeographs[];
extern const std::size_t kCjkUnifiedIdeographsCount;

// Names: front-coded, sorted, uppercase. Entry: bytes shared with the previous name
// (0 at a bucket head), suffix length, suffix, code point as 3 big-endian bytes.
extern const char kNameData[];  // bytes, read as unsigned char
extern const std::size_t kNameDataSize;
extern const std::uint32_t kNameBuckets[];  // offset of each bucket head in kNameData
extern const std::size_t kNameBucketCount;

// NFKC: per code point a record, through a two-stage table of blocks.
struct NormRecord {
  std::uint8_t ccc;          // canonical combining class
  std::uint8_t inert;        // NFKC leaves it alone whatever surrounds it
  std::uint8_t length;       // length of the full compatibility decomposition, 0 if none
  std::uint16_t offset;      // into kDecompositions
};
constexpr int kNormBlockShift = %d;
extern const std::uint16_t kNormStage1[];
extern const std::uint16_t kNormStage2[];
extern const NormRecord kNormRecords[];
extern const char32_t kDecompositions[];
// Canonical compositions: keys are (first << 21 | second), sorted; values the composite.
extern const std::uint64_t kCompositionKeys[];
extern const char32_t kCompositionValues[];
extern const std::size_t kCompositionCount;

}  // namespace aegis::py::unicode::tables
""" % NFKC_BLOCK_SHIFT


def emit_tables(head, start, cont, printable, cjk, stage1, stage2, records, exp_data, pairs):
    parts = [head, '#include "python/unicode_tables.h"\n',
             "namespace aegis::py::unicode::tables {\n"]
    for name, ranges in (("kXidStart", start), ("kXidContinue", cont),
                         ("kPrintable", printable), ("kCjkUnifiedIdeographs", cjk)):
        parts.append(cpp_ranges(name, ranges))
        parts.append(f"const std::size_t {name}Count = {len(ranges)};\n")
    parts.append(cpp_array("std::uint16_t", "kNormStage1", stage1, per_line=16))
    parts.append(cpp_array("std::uint16_t", "kNormStage2", stage2, per_line=16))
    parts.append(cpp_array("NormRecord", "kNormRecords", records, per_line=4,
                           fmt=lambda r: "{%d, %d, %d, %d}" % (r[0], r[1], r[3], r[2])))
    if max(r[2] for r in records) >= 65536 or max(r[3] for r in records) >= 256:
        fail("decomposition table too large for its fields")
    parts.append(cpp_array("char32_t", "kDecompositions", exp_data, per_line=10,
                           fmt=lambda v: "0x%X" % v))
    items = sorted(((a << 21) | b, c) for (a, b), c in pairs.items())
    parts.append(cpp_array("std::uint64_t", "kCompositionKeys", [k for k, _ in items],
                           per_line=6, fmt=lambda v: "0x%XULL" % v))
    parts.append(cpp_array("char32_t", "kCompositionValues", [v for _, v in items],
                           per_line=10, fmt=lambda v: "0x%X" % v))
    parts.append(f"const std::size_t kCompositionCount = {len(items)};\n")
    parts.append("}  // namespace aegis::py::unicode::tables\n")
    return "\n".join(parts)


def emit_names(head, blob, heads):
    return "\n".join([
        head, '#include "python/unicode_tables.h"\n',
        "namespace aegis::py::unicode::tables {\n",
        "// The bytes live in one (concatenated) string literal to keep this source compact.",
        "const char kNameData[] =",
        "    " + cpp_bytes_literal(blob) + ";",
        "const std::size_t kNameDataSize = %d;" % len(blob),
        "static_assert(sizeof(kNameData) == %d + 1);\n" % len(blob),
        cpp_array("std::uint32_t", "kNameBuckets", heads, per_line=10),
        "const std::size_t kNameBucketCount = %d;\n" % len(heads),
        "}  // namespace aegis::py::unicode::tables\n"])


# ---------------------------------------------------------------------------------
# Test vectors

def hexes(s):
    return " ".join("%X" % ord(ch) for ch in s)


def nfkc_vectors(expansion, ccc, pairs, inert, rng):
    lines = ["# NFKC vectors from CPython %s (Unicode %s): source code points; NFKC result"
             % (sys.version.split()[0], unicodedata.unidata_version)]
    cases = []
    for c in range(MAX_CP):
        if 0xD800 <= c < 0xE000:
            continue
        ch = chr(c)
        n = unicodedata.normalize("NFKC", ch)
        if n != ch:
            cases.append(ch)
    marks = [c for c in range(MAX_CP) if ccc[c]]
    firsts = sorted({a for a, _ in pairs})
    seconds = sorted({b for _, b in pairs})
    letters = [c for c in range(0x41, 0x5B)] + [c for c in range(0x61, 0x7B)]
    pool_sets = [letters, marks, firsts, seconds, list(expansion), list(range(0x1100, 0x1200)),
                 list(range(S_BASE, S_BASE + S_COUNT)), list(range(0x300, 0x370))]
    for _ in range(4000):
        length = rng.randrange(1, 12)
        s = "".join(chr(rng.choice(rng.choice(pool_sets))) for _ in range(length))
        cases.append(s)
    for _ in range(200):  # long runs of combining marks behind one starter
        s = chr(rng.choice(firsts)) + "".join(chr(rng.choice(marks))
                                               for _ in range(rng.randrange(10, 40)))
        cases.append(s)
    for s in cases:
        want = unicodedata.normalize("NFKC", s)
        if py_nfkc(s, ccc, expansion, pairs) != want:
            fail(f"NFKC replay disagrees on {hexes(s)}")
        if all(inert[ord(ch)] for ch in s) and want != s:
            fail(f"inert characters changed by NFKC: {hexes(s)}")
        lines.append(f"{hexes(s)};{hexes(want)}")
    return "\n".join(lines) + "\n", len(cases)


def name_vectors(names, cjk_ranges, rng):
    lines = ["# \\N{...} vectors from CPython %s: name<TAB>code point in hex, or - if rejected"
             % sys.version.split()[0]]
    chosen = sorted(rng.sample(sorted(names), 4000))
    for name in chosen:
        variant = "".join(ch.lower() if rng.random() < 0.3 else ch for ch in name)
        for n in (name, variant):
            lines.append(f"{n}\t{'%X' % names[name]}")
    for c in rng.sample(range(S_BASE, S_BASE + S_COUNT), 1500):
        lines.append(f"{unicodedata.name(chr(c))}\t{'%X' % c}")
    for lo, hi in cjk_ranges:
        for c in (lo, hi, rng.randrange(lo, hi + 1)):
            lines.append(f"{CJK_PREFIX}{'%04X' % c}\t{'%X' % c}")
    for probe in name_probes(names, cjk_ranges, rng):
        if "\t" in probe or "\n" in probe:
            continue
        got = literal_lookup(probe)
        lines.append(f"{probe}\t{'-' if got is None else '%X' % got}")
    return "\n".join(lines) + "\n"


def property_vectors(rng):
    lines = ["# code point; isidentifier(); ('a'+c).isidentifier(); isprintable() in CPython %s"
             % sys.version.split()[0]]
    points = set(range(0, 0x3000)) | set(rng.sample(range(MAX_CP), 30000))
    for prop in (is_start, is_cont, is_printable):
        prev = prop(0)
        for c in range(1, MAX_CP):
            cur = prop(c)
            if cur != prev:
                points.update((c - 1, c))
            prev = cur
    points.add(MAX_CP - 1)
    for c in sorted(points):
        lines.append("%X;%d;%d;%d" % (c, is_start(c), is_cont(c), is_printable(c)))
    return "\n".join(lines) + "\n"


def interesting_floats(rng):
    vals = [0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 1.5, 2.5, 1e16, 1e15, 9999999999999998.0,
            1e-4, 1e-5, 0.00011, 9.999e-5, 1e22, 1e23, 1e-7, 5e-324, 2.2250738585072014e-308,
            2.225073858507201e-308, 1.7976931348623157e308, float("inf"), float("-inf"),
            float("nan"), 123456789012345678.0, 0.30000000000000004, 1/3, 2/3, 100.0, 1e100,
            1e-100, 123.456, 4.35, 0.1 + 0.2, 1e300 * 10, 2**53, 2**53 + 2, 2**63, 2**64,
            12345678901234567890.0, 3.14159, 1e-323, 9.8813129168249309e-324]
    for e in range(-330, 310):
        vals.append(float("1e%d" % e))
        vals.append(float("9.5e%d" % e))
        vals.append(float("123456789e%d" % e))
    for _ in range(6000):
        vals.append(struct.unpack("<d", rng.getrandbits(64).to_bytes(8, "little"))[0])
    for _ in range(2000):  # subnormals
        vals.append(struct.unpack("<d", rng.getrandbits(52).to_bytes(8, "little"))[0])
    for _ in range(3000):  # short decimals, the common case in source code
        digits = rng.randrange(1, 18)
        vals.append(float("%d.%de%d" % (rng.randrange(10), rng.randrange(10 ** digits),
                                        rng.randrange(-30, 30))))
    for _ in range(1000):
        vals.append(float(rng.randrange(1, 10 ** rng.randrange(1, 25))))
    return vals


def float_vectors(rng):
    lines = ["# repr vectors from CPython %s: IEEE-754 bits in hex; repr(float); "
             "repr(complex(0, x))" % sys.version.split()[0]]
    for v in map(float, interesting_floats(rng)):
        bits = struct.unpack("<Q", struct.pack("<d", v))[0]
        lines.append("%016X;%s;%s" % (bits, repr(float(v)), repr(complex(0.0, v))))
    return "\n".join(lines) + "\n"


def str_vectors(rng):
    lines = ["# repr(str) vectors from CPython %s: code points in hex<TAB>repr (UTF-8)"
             % sys.version.split()[0]]
    cases = [chr(c) for c in range(0x400)]
    cases += [chr(c) for c in range(0xD7F0, 0xE010)]
    cases += [chr(c) for c in rng.sample(range(MAX_CP), 20000)]
    cases += ["", "'", '"', "'\"", "a'b", 'a"b', "a'b\"c", "\\", "\\'", "\t\n\r", "\x00\x7f",
              "it's", 'say "hi"', "\u2028\u2029\x85", "\U0001F600", "\udc80abc", "\ud800\udc00"]
    pools = [range(0x20, 0x7F), range(0, 0x20), range(0x80, 0x100), range(0x100, 0x3000),
             range(0xD800, 0xE000), range(0xE000, 0x10000), range(0x10000, MAX_CP), b"'\"\\"]
    for _ in range(4000):
        s = "".join(chr(rng.choice(rng.choice(pools))) for _ in range(rng.randrange(1, 16)))
        cases.append(s)
    for s in cases:
        r = repr(s)
        if "\n" in r or "\r" in r:
            fail("a repr with a line break")
        lines.append(f"{hexes(s)}\t{r}")
    return "\n".join(lines) + "\n"


def bytes_vectors(rng):
    lines = ["# repr(bytes) vectors from CPython %s: bytes in hex<TAB>repr"
             % sys.version.split()[0]]
    cases = [bytes([b]) for b in range(256)]
    cases += [b"", b"'", b'"', b"'\"", b"it's", b'"q"', b"\\", b"a'b\"c", bytes(range(256))]
    for _ in range(2000):
        cases.append(bytes(rng.randrange(256) if rng.random() < 0.5 else rng.choice(b"'\"\\ab")
                           for _ in range(rng.randrange(1, 20))))
    for b in cases:
        lines.append(f"{b.hex().upper()}\t{repr(b)}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--name-aliases", default="/usr/share/unicode/NameAliases.txt",
                    help="NameAliases.txt of Unicode 15.0.0; DerivedNormalizationProps.txt "
                    "is read from the same directory")
    args = ap.parse_args()
    if sys.version_info[:2] != (3, 12) or unicodedata.unidata_version != "15.0.0":
        fail("run me with CPython 3.12 (Unicode 15.0.0), e.g. PYENV_VERSION=3.12.1 python3")
    head = HEADER.format(pyver=sys.version.split()[0], uver=unicodedata.unidata_version)

    start = ranges_of(is_start)
    cont = ranges_of(is_cont)
    printable = ranges_of(is_printable)
    for ranges, pred in ((start, is_start), (cont, is_cont), (printable, is_printable)):
        for c in range(MAX_CP):
            if in_ranges(ranges, c) != pred(c):
                fail("range table broken at %X" % c)

    names, cjk = collect_names(args.name_aliases)
    blob, heads, count = encode_names(names)
    checked = verify_names(names, blob, heads, cjk)
    print(f"names: {count} ({checked} verified through \\N{{}} literals), "
          f"{len(blob)} bytes, {len(heads)} buckets; CJK ranges {len(cjk)}")

    ccc, expansion, pairs, _seconds, inert = nfkc_data()
    ucd_dir = os.path.dirname(args.name_aliases)
    check_inert_against_ucd(inert, ccc, os.path.join(ucd_dir, "DerivedNormalizationProps.txt"))
    stage1, stage2, records, exp_data, per_cp = nfkc_tables(ccc, expansion, pairs, inert)
    print(f"nfkc: {len(expansion)} decompositions ({len(exp_data)} code points), "
          f"{len(pairs)} compositions, {len(records)} records, {len(stage2)} stage-2 entries")

    write("src/python/unicode_tables.h", emit_header(head))
    write("src/python/unicode_tables.cpp",
          emit_tables(head, start, cont, printable, cjk, stage1, stage2, records, exp_data,
                      pairs))
    write("src/python/unicode_tables_names.cpp", emit_names(head, blob, heads))

    rng = random.Random(3120)
    text, n = nfkc_vectors(expansion, ccc, pairs, inert, rng)
    write("tests/data/unicode/nfkc_vectors.txt", text)
    print(f"nfkc vectors: {n}")
    write("tests/data/unicode/name_vectors.txt", name_vectors(names, cjk, rng))
    write("tests/data/unicode/property_vectors.txt", property_vectors(rng))
    write("tests/data/unicode/repr_float_vectors.txt", float_vectors(rng))
    write("tests/data/unicode/repr_str_vectors.txt", str_vectors(rng))
    write("tests/data/unicode/repr_bytes_vectors.txt", bytes_vectors(rng))


if __name__ == "__main__":
    main()
