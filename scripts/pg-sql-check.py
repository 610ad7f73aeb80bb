#!/usr/bin/env python3
"""Which statements of the modules PostgreSQL cannot prepare (issue 14: one SQL text for both).

    scripts/pg-sql-check.py URL      URL: a migrated database, e.g. from `stagematch init --database`

Every SQL string of src/*/*.c (after the preprocessor, so statements built from macros are whole)
is rewritten as src/store/db_pg.c does (`?`, `?N` -> `$N`) and given to PREPARE through psql. Prints
each one that fails with PostgreSQL's first error line; exits 1 when there is one. A statement
that prepares can still behave differently (LIKE's case, integer division): this is the floor.
"""
import glob
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LITERAL = r'"(?:[^"\\\n]|\\.)*"'
STRING_RUN = re.compile(r'(?:%s)(?:\s*(?:#[^\n]*\n\s*)*%s)*' % (LITERAL, LITERAL))
MARKER = re.compile(r'^# (\d+) "([^"]+)"', re.M)
SQL_START = re.compile(r'\s*(SELECT|INSERT|UPDATE|DELETE|WITH|REPLACE)\b')


def c_string(literal):
    try:
        return bytes(literal[1:-1], 'utf8').decode('unicode_escape').encode('latin1').decode('utf8')
    except UnicodeError:
        return ''  # \u escapes: text for people, not SQL


def placeholders(sql):
    """The same rewriting as pg_rewrite_placeholders in src/store/db_pg.c."""
    out, highest, quote, i = [], 0, None, 0
    while i < len(sql):
        c = sql[i]
        if quote:
            out.append(c)
            quote = None if c == quote else quote
            i += 1
        elif c in '\'"':
            quote = c
            out.append(c)
            i += 1
        elif sql.startswith('--', i):
            end = sql.find('\n', i)
            end = len(sql) if end < 0 else end
            out.append(sql[i:end])
            i = end
        elif c == '?':
            i += 1
            digits = re.match(r'\d+', sql[i:])
            number = int(digits.group()) if digits else highest + 1
            i += len(digits.group()) if digits else 0
            highest = max(highest, number)
            out.append('$%d' % number)
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def statements(path):
    """(line in path, SQL) of each SQL string in the preprocessed file."""
    includes = ['-I' + d for d in [ROOT + '/src'] + sorted(glob.glob(ROOT + '/src/*/')) + [ROOT + '/build', ROOT]]
    text = subprocess.run(['cc', '-E'] + includes + [path],
                          capture_output=True, text=True, check=True).stdout
    seen = set()
    markers = [(m.start(), int(m.group(1)), m.group(2)) for m in MARKER.finditer(text)]
    for run in STRING_RUN.finditer(text):
        sql = ''.join(c_string(l) for l in re.findall(LITERAL, run.group(0)))
        if not SQL_START.match(sql) or re.search(r'%[sdl]', sql):
            continue
        before = [m for m in markers if m[0] < run.start()]
        if not before or not before[-1][2].endswith(os.path.basename(path)):
            continue  # a header's text, checked where it is defined
        start, line, _ = before[-1]
        line += text.count('\n', start, run.start()) - 1
        if (line, sql) not in seen:
            seen.add((line, sql))
            yield line, sql


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    failures = checked = 0
    for path in sorted(glob.glob(ROOT + '/src/*/*.c')):
        if path.endswith(('/db.c', '/db_pg.c')):
            continue
        for line, sql in statements(path):
            checked += 1
            psql = subprocess.run(['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', sys.argv[1], '-c',
                                   'PREPARE checked AS ' + placeholders(sql)], capture_output=True, text=True)
            if psql.returncode:
                failures += 1
                print('%s:%d: %s\n    %s' % (os.path.relpath(path, ROOT), line, psql.stderr.strip().split('\n')[0],
                                                 ' '.join(sql.split())[:300]))
    print('%d statements, %d that PostgreSQL cannot prepare' % (checked, failures))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
