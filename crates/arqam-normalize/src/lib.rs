//! # arqam-normalize: display text, match keys, tokens and sentences
//!
//! Arabic as published varies in ways that must not change what a figure *is*: hamza and
//! alef spellings (`أ إ آ ا`), taa marbuta written as `ه`, alef maksura as `ي`, diacritics,
//! tatweel, four digit scripts, bidi and zero-width controls, presentation forms from old
//! PDFs. This crate keeps two things apart, as charabia and tokenizers do:
//!
//! - the **display text** ([`clean_display`]): lossless for a reader, NFC, with invisible
//!   controls removed and presentation forms mapped back to letters. Every offset of the
//!   dataset points into it;
//! - the **match key** of each token ([`fold_key`]): lossy, only for lookups (diacritics,
//!   tatweel, alef/hamza, taa marbuta, alef maksura folded; digits to ASCII). A key never
//!   leaves this process; each [`Token`] carries the byte [`Span`] of its display text, so
//!   alignment back to the text is by construction.
//!
//! It also splits paragraphs into [`SentenceSpan`]s. It never decides what a word means:
//! that is the lexicon's and the extractor's job.

use arqam_model::Span;
pub use compact_str::CompactString;
use unicode_normalization::UnicodeNormalization;

/// Characters removed from the display text: bidi controls, zero-width marks, BOM, NUL
/// and other C0 controls except tab and newline.
#[inline]
pub fn is_invisible_control(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}' // zero width space/non-joiner/joiner, LRM, RLM
        | '\u{202A}'..='\u{202E}' // embeddings and overrides
        | '\u{2066}'..='\u{2069}' // isolates
        | '\u{061C}' // Arabic letter mark
        | '\u{FEFF}' // BOM / zero width no-break space
        | '\u{00AD}' // soft hyphen
    ) || (c.is_control() && c != '\n' && c != '\t')
}

/// Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFC) are compatibility characters
/// that old PDF tool chains emit; NFKC maps each back to its letters.
#[inline]
pub fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}')
}

/// The characters of `s` other than printable ASCII, newlines and the basic Arabic letters
/// (U+0621–U+064A), with their byte offsets: the ones a pass over a whole text has to look
/// at. The common ones are recognised from their bytes (a letter is two bytes leading with
/// D8 or D9), not decoded.
pub fn uncommon_chars(s: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let bytes = s.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let b = bytes[i];
            if (0x20..=0x7E).contains(&b) || b == b'\n' {
                i += 1;
            } else if basic_letter_at(bytes, i).is_some() {
                i += 2;
            } else {
                let c = s[i..].chars().next().expect("i is a character boundary");
                let at = i;
                i += c.len_utf8();
                return Some((at, c));
            }
        }
        None
    })
}

/// The display form of a piece of input text: presentation forms mapped to letters,
/// invisible controls dropped, tabs and no-break spaces made spaces, then NFC.
pub fn clean_display(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Characters that stay as they are are copied a run at a time.
    let mut run_start = 0;
    let mut all_nfc_simple = true;
    // Printable ASCII, newlines and Arabic letters (most of the text) are kept as they are.
    for (at, c) in uncommon_chars(s) {
        let (invisible, space, form) =
            (is_invisible_control(c), matches!(c, '\t' | '\u{00A0}' | '\u{202F}' | '\u{2007}' | '\u{2009}'), is_presentation_form(c));
        if !(invisible || space || form) {
            all_nfc_simple &= nfc_simple(c);
            continue;
        }
        out.push_str(&s[run_start..at]);
        run_start = at + c.len_utf8();
        if space {
            out.push(' ');
        } else if form {
            // Lam-alef ligatures decompose to two letters; isolated forms to one (or, for
            // a harakah's isolated form, to a space and the combining mark).
            for d in std::iter::once(c).nfkc() {
                all_nfc_simple &= nfc_simple(d);
                out.push(d);
            }
        }
    }
    out.push_str(&s[run_start..]);
    // Nearly all published text has no character that can combine: it is NFC as it is.
    // Vowelled Arabic: harakat in canonical order after their letters are NFC too.
    if all_nfc_simple || harakat_in_order(&out) {
        return out;
    }
    // Space and newline never compose nor reorder with their neighbours: only the words
    // that may not be NFC are recomposed.
    let mut nfc = String::with_capacity(out.len());
    for word in out.split_inclusive([' ', '\n']) {
        if is_nfc(word) {
            nfc.push_str(word);
        } else {
            nfc.extend(word.nfc());
        }
    }
    nfc
}

