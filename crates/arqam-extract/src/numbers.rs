//! The number layer: where a number stands in a token sequence and what interval it
//! denotes.
//!
//! First, what is **no quantity** is passed over: weekday names (`الاثنين`), clock times,
//! numeric dates, phone numbers, reference and list markers, digits in names (`كوفيد-19`),
//! digits after a label head (`القرار 2254`) unless a scale or counted noun follows. The
//! words that decide are in `number_context.csv` (see `arqam_lexicon::NumberRole`).
//!
//! Readings, tried at each token in this order:
//! - a **vague phrase** (`عشرات الآلاف`, `بضعة آلاف`), a **vague word** (`عشرات`, `مئات`,
//!   `بضعة`) or a plural scale standing alone (`آلاف`, `ملايين`) → an interval, qualifier
//!   `vague`; two of them hedged (`عشرات وربما مئات الملايين`) → one interval;
//! - **digits** of any script, with separators (a dot or `٫` before exactly three digits of
//!   a count groups thousands: `5.421 شخصا`; `ر` is a decimal point: `3ر5`), an article or
//!   preposition in front (`الـ100`, `لـ200`, `ال 570`), groups of three separated by
//!   spaces, a scale after them (`5 آلاف`, `1.5 مليون`, `(230) ألف`; a scale after a
//!   number already as large is redundant: `5000 آلاف` is 5000), and `ونصف` after the scale;
//! - **number words** joined by `و` into a compound, following Arabic order (units before
//!   tens, hundreds before both, scales multiplying what precedes them); `أحد` alone is
//!   "one of", not a count;
//! - a **dual noun** (`سنتين`, `عربتين`) → 2, with `ونصف` and qualifiers.
//!
//! A scale followed by a smaller whole number is **one number** with it (`37 ألفا و512`,
//! `3 ملايين و200 ألف`). Then **ranges** (`بين X و Y`, `بين X إلى Y`, `من X إلى Y`,
//! `X - Y`, `X ~ Y`; a scale after the second end applies to both; `ما بين`, `ما يتراوح
//! بين` and an approximator before it stay in the surface), **qualifiers** before or after
//! the number (`نحو`, `أكثر من`, `تجاوز`, `ما يصل إلى`, `أو أقل` …, from the lexicon, each
//! with whether its bound is inclusive; clitics on the first word kept: `بنحو`; a count head
//! or a verb's subject may stand between: `تجاوز عددهم 16 ألفا`, `تقل أعمارهم عن 16`),
//! comparison signs (`>=`), and a lower and an upper bound joined by `و`/`أو` merged into
//! one range. A number that names a time is dropped: after a year head (`عام ألفين
//! وعشرين`), before a month (`12 ربيع الأول`, `بين 3 و9 مارس`), a year after a month or
//! before an era mark. Ordinals (`الحادي عشر`), fractions (`ربع`, `خمسة أثمان`,
//! `واحد على مائة`, `9 من كل 10`) and percentages are their own kinds: the figure builder
//! keeps counts. A definite cardinal after a definite plural noun counts it (`الساعات
//! الست والثلاثين`), and `واحد` after a noun takes the noun (`سجن واحد`).
//!
//! Signs: `-` glued to the digits, `سالب`/`ناقص` before the number. Decimals: `.`/`٫`,
//! a leading point (`.77`), `فاصلة`. In clean text a digit run glued to the letters that
//! follow it (`١٨٠ميلي`, `20دولار`) is a code, not a number, unless those letters are a
//! person noun (`48معتقلا`) or open with a proclitic (`9لكل`); PDF text glues digits to
//! words by accident, so [`NumberOptions::glued_digits`] reads them there.

use arqam_lexicon::{Lexicon, NumberHints, NumberRole, NumberWord, NumberWordKind, QualifierPosition, Unit, UnitForm};
use arqam_model::{Qualifier, Span};
use arqam_normalize::{Token, TokenKind};

/// What kind of quantity a mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    Count,
    Percent,
    /// A dual noun: the noun itself is the count.
    Dual,
    /// A proportion (`ربع`, `خمسة أثمان`, `1/2`), not a count.
    Fraction,
    /// A rank (`الثالث`, `الحادي عشر`), not a count.
    Ordinal,
}

/// How the number layer reads a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NumberOptions {
    /// Read digits glued to the following letters (PDF-extracted text).
    pub glued_digits: bool,
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
    /// The unit a noun inside the surface is: a dual noun (`سنتين`), or the noun before an
    /// adjectival number (`سجن واحد`, `الساعات الست والثلاثين`).
    pub dual_unit: Option<Unit>,
    /// Read from words rather than digits.
    pub from_words: bool,
    pub low_inclusive: bool,
    pub high_inclusive: bool,
    /// Stated as an equality (`يساوي 20`).
    pub equal: bool,
}

impl NumberMention {
    pub fn span(&self, tokens: &[Token]) -> Span {
        tokens[self.first_token].span.cover(tokens[self.last_token].span)
    }

    fn new(first: usize, last: usize, low: f64, high: f64, qualifier: Qualifier, kind: MentionKind, from_words: bool) -> Self {
        NumberMention {
            first_token: first,
            last_token: last,
            low: Some(low),
            high: Some(high),
            qualifier,
            kind,
            dual_unit: None,
            from_words,
            low_inclusive: true,
            high_inclusive: true,
            equal: false,
        }
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
    fraction: bool,
}

impl Simple {
    fn exact(start: usize, end: usize, v: f64, from_words: bool) -> Self {
        Simple { start, end, low: v, high: v, vague: false, scale: None, from_words, fraction: false }
    }
}

/// Whether a ten-unit word of `numbers.csv` (`عشر`, `عشرة`) follows token `i` (`أحد عشر`,
/// `الأحد عشر`).
fn teen_after(tokens: &[Token], i: usize, lex: &Lexicon) -> bool {
    tokens.get(i + 1).is_some_and(|n| n.kind == TokenKind::Word && lex.number_word_exact(&n.key).is_some_and(|w| w.kind == NumberWordKind::TenUnit))
}

fn is_word(t: &Token, key: &str) -> bool {
    t.kind == TokenKind::Word && (t.key == key || arqam_lexicon::stems(&t.key).iter().any(|(_, s)| *s == key))
}

fn is_punct(t: Option<&Token>, set: &[&str]) -> bool {
    t.is_some_and(|t| t.kind == TokenKind::Punct && set.contains(&t.key.as_str()))
}

/// Finds every number in `tokens`. `skip` says which spans are taken (dates, markers).
pub fn find_numbers(tokens: &[Token], lex: &Lexicon, skip: &dyn Fn(Span) -> bool, opts: NumberOptions) -> Vec<NumberMention> {
    find_numbers_with(tokens, &|i| lex.number_hints(&tokens[i].key), lex, skip, opts)
}

/// As [`find_numbers`], with each word's [`NumberHints`] given by token index (a sentence's
/// [`arqam_lexicon::WordHints`], read once for every pass).
pub fn find_numbers_with(
    tokens: &[Token],
    hints: &dyn Fn(usize) -> NumberHints,
    lex: &Lexicon,
    skip: &dyn Fn(Span) -> bool,
    opts: NumberOptions,
) -> Vec<NumberMention> {
    let mut out: Vec<NumberMention> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        // In clean text, letters glued to the digits before them are part of a code
        // (`١مليون`, `20دولار`), like the digits themselves.
        let glued_to_digits = i > 0 && !tokens[i].space_before && tokens[i - 1].kind == TokenKind::Number && !opts.glued_digits;
        if skip(tokens[i].span) || tokens[i].kind == TokenKind::Link || glued_to_digits {
            i += 1;
            continue;
        }
        // A word that opens no number (most words) can still be a dual noun.
        if tokens[i].kind == TokenKind::Word {
            let hints = hints(i);
            if !hints.may_open_number {
                if hints.dual_noun {
                    if let Some(m) = read_dual_phrase(tokens, i, lex, skip, opts) {
                        i = m.last_token;
                        out.push(m);
                    }
                }
                i += 1;
                continue;
            }
            // `الاثنين` is Monday and `الأحد` Sunday, not "the two" or "the one" (but
            // `الأحد عشر` is "the eleven").
            if lex.number_context.has(&tokens[i].key, NumberRole::Weekday) && !teen_after(tokens, i, lex) {
                i += 1;
                continue;
            }
        }
        if let Some(next) = not_a_number_at(tokens, i, lex) {
            i = next;
            continue;
        }
        if let Some(m) = read_ordinal(tokens, i, lex) {
            i = m.last_token + 1;
            out.push(m);
            continue;
        }
        // `الصفحة 12`, `القرار 2254`: a label directly before digits, unless a scale or a
        // counted noun follows (`بلغ العدد 8 آلاف`, `العدد 240 طفلا`).
        let labelled = tokens[i].kind == TokenKind::Number && label_before(tokens, i, lex) && !counted_after(tokens, i, lex);
        if labelled {
            i += 1;
            continue;
        }
        if let Some(s) = read_simple(tokens, i, lex, skip, opts) {
            let mut mention = complete(tokens, s, lex, skip, opts);
            take_noun_before_one(tokens, &mut mention, lex);
            i = mention.last_token + 1;
            if !is_date_or_year(tokens, &mention, lex) {
                out.push(mention);
            }
            continue;
        }
        if let Some(m) = read_dual_phrase(tokens, i, lex, skip, opts) {
            i = m.last_token;
            out.push(m);
        }
        i += 1;
    }
    merge_bounds(tokens, out)
}

