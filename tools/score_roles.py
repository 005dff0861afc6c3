#!/usr/bin/env python3
"""score_roles.py -- who did what to whom, scored on ConfliBERT's CAMEO sets.

The class file gives each sentence's QuadClass (0-4, the Phoenix quad classes), the NER file its
source (B-S/I-S) and target (B-T/I-T) words; the two are matched by their letters and digits (all
451 test sentences match; 935 of the 1,349 train sentences do). An event of the coder's default output is
right when its QuadClass is the label, its source_span overlaps a gold source and its target_span a
gold target (where the gold names one). Precision counts at most one right event per sentence, so
every further event is counted as false; recall is the share of sentences with a right event.

usage: python3 tools/score_roles.py CODER CLASS_TSV NER_TXT [--dump FILE]
  e.g. G=../shared/gold/conflibert; python3 tools/score_roles.py build/dyad \\
           $G/cameo_class_test.tsv $G/cameo_ner_test.txt
  --dump FILE  writes every sentence, its gold and the coder's events (OK / BAD)
"""
import json
import re
import subprocess
import sys
import tempfile


def quad(code):
    try:
        r = int(str(code)[:2])
    except ValueError:
        return None
    if r == 16:
        return 3
    return 0 if r <= 2 else 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4


def key(s):
    return re.sub(rb"[^a-z0-9]", b"", s.lower())


def ner_sentences(path):
    sents, cur = [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip():
            if cur:
                sents.append(cur)
            cur = []
            continue
        tok, _, tag = line.rpartition(" ")
        cur.append((tok, tag))
    if cur:
        sents.append(cur)
    return sents


def spans(text, toks):
    """Byte spans of the gold source and target phrases in text (UTF-8 bytes)."""
    b = text.encode()
    alnum = [k for k in range(len(b)) if chr(b[k]).isalnum() and b[k] < 128]
    low = bytes(b[k] for k in alnum).lower()
    pos = 0
    out = {"S": [], "T": [], "R": []}
    cur = None
    for tok, tag in toks:
        kk = key(tok.encode())
        if kk:
            at = low.find(kk, pos)
            if at < 0 or at - pos > 40:
                at = -1
            if at >= 0:
                s, e = alnum[at], alnum[at + len(kk) - 1] + 1
                pos = at + len(kk)
            else:
                s = e = None
        else:
            s = e = None
        role = tag[2:] if tag != "O" else None
        if tag.startswith("B-"):
            cur = [role, s, e]
            out[role].append(cur)
        elif tag.startswith("I-") and cur and cur[0] == role:
            if s is not None:
                if cur[1] is None:
                    cur[1] = s
                cur[2] = e
        else:
            cur = None
    return {r: [(x[1], x[2]) for x in v if x[1] is not None] for r, v in out.items()}


def overlaps(sp, gold):
    return sp and any(sp[0] < g[1] and g[0] < sp[1] for g in gold)


def main(argv):
    if len(argv) < 4:
        print(__doc__)
        return 2
    coder, tsv, ner = argv[1], argv[2], argv[3]
    dump = argv[argv.index("--dump") + 1] if "--dump" in argv else None
    rows = []
    for line in open(tsv, encoding="utf-8"):
        line = line.rstrip("\r\n")
        if line.strip():
            t, lab = line.rsplit("\t", 1)
            rows.append((t, int(lab)))
    byk = {}
    for toks in ner_sentences(ner):
        byk.setdefault(key(" ".join(t for t, _ in toks).encode()), toks)
    items = []
    for i, (t, lab) in enumerate(rows):
        toks = byk.get(key(t.encode()))
        if toks is None:
            continue
        items.append(("r%04d" % i, t, lab, spans(t, toks)))
    docs = "".join(json.dumps({"id": i, "date": "2020-01-01", "text": t}) + "\n" for i, t, _, _ in items)
    with tempfile.TemporaryFile("w+") as f:
        f.write(docs)
        f.seek(0)
        out = subprocess.run([coder, "code"], stdin=f, capture_output=True, text=True, errors="replace").stdout
    ev = {}
    for line in out.splitlines():
        e = json.loads(line)
        ev.setdefault(e["id"], []).append(e)
    nev = sum(len(v) for v in ev.values())
    tp = tp_src = tp_quad = 0
    d = open(dump, "w") if dump else None
    for i, t, lab, g in items:
        es = ev.get(i, [])
        ok = ok_src = ok_q = False
        for e in es:
            q = quad(e["code"]) == lab
            s = not g["S"] or overlaps(e.get("source_span"), g["S"])
            tg = not g["T"] or overlaps(e.get("target_span"), g["T"])
            ok |= q and s and tg
            ok_src |= q and s
            ok_q |= q
        tp += ok; tp_src += ok_src; tp_quad += ok_q
        if d:
            b = t.encode()
            gs = " | ".join(b[x:y].decode(errors="replace") for x, y in g["S"])
            gt = " | ".join(b[x:y].decode(errors="replace") for x, y in g["T"])
            d.write("%s %s label=%d S=[%s] T=[%s]\n  %s\n" % ("OK " if ok else "BAD", i, lab, gs, gt, t))
            for e in es:
                ss = e.get("source_span"); ts = e.get("target_span")
                d.write("    %s %s->%s  src=[%s] tgt=[%s] %s\n" % (e["code"], e["source"], e["target"],
                        b[ss[0]:ss[1]].decode(errors="replace") if ss else "",
                        b[ts[0]:ts[1]].decode(errors="replace") if ts else "", e.get("modality")))
    n = len(items)
    p = tp / nev if nev else 0
    r = tp / n
    f = 2 * p * r / (p + r) if p + r else 0
    print("sentences %d (of %d), events %d (%.2f/sentence); full match: P %.3f R %.3f F1 %.3f; "
          "quad+source R %.3f; quad R %.3f" % (n, len(rows), nev, nev / n, p, r, f, tp_src / n, tp_quad / n))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
