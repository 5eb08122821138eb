#!/usr/bin/env python3
"""The quality gate: arqam's scores on the seeds and on the development set, against floors.

    python3 tests/quality/gate.py --bin ARQAM [--shared ../shared] [--report] [--bless] [-v]

Builds the seeds and the development set (`../shared/dev/docs`) with the given arqam binary
into temporary folders, scores them with `../shared/score.py`, and compares every metric
with its floor in `tests/quality/floors.json`. Exit 1 when a metric is below its floor.

--report  print the scores only (what `just score` shows), never fail on floors
--bless   raise the floors to the current scores (never lowers one)
-v        pass -v to the scorer (misses, extras, wrong attributes)

Where `../shared` (the scorer, the seeds' gold, the development set) is not beside the
clone, as in a user's clone, the gate says so and exits 0: the rest of `just test` runs.
Standard library only.
"""
import argparse
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
FLOORS = HERE / "floors.json"
METRICS = ("precision", "recall", "f1", "qualifier_acc", "unit_acc", "measure_acc", "actor_acc", "claimant_acc",
           "dates_precision", "dates_recall", "dates_f1")


def build(bin_path, seeds, out, verbose):
    cmd = [bin_path, "build-dataset", "-q", "--force", "--seeds", str(seeds), "--out", str(out)]
    r = subprocess.run(cmd, capture_output=True, text=True)
    # 2 = some files rejected (listed on stderr): still scored.
    if r.returncode not in (0, 2):
        sys.exit(f"quality: arqam failed on {seeds} (exit {r.returncode}):\n{r.stderr}")
    if verbose and r.stderr:
        print(r.stderr, file=sys.stderr)


def score(shared, out, gold, dates_gold, verbose):
    cmd = [sys.executable, str(shared / "score.py"), str(out / "figures.csv"), str(gold)]
    if dates_gold and dates_gold.exists():
        cmd += ["--dates", str(out / "dates.csv"), str(dates_gold)]
    if verbose:
        subprocess.run(cmd + ["-v"], check=True)
    r = subprocess.run(cmd + ["--json"], capture_output=True, text=True, check=True)
    return json.loads(r.stdout.strip().splitlines()[0])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--report", action="store_true")
    ap.add_argument("--bless", action="store_true")
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args()
    shared = pathlib.Path(args.shared)
    if not (shared / "score.py").exists() or not (shared / "dev" / "docs").is_dir():
        print(f"quality gate: SKIPPED: {shared}/score.py and {shared}/dev/ (the development set) are not beside "
              "this clone, so the dev-set scores cannot be measured here; every other test still runs.")
        return 0
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    sets = {
        "seeds": (ROOT / "seeds", shared / "gold" / "seeds.jsonl", shared / "gold" / "seeds-dates.jsonl"),
        "dev": (shared / "dev" / "docs", shared / "dev" / "gold.jsonl", shared / "dev" / "dates.jsonl"),
    }
    failed = []
    with tempfile.TemporaryDirectory(prefix="arqam-quality-") as tmp:
        tmp = pathlib.Path(tmp)
        for name, (docs, gold, dates_gold) in sets.items():
            # A private copy of the documents (the dev folder is read-only and holds the
            # manifest next to the texts).
            src = tmp / f"{name}-docs"
            src.mkdir()
            for f in sorted(docs.iterdir()):
                if f.is_file():
                    # Contents only: ../shared is read-only in CI and its modes must not follow.
                    shutil.copyfile(f, src / f.name)
            out = tmp / f"{name}-out"
            build(args.bin, src, out, args.v)
            if args.v:
                print(f"== {name} ==")
            result = score(shared, out, gold, dates_gold, args.v)
            line = "  ".join(f"{m} {result[m]:.3f}" for m in METRICS if m in result)
            print(f"{name:5}: {line}")
            for m in METRICS:
                if m not in result:
                    continue
                floor = floors.get(name, {}).get(m)
                if args.bless:
                    new = int(result[m] * 1000) / 1000
                    if floor is None or new > floor:
                        floors.setdefault(name, {})[m] = new
                elif floor is not None and result[m] + 1e-9 < floor:
                    failed.append(f"{name} {m}: {result[m]:.3f} < floor {floor:.3f}")
    if args.bless:
        FLOORS.write_text(json.dumps(floors, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"quality: floors raised where the scores rose ({FLOORS.relative_to(ROOT)})")
        return 0
    if args.report:
        return 0
    if failed:
        print("quality gate FAILED:\n  " + "\n  ".join(failed))
        return 1
    print("quality gate: every score at or above its floor")
    return 0


if __name__ == "__main__":
    sys.exit(main())