/// Digits that are part of something other than a quantity, read at token `i`: a clock
/// time (`11:45`), a numeric date (`2025-03-14`, `14/3/2025`), a phone number (`+963 21
/// 555 0199`), a reference marker (`[1]`, `(2)` with no counted noun after it) or a list
/// number opening a sentence (`1-`, `2)`). Returns the token after them.
fn not_a_number_at(tokens: &[Token], i: usize, lex: &Lexicon) -> Option<usize> {
    if tokens[i].kind != TokenKind::Number {
        return None;
    }
    let glued = |k: usize| tokens.get(k).filter(|t| !t.space_before);
    let glued_punct = |k: usize, set: &[&str]| glued(k).is_some_and(|t| t.kind == TokenKind::Punct && set.contains(&t.key.as_str()));
    let glued_number = |k: usize| glued(k).is_some_and(|t| t.kind == TokenKind::Number);
    // `21.06.2025` (its key `2106.2025`): a day and month before a year.
    if let Some((whole, year)) = tokens[i].key.split_once('.') {
        let year_like = year.len() == 4 && year.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y));
        if year_like && (3..=4).contains(&whole.len()) {
            return Some(i + 1);
        }
    }
    // `11:45`, `11:45:30`.
    if glued_punct(i + 1, &[":"]) && glued_number(i + 2) {
        let seconds = glued_punct(i + 3, &[":"]) && glued_number(i + 4);
        return Some(if seconds { i + 5 } else { i + 3 });
    }
    // Three digit groups joined by the same dash or slash; or two that are a day and a
    // month (`12-3`, `25/10`: a range of counts ascends, a fraction is proper).
    for sep in ["-", "/"] {
        if glued_punct(i + 1, &[sep]) && glued_number(i + 2) {
            if glued_punct(i + 3, &[sep]) && glued_number(i + 4) {
                return Some(i + 5);
            }
            // (`١١/١٠` is 1.1: a slash before a power of ten divides.)
            let (a, b) = (tokens[i].key.parse::<u32>().unwrap_or(0), tokens[i + 2].key.parse::<u32>().unwrap_or(0));
            let divides = sep == "/" && b == 10;
            if (1..=31).contains(&a) && (1..=12).contains(&b) && a > b && !divides {
                return Some(i + 3);
            }
        }
    }
    let before = |set: &[&str]| i > 0 && !tokens[i].space_before && tokens[i - 1].kind == TokenKind::Punct && set.contains(&tokens[i - 1].key.as_str());
    // `+963 21 555 0199`: a plus that opens a word (not `e+14`, `^+23`).
    let plus_opens = i > 0 && (i == 1 || tokens[i - 1].space_before);
    if before(&["+"]) && plus_opens {
        let mut k = i;
        while tokens.get(k + 1).is_some_and(|t| t.kind == TokenKind::Number || (t.kind == TokenKind::Punct && t.key == "-")) {
            k += 1;
        }
        return Some(k + 1);
    }
    // `كوفيد-19`, `إف-16`, `F-16`: digits joined to a name by a dash are part of the name.
    // (Not an exponent: `1.2e-3`.)
    let name_code = before(&["-", "–"])
        && i >= 2
        && !tokens[i - 1].space_before
        && (tokens[i - 2].kind == TokenKind::Word || (tokens[i - 2].kind == TokenKind::Latin && !matches!(tokens[i - 2].key.as_str(), "e" | "E")));
    if name_code {
        return Some(i + 1);
    }
    if before(&["["]) && glued_punct(i + 1, &["]"]) {
        return Some(i + 2);
    }
    if before(&["("]) && glued_punct(i + 1, &[")"]) && !counted_after(tokens, i + 1, lex) {
        return Some(i + 2);
    }
    // (The item's text may have been split off as the next sentence: `1.` alone.)
    let list_mark = i == 0
        && tokens[i].key.len() <= 2
        && glued_punct(1, &["-", "–", ")", "."])
        && tokens.get(2).is_none_or(|t| t.space_before && t.kind != TokenKind::Number);
    list_mark.then_some(2)
}

/// `سجن واحد`, `طفلا واحدا`: one is said as an adjective after its noun, which then
/// belongs to the surface and is the counted unit.
fn take_noun_before_one(tokens: &[Token], m: &mut NumberMention, lex: &Lexicon) {
    let lone_one = m.from_words && m.first_token == m.last_token && m.low == Some(1.0) && m.high == Some(1.0) && m.qualifier == Qualifier::Exact;
    if !lone_one || m.first_token == 0 || !lex.number_context.has_exact(&tokens[m.first_token].key, NumberRole::OneAdjective) {
        return;
    }
    let noun = &tokens[m.first_token - 1];
    // The adjective agrees in gender with its noun (`ساعة واحدة`, `يوم واحد`).
    let feminine_one = tokens[m.first_token].key.ends_with('ه');
    let agrees = noun.key.ends_with('ه') == feminine_one;
    if noun.kind != TokenKind::Word || !agrees || lex.number_context.has(&noun.key, NumberRole::Pronoun) {
        return;
    }
    if let Some((unit, form)) = lex.unit(&noun.key) {
        if form != UnitForm::Dual {
            m.first_token -= 1;
            m.dual_unit = Some(unit.clone());
        }
        return;
    }
    // A noun the lexicon does not know: a plain indefinite singular, without a preposition
    // or a pronoun glued to it (`وجبة واحدة`, `قاصر واحد`; not `الناتج واحد`, `لديها
    // واحد`, the idiom `لعملة واحدة`, a dual or plural adjective), and `واحد من` is
    // "one of".
    let glued = ["ها", "هم", "هن", "نا", "كم", "ين", "ون", "ان", "ات"].iter().any(|p| noun.key.ends_with(p)) || noun.key.starts_with(['ل', 'ب', 'ك']);
    let plain_noun = noun.key.chars().count() >= 3 && !noun.key.starts_with("ال") && !glued;
    let one_of = tokens.get(m.last_token + 1).is_some_and(|t| t.key == "من");
    if plain_noun && !one_of && lex.number_word(&noun.key).is_none() {
        m.first_token -= 1;
    }
}

