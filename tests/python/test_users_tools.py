"""The dataset as its users meet it: Frictionless validation, the Parquet files in
polars, pandas and duckdb with the right types, the HXL file, the card and the notebook."""
import csv
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pytest

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "output"


def test_frictionless_validate_reports_valid():
    exe = Path(sys.executable).with_name("frictionless")
    proc = subprocess.run([str(exe), "validate", "--json", str(OUT / "datapackage.json")], capture_output=True, text=True)
    import json
    report = json.loads(proc.stdout)
    invalid = [t["name"] for t in report.get("tasks", []) if not t["valid"]]
    assert report["valid"], f"invalid resources: {invalid}"


def test_pandas_reads_the_right_types():
    fig = pd.read_parquet(OUT / "figures.parquet")
    assert str(fig["value_low"].dtype) == "float64"
    assert fig["denial"].dtype == bool
    assert all(isinstance(list(v), list) for v in fig["footnotes"])
    docs = pd.read_parquet(OUT / "documents.parquet")
    published = [d for d in docs["published"] if d is not None and not pd.isna(d)]
    assert published and all(hasattr(d, "year") for d in published)


def test_duckdb_reads_the_right_types():
    con = duckdb.connect()
    types = dict(con.execute(f"DESCRIBE SELECT * FROM read_parquet('{OUT / 'figures.parquet'}')").fetchall() and
                 [(r[0], r[1]) for r in con.execute(f"DESCRIBE SELECT * FROM read_parquet('{OUT / 'figures.parquet'}')").fetchall()])
    assert types["value_low"] == "DOUBLE"
    assert types["footnotes"] == "BIGINT[]"
    assert types["surface"] == "VARCHAR"
    docs = dict((r[0], r[1]) for r in con.execute(f"DESCRIBE SELECT * FROM read_parquet('{OUT / 'documents.parquet'}')").fetchall())
    assert docs["published"] == "DATE"
    assert docs["warnings"] == "VARCHAR[]"
    n = con.execute(f"SELECT count(*) FROM read_parquet('{OUT / 'figures.parquet'}') WHERE measure = 'attackers'").fetchone()[0]
    assert n >= 1


def test_polars_disputes_hold_the_seed_disagreements():
    d = pl.read_parquet(OUT / "disputes.parquet")
    rows = {(r["measure"], r["actor"]): r for r in d.iter_rows(named=True)}
    assert ("attackers", "isis") in rows and {"sdf", "isis"} <= set(rows[("attackers", "isis")]["claimants"])
    assert ("detainees", "isis") in rows
    assert all(r["do_not_sum"] for r in rows.values())


def test_hxl_file_has_a_hashtag_row():
    with open(OUT / "figures.hxl.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header, tags = rows[0], rows[1]
    assert len(header) == len(tags) and all(t.startswith("#") for t in tags)
    assert tags[header.index("value_low")] == "#affected+num+min"
    with open(OUT / "figures.csv", encoding="utf-8", newline="") as f:
        assert len(list(csv.reader(f))) == len(rows) - 1


def test_card_shows_the_chart_counts_and_citation():
    card = (OUT / "README.md").read_text(encoding="utf-8")
    assert "![" in card and "disputes.svg" in card
    assert "## Figures by measure and claimant" in card and "attackers" in card
    assert "CC BY 4.0" in card and "CITATION.cff" in card
    svg = (OUT / "disputes.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "sdf" in svg and "isis" in svg


def test_the_notebook_runs_headless():
    nbformat = pytest.importorskip("nbformat")
    from nbclient import NotebookClient
    nb = nbformat.read(ROOT / "notebooks" / "explore.ipynb", as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
