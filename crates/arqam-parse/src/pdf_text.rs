//! Text extracted from PDFs: reading-order repair, footnote bodies and markers.
//!
//! Extractors emit an Arabic PDF line as *chunks* (the PDF's text objects) in visual,
//! left-to-right order; inside a chunk the letters are in logical order. The repair finds
//! the chunks from evidence only and puts them back in logical (right-to-left) order:
//!
//! 1. a line splits into runs at gaps of two or more spaces;
//! 2. a run splits further where chunks were glued without a space: between digits and
//!    what touches them (`200هاجمي`: a number is a left-to-right island, so it sat at the
//!    visual edge of its chunk), after a punctuation mark glued before a letter (`،قدر`),
//!    after a closing quote glued to a word (`"داعش"انتمائه`), and inside a glued word that
//!    is unknown but splits into a known word and a stray letter (`الألوفت` → `الألوف` +
//!    `ت`, `نالهجوم` → `ن` + `الهجوم`) or a word and a number word (`شتبهألف`);
//! 3. the chunks of the line are reversed;
//! 4. a lone letter split off by a dropped diacritic joins the word it makes known, the
//!    next one (`م هاجمي` → `مهاجمي`) or the previous one (`السج ن` → `السجن`); never `و`.
//!
//! Before that, [`columns`] puts the lines of layout-mode text in reading order (column
//! gutters split, running heads and feet left out: `furniture` tells them by repetition
//! and by shape), and [`direction`] tells how the
//! extractor wrote them: in logical order with explicit marks (poppler), in visual order
//! with each number an object of its own (pypdf: numbers, brackets and percent signs become
//! chunks, Arabic-Indic digit strings are turned back), or character by character in
//! visual order (pdfminer: each line is read back whole).
//!
//! The words the repair needs (word endings, short words, the issue labels of references)
//! are the lexicon's (`pdf_words.csv`, `article_words.csv`); the letters it is written
//! around (the article `ال`, the conjunction `و`, proclitics and word-final letters) are
//! Arabic spelling, and stay here.
//!
//! "Known" means a word of the lexicons or a word the document itself uses at least
//! twice ([`Vocabulary`]). Footnote markers are found afterwards as the rising sequence
//! 1, 2, 3 … of small numbers through the body ([`find_markers`]), so a count such as
//! `200` is never a marker.

pub mod columns;
pub mod direction;
mod furniture;

use std::borrow::Cow;

use arqam_lexicon::{Map, Set};

use arqam_lexicon::{stems, ArticleWords, Lexicon, PdfWords};
use arqam_model::{Block, BlockKind, Diagnostic, DocMeta, FootnoteBody, FootnoteMarker, Span, Stage};
use arqam_normalize::{fold_key, is_arabic_letter, is_digit, tokenize, Token, TokenKind};

use crate::{Parsed, RawBlock};
pub use direction::VisualOrder;

/// Which words are real: the lexicons' and those the document uses twice or more.
pub struct Vocabulary<'a> {
    lex: &'a Lexicon,
    text: &'a str,
    /// How often the document uses each word, counted the first time it is asked for: text
    /// in logical order (poppler) rarely asks.
    counts: std::cell::OnceCell<Map<arqam_normalize::CompactString, usize>>,
    /// [`Vocabulary::known`] by word as written: the repair asks about the same words of a
    /// page many times.
    known_cache: std::cell::RefCell<Map<Box<str>, bool>>,
}

/// The bytes of text tokenized at once where a whole block or text is read.
const PIECE_BYTES: usize = 1 << 16;

/// Consecutive spans covering `text[span]`, each ending after a line break or a space once
/// it is `max` bytes long (a longer one only where no break comes sooner): a large text
/// tokenized a piece at a time, never a word cut in two.
fn pieces(text: &str, span: Span, max: usize) -> impl Iterator<Item = Span> + '_ {
    let bytes = &text.as_bytes()[..span.end];
    let mut start = span.start;
    std::iter::from_fn(move || {
        if start >= bytes.len() {
            return None;
        }
        let from = (start + max).min(bytes.len());
        let end = bytes[from..].iter().position(|&b| b == b'\n' || b == b' ').map_or(bytes.len(), |p| from + p + 1);
        let span = Span::new(start, end);
        start = end;
        Some(span)
    })
}

impl<'a> Vocabulary<'a> {
    pub fn new(lex: &'a Lexicon, text: &'a str) -> Self {
        Vocabulary { lex, text, counts: Default::default(), known_cache: Default::default() }
    }

    /// The document's word counts (see `counts`).
    fn counts(&self) -> &Map<arqam_normalize::CompactString, usize> {
        self.counts.get_or_init(|| {
            let mut counts: Map<arqam_normalize::CompactString, usize> = Map::default();
            // A piece at a time: the tokens of a whole large text would take several times
            // its size (issue 18). Pieces end at a line end or a space, never inside a word.
            for piece in pieces(self.text, Span::new(0, self.text.len()), PIECE_BYTES) {
                for t in tokenize(self.text, piece) {
                    if t.kind == TokenKind::Word {
                        *counts.entry(t.key).or_default() += 1;
                    }
                }
            }
            counts
        })
    }

    /// Whether a word (as written) is known.
    pub fn known(&self, word: &str) -> bool {
        arqam_model::work::step();
        if let Some(k) = self.known_cache.borrow().get(word) {
            return *k;
        }
        let known = self.known_uncached(word);
        self.known_cache.borrow_mut().insert(word.into(), known);
        known
    }

    fn known_uncached(&self, word: &str) -> bool {
        let key = fold_key(word);
        if key.chars().count() < 2 {
            return false;
        }
        // Stems shorter than three letters (`ال|هو`) say nothing about the word.
        self.lex.knows(&key) || stems(&key).into_iter().any(|(_, s)| s.chars().count() >= 3 && self.counts().get(s).is_some_and(|n| *n >= 2))
    }

    /// Used at least once as a word of its own in the document, or known.
    fn seen(&self, word: &str) -> bool {
        self.counts().contains_key(fold_key(word).as_str()) || self.known(word)
    }

    /// Known to the lexicons (not merely frequent in the document).
    fn lex_knows(&self, word: &str) -> bool {
        let key = fold_key(word.trim_matches(|c: char| !arqam_normalize::is_letter(c)));
        key.chars().count() >= 2 && self.lex.knows(&key)
    }

    fn is_scale_word(&self, word: &str) -> bool {
        self.lex.is_scale_word(&fold_key(word))
    }
}

/// How a line's digits touch Arabic letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DigitGlue {
    /// A digit directly touches an Arabic letter on either side (`200هاجمي`, `قرابة1`;
    /// `؛1عن` is punctuation).
    pub touching: bool,
    /// A digit is directly followed by an Arabic letter (`90تقدر`, `200هاجمي`): in logical
    /// text a number is never glued to the word after it, so this is a PDF's visual order.
    pub digit_before_letter: bool,
}

/// The [`DigitGlue`] of a line, in one pass.
pub fn digit_glue(line: &str) -> DigitGlue {
    // Most lines hold no digit at all: told from the bytes, without decoding a character.
    if !has_digit(line) {
        return DigitGlue::default();
    }
    let mut glue = DigitGlue::default();
    let (mut prev_digit, mut prev_letter) = (false, false);
    for c in line.chars() {
        let (digit, letter) = (is_digit(c), is_arabic_letter(c));
        if prev_digit && letter {
            return DigitGlue { touching: true, digit_before_letter: true };
        }
        glue.touching |= prev_letter && digit;
        (prev_digit, prev_letter) = (digit, letter);
    }
    glue
}

