//! Column gutters in layout-mode text (`pdftotext -layout`).
//!
//! A two-column page comes out with a line of each column side by side on one text line
//! (or only one of them, where the columns' lines do not share a baseline). The gutter is
//! a band of character positions that almost no line writes into, with prose on both
//! sides: lines that fill most of each column's width. Each page's lines are cut at the
//! gutter and read one column after the other, the right column first for Arabic. A line
//! that writes across the gutter (a title, a full-width paragraph) is read where it stands
//! and closes the columns above it. A table is not a pair of columns: its cells are short.

/// One line in reading order: its input line number (1-based) and its text (borrowed from
/// the input when it is a whole input line or a part of one).
pub type Line<'t> = (usize, Cow<'t, str>);

/// Fewer lines than this on a page are too little evidence for a gutter.
const MIN_PAGE_LINES: usize = 6;
/// A column is at least this many characters wide.
const MIN_COLUMN_WIDTH: usize = 20;
/// Layout-mode lines are a page wide; longer lines are not laid out by position.
const MAX_PAGE_WIDTH: usize = 400;

use std::borrow::Cow;
use std::ops::Range;

use arqam_lexicon::PdfWords;

use super::furniture::{self, Page, PageLine};

/// The lines of a text in reading order, and the page furniture left out.
#[derive(Debug, Default)]
pub struct Reading<'t> {
    pub lines: Vec<Line<'t>>,
    /// Input line numbers of the running heads and feet dropped whole (sorted).
    pub dropped: Vec<usize>,
    /// Input line numbers of the lines a glued head or foot was cut from (sorted).
    pub cut: Vec<usize>,
}

/// The lines of the text in reading order, columns split, running heads and feet left out
/// (`pdf_text/furniture.rs`). A page starts at each of `page_starts` (sorted input line numbers) and
/// at each line with a form feed. `words` tells a print stamp's clock marks.
pub fn reading_order<'t>(text: &'t str, page_starts: &[usize], words: &PdfWords) -> Reading<'t> {
    let mut pages: Vec<Page> = vec![Vec::new()];
    for (i, raw) in text.lines().enumerate() {
        let feed = raw.contains('\u{000C}');
        let new_page = feed || page_starts.binary_search(&(i + 1)).is_ok();
        if new_page && pages.last().is_some_and(|p| !p.is_empty()) {
            pages.push(Vec::new());
        }
        // The form feed takes no cell on the page.
        let line: Cow<str> = if feed { raw.replace('\u{000C}', "").into() } else { raw.into() };
        pages.last_mut().expect("one page at least").push(PageLine::new(i + 1, line));
    }
    let found = furniture::find(&pages, words);
    let mut out = Vec::new();
    for mut page in pages {
        page.retain(|l| !found.dropped.contains(&l.n));
        for line in page.iter_mut() {
            if let Some(range) = found.cut.get(&line.n) {
                let text = &line.text;
                *line = PageLine::new(line.n, format!("{}{}", &text[..range.start], &text[range.end..]).into());
            }
        }
        read_page(page, &mut out);
    }
    let sorted = |lines: Vec<usize>| {
        let mut lines = lines;
        lines.sort_unstable();
        lines
    };
    Reading { lines: out, dropped: sorted(found.dropped.into_iter().collect()), cut: sorted(found.cut.into_keys().collect()) }
}

/// The runs of a line: `(start, end)` character positions of text between gaps of two
/// spaces or more.
fn runs(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut spaces = 0;
    let mut len = 0;
    for (i, c) in line.chars().enumerate() {
        len = i + 1;
        if c.is_whitespace() {
            spaces += 1;
            if spaces == 2 {
                if let Some(s) = start.take() {
                    out.push((s, i - 1));
                }
            }
        } else {
            if start.is_none() {
                start = Some(i);
            }
            spaces = 0;
        }
    }
    if let Some(s) = start {
        out.push((s, len - spaces));
    }
    out
}

/// A part of a line's text, borrowed from the input when the line is.
fn part<'t>(text: &Cow<'t, str>, bytes: Range<usize>) -> Cow<'t, str> {
    match text {
        Cow::Borrowed(s) => Cow::Borrowed(&s[bytes]),
        Cow::Owned(s) => Cow::Owned(s[bytes].to_string()),
    }
}

fn read_page<'t>(page: Page<'t>, out: &mut Vec<Line<'t>>) {
    if page.is_empty() {
        return;
    }
    let gutter = find_gutter(&page);
    let Some(g) = gutter else {
        out.extend(page.into_iter().map(|l| (l.n, l.text)));
        return;
    };
    let right_first = mostly_right_to_left(&page);
    let (mut left, mut right): (Vec<Line>, Vec<Line>) = (Vec::new(), Vec::new());
    let flush = |left: &mut Vec<Line<'t>>, right: &mut Vec<Line<'t>>, out: &mut Vec<Line<'t>>| {
        let (first, second) = if right_first { (right, left) } else { (left, right) };
        out.append(first);
        out.append(second);
    };
    for line in page {
        if runs(&line.text).iter().any(|&(a, b)| a < g && g < b) {
            flush(&mut left, &mut right, out);
            out.push((line.n, line.text));
            continue;
        }
        // The gutter's character position as a byte offset.
        let cut = line.text.char_indices().nth(g).map_or(line.text.len(), |(i, _)| i);
        let (l, r) = (part(&line.text, 0..cut), part(&line.text, cut..line.text.len()));
        if !l.trim().is_empty() {
            left.push((line.n, l));
        }
        if !r.trim().is_empty() {
            right.push((line.n, r));
        }
    }
    flush(&mut left, &mut right, out);
}