/// Characters that are NFC by themselves and in any company: combining class 0 and NFC
/// quick check Yes (so nothing composes with them). Below U+0300; Arabic punctuation,
/// letters and both digit sets (not the Quranic marks U+0610–U+061A, which combine); the
/// general punctuation of U+2002–U+206F (quotes, dashes). A test checks each against the
/// Unicode tables. Only other characters (diacritics among them) need those tables.
#[inline]
fn nfc_simple(c: char) -> bool {
    c < '\u{0300}'
        || matches!(c, '\u{0600}'..='\u{060F}' | '\u{061B}'..='\u{064A}' | '\u{0660}'..='\u{066D}' | '\u{06F0}'..='\u{06F9}' | '\u{2002}'..='\u{206F}')
}

/// The combining class of the common harakat (fathatan to sukun, U+064B–U+0652: 27 to 34)
/// and the superscript alef (U+0670: 35); none of them composes with a letter.
fn haraka_class(c: char) -> Option<u8> {
    match c {
        '\u{064B}'..='\u{0652}' => Some(27 + (c as u32 - 0x064B) as u8),
        '\u{0670}' => Some(35),
        _ => None,
    }
}

/// Whether `s` is NFC because each of its characters is [`nfc_simple`] or a haraka
/// ([`haraka_class`]) in canonical order after the previous one. `false` only means "not
/// shown here": the caller then asks the Unicode tables.
fn harakat_in_order(s: &str) -> bool {
    let mut last = 0u8;
    for c in s.chars() {
        if nfc_simple(c) {
            last = 0;
            continue;
        }
        match haraka_class(c) {
            Some(cc) if cc >= last => last = cc,
            _ => return false,
        }
    }
    true
}

fn is_nfc(s: &str) -> bool {
    s.chars().all(nfc_simple) || unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes
}

/// The letters of the basic Arabic block (hamza to yeh), most of the characters of the text.
#[inline]
fn is_basic_arabic_letter(c: char) -> bool {
    ('\u{0621}'..='\u{064A}').contains(&c)
}

/// The basic Arabic letter whose UTF-8 starts at `bytes[i]`, read from its two bytes (they
/// lead with D8 or D9) without decoding: the fast path of the passes over whole texts.
#[inline]
fn basic_letter_at(bytes: &[u8], i: usize) -> Option<char> {
    let b = bytes[i];
    if !matches!(b, 0xD8 | 0xD9) {
        return None;
    }
    char::from_u32((u32::from(b & 0x1F) << 6) | u32::from(bytes[i + 1] & 0x3F)).filter(|&c| is_basic_arabic_letter(c))
}

/// `char::is_alphabetic`, answered without a table lookup for ASCII and the Arabic letters
/// (most characters of the text).
#[inline]
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        is_basic_arabic_letter(c) || c.is_alphabetic()
    }
}

/// `char::is_alphanumeric`, with the same shortcuts as [`is_letter`].
#[inline]
pub fn is_letter_or_digit(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        is_basic_arabic_letter(c) || c.is_alphanumeric()
    }
}

/// Arabic diacritics (harakat, tanween, shadda, sukun, superscript alef, Quranic marks).
#[inline]
pub fn is_diacritic(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0610}'..='\u{061A}')
}

/// The value of a decimal digit in ASCII, Arabic-Indic or Extended Arabic-Indic script.
#[inline]
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

#[inline]
pub fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

/// A letter of the Arabic script (not a digit, punctuation mark or diacritic).
#[inline]
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{066F}' | '\u{0671}'..='\u{06D3}'
        | '\u{06D5}' | '\u{06EE}'..='\u{06EF}' | '\u{06FA}'..='\u{06FF}' | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08C9}')
}

/// Part of an Arabic word: letters, diacritics and tatweel.
#[inline]
pub fn is_arabic_word_char(c: char) -> bool {
    is_arabic_letter(c) || is_diacritic(c) || c == '\u{0640}'
}