/// Whether a label head stands before token `i`, directly or with an abbreviation's
/// stop or a colon between (`ص. 45`, `رقم: 3`).
fn label_before(tokens: &[Token], i: usize, lex: &Lexicon) -> bool {
    let mut k = i;
    if k > 1 && tokens[k - 1].kind == TokenKind::Punct && matches!(tokens[k - 1].key.as_str(), "." | ":") {
        k -= 1;
    }
    k > 0 && lex.number_context.has(&tokens[k - 1].key, NumberRole::Label)
}

/// Whether a scale word or a counted noun follows the digits at token `i` (`لعام` after a
/// law's number is "of the year", no counted noun).
fn counted_after(tokens: &[Token], i: usize, lex: &Lexicon) -> bool {
    tokens.get(i + 1).is_some_and(|n| {
        n.kind == TokenKind::Word && (lex.is_scale_word(&n.key) || (lex.unit(&n.key).is_some() && !lex.number_context.has(&n.key, NumberRole::YearHead)))
    })
}

/// A number that names a time rather than counts: after a year head (`عام 2020`, `سنة
/// ألفين وعشرين`; but `عام واحد` is one year), before a month (`12 ربيع الأول`, `بين 3 و9
/// مارس`), or a year before an era mark (`1443 هـ`).
fn is_date_or_year(tokens: &[Token], m: &NumberMention, lex: &Lexicon) -> bool {
    if !matches!(m.kind, MentionKind::Count) {
        return false;
    }
    let ctx = &lex.number_context;
    let is_month = |t: &Token| t.kind == TokenKind::Word && (ctx.has_exact(&t.key, NumberRole::Month) || !lex.months_starting_with(&t.key).is_empty());
    let lone_one = m.from_words && m.low == Some(1.0) && m.high == Some(1.0);
    let year_like = m.low.is_some_and(|v| v.fract() == 0.0 && (100.0..=2200.0).contains(&v));
    // `عام 2020`, `العام.2022`, and a year after its month (`تموز ألفين وتسعة عشر`,
    // `9 يونيو - 2019`).
    let mut k = m.first_token;
    while k > 0 && tokens[k - 1].kind == TokenKind::Punct && matches!(tokens[k - 1].key.as_str(), "-" | "/" | "،" | "," | ".") {
        k -= 1;
    }
    let after_year_head = k > 0 && ctx.has(&tokens[k - 1].key, NumberRole::YearHead) && !lone_one;
    // A counted noun after it makes it a count again (`في أيار 2000 شخص`).
    let after_month = year_like && m.low.is_some_and(|v| v >= 1900.0) && k > 0 && is_month(&tokens[k - 1]) && !counted_after(tokens, m.last_token, lex);
    // `12 ربيع الأول`, `3 مارس`, `23 من هذا الشهر`.
    let mut k = m.last_token + 1;
    if tokens.get(k).is_some_and(|t| t.key == "من") {
        k += 1;
        if tokens.get(k).is_some_and(|t| ctx.has_exact(&t.key, NumberRole::Demonstrative)) {
            k += 1;
        }
    }
    let before_month = tokens.get(k).is_some_and(is_month);
    let era = year_like && tokens.get(m.last_token + 1).is_some_and(|t| t.kind == TokenKind::Word && ctx.has_exact(&t.key, NumberRole::Era));
    // `من 2011 إلى 2020`: a span of years, unless a counted noun follows.
    let year = |v: Option<f64>| v.is_some_and(|v| v.fract() == 0.0 && (1900.0..=2100.0).contains(&v));
    let years = m.qualifier == Qualifier::Range && year(m.low) && year(m.high) && !counted_after(tokens, m.last_token, lex);
    after_year_head || after_month || before_month || era || years
}

/// `أكبر من 100 وأصغر من 300`: a lower bound followed by an upper bound is one range.
fn merge_bounds(tokens: &[Token], mentions: Vec<NumberMention>) -> Vec<NumberMention> {
    let mut out: Vec<NumberMention> = Vec::with_capacity(mentions.len());
    for m in mentions {
        if let Some(prev) = out.last_mut() {
            let joined = (prev.last_token + 1..m.first_token).all(|k| {
                let t = &tokens[k];
                matches!(t.key.as_str(), "و" | "او" | "،" | ",")
            }) && m.first_token - prev.last_token <= 4;
            // Only an interval that exists: `أكثر من 66 وأقل من 6` is two claims, not a range.
            let ordered = matches!((prev.low, m.high), (Some(l), Some(h)) if l < h);
            if joined && ordered && prev.qualifier == Qualifier::AtLeast && m.qualifier == Qualifier::AtMost && prev.kind == m.kind {
                prev.high = m.high;
                prev.high_inclusive = m.high_inclusive;
                prev.qualifier = Qualifier::Range;
                prev.last_token = m.last_token;
                continue;
            }
        }
        out.push(m);
    }
    out
}

/// A dual noun with what completes it as a number: `ونصف` after it, a qualifier before
/// it (`قرابة سنتين ونصف` = about 2.5 years).
fn read_dual_phrase(tokens: &[Token], i: usize, lex: &Lexicon, skip: &dyn Fn(Span) -> bool, opts: NumberOptions) -> Option<NumberMention> {
    let dual = read_dual(tokens, i, lex)?;
    let mut s = Simple::exact(i, i, 2.0, true);
    if let Some(half) = fraction_after(tokens, i, lex) {
        s.low += half;
        s.high = s.low;
        s.end = i + 1;
    }
    let c = complete(tokens, s, lex, skip, opts);
    Some(NumberMention { kind: MentionKind::Dual, dual_unit: dual.dual_unit, ..c })
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
    let mut m = NumberMention::new(i, i, 2.0, 2.0, Qualifier::Exact, MentionKind::Dual, true);
    m.dual_unit = Some(unit.clone());
    Some(m)
}

/// Ordinals: an ordinal word (`الثالث`, `أول`), or an article-bearing cardinal that goes on
/// as an ordinal (`الأحد عشر`, `الواحد والعشرون`), or an article-bearing ten alone
/// (`التسعون`); then `عشر` or `و` + a ten.
fn read_ordinal(tokens: &[Token], i: usize, lex: &Lexicon) -> Option<NumberMention> {
    let t = &tokens[i];
    if t.kind != TokenKind::Word {
        return None;
    }
    let definite = t.key.starts_with("ال") || t.key.starts_with("وال") || t.key.starts_with("بال") || t.key.starts_with("لل");
    // `الساعات الست والثلاثين`, `السنوات السبع`: a cardinal with the article after a
    // definite plural noun is that noun's count, not a rank.
    let after_plural = i > 0 && tokens[i - 1].key.starts_with("ال") && lex.unit(&tokens[i - 1].key).is_some_and(|(_, form)| form == UnitForm::Plural);
    let (mut value, needs_more) = if let Some(v) = lex.ordinal(&t.key) {
        (v as f64, false)
    } else if definite {
        let w = lex.number_word(&t.key).map(|(_, w)| w)?;
        match w.kind {
            NumberWordKind::Unit | NumberWordKind::TenUnit if after_plural && w.value >= 1.0 => (w.value, false),
            NumberWordKind::Unit if w.value >= 1.0 => (w.value, true),
            // `التسعون` is "the ninetieth", but after a preposition or comparison it is
            // the cardinal with the article (`فوق الثلاثين`, `في الخمسين من عمره`).
            NumberWordKind::Ten if !(i > 0 && lex.number_context.has_exact(&tokens[i - 1].key, NumberRole::Preposition)) => (w.value, false),
            _ => return None,
        }
    } else {
        return None;
    };
    let mut end = i;
    if let Some(n) = tokens.get(i + 1).filter(|n| n.kind == TokenKind::Word) {
        if teen_after(tokens, i, lex) && value < 10.0 {
            value += 10.0;
            end = i + 1;
        } else {
            // `و` + a ten with the article, glued or standalone.
            let (k, key) = if n.key == "و" { (i + 2, tokens.get(i + 2).map(|t| t.key.as_str())) } else { (i + 1, n.key.strip_prefix('و')) };
            if let Some(key) = key {
                if let Some(w) = key.strip_prefix("ال").and_then(|k| lex.number_word_exact(k)) {
                    if w.kind == NumberWordKind::Ten && value < 10.0 {
                        value += w.value;
                        end = k;
                    }
                }
            }
        }
    }
    if needs_more && end == i {
        return None;
    }
    // The counted plural noun before the cardinal is part of the surface and its unit.
    if after_plural && lex.ordinal(&t.key).is_none() {
        let mut m = NumberMention::new(i - 1, end, value, value, Qualifier::Exact, MentionKind::Count, true);
        m.dual_unit = lex.unit(&tokens[i - 1].key).map(|(u, _)| u.clone());
        return Some(m);
    }
    Some(NumberMention::new(i, end, value, value, Qualifier::Exact, MentionKind::Ordinal, true))
}

