//! Whole-document extraction on any bytes: every figure's and date's surface is its span of
//! the text, values are finite and ordered.
#![no_main]
use arqam_lexicon::Lexicon;
use arqam_model::Format;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static LEX: OnceLock<Lexicon> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let lex = LEX.get_or_init(Lexicon::builtin);
    // The first byte picks the format, so every parser is exercised.
    let (format, body) = match data.split_first() {
        Some((b, rest)) => ([None, Some(Format::Article), Some(Format::PdfText), Some(Format::Plain)][(*b % 4) as usize], rest),
        None => (None, data),
    };
    let doc = arqam_parse::parse_document("f", "f.txt", body, format, lex);
    let out = arqam_extract::extract_document(doc, lex);
    let text = &out.doc.text;
    for f in &out.figures {
        assert!(f.span.end <= text.len() && text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
        assert_eq!(&text[f.span.start..f.span.end], f.surface);
        for v in [f.value_low, f.value_high].into_iter().flatten() {
            assert!(v.is_finite());
        }
        if let (Some(l), Some(h)) = (f.value_low, f.value_high) {
            assert!(l <= h, "{l} > {h}: {:?}", f.surface);
        }
        assert!(f.sentence_id < out.sentences.len());
    }
    for d in &out.dates {
        assert_eq!(&text[d.span.start..d.span.end], d.surface);
    }
});