/// The lossy lookup key of a word: diacritics and tatweel removed, `أ إ آ ٱ` → `ا`,
/// `ة` → `ه`, `ى` → `ي`, digits of every script → ASCII.
pub fn fold_key(s: &str) -> String {
    // A key is never longer than its surface: one allocation.
    let mut key = String::with_capacity(s.len());
    key.extend(folded(s));
    key
}

/// The characters of [`fold_key`].
fn folded(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().filter_map(fold_char)
}

/// One character of a [`fold_key`]: `None` for a character the key drops.
#[inline]
fn fold_char(c: char) -> Option<char> {
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ة' => 'ه',
        'ى' => 'ي',
        'ک' => 'ك',
        'ی' => 'ي',
        '\u{0640}' => return None,
        // The other basic letters (most characters) stay as they are.
        c if is_basic_arabic_letter(c) => c,
        c if is_diacritic(c) => return None,
        c => match digit_value(c) {
            Some(d) => char::from_digit(d, 10).unwrap_or(c),
            None => c,
        },
    })
}

/// What kind of text a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// An Arabic word (letters, diacritics, tatweel).
    Word,
    /// A run of digits of one script, with inner separators (`1,500`, `٣٫٥`).
    Number,
    /// A word in Latin script.
    Latin,
    /// A URL, e-mail, hashtag or @handle: never holds a figure.
    Link,
    /// One punctuation or symbol character.
    Punct,
}

/// A token: its kind, its span in the display text and its match key.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub kind: TokenKind,
    pub span: Span,
    /// [`fold_key`] of the surface for words; the ASCII digits (with `.` decimal point, no
    /// thousands separators) for numbers; the surface otherwise.
    pub key: CompactString,
    /// Whitespace separates this token from the previous one.
    pub space_before: bool,
    /// The surface had an alef with hamza (`أ إ آ`) that the key folded to `ا`: `وأحد`
    /// ("and one") and `واحد` ("one") share a key.
    pub hamza: bool,
}

fn is_link_start(rest: &str) -> bool {
    rest.starts_with("http://") || rest.starts_with("https://") || rest.starts_with("www.") || rest.starts_with("pic.twitter.com")
}

/// The Arabic word that starts at `from`: its end, its [`fold_key`] and whether it has an
/// alef with hamza. One pass over the characters: the tokenizer's hottest loop.
fn scan_word(slice: &str, from: usize) -> (usize, CompactString, bool) {
    // The key is the surface with a few characters replaced or dropped: the unchanged runs
    // between them are copied whole (no re-validation of the key's bytes).
    let mut key = CompactString::default();
    let mut hamza = false;
    let bytes = slice.as_bytes();
    let mut run = from;
    let mut i = from;
    while i < bytes.len() {
        // Most characters are basic letters, read from their bytes.
        let c = match basic_letter_at(bytes, i) {
            Some(c) => c,
            None => {
                let c = slice[i..].chars().next().expect("i is a character boundary");
                if !is_arabic_word_char(c) {
                    break;
                }
                c
            }
        };
        hamza |= matches!(c, 'أ' | 'إ' | 'آ');
        let len = c.len_utf8();
        match fold_char(c) {
            Some(f) if f == c => {}
            folded => {
                key.push_str(&slice[run..i]);
                if let Some(f) = folded {
                    key.push(f);
                }
                run = i + len;
            }
        }
        i += len;
    }
    key.push_str(&slice[run..i]);
    (i, key, hamza)
}

/// The end of the run from `from` whose characters satisfy `keep`.
fn run_of(slice: &str, from: usize, keep: impl Fn(char) -> bool) -> usize {
    slice[from..].char_indices().find(|(_, d)| !keep(*d)).map_or(slice.len(), |(j, _)| from + j)
}

