//! The number layer: where a number stands in a token sequence and what interval it
//! denotes.
//!
//! Readings, tried at each token in this order:
//! - a **vague phrase** (`عشرات الآلاف`), a **vague word** (`عشرات`, `مئات`, `بضعة`,
//!   `عدة`) or a plural scale standing alone (`آلاف`) → an interval, qualifier `vague`;
//! - **digits** of any script, with separators, an article or preposition glued in front
//!   (`الـ100`, `لـ200`), groups of three separated by spaces, a scale after them
//!   (`5 آلاف`, `1.5 مليون`; a scale after a number already as large is redundant:
//!   `5000 آلاف` is 5000), and `ونصف` after the scale;
//! - **number words** joined by `و` into a compound, following Arabic order (units before
//!   tens, hundreds before both, scales multiplying what precedes them);
//! - a **dual noun** (`سنتين`, `عربتين`) → 2.
//!
//! Then **ranges** (`بين X و Y`, `بين X إلى Y`, `من X إلى Y`, `X - Y`; a scale after the
//! second end applies to both) and **qualifiers** before the number (`نحو`, `أكثر من` …,
//! from the lexicon). Ordinals (`الحادي عشر`) and percentages are told apart.

use arqam_lexicon::{Lexicon, NumberWordKind, Unit, UnitForm};
use arqam_model::{Qualifier, Span};
use arqam_normalize::{Token, TokenKind};

/// What kind of quantity a mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    Count,
    Percent,
    /// A dual noun: the noun itself is the count.
    Dual,
}

/// One number found in a token sequence.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberMention {
    /// First token of the surface (qualifier or `بين` included).
    pub first_token: usize,
    /// Last token of the number itself (scale included); the counted noun follows it.
    pub last_token: usize,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub qualifier: Qualifier,
    pub kind: MentionKind,
    /// For duals: the unit the noun is.
    pub dual_unit: Option<Unit>,
    /// Read from words rather than digits.
    pub from_words: bool,
}

impl NumberMention {
    pub fn span(&self, tokens: &[Token]) -> Span {
        tokens[self.first_token]
            .span
            .cover(tokens[self.last_token].span)
    }
}

/// A single number before range and qualifier handling.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Simple {
    start: usize,
    end: usize,
    low: f64,
    high: f64,
    vague: bool,
    /// The scale word that multiplied it, if any.
    scale: Option<f64>,
    from_words: bool,
}

/// Words (match keys, clitic-free) that glue to digits as a prefix: article, prepositions.
const DIGIT_PREFIXES: &[&str] = &[
    "ال", "ل", "ب", "و", "ف", "ك", "لل", "بال", "وال", "وب", "ول",
];

fn key_stem_is(lex_stems: &[(usize, &str)], want: &str) -> bool {
    lex_stems.iter().any(|(_, s)| *s == want)
}

fn is_word(t: &Token, key: &str) -> bool {
    t.kind == TokenKind::Word && (t.key == key || key_stem_is(&arqam_lexicon::stems(&t.key), key))
}

/// Finds every number in `tokens`. `skip` says which spans are taken (dates, markers).
pub fn find_numbers(
    text: &str,
    tokens: &[Token],
    lex: &Lexicon,
    skip: &dyn Fn(Span) -> bool,
) -> Vec<NumberMention> {
    let _ = text;
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if skip(tokens[i].span) || tokens[i].kind == TokenKind::Link {
            i += 1;
            continue;
        }
        if let Some(s) = read_simple(tokens, i, lex, skip) {
            let mention = complete(tokens, s, lex, skip);
            i = mention.last_token + 1;
            out.push(mention);
            continue;
        }
        if let Some(m) = read_dual(tokens, i, lex) {
            out.push(m);
        }
        i += 1;
    }
    out
}

fn read_dual(tokens: &[Token], i: usize, lex: &Lexicon) -> Option<NumberMention> {
    let t = &tokens[i];
    if t.kind != TokenKind::Word {
        return None;
    }
    let (unit, form) = lex.unit(&t.key)?;
    if form != UnitForm::Dual {
        return None;
    }
    Some(NumberMention {
        first_token: i,
        last_token: i,
        low: Some(2.0),
        high: Some(2.0),
        qualifier: Qualifier::Exact,
        kind: MentionKind::Dual,
        dual_unit: Some(unit.clone()),
        from_words: true,
    })
}