/// Whether a text holds a digit of any script ([`is_digit`]): an ASCII digit, or the UTF-8
/// of `٠`–`٩` (D9 A0–A9) or `۰`–`۹` (DB B0–B9).
fn has_digit(s: &str) -> bool {
    let b = s.as_bytes();
    (0..b.len()).any(|i| {
        b[i].is_ascii_digit() || (b[i] == 0xD9 && matches!(b.get(i + 1), Some(0xA0..=0xA9))) || (b[i] == 0xDB && matches!(b.get(i + 1), Some(0xB0..=0xB9)))
    })
}

fn has_rtl(s: &str) -> bool {
    s.chars().any(is_arabic_letter)
}

/// Splits a line into runs at gaps of two or more spaces.
fn runs(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b' ' {
            let mut j = i;
            while j < bytes.len() && bytes[j] == b' ' {
                j += 1;
            }
            if j - i >= 2 {
                if !line[start..i].trim().is_empty() {
                    out.push(line[start..i].trim());
                }
                start = j;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    if !line[start..].trim().is_empty() {
        out.push(line[start..].trim());
    }
    out
}

fn is_number_char(c: char) -> bool {
    is_digit(c) || matches!(c, '/' | '.' | ',' | '٫' | '٬')
}

/// Digits and the separators inside numbers only.
fn is_number(s: &str) -> bool {
    s.chars().all(is_number_char) && s.chars().any(is_digit)
}

fn is_bracket(c: char) -> bool {
    matches!(c, '(' | ')' | '[' | ']' | '«' | '»')
}

/// A sign that visual-order extractors write as an object of its own, apart from the
/// number or words it belongs to: a bracket or a percent sign.
fn is_own_object_char(c: char) -> bool {
    is_bracket(c) || matches!(c, '%' | '٪')
}

/// A piece made of such signs only.
fn is_own_object(s: &str) -> bool {
    !s.is_empty() && s.chars().all(is_own_object_char)
}

/// `12 / 3 / 2024` → `12/3/2024`, `على12 / 3` → `على12/3`: a visual-order extractor
/// writes the parts of a number with a separator (a date, a range of pages) as objects of
/// their own, in their left-to-right order. They are one number.
fn join_split_numbers(run: &str) -> Cow<'_, str> {
    if !run.contains(' ') || !run.contains(['/', '-', ':']) {
        return Cow::Borrowed(run);
    }
    let pieces: Vec<&str> = run.split(' ').filter(|p| !p.is_empty()).collect();
    let mut out: Vec<String> = Vec::with_capacity(pieces.len());
    let mut k = 0;
    while k < pieces.len() {
        let sep = |p: &str| matches!(p, "/" | "-" | ":");
        if let (Some(prev), Some(&s), Some(&next)) = (out.last_mut(), pieces.get(k), pieces.get(k + 1)) {
            // The number before the separator may be glued to a word (`على12 / 3`).
            if sep(s) && prev.ends_with(is_digit) && is_number(next) {
                prev.push_str(s);
                prev.push_str(next);
                k += 2;
                continue;
            }
        }
        out.push(pieces[k].to_string());
        k += 1;
    }
    Cow::Owned(out.join(" "))
}

/// A web or file address (`https://…`, `file:///…`, `www.…`).
fn is_address(piece: &str) -> bool {
    piece.contains("://") || piece.starts_with("www.")
}

/// Where a piece stands in its run: stray edge letters are only looked for at the edges.
#[derive(Clone, Copy)]
struct Edges<'d> {
    run_start: bool,
    run_end: bool,
    line_has_digit: bool,
    /// Lone letters opening a run of the line: the last letter of a word broken at a
    /// chunk's edge, whose other part is glued somewhere else on the line.
    dangling: &'d [char],
    /// What the document's digits say about the extractor's order.
    visual: VisualOrder,
}

/// The byte offsets inside a space-free piece where two glued chunks meet.
fn glue_points(piece: &str, vocab: &Vocabulary, edges: Edges<'_>) -> Vec<usize> {
    let mut cuts = Vec::new();
    let is_quote = |q: char| matches!(q, '"' | '”' | '“');
    // The two characters before the current one, and whether a quote stands before them.
    let mut chars = piece.char_indices();
    let Some((_, mut p)) = chars.next() else { return Vec::new() };
    let mut p2: Option<char> = None;
    let mut quote_before_p = false;
    for (k, (i, c)) in chars.enumerate().map(|(k, x)| (k + 1, x)) {
        // A digit group ends or begins (separators inside a number stay with it).
        let digit_edge = (is_digit(p) && !is_number_char(c))
            || (!is_number_char(p) && is_digit(c))
            || (is_number_char(p) && !is_digit(p) && is_digit(c) && p2.is_some_and(|x| !is_digit(x)));
        // A clause mark glued *before* a letter, or a closing quote glued to a word.
        let punct_edge = matches!(p, '،' | '؛' | '.' | ':' | '!' | '؟') && is_arabic_letter(c) && k == 1;
        let quote_edge = is_quote(p) && is_arabic_letter(c) && quote_before_p;
        // Taa marbuta and alef maksura only end a word: a letter after them starts another.
        let final_edge = matches!(p, 'ة' | 'ى') && is_arabic_letter(c);
        // Where each bidi run was an object of its own, a bracket or percent sign was one.
        let object_edge = edges.visual.numbers_are_objects && is_own_object_char(p) != is_own_object_char(c);
        if digit_edge || punct_edge || quote_edge || final_edge || object_edge {
            cuts.push(i);
        }
        quote_before_p |= is_quote(p);
        (p2, p) = (Some(p), c);
    }
    // Unknown glued words: a stray letter on either side of a known word, or a word
    // glued to a number word on a line that has numbers.
    let mut out = Vec::new();
    let mut last = 0;
    for cut in cuts.iter().copied().chain(std::iter::once(piece.len())) {
        let seg = &piece[last..cut];
        if seg.chars().all(|c| is_arabic_letter(c) || arqam_normalize::is_diacritic(c)) && may_split(seg, edges) && !vocab.known(seg) {
            // At the run's edge when only numbers or marks stand between it and the edge.
            let no_letters = |x: &str| !x.chars().any(is_arabic_letter);
            let seg_edges = Edges { run_start: edges.run_start && no_letters(&piece[..last]), run_end: edges.run_end && no_letters(&piece[cut..]), ..edges };
            if let Some(at) = word_split(seg, vocab, seg_edges) {
                out.push(last + at);
            }
        }
        if cut < piece.len() {
            out.push(cut);
        }
        last = cut;
    }
    out
}

/// Whether [`word_split`] could split a word at all, told without a lookup: it needs four
/// letters and an article at its start or after its first letter, a dangling letter on
/// the line, or digits on the line. (Most words fail this, and then need not be looked
/// up.)
fn may_split(seg: &str, edges: Edges<'_>) -> bool {
    let mut letters = seg.char_indices();
    let after_first = letters.nth(1).map(|(i, _)| i);
    letters.nth(1).is_some()
        && (seg.starts_with("ال") || after_first.is_some_and(|i| seg[i..].starts_with("ال")) || !edges.dangling.is_empty() || edges.line_has_digit)
}