/// Splits `text[span]` into tokens. Letters and digits are separate tokens even when glued
/// (`الـ100`, `200هاجمي`), so the number layer sees the number and the lexicon the word.
pub fn tokenize(text: &str, span: Span) -> Vec<Token> {
    let slice = &text[span.start..span.end];
    let base = span.start;
    // About one token per six bytes of Arabic text: most sentences never grow the Vec.
    let mut tokens = Vec::with_capacity(slice.len() / 6 + 1);
    let mut pos = 0usize;
    let mut space_before = true;
    while let Some(c) = slice[pos..].chars().next() {
        // Most tokens are Arabic words: their test comes first.
        if is_arabic_word_char(c) {
            let (end, key, hamza) = scan_word(slice, pos);
            tokens.push(Token { kind: TokenKind::Word, span: Span::new(base + pos, base + end), key, space_before, hamza });
            space_before = false;
            pos = end;
            continue;
        }
        if c.is_whitespace() {
            space_before = true;
            pos += c.len_utf8();
            continue;
        }
        let start = pos;
        let rest = &slice[pos..];
        let sigil = (c == '#' || c == '@') && rest[1..].chars().next().is_some_and(is_letter_or_digit);
        let (kind, end) = if (matches!(c, 'h' | 'w' | 'p') && is_link_start(rest)) || sigil {
            // To the next whitespace or angle bracket; trailing punctuation stays outside.
            let mut end = run_of(slice, start + c.len_utf8(), |d| !(d.is_whitespace() || d == '<' || d == '>'));
            while end > start + 1 && slice[..end].ends_with(['.', ',', '،', ')', '"', '”']) {
                end -= slice[..end].chars().next_back().map_or(1, char::len_utf8);
            }
            (TokenKind::Link, end)
        } else if is_digit(c) {
            let mut end = start;
            loop {
                end = run_of(slice, end, is_digit);
                // A separator belongs to the number only between two digits.
                let mut it = slice[end..].chars();
                match (it.next(), it.next()) {
                    (Some(sep @ (',' | '.' | '٫' | '٬')), Some(d)) if is_digit(d) => end += sep.len_utf8(),
                    // The Arabic comma groups thousands only before exactly three digits.
                    (Some('،'), Some(d)) if is_digit(d) && slice[end + '،'.len_utf8()..].chars().take_while(|c| is_digit(*c)).count() == 3 => {
                        end += '،'.len_utf8()
                    }
                    _ => break,
                }
            }
            (TokenKind::Number, end)
        } else if is_letter(c) {
            (TokenKind::Latin, run_of(slice, start, |d| (is_letter(d) || d == '\'') && !is_arabic_word_char(d)))
        } else {
            (TokenKind::Punct, start + c.len_utf8())
        };
        let surface = &slice[start..end];
        let key = if kind == TokenKind::Number { number_key(surface).into() } else { CompactString::new(surface) };
        tokens.push(Token { kind, span: Span::new(base + start, base + end), key, space_before, hamza: false });
        space_before = false;
        pos = end;
    }
    tokens
}

/// The ASCII form of a digit run: `1,500` → `1500`, `٣٫٥` → `3.5`, `1,5` → `1.5`.
/// A `,`/`٬` followed by exactly three digits groups thousands; otherwise it is a decimal
/// comma. `.`/`٫` is a decimal point unless several of them group thousands (`1.500.000`).
pub fn number_key(s: &str) -> String {
    let groups: Vec<&str> = s.split([',', '.', '٫', '٬', '،']).collect();
    let seps: Vec<char> = s.chars().filter(|c| matches!(c, ',' | '.' | '٫' | '٬' | '،')).collect();
    let digits = |g: &str| g.chars().filter_map(digit_value).map(|d| char::from_digit(d, 10).unwrap_or('0')).collect::<String>();
    if seps.is_empty() {
        return digits(s);
    }
    let all_three = groups[1..].iter().all(|g| g.chars().count() == 3);
    let thousands_only = seps.iter().all(|c| matches!(c, ',' | '٬' | '،'));
    let same_sep = seps.iter().all(|c| *c == seps[0]);
    let mut out = String::new();
    if all_three && (thousands_only || (same_sep && seps.len() > 1)) {
        for g in &groups {
            out.push_str(&digits(g));
        }
        return out;
    }
    // The last separator is the decimal point (never the Arabic comma); earlier ones group
    // thousands.
    for (i, g) in groups.iter().enumerate() {
        if i + 1 == groups.len() && i > 0 {
            out.push('.');
        }
        out.push_str(&digits(g));
    }
    out
}