/// Reads one number (digits or words) starting at token `i`, with its sign.
fn read_simple(tokens: &[Token], i: usize, lex: &Lexicon, skip: &dyn Fn(Span) -> bool, opts: NumberOptions) -> Option<Simple> {
    // Callers look past a range link or `على`, which may end the sentence.
    let t = tokens.get(i)?;
    let mut s = match t.kind {
        TokenKind::Number => read_digits(tokens, i, lex, skip, opts)?,
        TokenKind::Word => read_words(tokens, i, lex, skip)?,
        _ => return None,
    };
    s = with_remainder(tokens, s, lex, skip);
    // Sign: a word before, or `-` glued to the digits and not between two numbers.
    if s.start > 0 {
        let p = &tokens[s.start - 1];
        let dash_sign =
            p.kind == TokenKind::Punct && p.key == "-" && !tokens[s.start].space_before && (s.start < 2 || tokens[s.start - 2].kind != TokenKind::Number);
        if (p.kind == TokenKind::Word && lex.number_context.has_exact(&p.key, NumberRole::Negative)) || dash_sign {
            // Negating an interval swaps its ends (`-مئات` is −999 to −100).
            (s.low, s.high) = (-s.high, -s.low);
            s.start -= 1;
        }
    }
    Some(s)
}

/// `37 ألفا و512`, `ألفين و340`, `27 ألفًا 846`, `3 ملايين و200 ألف`: a scale followed by a
/// smaller whole number (after `و`, or digits after a space) is one number with it.
fn with_remainder(tokens: &[Token], s: Simple, lex: &Lexicon, skip: &dyn Fn(Span) -> bool) -> Simple {
    let Some(scale) = s.scale else { return s };
    if s.vague || s.fraction || s.low != s.high {
        return s;
    }
    let Some(next) = tokens.get(s.end + 1).filter(|t| !skip(t.span)) else { return s };
    let k = match next.kind {
        // `و 328`, `و328`: the conjunction alone, the remainder after it.
        TokenKind::Word if next.key == "و" => s.end + 2,
        // `وخمسمائة`: the conjunction glued to a number word.
        TokenKind::Word if next.key.strip_prefix('و').is_some_and(|rest| lex.number_word_exact(rest).is_some()) => s.end + 1,
        TokenKind::Number if next.space_before => s.end + 1,
        _ => return s,
    };
    // After a scale the digits are a number even if the next word lost its space
    // (`51 ألفا و73وصل`).
    let Some(r) = read_simple(tokens, k, lex, skip, NumberOptions { glued_digits: true }) else { return s };
    let whole = !r.vague && !r.fraction && r.low == r.high && r.low.fract() == 0.0;
    if !whole || r.low < 1.0 || r.low >= scale {
        return s;
    }
    Simple { low: s.low + r.low, high: s.low + r.low, end: r.end, ..s }
}

fn read_digits(tokens: &[Token], i: usize, lex: &Lexicon, skip: &dyn Fn(Span) -> bool, opts: NumberOptions) -> Option<Simple> {
    arqam_model::work::step();
    let glued_after = |k: usize| tokens.get(k + 1).is_some_and(|n| !n.space_before && matches!(n.kind, TokenKind::Word | TokenKind::Latin));
    let mut key = tokens[i].key.clone();
    let mut end = i;
    let mut start = i;
    // Egyptian wire copy writes the decimal point as `ر`: `3ر5 مليون`.
    if let Some(decimals) = ra_decimal(tokens, i) {
        key = format!("{key}.{decimals}").into();
        end = i + 2;
    }
    // A digit run glued to letters is a code (`١٨٠ميلي`), unless the letters are a counted
    // noun of persons (`48معتقلا`) or a word opening with a proclitic (`9لكل`,
    // `6فالرقة`): reporting drops those spaces often.
    if !opts.glued_digits && glued_after(end) && !glued_word_stands_apart(tokens, end, lex) {
        return None;
    }
    // Thousands grouped by spaces: `12 500`.
    if !key.contains('.') && key.len() <= 3 {
        while let Some(n) = tokens.get(end + 1) {
            if n.kind == TokenKind::Number && n.space_before && n.key.len() == 3 && n.key.chars().all(|c| c.is_ascii_digit()) && !skip(n.span) {
                key.push_str(&n.key);
                end += 1;
            } else {
                break;
            }
        }
    }
    // A leading decimal point: `.77`, `٫٧٧`; but `.2022` is a year after a full stop.
    let year_after_stop = key.len() == 4 && key.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y));
    if i > 0
        && is_punct(tokens.get(i - 1), &[".", "٫"])
        && !tokens[i].space_before
        && (i == 1 || tokens[i - 1].space_before)
        && !key.contains('.')
        && !year_after_stop
    {
        key = format!("0.{key}").into();
        start = i - 1;
    }
    let mut value: f64 = key.parse().ok()?;
    if !value.is_finite() {
        return None;
    }
    if let Some(v) = dot_thousands(&key, tokens.get(end + 1), lex) {
        value = v;
    }
    // `N/D`: a proper fraction, or a power-of-ten denominator (`١١/١٠` = 1.1).
    if is_punct(tokens.get(end + 1), &["/"]) && !tokens[end + 1].space_before {
        if let Some(d) = tokens.get(end + 2).filter(|d| d.kind == TokenKind::Number && !d.space_before && !skip(d.span)) {
            let third = is_punct(tokens.get(end + 3), &["/"]);
            if let (Ok(den), false) = (d.key.parse::<f64>(), third) {
                let pow10 = den >= 10.0 && d.key.trim_start_matches('1').chars().all(|c| c == '0') && d.key.starts_with('1');
                if den > 0.0 && (value < den || pow10) && (opts.glued_digits || !glued_after(end + 2)) {
                    return Some(Simple { fraction: value < den, ..Simple::exact(start, end + 2, value / den, false) });
                }
            }
        }
    }
    // `1 فاصلة 5`: a decimal point said as a word.
    if let Some(frac) = decimal_word(tokens, end, lex, skip) {
        return Some(Simple::exact(start, frac.1, value + frac.0, false));
    }
    // An article or preposition glued in front belongs to the surface, and so does an
    // article written apart (`ال 570`, `الـ 24`).
    if i > 0 && start == i && tokens[i - 1].kind == TokenKind::Word {
        let prefix = tokens[i - 1].key.as_str();
        if (!tokens[i].space_before && arqam_lexicon::morphology::DIGIT_PROCLITICS.contains(&prefix)) || prefix == "ال" {
            start = i - 1;
        }
    }
    // `(230) ألف`: digits in parentheses with their scale outside.
    let parenthesised = i > 0 && start == i && is_punct(tokens.get(i - 1), &["("]) && is_punct(tokens.get(end + 1), &[")"]);
    if parenthesised && tokens.get(end + 2).is_some_and(|n| n.kind == TokenKind::Word && lex.is_scale_word(&n.key)) {
        start = i - 1;
        end += 1;
    }
    let mut scale = None;
    if let Some(n) = tokens.get(end + 1) {
        if n.kind == TokenKind::Word && !skip(n.span) {
            if let Some(w) = lex.number_word_exact(&n.key).or_else(|| lex.number_word_exact(n.key.trim_end_matches('ا'))) {
                if matches!(w.kind, NumberWordKind::Scale | NumberWordKind::ScalePlural | NumberWordKind::ScaleDual) {
                    let s = match w.kind {
                        NumberWordKind::ScaleDual => w.value / 2.0,
                        _ => w.value,
                    };
                    // A scale after a number already as large is the writer's redundancy.
                    if value < s {
                        value *= s;
                    }
                    scale = Some(s);
                    end += 1;
                    if let Some(frac) = fraction_after(tokens, end, lex) {
                        value += frac * s;
                        end += 1;
                    }
                } else if w.kind == NumberWordKind::Hundred && (1.0..10.0).contains(&value) && value.fract() == 0.0 {
                    // `٣ مائة` = 300; a remainder may follow (`٣ مائة و ٢١`).
                    value *= w.value;
                    scale = Some(w.value);
                    end += 1;
                }
            }
        }
    }
    Some(Simple { scale, ..Simple::exact(start, end, value, false) })
}