/// Where an unknown glued word splits, if the evidence is clear.
fn word_split(seg: &str, vocab: &Vocabulary, edges: Edges<'_>) -> Option<usize> {
    let idx: Vec<usize> = seg.char_indices().map(|(i, _)| i).collect();
    let n = idx.len();
    if n < 4 {
        return None;
    }
    let (first, last) = (idx[1], idx[n - 1]);
    // `الألوفت` → `الألوف` + `ت`: a definite word takes no suffix letter, but `ي ة ه ا`
    // end real words (`الإسلامي`). `نالهجوم` → `ن` + `الهجوم`: a letter before the article
    // that is not a proclitic (`و ف ب ل ك`) is stray.
    // Edge glyphs only land at a run's edges. After an alef a letter is more likely the
    // root's (`الفار`) than stray.
    let stray_end = !matches!(seg[last..].chars().next(), Some('ي' | 'ة' | 'ه' | 'ا' | 'ى')) && !seg[..last].ends_with('ا');
    if edges.run_end && n > 4 && seg.starts_with("ال") && stray_end && vocab.known(&seg[..last]) {
        return Some(last);
    }
    let stray_start = !matches!(seg.chars().next(), Some('و' | 'ف' | 'ب' | 'ل' | 'ك'));
    if edges.run_start && n > 4 && seg[first..].starts_with("ال") && stray_start && vocab.known(&seg[first..]) {
        return Some(first);
    }
    // `البغداديالخطاب` → `البغدادي` + `الخطاب`: a word takes the article once, at its
    // start; a second article after a whole word (four letters or more) opens the next
    // word, when the document uses that word on its own. (`الاحتلالات` has an inner `ال`
    // too, but what follows it, `الات`, is too short to be a word with the article.)
    if seg.starts_with("ال") {
        for &at in idx.iter().skip(4) {
            let next = &seg[at..];
            if next.starts_with("ال") && next.chars().count() >= 5 && vocab.seen(next) {
                return Some(at);
            }
        }
    }
    // `لتنظيمحمد` on a line that opens a run with a lone `م`: the chunk edge fell inside
    // `لتنظيم`, whose last letter went to the other chunk, and `محمد` opens a third chunk
    // glued on. The split is where the glued word plus the lone letter makes a known word.
    for &l in edges.dangling {
        for &at in idx.iter().skip(3).take(n.saturating_sub(5)) {
            if vocab.known(&format!("{}{l}", &seg[..at])) {
                return Some(at);
            }
        }
    }
    // `شتبهألف` → `شتبه` + `ألف`: a scale word glued on, only where numbers are around.
    if edges.line_has_digit {
        for &at in idx.iter().skip(3) {
            if vocab.is_scale_word(&seg[at..]) {
                return Some(at);
            }
        }
    }
    None
}

/// The chunks of a run, in the run's (visual) order; each chunk in logical order.
fn chunks<'s>(run: &'s str, vocab: &Vocabulary, line_has_digit: bool, dangling: &[char], visual: VisualOrder) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current: Vec<&'s str> = Vec::new();
    let mut pieces: Vec<&str> = run.split(' ').filter(|p| !p.is_empty()).collect();
    // `و دولة،`: a conjunction before a clause's last word is in visual order; it opens
    // the next clause.
    if pieces.len() == 2 && pieces[0] == "و" && pieces[1].ends_with(['،', ',', '؛']) {
        pieces.swap(0, 1);
    }
    // A chunk of marks and numbers only (`. 4`) is in visual order too.
    if pieces.len() > 1 && pieces.iter().all(|p| !p.chars().any(arqam_normalize::is_letter)) {
        pieces.reverse();
    }
    let flush = |current: &mut Vec<&'s str>, out: &mut Vec<String>| {
        if !current.is_empty() {
            out.push(current.join(" "));
            current.clear();
        }
    };
    for (pi, piece) in pieces.iter().enumerate() {
        // An address is a left-to-right island written whole: its digits are its own, not
        // numbers glued to it (`tmp_4pfsb4d`, `report2021`).
        if is_address(piece) {
            current.push(piece);
            continue;
        }
        let edges = Edges { run_start: pi == 0, run_end: pi + 1 == pieces.len(), line_has_digit, dangling, visual };
        let mut last = 0;
        for cut in glue_points(piece, vocab, edges) {
            let segment = &piece[last..cut];
            last = cut;
            if visual.numbers_are_objects && (is_number(segment) || is_own_object(segment)) {
                flush(&mut current, &mut out);
                out.push(segment.to_string());
                continue;
            }
            current.push(segment);
            flush(&mut current, &mut out);
        }
        let rest = &piece[last..];
        // Where each number, bracket and percent sign was an object of its own on the page
        // (pypdf), it is a chunk wherever it stands.
        if visual.numbers_are_objects && (is_number(rest) || is_own_object(rest)) {
            flush(&mut current, &mut out);
            out.push(rest.to_string());
            continue;
        }
        // A single letter left glued at the end of a piece (`الدائرةك`) is a chunk of its
        // own: an edge glyph of the neighbouring object.
        if last > 0 && rest.chars().count() == 1 && rest.chars().all(is_arabic_letter) {
            out.push(rest.to_string());
            continue;
        }
        // A number glued after letters (`قرابة1 آلاف`) is an object of its own: the digits
        // were set left to right inside the right-to-left line, so the letters they touch
        // are not their neighbours in reading order. It is a chunk by itself.
        if last > 0 && is_number(rest) {
            out.push(rest.to_string());
            continue;
        }
        current.push(rest);
    }
    flush(&mut current, &mut out);
    out
}

/// A one-letter Arabic word other than `و`: a letter split off its word.
fn is_lone_letter(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(is_arabic_letter) && cs.next().is_none() && w != "و"
}

/// Joins a lone Arabic letter (not `و`) to the word it makes known: the next word
/// (`م هاجمي`), else the previous one (`السج ن`); with no evidence, to the next word
/// unless that is a short function word. Words come out one space apart.
fn join_lone_letters<'s>(s: &'s str, vocab: &Vocabulary) -> Cow<'s, str> {
    // Most lines have no lone letter and single spaces: they come out as they went in.
    if s.split(' ').all(|w| !w.is_empty() && !is_lone_letter(w)) {
        return Cow::Borrowed(s);
    }
    // Words are moved from `input` to `out` once each: linear in the line.
    let input: Vec<&str> = s.split(' ').filter(|w| !w.is_empty()).collect();
    let mut out: Vec<String> = Vec::with_capacity(input.len());
    let mut k = 0;
    while k < input.len() {
        let w = input[k];
        if !is_lone_letter(w) {
            out.push(w.to_string());
            k += 1;
            continue;
        }
        let next = input.get(k + 1).filter(|n| n.chars().next().is_some_and(is_arabic_letter)).copied();
        let prev = out.last().filter(|p| p.chars().last().is_some_and(is_arabic_letter)).cloned();
        let with_next = next.map(|n| format!("{w}{n}"));
        let with_prev = prev.as_ref().map(|p| format!("{p}{w}"));
        let with_both = prev.as_ref().zip(next).map(|(p, n)| format!("{p}{w}{n}"));
        if let Some(both) = with_both.filter(|x| vocab.known(x)) {
            // `الاشتبا ك ات` → `الاشتباكات`: a word broken on both sides of the letter.
            *out.last_mut().expect("prev exists") = both;
            k += 2;
        } else if let Some(joined) = with_next.filter(|x| vocab.known(x)) {
            out.push(joined);
            k += 2;
        } else if let Some(joined) = with_prev.filter(|x| vocab.known(x)) {
            *out.last_mut().expect("prev exists") = joined;
            k += 1;
        } else if let Some(n) = next.filter(|n| !vocab.lex.pdf.is_short_word(&fold_key(n))) {
            out.push(format!("{w}{n}"));
            k += 2;
        } else {
            out.push(w.to_string());
            k += 1;
        }
    }
    Cow::Owned(out.join(" "))
}

