#!/usr/bin/env python3
"""Conformance harness: other projects' Arabic number test suites, run through arqam.

Reads ../shared/conformance/ (Duckling and Recognizers-Text cases, see its README), feeds
every input to `arqam extract --numbers --lines`, turns what the number layer read into
each suite's expected shape, scores it with the suite's own rules (../shared/conformance
/score.py) and prints the pass rate per file.

Rates count the cases upstream verified (`upstream_checked == "value"`), minus the
vectors listed in known_wrong.tsv (each with the reason we judge it wrong); the table also
shows the rate over all cases. Exit status 1 when a rate is below its target.

    python3 tests/conformance/harness.py [--shared ../shared] [--bin PATH] [-v]
"""
import argparse
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# file stem -> (target on verified cases, how to turn readings into a prediction)
TARGETS = {
    "duckling-ar-numeral": (0.98, "whole_number"),
    "duckling-ar-eg-numeral": (0.90, "whole_number"),
    "duckling-ar-ordinal": (0.95, "whole_ordinal"),
    "recognizers-ar-number": (0.95, "numbers"),
    "recognizers-ar-number-range": (0.90, "ranges"),
    "recognizers-ar-percent": (0.90, "percents"),
}


def load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def suites_dir(shared):
    """../shared/conformance when it is beside the clone, else the vendored copy in
    tests/conformance/suites (same files, with their NOTICE), so a user's clone runs too."""
    beside = shared / "conformance"
    return beside if (beside / "score.py").exists() else Path(__file__).with_name("suites")


def load_scorer(suites):
    spec = importlib.util.spec_from_file_location("conformance_score", suites / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def arqam_command(binary):
    if binary:
        return [binary]
    env_bin = os.environ.get("ARQAM_BIN")
    if env_bin:
        return [env_bin]
    return ["cargo", "run", "-q", "-p", "arqam-cli", "--bin", "arqam", "--"]


def read_numbers(cmd, inputs):
    """Every reading of the number layer, grouped by input line (1-based)."""
    proc = subprocess.run(cmd + ["extract", "--numbers", "--lines"], input="\n".join(inputs) + "\n",
                          capture_output=True, text=True, cwd=ROOT, check=True)
    by_line = {i + 1: [] for i in range(len(inputs))}
    for line in proc.stdout.splitlines():
        r = json.loads(line)
        by_line[r["line"]].append(r)
    return by_line


def as_number(v):
    return int(v) if isinstance(v, float) and v.is_integer() else v


def predict(mode, readings):
    if mode in ("whole_number", "whole_ordinal"):
        want = "ordinal" if mode == "whole_ordinal" else None
        for r in readings:
            whole = r["start"] == 0 and r["end"] == r["text_len"]
            kind_ok = r["kind"] == want if want else r["kind"] in ("number", "fraction")
            if whole and kind_ok and r["qualifier"] == "exact" and r["value_low"] is not None:
                return as_number(r["value_low"])
        return None
    if mode == "numbers":
        out = []
        for r in readings:
            if r["kind"] in ("number", "fraction", "percent") and r["qualifier"] != "vague":
                for v in (r["value_low"], r["value_high"]) if r["qualifier"] == "range" else (r["value_low"] if r["value_low"] is not None else r["value_high"],):
                    out.append(as_number(v))
        return out
    if mode == "ranges":
        out = []
        for r in readings:
            if r["kind"] == "percent" or r["kind"] == "ordinal":
                continue
            if r["qualifier"] in ("range", "at_least", "at_most") or r["equal"]:
                low, high = r["value_low"], r["value_high"]
                out.append({
                    "low": as_number(low) if low is not None else None,
                    "high": as_number(high) if high is not None else None,
                    "low_inclusive": r["low_inclusive"] if low is not None else None,
                    "high_inclusive": r["high_inclusive"] if high is not None else None,
                })
        return out
    if mode == "percents":
        return [as_number(r["value_low"]) for r in readings if r["kind"] == "percent"]
    raise ValueError(mode)


def known_wrong(path):
    wrong = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                case_id, reason = line.split("\t", 1)
                wrong[case_id] = reason
    return wrong


def run(shared, binary=None, verbose=False):
    suites = suites_dir(shared)
    print(f"conformance suites: {suites}")
    scorer = load_scorer(suites)
    wrong = known_wrong(Path(__file__).with_name("known_wrong.tsv"))
    cmd = arqam_command(binary)
    results = []
    for stem, (target, mode) in TARGETS.items():
        cases = load_jsonl(suites / f"{stem}.jsonl")
        readings = read_numbers(cmd, [c["input"] for c in cases])
        passed_all = passed = counted = 0
        for i, case in enumerate(cases):
            got = predict(mode, readings[i + 1])
            ok = scorer.same(case["expected"], got)
            passed_all += ok
            if case.get("upstream_checked") == "value" and case["id"] not in wrong:
                counted += 1
                passed += ok
                if verbose and not ok:
                    print(f"  FAIL {case['id']}: {case['input']!r} expected {case['expected']!r} got {got!r}")
        results.append((stem, passed, counted, passed_all, len(cases), target))
    return results


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--bin", default=None)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    results = run(Path(args.shared), args.bin, args.verbose)
    print(f"{'file':32} {'verified':>14} {'rate':>7} {'target':>7} {'all cases':>14}")
    below = 0
    for stem, p, n, pa, na, target in results:
        rate = p / n if n else 1.0
        flag = "" if rate >= target else "  BELOW TARGET"
        below += rate < target
        print(f"{stem:32} {p:>6}/{n:<7} {rate:7.1%} {target:7.0%} {pa:>6}/{na:<7}{flag}")
    total_p = sum(r[1] for r in results)
    total_n = sum(r[2] for r in results)
    print(f"conformance: {total_p} of {total_n} verified cases read as upstream expects; {below} file(s) below target")
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