/// The decimals of `3ر5` read at token `i` (digits, a glued `ر`, glued digits).
fn ra_decimal(tokens: &[Token], i: usize) -> Option<&str> {
    tokens.get(i + 1).filter(|t| t.kind == TokenKind::Word && !t.space_before && t.key == "ر")?;
    let d = tokens.get(i + 2).filter(|t| t.kind == TokenKind::Number && !t.space_before && !t.key.contains('.'))?;
    Some(d.key.as_str())
}

/// Whether the letters glued after digit token `k` are a word of their own: a counted
/// noun of persons, or a word with a conjunction or preposition in front.
fn glued_word_stands_apart(tokens: &[Token], k: usize, lex: &Lexicon) -> bool {
    tokens.get(k + 1).is_some_and(|n| {
        let person = lex.unit(&n.key).is_some_and(|(u, _)| u.is_person());
        let proclitic = n.key.starts_with(['و', 'ف', 'ل', 'ب']) && arqam_lexicon::stems(&n.key).len() > 1;
        n.kind == TokenKind::Word && (person || proclitic)
    })
}

/// A dot or `٫` before exactly three digits groups thousands in a count (`5.421 شخصا`,
/// `٦٣٫٠٠٠ لاجئ`): the value without the separator. Only before the counted word; not
/// before a scale (`1.5 مليون`, and `12.650 ألف` reads the same either way) or a percent,
/// nor after a zero (`0.125`); a bare `4.800` stays a decimal.
fn dot_thousands(key: &str, next: Option<&Token>, lex: &Lexicon) -> Option<f64> {
    let (whole, decimals) = key.split_once('.')?;
    if decimals.len() != 3 || whole == "0" || whole.is_empty() || decimals.contains('.') {
        return None;
    }
    let counted = next.is_some_and(|n| n.kind == TokenKind::Word && !lex.is_scale_word(&n.key) && !lex.number_context.has_exact(&n.key, NumberRole::Percent));
    if !counted {
        return None;
    }
    format!("{whole}{decimals}").parse().ok()
}

/// `فاصلة` + digits or a number word after token `end`: the decimal part and its last token.
fn decimal_word(tokens: &[Token], end: usize, lex: &Lexicon, skip: &dyn Fn(Span) -> bool) -> Option<(f64, usize)> {
    let w = tokens.get(end + 1)?;
    if !(w.kind == TokenKind::Word && lex.number_context.has_exact(&w.key, NumberRole::DecimalPoint)) {
        return None;
    }
    let n = tokens.get(end + 2)?;
    let digits: String = match n.kind {
        TokenKind::Number if !n.key.contains('.') => n.key.to_string(),
        TokenKind::Word => {
            let s = read_compound(tokens, end + 2, lex, skip)?;
            if s.end != end + 2 {
                return None;
            }
            format!("{}", s.low)
        }
        _ => return None,
    };
    let v: f64 = format!("0.{digits}").parse().ok()?;
    Some((v, end + 2))
}

/// `ونصف`, `وربع` after a scale word.
fn fraction_after(tokens: &[Token], end: usize, lex: &Lexicon) -> Option<f64> {
    let n = tokens.get(end + 1)?;
    let stem = n.key.strip_prefix('و')?;
    let w = lex.fraction(stem)?;
    (w.kind == NumberWordKind::Fraction).then_some(w.value)
}

fn read_words(tokens: &[Token], i: usize, lex: &Lexicon, skip: &dyn Fn(Span) -> bool) -> Option<Simple> {
    let t = &tokens[i];
    // Part of an ordinal (`الحادي عشر`, `الخامس والعشرين`)?
    if i > 0 && tokens[i - 1].kind == TokenKind::Word && lex.ordinal(&tokens[i - 1].key).is_some() {
        return None;
    }
    // Vague phrases first (`عشرات الآلاف`). The word's readings are found once, not once
    // per phrase.
    let readings = arqam_lexicon::stems(&t.key);
    let opens = |key: &str| t.kind == TokenKind::Word && readings.iter().any(|(_, s)| *s == key);
    for (keys, low, high) in &lex.vague_phrases {
        if keys.len() == 2 && opens(&keys[0]) {
            if let Some(n) = tokens.get(i + 1) {
                let second = keys[1].strip_prefix("ال").unwrap_or(&keys[1]);
                if n.kind == TokenKind::Word && (n.key == keys[1] || is_word(n, second)) {
                    return Some(Simple { vague: true, high: *high, ..Simple::exact(i, i + 1, *low, true) });
                }
            }
        }
    }
    let cardinal = lex.number_word(&t.key).map(|(_, w)| w);
    // Fractions: unambiguous words (`ربع`), or `خمس` before a definite noun (a fifth of
    // the pie), since the cardinal takes an indefinite noun (`خمس سنوات`).
    if let Some(f) = lex.fraction(&t.key).filter(|f| f.kind == NumberWordKind::Fraction) {
        let definite_next = tokens.get(i + 1).is_some_and(|n| n.kind == TokenKind::Word && n.key.starts_with("ال") && lex.number_word(&n.key).is_none());
        if cardinal.is_none() || definite_next {
            return Some(Simple { fraction: true, ..Simple::exact(i, i, f.value, true) });
        }
    }
    let w = cardinal?;
    match w.kind {
        NumberWordKind::Vague { high } => {
            // `عدة`/`بضعة` only quantify a following noun.
            let next_word = tokens.get(i + 1).is_some_and(|n| n.kind == TokenKind::Word);
            if w.value < 10.0 && !next_word {
                return None;
            }
            Some(Simple { vague: true, high, ..Simple::exact(i, i, w.value, true) })
        }
        NumberWordKind::ScalePlural => Some(Simple { vague: true, high: w.value * 10.0 - 1.0, ..Simple::exact(i, i, w.value, true) }),
        NumberWordKind::Fraction | NumberWordKind::FractionPlural => None,
        _ => {
            // `أي واحد`, `كل واحد`: a pronoun, not a number.
            if w.value == 1.0 && i > 0 && lex.number_context.has_exact(&tokens[i - 1].key, NumberRole::Quantifier) {
                return None;
            }
            // `أحد السجون` is "one of the prisons": `أحد` counts only in `أحد عشر`.
            let teen_follows = teen_after(tokens, i, lex);
            // (`واحد` is itself "one", not `و` + `أحد`.)
            let ctx = &lex.number_context;
            let partitive =
                ctx.has_exact(&t.key, NumberRole::PartitiveOne) || (lex.number_word_exact(&t.key).is_none() && ctx.has(&t.key, NumberRole::PartitiveOne));
            if w.value == 1.0 && !teen_follows && partitive {
                return None;
            }
            let mut s = read_compound(tokens, i, lex, skip)?;
            // `خمسة أثمان` = 5/8.
            if let Some(n) = tokens.get(s.end + 1) {
                if let Some(f) = lex.fraction(&n.key).filter(|f| f.kind == NumberWordKind::FractionPlural) {
                    s.low *= f.value;
                    s.high = s.low;
                    s.end += 1;
                    s.fraction = true;
                    return Some(s);
                }
            }
            if let Some(frac) = decimal_word(tokens, s.end, lex, skip) {
                s.low += frac.0;
                s.high = s.low;
                s.end = frac.1;
            }
            Some(s)
        }
    }
}

