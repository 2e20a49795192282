#!/usr/bin/env python3
"""Checks a markdown report with a real CommonMark/GFM parser (cmark-gfm):
every table has the same number of cells in every row, every fenced code
block is closed, and there is no raw HTML anywhere.  Prints the headings
("## What happened"), one a line, for the caller to compare; problems go
to stderr as FILE:LINE: message, and the exit status is 1 when there are
any, 77 (skip) when cmark-gfm is missing.

    mdcheck.py FILE
"""
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

NS = '{http://commonmark.org/xml/1.0}'


def cells(line):
    """The cells of a table row in the source: split at '|' that no
    backslash escapes (GFM splits rows before it reads code spans)."""
    s = line.strip()
    parts, cur, i = [], '', 0
    while i < len(s):
        if s[i] == '\\' and i + 1 < len(s):
            cur += s[i:i + 2]
            i += 2
            continue
        if s[i] == '|':
            parts.append(cur)
            cur = ''
        else:
            cur += s[i]
        i += 1
    parts.append(cur)
    if s.startswith('|'):
        parts = parts[1:]
    if s.endswith('|') and not s.endswith('\\|'):
        parts = parts[:-1]
    return len(parts)


def lines_of(node):
    a, b = node.get('sourcepos').split('-')
    return int(a.split(':')[0]), int(b.split(':')[0])


def text_of(node):
    return ''.join(n.text or '' for n in node.iter()
                   if n.tag in (NS + 'text', NS + 'code'))


def main():
    path = sys.argv[1]
    if not shutil.which('cmark-gfm'):
        print('cmark-gfm is not installed', file=sys.stderr)
        return 77
    src = open(path, encoding='utf-8').read().split('\n')
    xml = subprocess.run(['cmark-gfm', '-e', 'table', '-e', 'strikethrough', '-e', 'autolink',
                          '--sourcepos', '-t', 'xml', path],
                         check=True, capture_output=True).stdout
    doc = ET.fromstring(xml)
    bad = []
    for n in doc.iter():
        tag = n.tag[len(NS):]
        if tag in ('html_block', 'html_inline'):
            bad.append((lines_of(n)[0], 'raw HTML: %s' % (n.text or '').strip()[:40]))
        elif tag == 'heading':
            print('#' * int(n.get('level')) + ' ' + text_of(n))
        elif tag == 'table':
            first, last = lines_of(n)
            want = cells(src[first - 1])
            for ln in range(first, last + 1):
                got = cells(src[ln - 1])
                if got != want:
                    bad.append((ln, 'a table row of %d cells under a header of %d' % (got, want)))
        elif tag == 'code_block':
            first, last = lines_of(n)
            m = re.match(r' {0,3}(`{3,}|~{3,})', src[first - 1])
            if not m:
                continue	# indented: nothing to close
            fence = m.group(1)
            close = src[last - 1].strip()
            if last == first or not (set(close) == {fence[0]} and len(close) >= len(fence)):
                bad.append((first, 'a code block that is never closed'))
    for ln, msg in bad:
        print('%s:%d: %s' % (path, ln, msg), file=sys.stderr)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
