#!/usr/bin/env python3
"""score_country.py -- events at country level (source country, target country, CAMEO root),
scored on the PLOVER gold records.

Each of the 322 records names a PLOVER event type (mapped to CAMEO roots as the dictionaries issue
does: AGREE 03, SUPPORT 05, ..., ASSAULT 18/20, FIGHT 19/20), source codes and target codes. An
event of the coder's default output is right when its root is one of the record's, the first three
letters of its source are one of the record's sources, and, where the record names a target, the
first three letters of its target one of those. Precision counts at most one right event per record
(every further event is false: a pessimistic count, since a sentence may hold several real
events); recall is the share of records with a right event.

usage: python3 tools/score_country.py CODER GSR [--dump FILE]
  e.g. python3 tools/score_country.py build/dyad ../shared/gold/plover/PLOVER_GSR_CAMEO.txt
"""
import json
import subprocess
import sys
import tempfile

ROOTS = {
    "AGREE": {"03"}, "SUPPORT": {"05"}, "CONSULT": {"04"}, "COOPERATE": {"06"}, "AID": {"07"},
    "CONCEDE": {"08"}, "RETREAT": {"08"}, "INVESTIGATE": {"09"}, "DEMAND": {"02", "10"},
    "DISAPPROVE": {"11"}, "REJECT": {"12"}, "THREATEN": {"13"}, "PROTEST": {"14"},
    "MOBILIZE": {"15"}, "SANCTION": {"16"}, "COERCE": {"17"}, "ASSAULT": {"18", "20"},
    "FIGHT": {"19", "20"},
}


def countries(field):
    if not field:
        return set()
    if isinstance(field, str):
        return {field[:3].upper()}
    return {str(a.get("code", ""))[:3].upper() for a in field if isinstance(a, dict)}


def main(argv):
    if len(argv) < 3:
        print(__doc__)
        return 2
    coder, gsr = argv[1], argv[2]
    dump = open(argv[argv.index("--dump") + 1], "w") if "--dump" in argv else None
    recs = [r for r in json.load(open(gsr, encoding="utf-8")) if r.get("event") in ROOTS]
    docs = "".join(json.dumps({"id": r["id"], "date": r.get("date") or "2000-01-01",
                               "text": r["text"].strip("{} ")}) + "\n" for r in recs)
    with tempfile.TemporaryFile("w+") as f:
        f.write(docs)
        f.seek(0)
        out = subprocess.run([coder, "code"], stdin=f, capture_output=True, text=True,
                             errors="replace").stdout
    events = {}
    for line in out.splitlines():
        e = json.loads(line)
        events.setdefault(e["id"], []).append(e)
    right = total = 0
    for r in recs:
        evs = events.get(r["id"], [])
        total += len(evs)
        srcs, tgts, roots = countries(r.get("source")), countries(r.get("target")), ROOTS[r["event"]]
        ok = any(e["source"][:3] in srcs and e["code"][:2] in roots and
                 (not tgts or e.get("target", "")[:3] in tgts) for e in evs)
        right += ok
        if dump:
            dump.write("%s %s %s src=%s tgt=%s\n  %s\n" % ("OK " if ok else "BAD", r["id"], r["event"],
                                                         sorted(srcs), sorted(tgts), r["text"].strip()))
            for e in evs:
                dump.write("    %s %s->%s %s\n" % (e["code"], e["source"], e.get("target", ""), e.get("modality")))
    p = right / total if total else 0
    rc = right / len(recs)
    f1 = 2 * p * rc / (p + rc) if p + rc else 0
    print("records %d, events %d, right %d: precision %.3f, recall %.3f, F1 %.3f"
          % (len(recs), total, right, p, rc, f1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
