#!/usr/bin/env python3
"""`just bench`: arqam end to end against the I/O floor (`cat`) and a single fast pass
over the text (ripgrep counting lines with digits), on the same generated corpus, in the
same run. Prints one table: MB/s, documents/s, peak RSS, CPU use, ratio to ripgrep.

Each command runs as a child process; its wall time is measured here and its CPU time
and peak RSS come from wait4(2), so no timing happens inside the programs measured.
Exit status 1 when a target of issue 8 is missed (the table says which).
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time


def corpus_stats(path):
    n, size = 0, 0
    for root, _, files in os.walk(path):
        for f in files:
            n += 1
            size += os.path.getsize(os.path.join(root, f))
    return n, size


def run(cmd, stdout=subprocess.DEVNULL):
    """Runs `cmd`, returns (wall seconds, user+sys seconds, peak RSS in MB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"bench: {' '.join(cmd)} exited with {code}\n{err}")
    # ru_maxrss is in kilobytes on Linux; for a shell pipeline it is its largest process.
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def ensure_corpus(arqam, folder, size_mb, seed):
    # Beside the folder, not in it: arqam rejects hidden files and would report it.
    marker = folder.rstrip("/") + ".complete"
    if os.path.exists(marker):
        return
    shutil.rmtree(folder, ignore_errors=True)
    print(f"bench: generating a {size_mb} MB corpus in {folder} (once; cached)", file=sys.stderr)
    subprocess.run([arqam, "--quiet", "corpus", "--seeds", "seeds", "--out", folder, "--size-mb", str(size_mb), "--seed", str(seed)], check=True)
    open(marker, "w").close()


def best_of(n, cmd):
    """The fastest of n runs (the others warm the page cache), with its CPU and the largest RSS."""
    runs = [run(cmd) for _ in range(n)]
    wall, cpu, _ = min(runs)
    return wall, cpu, max(r[2] for r in runs)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--arqam", required=True, help="the release binary")
    ap.add_argument("--rg", default="rg")
    ap.add_argument("--cache", required=True, help="where generated corpora are kept")
    ap.add_argument("--size-mb", type=int, default=200)
    ap.add_argument("--small-mb", type=int, default=50)
    ap.add_argument("--runs", type=int, default=2, help="runs per command; the fastest counts")
    args = ap.parse_args()

    big = os.path.join(args.cache, f"corpus-{args.size_mb}mb")
    small = os.path.join(args.cache, f"corpus-{args.small_mb}mb")
    ensure_corpus(args.arqam, big, args.size_mb, 1)
    ensure_corpus(args.arqam, small, args.small_mb, 1)
    n_docs, n_bytes = corpus_stats(big)
    n_small, small_bytes = corpus_stats(small)

    out = tempfile.mkdtemp(prefix="arqam-bench-")
    try:
        rows = []
        cat = ["sh", "-c", f"find '{big}' -type f -name '*.txt' -exec cat {{}} + > /dev/null"]
        rows.append(("cat (I/O floor)", args.size_mb, n_docs, n_bytes, *best_of(args.runs, cat)))
        rg = [args.rg, "-c", "[0-9٠-٩]", big]
        rows.append(("ripgrep digit scan", args.size_mb, n_docs, n_bytes, *best_of(args.runs, rg)))
        for label, folder, mb, docs, size in (("arqam build-dataset", big, args.size_mb, n_docs, n_bytes), ("arqam build-dataset", small, args.small_mb, n_small, small_bytes)):
            cmd = [args.arqam, "--quiet", "build-dataset", "--seeds", folder, "--out", os.path.join(out, f"out-{mb}")]
            rows.append((label, mb, docs, size, *best_of(args.runs, cmd)))
    finally:
        shutil.rmtree(out, ignore_errors=True)

    rg_mbps = rows[1][3] / 1e6 / rows[1][4]
    print(f"\ncorpus: {n_docs} documents, {n_bytes / 1e6:.1f} MB (and {n_small} documents, {small_bytes / 1e6:.1f} MB); {os.cpu_count()} cores; best of {args.runs} runs\n")
    print("| command | corpus | MB/s | docs/s | wall s | CPU s (user+sys) | CPU / wall | peak RSS MB | vs ripgrep |")
    print("|---|---|---|---|---|---|---|---|---|")
    for label, mb, docs, size, wall, cpu, rss in rows:
        mbps = size / 1e6 / wall
        print(f"| {label} | {mb} MB | {mbps:.1f} | {docs / wall:.0f} | {wall:.2f} | {cpu:.2f} | {cpu / wall:.2f} | {rss:.0f} | 1/{rg_mbps / mbps:.1f} |")

    arqam_big, arqam_small = rows[2], rows[3]
    ratio = (arqam_big[3] / arqam_big[4]) / (rows[1][3] / rows[1][4])
    growth = arqam_big[6] / arqam_small[6] - 1
    checks = [
        (f"throughput ≥ 1/4 of ripgrep (is 1/{1 / ratio:.1f})", ratio >= 0.25),
        (f"peak RSS < 300 MB at {args.size_mb} MB (is {arqam_big[6]:.0f} MB)", arqam_big[6] < 300),
        (f"peak RSS within 20 % between {args.small_mb} and {args.size_mb} MB (is {growth * 100:+.0f} %)", abs(growth) <= 0.20),
        (f"CPU / wall ≥ 1.6 (is {arqam_big[5] / arqam_big[4]:.2f})", arqam_big[5] / arqam_big[4] >= 1.6 or (os.cpu_count() or 1) < 2),
    ]
    print()
    for text, ok in checks:
        print(f"- [{'x' if ok else ' '}] {text}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
