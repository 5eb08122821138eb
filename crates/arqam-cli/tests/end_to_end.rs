//! End-to-end: run the real `arqam` binary on the seeds in a temporary folder and check
//! the contract of SPEC.md on what it writes.

use std::path::{Path, PathBuf};
use std::process::Command;

use polars::prelude::*;

/// The package folder at run time. Cargo may reuse a test binary built in another clone
/// that shares the target directory; the path compiled into it may no longer exist.
fn manifest_dir() -> String {
    std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_string())
}

fn repo() -> PathBuf {
    Path::new(&manifest_dir()).join("../..").canonicalize().unwrap()
}

fn build_into(out: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_arqam"))
        .current_dir(repo())
        .args(["--quiet", "build-dataset", "--seeds", "seeds", "--out"])
        .arg(out)
        .status()
        .unwrap();
    assert!(status.success());
}

fn temp_out(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("arqam-e2e-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir.join("output")
}

fn files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

const TABLES: &[&str] = &["documents", "sentences", "figures", "dates", "sources", "actors", "disputes"];

#[test]
fn committed_output_is_current_and_runs_are_byte_identical() {
    let a = temp_out("a");
    let b = temp_out("b");
    build_into(&a);
    build_into(&b);
    let committed = repo().join("output");
    assert_eq!(files(&a), files(&b));
    for name in files(&a) {
        let bytes = std::fs::read(a.join(&name)).unwrap();
        assert_eq!(bytes, std::fs::read(b.join(&name)).unwrap(), "{name} differs between two runs");
        let old = std::fs::read(committed.join(&name)).unwrap_or_default();
        assert!(old == bytes, "output/{name} is stale: run `just build-dataset` and commit output/");
    }
    for t in TABLES {
        assert!(a.join(format!("{t}.csv")).exists() && a.join(format!("{t}.parquet")).exists(), "{t} missing");
    }
}

fn read(dir: &Path, table: &str) -> DataFrame {
    let file = std::fs::File::open(dir.join(format!("{table}.parquet"))).unwrap();
    ParquetReader::new(file).finish().unwrap()
}

#[test]
fn parquet_types_follow_the_spec() {
    let out = temp_out("types");
    build_into(&out);
    let fig = read(&out, "figures");
    assert_eq!(fig.column("value_low").unwrap().dtype(), &DataType::Float64);
    assert_eq!(fig.column("value_high").unwrap().dtype(), &DataType::Float64);
    assert_eq!(fig.column("footnotes").unwrap().dtype(), &DataType::List(Box::new(DataType::Int64)));
    let docs = read(&out, "documents");
    assert_eq!(docs.column("published").unwrap().dtype(), &DataType::Date);
    assert_eq!(docs.column("warnings").unwrap().dtype(), &DataType::List(Box::new(DataType::String)));
    assert!(fig.height() > 0);
}

fn strings(df: &DataFrame, col: &str) -> Vec<String> {
    let ca = df.column(col).unwrap().str().unwrap();
    (0..ca.len()).map(|i| ca.get(i).unwrap_or("").to_string()).collect()
}

fn ints(df: &DataFrame, col: &str) -> Vec<i64> {
    let ca = df.column(col).unwrap().i64().unwrap();
    (0..ca.len()).map(|i| ca.get(i).unwrap()).collect()
}

#[test]
fn every_span_is_its_surface_in_code_points() {
    let out = temp_out("offsets");
    build_into(&out);
    let docs = read(&out, "documents");
    let ids = strings(&docs, "doc_id");
    let texts: Vec<Vec<char>> = strings(&docs, "text").iter().map(|t| t.chars().collect()).collect();
    let mut checked = 0;
    for (table, col) in [("figures", "surface"), ("dates", "surface"), ("sentences", "text")] {
        let df = read(&out, table);
        let (doc, start, end, surface) = (strings(&df, "doc_id"), ints(&df, "start"), ints(&df, "end"), strings(&df, col));
        for i in 0..df.height() {
            let t = &texts[ids.iter().position(|d| *d == doc[i]).unwrap()];
            let got: String = t[start[i] as usize..end[i] as usize].iter().collect();
            assert_eq!(got, surface[i], "{table} row {i}");
            checked += 1;
        }
    }
    assert!(checked > 50);
}

#[test]
fn extract_prints_json_lines_per_case() {
    let out = Command::new(env!("CARGO_BIN_EXE_arqam")).args(["extract", "--lines", "--text", "قتل 12 مدنيا\nنزح أكثر من 5 آلاف شخص"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows.len(), 2, "{text}");
    assert_eq!(rows[0]["line"], 1);
    assert_eq!(rows[0]["value_low"], 12.0);
    assert_eq!(rows[0]["measure"], "killed");
    assert_eq!(rows[1]["value_low"], 5000.0);
    assert_eq!(rows[1]["value_high"], serde_json::Value::Null);
    assert_eq!(rows[1]["qualifier"], "at_least");
}

#[test]
fn a_missing_seeds_folder_is_a_clear_error() {
    let out =
        Command::new(env!("CARGO_BIN_EXE_arqam")).args(["build-dataset", "--seeds", "/nonexistent/arqam", "--out"]).arg(temp_out("missing")).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/arqam"));
}