/// When a line opens with a word ending (`pdf_words.csv` role `word_ending`: plural, dual
/// and nisba suffixes, never words of their own), it continues the previous line's last
/// word: the ending and the rest of the line.
fn split_word_ending<'l>(line: &'l str, words: &PdfWords) -> Option<(&'l str, &'l str)> {
    let t = line.trim_start();
    let end = t.find(|c: char| !is_arabic_letter(c)).unwrap_or(t.len());
    let (first, rest) = t.split_at(end);
    (words.is_word_ending(first) && !rest.starts_with(is_digit)).then_some((first, rest.trim()))
}

/// Whether a bare alef stands right before a hamza-alef (`اأ`, `اإ`, `اآ`) or right
/// after `آ`: each swapped ligature [`fix_ligatures`] puts back holds one, and most words
/// none. (Arabic letters are two bytes, `D8 xx` here: a byte match is a letter match.)
fn has_alef_beside_hamza_alef(word: &str) -> bool {
    word.as_bytes().windows(4).any(|w| matches!(w, [0xD8, 0xA7, 0xD8, 0xA3 | 0xA5 | 0xA2] | [0xD8, 0xA2, 0xD8, 0xA7]))
}

/// Extractors write the lam-alef ligature's two letters in the wrong order (`األمن` for
/// `الأمن`, `ثالث` for `ثلاث`, `ال يقل` for `لا يقل`). An alef before a hamza-alef never
/// occurs in Arabic spelling, and a lone `ال` is never a word: those are swapped back
/// always; elsewhere `ال` → `لا` only when that makes a lexicon word of an unknown one.
pub fn fix_ligatures<'w>(word: &'w str, vocab: &Vocabulary) -> Cow<'w, str> {
    if word == "ال" {
        return "لا".into();
    }
    let mut w: Cow<str> = if has_alef_beside_hamza_alef(word) {
        word.replace("األ", "الأ").replace("اإل", "الإ").replace("اآل", "الآ").replace("آال", "آلا").into()
    } else {
        word.into()
    };
    // Only an inner `ال` can be a `لا` read backwards: a word without one stays as it is.
    // (`ا` leads with D8, which never continues a character: a byte match is a letter match.)
    let inner_al = w.as_bytes().get(1..).is_some_and(|b| b.windows(4).any(|x| x == "ال".as_bytes()));
    if !inner_al || vocab.lex_knows(&w) {
        return w;
    }
    // Try swapping each inner `ال` (not the article at the start).
    let positions: Vec<usize> = w.match_indices("ال").map(|(i, _)| i).filter(|&i| i > 0).collect();
    for i in positions {
        let swapped = format!("{}لا{}", &w[..i], &w[i + "ال".len()..]);
        if vocab.lex_knows(&swapped) {
            w = swapped.into();
            break;
        }
    }
    w
}

/// `٣ملايين` → `٣ ملايين`: in logical text a number is never glued to the word after it.
/// poppler ends each number's left-to-right embedding right where the next word begins,
/// and the embedding marks are gone from the display text.
fn space_numbers_from_words(line: &str) -> Cow<'_, str> {
    if !digit_glue(line).digit_before_letter {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len() + 8);
    let mut prev_digit = false;
    for c in line.chars() {
        if prev_digit && is_arabic_letter(c) {
            out.push(' ');
        }
        out.push(c);
        prev_digit = is_digit(c);
    }
    Cow::Owned(out)
}

/// A line already in logical order: only the ligature repair and lone letters.
fn fix_ligatures_in_line(line: &str, vocab: &Vocabulary) -> (String, Vec<&'static str>) {
    let spaced = space_numbers_from_words(line);
    let words: Vec<Cow<str>> = spaced.split_whitespace().map(|w| fix_ligatures(w, vocab)).collect();
    let ligatures = words.join(" ");
    let mut repairs = Vec::new();
    // The words differ from the line's own: a number was spaced from its word (one more
    // word) or a word's ligature was put back.
    if matches!(spaced, Cow::Owned(_)) || words.iter().zip(spaced.split_whitespace()).any(|(w, o)| w != o) {
        repairs.push("lam-alef ligatures put back");
    }
    (with_lone_letters_joined(ligatures, vocab, &mut repairs), repairs)
}

/// [`join_lone_letters`] on a line of single-spaced words, noting the repair when it
/// changed the line.
fn with_lone_letters_joined(line: String, vocab: &Vocabulary, repairs: &mut Vec<&'static str>) -> String {
    let joined = match join_lone_letters(&line, vocab) {
        Cow::Owned(j) => Some(j),
        Cow::Borrowed(_) => None,
    };
    match joined {
        Some(j) if j != line => {
            repairs.push("split letters rejoined");
            j
        }
        _ => line,
    }
}

/// The repaired logical form of one extracted line, and what was repaired (empty when
/// the line was already right).
pub fn repair_line(raw: &str, vocab: &Vocabulary, visual: VisualOrder) -> (String, Vec<&'static str>) {
    let indic = if visual.indic_reversed { direction::reverse_indic_numbers(raw) } else { Cow::Borrowed(raw) };
    let line = indic.as_ref();
    let rs = runs(line);
    let original = rs.join(" ");
    let line_has_digit = has_digit(line);
    // A run that opens with a lone letter (not `و`) before a mark or quote, which it cannot
    // join: its word's other part is in another chunk (`م “داعش”` … `لتنظيمحمد`).
    let dangling: Vec<char> = rs
        .iter()
        .filter_map(|r| {
            let mut ps = r.split(' ').filter(|p| !p.is_empty());
            let (first, second) = (ps.next()?, ps.next()?);
            let mut cs = first.chars();
            let c = cs.next()?;
            (cs.next().is_none() && is_arabic_letter(c) && c != 'و' && !second.starts_with(is_arabic_letter)).then_some(c)
        })
        .collect();
    let joined: Vec<Cow<str>> =
        if visual.numbers_are_objects { rs.iter().map(|r| join_split_numbers(r)).collect() } else { rs.iter().map(|r| Cow::Borrowed(*r)).collect() };
    let mut parts: Vec<String> = joined.iter().flat_map(|r| chunks(r, vocab, line_has_digit, &dangling, visual)).collect();
    let mut repairs = Vec::new();
    if line != raw {
        repairs.push("Arabic-Indic digits put back in reading order");
    }
    if parts.len() > rs.len() {
        repairs.push("glued numbers or words split");
    }
    if parts.len() > 1 && has_rtl(line) {
        parts.reverse();
    }
    // The glyphs of brackets an extractor wrote in visual order are mirrored.
    if visual.numbers_are_objects && has_rtl(line) && line.contains(is_bracket) {
        parts = parts.iter().map(|p| direction::mirror_brackets(p)).collect();
    }
    let in_order = join_chunks(&parts);
    if in_order != original {
        repairs.push("runs put back in logical order");
    }
    let mut ligature_fixed = false;
    for part in &mut parts {
        if let Some(fixed) = ligatures_fixed(part, vocab) {
            ligature_fixed = true;
            *part = fixed;
        }
    }
    let ligatures = if ligature_fixed { join_chunks(&parts) } else { in_order };
    if ligature_fixed {
        repairs.push("lam-alef ligatures put back");
    }
    let repaired = with_lone_letters_joined(ligatures, vocab, &mut repairs);
    (repaired, repairs)
}

/// The words of a chunk with [`fix_ligatures`] applied, or `None` when no word changed.
fn ligatures_fixed(chunk: &str, vocab: &Vocabulary) -> Option<String> {
    let words: Vec<Cow<str>> = chunk.split(' ').map(|w| fix_ligatures(w, vocab)).collect();
    // `ال` → `لا` comes back borrowed (a static word): compare the words, not the kind.
    words.iter().zip(chunk.split(' ')).any(|(w, o)| w != o).then(|| words.join(" "))
}