/// Accumulates number words joined by `و` (glued or standalone), or directly for scales,
/// teens and the units after a hundred (`متين تلاتة وستين`).
fn read_compound(tokens: &[Token], i: usize, lex: &Lexicon, skip: &dyn Fn(Span) -> bool) -> Option<Simple> {
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
        // A standalone `و` joins the next word.
        let (word_k, joined) = if k > i && t.key == "و" {
            match tokens.get(k + 1) {
                Some(n) if n.kind == TokenKind::Word => (k + 1, true),
                _ => break,
            }
        } else {
            // `وأحد` folds to `واحد` ("one"): the joined reading comes first.
            // ... unless the surface spells `واحد` ("one") without a hamza.
            (k, k > i && t.key.strip_prefix('و').is_some_and(|rest| lex.number_word_exact(rest).is_some()) && (t.key != "واحد" || t.hamza))
        };
        let wt = &tokens[word_k];
        let word = if k == i {
            lex.number_word(&wt.key).map(|(_, w)| w)
        } else if joined {
            lex.number_word_exact(if wt.key.starts_with('و') && word_k == k { &wt.key['و'.len_utf8()..] } else { &wt.key })
        } else {
            lex.number_word_exact(&wt.key)
        };
        let Some(w) = word else { break };
        let after_hundreds = current > 0.0 && current % 100.0 == 0.0;
        let accepted = match w.kind {
            NumberWordKind::Unit => {
                // Spoken `متين واحد وعشرين` (221) goes on with `و`; in `متين واحد` ("200
                // persons") `واحد` is the counted noun.
                let continues = tokens.get(word_k + 1).is_some_and(|n| {
                    n.kind == TokenKind::Word && (n.key == "و" || n.key.strip_prefix('و').is_some_and(|r| lex.number_word_exact(r).is_some()))
                });
                let ok = k == i || (joined && current % 100.0 == 0.0) || (!joined && after_hundreds && continues);
                if ok {
                    current += w.value;
                }
                ok
            }
            NumberWordKind::TenUnit => {
                // `ثلاثة عشر`, and after a hundred `مائة وأحد عشر`.
                let teen = !joined && current % 100.0 > 0.0 && current % 100.0 < 10.0;
                let ok = k == i || teen || (current % 100.0 == 0.0 && (joined || after_hundreds));
                if ok {
                    current += 10.0;
                }
                ok
            }
            NumberWordKind::Teen => {
                let ok = k == i || (current % 100.0 == 0.0 && (joined || after_hundreds));
                if ok {
                    current += w.value;
                }
                ok
            }
            NumberWordKind::Ten => {
                let low = current % 100.0;
                let ok = k == i || (joined && low < 10.0) || (!joined && after_hundreds);
                if ok {
                    current += w.value;
                }
                ok
            }
            NumberWordKind::Hundred => {
                let times = !joined && current > 0.0 && current < 10.0;
                let ok = k == i || times || (joined && current == 0.0);
                if times {
                    current *= 100.0; // ثلاث مئة
                } else if ok {
                    current += 100.0;
                }
                ok
            }
            NumberWordKind::Hundreds => {
                let ok = k == i || (joined && current == 0.0);
                if ok {
                    current += w.value;
                }
                ok
            }
            NumberWordKind::Scale | NumberWordKind::ScalePlural | NumberWordKind::ScaleDual => {
                // After a count, `ألفا`/`مليونا` is the accusative singular (`أحد عشر ألفا`),
                // not the dual it is alone.
                let w = if w.kind == NumberWordKind::ScaleDual && current > 0.0 { NumberWord { value: w.value / 2.0, kind: NumberWordKind::Scale } } else { w };
                let below = last_scale.is_none_or(|s| w.value < s);
                let ok = below && (k == i || !joined || current == 0.0);
                if ok {
                    let mult = if current == 0.0 { 1.0 } else { current };
                    total += if w.kind == NumberWordKind::ScaleDual { w.value } else { mult * w.value };
                    current = 0.0;
                    last_scale = Some(if w.kind == NumberWordKind::ScaleDual { w.value / 2.0 } else { w.value });
                }
                ok
            }
            NumberWordKind::Fraction | NumberWordKind::FractionPlural | NumberWordKind::Vague { .. } => false,
        };
        if !accepted {
            break;
        }
        n_words += 1;
        end = word_k;
        k = word_k + 1;
    }
    if n_words == 0 {
        return None;
    }
    // `مليون ونصف`.
    if let (Some(s), Some(frac)) = (last_scale, fraction_after(tokens, end, lex)) {
        if current == 0.0 {
            total += frac * s;
            end += 1;
        }
    }
    let value = total + current;
    Some(Simple { scale: last_scale, ..Simple::exact(i, end, value, true) })
}

/// After a vague quantity ending at `end`: `و`/`أو`, hedge words (`ربما`, `بل`), then a
/// larger vague quantity. Returns it and the factor its scale puts on the first
/// (`عشرات وربما مئات الملايين`: a million, so 10 million to 999999999).
fn hedged_vague(tokens: &[Token], end: usize, lex: &Lexicon, skip: &dyn Fn(Span) -> bool, opts: NumberOptions) -> Option<(Simple, f64)> {
    let mut k = end + 1;
    let mut linked = false;
    while let Some(t) = tokens.get(k).filter(|t| t.kind == TokenKind::Word) {
        let conjunction = matches!(t.key.as_str(), "و" | "او");
        if conjunction || lex.number_context.has(&t.key, NumberRole::Hedge) {
            linked = true;
            k += 1;
        } else {
            break;
        }
    }
    if !linked || k > end + 4 {
        return None;
    }
    let second = read_simple(tokens, k, lex, skip, opts).filter(|s| s.vague)?;
    // The second's own base word (`مئات` 100) against its value (100000): the scale.
    let base = lex.number_word(&tokens[second.start].key).map(|(_, w)| w.value).filter(|b| *b > 0.0)?;
    Some((second, (second.low / base).max(1.0)))
}

