//! Any bytes decode and parse into a document whose blocks lie inside its text.
#![no_main]
use arqam_lexicon::Lexicon;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static LEX: OnceLock<Lexicon> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let lex = LEX.get_or_init(Lexicon::builtin);
    let doc = arqam_parse::parse_document("f", "f.txt", data, None, lex);
    for b in &doc.blocks {
        assert!(b.span.start <= b.span.end && b.span.end <= doc.text.len());
        assert!(doc.text.is_char_boundary(b.span.start) && doc.text.is_char_boundary(b.span.end));
    }
    for m in &doc.markers {
        assert!(doc.text.is_char_boundary(m.span.start) && m.span.end <= doc.text.len());
    }
});
