//! Page furniture: the running heads and feet a browser or a word processor prints on
//! every page (a print date and time, the title, the file's address, a page counter
//! `1/3`). Their digits are not figures and their words are not the report's.
//!
//! Furniture is told two ways:
//! - by **repetition**: a line at the top or bottom of pages that comes back on two pages
//!   or more (and half of them), digits aside; a short line that comes back three times
//!   anywhere;
//! - by **shape**, for extractors that lose the page breaks or glue a foot to a body line
//!   (pypdf): an address with a page counter is furniture wherever it stands, even once;
//!   an address or a page counter is furniture when it comes back twice; a print stamp (a
//!   date followed by a clock time) when its short line comes back twice (with the title
//!   beside it). A line of such pieces is dropped; such a group at the start or the end
//!   of a prose line is cut off it.

use std::borrow::Cow;
use std::ops::Range;

use arqam_lexicon::{Map, PdfWords, Set};
use arqam_normalize::{digit_value, is_arabic_letter, is_digit};

/// A line of a page.
#[derive(Debug, Clone)]
pub(super) struct PageLine<'t> {
    /// Its input line number (1-based).
    pub n: usize,
    /// Its text, form feeds left out: borrowed from the input unless it had to change.
    pub text: Cow<'t, str>,
    /// Its length in characters: layout positions count characters.
    pub chars: usize,
}

impl<'t> PageLine<'t> {
    pub fn new(n: usize, text: Cow<'t, str>) -> Self {
        let chars = text.chars().count();
        PageLine { n, text, chars }
    }

    fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// A page: its lines.
pub(super) type Page<'t> = Vec<PageLine<'t>>;

/// How many lines at the top and at the bottom of a page may be running heads or feet.
const FURNITURE_LINES: usize = 2;

/// Running heads and feet are short lines.
const MAX_FURNITURE_CHARS: usize = 80;

/// What furniture the pages hold: whole lines to leave out, and lines to cut a glued
/// group of furniture pieces from (the byte range of the line's text to cut).
#[derive(Debug, Default)]
pub(super) struct Furniture {
    pub dropped: Set<usize>,
    pub cut: Map<usize, Range<usize>>,
}

/// The furniture of a document's pages (see the module's doc).
pub(super) fn find(pages: &[Page], words: &PdfWords) -> Furniture {
    let mut found = Furniture::default();
    repeated_at_page_edges(pages, &mut found.dropped);
    let short = repeated_short_lines(pages);
    // Extractors do not always keep a page's furniture at its edges (poppler may read a
    // running head where its baseline falls among the body lines, pypdf may lose the page
    // break): a short line that comes back three times or more, digits aside, is furniture
    // wherever it stands.
    for lines in short.values().filter(|l| l.len() >= 3) {
        found.dropped.extend(lines.iter().copied());
    }
    let (shaped, groups) = shaped_lines(pages, words);
    for Shaped { n, text, group, group_key } in shaped {
        if found.dropped.contains(&n) {
            continue;
        }
        // The whole line comes back, or (for an address or a page counter) the group does.
        let line_again = short.get(&key(text)).is_some_and(|l| l.len() >= 2);
        let group_again = group.marks_pages && (short.get(&group_key).is_some_and(|l| l.len() >= 2) || groups.get(&group_key).is_some_and(|&c| c >= 2));
        let pieces_only = group.range.len() == text.trim().len();
        if line_again || (pieces_only && (group.strong || group_again || is_last_page_counter(text.trim()))) {
            // A head (stamp and title) that comes back, or a line of furniture pieces only.
            found.dropped.insert(n);
        } else if group.strong || group_again {
            // A print stamp alone is never cut by its repetition: a body's datelines
            // (`نشر في 12/3/2024 10:30`, `حدث في 13/3/2024 11:00`) share its key.
            found.cut.insert(n, group.range);
        }
    }
    found
}

/// The input lines of each short line's key (digits aside), for the keys that may come
/// back. A short line's key is built only when its hash comes back: a key the document
/// has once counts for nothing, and most lines are unique.
fn repeated_short_lines(pages: &[Page]) -> Map<String, Vec<usize>> {
    let short_lines: Vec<(&PageLine, u64)> =
        pages.iter().flatten().filter(|l| l.chars <= MAX_FURNITURE_CHARS && !l.is_blank()).map(|l| (l, key_hash(&l.text))).collect();
    let mut hashes: Map<u64, usize> = Map::default();
    for (_, h) in &short_lines {
        *hashes.entry(*h).or_default() += 1;
    }
    let mut short: Map<String, Vec<usize>> = Map::default();
    for (line, h) in &short_lines {
        if hashes.get(h).is_some_and(|&c| c >= 2) {
            short.entry(key(&line.text)).or_default().push(line.n);
        }
    }
    short
}

/// A line with a group of furniture pieces at its start or end.
struct Shaped<'p> {
    n: usize,
    text: &'p str,
    group: EdgeGroup,
    /// The group's key (digits aside).
    group_key: String,
}