/// The position of the gutter between two columns of prose, if the page has one.
fn find_gutter(page: &[PageLine]) -> Option<usize> {
    let lines: Vec<Vec<(usize, usize)>> = page.iter().map(|l| runs(&l.text)).filter(|r| !r.is_empty()).collect();
    let n = lines.len();
    if n < MIN_PAGE_LINES {
        return None;
    }
    let width = lines.iter().filter_map(|r| r.last()).map(|r| r.1).max()?;
    if width > MAX_PAGE_WIDTH {
        return None;
    }
    // How many lines write into each position: one pass per run.
    let mut written = vec![0usize; width + 1];
    for &(a, b) in lines.iter().flatten() {
        for w in &mut written[a..b] {
            *w += 1;
        }
    }
    // Bands where at most a quarter of the lines write (titles and full-width lines may).
    // Only the widest band in the middle of the page is tried, so a page costs one pass
    // over its lines whatever its width.
    let quiet = |c: usize| written[c] * 4 <= n;
    let mut widest: Option<(usize, usize)> = None;
    let mut c = width / 5;
    while c < width * 4 / 5 {
        if !quiet(c) {
            c += 1;
            continue;
        }
        let start = c;
        while c < width && quiet(c) {
            c += 1;
        }
        if widest.is_none_or(|(s, e)| c - start > e - s) {
            widest = Some((start, c));
        }
    }
    let (start, end) = widest.filter(|(s, e)| e - s >= 2)?;
    let g = (start + end) / 2;
    prose_on_both_sides(&lines, g).then_some(g)
}

/// Whether the lines that do not cross `g` hold prose on both sides of it: three lines or
/// more on each side, each side at least [`MIN_COLUMN_WIDTH`] wide, and at least half of
/// each side's lines filling 60 % of its width (a table's cells are short).
fn prose_on_both_sides(lines: &[Vec<(usize, usize)>], g: usize) -> bool {
    let (mut left, mut right) = (Vec::new(), Vec::new());
    for r in lines.iter().filter(|r| !r.iter().any(|&(a, b)| a < g && g < b)) {
        let (l, rr): (Vec<&(usize, usize)>, Vec<_>) = r.iter().partition(|&&(_, b)| b <= g);
        if let (Some(first), Some(last)) = (l.first(), l.last()) {
            left.push((first.0, last.1));
        }
        if let (Some(first), Some(last)) = (rr.first(), rr.last()) {
            right.push((first.0, last.1));
        }
    }
    let side = |extents: &[(usize, usize)], width: usize| {
        extents.len() >= 3 && width >= MIN_COLUMN_WIDTH && extents.iter().filter(|(a, b)| (b - a) * 10 >= width * 6).count() * 2 >= extents.len()
    };
    // A column's width is its own, from its leftmost start to its rightmost end (the
    // gutter may be wider than the spaces a line leaves).
    let width = |extents: &[(usize, usize)]| {
        let start = extents.iter().map(|e| e.0).min().unwrap_or(0);
        extents.iter().map(|e| e.1).max().unwrap_or(0).saturating_sub(start)
    };
    side(&left, width(&left)) && side(&right, width(&right))
}

