#!/usr/bin/env python3
"""check-sources.py — static checks the compiler cannot make.

For every db_exec/db_query/db_scalar call with a literal SQL string:
  * the number of '?' placeholders equals the number of format letters
    ('s', 'i', 'b'), and the number of arguments after the format matches
    (a 'b' takes two: pointer and length);
  * 'i' arguments are cast to (long long) or are plain integer literals,
    's' arguments are not cast to (long long).
It also refuses mysql_query( outside src/db.c and a non-literal SQL argument,
and a printf-style format string that writes a JSON object ('{"' inside the
format of sbuf_printf, arena_printf, xasprintf, snprintf, ...): JSON is
written with the jw_* writer of src/json.h, which escapes every string.
Prints one line per problem and "ok - check-sources (N calls)" or
"not ok - check-sources: N problems"."""
import re
import sys
from pathlib import Path

root = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
problems = []
calls = 0
CALL = re.compile(r'\b(db_exec|db_query|db_scalar)\s*\(')


def split_args(text, start):
    """Split the argument list that starts after '(' at index start."""
    depth, i, args, cur, in_str, esc = 0, start, [], [], False, False
    while i < len(text):
        ch = text[i]
        if in_str:
            cur.append(ch)
            if esc:
                esc = False
            elif ch == '\\':
                esc = True
            elif ch == '"':
                in_str = False
        elif ch == '"':
            in_str = True
            cur.append(ch)
        elif ch in '([{':
            depth += 1
            cur.append(ch)
        elif ch in ')]}':
            if depth == 0:
                args.append(''.join(cur).strip())
                return args, i
            depth -= 1
            cur.append(ch)
        elif ch == ',' and depth == 0:
            args.append(''.join(cur).strip())
            cur = []
        else:
            cur.append(ch)
        i += 1
    return args, i


def literal(expr):
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"', expr)
    rest = re.sub(r'"((?:[^"\\]|\\.)*)"', '', expr).strip()
    return ''.join(parts), rest


STRMACRO = re.compile(r'^#define\s+([A-Z_][A-Z0-9_]*)\s+((?:"(?:[^"\\\n]|\\.)*"[ \t]*(?:\\\n[ \t]*)?)+)$', re.M)


def expand_string_macros(text):
    """Writes string-literal macros (#define TAKEABLE "...") into the calls
    that use them, on one line, so the placeholders inside them count."""
    macros = {m.group(1): re.sub(r'\\\n', ' ', m.group(2)).strip() for m in STRMACRO.finditer(text)}
    if not macros:
        return text
    out = []
    for ln in text.split("\n"):
        if not ln.startswith("#define"):
            for name, val in macros.items():
                ln = re.sub(r'\b%s\b' % name, lambda _m: val, ln)
        out.append(ln)
    return "\n".join(out)


# printf-family functions and the index of their format argument
PRINTF = {"sbuf_printf": 1, "arena_printf": 1, "arena_vprintf": 1, "xasprintf": 0, "snprintf": 2, "sprintf": 1,
          "printf": 0, "fprintf": 1, "dprintf": 1, "asprintf": 1, "vsnprintf": 2}
PRINTF_CALL = re.compile(r'\b(%s)\s*\(' % "|".join(PRINTF))
JSON_OBJECT = re.compile(r'\{\s*"')
json_formats = 0


def check_json_formats(path, text):
    """A format string holding '{"' builds JSON by hand: refuse it."""
    global json_formats
    for m in PRINTF_CALL.finditer(text):
        if text[:m.start()].rstrip().endswith(("void", "char *", "int")):
            continue  # a declaration
        args, _ = split_args(text, m.end())
        i = PRINTF[m.group(1)]
        if len(args) <= i:
            continue
        fmt, _ = literal(args[i])
        json_formats += 1
        if JSON_OBJECT.search(fmt.replace('\\"', '"')):
            line = text.count("\n", 0, m.start()) + 1
            problems.append("%s:%d: %s builds a JSON object with a format string; use the jw_* writer (json.h)"
                            % (path.name, line, m.group(1)))


