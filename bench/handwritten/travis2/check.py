# Independent checker: re-reads each fail.log as bytes, splits on \r\n, \n or lone \r
# (the empty piece after a final terminator is not a line), and prints every labelled range.
import os, re, sys, json
root = '/tmp/travis2'
ANSI = re.compile(r'\x1b\[[0-9;]*[A-Za-z]')
def lines_of(b):
    t = b.decode('utf-8')
    out, cur, i = [], [], 0
    n = len(t)
    start = 0
    while i < n:
        c = t[i]
        if c == '\r':
            out.append(t[start:i])
            i += 2 if i + 1 < n and t[i+1] == '\n' else 1
            start = i
        elif c == '\n':
            out.append(t[start:i]); i += 1; start = i
        else:
            i += 1
    if start < n:
        out.append(t[start:])
    return out
cases = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
only = sys.argv[1:]
bad = 0
for c in cases:
    if only and c not in only: continue
    d = os.path.join(root, c)
    L = lines_of(open(os.path.join(d, 'fail.log'), 'rb').read())
    gt = open(os.path.join(d, 'groundtruth')).read().split('\n')
    assert gt[0] == 'OUR-LABEL', c
    meta = json.load(open(os.path.join(d, 'meta.json')))
    print(f'=== {c}  ({len(L)} lines)  {meta}')
    nE = 0
    for g in gt[1:]:
        if not g: continue
        t, r = g.split()
        a, b = map(int, r.split('-'))
        if not (1 <= a <= b <= len(L)):
            print('  BAD RANGE', g); bad += 1; continue
        nE += t == 'E'
        for k in range(a, b + 1):
            print(f'  {t} {k:6d}| {ANSI.sub("", L[k-1])[:150]}')
    if nE == 0:
        print('  NO E RANGE'); bad += 1
print('problems:', bad)