/// Reads one number (digits or words) starting at token `i`.
fn read_simple(
    tokens: &[Token],
    i: usize,
    lex: &Lexicon,
    skip: &dyn Fn(Span) -> bool,
) -> Option<Simple> {
    let t = &tokens[i];
    match t.kind {
        TokenKind::Number => read_digits(tokens, i, lex, skip),
        TokenKind::Word => read_words(tokens, i, lex, skip),
        _ => None,
    }
}

fn read_digits(
    tokens: &[Token],
    i: usize,
    lex: &Lexicon,
    skip: &dyn Fn(Span) -> bool,
) -> Option<Simple> {
    let mut key = tokens[i].key.clone();
    let mut end = i;
    // Thousands grouped by spaces: `12 500`.
    if !key.contains('.') && key.len() <= 3 {
        while let Some(n) = tokens.get(end + 1) {
            if n.kind == TokenKind::Number
                && n.space_before
                && n.key.len() == 3
                && n.key.chars().all(|c| c.is_ascii_digit())
                && !skip(n.span)
            {
                key.push_str(&n.key);
                end += 1;
            } else {
                break;
            }
        }
    }
    let mut value: f64 = key.parse().ok()?;
    if !value.is_finite() {
        return None;
    }
    // An article or preposition glued in front belongs to the surface.
    let mut start = i;
    if i > 0
        && !tokens[i].space_before
        && tokens[i - 1].kind == TokenKind::Word
        && DIGIT_PREFIXES.contains(&tokens[i - 1].key.as_str())
    {
        start = i - 1;
    }
    let mut scale = None;
    if let Some(n) = tokens.get(end + 1) {
        if n.kind == TokenKind::Word && !skip(n.span) {
            if let Some(w) = lex
                .number_word_exact(&n.key)
                .or_else(|| lex.number_word_exact(n.key.trim_end_matches('ا')))
            {
                if matches!(
                    w.kind,
                    NumberWordKind::Scale | NumberWordKind::ScalePlural | NumberWordKind::ScaleDual
                ) {
                    let s = match w.kind {
                        NumberWordKind::ScaleDual => w.value / 2.0,
                        _ => w.value,
                    };
                    if value < s {
                        value *= s;
                    }
                    scale = Some(s);
                    end += 1;
                    if let Some(frac) = fraction_after(tokens, end, lex) {
                        value += frac * s;
                        end += 1;
                    }
                }
            }
        }
    }
    Some(Simple {
        start,
        end,
        low: value,
        high: value,
        vague: false,
        scale,
        from_words: false,
    })
}

/// `ونصف`, `وربع` after a scale word.
fn fraction_after(tokens: &[Token], end: usize, lex: &Lexicon) -> Option<f64> {
    let n = tokens.get(end + 1)?;
    let stem = n.key.strip_prefix('و')?;
    let w = lex.number_word_exact(stem)?;
    (w.kind == NumberWordKind::Fraction).then_some(w.value)
}

fn read_words(
    tokens: &[Token],
    i: usize,
    lex: &Lexicon,
    skip: &dyn Fn(Span) -> bool,
) -> Option<Simple> {
    let t = &tokens[i];
    // Part of an ordinal (`الحادي عشر`, `الخامس والعشرين`)?
    if i > 0 && tokens[i - 1].kind == TokenKind::Word && lex.ordinal(&tokens[i - 1].key).is_some() {
        return None;
    }
    // Vague phrases first (`عشرات الآلاف`).
    for (keys, low, high) in &lex.vague_phrases {
        if keys.len() == 2 && is_word(t, &keys[0]) {
            if let Some(n) = tokens.get(i + 1) {
                let second = keys[1].strip_prefix("ال").unwrap_or(&keys[1]);
                if n.kind == TokenKind::Word && (n.key == keys[1] || is_word(n, second)) {
                    return Some(Simple {
                        start: i,
                        end: i + 1,
                        low: *low,
                        high: *high,
                        vague: true,
                        scale: None,
                        from_words: true,
                    });
                }
            }
        }
    }
    let (_, w) = lex.number_word(&t.key)?;
    match w.kind {
        NumberWordKind::Vague { high } => {
            // `عدة`/`بضعة` only quantify a following noun.
            let next_word = tokens.get(i + 1).is_some_and(|n| n.kind == TokenKind::Word);
            if w.value < 10.0 && !next_word {
                return None;
            }
            Some(Simple {
                start: i,
                end: i,
                low: w.value,
                high,
                vague: true,
                scale: None,
                from_words: true,
            })
        }
        NumberWordKind::ScalePlural => {
            // `آلاف` alone: thousands, vague.
            Some(Simple {
                start: i,
                end: i,
                low: w.value,
                high: w.value * 10.0 - 1.0,
                vague: true,
                scale: None,
                from_words: true,
            })
        }
        NumberWordKind::Fraction => None,
        _ => read_compound(tokens, i, lex, skip),
    }
}