# Handlers (page_*.c: pages and their API calls) translate; domain functions
# write (docs/architecture.md §3).  No exceptions.
WRITE_CALL = re.compile(r'\b(db_begin|db_commit|db_txn|db_rollback)\s*\(')
WRITE_SQL = re.compile(r'^\s*(INSERT|UPDATE|DELETE|REPLACE)\b', re.I)


def check_handler_writes(path, text):
    """A handler file may read, but never write or open a transaction."""
    if not (path.name.startswith("page_") or path.name.startswith("api_")):
        return
    found = []
    for m in WRITE_CALL.finditer(text):
        found.append("%s:%d: %s in a handler" % (path.name, text.count("\n", 0, m.start()) + 1, m.group(1)))
    for m in CALL.finditer(text):
        args, _ = split_args(text, m.end())
        sql_i = 0 if m.group(1) == "db_exec" else 1
        if len(args) > sql_i:
            sql, _ = literal(args[sql_i])
            if m.group(1) == "db_exec" or WRITE_SQL.match(sql):
                found.append("%s:%d: %s writes in a handler" % (path.name, text.count("\n", 0, m.start()) + 1, m.group(1)))
    if found:
        problems.extend(f + "; move the write into a domain function (docs/architecture.md)" for f in found)


for path in sorted((root / "src").glob("*.c")):
    text = expand_string_macros(path.read_text(encoding="utf-8"))
    check_handler_writes(path, text)
    if path.name != "db.c" and "mysql_query(" in text:
        problems.append("%s: mysql_query outside db.c" % path)
    check_json_formats(path, text)
    for m in CALL.finditer(text):
        fn = m.group(1)
        line = text.count("\n", 0, m.start()) + 1
        if text[:m.start()].rstrip().endswith(("int", "long long", "*")) or re.match(r'\s*\(\s*(struct|const)', text[m.end():]):
            continue  # the definition/declaration
        args, _ = split_args(text, m.end())
        if fn == "db_exec":
            sql_i, fmt_i = 0, 1
        else:
            sql_i, fmt_i = 1, 2
        if len(args) <= fmt_i:
            continue
        calls += 1
        sql, rest = literal(args[sql_i])
        if not sql or (rest and not re.fullmatch(r'[A-Z_ ]*', rest)):
            if not re.fullmatch(r'[A-Z_]+', args[sql_i].split('"')[0].strip() or "X"):
                problems.append("%s:%d: %s with non-literal SQL" % (path.name, line, fn))
            continue
        # macros like LOC_COLS inside the SQL are literal text defined elsewhere; count only '?'
        q = sql.count("?")
        fmt = args[fmt_i]
        if fmt == "NULL":
            letters = ""
        else:
            letters, frest = literal(fmt)
            if frest and frest != "":
                continue
        if q != len(letters):
            problems.append("%s:%d: %d placeholders but format \"%s\"" % (path.name, line, q, letters))
            continue
        vals = args[fmt_i + 1:]
        need = sum(2 if c == 'b' else 1 for c in letters)
        if len(vals) != need:
            problems.append("%s:%d: format \"%s\" needs %d arguments, got %d" % (path.name, line, letters, need, len(vals)))
            continue
        k = 0
        for c in letters:
            v = vals[k]
            if c == 'i' and not (v.startswith("(long long)") or re.fullmatch(r'-?\d+(LL)?', v) or re.search(r'\b(db_int|strtoll)\s*\(', v)
                                 or re.fullmatch(r'(after|id|txn|uid|expect|n|\w*_ll)', v)):
                problems.append("%s:%d: 'i' argument %d (%s) is not (long long)" % (path.name, line, k + 1, v[:40]))
            if c == 's' and v.startswith("(long long)"):
                problems.append("%s:%d: 's' argument %d is an integer" % (path.name, line, k + 1))
            k += 2 if c == 'b' else 1

for p in problems:
    print("    " + p)
if problems:
    print("not ok - check-sources: %d problems in %d SQL calls and %d format strings" % (len(problems), calls, json_formats))
    sys.exit(1)
print("ok - check-sources (%d SQL calls, %d format strings checked)" % (calls, json_formats))
