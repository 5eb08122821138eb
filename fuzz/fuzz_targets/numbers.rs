//! The number layer on any text: finite values, low ≤ high, spans inside the text.
#![no_main]
use arqam_extract::numbers::{find_numbers, NumberOptions};
use arqam_lexicon::Lexicon;
use arqam_model::Span;
use arqam_normalize::tokenize;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static LEX: OnceLock<Lexicon> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let lex = LEX.get_or_init(Lexicon::builtin);
    let toks = tokenize(text, Span::new(0, text.len()));
    for glued in [false, true] {
        for m in find_numbers(&toks, lex, &|_| false, NumberOptions { glued_digits: glued }) {
            assert!(m.first_token <= m.last_token && m.last_token < toks.len());
            for v in [m.low, m.high].into_iter().flatten() {
                assert!(v.is_finite(), "{v} from {text:?}");
            }
            if let (Some(l), Some(h)) = (m.low, m.high) {
                assert!(l <= h, "{l} > {h} from {text:?}");
            }
        }
    }
});
