//! Every figure of the seeds' gold, read alone by the number layer, gets its gold value.
//! (Whether the *document* yields it also depends on parsing: that is `just score`.)

use arqam_extract::numbers::{find_numbers, MentionKind, NumberOptions};
use arqam_lexicon::Lexicon;
use arqam_model::Span;
use arqam_normalize::tokenize;

/// The package folder at run time. Cargo may reuse a test binary built in another clone
/// that shares the target directory; the path compiled into it may no longer exist.
fn manifest_dir() -> String {
    std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_string())
}

#[test]
fn gold_surfaces_read_to_gold_values() {
    // The seeds' gold is vendored in tests/gold/ (a copy of ../shared/gold), so a clone
    // without ../shared runs this test too.
    let gold = std::path::Path::new(&manifest_dir()).join("../../tests/gold/seeds.jsonl");
    let text = std::fs::read_to_string(&gold).unwrap_or_else(|e| panic!("{}: {e}", gold.display()));
    let lex = Lexicon::builtin();
    let mut failures = Vec::new();
    let mut checked = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let g: serde_json::Value = serde_json::from_str(line).unwrap();
        if g["optional"].as_bool() == Some(true) {
            continue;
        }
        let surface = g["surface"].as_str().unwrap();
        let want = (g["value_low"].as_f64(), g["value_high"].as_f64());
        let toks = tokenize(surface, Span::new(0, surface.len()));
        let got: Vec<(Option<f64>, Option<f64>)> = find_numbers(&toks, &lex, &|_| false, NumberOptions::default())
            .into_iter()
            .filter(|m| matches!(m.kind, MentionKind::Count | MentionKind::Dual))
            .map(|m| (m.low, m.high))
            .collect();
        checked += 1;
        if got != vec![want] {
            failures.push(format!("{surface}: want {want:?}, got {got:?}"));
        }
    }
    assert!(checked >= 20);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