/// The lines with an edge group of furniture pieces, and how often each group's key
/// comes back.
fn shaped_lines<'p>(pages: &'p [Page], words: &PdfWords) -> (Vec<Shaped<'p>>, Map<String, usize>) {
    let mut shaped = Vec::new();
    let mut groups: Map<String, usize> = Map::default();
    for line in pages.iter().flatten() {
        let text: &str = &line.text;
        // Every furniture piece holds `/` or `:` (an address, a counter, a date, a clock).
        if !text.contains(['/', ':']) || line.is_blank() {
            continue;
        }
        if let Some(group) = edge_group(text, words) {
            let group_key = key(&text[group.range.clone()]);
            *groups.entry(group_key.clone()).or_default() += 1;
            shaped.push(Shaped { n: line.n, text, group, group_key });
        }
    }
    (shaped, groups)
}

/// Lines among the first or last [`FURNITURE_LINES`] of a page whose text, digits aside,
/// comes back at the top or bottom of at least two pages and half of them (a title and a
/// print date, a file name and `1/3`).
fn repeated_at_page_edges(pages: &[Page], dropped: &mut Set<usize>) {
    // One page is no evidence of what its edges repeat.
    if pages.len() < 2 {
        return;
    }
    let edges = |page: &Page| -> Vec<(usize, String)> {
        let text: Vec<&PageLine> = page.iter().filter(|l| !l.is_blank()).collect();
        let head = text.iter().take(FURNITURE_LINES);
        let foot = text.iter().rev().take(FURNITURE_LINES.min(text.len().saturating_sub(FURNITURE_LINES)));
        head.chain(foot).map(|l| (l.n, key(&l.text))).collect()
    };
    let per_page: Vec<Vec<(usize, String)>> = pages.iter().map(edges).collect();
    let mut pages_with: Map<&str, usize> = Map::default();
    for lines in &per_page {
        let mut seen: Vec<&str> = lines.iter().map(|(_, k)| k.as_str()).collect();
        seen.sort_unstable();
        seen.dedup();
        for k in seen {
            *pages_with.entry(k).or_default() += 1;
        }
    }
    for (n, k) in per_page.iter().flatten() {
        let count = pages_with.get(k.as_str()).copied().unwrap_or(0);
        if count >= 2 && count * 2 >= pages.len() {
            dropped.insert(*n);
        }
    }
}

/// A line's text with each run of digits standing for any number (`1:00` and `12:59`,
/// `9/12` and `10/12`) and its spaces collapsed.
fn key(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for_each_key_char(line, |c| out.push(c));
    out
}

/// A hash of [`key`] without building it (FNV-1a): equal keys hash alike.
fn key_hash(line: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for_each_key_char(line, |c| {
        h ^= u64::from(c);
        h = h.wrapping_mul(0x0100_0000_01b3);
    });
    h
}

