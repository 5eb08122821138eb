//! Display cleanup, match keys, tokens and sentences on any text: spans in order, on
//! character boundaries, inside the text.
#![no_main]
use arqam_model::Span;
use arqam_normalize::{clean_display, fold_key, split_sentences, tokenize};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else { return };
    let text = clean_display(raw);
    let _ = fold_key(&text);
    let all = Span::new(0, text.len());
    let mut last = 0;
    for t in tokenize(&text, all) {
        assert!(t.span.start >= last && t.span.start < t.span.end && t.span.end <= text.len());
        assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        last = t.span.end;
    }
    for s in split_sentences(&text, all) {
        assert!(s.span.start < s.span.end && s.span.end <= text.len());
        assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
    }
});
