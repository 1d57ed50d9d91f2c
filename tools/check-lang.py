#!/usr/bin/env python3
"""check-lang.py — templates/lang/en.hdf and hi.hdf must hold the same keys.

A key only in English shows English on a Hindi page (tmpl_str falls back);
a key only in Hindi is dead.  Also refuses a key set twice in one file and
an empty value.  Prints the differences and "ok - check-lang (N keys)" or
"not ok - check-lang: N problems"."""
import re
import sys
from pathlib import Path

root = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
problems = []


def keys(path):
    """Full dotted key -> value of every `name = value` line, nesting by
    `name {` ... `}` blocks."""
    out, stack = {}, []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line == "}":
            if not stack:
                problems.append("%s:%d: '}' without a block" % (path.name, n))
            else:
                stack.pop()
            continue
        m = re.fullmatch(r"([A-Za-z0-9_]+)\s*\{", line)
        if m:
            stack.append(m.group(1))
            continue
        m = re.fullmatch(r"([A-Za-z0-9_.]+)\s*=\s*(.*)", line)
        if not m:
            problems.append("%s:%d: not a key line: %s" % (path.name, n, line[:60]))
            continue
        key = ".".join(stack + [m.group(1)])
        if key in out:
            problems.append("%s:%d: %s set twice" % (path.name, n, key))
        if not m.group(2).strip():
            problems.append("%s:%d: %s is empty" % (path.name, n, key))
        out[key] = m.group(2)
    if stack:
        problems.append("%s: block %s not closed" % (path.name, ".".join(stack)))
    return out


lang = root / "templates" / "lang"
en, hi = keys(lang / "en.hdf"), keys(lang / "hi.hdf")
for k in sorted(set(en) - set(hi)):
    problems.append("hi.hdf lacks %s (en: %s)" % (k, en[k][:50]))
for k in sorted(set(hi) - set(en)):
    problems.append("en.hdf lacks %s (hi: %s)" % (k, hi[k][:50]))
for p in problems:
    print("    " + p)
if problems:
    print("not ok - check-lang: %d problems" % len(problems))
    sys.exit(1)
print("ok - check-lang (%d keys in both languages)" % len(en))