/// Feeds `emit` the characters of a line's [`key`], in one pass.
fn for_each_key_char(line: &str, mut emit: impl FnMut(char)) {
    let mut last: Option<char> = None;
    let mut space = false;
    for c in line.chars() {
        // ASCII is told apart without the Unicode tables.
        let (blank, digit) = if c.is_ascii() { (matches!(c, '\t'..='\r' | ' '), c.is_ascii_digit()) } else { (c.is_whitespace(), is_digit(c)) };
        if blank {
            space = last.is_some();
            continue;
        }
        if space {
            emit(' ');
            last = Some(' ');
            space = false;
        }
        let k = match (digit, last) {
            (true, Some('#')) => continue,
            (true, _) => '#',
            (false, _) => c,
        };
        emit(k);
        last = Some(k);
    }
}

/// What a piece of a line (a space-free token, cut where Arabic letters meet other
/// characters) is, by its shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    /// A web address: `https://…`.
    Address,
    /// The address of a local file, `file:///…`: what a browser prints in the foot of a
    /// page it saved from disk; no report prints one.
    LocalFile,
    /// A page counter `n/m` with `1 ≤ n ≤ m`.
    Counter,
    /// A numeric date `d/m/y` (a comma may follow).
    Date,
    /// A clock time `h:mm` or `h:mm:ss`.
    Clock,
    /// `AM`, `PM`, `م` (`pdf_words.csv` role `meridiem`; only right after a clock time).
    Meridiem,
    Prose,
}

fn piece(p: &str, words: &PdfWords) -> Piece {
    if let Some(at) = p.find("://") {
        // pypdf may write `fi` as its ligature `ﬁ`.
        let scheme = &p[..at];
        return if scheme.eq_ignore_ascii_case("file") || scheme == "\u{FB01}le" { Piece::LocalFile } else { Piece::Address };
    }
    if words.is_meridiem(p) {
        return Piece::Meridiem;
    }
    let p = p.trim_end_matches([',', '،']);
    let numbers = |sep: char| -> Option<Vec<u32>> { p.split(sep).map(number).collect() };
    match numbers('/').as_deref() {
        Some([n, m]) if (1..=*m).contains(n) && *m <= 999 => return Piece::Counter,
        Some([_, _, _]) => return Piece::Date,
        _ => {}
    }
    match (numbers(':').as_deref(), p.split(':').nth(1).map(|mm| mm.chars().count())) {
        (Some([h, _] | [h, _, _]), Some(2)) if *h <= 24 => Piece::Clock,
        _ => Piece::Prose,
    }
}

/// `1/1`, `3/3`: the counter of a document's last page, which a single-page document
/// prints once. No body line is that alone.
fn is_last_page_counter(text: &str) -> bool {
    let mut parts = text.split('/').map(number);
    matches!((parts.next(), parts.next(), parts.next()), (Some(Some(n)), Some(Some(m)), None) if n == m && n >= 1)
}

/// The value of a string of 1 to 4 digits of any script.
fn number(s: &str) -> Option<u32> {
    if s.is_empty() || s.chars().count() > 4 {
        return None;
    }
    s.chars().try_fold(0u32, |acc, c| Some(acc * 10 + digit_value(c)?))
}

/// A run of furniture pieces at the start or the end of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
struct EdgeGroup {
    /// Its bytes in the line, spaces around it included.
    range: Range<usize>,
    /// An address with a page counter, or a local file's address: never prose, even once.
    strong: bool,
    /// An address or a page counter: a group that comes back is furniture. (A print stamp,
    /// a date and a clock time, is only when its whole line comes back: a body's
    /// datelines look alike digits aside.)
    marks_pages: bool,
}

/// The pieces of a line: byte ranges of space-free tokens, cut where an Arabic letter
/// meets another character (a foot glued to a word: `الخامسة.file:///r.html`,
/// `1/2انعدام`). An address keeps the punctuation before its scheme on the prose side.
fn pieces(line: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut prev_arabic = false;
    for (i, c) in line.char_indices() {
        if c.is_whitespace() {
            out.extend(start.take().map(|s| s..i));
            continue;
        }
        let arabic = is_arabic_letter(c);
        match start {
            Some(s) if arabic != prev_arabic => {
                out.push(s..i);
                start = Some(i);
            }
            None => start = Some(i),
            _ => {}
        }
        prev_arabic = arabic;
    }
    out.extend(start.map(|s| s..line.len()));
    // `.file:///…`: the mark before the scheme ends the prose before it.
    for r in &mut out {
        let p = &line[r.clone()];
        if p.contains("://") {
            r.start += p.find(|c: char| c.is_alphanumeric()).unwrap_or(0);
        }
    }
    out
}