/// Accumulates number words joined by `و` (or directly, for scales and teens).
fn read_compound(
    tokens: &[Token],
    i: usize,
    lex: &Lexicon,
    skip: &dyn Fn(Span) -> bool,
) -> Option<Simple> {
    let mut total = 0.0f64;
    let mut current = 0.0f64;
    let mut end = i;
    let mut k = i;
    let mut last_scale = None;
    let mut n_words = 0;
    while k < tokens.len() {
        let t = &tokens[k];
        if t.kind != TokenKind::Word || skip(t.span) {
            break;
        }
        // The first word may carry any clitic; later ones only the conjunction `و`, or
        // none for scale words and `عشر` that follow directly.
        let word = if k == i {
            lex.number_word(&t.key).map(|(_, w)| w)
        } else if let Some(stem) = t.key.strip_prefix('و') {
            lex.number_word_exact(stem)
                .map(|w| (w, true))
                .filter(|_| true)
                .map(|(w, _)| w)
        } else {
            lex.number_word_exact(&t.key).filter(|w| {
                matches!(
                    w.kind,
                    NumberWordKind::Scale
                        | NumberWordKind::ScalePlural
                        | NumberWordKind::TenUnit
                        | NumberWordKind::Hundred
                )
            })
        };
        let Some(w) = word else { break };
        let joined = k > i && t.key.starts_with('و') && lex.number_word_exact(&t.key).is_none();
        let accepted = match w.kind {
            NumberWordKind::Unit => {
                let ok = k == i || (joined && current % 100.0 == 0.0);
                if ok {
                    current += w.value;
                }
                ok
            }
            NumberWordKind::TenUnit => {
                if k == i {
                    current += 10.0;
                    true
                } else if !joined && current > 0.0 && current < 10.0 {
                    current += 10.0; // ثلاثة عشر
                    true
                } else if joined && current % 100.0 == 0.0 {
                    current += 10.0;
                    true
                } else {
                    false
                }
            }
            NumberWordKind::Ten => {
                let low = current % 100.0;
                if k == i || (joined && (low < 10.0)) {
                    current += w.value;
                    true
                } else {
                    false
                }
            }
            NumberWordKind::Hundred => {
                if k == i {
                    current += 100.0;
                    true
                } else if !joined && current > 0.0 && current < 10.0 {
                    current *= 100.0; // ثلاث مئة
                    true
                } else if joined && current == 0.0 {
                    current += 100.0;
                    true
                } else {
                    false
                }
            }
            NumberWordKind::Hundreds => {
                if k == i || (joined && current == 0.0) {
                    current += w.value;
                    true
                } else {
                    false
                }
            }
            NumberWordKind::Scale | NumberWordKind::ScalePlural | NumberWordKind::ScaleDual => {
                let below = last_scale.is_none_or(|s| w.value < s);
                if !below {
                    false
                } else {
                    let mult = if current == 0.0 { 1.0 } else { current };
                    let v = match w.kind {
                        NumberWordKind::ScaleDual => w.value,
                        _ => mult * w.value,
                    };
                    if k == i || !joined {
                        total += v;
                        current = 0.0;
                        last_scale = Some(if w.kind == NumberWordKind::ScaleDual {
                            w.value / 2.0
                        } else {
                            w.value
                        });
                        true
                    } else if current == 0.0 {
                        total += v;
                        last_scale = Some(w.value);
                        true
                    } else {
                        false
                    }
                }
            }
            NumberWordKind::Fraction => {
                if joined && current == 0.0 {
                    if let Some(s) = last_scale {
                        total += w.value * s;
                        true
                    } else {
                        false
                    }
                } else {
                    false
                }
            }
            NumberWordKind::Vague { .. } => false,
        };
        if !accepted {
            break;
        }
        n_words += 1;
        end = k;
        k += 1;
    }
    if n_words == 0 {
        return None;
    }
    let value = total + current;
    // A lone `واحد`/`أحد` is a pronoun or article far more often than a count.
    if n_words == 1 && value == 1.0 {
        return None;
    }
    Some(Simple {
        start: i,
        end,
        low: value,
        high: value,
        vague: false,
        scale: last_scale,
        from_words: true,
    })
}