/// Chunks joined by spaces, except inside brackets that are chunks of their own.
fn join_chunks(parts: &[String]) -> String {
    let mut out = String::new();
    for p in parts {
        let opens_after = out.ends_with(['(', '[', '«']);
        let closes = p.starts_with([')', ']', '»']) || (matches!(p.as_str(), "%" | "٪") && out.ends_with(is_digit));
        if !out.is_empty() && !opens_after && !closes {
            out.push(' ');
        }
        out.push_str(p);
    }
    out
}

/// `d/m/yyyy` anywhere in the text.
fn has_numeric_date(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    chars.windows(3).any(|w| w[0].is_ascii_digit() && w[1] == '/' && w[2].is_ascii_digit()) && s.matches('/').count() >= 2
}

/// A reference ends with its date (`…، مركز الدراسات، 5/11/2020.`); a body line may
/// name a date anywhere (`اندلعت في 12/3/2024 على الطريق`) and is not a reference.
fn ends_with_numeric_date(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | '،' | ',' | ')' | '('));
    t.rsplit(' ').next().is_some_and(has_numeric_date)
}

/// A line that reads as a reference: it starts with a footnote number and carries a
/// Latin-script citation, a numeric date or an issue word (`العدد`).
fn is_footnote_start(line: &str, layout: &ArticleWords) -> bool {
    let t = line.trim_start();
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() || digits.len() > 3 {
        return false;
    }
    let rest = &t[digits.len()..];
    rest.starts_with(' ') && (rest.chars().any(|c| c.is_ascii_alphabetic()) || has_numeric_date(rest) || layout.mentions_issue(rest))
}

/// Parses PDF-extracted text: columns split ([`columns`]), repaired lines rebuilt into
/// paragraphs; reference lines kept as footnote blocks. `logical_order`: the extractor
/// marked its right-to-left runs ([`direction::explicit_rtl`]), so lines need no
/// reordering; otherwise the digits tell how the lines were written ([`VisualOrder`]).
pub fn parse(text: &str, lex: &Lexicon, logical_order: bool) -> Parsed {
    parse_pages(text, lex, Extraction { logical_order, glyphs: false }, &[])
}

/// What the decoder saw of how an extractor wrote a text.
#[derive(Debug, Clone, Copy, Default)]
pub struct Extraction {
    /// The extractor marked its right-to-left runs ([`direction::explicit_rtl`]): lines
    /// are in logical order.
    pub logical_order: bool,
    /// The letters came as named glyphs (presentation forms): pypdf, pdfminer.
    pub glyphs: bool,
}

/// [`parse`], with the input lines on which pages start (form feeds the display text no
/// longer has): columns and running heads are told per page.
pub fn parse_pages(text: &str, lex: &Lexicon, extraction: Extraction, page_starts: &[usize]) -> Parsed {
    let logical_order = extraction.logical_order;
    let vocab = Vocabulary::new(lex, text);
    // Lines written character by character in visual order are read back whole, and are
    // then in logical order.
    let reversed = !logical_order && direction::letters_reversed(text);
    let visual = if logical_order || reversed { VisualOrder::default() } else { VisualOrder::of_extraction(text, extraction.glyphs) };
    let mut parsed = Parsed { meta: DocMeta { language: "ar".into(), ..Default::default() }, ..Default::default() };
    let mut para: Vec<String> = Vec::new();
    // The input line of each entry of `para`.
    let mut para_lines: Vec<usize> = Vec::new();
    let mut para_line = 0;
    // The last footnote block: its input line and whether it still lacks its date.
    let mut last_footnote: Option<(usize, bool)> = None;
    let flush = |para: &mut Vec<String>, blocks: &mut Vec<RawBlock>, line: usize| {
        if !para.is_empty() {
            let text = para.join(" ");
            let kind = if text.trim_end().ends_with(':') && text.split_whitespace().count() <= 12 { BlockKind::Heading } else { BlockKind::Paragraph };
            blocks.push(RawBlock { kind, text, source_line: line });
            para.clear();
        }
    };
    let reading = columns::reading_order(text, page_starts, &lex.pdf);
    for line_no in reading.dropped {
        parsed.diagnostics.push(Diagnostic::new(
            Stage::Parse,
            "running_head_dropped",
            "dropped a line repeated at the top or bottom of the pages",
            Some(line_no),
        ));
        parsed.n_repaired_lines += 1;
    }
    for line_no in reading.cut {
        parsed.diagnostics.push(Diagnostic::new(Stage::Parse, "running_head_cut", "cut a running head or foot glued to a line", Some(line_no)));
        parsed.n_repaired_lines += 1;
    }
    for (line_no, raw) in reading.lines {
        let raw: &str = &raw;
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            continue;
        }
        if trimmed.chars().filter(|c| arqam_normalize::is_letter_or_digit(*c)).nth(1).is_none() {
            parsed.diagnostics.push(Diagnostic::new(Stage::Parse, "stray_line_dropped", format!("dropped stray line {trimmed:?}"), Some(line_no)));
            parsed.n_repaired_lines += 1;
            continue;
        }
        let (mut fixed, mut repairs) = if reversed {
            let (fixed, mut repairs) = fix_ligatures_in_line(&direction::reverse_line(raw), &vocab);
            repairs.insert(0, "characters put back in logical order");
            (fixed, repairs)
        } else if logical_order {
            fix_ligatures_in_line(raw, &vocab)
        } else {
            repair_line(raw, &vocab, visual)
        };
        let numbered = is_footnote_start(&fixed, &lex.article);
        let footnote = numbered || (ends_with_numeric_date(&fixed) && fixed.chars().count() < 160);
        // A word broken across lines (`العام` | `ين الماضيين`): the ending goes back.
        if !footnote {
            if let (Some(prev), Some((ending, rest))) = (para.last_mut(), split_word_ending(&fixed, &lex.pdf)) {
                if prev.chars().last().is_some_and(is_arabic_letter) {
                    prev.push_str(ending);
                    repairs.push("word broken across lines rejoined");
                    fixed = rest.to_string();
                }
            }
        }
        // One diagnostic and one count per repaired line, whatever was repaired in it.
        if !repairs.is_empty() {
            parsed.n_repaired_lines += 1;
            parsed.diagnostics.push(Diagnostic::new(Stage::Parse, "line_repaired", repairs.join("; "), Some(line_no)));
        }
        if footnote {
            // A reference's last line (it has the date) without its number, and no open
            // reference just above it: its first lines were taken for body text. They are
            // the lines just before it that end with a reference separator (`،`) and hold
            // several parts (`name، name، title،`).
            let continues = last_footnote.is_some_and(|(l, open)| open && line_no <= l + WRAP_LINES);
            if !numbered && !continues {
                let mut head: Vec<String> = Vec::new();
                let mut next_line = line_no;
                while let (Some(prev), Some(&l)) = (para.last(), para_lines.last()) {
                    let t = prev.trim_end();
                    let parts = t.matches(['،', ',']).count();
                    if head.len() >= 3 || l + WRAP_LINES < next_line || !t.ends_with(['،', ',']) || parts < 2 {
                        break;
                    }
                    head.push(para.pop().expect("checked"));
                    next_line = para_lines.pop().expect("checked");
                }
                if !head.is_empty() {
                    head.reverse();
                    head.push(fixed);
                    fixed = head.join(" ");
                    parsed.diagnostics.push(Diagnostic::new(
                        Stage::Parse,
                        "reference_lines_moved",
                        "lines read as the start of a reference moved to its footnote",
                        Some(next_line),
                    ));
                }
            }
            last_footnote = Some((line_no, crate::citation::find_date(&fixed).is_none()));
            parsed.blocks.push(RawBlock { kind: BlockKind::Footnote, text: fixed, source_line: line_no });
            continue;
        }
        if para.is_empty() {
            para_line = line_no;
        }
        if !fixed.is_empty() {
            para.push(fixed);
            para_lines.push(line_no);
        }
        if para.last().is_some_and(|s| s.trim_end().ends_with(['.', ':', '!', '؟'])) {
            flush(&mut para, &mut parsed.blocks, para_line);
            para_lines.clear();
        }
    }
    flush(&mut para, &mut parsed.blocks, para_line);
    parsed
}

