//! Invariants of whole-document extraction on generated Arabic-like text (the fuzz
//! targets' properties, in the normal test suite).

use arqam_extract::extract_text;
use arqam_lexicon::Lexicon;
use proptest::prelude::*;
use std::sync::OnceLock;

fn lex() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(Lexicon::builtin)
}

/// Words that make figures, cues and noise, joined with spaces, digits and marks.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("قال".to_string()),
        Just("بحسب المرصد".to_string()),
        Just("قتل".to_string()),
        Just("أكثر من".to_string()),
        Just("بين".to_string()),
        Just("إلى".to_string()),
        Just("عشرات".to_string()),
        Just("آلاف".to_string()),
        Just("ألف".to_string()),
        Just("مدنيا".to_string()),
        Just("سجين".to_string()),
        Just("سنتين".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("،".to_string()),
        Just(".".to_string()),
        Just("\n\n".to_string()),
        Just("-".to_string()),
        Just("/".to_string()),
        (0u64..100_000).prop_map(|n| n.to_string()),
        (0u64..10_000).prop_map(|n| n.to_string().chars().map(|c| char::from_u32(0x0660 + c.to_digit(10).unwrap()).unwrap()).collect()),
        "[\\u0621-\\u064A]{1,6}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn spans_are_surfaces_and_bounds_are_ordered(pieces in proptest::collection::vec(piece(), 0..40)) {
        let text = pieces.join(" ");
        let d = extract_text(&text, lex());
        for f in &d.figures {
            prop_assert_eq!(&d.doc.text[f.span.start..f.span.end], f.surface.as_str());
            if let (Some(l), Some(h)) = (f.value_low, f.value_high) {
                prop_assert!(l <= h, "{} > {} in {:?}", l, h, text);
            }
            for v in [f.value_low, f.value_high].into_iter().flatten() {
                prop_assert!(v.is_finite());
            }
        }
        for dt in &d.dates {
            prop_assert_eq!(&d.doc.text[dt.span.start..dt.span.end], dt.surface.as_str());
        }
    }
}