/// Whether the page's letters are mostly Arabic.
fn mostly_right_to_left(page: &[PageLine]) -> bool {
    let (mut rtl, mut ltr) = (0usize, 0usize);
    for c in page.iter().flat_map(|l| l.text.chars()) {
        if arqam_normalize::is_arabic_letter(c) {
            rtl += 1;
        } else if c.is_alphabetic() {
            ltr += 1;
        }
    }
    rtl >= ltr
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reading_order<'t>(text: &'t str, page_starts: &[usize]) -> Reading<'t> {
        super::reading_order(text, page_starts, PdfWords::builtin())
    }

    fn text_of<'a>(lines: &'a [Line]) -> Vec<&'a str> {
        lines.iter().map(|(_, l)| l.trim()).collect()
    }

    #[test]
    fn two_columns_are_read_right_column_first() {
        let page = "\
          عنوان التقرير الطويل يمتد فوق العمودين معا في أعلى الصفحة كلها
بداية العمود الأيسر فيها كلمات كثيرة جدا        بداية العمود الأيمن فيها كلمات كثيرة جدا
تكملة العمود الأيسر وفيها 40 قتيلا آخرين        تكملة العمود الأيمن وفيها 12 جريحا آخرين
السطر الثالث من العمود الأيسر للتقرير نفسه      السطر الثالث من العمود الأيمن للتقرير نفسه
                    نهاية العمود الأيسر.        السطر الرابع من العمود الأيمن للتقرير هنا
                                                                     نهاية العمود الأيمن.
سطر خامس في العمود الأيسر بعد الفقرة الأولى
سطر سادس في العمود الأيسر ينهي الصفحة هنا.
";
        let Reading { lines: got, dropped, .. } = reading_order(page, &[]);
        assert!(dropped.is_empty());
        assert_eq!(
            text_of(&got),
            vec![
                "عنوان التقرير الطويل يمتد فوق العمودين معا في أعلى الصفحة كلها",
                "بداية العمود الأيمن فيها كلمات كثيرة جدا",
                "تكملة العمود الأيمن وفيها 12 جريحا آخرين",
                "السطر الثالث من العمود الأيمن للتقرير نفسه",
                "السطر الرابع من العمود الأيمن للتقرير هنا",
                "نهاية العمود الأيمن.",
                "بداية العمود الأيسر فيها كلمات كثيرة جدا",
                "تكملة العمود الأيسر وفيها 40 قتيلا آخرين",
                "السطر الثالث من العمود الأيسر للتقرير نفسه",
                "نهاية العمود الأيسر.",
                "سطر خامس في العمود الأيسر بعد الفقرة الأولى",
                "سطر سادس في العمود الأيسر ينهي الصفحة هنا.",
            ]
        );
        // Input line numbers go with the lines.
        assert_eq!(got[1].0, 2);
        assert_eq!(got[6].0, 2);
    }

    #[test]
    fn one_column_pages_and_tables_stay_as_they_are() {
        // Right-aligned padding and ragged lines: no gutter.
        let page = "\
   قالت اللجنة إن القصف أسفر عن مقتل 64 مدنيا بينهم 19 طفلا وإصابة أكثر من 230 آخرين
                                                  بجروح متفاوتة خلال الأسبوع.
  وأضافت أن نحو 400 ألف شخص باتوا بلا مأوى بعد تضرر 1850 منزلا في الأحياء الشمالية
                                 وأن فرقها وزعت 12 ألف سلة غذائية على العائلات.
 وقال المتحدث إن طواقمه انتشلت 37 جثة من تحت الأنقاض مرجحا أن يرتفع العدد
                                                     خلال الأيام المقبلة.
";
        assert_eq!(find_gutter(&page.lines().enumerate().map(|(i, l)| PageLine::new(i + 1, l.into())).collect::<Vec<_>>()), None);
        // A table: short cells on both sides of a wide gap.
        let table = "\
القتلى                 64
الجرحى                 230
المفقودون              12
المنازل المدمرة        1850
المدارس                9
المستشفيات             3
";
        let lines: Vec<_> = table.lines().enumerate().map(|(i, l)| PageLine::new(i + 1, l.into())).collect();
        assert_eq!(find_gutter(&lines), None);
        assert_eq!(text_of(&reading_order(table, &[]).lines)[0], "القتلى                 64");
    }

    #[test]
    fn running_heads_and_feet_are_left_out() {
        let text = "11/30/26, 1:00 AM      تقرير الأسبوع\nقتل 12 شخصا في القصف.\nوأصيب 30 آخرون.\nfile:///tmp/r.html      1/2\n\u{000C}11/30/26, 1:00 AM      تقرير الأسبوع\nنزحت 400 أسرة.\nووصلت 6 قوافل.\nfile:///tmp/r.html      2/2\n";
        let Reading { lines, dropped, .. } = reading_order(text, &[]);
        assert_eq!(dropped, vec![1, 4, 5, 8]);
        assert_eq!(text_of(&lines), vec!["قتل 12 شخصا في القصف.", "وأصيب 30 آخرون.", "نزحت 400 أسرة.", "ووصلت 6 قوافل."]);
        // One page says nothing about running heads.
        assert!(reading_order("تقرير الأسبوع\nقتل 12 شخصا.\n", &[]).dropped.is_empty());
        // Pages joined without a break: the footer comes back three times.
        let joined = "قتل 12 شخصا.\nfile:///r.html 1/3\nنزحت 400 أسرة.\nfile:///r.html 2/3\nوصلت 6 قوافل.\nfile:///r.html 3/3\n";
        assert_eq!(reading_order(joined, &[]).dropped, vec![2, 4, 6]);
        // Pages told by their first lines (the form feeds dropped with the controls).
        let no_feeds = text.replace('\u{000C}', "");
        assert_eq!(reading_order(&no_feeds, &[5]).dropped, vec![1, 4, 5, 8]);
    }

    #[test]
    fn runs_are_cut_at_wide_gaps() {
        assert_eq!(runs("  ab c   de  "), vec![(2, 6), (9, 11)]);
        assert_eq!(runs("قتل 12  شخصا"), vec![(0, 6), (8, 12)]);
    }
}
