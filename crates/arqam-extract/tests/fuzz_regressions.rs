//! Inputs the fuzzers found or that stress the invariants, kept as regression tests: each
//! file of `fuzz/regressions/` goes through parse and extraction in every format, and the
//! invariants of the fuzz targets must hold.

use std::path::Path;

use arqam_extract::extract_document;
use arqam_lexicon::Lexicon;
use arqam_model::Format;

/// The package folder at run time. Cargo may reuse a test binary built in another clone
/// that shares the target directory; the path compiled into it may no longer exist.
fn manifest_dir() -> String {
    std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_string())
}

fn check(bytes: &[u8], lex: &Lexicon, name: &str) {
    // The number layer alone, as the `numbers` fuzz target drives it.
    if let Ok(text) = std::str::from_utf8(bytes) {
        let toks = arqam_normalize::tokenize(text, arqam_model::Span::new(0, text.len()));
        for glued in [false, true] {
            for m in arqam_extract::numbers::find_numbers(&toks, lex, &|_| false, arqam_extract::numbers::NumberOptions { glued_digits: glued }) {
                if let (Some(l), Some(h)) = (m.low, m.high) {
                    assert!(l <= h, "{name}: {l} > {h}");
                }
            }
        }
    }
    for format in [None, Some(Format::Article), Some(Format::PdfText), Some(Format::Plain)] {
        let doc = arqam_parse::parse_document("r", "r.txt", bytes, format, lex);
        let out = extract_document(doc, lex);
        let text = &out.doc.text;
        for f in &out.figures {
            assert_eq!(&text[f.span.start..f.span.end], f.surface, "{name}");
            if let (Some(l), Some(h)) = (f.value_low, f.value_high) {
                assert!(l <= h && l.is_finite() && h.is_finite(), "{name}: {l} {h}");
            }
        }
    }
}

#[test]
fn fuzz_regressions_hold() {
    let lex = Lexicon::builtin();
    let dir = Path::new(&manifest_dir()).join("../../fuzz/regressions");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|e| e == "md") {
            continue;
        }
        check(&std::fs::read(&p).unwrap(), &lex, &p.display().to_string());
        n += 1;
    }
    assert!(n >= 1, "no regression inputs in {}", dir.display());
}
