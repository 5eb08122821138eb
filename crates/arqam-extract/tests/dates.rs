//! Runs the date cases of `tests/fixtures/dates/cases.tsv`: each text through the whole
//! extractor with its document date, the dates compared on surface, ISO value and
//! precision, and the figures checked to keep clear of every date.

use std::path::Path;

use arqam_extract::extract_document;
use arqam_lexicon::Lexicon;
use arqam_model::Format;

fn manifest_dir() -> String {
    std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_string())
}

fn list(cell: &str) -> Vec<String> {
    if cell.trim() == "-" {
        return Vec::new();
    }
    cell.split(" ; ").map(|s| s.trim().to_string()).collect()
}

#[test]
fn date_cases() {
    let path = Path::new(&manifest_dir()).join("../../tests/fixtures/dates/cases.tsv");
    let lex = Lexicon::builtin();
    let mut failures = Vec::new();
    let mut n = 0;
    for (i, line) in std::fs::read_to_string(&path).unwrap().lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 4, "line {}: four tab-separated columns", i + 1);
        n += 1;
        let mut doc = arqam_parse::parse_document("case", "case.txt", cols[1].as_bytes(), Some(Format::Plain), &lex);
        doc.meta.published = (cols[0] != "-").then(|| cols[0].to_string());
        let out = extract_document(doc, &lex);
        let got: Vec<String> = out.dates.iter().map(|d| format!("{}={}@{}", d.surface, d.date, d.precision)).collect();
        if got != list(cols[2]) {
            failures.push(format!("line {}: dates {:?}, expected {:?}", i + 1, got, list(cols[2])));
        }
        for f in &out.figures {
            if out.dates.iter().any(|d| d.span.overlaps(f.span)) {
                failures.push(format!("line {}: figure {:?} overlaps a date", i + 1, f.surface));
            }
        }
        for want in list(cols[3]) {
            let (low, high) = want.split_once("..").unwrap_or((&want, &want));
            let (low, high): (f64, f64) = (low.parse().unwrap(), high.parse().unwrap());
            if !out.figures.iter().any(|f| f.value_low == Some(low) && f.value_high == Some(high)) {
                failures.push(format!("line {}: no figure {want}", i + 1));
            }
        }
    }
    assert!(n >= 40, "only {n} cases read");
    assert!(failures.is_empty(), "{} of {n} cases fail:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn a_figure_is_reported_for_the_nearest_date_of_its_sentence_else_the_publication_date() {
    let lex = Lexicon::builtin();
    let text = "بين 3 آذار 2020 و5 نيسان 2021 نزح 300 شخص في 9 أيار 2021.\n\nوقتل 12 مدنيا.\n";
    let mut doc = arqam_parse::parse_document("a", "a.txt", text.as_bytes(), Some(Format::Plain), &lex);
    doc.meta.published = Some("2021-06-01".into());
    let out = extract_document(doc, &lex);
    let as_of: Vec<(f64, Option<&str>, Option<&str>)> =
        out.figures.iter().map(|f| (f.value_low.unwrap_or_default(), f.as_of.as_deref(), f.as_of_source.map(|s| s.as_str()))).collect();
    assert_eq!(as_of, vec![(300.0, Some("2021-05-09"), Some("sentence")), (12.0, Some("2021-06-01"), Some("published"))]);
}
