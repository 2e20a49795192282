#!/usr/bin/env python3
"""Regenerates the KEYS section of man/scribe.1 from include/scribe/keys.h
(the one key table).  A maintainer's tool: run it after changing the
table; tests/unit/test_keys checks that the page and the table agree."""
import os
import re

top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
h = open(os.path.join(top, 'include/scribe/keys.h')).read()
reqs = re.findall(r'X\((REQ_\w+), ([A-Z_| ]+), "([^"]*)", "([^"]*)"\)', h)
slash = re.findall(r'X\("(\w+)", "([^"]*)", "([^"]*)"\)', h)


def esc(t):
    return t.replace('\\', '\\\\').replace('-', '\\-')


def cap(t):
    return t[0].upper() + t[1:]


groups = [('Anywhere', lambda c: c == 'CTX_ANY'),
          ('Lists (timeline, factors, actions, picker)', lambda c: c == 'CTX_LIST'),
          ('Timeline', lambda c: c == 'CTX_TIMELINE'),
          ('Factors, actions and summary', lambda c: 'CTX_BOARD' in c),
          ('Incident picker', lambda c: c == 'CTX_PICKER')]
out = []
for title, want in groups:
    out.append('.PP\n.B %s' % title)
    for r in reqs:
        if want(r[1].strip()):
            out.append('.TP\n.B %s\n%s.' % (esc(r[2]), esc(cap(r[3]))))
out.append('.PP\n.B Commands typed as a timeline entry\n(they act on the selected event)')
for n, a, d in slash:
    out.append('.TP\n.B /%s%s\n%s.' % (n, (' ' + esc(a)) if a else '', esc(cap(d))))
path = os.path.join(top, 'man/scribe.1')
m = open(path).read()
start = m.index('.SS KEYS\n')
end = m.index('.PP\n.B Signals')
open(path, 'w').write(m[:start] + '.SS KEYS\n' + '\n'.join(out) + '\n' + m[end:])
