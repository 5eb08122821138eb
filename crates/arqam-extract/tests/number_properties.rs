//! Property tests of the number layer: numbers rendered by code that is *not* the parser
//! run backwards must read back to their value.

use arqam_extract::numbers::{find_numbers, MentionKind, NumberOptions};
use arqam_lexicon::Lexicon;
use arqam_model::{Qualifier, Span};
use arqam_normalize::tokenize;
use proptest::prelude::*;
use std::sync::OnceLock;

fn lex() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(Lexicon::builtin)
}

/// The single count read from `s`, which must span the whole string.
fn read_whole(s: &str) -> Option<f64> {
    let toks = tokenize(s, Span::new(0, s.len()));
    let ms = find_numbers(&toks, lex(), &|_| false, NumberOptions::default());
    match ms.as_slice() {
        [m] if m.kind == MentionKind::Count && m.qualifier == Qualifier::Exact && m.first_token == 0 && m.last_token + 1 == toks.len() => m.low,
        _ => None,
    }
}

// ---- digits ----------------------------------------------------------------------------

fn in_script(ascii: &str, zero: char) -> String {
    ascii.chars().map(|c| if c.is_ascii_digit() { char::from_u32(zero as u32 + (c as u32 - '0' as u32)).unwrap() } else { c }).collect()
}

fn grouped(n: u64, sep: &str) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn integers_in_every_script_read_back(n in 0u64..=1_000_000_000, script in 0usize..3, sep in 0usize..3) {
        let zero = ['0', '\u{0660}', '\u{06F0}'][script];
        let ascii = match sep { 0 => n.to_string(), 1 => grouped(n, ","), _ => grouped(n, "٬") };
        let s = in_script(&ascii, zero);
        prop_assert_eq!(read_whole(&s), Some(n as f64), "{}", s);
    }

    #[test]
    fn decimals_read_back(int in 0u64..100_000, frac in 1u32..100) {
        let s = format!("{int}.{frac:02}");
        let want: f64 = s.parse().unwrap();
        prop_assert_eq!(read_whole(&s), Some(want));
        prop_assert_eq!(read_whole(&in_script(&s.replace('.', "٫"), '\u{0660}')), Some(want));
    }
}

// ---- number words: an independent renderer of Modern Standard Arabic -------------------

#[derive(Clone, Copy, Debug)]
enum Gender {
    Masc,
    Fem,
}

/// Units as they stand before a masculine or a feminine counted noun (polarity: the
/// masculine noun takes the taa).
fn unit(n: u64, g: Gender) -> &'static str {
    let masc = ["", "واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة"];
    let fem = ["", "واحدة", "اثنتان", "ثلاث", "أربع", "خمس", "ست", "سبع", "ثماني", "تسع"];
    match g {
        Gender::Masc => masc[n as usize],
        Gender::Fem => fem[n as usize],
    }
}

fn below_hundred(n: u64, g: Gender) -> String {
    let tens = ["", "", "عشرون", "ثلاثون", "أربعون", "خمسون", "ستون", "سبعون", "ثمانون", "تسعون"];
    match n {
        0 => String::new(),
        1..=9 => unit(n, g).to_string(),
        10 => match g {
            Gender::Masc => "عشرة".into(),
            Gender::Fem => "عشر".into(),
        },
        11 => match g {
            Gender::Masc => "أحد عشر".into(),
            Gender::Fem => "إحدى عشرة".into(),
        },
        12 => match g {
            Gender::Masc => "اثنا عشر".into(),
            Gender::Fem => "اثنتا عشرة".into(),
        },
        13..=19 => match g {
            Gender::Masc => format!("{} عشر", unit(n - 10, Gender::Masc)),
            Gender::Fem => format!("{} عشرة", unit(n - 10, Gender::Fem)),
        },
        _ if n.is_multiple_of(10) => tens[(n / 10) as usize].into(),
        _ => format!("{} و{}", unit(n % 10, g), tens[(n / 10) as usize]),
    }
}

fn below_thousand(n: u64, g: Gender) -> String {
    let h = n / 100;
    let rest = below_hundred(n % 100, g);
    // Both spellings of the hundreds appear in print: one word with مائة, two with مئة.
    let hundreds = match (h, g) {
        (0, _) => String::new(),
        (1, Gender::Masc) => "مائة".into(),
        (1, Gender::Fem) => "مئة".into(),
        (2, Gender::Masc) => "مائتان".into(),
        (2, Gender::Fem) => "مئتان".into(),
        (_, Gender::Masc) => format!("{}مائة", ["", "", "", "ثلاث", "أربع", "خمس", "ست", "سبع", "ثمان", "تسع"][h as usize]),
        (_, Gender::Fem) => format!("{} مئة", ["", "", "", "ثلاث", "أربع", "خمس", "ست", "سبع", "ثماني", "تسع"][h as usize]),
    };
    match (hundreds.is_empty(), rest.is_empty()) {
        (true, _) => rest,
        (false, true) => hundreds,
        (false, false) => format!("{hundreds} و{rest}"),
    }
}

/// `count` of a scale word: 1 → ألف, 2 → ألفان, 3–10 → ثلاثة آلاف, 11–99 → أحد عشر ألفا,
/// 100+ → مئة ألف.
fn scaled(count: u64, one: &str, two: &str, plural: &str) -> String {
    match count {
        1 => one.to_string(),
        2 => two.to_string(),
        3..=10 => format!("{} {plural}", below_hundred(count, Gender::Masc)),
        11..=99 => format!("{} {one}ا", below_hundred(count, Gender::Masc)),
        _ => format!("{} {one}", below_thousand(count, Gender::Masc)),
    }
}

fn render(n: u64, g: Gender) -> String {
    if n == 0 {
        return "صفر".into();
    }
    let millions = n / 1_000_000;
    let thousands = (n / 1000) % 1000;
    let rest = n % 1000;
    let mut parts = Vec::new();
    if millions > 0 {
        parts.push(scaled(millions, "مليون", "مليونان", "ملايين"));
    }
    if thousands > 0 {
        parts.push(scaled(thousands, "ألف", "ألفان", "آلاف"));
    }
    if rest > 0 {
        parts.push(below_thousand(rest, g));
    }
    parts.join(" و")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn number_words_read_back(n in 0u64..1_000_000, fem in any::<bool>()) {
        let g = if fem { Gender::Fem } else { Gender::Masc };
        let s = render(n, g);
        prop_assert_eq!(read_whole(&s), Some(n as f64), "{}", s);
    }
}

#[test]
fn round_millions_read_back() {
    for m in (1..=999u64).step_by(7).chain([1, 2, 3, 10, 11, 99, 100, 200, 999]) {
        for g in [Gender::Masc, Gender::Fem] {
            let s = render(m * 1_000_000, g);
            assert_eq!(read_whole(&s), Some((m * 1_000_000) as f64), "{s}");
        }
    }
}

#[test]
fn every_number_below_a_thousand_reads_back_in_both_genders() {
    for n in 0..1000 {
        for g in [Gender::Masc, Gender::Fem] {
            let s = render(n, g);
            assert_eq!(read_whole(&s), Some(n as f64), "{s}");
        }
    }
}