/// Adds division, range, percent and qualifier readings around a simple number.
fn complete(tokens: &[Token], first: Simple, lex: &Lexicon, skip: &dyn Fn(Span) -> bool, opts: NumberOptions) -> NumberMention {
    let mut start = first.start;
    let mut end = first.end;
    let mut low = Some(first.low);
    let mut high = Some(first.high);
    let mut qualifier = if first.vague { Qualifier::Vague } else { Qualifier::Exact };
    let mut kind = if first.fraction { MentionKind::Fraction } else { MentionKind::Count };
    let (mut low_inclusive, mut high_inclusive, mut equal) = (true, true, false);

    // `X على Y` (X over Y), `واحد من Y` (one in Y) and `X من كل Y` (X in every Y) are
    // proportions.
    if !first.vague && !first.fraction {
        let word_at = |k: usize, w: &str| tokens.get(k).is_some_and(|t| t.kind == TokenKind::Word && t.key == w);
        let over = word_at(end + 1, "علي");
        let one_in = first.low == 1.0 && word_at(end + 1, "من");
        let in_every = word_at(end + 1, "من") && word_at(end + 2, "كل");
        let den_at = if in_every { end + 3 } else { end + 2 };
        if over || one_in || in_every {
            if let Some(den) = read_simple(tokens, den_at, lex, skip, opts).filter(|d| !d.vague && d.low != 0.0 && (!in_every || d.low >= first.low)) {
                let v = first.low / den.low;
                low = Some(v);
                high = Some(v);
                kind = MentionKind::Fraction;
                end = den.end;
            }
        }
    }

    // `عشرات وربما مئات الملايين`: two vague quantities hedged into one interval.
    if first.vague {
        if let Some((second, factor)) = hedged_vague(tokens, end, lex, skip, opts).filter(|(v, f)| v.low > first.high * f) {
            low = Some(first.low * factor);
            high = Some(second.high);
            end = second.end;
        }
    }

    // Ranges.
    // Both openers are asked of the same word: its readings are found once.
    let word_before = start.checked_sub(1).map(|k| &tokens[k]).filter(|t| t.kind == TokenKind::Word);
    let readings_before = word_before.map(|t| arqam_lexicon::stems(&t.key));
    let before_is = |w: &str| word_before.is_some_and(|t| t.key == w) || readings_before.as_ref().is_some_and(|r| r.iter().any(|(_, s)| *s == w));
    let opener_between = before_is("بين");
    let opener_from = before_is("من");
    if !first.vague && kind == MentionKind::Count {
        let mut k = end + 1;
        // What joins the two ends: `-`/`–`/`~` between numbers, `إلى`/`حتى`, or `و`
        // (alone or glued to the second end) after `بين`.
        let (link, skip_link) = match tokens.get(k) {
            Some(t) if t.kind == TokenKind::Punct => {
                let next_is_number = tokens.get(k + 1).is_some_and(|n| n.kind == TokenKind::Number);
                (matches!(t.key.as_str(), "-" | "–" | "—" | "~") && next_is_number, true)
            }
            Some(t) if t.kind == TokenKind::Word => {
                let to = lex.number_context.has_exact(&t.key, NumberRole::RangeTo);
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
            if let Some(second) = read_simple(tokens, k, lex, skip, opts).filter(|s| !s.vague && !s.fraction) {
                let mut a = first.low;
                if first.scale.is_none() {
                    if let Some(s) = second.scale {
                        if a * s <= second.low {
                            a *= s;
                        }
                    }
                }
                if a < second.low {
                    low = Some(a);
                    high = Some(second.high);
                    qualifier = Qualifier::Range;
                    high_inclusive = false;
                    end = second.end;
                    if opener_between || opener_from {
                        start -= 1;
                    }
                }
            }
        }
    }

    // Percentages: after the number, or `بالمائة` before it.
    if let Some(t) = tokens.get(end + 1) {
        let pct = (t.kind == TokenKind::Punct && (t.key == "%" || t.key == "٪"))
            || (t.kind == TokenKind::Word && lex.number_context.has_exact(&t.key, NumberRole::Percent));
        let pct2 =
            t.kind == TokenKind::Word && t.key == "في" && tokens.get(end + 2).is_some_and(|n| lex.number_context.has_exact(&n.key, NumberRole::PerHundred));
        if pct {
            kind = MentionKind::Percent;
            end += 1;
        } else if pct2 {
            kind = MentionKind::Percent;
            end += 2;
        }
    }
    if kind != MentionKind::Percent
        && start > 0
        && tokens[start - 1].kind == TokenKind::Word
        && lex.number_context.has_exact(&tokens[start - 1].key, NumberRole::Percent)
    {
        kind = MentionKind::Percent;
        start -= 1;
    }

    // Qualifiers before the number; before a range, only what opens or approximates it
    // (`ما يتراوح بين`, `نحو 6 إلى 7 آلاف` is still a range).
    if matches!(qualifier, Qualifier::Exact | Qualifier::Vague | Qualifier::Range) {
        let range = qualifier == Qualifier::Range;
        // `لا يتجاوز عدد المعتقلين 40`: the qualifier may govern `عدد` + a noun first.
        // `تجاوزت حصيلة القتلى 150 ألفا`, and with a pronoun (`تجاوز عددهم 20 ألفا`).
        let count_head = |k: usize| tokens[k].kind == TokenKind::Word && lex.number_context.has(&tokens[k].key, NumberRole::CountHead);
        let counted = start >= 2 && count_head(start - 2) && tokens[start - 1].kind == TokenKind::Word && lex.number_word(&tokens[start - 1].key).is_none();
        let counted_pronoun = start >= 1 && count_head(start - 1);
        let gap = if counted { 2 } else { usize::from(counted_pronoun) };
        let fits = |q: &&arqam_lexicon::QualifierPhrase| {
            q.position == QualifierPosition::Before
                && if range { matches!(q.qualifier, Qualifier::Range | Qualifier::Approximate) } else { q.qualifier != Qualifier::Range }
        };
        let at = start - gap;
        // Every phrase ends on the word before the number (or before the count head): its
        // readings are found once, and a phrase whose last word differs is passed over at
        // the cost of one comparison.
        let last_word = at.checked_sub(1).map(|k| &tokens[k]).filter(|t| t.kind == TokenKind::Word);
        let candidates = last_word.map(|t| qualifiers_ending_on(&t.key, lex)).unwrap_or_default();
        for q in candidates.into_iter().map(|i| &lex.qualifiers[i]).filter(fits) {
            let n = q.keys.len();
            // Clitics glued to the first word stay in the surface (`بنحو`, `لأكثر من`).
            let matches_at = |from: usize, j: usize| {
                let t = &tokens[from];
                t.kind == TokenKind::Word && (t.key == q.keys[j] || (j == 0 && is_word(t, &q.keys[j])))
            };
            let direct = at >= n && (0..n).all(|j| matches_at(at - n + j, j));
            // `تقل أعمارهم عن 15`: the verb's subject between the verb and its preposition.
            let split = !direct
                && n >= 2
                && at > n
                && lex.number_context.has_exact(&q.keys[n - 1], NumberRole::Preposition)
                && tokens[at - 2].kind == TokenKind::Word
                && lex.number_word(&tokens[at - 2].key).is_none()
                && matches_at(at - 1, n - 1)
                && (0..n - 1).all(|j| matches_at(at - n - 1 + j, j));
            if direct || split {
                start -= n + gap + usize::from(split);
                apply(q, &mut qualifier, &mut low_inclusive, &mut high_inclusive, &mut equal);
                break;
            }
        }
        // Comparison signs: `>`, `>=`, `< =`, `<`, `<=`.
        if qualifier == Qualifier::Exact && !equal {
            let mut ops = String::new();
            let mut k = start;
            while k > 0 && tokens[k - 1].kind == TokenKind::Punct && matches!(tokens[k - 1].key.as_str(), "<" | ">" | "=") && ops.len() < 3 {
                ops.insert_str(0, &tokens[k - 1].key);
                k -= 1;
            }
            let sign = match ops.as_str() {
                ">" => Some((Qualifier::AtLeast, false)),
                ">=" => Some((Qualifier::AtLeast, true)),
                "<" => Some((Qualifier::AtMost, false)),
                "<=" => Some((Qualifier::AtMost, true)),
                _ => None,
            };
            if let Some((q, inclusive)) = sign {
                qualifier = q;
                low_inclusive = inclusive;
                high_inclusive = inclusive;
                start = k;
            }
        }
    }
    // Qualifiers after the number (`أو أكثر`, `على الأقل`, `تقريبا`); a bound stated after
    // the number wins over an approximation before it (`حوالي 500 أو أقل`).
    if matches!(qualifier, Qualifier::Exact | Qualifier::Approximate) && !equal {
        // Right after the number, or after its counted noun (`40 شخصا على الأقل`).
        'after: for skip_noun in [0, 1] {
            if skip_noun == 1 && !tokens.get(end + 1).is_some_and(|t| t.kind == TokenKind::Word && lex.number_word(&t.key).is_none()) {
                break;
            }
            let at = end + 1 + skip_noun;
            // A phrase after the number starts with the word there (the index's key).
            let opening = tokens.get(at).filter(|t| t.kind == TokenKind::Word).map_or(&[][..], |t| lex.qualifiers_after_starting_with(&t.key));
            for q in opening.iter().map(|&i| &lex.qualifiers[i]) {
                let n = q.keys.len();
                let matched = (0..n).all(|j| tokens.get(at + j).is_some_and(|t| t.kind == TokenKind::Word && t.key == q.keys[j]));
                if matched {
                    // After the noun the surface stays number + noun.
                    if skip_noun == 0 {
                        end += n;
                    }
                    apply(q, &mut qualifier, &mut low_inclusive, &mut high_inclusive, &mut equal);
                    break 'after;
                }
            }
        }
    }
    // A bound keeps its own end of the interval (`لا تتجاوز مئات الآلاف`: up to 999999).
    match qualifier {
        Qualifier::AtLeast => high = None,
        Qualifier::AtMost => low = None,
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
        low_inclusive,
        high_inclusive,
        equal,
    }
}