/// Footnote markers: the longest rising chain 1, 2, 3 … (gaps of one allowed) of small
/// integers in the body blocks, in text order. A number that counts the word after it
/// is a count, never a marker (a scale word or a counted noun after a space: `٣ ملايين`).
pub fn find_markers(text: &str, blocks: &[Block], lex: &Lexicon) -> Vec<FootnoteMarker> {
    let mut cands: Vec<(u32, Span)> = Vec::new();
    for b in blocks.iter().filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::Heading)) {
        // A number token opens with a digit: a block without one holds no candidate.
        if !has_digit(&text[b.span.start..b.span.end]) {
            continue;
        }
        let mut candidate = |t: &Token, next: Option<&Token>| {
            if t.kind == TokenKind::Number && t.key.len() <= 3 && !t.key.contains('.') && !counts_next_word(next, lex) {
                if let Ok(v) = t.key.parse::<u32>() {
                    if v >= 1 {
                        cands.push((v, t.span));
                    }
                }
            }
        };
        // A piece at a time (a block of PDF text without punctuation can be the whole
        // document); a piece's last token waits for the next piece's first.
        let mut last: Option<Token> = None;
        for piece in pieces(text, b.span, PIECE_BYTES) {
            let mut tokens = tokenize(text, piece);
            if let Some(t) = last.take() {
                candidate(&t, tokens.first());
            }
            last = tokens.pop();
            for (k, t) in tokens.iter().enumerate() {
                candidate(t, tokens.get(k + 1).or(last.as_ref()));
            }
        }
        if let Some(t) = last {
            candidate(&t, None);
        }
    }
    // best[i] = (chain length ending at i, predecessor). The best chain ending in each
    // value so far is kept in a map, so each candidate looks at two values, not all
    // earlier candidates: linear in the number of candidates.
    let mut best: Vec<(usize, Option<usize>)> = Vec::with_capacity(cands.len());
    let mut by_value: Map<u32, (usize, usize)> = Map::default();
    for (i, &(v, _)) in cands.iter().enumerate() {
        let mut b = if v <= 2 { (1, None) } else { (0, None) };
        for u in [v.wrapping_sub(1), v.wrapping_sub(2)] {
            if let Some(&(len, j)) = by_value.get(&u) {
                if len > 0 && len + 1 > b.0 {
                    b = (len + 1, Some(j));
                }
            }
        }
        best.push(b);
        if b.0 > by_value.get(&v).map_or(0, |x| x.0) {
            by_value.insert(v, (b.0, i));
        }
    }
    let Some(end) = (0..cands.len()).max_by_key(|&i| (best[i].0, std::cmp::Reverse(i))) else {
        return Vec::new();
    };
    if best[end].0 < 3 {
        return Vec::new();
    }
    let mut chain = Vec::new();
    let mut cur = Some(end);
    while let Some(i) = cur {
        chain.push(FootnoteMarker { number: cands[i].0, span: cands[i].1 });
        cur = best[i].1;
    }
    chain.reverse();
    chain
}

/// Whether the word after a number, apart from it by a space, is what the number counts
/// (`٣ ملايين`, `3 مستشفيات`, `5 آلاف`): a scale word or a counted noun. A marker is
/// glued to the word it annotates (`2أنصاره`) or stands before a word that is not
/// counted, a number word included (`استمر 2 ثلاثة أيام`: digits never count a number
/// word other than a scale).
fn counts_next_word(next: Option<&arqam_normalize::Token>, lex: &Lexicon) -> bool {
    next.is_some_and(|w| w.kind == TokenKind::Word && w.space_before && (lex.is_scale_word(&w.key) || lex.unit(&w.key).is_some()))
}

/// Footnote bodies from the footnote blocks that start with their number. A reference
/// wrapped over several lines comes out as a numbered block and numberless ones after it:
/// a numberless reference block within a few lines of a body that has no date yet (a
/// reference ends with its date) continues that body.
///
/// A dated reference that continues nothing lost its number in extraction. Footnotes rise
/// through a document, so it takes the lowest marker number that lies between the numbered
/// bodies before and after it and has no body of its own.
pub fn footnote_bodies(text: &str, blocks: &[Block], markers: &[FootnoteMarker], layout: &ArticleWords) -> Vec<FootnoteBody> {
    // (number if printed, text, last source line)
    let mut raw: Vec<(Option<u32>, String, usize)> = Vec::new();
    for b in blocks.iter().filter(|b| b.kind == BlockKind::Footnote) {
        let body = text[b.span.start..b.span.end].trim();
        let digits: String = body.chars().take_while(|c| c.is_ascii_digit()).collect();
        match digits.parse::<u32>() {
            Ok(n) if body[digits.len()..].starts_with(' ') => raw.push((Some(n), body[digits.len()..].trim().to_string(), b.source_line)),
            _ => {
                let open = raw.last().is_some_and(|last| crate::citation::find_date(&last.1).is_none() && b.source_line <= last.2 + WRAP_LINES);
                if let (true, Some(last)) = (open, raw.last_mut()) {
                    last.1 = crate::citation::join_wrapped(&last.1, body, layout);
                    last.2 = b.source_line;
                } else if crate::citation::find_date(body).is_some() {
                    raw.push((None, body.to_string(), b.source_line));
                }
            }
        }
    }
    // One pass each way, so a page of dated lines stays linear: the printed number after
    // each entry, and (going forward) the last number before it, assigned ones included.
    let printed: Set<u32> = raw.iter().filter_map(|r| r.0).collect();
    let mut next_printed = vec![u32::MAX; raw.len()];
    for i in (0..raw.len().saturating_sub(1)).rev() {
        next_printed[i] = raw[i + 1].0.unwrap_or(next_printed[i + 1]);
    }
    let mut taken: Set<u32> = Set::default();
    let mut after = 0;
    for (entry, before) in raw.iter_mut().zip(next_printed) {
        if entry.0.is_none() {
            // Markers rise through the text (`find_markers`), so they are sorted by number.
            let from = markers.partition_point(|m| m.number <= after);
            let free = markers[from..].iter().map(|m| m.number).take_while(|&n| n < before).find(|n| !printed.contains(n) && !taken.contains(n));
            if let Some(n) = free {
                taken.insert(n);
                entry.0 = Some(n);
            }
        }
        if let Some(n) = entry.0 {
            after = n;
        }
    }
    let mut out: Vec<FootnoteBody> = Vec::new();
    for (n, body, _) in raw {
        let Some(n) = n else { continue };
        if !out.iter().any(|f| f.number == n) {
            out.push(crate::citation::parse_citation(n, &body, layout));
        }
    }
    out.sort_by_key(|f| f.number);
    out
}

/// How far (in input lines, blank ones included) a wrapped reference's next line may be.
const WRAP_LINES: usize = 4;

