#!/usr/bin/env python3
"""bench/run.py -- dyad's benchmark harness (make bench). Not a test: it never fails for slowness.

For each case it runs `dyad code` several times and reports the median (with min and max) of
wall time, CPU time, peak RSS, sentences/s, MB/s and events/s, plus the dictionary load time
and, under callgrind, instructions per sentence (stable on a noisy machine). The corpus
cases run in rounds (each case once per round, each round starting one case later and every
other one in reverse), and the
issue's ratios (built-in against TABARI, coding against `wc -w`, -j 2 against -j 1) are
taken within each round, so a slow spell of a shared machine weighs on both sides of a
ratio; the pooled ratio divides the total times. The load is
timed twice: compiling the set (--no-cache) and reading it from the compiled-set cache, which
the coding cases use (as every run after a set's first does). Cases:
  builtin, tabari (production dictionaries), phoenix (PETRARCH-2 set)      -- on the corpus
  scaling: 10x the corpus; dictionary size at 10/50/100% (TABARI set)
  threads: -j 1 and -j 2
  baseline: read + tokenize only (a dictionary with no entries), and `wc -w`
The corpus is built by ../shared/corpus/make_corpus.py (real sentences, replicated
deterministically). Results: a table on stdout and bench/results.json.
"""
import argparse, json, math, os, platform, resource, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared")


def run_once(cmd):
    """Run cmd with its output going to /dev/null, return (wall s, cpu s). The output is
    still made and written in full; only the disk is left out (a temporary file cost the
    10x corpus's 220 MB of events 2 s of system time, a pipe read by this script would
    compete for the CPU). count_lines counts it in a run of its own."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def count_lines(cmd):
    """The lines (events) cmd writes, from one untimed run."""
    with tempfile.TemporaryFile() as out:
        subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.DEVNULL)
        out.seek(0)
        return sum(chunk.count(b"\n") for chunk in iter(lambda: out.read(1 << 20), b""))


def peak_rss(cmd):
    """Peak RSS of one run, via /usr/bin/time (getrusage's max is over all children)."""
    if not shutil.which("time") and not os.path.exists("/usr/bin/time"):
        return None
    out = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True)
    try:
        return int(out.stderr.strip().splitlines()[-1]) / 1024.0
    except (ValueError, IndexError):
        return None


def stats(xs):
    return {"median": statistics.median(xs), "min": min(xs), "max": max(xs)}


def summarize(name, cmd, samples, sentences, nbytes):
    """One table row from the (wall, cpu) samples of a case."""
    walls = [x[0] for x in samples]
    cpus = [x[1] for x in samples]
    events = count_lines(cmd)
    return {"case": name, "cmd": " ".join(cmd), "sentences": sentences, "bytes": nbytes, "events": events,
            "wall_s": stats(walls), "cpu_s": stats(cpus), "peak_rss_mb": peak_rss(cmd),
            "sentences_per_s": stats([sentences / x for x in walls]),
            "mb_per_s": stats([nbytes / 1e6 / x for x in walls]),
            "events_per_s": stats([events / x for x in walls])}


def measure(name, cmd, sentences, nbytes, runs):
    return summarize(name, cmd, [run_once(cmd) for _ in range(runs)], sentences, nbytes)


def measure_rounds(cases, sentences, nbytes, runs):
    """cases: [(name, cmd)] on the corpus, or (name, cmd, sentences, bytes) on another input.
    Each round runs every case once, so a slow spell of a shared machine falls on all of them
    alike; returns the rows and each case's walls by round."""
    cases = [(c + (sentences, nbytes))[:4] for c in cases]
    samples = {c[0]: [] for c in cases}
    for r in range(runs):
        # each round starts one case later, and every other round runs in reverse: no case
        # always follows the same one, and of any two cases each runs first as often
        k = r % len(cases)
        order = cases[k:] + cases[:k]
        for name, cmd, _, _ in (order[::-1] if r % 2 else order):
            samples[name].append(run_once(cmd))
    rows = [summarize(name, cmd, samples[name], n, b) for name, cmd, n, b in cases]
    return rows, {name: [x[0] for x in xs] for name, xs in samples.items()}


# Student's t, two-sided 95%, by degrees of freedom (1-30; beyond, the normal 1.96)
T95 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
       2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
       2.052, 2.048, 2.045, 2.042]


