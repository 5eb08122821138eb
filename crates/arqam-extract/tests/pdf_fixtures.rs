//! Figures that survive PDF rendering, extraction and repair. `tests/fixtures/pdf/` holds
//! three short reports of our own (HTML), the PDFs Chromium rendered from them, the text two
//! real extractors (poppler's pdftotext and pypdf) got out of each, and the figures a
//! reader finds in the body (`expected.tsv`). Each extractor's text must yield at least
//! 90 % of the expected figures (value and bounds) on every report. The format is detected,
//! not forced: the texts must also read as PDF-extracted by their shape.

use std::collections::BTreeMap;
use std::path::Path;

use arqam_extract::extract_document;
use arqam_lexicon::Lexicon;
use arqam_model::Format;

/// The package folder at run time. Cargo may reuse a test binary built in another clone
/// that shares the target directory; the path compiled into it may no longer exist.
fn manifest_dir() -> String {
    std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_string())
}

/// A figure's `(value_low, value_high)`.
type Bounds = (Option<f64>, Option<f64>);

#[test]
fn figures_survive_extraction_and_repair() {
    let dir = Path::new(&manifest_dir()).join("../../tests/fixtures/pdf");
    let mut expected: BTreeMap<String, Vec<Bounds>> = BTreeMap::new();
    for line in std::fs::read_to_string(dir.join("expected.tsv")).unwrap().lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let f: Vec<&str> = line.split('\t').collect();
        let num = |s: &str| (!s.is_empty()).then(|| s.parse::<f64>().unwrap());
        expected.entry(f[0].to_string()).or_default().push((num(f[1]), num(f[2])));
    }
    let lex = Lexicon::builtin();
    let mut report = Vec::new();
    let mut worst: f64 = 1.0;
    for extractor in ["pdftotext", "pypdf"] {
        for (name, want) in &expected {
            let text = std::fs::read(dir.join(format!("{name}.{extractor}.txt"))).unwrap();
            let doc = arqam_parse::parse_document(name, name, &text, None, &lex);
            assert_eq!(doc.format, Format::PdfText, "{extractor} {name}: not detected as PDF-extracted text");
            let got: Vec<Bounds> = extract_document(doc, &lex).figures.iter().map(|f| (f.value_low, f.value_high)).collect();
            let mut pool = got.clone();
            let mut found = 0;
            let mut missed = Vec::new();
            for w in want {
                if let Some(i) = pool.iter().position(|g| g == w) {
                    pool.remove(i);
                    found += 1;
                } else {
                    missed.push(format!("{w:?}"));
                }
            }
            let recall = found as f64 / want.len() as f64;
            worst = worst.min(recall);
            report.push(format!("{extractor:9} {name}: {found}/{} = {:.0}% missed {}", want.len(), recall * 100.0, missed.join(" ")));
        }
    }
    eprintln!("{}", report.join("\n"));
    assert!(worst >= 0.9, "recovery below 90 %:\n{}", report.join("\n"));
}