/// A sentence of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SentenceSpan {
    pub span: Span,
}

/// Splits `text[span]` into sentences at `.` `!` `?` `؟` `…` (and runs of them) followed
/// by whitespace, a closing quote or the end, never inside a number (`3.5`) or a URL.
/// Leading and trailing whitespace is left out of each sentence.
pub fn split_sentences(text: &str, span: Span) -> Vec<SentenceSpan> {
    let slice = &text[span.start..span.end];
    let bytes = slice.as_bytes();
    let mut out = Vec::new();
    let mut start = 0usize;
    let is_end_mark = |c: char| matches!(c, '.' | '!' | '?' | '؟' | '…');
    // Walked by bytes: the characters looked for are ASCII or open with a lead byte
    // (`؟` D8 9F, `…` E2 80 A6), which never occurs inside another character.
    let mut i = 0;
    while i < bytes.len() {
        let len = match bytes[i] {
            b'h' if slice[i..].starts_with("http://") || slice[i..].starts_with("https://") => {
                i = slice[i..].find(char::is_whitespace).map_or(slice.len(), |j| i + j);
                continue;
            }
            b'.' | b'!' | b'?' => 1,
            0xD8 if bytes[i + 1] == 0x9F => 2,
            0xE2 if bytes[i + 1..].starts_with(&[0x80, 0xA6]) => 3,
            _ => {
                i += 1;
                continue;
            }
        };
        // Extend over a run of terminators and closing quotes.
        let after = &slice[i + len..];
        let run = after.find(|c: char| !(is_end_mark(c) || matches!(c, '"' | '”' | '»' | ')'))).unwrap_or(after.len());
        let j = i + len + run;
        let next = slice[j..].chars().next();
        let prev_digit = slice[..i].chars().next_back().is_some_and(is_digit);
        let next_digit = after.chars().next().is_some_and(is_digit);
        let boundary = next.is_none_or(|n| n.is_whitespace()) && !(prev_digit && next_digit);
        if boundary {
            push_trimmed(&mut out, slice, span.start, start, j);
            start = j;
        }
        i = j;
    }
    push_trimmed(&mut out, slice, span.start, start, slice.len());
    out
}

