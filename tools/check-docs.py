#!/usr/bin/env python3
"""check-docs.py — the reference docs name everything the code offers.

  * every key of the config table (src/config.c) has a row in
    docs/configuration.md;
  * every /api/v1 route of src/routes.c has a heading in docs/api.md
    (`METHOD /path`, placeholders in capitals: NO, ID, CODE, USER ...);
  * every gramsewactl command (src/ctl.h) is named in docs/operations.md.
Prints what is missing and "ok - check-docs (...)" or "not ok - check-docs"."""
import re
import sys
from pathlib import Path

root = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
problems = []


def read(p):
    return (root / p).read_text(encoding="utf-8")


# config keys: S(name, ...), L(name, ...), B(name, ...) and secret variants
config = re.findall(r'^\s*[A-Z]+\((\w+),', read("src/config.c"), re.M)
conf_doc = read("docs/configuration.md")
for k in config:
    if not re.search(r'^\|\s*`%s`' % re.escape(k), conf_doc, re.M):
        problems.append("docs/configuration.md has no row for config key %s" % k)


def shape(method, path):
    """METHOD plus the path with every placeholder segment as '*'."""
    segs = []
    for s in path.strip("/").split("/"):
        if s.startswith((":", "@")) or re.fullmatch(r"[A-Z][A-Z_]*", s):
            segs.append("*")
        else:
            segs.append(s)
    return method + " /" + "/".join(segs)


routes = re.findall(r'\{\s*"([A-Z]+)",\s*"/api/v1(/[^"]*)"', read("src/routes.c"))
headings = [ln for ln in read("docs/api.md").splitlines() if ln.startswith("#")]
documented = {shape(m, p) for h in headings for m, p in re.findall(r'`([A-Z]+) (/[^`?\s]*)', h)}
for m, p in routes:
    if shape(m, p) not in documented:
        problems.append("docs/api.md has no heading for %s /api/v1%s" % (m, p))

ops = read("docs/operations.md")
commands = re.findall(r'\{\s*"([a-z][a-z0-9-]*)",\s*(?:ctl|cmd)_', read("src/ctl.h") + read("src/gramsewactl.c"))
for c in commands:
    if not re.search(r'`%s\b' % re.escape(c), ops):
        problems.append("docs/operations.md does not name the command %s" % c)

for p in problems:
    print("    " + p)
if problems:
    print("not ok - check-docs: %d problems" % len(problems))
    sys.exit(1)
print("ok - check-docs (%d config keys, %d API routes, %d commands documented)" % (len(config), len(routes), len(commands)))