/// The qualifier phrases (written before a number) that end on a word: on its key, or for
/// a one-word phrase on one of its readings through clitics (`بنحو`). Positions in the
/// lexicon, ascending, so the first that matches is the one a scan of the lexicon finds.
fn qualifiers_ending_on(key: &str, lex: &Lexicon) -> Vec<usize> {
    let mut out = lex.qualifiers_before_ending_with(key).to_vec();
    for (_, reading) in arqam_lexicon::stems(key).iter() {
        out.extend(lex.qualifiers_before_ending_with(reading).iter().filter(|&&i| lex.qualifiers[i].keys.len() == 1));
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn apply(q: &arqam_lexicon::QualifierPhrase, qualifier: &mut Qualifier, low_inclusive: &mut bool, high_inclusive: &mut bool, equal: &mut bool) {
    if q.qualifier == Qualifier::Exact {
        *equal = true;
        return;
    }
    // An approximator or opener before a range leaves it a range, ends as they were.
    if *qualifier == Qualifier::Range {
        return;
    }
    let bound = matches!(q.qualifier, Qualifier::AtLeast | Qualifier::AtMost);
    if matches!(*qualifier, Qualifier::Exact) || (matches!(*qualifier, Qualifier::Approximate | Qualifier::Vague) && bound) {
        *qualifier = q.qualifier;
    }
    *low_inclusive = q.inclusive;
    *high_inclusive = q.inclusive;
}

#[cfg(test)]
mod tests {
    use super::*;
    use arqam_normalize::tokenize;

    fn read(s: &str) -> Vec<(Option<f64>, Option<f64>, Qualifier, String)> {
        let lex = Lexicon::builtin();
        let toks = tokenize(s, Span::new(0, s.len()));
        find_numbers(&toks, &lex, &|_| false, NumberOptions::default())
            .into_iter()
            .map(|m| {
                let sp = m.span(&toks);
                (m.low, m.high, m.qualifier, s[sp.start..sp.end].to_string())
            })
            .collect()
    }

    fn one(s: &str) -> (Option<f64>, Option<f64>, Qualifier) {
        let r: Vec<_> = read(s);
        assert_eq!(r.len(), 1, "{s}: {r:?}");
        (r[0].0, r[0].1, r[0].2)
    }

    #[test]
    fn digits_in_every_script_with_scales() {
        assert_eq!(one("قتل ٣٥٠٠ شخص"), (Some(3500.0), Some(3500.0), Qualifier::Exact));
        assert_eq!(one("نزح 5 آلاف شخص"), (Some(5000.0), Some(5000.0), Qualifier::Exact));
        assert_eq!(one("يضم 70 ألف إنسان"), (Some(70000.0), Some(70000.0), Qualifier::Exact));
        assert_eq!(one("نحو 1.5 مليون نازح"), (Some(1_500_000.0), Some(1_500_000.0), Qualifier::Approximate));
        assert_eq!(one("۱۲ مقاتلا"), (Some(12.0), Some(12.0), Qualifier::Exact));
        assert_eq!(one("وصل 5000 آلاف سجين"), (Some(5000.0), Some(5000.0), Qualifier::Exact));
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
        assert_eq!(one("قتل العشرات منهم"), (Some(10.0), Some(99.0), Qualifier::Vague));
        assert_eq!(one("بالمئات"), (Some(100.0), Some(999.0), Qualifier::Vague));
        assert_eq!(one("تقدر بعشرات الألوف"), (Some(10000.0), Some(99999.0), Qualifier::Vague));
        assert_eq!(one("آلاف العناصر"), (Some(1000.0), Some(9999.0), Qualifier::Vague));
    }

    #[test]
    fn ranges_and_qualifiers() {
        assert_eq!(one("بين 10 إلى 12 ألف سجين"), (Some(10000.0), Some(12000.0), Qualifier::Range));
        assert_eq!(one("من ٢٠ إلى ٣٠ شخصا"), (Some(20.0), Some(30.0), Qualifier::Range));
        assert_eq!(one("بين عشرين وثلاثين"), (Some(20.0), Some(30.0), Qualifier::Range));
        assert_eq!(one("أكثر من 100 أسير"), (Some(100.0), None, Qualifier::AtLeast));
        assert_eq!(one("ما لا يقل عن 40 قتيلا"), (Some(40.0), None, Qualifier::AtLeast));
        assert_eq!(one("أقل من 30 طفلا"), (None, Some(30.0), Qualifier::AtMost));
        assert_eq!(read("نحو الـ100 عنصر")[0].3, "نحو الـ100");
    }

    #[test]
    fn duals_count_two_but_plain_words_in_een_do_not() {
        assert_eq!(one("منذ سنتين"), (Some(2.0), Some(2.0), Qualifier::Exact));
        assert_eq!(one("عربتين مفخختين"), (Some(2.0), Some(2.0), Qualifier::Exact));
        assert!(read("الذين هاجموا المدنيين في السجن").is_empty());
    }

    fn kinds(s: &str) -> Vec<(MentionKind, Option<f64>)> {
        let lex = Lexicon::builtin();
        let toks = tokenize(s, Span::new(0, s.len()));
        find_numbers(&toks, &lex, &|_| false, NumberOptions::default()).into_iter().map(|m| (m.kind, m.low)).collect()
    }

    #[test]
    fn ordinals_are_ranks_not_counts() {
        assert_eq!(kinds("في القرن الحادي عشر"), vec![(MentionKind::Ordinal, Some(11.0))]);
        assert_eq!(kinds("اليوم الخامس والعشرين"), vec![(MentionKind::Ordinal, Some(25.0))]);
        assert_eq!(kinds("لليوم الثالث على التوالي"), vec![(MentionKind::Ordinal, Some(3.0))]);
        // After a comparison the article-bearing ten is the cardinal.
        assert_eq!(kinds("عمرها فوق الثلاثين")[0].0, MentionKind::Count);
    }

    #[test]
    fn one_as_pronoun_and_codes_are_not_numbers() {
        assert!(kinds("أي واحد تفضل؟").is_empty());
        assert!(kinds("أريد ١٨٠ميلي لتر").is_empty());
        assert!(kinds("١مليون ليست رقم").is_empty());
    }

    #[test]
    fn fractions_signs_and_comparisons() {
        assert_eq!(kinds("اكلت خمس الفطيرة"), vec![(MentionKind::Fraction, Some(0.2))]);
        assert_eq!(kinds("قضى خمس سنوات"), vec![(MentionKind::Count, Some(5.0))]);
        assert_eq!(kinds("خمسة أثمان الكأس"), vec![(MentionKind::Fraction, Some(0.625))]);
        assert_eq!(kinds("درجة الحرارة سالب واحد"), vec![(MentionKind::Count, Some(-1.0))]);
        assert_eq!(one("أكبر من 100 وأصغر من 300"), (Some(100.0), Some(300.0), Qualifier::Range));
        assert_eq!(one("حوالي 500 أو أقل"), (None, Some(500.0), Qualifier::AtMost));
        assert_eq!(one("ارتفاعه >= 30"), (Some(30.0), None, Qualifier::AtLeast));
        // Found by the fuzzer: bounds that do not make an interval stay two claims.
        assert_eq!(kinds("أكبر من 66 وأصغر من 6").len(), 2);
        let neg: Vec<_> = read("سالب مئات");
        assert_eq!((neg[0].0, neg[0].1), (Some(-999.0), Some(-100.0)));
    }
}