#[cfg(test)]
mod tests {
    #[test]
    fn pieces_cover_the_text_and_never_cut_a_word() {
        let text = "سطر أول فيه كلمات\nوسطر ثان طويل بلا نهاية قريبة وكلمات أخرى";
        for max in [1, 5, 16, 1000] {
            let spans: Vec<_> = super::pieces(text, arqam_model::Span::new(0, text.len()), max).collect();
            assert_eq!(spans.first().map(|s| s.start), Some(0));
            assert_eq!(spans.last().map(|s| s.end), Some(text.len()));
            for w in spans.windows(2) {
                assert_eq!(w[0].end, w[1].start);
                assert!(matches!(text.as_bytes()[w[0].end - 1], b' ' | b'\n'), "{max}: cut inside a word at {}", w[0].end);
            }
            let words: Vec<&str> = spans.iter().flat_map(|s| text[s.start..s.end].split_whitespace()).collect();
            assert_eq!(words, text.split_whitespace().collect::<Vec<_>>());
        }
    }

    use super::*;

    fn repair(line: &str, context: &str) -> String {
        let lex = Lexicon::builtin();
        repair_line(line, &Vocabulary::new(&lex, context), VisualOrder::default()).0
    }

    #[test]
    fn digits_glued_to_letters_are_told_apart_by_side() {
        let glue = |s: &str| (digit_glue(s).touching, digit_glue(s).digit_before_letter);
        assert_eq!(glue("أعداد 200هاجمي"), (true, true));
        assert_eq!(glue("كانت قرابة١٢ ألف"), (true, false));
        assert_eq!(glue("عن؛ 1، 2"), (false, false));
        // Digits of every script are seen from the bytes; letters beside them are not digits.
        assert!(has_digit("قرابة١٢") && has_digit("۳ نفر") && has_digit("a7") && !has_digit("سمعنا ذلك"));
        assert!(!has_digit("ـٰ ٪ ۔"));
        assert_eq!(glue("قتل ۱۲ مدنيا في 26/1/2022"), (false, false));
        assert_eq!(glue("ثم 5x و٣عن"), (true, true));
    }

    #[test]
    fn chunks_are_put_back_in_logical_order() {
        let fixed = repair("\"انتحاري\"، وأن   200هاجمي سجن الصناعة كانت حوالي  تتحدث البيانات عن \"قسد\" أن أعداد م  ", "");
        assert_eq!(fixed, "تتحدث البيانات عن \"قسد\" أن أعداد مهاجمي سجن الصناعة كانت حوالي 200 \"انتحاري\"، وأن");
    }

    #[test]
    fn range_split_over_runs_is_rebuilt() {
        let fixed = repair("آلاف سجين فيه قبل الهجوم   5000  إلى   3000بين    كانت التقارير تتحدث عن وجود", "");
        assert_eq!(fixed, "كانت التقارير تتحدث عن وجود بين 3000 إلى 5000 آلاف سجين فيه قبل الهجوم");
    }

    #[test]
    fn numbers_split_a_visual_line_into_objects() {
        // pypdf: no gaps; each number is glued to the letters it touches on the page.
        let fixed = repair("جريح، وفق الدفاع المدني3 قتيلا و40سقط في القصف أكثر من", "");
        assert_eq!(fixed, "سقط في القصف أكثر من 40 قتيلا و 3 جريح، وفق الدفاع المدني");
        let fixed = repair("عائلة7 منزل ونزوح250تهدم", "");
        assert_eq!(fixed, "تهدم 250 منزل ونزوح 7 عائلة");
    }

    #[test]
    fn glued_number_between_words_splits_both_ways() {
        let fixed = repair("قاسية،    ء، ويعيش هؤلا18ألف شخص نصفهم أطفال   40هو مخيم كبير يضم أكثر من  ", "");
        assert!(fixed.starts_with("هو مخيم كبير يضم أكثر من 40 ألف شخص نصفهم أطفال 18"), "{fixed}");
    }

    #[test]
    fn stray_edge_letters_go_back_to_their_words() {
        // The document uses `السجن`, `الاشتباكات` and `الألوف` elsewhere: known words.
        let context = "السجن الاشتباكات السجن الاشتباكات";
        assert_eq!(repair(".3نالاشتباكات داخل السج", context), "الاشتباكات داخل السجن .3");
        assert_eq!(repair("،قدر أعدادهم بعشرات الألوفت", context), "تقدر أعدادهم بعشرات الألوف ،");
        // `ة` ends a word, so `المدينةك` is two chunks; `الاشتبا ك ات` is one broken word.
        assert_eq!(repair("3ات داخل المدينةك عنف الاشتبا", context), "عنف الاشتباكات داخل المدينة 3");
    }

    #[test]
    fn words_glued_across_chunks_are_split() {
        // A second article after a whole word opens the next word (`الخطاب` is used alone
        // elsewhere); a lone `ت` opening the line's first run completes `بلغت`, broken at a
        // chunk edge, and what follows it in the glued word (`سمير`) opens another chunk.
        let context = "الحصار الخطاب بلغت بلغت";
        let fixed = repair("،  ت “ذروتها” في الشتاء الماضي بعد الحصارالخطاب الرسمي بلغسمير خليل، ", context);
        assert_eq!(fixed, "سمير خليل، الخطاب الرسمي بلغت “ذروتها” في الشتاء الماضي بعد الحصار ،");
        // An inner `ال` that is part of the word stays (`الاحتلالات`: `الات` is too short).
        assert_eq!(repair("الاحتلالات", "الات الات"), "الاحتلالات");
    }

    #[test]
    fn a_reference_that_lost_its_number_takes_the_free_marker() {
        let lex = Lexicon::builtin();
        // Body with markers 1, 2 and 3; footnote 1 printed with its number, footnote 2's
        // first line read as body text (it ends with a separator and holds several parts),
        // its last line (with the date) without a number.
        let text = "قال المرصد 1 إن القصف استمر 2 ثلاثة أيام متواصلة\nوأصيب المئات في الأحياء الشرقية 3 من المدينة.\n1 Jane Roe, The siege, The Review, 3/2/2021.\nسعاد خليل، مراد حسن، المدينة تحت الحصار،\n. 5/11/2020مركز الدراسات، \n";
        let p = parse(text, &lex, false);
        let doc = crate::parse_document_with(
            "d",
            "d.txt",
            text.as_bytes(),
            &crate::Overrides { format: Some(arqam_model::Format::PdfText), ..Default::default() },
            &lex,
        );
        assert!(p.diagnostics.iter().any(|d| d.code == "reference_lines_moved"), "{:?}", p.blocks);
        let numbers: Vec<u32> = doc.markers.iter().map(|m| m.number).collect();
        assert_eq!(numbers, vec![1, 2, 3]);
        let two = doc.footnotes.iter().find(|f| f.number == 2).expect("footnote 2");
        assert_eq!(two.authors, vec!["سعاد خليل", "مراد حسن"]);
        assert_eq!(two.title.as_deref(), Some("المدينة تحت الحصار"));
        assert_eq!(two.publisher.as_deref(), Some("مركز الدراسات"));
        assert_eq!(two.date.as_deref(), Some("2020-11-05"));
        assert!(!doc.footnotes.iter().any(|f| f.number == 3), "3 has no body");
    }

    #[test]
    fn swapped_lam_alef_ligatures_are_put_back() {
        let lex = Lexicon::builtin();
        let v = Vocabulary::new(&lex, "");
        assert_eq!(fix_ligatures("األمن", &v), "الأمن");
        assert_eq!(fix_ligatures("ال", &v), "لا");
        assert_eq!(fix_ligatures("آالف", &v), "آلاف");
        assert_eq!(fix_ligatures("مقاتال", &v), "مقاتلا");
        // `ثالث` is a word itself ("third"): it stays.
        assert_eq!(fix_ligatures("ثالث", &v), "ثالث");
        // A real word with an inner `ال` stays.
        assert_eq!(fix_ligatures("القتال", &v), "القتال");
    }