fn push_trimmed(out: &mut Vec<SentenceSpan>, slice: &str, base: usize, start: usize, end: usize) {
    let piece = &slice[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(SentenceSpan { span: Span::new(base + start + lead, base + end - trail) });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn surfaces(text: &str) -> Vec<(&str, TokenKind)> {
        tokenize(text, Span::new(0, text.len())).into_iter().map(|t| (&text[t.span.start..t.span.end], t.kind)).collect()
    }

    #[test]
    fn fold_key_folds_spelling_variants() {
        assert_eq!(fold_key("أَلْفاً"), "الفا");
        assert_eq!(fold_key("مئة"), "مئه");
        assert_eq!(fold_key("إحدى"), "احدي");
        assert_eq!(fold_key("الـمدنيين"), "المدنيين");
        assert_eq!(fold_key("٣٥٠٠"), "3500");
        assert_eq!(fold_key("۱۲"), "12");
    }

    #[test]
    fn glued_digits_and_letters_are_separate_tokens() {
        assert_eq!(surfaces("الـ100 عنصر"), vec![("الـ", TokenKind::Word), ("100", TokenKind::Number), ("عنصر", TokenKind::Word)]);
        assert_eq!(surfaces("200هاجمي"), vec![("200", TokenKind::Number), ("هاجمي", TokenKind::Word)]);
        assert_eq!(surfaces("؛1عن")[1], ("1", TokenKind::Number));
    }

    #[test]
    fn links_and_hashtags_are_single_tokens() {
        let t = surfaces("رابط : <https://www.noonpost.com/43020/> و #داعش");
        assert!(t.contains(&("https://www.noonpost.com/43020/", TokenKind::Link)));
        assert!(t.contains(&("#داعش", TokenKind::Link)));
        assert!(!t.iter().any(|(_, k)| *k == TokenKind::Number));
    }

    #[test]
    fn number_keys_read_separators() {
        assert_eq!(number_key("1,500"), "1500");
        assert_eq!(number_key("٣٫٥"), "3.5");
        assert_eq!(number_key("1.5"), "1.5");
        assert_eq!(number_key("1,500,000"), "1500000");
        assert_eq!(number_key("1.500.000"), "1500000");
        assert_eq!(number_key("٢٬٥٠٠"), "2500");
        assert_eq!(number_key("1,5"), "1.5");
    }

    #[test]
    fn display_cleanup_removes_controls_and_maps_presentation_forms() {
        assert_eq!(clean_display("\u{200F}قسد\u{200E}"), "قسد");
        // ﻻ (lam-alef isolated) → لا ; ﺳﺠﻦ → سجن
        assert_eq!(clean_display("\u{FEFB}"), "لا");
        assert_eq!(clean_display("\u{FEB3}\u{FE9F}\u{FEE6}"), "سجن");
        assert_eq!(clean_display("a\u{0}b\tc"), "ab c");
        // A hamza written as a combining mark after alef is composed, in any word of a line.
        assert_eq!(clean_display("قال ا\u{0654}حمد\nسا\u{0654}ل"), "قال أحمد\nسأل");
    }

    #[test]
    fn sentences_split_at_terminators_not_in_numbers() {
        let text = "قتل 3.5 شخص. ثم هرب آخرون؟ نعم";
        let s: Vec<&str> = split_sentences(text, Span::new(0, text.len())).iter().map(|s| &text[s.span.start..s.span.end]).collect();
        assert_eq!(s, vec!["قتل 3.5 شخص.", "ثم هرب آخرون؟", "نعم"]);
    }

    #[test]
    fn simple_characters_and_harakat_agree_with_the_unicode_tables() {
        use unicode_normalization::char::canonical_combining_class;
        use unicode_normalization::{is_nfc_quick, IsNormalized};
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            if nfc_simple(c) {
                assert_eq!(canonical_combining_class(c), 0, "{:04X}", c as u32);
                assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{:04X}", c as u32);
            }
            if let Some(cc) = haraka_class(c) {
                assert_eq!(canonical_combining_class(c), cc, "{:04X}", c as u32);
                assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{:04X}", c as u32);
            }
        }
        // Shadda before fatha is the order people type; NFC puts the fatha first.
        assert!(!harakat_in_order("ب\u{0651}\u{064E}"));
        assert_eq!(clean_display("ب\u{0651}\u{064E}"), "ب\u{064E}\u{0651}");
    }

    /// The splitter as first written, a character at a time: the reference of the byte walk.
    fn split_sentences_by_chars(text: &str, span: Span) -> Vec<SentenceSpan> {
        let slice = &text[span.start..span.end];
        let mut out = Vec::new();
        let mut start = 0usize;
        let chars: Vec<(usize, char)> = slice.char_indices().collect();
        let mut k = 0;
        while k < chars.len() {
            let (i, c) = chars[k];
            if c == 'h' && (slice[i..].starts_with("http://") || slice[i..].starts_with("https://")) {
                while k < chars.len() && !chars[k].1.is_whitespace() {
                    k += 1;
                }
                continue;
            }
            if matches!(c, '.' | '!' | '?' | '؟' | '…') {
                // Extend over a run of terminators and closing quotes.
                let mut j = k + 1;
                while j < chars.len() && matches!(chars[j].1, '.' | '!' | '?' | '؟' | '…' | '"' | '”' | '»' | ')') {
                    j += 1;
                }
                let next = chars.get(j).map(|x| x.1);
                let prev_digit = k > 0 && is_digit(chars[k - 1].1);
                let next_digit = chars.get(k + 1).is_some_and(|x| is_digit(x.1));
                let boundary = next.is_none_or(|n| n.is_whitespace()) && !(prev_digit && next_digit);
                // `..` in a title is a pause, not an end, when followed by a word on the line.
                if boundary {
                    let end = chars.get(j).map_or(slice.len(), |x| x.0);
                    push_trimmed(&mut out, slice, span.start, start, end);
                    start = end;
                }
                k = j;
                continue;
            }
            k += 1;
        }
        push_trimmed(&mut out, slice, span.start, start, slice.len());
        out
    }

    proptest! {
        #[test]
        fn token_spans_are_in_order_and_on_char_boundaries(s in "\\PC{0,60}") {
            let toks = tokenize(&s, Span::new(0, s.len()));
            let mut last = 0;
            for t in toks {
                prop_assert!(t.span.start >= last && t.span.end > t.span.start);
                prop_assert!(s.is_char_boundary(t.span.start) && s.is_char_boundary(t.span.end));
                last = t.span.end;
            }
        }

        #[test]
        fn word_keys_are_the_folded_surface(s in "[\u{0621}-\u{0652}\u{0640}\u{0670} ]{0,80}") {
            // Keys of up to 24 bytes are inline, longer ones on the heap.
            for t in tokenize(&s, Span::new(0, s.len())).into_iter().filter(|t| t.kind == TokenKind::Word) {
                let surface = &s[t.span.start..t.span.end];
                let want = fold_key(surface);
                prop_assert_eq!(t.key.as_str(), want.as_str());
                prop_assert_eq!(t.hamza, surface.contains(['أ', 'إ', 'آ']));
            }
        }

        #[test]
        fn display_text_is_what_the_rules_say(s in "[a \t\n\u{0}\u{00A0}\u{200F}\u{FEFF}\u{0621}-\u{0655}\u{060C}\u{0660}-\u{0669}\u{0300}\u{FE70}-\u{FE72}\u{FE8D}-\u{FEFC}\u{FC5E}]{0,40}") {
            // Character by character: controls dropped, spaces made spaces, presentation
            // forms decomposed (NFKC), then NFC of the whole.
            let spelled: String = s
                .chars()
                .filter(|c| !is_invisible_control(*c))
                .flat_map(|c| match c {
                    '\t' | '\u{00A0}' => vec![' '],
                    c if is_presentation_form(c) => std::iter::once(c).nfkc().collect(),
                    c => vec![c],
                })
                .collect();
            let want: String = spelled.nfc().collect();
            prop_assert_eq!(clean_display(&s), want);
        }

        #[test]
        fn vowelled_text_is_told_nfc_as_the_tables_tell_it(s in "[ \u{0628}\u{0627}\u{064B}-\u{0655}\u{0670}\u{0610}\u{0618}“]{0,12}") {
            if harakat_in_order(&s) {
                prop_assert!(unicode_normalization::is_nfc(&s), "{:?}", s);
            }
        }

        #[test]
        fn uncommon_chars_are_all_but_ascii_newlines_and_letters(s in "[a \n\t\u{0}\u{0621}-\u{0655}\u{060C}\u{061C}\u{0660}\u{06F1}\u{FEFB}\u{1F600}]{0,40}") {
            let want: Vec<(usize, char)> = s.char_indices().filter(|&(_, c)| !((' '..='~').contains(&c) || c == '\n' || is_basic_arabic_letter(c))).collect();
            prop_assert_eq!(uncommon_chars(&s).collect::<Vec<_>>(), want);
        }

        #[test]
        fn display_text_is_nfc(s in "[a \u{0621}-\u{0655}\u{0670}\u{0300}-\u{0302}\u{00E9}\n]{0,40}") {
            let d = clean_display(&s);
            prop_assert!(unicode_normalization::is_nfc(&d), "{:?}", d);
        }

        #[test]
        fn sentences_split_as_a_char_by_char_reading_does(s in "[ a-z.؟!?…\"”»)0-9٣\u{0627}-\u{064A}]{0,80}|https?://[a-z.]{0,9} [a-z.؟]{0,9}") {
            let got: Vec<Span> = split_sentences(&s, Span::new(0, s.len())).into_iter().map(|x| x.span).collect();
            let want: Vec<Span> = split_sentences_by_chars(&s, Span::new(0, s.len())).into_iter().map(|x| x.span).collect();
            prop_assert_eq!(got, want);
        }

        #[test]
        fn sentences_lie_inside_the_paragraph(s in "[ a-z.؟!0-9\u{0627}-\u{064A}]{0,80}") {
            for sent in split_sentences(&s, Span::new(0, s.len())) {
                prop_assert!(sent.span.end <= s.len() && sent.span.start < sent.span.end);
                prop_assert_eq!(s[sent.span.start..sent.span.end].trim(), &s[sent.span.start..sent.span.end]);
            }
        }
    }
}