/// The furniture group at a line's start or end, if it is one (the start is tried
/// first). A group holds an address, a page counter or a print stamp; dates alone are
/// prose (`12/3/2024 على الطريق`).
fn edge_group(line: &str, words: &PdfWords) -> Option<EdgeGroup> {
    let ps = pieces(line);
    let kinds: Vec<Piece> = ps.iter().map(|r| piece(&line[r.clone()], words)).collect();
    let at_start = kinds.iter().take_while(|&&k| k != Piece::Prose).count();
    let at_end = kinds.iter().rev().take_while(|&&k| k != Piece::Prose).count();
    let group = |ks: &[Piece], rs: &[Range<usize>]| -> Option<EdgeGroup> {
        let (first, last) = (rs.first()?, rs.last()?);
        let stamp = ks.windows(2).any(|w| w == [Piece::Date, Piece::Clock]);
        let address = ks.contains(&Piece::Address) || ks.contains(&Piece::LocalFile);
        let local_file = ks.contains(&Piece::LocalFile);
        let counter = ks.contains(&Piece::Counter);
        // A meridiem only follows a clock time (`م` alone is a stray letter).
        let meridiem_ok = ks.iter().enumerate().all(|(i, &k)| k != Piece::Meridiem || (i > 0 && ks[i - 1] == Piece::Clock));
        (meridiem_ok && (stamp || address || counter)).then_some(EdgeGroup {
            range: first.start..last.end,
            strong: (address && counter) || local_file,
            marks_pages: address || counter,
        })
    };
    let n = ps.len();
    group(&kinds[..at_start], &ps[..at_start]).or_else(|| group(&kinds[n - at_end..], &ps[n - at_end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piece(p: &str) -> Piece {
        super::piece(p, PdfWords::builtin())
    }

    fn edge_group(line: &str) -> Option<EdgeGroup> {
        super::edge_group(line, PdfWords::builtin())
    }

    fn find(pages: &[Page]) -> Furniture {
        super::find(pages, PdfWords::builtin())
    }

    fn page(text: &str) -> Page<'_> {
        text.lines().enumerate().map(|(i, l)| PageLine::new(i + 1, l.into())).collect()
    }

    #[test]
    fn keys_set_digits_and_spaces_aside() {
        assert_eq!(key("  file:///r.html   12/3 "), "file:///r.html #/#");
        assert_eq!(key("1 2\t34#5\u{0B}٣"), "# # ## #");
        assert_eq!(key_hash("a  12/3 "), key_hash("a 7/10"));
        assert_ne!(key_hash("a 12/3"), key_hash("b 12/3"));
    }

    #[test]
    fn pieces_are_told_by_their_shape() {
        assert_eq!(piece("file:///tmp/r.html"), Piece::LocalFile);
        assert_eq!(piece("\u{FB01}le:///tmp/r.html"), Piece::LocalFile);
        assert_eq!(piece("https://example.org/a"), Piece::Address);
        assert_eq!(piece("2/3"), Piece::Counter);
        assert_eq!(piece("٢/٣"), Piece::Counter);
        // A fraction-like pair that cannot count pages, and a date.
        assert_eq!(piece("12/3"), Piece::Prose);
        assert_eq!(piece("11/30/26,"), Piece::Date);
        assert_eq!(piece("1:04"), Piece::Clock);
        assert_eq!(piece("1:4"), Piece::Prose);
        assert_eq!(piece("مخيما"), Piece::Prose);
    }

    #[test]
    fn a_group_at_a_line_edge_is_found_even_glued_to_a_word() {
        let line = "بينهم 450 طفلا.file:///tmp/r.html 1/2";
        let g = edge_group(line).expect("a foot at the end");
        assert_eq!(&line[g.range.clone()], "file:///tmp/r.html 1/2");
        assert!(g.strong);
        let line = "11/30/26, 1:04 AM قال المتحدث";
        assert_eq!(&line[edge_group(line).unwrap().range], "11/30/26, 1:04 AM");
        let line = "3/7انعدام الأمن الغذائي";
        let g = edge_group(line).unwrap();
        assert_eq!((&line[g.range.clone()], g.strong), ("3/7", false));
        // A body line opening with a date, and a lone `م` after a number, are prose.
        assert_eq!(edge_group("12/3/2024 على الطريق الساحلي"), None);
        assert_eq!(edge_group("قتل 12 م"), None);
    }

    #[test]
    fn feet_and_heads_of_pages_joined_without_a_break_are_told_by_shape() {
        // Two pages, no break: each head (stamp and title) and foot (address and counter)
        // comes back twice only; the counter alone once, the stamp glued to a body line.
        let text = "قتل 12 شخصا في القصف.\n\
                    10/4/25, 9:15 PM نشرة الأسبوع\n\
                    file:///home/u/nashra.html 1/2\n\
                    نزحت 400 أسرة.\n\
                    10/4/25, 9:15 PM نشرة الأسبوع\n\
                    ووصلت 6 قوافل.file:///home/u/nashra.html 2/2\n";
        let f = find(&[page(text)]);
        let mut dropped: Vec<usize> = f.dropped.into_iter().collect();
        dropped.sort_unstable();
        assert_eq!(dropped, vec![2, 3, 5]);
        let cut: Vec<(usize, Range<usize>)> = f.cut.into_iter().collect();
        assert_eq!(cut.len(), 1);
        let line6 = "ووصلت 6 قوافل.file:///home/u/nashra.html 2/2";
        assert_eq!((cut[0].0, &line6[cut[0].1.clone()]), (6, "file:///home/u/nashra.html 2/2"));
    }

    #[test]
    fn the_foot_of_a_single_page_is_furniture() {
        // A local file's address and the counter on lines of their own (pdftotext), one
        // page: both go; a web address once (a source) stays.
        let text = "قتل 12 شخصا.\nfile:///tmp/tmp7x8/r.html\n1/1\nhttps://example.org/r2024\n";
        let f = find(&[page(text)]);
        let mut dropped: Vec<usize> = f.dropped.into_iter().collect();
        dropped.sort_unstable();
        assert_eq!(dropped, vec![2, 3]);
        assert!(is_last_page_counter("٢/٢") && !is_last_page_counter("0/0") && !is_last_page_counter("1/1/1"));
    }

    #[test]
    fn datelines_of_the_body_are_not_print_stamps() {
        // Date and clock time at the end of two prose lines, and once alone: they look
        // alike digits aside, but nothing marks pages.
        let text = "قال الشهود إن القصف بدأ في 12/3/2024 10:30
وتجدد القصف مساء 13/3/2024 21:15
قتل 12 شخصا.
14/3/2024 08:00
";
        let f = find(&[page(text)]);
        assert!(f.dropped.is_empty() && f.cut.is_empty(), "{f:?}");
    }

    #[test]
    fn a_lone_counter_or_address_needs_to_come_back() {
        // Once: a line `3/4` or an address of a source is not furniture.
        let once = "قتل 12 شخصا.\n3/4\nالمصدر:\nhttps://example.org/report\n";
        let f = find(&[page(once)]);
        assert!(f.dropped.is_empty() && f.cut.is_empty(), "{f:?}");
        // Twice: page counters of a text whose pages lost their breaks.
        let twice = "قتل 12 شخصا.\n1/2\nنزحت 400 أسرة.\n2/2\n";
        let f = find(&[page(twice)]);
        let mut dropped: Vec<usize> = f.dropped.into_iter().collect();
        dropped.sort_unstable();
        assert_eq!(dropped, vec![2, 4]);
        // Two body lines that open with dates are prose.
        let dates = "12/3/2024 اندلعت المعارك.\n14/3/2024 توقفت المعارك.\n";
        assert!(find(&[page(dates)]).cut.is_empty());
    }
}