def paired(walls, slow, fast):
    """Per round, how many times longer case `slow` took than case `fast`; pooled, the total
    time of one over the total time of the other; and the geometric mean of the rounds'
    ratios with its 95% confidence interval (t on the logarithms), which says whether a
    ratio near 1 is told apart from 1 by this many rounds on this machine."""
    xs = [s / f for s, f in zip(walls[slow], walls[fast])]
    r = stats(xs)
    r["pooled"] = sum(walls[slow]) / sum(walls[fast])
    logs = [math.log(x) for x in xs]
    mean = sum(logs) / len(logs)
    r["geomean"] = math.exp(mean)
    if len(logs) > 1:
        sd = math.sqrt(sum((v - mean) ** 2 for v in logs) / (len(logs) - 1))
        half = (T95[len(logs) - 2] if len(logs) - 1 <= len(T95) else 1.96) * sd / math.sqrt(len(logs))
        r["ci95"] = [math.exp(mean - half), math.exp(mean + half)]
    return r


def load_time(dyad, spec, runs, cached):
    """Wall time of `dyad dict-check SPEC`: compiling the set (--no-cache), or reading
    the compiled set from the cache (warmed first)."""
    cmd = [dyad, "dict-check"] + ([] if cached else ["--no-cache"]) + ([spec] if spec else [])
    if cached:
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    xs = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        xs.append(time.perf_counter() - t0)
    return stats(xs)


def instructions_per_sentence(dyad, spec, sample, n):
    """callgrind: (instructions coding the sample - instructions loading only) / n."""
    if not shutil.which("valgrind"):
        return None

    def ir(args):
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "cg")
            r = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out] + args,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            for line in r.stderr.splitlines():
                if "Collected" in line:
                    return int(line.split(":")[-1].strip())
        return None

    dict_args = ["--dict", spec] if spec else []
    full = ir([dyad, "code"] + dict_args + [sample])
    load = ir([dyad, "dict-check"] + ([spec] if spec else []))
    if full is None or load is None:
        return None
    return (full - load) / n


