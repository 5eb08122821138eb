//! End to end: a `manifest.jsonl` at the top of the input folder gives documents the
//! publication date and URL they do not state; the text's own date wins; the manifest is
//! neither a document nor an error; a bad line is a warning, never fatal. Figures carry the
//! date they are reported for (`as_of`).

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

type Row = HashMap<String, String>;

fn rows(path: &Path) -> Vec<Row> {
    let mut rdr = csv::Reader::from_path(path).unwrap();
    let headers = rdr.headers().unwrap().clone();
    rdr.records().map(|r| headers.iter().zip(r.unwrap().iter()).map(|(h, v)| (h.to_string(), v.to_string())).collect()).collect()
}

fn row_of<'a>(rows: &'a [Row], column: &str, value: &str) -> &'a Row {
    rows.iter().find(|r| r[column] == value).unwrap_or_else(|| panic!("no row with {column} = {value}"))
}

#[test]
fn the_manifest_fills_document_metadata_and_figure_dates() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = dir.path().join("in");
    std::fs::create_dir(&seeds).unwrap();
    std::fs::write(seeds.join("a.txt"), "قتل 12 مدنيا في القصف على السوق.\n").unwrap();
    std::fs::write(seeds.join("b.md"), "# نزوح من القرية\n\nكتبه سامر علي | 3 مارس، 2021\n\nنزح 300 شخص في 5 شباط 2021 من القرية.\n").unwrap();
    let manifest = [
        r#"{"file": "a.txt", "url": "https://example.org/a", "outlet": "Example", "published": "2024-05-02"}"#,
        "{this line is broken",
        r#"{"file": "b.md", "url": "https://example.org/b", "published": "2020-01-01"}"#,
    ];
    std::fs::write(seeds.join("manifest.jsonl"), manifest.join("\n") + "\n").unwrap();
    let out = dir.path().join("out");
    let run = Command::new(env!("CARGO_BIN_EXE_arqam")).args(["--quiet", "build-dataset", "--seeds"]).arg(&seeds).arg("--out").arg(&out).output().unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "exit {:?}: {stderr}", run.status.code());
    assert!(stderr.contains("manifest.jsonl: line 2"), "the bad line is named: {stderr}");

    let docs = rows(&out.join("documents.csv"));
    assert_eq!(docs.len(), 2, "the manifest is no document");
    let a = row_of(&docs, "doc_id", "a");
    assert_eq!((a["published"].as_str(), a["url"].as_str()), ("2024-05-02", "https://example.org/a"));
    // The byline's date is the text's own: it wins over the manifest's.
    assert_eq!(row_of(&docs, "doc_id", "b")["published"], "2021-03-03");
    let errors = out.join("errors.csv");
    assert!(!errors.exists() || rows(&errors).is_empty(), "the manifest is no error either");

    let figures = rows(&out.join("figures.csv"));
    let twelve = row_of(&figures, "value_low", "12");
    assert_eq!((twelve["as_of"].as_str(), twelve["as_of_source"].as_str()), ("2024-05-02", "published"));
    let displaced = row_of(&figures, "value_low", "300");
    assert_eq!((displaced["as_of"].as_str(), displaced["as_of_source"].as_str()), ("2021-02-05", "sentence"));
}