/// Adds range, percent and qualifier readings around a simple number.
fn complete(
    tokens: &[Token],
    first: Simple,
    lex: &Lexicon,
    skip: &dyn Fn(Span) -> bool,
) -> NumberMention {
    let mut start = first.start;
    let mut end = first.end;
    let mut low = Some(first.low);
    let mut high = Some(first.high);
    let mut qualifier = if first.vague {
        Qualifier::Vague
    } else {
        Qualifier::Exact
    };
    let mut kind = MentionKind::Count;

    // Ranges.
    let before = |k: usize, w: &str| k > 0 && is_word(&tokens[k - 1], w);
    let opener_between = before(start, "بين");
    let opener_from = before(start, "من");
    if !first.vague {
        let mut k = end + 1;
        // The word or dash that joins the two ends: `-`/`–` between numbers, `إلى`/`حتى`
        // after `بين` or `من`, `و` (alone or glued to the second end) after `بين`.
        let (link, skip_link) = match tokens.get(k) {
            Some(t) if t.kind == TokenKind::Punct => (
                matches!(t.key.as_str(), "-" | "–" | "—")
                    && tokens
                        .get(k + 1)
                        .is_some_and(|n| n.kind == TokenKind::Number),
                true,
            ),
            Some(t) if t.kind == TokenKind::Word => {
                let to = (t.key == "الي" || t.key == "حتي") && (opener_between || opener_from);
                let and = t.key == "و" && opener_between;
                let glued_and = t.key.starts_with('و') && t.key != "و" && opener_between;
                (to || and || glued_and, to || and)
            }
            _ => (false, false),
        };
        if link && skip_link {
            k += 1;
        }
        if link {
            if let Some(second) = read_simple(tokens, k, lex, skip).filter(|s| !s.vague) {
                let mut a = first.low;
                if first.scale.is_none() {
                    if let Some(s) = second.scale {
                        if a * s <= second.low {
                            a *= s;
                        }
                    }
                }
                if a <= second.low {
                    low = Some(a);
                    high = Some(second.high);
                    qualifier = Qualifier::Range;
                    end = second.end;
                    if opener_between || opener_from {
                        start -= 1;
                    }
                }
            }
        }
    }

    // Percentages.
    if let Some(t) = tokens.get(end + 1) {
        let pct = (t.kind == TokenKind::Punct && (t.key == "%" || t.key == "٪"))
            || (t.kind == TokenKind::Word
                && matches!(t.key.as_str(), "بالمئه" | "بالمايه" | "بالميه"));
        let pct2 = t.kind == TokenKind::Word
            && t.key == "في"
            && tokens
                .get(end + 2)
                .is_some_and(|n| matches!(n.key.as_str(), "المئه" | "المايه"));
        if pct {
            kind = MentionKind::Percent;
            end += 1;
        } else if pct2 {
            kind = MentionKind::Percent;
            end += 2;
        }
    }

    // Qualifiers before the number.
    if qualifier == Qualifier::Exact || qualifier == Qualifier::Vague {
        for q in lex
            .qualifiers
            .iter()
            .filter(|q| q.position == arqam_lexicon::QualifierPosition::Before)
        {
            let n = q.keys.len();
            if start < n {
                continue;
            }
            let matched = (0..n).all(|j| {
                let t = &tokens[start - n + j];
                t.kind == TokenKind::Word
                    && (t.key == q.keys[j]
                        || (j == 0 && t.key.strip_prefix('و') == Some(q.keys[j].as_str())))
            });
            if matched {
                start -= n;
                if qualifier == Qualifier::Exact {
                    qualifier = q.qualifier;
                }
                break;
            }
        }
    }
    match qualifier {
        Qualifier::AtLeast => high = None,
        Qualifier::AtMost => {
            high = low;
            low = None;
        }
        _ => {}
    }
    NumberMention {
        first_token: start,
        last_token: end,
        low,
        high,
        qualifier,
        kind,
        dual_unit: None,
        from_words: first.from_words,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arqam_normalize::tokenize;

    fn read(s: &str) -> Vec<(Option<f64>, Option<f64>, Qualifier, String)> {
        let lex = Lexicon::builtin();
        let toks = tokenize(s, Span::new(0, s.len()));
        find_numbers(s, &toks, &lex, &|_| false)
            .into_iter()
            .map(|m| {
                let sp = m.span(&toks);
                (m.low, m.high, m.qualifier, s[sp.start..sp.end].to_string())
            })
            .collect()
    }

    fn one(s: &str) -> (Option<f64>, Option<f64>, Qualifier) {
        let r = read(s);
        assert_eq!(r.len(), 1, "{s}: {r:?}");
        (r[0].0, r[0].1, r[0].2)
    }

    #[test]
    fn digits_in_every_script_with_scales() {
        assert_eq!(
            one("قتل ٣٥٠٠ شخص"),
            (Some(3500.0), Some(3500.0), Qualifier::Exact)
        );
        assert_eq!(
            one("نزح 5 آلاف شخص"),
            (Some(5000.0), Some(5000.0), Qualifier::Exact)
        );
        assert_eq!(
            one("يضم 70 ألف إنسان"),
            (Some(70000.0), Some(70000.0), Qualifier::Exact)
        );
        assert_eq!(
            one("نحو 1.5 مليون نازح"),
            (Some(1_500_000.0), Some(1_500_000.0), Qualifier::Approximate)
        );
        assert_eq!(one("۱۲ مقاتلا"), (Some(12.0), Some(12.0), Qualifier::Exact));
        assert_eq!(
            one("وصل 5000 آلاف سجين"),
            (Some(5000.0), Some(5000.0), Qualifier::Exact)
        );
    }

    #[test]
    fn number_word_compounds() {
        assert_eq!(one("خمسة آلاف وثلاثمائة وعشرون سجينا").0, Some(5320.0));
        assert_eq!(one("ثلاثة عشر قتيلا").0, Some(13.0));
        assert_eq!(one("خمسة وعشرون عنصرا").0, Some(25.0));
        assert_eq!(one("ثلاث مئة معتقل").0, Some(300.0));
        assert_eq!(one("مئتي مقاتل").0, Some(200.0));
        assert_eq!(one("مليون ونصف نازح").0, Some(1_500_000.0));
        assert_eq!(one("ألفين وخمسمائة").0, Some(2500.0));
    }

    #[test]
    fn vague_quantities_are_intervals() {
        assert_eq!(
            one("قتل العشرات منهم"),
            (Some(10.0), Some(99.0), Qualifier::Vague)
        );
        assert_eq!(one("بالمئات"), (Some(100.0), Some(999.0), Qualifier::Vague));
        assert_eq!(
            one("تقدر بعشرات الألوف"),
            (Some(10000.0), Some(99999.0), Qualifier::Vague)
        );
        assert_eq!(
            one("آلاف العناصر"),
            (Some(1000.0), Some(9999.0), Qualifier::Vague)
        );
    }

    #[test]
    fn ranges_and_qualifiers() {
        assert_eq!(
            one("بين 10 إلى 12 ألف سجين"),
            (Some(10000.0), Some(12000.0), Qualifier::Range)
        );
        assert_eq!(
            one("من ٢٠ إلى ٣٠ شخصا"),
            (Some(20.0), Some(30.0), Qualifier::Range)
        );
        assert_eq!(
            one("بين عشرين وثلاثين"),
            (Some(20.0), Some(30.0), Qualifier::Range)
        );
        assert_eq!(
            one("أكثر من 100 أسير"),
            (Some(100.0), None, Qualifier::AtLeast)
        );
        assert_eq!(
            one("ما لا يقل عن 40 قتيلا"),
            (Some(40.0), None, Qualifier::AtLeast)
        );
        assert_eq!(one("أقل من 30 طفلا"), (None, Some(30.0), Qualifier::AtMost));
        assert_eq!(read("نحو الـ100 عنصر")[0].3, "نحو الـ100");
    }

    #[test]
    fn duals_count_two_but_plain_words_in_een_do_not() {
        assert_eq!(one("منذ سنتين"), (Some(2.0), Some(2.0), Qualifier::Exact));
        assert_eq!(
            one("عربتين مفخختين"),
            (Some(2.0), Some(2.0), Qualifier::Exact)
        );
        assert!(read("الذين هاجموا المدنيين في السجن").is_empty());
    }

    #[test]
    fn ordinals_and_lone_one_are_not_counts() {
        assert!(read("في القرن الحادي عشر").is_empty());
        assert!(read("اليوم الخامس والعشرين").is_empty());
        assert!(read("قال أحد القادة").is_empty());
    }
}
