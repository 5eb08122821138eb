//! A document read in two streaming passes (tokens made again per sentence, as for large
//! documents) gives exactly what the same document gives with its tokens kept.

use arqam_extract::extract_document_with;
use arqam_lexicon::Lexicon;
use arqam_model::Format;

/// The texts of the extraction fixtures (their `>` lines) and the PDF fixtures.
fn fixture_texts() -> Vec<(String, Format)> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");
    let mut out = Vec::new();
    for (dir, format) in [("extraction", Format::Plain), ("pdf", Format::PdfText)] {
        let mut paths: Vec<_> = std::fs::read_dir(format!("{root}/{dir}")).unwrap().map(|e| e.unwrap().path()).collect();
        paths.sort();
        for p in paths.into_iter().filter(|p| p.extension().is_some_and(|e| e == "txt")) {
            let text = std::fs::read_to_string(&p).unwrap();
            let text =
                if format == Format::Plain { text.lines().filter_map(|l| l.strip_prefix('>')).map(str::trim).collect::<Vec<_>>().join("\n\n") } else { text };
            out.push((text, format));
        }
    }
    out
}

#[test]
fn streaming_passes_give_what_kept_tokens_give() {
    let lex = Lexicon::builtin();
    let texts = fixture_texts();
    assert!(texts.len() >= 10, "fixtures found: {}", texts.len());
    let mut n_figures = 0;
    for (text, format) in texts {
        let parse = || arqam_parse::parse_document("d", "d.txt", text.as_bytes(), Some(format), &lex);
        let kept = extract_document_with(parse(), &lex, true);
        let streamed = extract_document_with(parse(), &lex, false);
        n_figures += kept.figures.len();
        assert_eq!(kept, streamed, "{}", &text[..text.len().min(200)]);
    }
    assert!(n_figures > 100, "the fixtures have figures: {n_figures}");
}
