"""Downstream checks: open output/ the way a notebook user does, with pyarrow and polars.

These tests read the committed output/ (kept current by the Rust test
`committed_output_is_current`), so they check what a user actually downloads.
"""
import csv
import json
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

OUT = Path(__file__).resolve().parents[2] / "output"
TABLES = ["documents", "sentences", "figures", "dates", "sources", "actors", "disputes"]

# SPEC.md's columns, written here independently of the Rust schema.
SPEC_COLUMNS = {
    "documents": ["doc_id", "path", "sha256", "format", "encoding", "title", "author", "publisher", "published",
                  "url", "language", "text", "n_chars", "n_sentences", "n_figures", "n_repaired_lines", "warnings"],
    "sentences": ["doc_id", "sentence_id", "paragraph", "start", "end", "text"],
    "figures": ["figure_id", "doc_id", "sentence_id", "start", "end", "surface", "value_low", "value_high", "qualifier",
                "unit", "unit_en", "measure", "actor", "claimant", "claimant_name", "attribution_cue", "footnotes",
                "confidence", "as_of", "as_of_source"],
    "dates": ["doc_id", "sentence_id", "start", "end", "surface", "date", "precision"],
    "sources": ["doc_id", "footnote", "text", "authors", "title", "publisher", "date", "url", "n_citing_figures"],
    "actors": ["actor_id", "name_ar", "name_en", "type", "aliases"],
    "disputes": ["measure", "actor", "claimants", "n_figures", "low", "high", "spread", "figure_ids"],
}


@pytest.mark.parametrize("table", TABLES)
def test_both_formats_have_the_spec_columns(table):
    pq_cols = pq.read_schema(OUT / f"{table}.parquet").names
    with open(OUT / f"{table}.csv", encoding="utf-8", newline="") as f:
        csv_cols = next(csv.reader(f))
    assert pq_cols == csv_cols
    missing = [c for c in SPEC_COLUMNS[table] if c not in pq_cols]
    assert not missing, f"{table} lacks {missing}"


def is_list(t):
    return pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_list_view(t) or pa.types.is_large_list_view(t)


def is_string(t):
    return pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t)


def test_parquet_types_are_what_a_notebook_expects():
    fig = pq.read_schema(OUT / "figures.parquet")
    assert fig.field("value_low").type == pa.float64()
    assert fig.field("value_high").type == pa.float64()
    assert fig.field("confidence").type == pa.float64()
    assert is_string(fig.field("as_of").type) and is_string(fig.field("as_of_source").type)
    assert is_list(fig.field("footnotes").type)
    assert pa.types.is_integer(fig.field("footnotes").type.value_type)
    assert pa.types.is_integer(fig.field("start").type)
    docs = pq.read_schema(OUT / "documents.parquet")
    assert docs.field("published").type == pa.date32()
    assert is_list(docs.field("warnings").type)
    assert is_string(docs.field("warnings").type.value_type)
    assert is_string(fig.field("surface").type)
    # What a pandas user gets: plain Python values.
    row = pq.read_table(OUT / "figures.parquet").slice(0, 1).to_pylist()[0]
    assert isinstance(row["surface"], str) and isinstance(row["footnotes"], list)


def test_polars_reads_every_table_with_rows_where_expected():
    for table in TABLES:
        df = pl.read_parquet(OUT / f"{table}.parquet")
        assert df.columns[: len(SPEC_COLUMNS[table])] == SPEC_COLUMNS[table][: len(df.columns)] or set(SPEC_COLUMNS[table]) <= set(df.columns)
    figures = pl.read_parquet(OUT / "figures.parquet")
    assert figures.height > 0
    assert figures.schema["value_low"] == pl.Float64
    assert figures.schema["footnotes"] == pl.List(pl.Int64)
    docs = pl.read_parquet(OUT / "documents.parquet")
    assert docs.schema["published"] == pl.Date
    assert set(figures["qualifier"].unique()) <= {"exact", "approximate", "at_least", "at_most", "range", "vague"}


def test_offsets_hold_in_python_code_points():
    docs = {r["doc_id"]: r["text"] for r in pl.read_parquet(OUT / "documents.parquet").iter_rows(named=True)}
    for table, col in (("figures", "surface"), ("dates", "surface"), ("sentences", "text")):
        for r in pl.read_parquet(OUT / f"{table}.parquet").iter_rows(named=True):
            assert docs[r["doc_id"]][r["start"]:r["end"]] == r[col], (table, r)


def test_csv_and_parquet_agree():
    for table in TABLES:
        df = pl.read_parquet(OUT / f"{table}.parquet")
        with open(OUT / f"{table}.csv", encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        assert len(rows) == df.height, table


def test_datapackage_lists_every_table_in_both_formats():
    dp = json.loads((OUT / "datapackage.json").read_text(encoding="utf-8"))
    paths = {r["path"] for r in dp["resources"]}
    for table in TABLES:
        assert f"{table}.csv" in paths and f"{table}.parquet" in paths
    figures = next(r for r in dp["resources"] if r["name"] == "figures")
    qualifier = next(f for f in figures["schema"]["fields"] if f["name"] == "qualifier")
    assert "vague" in qualifier["constraints"]["enum"]
    assert figures["schema"]["primaryKey"] == ["figure_id"]