    #[test]
    fn a_lone_swapped_ligature_is_put_back_and_reported() {
        // `ال` alone is `لا` read backwards; the repair says so (the chunk is a static word).
        let lex = Lexicon::builtin();
        let vocab = Vocabulary::new(&lex, "");
        let (fixed, repairs) = repair_line("ما يقل ال عن", &vocab, VisualOrder::default());
        assert_eq!(fixed, "ما يقل لا عن");
        assert!(repairs.contains(&"lam-alef ligatures put back"), "{repairs:?}");
        let (fixed, repairs) = fix_ligatures_in_line("ما ال يقل عن", &vocab);
        assert_eq!(fixed, "ما لا يقل عن");
        assert_eq!(repairs, vec!["lam-alef ligatures put back"]);
    }

    #[test]
    fn latin_lines_keep_their_order() {
        let line = "1 Louisa Loveluck, U.S.-backed forces announce defeat in  prison standoff, the Post, 26/1/2022. ";
        assert_eq!(repair(line, ""), "1 Louisa Loveluck, U.S.-backed forces announce defeat in prison standoff, the Post, 26/1/2022.");
    }

    #[test]
    fn words_broken_across_lines_are_joined() {
        let lex = Lexicon::builtin();
        let p = parse("تراجعت أعداد المقاتل\nين في المدينة خلال العام\nين الماضيين.\n", &lex, false);
        let text: Vec<&str> = p.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(text, vec!["تراجعت أعداد المقاتلين في المدينة خلال العامين الماضيين."]);
        assert_eq!(p.n_repaired_lines, 2);
        // A rejoined line that ends a sentence still ends its paragraph.
        let p = parse("خلال العام\nين الماضيين.\nفقرة تالية.\n", &lex, false);
        assert_eq!(p.blocks.iter().map(|b| b.text.as_str()).collect::<Vec<_>>(), vec!["خلال العامين الماضيين.", "فقرة تالية."]);
        // A real word opening the next line stays a word.
        let p = parse("قال القائد إن\nهم انسحبوا و\nو عادوا.\n", &lex, false);
        assert_eq!(p.blocks[0].text, "قال القائد إن هم انسحبوا و و عادوا.");
    }

    #[test]
    fn numbers_in_logical_lines_are_spaced_from_the_next_word() {
        let lex = Lexicon::builtin();
        let v = Vocabulary::new(&lex, "");
        assert_eq!(fix_ligatures_in_line("نحو ٣ملايين شخص و64مدنيا", &v).0, "نحو ٣ ملايين شخص و64 مدنيا");
    }

    #[test]
    fn one_letter_word_waw_is_not_glued() {
        let lex = Lexicon::builtin();
        let v = Vocabulary::new(&lex, "");
        assert_eq!(join_lone_letters("قال و ذهب", &v), "قال و ذهب");
        assert_eq!(join_lone_letters("ي نظر", &v), "ينظر");
        assert_eq!(join_lone_letters("أو ي في", &v), "أو ي في");
    }

    #[test]
    fn markers_are_the_rising_chain_not_counts() {
        let text = "قال؛1 إن 200 عنصر 2هاجموا و 12 آخرين ثم 3 هنا و4 ثم 5.";
        let blocks = vec![Block { kind: BlockKind::Paragraph, span: Span::new(0, text.len()), source_line: 1 }];
        let m: Vec<u32> = find_markers(text, &blocks, &Lexicon::builtin()).iter().map(|m| m.number).collect();
        assert_eq!(m, vec![1, 2, 3, 4, 5]);
    }

    #[test]
    fn a_number_before_what_it_counts_is_never_a_marker() {
        // `3 ملايين` and `٣ مستشفيات` count; the glued `2` and the `3` before a verb do not.
        let lex = Lexicon::builtin();
        let text = "قال المكتب؛1 إن 2أعدادهم بلغت 3 ملايين شخص و٣ مستشفيات خرجت عن الخدمة.";
        let blocks = vec![Block { kind: BlockKind::Paragraph, span: Span::new(0, text.len()), source_line: 1 }];
        assert!(find_markers(text, &blocks, &lex).is_empty(), "1, 2 and two counts are no chain");
        let text = "قال المكتب؛1 إن 2أعدادهم بلغت 3 ملايين، ثم ذكر 3 أنها تراجعت.";
        let blocks = vec![Block { kind: BlockKind::Paragraph, span: Span::new(0, text.len()), source_line: 1 }];
        let m: Vec<(u32, usize)> = find_markers(text, &blocks, &lex).iter().map(|m| (m.number, m.span.start)).collect();
        assert_eq!(m.len(), 3);
        assert_eq!(m[2], (3, text.find("3 أنها").unwrap()));
    }

    #[test]
    fn a_body_line_naming_a_date_is_not_a_reference() {
        assert!(ends_with_numeric_date("مركز الدراسات، 5/11/2020 ."));
        assert!(ends_with_numeric_date("بيان رقم 4، 13/3/2023."));
        assert!(!ends_with_numeric_date("اندلعت المعارك في 12/3/2024 على الطريق الساحلي وأجبرت 3500 أسرة على النزوح."));
        let lex = Lexicon::builtin();
        let p = parse("\u{202B}في 12/3/2024 نزحت 3500 أسرة من القرى.\u{202C}\n", &lex, true);
        assert_eq!(p.blocks.iter().map(|b| b.kind).collect::<Vec<_>>(), vec![BlockKind::Paragraph]);
    }

    #[test]
    fn visual_order_objects_go_back_in_place() {
        let lex = Lexicon::builtin();
        let vocab = Vocabulary::new(&lex, "");
        let visual = VisualOrder { numbers_are_objects: true, indic_reversed: false };
        let repair = |line: &str| repair_line(line, &vocab, visual).0;
        // A line-final number first, numbers between words, a date cut at its slashes.
        assert_eq!(repair("64 الأحياء أسفر عن مقتل"), "الأحياء أسفر عن مقتل 64");
        assert_eq!(repair("آخرين 230  طفلا، وإصابة أكثر من 19 مدنيا، بينهم"), "مدنيا، بينهم 19 طفلا، وإصابة أكثر من 230 آخرين");
        assert_eq!(repair("على الطريق الساحلي12 / 3 / 2024 في"), "في 12/3/2024 على الطريق الساحلي");
        // Mirrored brackets and a percent sign written apart from its number.
        assert_eq!(repair("جثة37  إن طواقمه انتشلت( سامر الحلبي) من جهته"), "من جهته (سامر الحلبي) إن طواقمه انتشلت 37 جثة");
        assert_eq!(repair("من النازحين%  42 فإن"), "فإن 42% من النازحين");
        // An address keeps its digits: they are not numbers set apart.
        let fixed = repair("التقرير https://example.org/r2021/t4x نشر على 3");
        assert!(fixed.contains("https://example.org/r2021/t4x"), "{fixed}");
    }

    #[test]
    fn reference_lines_are_footnote_starts() {
        let layout = ArticleWords::builtin();
        assert!(is_footnote_start("1 Louisa Loveluck, U.S.-backed forces, the Washington post, 26/1/2022.", layout));
        assert!(!is_footnote_start("200 عنصر هاجموا السجن", layout));
        // An Arabic reference without a date is told by its issue word.
        assert!(is_footnote_start("3 تقرير عن المعابر، مجلة الحدود، العدد 12", layout));
        assert!(!is_footnote_start("3 تقارير عن المعابر في الحدود", layout));
    }
}