def subset_dict(src_project, frac, workdir):
    """A copy of the TABARI production set with the first `frac` of each actors/verbs file."""
    out = os.path.join(workdir, "dict%03d" % int(frac * 100))
    os.makedirs(out, exist_ok=True)
    base = os.path.dirname(src_project)
    for name in os.listdir(base):
        path = os.path.join(base, name)
        if not name.endswith((".actors", ".agents", ".verbs", ".options")):
            continue
        lines = open(path, encoding="latin-1").read().split("\n")
        keep = lines if name.endswith((".options", ".agents")) else lines[: max(1, int(len(lines) * frac))]
        # do not cut a verb block or a multi-line actor in the middle: stop at a root/entry line
        with open(os.path.join(out, name), "w", encoding="latin-1") as f:
            f.write("\n".join(keep) + "\n")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dyad", default=os.path.join(ROOT, "build", "dyad"))
    ap.add_argument("-n", type=int, default=200000, help="corpus sentences (default 200000)")
    ap.add_argument("--runs", type=int, default=3, help="runs per case (median reported)")
    ap.add_argument("--quick", action="store_true", help="fewer cases (no scaling, no callgrind)")
    ap.add_argument("--out", default=os.path.join(ROOT, "bench", "results.json"))
    a = ap.parse_args()
    if not os.path.isdir(SHARED):
        print("skip: ../shared not found (the benchmark corpus is built from it)")
        return 0
    work = tempfile.mkdtemp(prefix="dyad-bench-")
    # compiled dictionary sets cached in the bench's own folder: the coding cases run as
    # every run after a set's first does; the load rows give both figures
    os.environ["DYAD_CACHE_DIR"] = os.path.join(work, "cache")
    corpus = os.path.join(work, "corpus.jsonl")
    make = os.path.join(SHARED, "corpus", "make_corpus.py")
    subprocess.run([sys.executable, make, "-n", str(a.n), "--jsonl", corpus], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    nbytes = os.path.getsize(corpus)
    tabari = os.path.join(SHARED, "peers", "tabari", "production", "CAMEO.production.project")
    phoenix = os.path.join(SHARED, "peers", "petrarch2")
    empty = os.path.join(work, "empty.actors")
    open(empty, "w").write("# no entries: read and tokenize only\n")
    cases = [("builtin", None), ("tabari", tabari), ("phoenix", phoenix)]
    code = lambda spec, *more: [a.dyad, "code"] + list(more) + (["--dict", spec] if spec else []) + [corpus]
    rows, walls = measure_rounds(
        [(name, code(spec)) for name, spec in cases] +
        [("baseline-tokenize", code(empty)), ("baseline-wc-w", ["wc", "-w", corpus]),
         ("tabari -j 1", code(tabari, "-j", "1")), ("tabari -j 2", code(tabari, "-j", "2"))],
        a.n, nbytes, a.runs)
    for row, (name, spec) in zip(rows, cases):
        row["load_s"] = load_time(a.dyad, spec, a.runs, False)
        row["load_cached_s"] = load_time(a.dyad, spec, a.runs, True)
    ratios = {"builtin_speed_vs_tabari": paired(walls, "tabari", "builtin"),
              "tabari_time_vs_wc": paired(walls, "tabari", "baseline-wc-w"),
              "j2_speedup": paired(walls, "tabari -j 1", "tabari -j 2")}
    extra = {}
    if not a.quick:
        big = os.path.join(work, "corpus10x.jsonl")
        subprocess.run([sys.executable, make, "-n", str(a.n * 10), "--jsonl", big], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # 10x the corpus in rounds with the corpus itself (3 rounds: each is 20 s or so), so
        # that "10x the corpus costs 10x the time" is read within a round
        big_rows, big_walls = measure_rounds(
            [("tabari 10x corpus", [a.dyad, "code", "--dict", tabari, big], a.n * 10, os.path.getsize(big)),
             ("tabari 1x", code(tabari))],
            a.n, nbytes, min(a.runs, 3))
        rows.append(big_rows[0])
        ratios["scaling_10x"] = paired(big_walls, "tabari 10x corpus", "tabari 1x")
        os.remove(big)
        for frac in (0.1, 0.5, 1.0):
            d = subset_dict(tabari, frac, work)
            row = measure("tabari dict %d%%" % int(frac * 100), [a.dyad, "code", "--dict", d, corpus], a.n, nbytes, a.runs)
            row["load_s"] = load_time(a.dyad, d, a.runs, False)
            row["load_cached_s"] = load_time(a.dyad, d, a.runs, True)
            rows.append(row)
        sample = os.path.join(work, "sample.jsonl")
        with open(corpus) as fin, open(sample, "w") as fout:
            for i, line in enumerate(fin):
                if i >= 2000:
                    break
                fout.write(line)
        for name, spec in cases:
            extra["instructions_per_sentence_" + name] = instructions_per_sentence(a.dyad, spec, sample, 2000)
    machine = {"platform": platform.platform(), "cpus": os.cpu_count(),
               "cpu": next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")}
    print("machine: %s, %d CPUs, %s" % (machine["cpu"], machine["cpus"], machine["platform"]))
    print("corpus: %d sentences, %.1f MB (median of %d runs; min-max)" % (a.n, nbytes / 1e6, a.runs))
    print("%-20s %12s %20s %8s %9s %9s %8s %8s" % ("case", "sent/s", "(min-max)", "MB/s", "events/s", "wall s", "cpu s", "RSS MB"))
    for r in rows:
        s = r["sentences_per_s"]
        print("%-20s %12.0f %9.0f-%-10.0f %8.1f %9.0f %9.2f %8.2f %8s" % (
            r["case"], s["median"], s["min"], s["max"], r["mb_per_s"]["median"], r["events_per_s"]["median"],
            r["wall_s"]["median"], r["cpu_s"]["median"], "%.1f" % r["peak_rss_mb"] if r["peak_rss_mb"] else "?"))
    for r in rows:
        if "load_s" in r:
            c = r["load_cached_s"]
            print("load %-15s compile %.1f ms (min %.1f, max %.1f); from the cache %.1f ms (min %.1f, max %.1f)" % (
                r["case"], r["load_s"]["median"] * 1e3, r["load_s"]["min"] * 1e3, r["load_s"]["max"] * 1e3,
                c["median"] * 1e3, c["min"] * 1e3, c["max"] * 1e3))
    for k, v in extra.items():
        if v:
            print("%s: %.0f" % (k, v))
    print("paired in each round (median, min-max of %d rounds; pooled: total over total):" % a.runs)
    for k, what in (("builtin_speed_vs_tabari", "built-in set's speed / TABARI set's (bar: >= 1)"),
                    ("tabari_time_vs_wc", "TABARI set's time / `wc -w`'s (bar: <= 7)"),
                    ("j2_speedup", "-j 2 speed / -j 1 speed (bar: >= 1.8)"),
                    ("scaling_10x", "10x corpus time / 1x corpus time (about 10)")):
        if k not in ratios:
            continue
        r = ratios[k]
        ci = " [95%% CI %.3f-%.3f]" % tuple(r["ci95"]) if "ci95" in r else ""
        print("  %-50s %.2f (%.2f-%.2f), pooled %.3f, geometric mean %.3f%s" %
              (what, r["median"], r["min"], r["max"], r["pooled"], r["geomean"], ci))
    # each case's wall times by round (round r ran its cases in reverse when r is odd), for
    # reading the ratios again another way
    json.dump({"machine": machine, "rows": rows, "extra": extra, "paired": ratios, "walls_by_round": walls},
              open(a.out, "w"), indent=1)
    print("written:", os.path.relpath(a.out, ROOT))
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
