//! The footnote bodies of the PDF-extracted seed against `tests/gold/seeds-sources.jsonl` (vendored from `../shared/gold`),
//! field by field (compared after Arabic folding: hamza forms, taa marbuta, diacritics).
//! Every gold footnote must match: 1 (one Latin line), 6 (wrapped over two lines, a title
//! run displaced one line down) and 2 (its number lost, its first line taken for body text,
//! two words broken across the line's chunks).

use arqam_lexicon::Lexicon;
use arqam_normalize::fold_key;
use arqam_parse::{parse_document_with, Overrides};

/// The package folder at run time. Cargo may reuse a test binary built in another clone
/// that shares the target directory; the path compiled into it may no longer exist.
fn manifest_dir() -> String {
    std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_string())
}

fn fold(s: &str) -> String {
    s.split_whitespace().map(fold_key).collect::<Vec<_>>().join(" ")
}

#[test]
fn seed_footnotes_match_the_gold_field_by_field() {
    let root = std::path::Path::new(&manifest_dir()).join("../..");
    // Vendored from ../shared/gold (tests/gold/), so a clone without ../shared runs it too.
    let gold = std::fs::read_to_string(root.join("tests/gold/seeds-sources.jsonl")).expect("tests/gold/seeds-sources.jsonl");
    let seed = std::fs::read_dir(root.join("seeds")).unwrap().filter_map(Result::ok).find(|e| e.file_name().to_string_lossy().starts_with("002_")).unwrap();
    let lex = Lexicon::builtin();
    let doc = parse_document_with("002", "002.txt", &std::fs::read(seed.path()).unwrap(), &Overrides::default(), &lex);
    let mut matched = Vec::new();
    let mut wanted = Vec::new();
    let mut report = Vec::new();
    for line in gold.lines().filter(|l| !l.trim().is_empty()) {
        let g: serde_json::Value = serde_json::from_str(line).unwrap();
        let n = g["footnote"].as_u64().unwrap() as u32;
        wanted.push(n);
        let Some(body) = doc.footnotes.iter().find(|f| f.number == n) else {
            report.push(format!("footnote {n}: no body"));
            continue;
        };
        let field = |name: &str, got: Option<&str>| {
            let want = g[name].as_str().map(fold);
            (want == got.map(fold)).then_some(()).ok_or(format!("footnote {n} {name}: want {:?}, got {got:?}", g[name]))
        };
        let authors: Vec<String> = g["authors"].as_array().unwrap().iter().map(|a| fold(a.as_str().unwrap())).collect();
        let checks = [
            field("title", body.title.as_deref()),
            field("publisher", body.publisher.as_deref()),
            field("date", body.date.as_deref()),
            (authors == body.authors.iter().map(|a| fold(a)).collect::<Vec<_>>()).then_some(()).ok_or(format!("footnote {n} authors: {:?}", body.authors)),
        ];
        let errors: Vec<String> = checks.into_iter().filter_map(Result::err).collect();
        if errors.is_empty() {
            matched.push(n);
        }
        report.extend(errors);
    }
    eprintln!("footnotes matching the gold: {matched:?}\n{}", report.join("\n"));
    assert_eq!(matched, wanted, "{}", report.join("\n"));
}
