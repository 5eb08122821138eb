//! Calendar dates as Arabic reporting writes them.
//!
//! A date is read in two steps. [`find_dates`] reads one sentence into [`FoundDate`]s whose
//! parts may point at the document's date (a year left out, `آذار الماضي`, `هذا الشهر`);
//! [`resolve`] then turns each into an ISO string against the document's date, and drops
//! what stays unknown or impossible (`31 شباط`: chrono decides). Every found date, resolved
//! or not, keeps its numbers away from the figures.
//!
//! Shapes: `26/1/2022` and `13.02.2026` (day first), ISO `2025-03-14`, `[weekday] day
//! [من] month[/month] [year]` with the day in digits of any script or as an ordinal word
//! (`التاسع من كانون الأول`, `الخامس عشر من آذار`), `سبتمبر 4, 2024`, `month year`,
//! years after a year word or a preposition (`عام 2013`, `في 2022`, `عامي 2012 و2013`),
//! years in words (`عام ألفين وعشرين`), intervals (`بين 11 و14 مايو`, `من 4 إلى 10
//! مايو 2019`, `آذار لغاية تشرين الثاني 2018`) and Hijri dates (`12 ربيع الأول
//! 1443هـ`, converted with the tabular calendar). The words come from the months and
//! dates lexicons; this module holds the grammar.

use arqam_lexicon::dates::DateWordKind;
use arqam_lexicon::Lexicon;
use arqam_model::{BlockKind, DateMention, Precision, Span};
use arqam_normalize::{digit_value, Token, TokenKind};
use chrono::{Datelike, NaiveDate};
use std::cell::Cell;

use crate::numbers;
use crate::SentenceTokens;

/// How a date gives its year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearRef {
    Stated(i32),
    /// Not written: the document's year.
    Unstated,
    /// `العام الماضي`: the document's year plus this.
    Offset(i32),
    /// `آذار الماضي` (-1), `الجاري` (0), `المقبل` (1): the nearest such month before, in
    /// or after the document's date.
    Around(i32),
    /// `من العام نفسه`: the year last written before it in its paragraph.
    Same,
}

/// How a date gives its month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonthRef {
    Stated(u32),
    /// `هذا الشهر` (0), `الشهر الماضي` (-1): the document's month plus this.
    Offset(i32),
}

/// A date as written, before the document's date fills what it leaves out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Point {
    pub year: YearRef,
    pub month: Option<MonthRef>,
    pub day: Option<u32>,
}

impl Point {
    fn year(year: YearRef) -> Point {
        Point { year, month: None, day: None }
    }

    /// Written in full: a year, and a month when there is a day.
    fn is_stated(&self) -> bool {
        matches!(self.year, YearRef::Stated(_)) && !matches!(self.month, Some(MonthRef::Offset(_)))
    }
}

/// A date expression of one sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundDate {
    pub sentence_id: usize,
    pub span: Span,
    pub from: Point,
    /// The end of an interval.
    pub to: Option<Point>,
    /// Recognized as a date but never a row: a Hijri date without a year, a two-digit
    /// year (`حرب عام 67`), a clock time. Its numbers are no figures either.
    pub kept_out: bool,
}

/// The tokens of a sentence read with the date words of the lexicon.
struct Reader<'a> {
    toks: &'a [Token],
    lex: &'a Lexicon,
    /// Per token, the kinds of date phrase its key opens ([`Reader::opened_kinds`]): the
    /// grammar asks the same few tokens for one kind after another, and most asks are
    /// answered "no" by one bit test instead of reading the key's clitics again.
    opened: Vec<Cell<u32>>,
}

/// The bit of [`Reader::opened`] that says a token's kinds were read.
const KINDS_READ: u32 = 1 << 31;

/// A date element: a point and the tokens it spans (inclusive).
#[derive(Debug, Clone, Copy)]
struct Element {
    point: Point,
    start: usize,
    end: usize,
    /// A day with no month (`بين 11 و14 مايو`): only the start of an interval.
    bare_day: bool,
    /// A month with no day and no year and no word before it that makes it a date.
    lone_month: bool,
}

const DATE_SEPARATORS: &[&str] = &["/", "-", "."];

impl<'a> Reader<'a> {
    fn num(&self, k: usize) -> Option<u32> {
        let t = self.toks.get(k)?;
        (t.kind == TokenKind::Number && !t.key.contains('.') && t.key.len() <= 4).then(|| t.key.parse().ok()).flatten()
    }

    fn day_number(&self, k: usize) -> Option<u32> {
        self.num(k).filter(|d| (1..=31).contains(d) && self.toks[k].key.len() <= 2)
    }

    fn month_number(&self, k: usize) -> Option<u32> {
        self.num(k).filter(|m| (1..=12).contains(m) && self.toks[k].key.len() <= 2)
    }

    fn year_number(&self, k: usize) -> Option<i32> {
        self.num(k).filter(|y| (1800..=2100).contains(y) && self.toks[k].key.len() == 4).map(|y| y as i32)
    }

    fn punct(&self, k: usize, set: &[&str]) -> bool {
        self.toks.get(k).is_some_and(|t| t.kind == TokenKind::Punct && set.contains(&t.key.as_str()))
    }

    fn key_is(&self, k: usize, key: &str) -> bool {
        self.toks.get(k).is_some_and(|t| t.kind == TokenKind::Word && t.key == key)
    }

    fn new(toks: &'a [Token], lex: &'a Lexicon) -> Self {
        Reader { toks, lex, opened: vec![Cell::new(0); toks.len()] }
    }

    /// The kinds of the date phrases that open with token `k`'s key (whether or not the
    /// rest of the phrase follows), one bit per [`DateWordKind`]; read once per token.
    fn opened_kinds(&self, k: usize) -> u32 {
        let Some(cell) = self.opened.get(k) else { return 0 };
        if !self.kinds_read(k) {
            let t = &self.toks[k];
            // A word that may open no date (one cached lookup) opens no date phrase either.
            let may_open = matches!(t.kind, TokenKind::Word | TokenKind::Latin) && self.lex.may_open_date(&t.key);
            self.record_may_open(k, may_open);
        }
        cell.get()
    }

    /// Whether token `k`'s date phrase kinds were read already.
    fn kinds_read(&self, k: usize) -> bool {
        self.opened[k].get() & KINDS_READ != 0
    }

    /// Records whether token `k` may open a date, as the caller found it: if so, the date
    /// phrases its key opens are read now; if not, it opens none. Either way the words
    /// around a number do not ask the lexicon about it again.
    fn record_may_open(&self, k: usize, may_open: bool) {
        let t = &self.toks[k];
        let kinds = if may_open && matches!(t.kind, TokenKind::Word | TokenKind::Latin) {
            self.lex.date_words.opened_by(&t.key).fold(0, |bits, (_, p)| bits | kind_bit(p.kind))
        } else {
            0
        };
        self.opened[k].set(kinds | KINDS_READ);
    }

    /// A phrase of the dates lexicon of `kind` at token `k`: `(value, tokens)`.
    fn date_word(&self, k: usize, kind: DateWordKind) -> Option<(i32, usize)> {
        if self.opened_kinds(k) & kind_bit(kind) == 0 {
            return None;
        }
        let t = self.toks.get(k).filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Latin))?;
        self.lex.date_words.opened_by(&t.key).filter(|(_, p)| p.kind == kind).find_map(|(_, p)| {
            let rest = p.keys.iter().enumerate().skip(1).all(|(j, key)| self.toks.get(k + j).is_some_and(|t| t.key == key.as_str()));
            rest.then_some((p.value, p.keys.len()))
        })
    }

    /// A month name at `k`: `(month, tokens)`. Only the phrases that open with the token's
    /// key (or the key after a conjunction `و`) are tried, longest first.
    fn month_at(&self, k: usize) -> Option<(u32, usize)> {
        let first = month_key(self.toks.get(k)?, true)?;
        let own = self.lex.months_starting_with(&first);
        let Some(bare) = first.strip_prefix('و') else {
            // The common case: no conjunction, so no second list to merge (and no copy).
            return own.iter().find_map(|&i| self.month_phrase_at(k, i));
        };
        let mut cands: Vec<usize> = own.to_vec();
        cands.extend_from_slice(self.lex.months_starting_with(bare));
        cands.sort_unstable();
        cands.into_iter().find_map(|i| self.month_phrase_at(k, i))
    }

    /// Month phrase `i` of the lexicon at token `k`, its first word already matched:
    /// `(month, tokens)` when the rest follows.
    fn month_phrase_at(&self, k: usize, i: usize) -> Option<(u32, usize)> {
        let (keys, m) = &self.lex.months[i];
        let rest_ok =
            keys.iter().enumerate().skip(1).all(|(j, key)| self.toks.get(k + j).and_then(|t| month_key(t, false)).is_some_and(|tk| tk == key.as_str()));
        rest_ok.then_some((*m, keys.len()))
    }

    /// A month in one or both naming systems: `أيار/مايو`, `نوفمبر/ تشرين الثاني`,
    /// `آذار (مارس)`. Returns the month and the last token.
    fn month_phrase(&self, k: usize) -> Option<(u32, usize)> {
        let (m, n) = self.month_at(k)?;
        let mut end = k + n - 1;
        if self.punct(end + 1, &["/", "("]) {
            if let Some((_, n2)) = self.month_at(end + 2) {
                end += 1 + n2;
                if self.punct(end + 1, &[")"]) {
                    end += 1;
                }
            }
        }
        Some((m, end))
    }

    /// A day written as an ordinal word: `السابع`, `الخامس عشر`, `الحادي والعشرين`,
    /// `الثلاثين`. Returns the day and the last token.
    fn ordinal_day(&self, k: usize) -> Option<(u32, usize)> {
        let t = self.toks.get(k).filter(|t| t.kind == TokenKind::Word)?;
        if let Some(units) = self.lex.ordinal(&t.key).filter(|v| (1..=10).contains(v)) {
            let next = self.toks.get(k + 1).filter(|n| n.kind == TokenKind::Word);
            if next.is_some_and(|n| self.lex.number_word_exact(&n.key).is_some_and(|w| w.kind == arqam_lexicon::NumberWordKind::TenUnit)) && units < 10 {
                return Some((units + 10, k + 1));
            }
            if let Some(tens) = next.filter(|n| n.key.starts_with('و')).and_then(|n| self.lex.number_word(&n.key)).map(|(_, w)| w.value as u32) {
                if matches!(tens, 20 | 30) && units + tens <= 31 {
                    return Some((units + tens, k + 1));
                }
            }
            return Some((units, k));
        }
        // `العشرين`, `الثلاثين`: a ten with the article is an ordinal.
        let tens = t.key.starts_with("ال").then(|| self.lex.number_word(&t.key)).flatten().map(|(_, w)| w.value)?;
        (tens == 20.0 || tens == 30.0).then_some((tens as u32, k))
    }

    /// A year written in words from `k` (`ألفين وثلاثة عشر`): the number layer reads it.
    fn worded_year(&self, k: usize) -> Option<(i32, usize)> {
        let t = self.toks.get(k).filter(|t| t.kind == TokenKind::Word)?;
        self.lex.number_word(&t.key)?;
        let window = &self.toks[k..(k + 8).min(self.toks.len())];
        let m = numbers::find_numbers(window, self.lex, &|_| false, numbers::NumberOptions::default()).into_iter().next()?;
        let v = m.low.filter(|v| m.first_token == 0 && m.from_words && m.high == Some(*v) && v.fract() == 0.0 && (1800.0..=2100.0).contains(v))?;
        (!self.noun_follows(k + m.last_token)).then_some((v as i32, k + m.last_token))
    }

    /// An era mark after a year at `k`: `(tokens, hijri)`.
    fn era(&self, k: usize) -> Option<(usize, bool)> {
        if let Some((_, n)) = self.date_word(k, DateWordKind::GregorianEra) {
            return Some((n, false));
        }
        self.date_word(k, DateWordKind::HijriEra).map(|(_, n)| (n, true))
    }

    /// Whether a counted noun follows `k` (`في 2022 حالة` counts cases, it is no year).
    fn noun_follows(&self, k: usize) -> bool {
        self.toks.get(k + 1).is_some_and(|t| t.kind == TokenKind::Word && self.lex.unit(&t.key).is_some())
    }

    /// The year after a day and month or a month: `2021`, `، 2021`, `- 2021`, `من العام
    /// الماضي`, `عام 2019`, `ألفين وسبعة عشر`, or `الماضي` right after the month.
    fn year_part(&self, k: usize) -> Option<(YearRef, usize)> {
        if let Some((v, n)) = self.date_word(k, DateWordKind::Relative) {
            return Some((YearRef::Around(v), k + n - 1));
        }
        if let Some((y, end)) = self.worded_year(k) {
            return Some((YearRef::Stated(y), end));
        }
        // A number with its counted noun is a count, not the year (`في أيار 2000 نازح`);
        // a dash only ever sets a year apart (`4 يونيو - 2021`).
        let dash = self.punct(k, &["-", "–"]);
        let j = if dash || self.punct(k, &["،", ","]) || self.key_is(k, "من") { k + 1 } else { k };
        if let Some(y) = self.year_number(j).filter(|_| dash || !self.noun_follows(j)) {
            let end = match self.era(j + 1) {
                Some((n, false)) => j + n,
                _ => j,
            };
            return Some((YearRef::Stated(y), end));
        }
        let (j, this) = match self.date_word(j, DateWordKind::This) {
            Some((_, n)) => (j + n, true),
            None => (j, false),
        };
        let (_, n) = self.date_word(j, DateWordKind::YearWord)?;
        if this {
            return Some((YearRef::Offset(0), j + n - 1));
        }
        if let Some(y) = self.year_number(j + n) {
            return Some((YearRef::Stated(y), j + n));
        }
        if let Some((y, end)) = self.worded_year(j + n) {
            return Some((YearRef::Stated(y), end));
        }
        if let Some((_, r)) = self.date_word(j + n, DateWordKind::Same) {
            return Some((YearRef::Same, j + n + r - 1));
        }
        let (v, r) = self.date_word(j + n, DateWordKind::Relative)?;
        Some((YearRef::Offset(v), j + n + r - 1))
    }

    /// `من هذا الشهر`, `من الشهر الجاري`, `من الشهر الماضي` after a day.
    fn month_word_part(&self, k: usize) -> Option<(MonthRef, usize)> {
        if let Some((_, n)) = self.date_word(k, DateWordKind::This) {
            let (_, m) = self.date_word(k + n, DateWordKind::MonthWord)?;
            return Some((MonthRef::Offset(0), k + n + m - 1));
        }
        let (_, n) = self.date_word(k, DateWordKind::MonthWord)?;
        let (v, r) = self.date_word(k + n, DateWordKind::Relative)?;
        Some((MonthRef::Offset(v), k + n + r - 1))
    }

    /// Whether the word before `k` makes a lone month a date (`في تموز`, `شهر آب`).
    fn month_cue_before(&self, k: usize) -> bool {
        k > 0 && (self.date_word(k - 1, DateWordKind::YearCue).is_some() || self.date_word(k - 1, DateWordKind::MonthWord).is_some())
    }

    /// `[weekday [،]] day [من] month [year]`, the day in digits or as an ordinal word; or
    /// the day of `هذا الشهر`.
    fn day_month(&self, k: usize) -> Option<Element> {
        let mut j = k;
        if let Some((_, n)) = self.date_word(k, DateWordKind::Weekday) {
            j = k + n;
            if self.punct(j, &["،", ","]) {
                j += 1;
            }
        }
        let (day, day_end) = match self.day_number(j) {
            Some(d) => (d, j),
            None => self.ordinal_day(j)?,
        };
        let with_min = self.key_is(day_end + 1, "من");
        let m_at = day_end + 1 + usize::from(with_min);
        if let Some((m, m_end)) = self.month_phrase(m_at) {
            let mut point = Point { year: YearRef::Unstated, month: Some(MonthRef::Stated(m)), day: Some(day) };
            let mut end = m_end;
            if let Some((year, y_end)) = self.year_part(m_end + 1) {
                point.year = year;
                end = y_end;
            }
            return Some(Element { point, start: k, end, bare_day: false, lone_month: false });
        }
        if with_min {
            if let Some((month, end)) = self.month_word_part(m_at) {
                return Some(Element {
                    point: Point { year: YearRef::Unstated, month: Some(month), day: Some(day) },
                    start: k,
                    end,
                    bare_day: false,
                    lone_month: false,
                });
            }
        }
        // A bare day opens an interval only: `بين 11 و14 مايو`.
        (j == k).then_some(Element {
            point: Point { year: YearRef::Unstated, month: None, day: Some(day) },
            start: k,
            end: day_end,
            bare_day: true,
            lone_month: false,
        })
    }

    /// `month [year]` and `month day, year`.
    fn month_first(&self, k: usize) -> Option<Element> {
        let (m, m_end) = self.month_phrase(k)?;
        if let Some(d) = self.day_number(m_end + 1) {
            if self.punct(m_end + 2, &[","]) {
                if let Some(y) = self.year_number(m_end + 3) {
                    let point = Point { year: YearRef::Stated(y), month: Some(MonthRef::Stated(m)), day: Some(d) };
                    return Some(Element { point, start: k, end: m_end + 3, bare_day: false, lone_month: false });
                }
            }
        }
        let month = Some(MonthRef::Stated(m));
        if let Some((year, end)) = self.year_part(m_end + 1) {
            return Some(Element { point: Point { year, month, day: None }, start: k, end, bare_day: false, lone_month: false });
        }
        let lone_month = !self.month_cue_before(k);
        Some(Element { point: Point { year: YearRef::Unstated, month, day: None }, start: k, end: m_end, bare_day: false, lone_month })
    }

    fn element(&self, k: usize) -> Option<Element> {
        self.day_month(k).or_else(|| self.month_first(k))
    }

    /// What joins two ends of an interval at `k`: the tokens it takes. `و` joins only after
    /// `بين` (`بين 11 و14`, `ما بين يوليو وسبتمبر`, the `و` glued to the month).
    fn joiner(&self, k: usize, after_between: bool) -> Option<usize> {
        if let Some((_, n)) = self.date_word(k, DateWordKind::RangeTo) {
            return Some(n);
        }
        if self.punct(k, &["-", "–"]) {
            return Some(1);
        }
        if after_between && self.key_is(k, "و") {
            return Some(1);
        }
        (after_between && self.toks.get(k).is_some_and(|t| t.key.starts_with('و') && self.month_at(k).is_some())).then_some(0)
    }

    /// An interval or a single date opening at `k`.
    fn date_at(&self, k: usize) -> Option<(Span, Point, Option<Point>, usize)> {
        let opener = self.date_word(k, DateWordKind::RangeOpen);
        let after_between = opener.is_some() && !self.key_is(k, "من");
        let p = k + opener.map_or(0, |(_, n)| n);
        let left = self.element(p)?;
        if let Some(jn) = self.joiner(left.end + 1, after_between) {
            let mut q = left.end + 1 + jn;
            if self.date_word(q, DateWordKind::YearCue).is_some() && !self.key_is(q, "من") {
                q += 1;
            }
            if let Some(right) = self.element(q).filter(|r| !r.bare_day && r.point.month.is_some() && (!r.lone_month || !left.lone_month || jn > 0)) {
                let from = fill_from(left.point, right.point);
                let start = if opener.is_some() { k } else { p };
                return Some((self.span(start, right.end), from, Some(right.point), right.end));
            }
        }
        if left.bare_day || left.lone_month {
            return None;
        }
        Some((self.span(left.start, left.end), left.point, None, left.end))
    }

    fn span(&self, a: usize, b: usize) -> Span {
        Span::new(self.toks[a].span.start, self.toks[b].span.end)
    }

    /// `d/m/yyyy`, `d-m-yyyy` (day first) and ISO `yyyy-mm-dd`.
    fn numeric(&self, k: usize) -> Option<(Point, usize)> {
        let sep = self.toks.get(k + 1).filter(|t| t.kind == TokenKind::Punct && DATE_SEPARATORS.contains(&t.key.as_str()))?;
        if !self.punct(k + 3, &[sep.key.as_str()]) {
            return None;
        }
        let (y, m, d) = if let Some(y) = self.year_number(k) {
            (y, self.month_number(k + 2)?, self.day_number(k + 4)?)
        } else {
            (self.year_number(k + 4)?, self.month_number(k + 2)?, self.day_number(k)?)
        };
        Some((Point { year: YearRef::Stated(y), month: Some(MonthRef::Stated(m)), day: Some(d) }, k + 4))
    }

    /// A dotted date read as one number token: `13.02.2026`.
    fn dotted(&self, text: &str, k: usize) -> Option<Point> {
        let t = self.toks.get(k).filter(|t| t.kind == TokenKind::Number)?;
        let parts: Vec<u32> = text[t.span.start..t.span.end]
            .split(['.', '٫'])
            .map(|p| (!p.is_empty() && p.chars().count() <= 4).then(|| p.chars().try_fold(0u32, |acc, c| Some(acc * 10 + digit_value(c)?))).flatten())
            .collect::<Option<Vec<u32>>>()?;
        let [d, m, y] = parts[..] else { return None };
        ((1..=31).contains(&d) && (1..=12).contains(&m) && (1800..=2100).contains(&y)).then_some(Point {
            year: YearRef::Stated(y as i32),
            month: Some(MonthRef::Stated(m)),
            day: Some(d),
        })
    }

    /// `12 ربيع الأول 1443هـ`: the Gregorian day when the year is written.
    fn hijri(&self, k: usize) -> Option<(Option<Point>, usize)> {
        let d = self.day_number(k)?;
        let (m, n) = self.date_word(k + 1, DateWordKind::HijriMonth)?;
        let mut end = k + n;
        let year = self.num(end + 1).filter(|y| (1300..=1600).contains(y));
        if year.is_some() {
            end += 1;
            if let Some((n, true)) = self.era(end + 1) {
                end += n;
            }
        }
        let point = year.and_then(|y| hijri_to_gregorian(y as i32, m as u32, d)).map(|g| Point {
            year: YearRef::Stated(g.year()),
            month: Some(MonthRef::Stated(g.month())),
            day: Some(g.day()),
        });
        Some((point, end))
    }

    /// A clock time at `k` (`11:05`, `٠٧:١٢`, `14:05:10`): its last token. Datelines carry
    /// one after the date; its numbers count nothing.
    fn clock_time(&self, k: usize) -> Option<usize> {
        let two_digits = |j: usize, max: u32| self.num(j).filter(|v| *v <= max && self.toks[j].key.len() == 2 && !self.toks[j].space_before).is_some();
        self.num(k).filter(|h| *h <= 24 && self.toks[k].key.len() <= 2)?;
        if !(self.punct(k + 1, &[":"]) && !self.toks[k + 1].space_before && two_digits(k + 2, 59)) {
            return None;
        }
        Some(if self.punct(k + 3, &[":"]) && two_digits(k + 4, 59) { k + 4 } else { k + 2 })
    }

    /// `بين 2015 و2017`, `من 2011 إلى 2014`: an interval of years (a range of counts has
    /// its noun after it). Returns both years and the last token.
    fn year_interval(&self, k: usize) -> Option<(i32, i32, usize)> {
        let (_, n) = self.date_word(k, DateWordKind::RangeOpen)?;
        let after_between = !self.key_is(k, "من");
        let mut p = k + n;
        if self.date_word(p, DateWordKind::YearWord).is_some() {
            p += 1;
        }
        let from = self.year_number(p)?;
        let q = p + 1 + self.joiner(p + 1, after_between)?;
        let to = self.year_number(q).filter(|_| !self.noun_follows(q))?;
        (from < to).then_some((from, to, q))
    }

    /// A two-digit number right after a singular year word, with no noun after it.
    fn short_year(&self, k: usize) -> bool {
        let two_digits = self.num(k).is_some() && self.toks[k].key.len() == 2;
        two_digits && k > 0 && self.date_word(k - 1, DateWordKind::YearWord).is_some() && !self.toks[k - 1].key.ends_with(['ي', 'ن']) && !self.noun_follows(k)
    }

    /// A year standing alone at `k`: after a year word or a preposition, before an era
    /// mark, in a pair (`2014 - 2015`) or joined to a year just read (`عامي 2012 و2013`).
    /// Returns the first token of the surface.
    fn lone_year(&self, k: usize, last_year_end: Option<usize>) -> Option<usize> {
        self.year_number(k)?;
        let word_before = k > 0 && self.date_word(k - 1, DateWordKind::YearWord).is_some();
        let cue_before = k > 0 && self.date_word(k - 1, DateWordKind::YearCue).is_some() && !self.noun_follows(k);
        let era_after = matches!(self.era(k + 1), Some((_, false)));
        let pair = self.punct(k + 1, &["-", "–", "/"]) && self.year_number(k + 2).is_some();
        let after_pair = k >= 2 && self.punct(k - 1, &["-", "–", "/"]) && self.year_number(k - 2).is_some();
        let chained = k >= 2 && self.key_is(k - 1, "و") && last_year_end == Some(k - 2);
        if !(word_before || cue_before || era_after || pair || after_pair || chained) {
            return None;
        }
        // The year word is part of the surface (`عام 2013`), a dual one is shared.
        let own_word = word_before && !self.toks[k - 1].key.ends_with('ي');
        Some(if own_word { k - 1 } else { k })
    }
}

/// The bit of a date word kind in [`Reader::opened`].
fn kind_bit(kind: DateWordKind) -> u32 {
    1 << (kind as u32)
}

/// A token's key as month names are compared: lower case (only Latin keys need the
/// conversion), without a handle's `@` on a link (broken tweet embeds glue it to the month:
/// `(@January 23, 2022)`).
fn month_key(t: &Token, first: bool) -> Option<std::borrow::Cow<'_, str>> {
    use std::borrow::Cow;
    if !matches!(t.kind, TokenKind::Word | TokenKind::Latin | TokenKind::Link) {
        return None;
    }
    let key = if t.key.bytes().any(|b| b.is_ascii_uppercase()) { Cow::Owned(t.key.as_str().to_lowercase()) } else { Cow::Borrowed(t.key.as_str()) };
    Some(if t.kind == TokenKind::Link && first { Cow::Owned(key.trim_start_matches('@').to_string()) } else { key })
}

/// The start of an interval takes what it leaves out from its end: `بين 11 و14 مايو`
/// is in May, `آذار لغاية تشرين الثاني 2018` in 2018 (and `أيلول حتى شباط 2023`
/// starts in 2022).
fn fill_from(mut from: Point, to: Point) -> Point {
    if from.month.is_none() {
        from.month = to.month;
    }
    if from.year == YearRef::Unstated {
        from.year = match (to.year, from.month, to.month) {
            (YearRef::Stated(y), Some(MonthRef::Stated(a)), Some(MonthRef::Stated(b))) if a > b => YearRef::Stated(y - 1),
            (year, _, _) => year,
        };
    }
    from
}

/// The Gregorian day of a Hijri date by the tabular (arithmetic) calendar, which may differ
/// by a day from a sighted month.
pub fn hijri_to_gregorian(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    if !(1..=12).contains(&month) || !(1..=30).contains(&day) || year < 1 {
        return None;
    }
    let (y, m, d) = (i64::from(year), i64::from(month), i64::from(day));
    // Days before the month: months alternate 30 and 29 days (⌈29.5 (m−1)⌉).
    let month_days = (59 * (m - 1) + 1) / 2;
    // The civil epoch: 1 Muharram 1 is Julian day 1 948 440 (16 July 622, a Friday).
    let julian_day = d + month_days + (y - 1) * 354 + (3 + 11 * y) / 30 + 1_948_439;
    // Julian day 1 721 426 is 1 January of year 1 (proleptic Gregorian), day 1 of the era.
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(julian_day - 1_721_425).ok()?)
}

/// Finds the date expressions of one sentence.
pub fn find_dates(text: &str, st: &SentenceTokens, lex: &Lexicon) -> Vec<FoundDate> {
    let r = Reader::new(&st.tokens, lex);
    let sentence_id = st.sentence.sentence_id;
    let found = |span: Span, from: Point, to: Option<Point>| FoundDate { sentence_id, span, from, to, kept_out: false };
    let mut out = Vec::new();
    let mut last_year_end = None;
    let mut k = 0;
    while k < r.toks.len() {
        // Every date opens with a number or a date word (a month, a weekday, an ordinal,
        // a number word, `بين`, `عام`): most tokens are passed over with one cached lookup.
        let t = &r.toks[k];
        if t.kind == TokenKind::Punct || (t.kind == TokenKind::Word && !st.hints[k].date()) {
            r.record_may_open(k, false);
            k += 1;
            continue;
        }
        if t.kind == TokenKind::Word && !r.kinds_read(k) {
            r.record_may_open(k, true);
        }
        if let Some(point) = r.dotted(text, k) {
            out.push(found(r.span(k, k), point, None));
            k += 1;
            continue;
        }
        if let Some((point, end)) = r.numeric(k) {
            out.push(found(r.span(k, end), point, None));
            k = end + 1;
            continue;
        }
        if let Some((point, end)) = r.hijri(k) {
            let span = r.span(k, end);
            out.push(match point {
                Some(p) => found(span, p, None),
                None => FoundDate { kept_out: true, ..found(span, Point::year(YearRef::Unstated), None) },
            });
            k = end + 1;
            continue;
        }
        if let Some(end) = r.clock_time(k) {
            out.push(FoundDate { kept_out: true, ..found(r.span(k, end), Point::year(YearRef::Unstated), None) });
            k = end + 1;
            continue;
        }
        if let Some((from, to, end)) = r.year_interval(k) {
            out.push(found(r.span(k, end), Point::year(YearRef::Stated(from)), Some(Point::year(YearRef::Stated(to)))));
            k = end + 1;
            continue;
        }
        if let Some((span, from, to, end)) = r.date_at(k) {
            out.push(found(span, from, to));
            k = end + 1;
            continue;
        }
        // A Hijri year (`1443هـ`) is no count either.
        if let (Some(_), Some((n, true))) = (r.num(k), r.era(k + 1)) {
            out.push(FoundDate { kept_out: true, ..found(r.span(k, k + n), Point::year(YearRef::Unstated), None) });
            k += n + 1;
            continue;
        }
        if r.date_word(k, DateWordKind::YearWord).is_some() {
            if let Some((y, end)) = r.worded_year(k + 1) {
                out.push(found(r.span(k, end), Point::year(YearRef::Stated(y)), None));
                k = end + 1;
                continue;
            }
        }
        // `عام 48`: a year written with two digits (a count would follow its noun).
        if r.short_year(k) {
            out.push(FoundDate { kept_out: true, ..found(r.span(k - 1, k), Point::year(YearRef::Unstated), None) });
            k += 1;
            continue;
        }
        if let Some(start) = r.lone_year(k, last_year_end) {
            let y = r.year_number(k).unwrap_or_default();
            out.push(found(r.span(start, k), Point::year(YearRef::Stated(y)), None));
            last_year_end = Some(k);
        }
        k += 1;
    }
    out
}

/// The document's date, for what a date leaves out.
type Reference = NaiveDate;

/// A written-out day date (year stated) in a byline, in a short line among the first
/// blocks that is no sentence (`الأحد، 9 فبراير 2020 11:05 ص`), or opening one of the very first blocks
/// (`date 2025-07-21 - …`, a page's metadata run into its first line): the text's own
/// publication date.
///
/// `sentence` gives the sentence of an id: only the sentences of `found` and the ones just
/// before them are asked for.
pub fn publication_date<'s>(found: &[FoundDate], sentence: impl Fn(usize) -> &'s SentenceTokens, block_words: impl Fn(usize) -> usize) -> Option<String> {
    const FIRST_BLOCKS: usize = 5;
    const SHORT_BLOCK: usize = 16;
    // A dateline is no sentence: it does not end with a full stop (a short first paragraph
    // of news with an event date does).
    let dateline_shaped = |s: &SentenceTokens| s.tokens.last().is_none_or(|t| !(t.kind == TokenKind::Punct && matches!(t.key.as_str(), "." | "!" | "؟")));
    const OPENING_BLOCKS: usize = 3;
    const OPENING_TOKENS: usize = 2;
    let opens_block = |f: &FoundDate| {
        let s = sentence(f.sentence_id);
        let first_of_block = f.sentence_id == 0 || sentence(f.sentence_id - 1).sentence.paragraph != s.sentence.paragraph;
        first_of_block && s.sentence.paragraph < OPENING_BLOCKS && s.tokens.iter().take_while(|t| t.span.start < f.span.start).count() <= OPENING_TOKENS
    };
    let dateline = |f: &&FoundDate| {
        let s = sentence(f.sentence_id);
        s.block_kind == BlockKind::Byline
            || (s.sentence.paragraph < FIRST_BLOCKS && block_words(s.sentence.paragraph) <= SHORT_BLOCK && dateline_shaped(s))
            || opens_block(f)
    };
    found
        .iter()
        .filter(|f| f.to.is_none() && f.from.day.is_some() && f.from.is_stated())
        .find(dateline)
        .and_then(|f| resolve_point(f.from, None))
        .map(|(d, _)| d)
}

/// The date that dates without a year are read against: the publication date, else the
/// first date written in full in the document's opening sentences (a news item opens with
/// its event: `نشرت اللجنة يوم الخميس 5 آذار 2020 بيانها`; an interval's end counts).
/// Dates further on are events of the past and would misplace `الماضي`.
pub fn reference_date(published: Option<&str>, found: &[FoundDate]) -> Option<Reference> {
    const OPENING_SENTENCES: usize = 2;
    if let Some(p) = published.and_then(parse_iso_day) {
        return Some(p);
    }
    found.iter().filter(|f| !f.kept_out && f.sentence_id < OPENING_SENTENCES).find_map(|f| {
        let p = f.to.unwrap_or(f.from);
        let (Some(MonthRef::Stated(m)), Some(d), YearRef::Stated(y)) = (p.month, p.day, p.year) else { return None };
        NaiveDate::from_ymd_opt(y, m, d)
    })
}

/// A day `YYYY-MM-DD` (what follows it, a time, is ignored).
fn parse_iso_day(s: &str) -> Option<NaiveDate> {
    let mut parts = s.get(..10)?.split('-').map(|p| p.parse::<u32>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}

/// A point as `(ISO string, precision)`, or `None` when the document's date is needed and
/// unknown, or the day does not exist.
fn resolve_point(p: Point, reference: Option<Reference>) -> Option<(String, Precision)> {
    let mut year_from_month = None;
    let month = match p.month {
        Some(MonthRef::Stated(m)) => Some(m),
        Some(MonthRef::Offset(o)) => {
            let r = reference?;
            let total = r.year() * 12 + r.month0() as i32 + o;
            year_from_month = Some(total.div_euclid(12));
            Some(total.rem_euclid(12) as u32 + 1)
        }
        None => None,
    };
    let year = match p.year {
        YearRef::Stated(y) => y,
        YearRef::Unstated => match year_from_month {
            Some(y) => y,
            None => reference?.year(),
        },
        YearRef::Offset(o) => reference?.year() + o,
        YearRef::Same => return None,
        YearRef::Around(rel) => {
            let r = reference?;
            let here = (month?, p.day.unwrap_or(0));
            let now = (r.month(), if p.day.is_some() { r.day() } else { 0 });
            match rel.signum() {
                -1 if here < now => r.year(),
                -1 => r.year() - 1,
                1 if here > now => r.year(),
                1 => r.year() + 1,
                _ => r.year(),
            }
        }
    };
    match (month, p.day) {
        (Some(m), Some(d)) => NaiveDate::from_ymd_opt(year, m, d).map(|_| (format!("{year:04}-{m:02}-{d:02}"), Precision::Day)),
        (Some(m), None) => (1..=12).contains(&m).then(|| (format!("{year:04}-{m:02}"), Precision::Month)),
        _ => Some((format!("{year:04}"), Precision::Year)),
    }
}

/// The rows of the dates table: each found date resolved against the document's date.
/// Without one, a date that leaves out only its year takes the year written nearest to it
/// in its paragraph (`9 يونيو … 14 مارس 2022`). Impossible and unresolvable dates, and
/// Hijri dates without a year, are left out.
pub fn resolve(text: &str, found: &[FoundDate], reference: Option<Reference>, paragraph_of: impl Fn(usize) -> usize) -> Vec<DateMention> {
    let (before, after) = paragraph_years(found, &paragraph_of);
    found
        .iter()
        .enumerate()
        .filter(|(_, f)| !f.kept_out)
        .filter_map(|(i, f)| {
            let only_year_missing = |p: &Point| p.year == YearRef::Unstated && matches!(p.month, Some(MonthRef::Stated(_)));
            let nearest = before[i].or(after[i]).filter(|_| only_year_missing(&f.from) && f.to.as_ref().is_none_or(only_year_missing));
            let reference = reference.or_else(|| nearest.and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1)));
            // `العام نفسه` is the year named last.
            let same = |p: Point| if p.year == YearRef::Same { Point { year: before[i].map_or(YearRef::Same, YearRef::Stated), ..p } } else { p };
            let (from, precision) = resolve_point(same(f.from), reference)?;
            let date = match f.to {
                Some(to) => format!("{from}/{}", resolve_point(same(to), reference)?.0),
                None => from,
            };
            Some(DateMention { sentence_id: f.sentence_id, span: f.span, surface: text[f.span.start..f.span.end].to_string(), date, precision })
        })
        .collect()
}

/// For each found date, the year written nearest before it in its paragraph, and the
/// nearest after it: one pass each way.
fn paragraph_years(found: &[FoundDate], paragraph_of: &impl Fn(usize) -> usize) -> (Vec<Option<i32>>, Vec<Option<i32>>) {
    let stated = |g: &FoundDate| match g.from.year {
        YearRef::Stated(y) if !g.kept_out => Some(y),
        _ => None,
    };
    let paragraphs: Vec<usize> = found.iter().map(|f| paragraph_of(f.sentence_id)).collect();
    let mut before = vec![None; found.len()];
    for i in 1..found.len() {
        if paragraphs[i] == paragraphs[i - 1] {
            before[i] = stated(&found[i - 1]).or(before[i - 1]);
        }
    }
    let mut after = vec![None; found.len()];
    for i in (0..found.len().saturating_sub(1)).rev() {
        if paragraphs[i] == paragraphs[i + 1] {
            after[i] = stated(&found[i + 1]).or(after[i + 1]);
        }
    }
    (before, after)
}

#[cfg(test)]
mod tests {
    use super::*;
    use arqam_model::Sentence;

    fn dates_on(s: &str, published: Option<&str>) -> Vec<(String, String)> {
        let lex = Lexicon::builtin();
        let span = Span::new(0, s.len());
        let sentence = Sentence { sentence_id: 0, paragraph: 0, span };
        let st = crate::sentences::tokens_of(s, sentence, arqam_model::BlockKind::Paragraph, &lex);
        let found = find_dates(s, &st, &lex);
        let reference = published.and_then(parse_iso_day);
        resolve(s, &found, reference, |_| 0).into_iter().map(|d| (d.surface, d.date)).collect()
    }

    fn dates(s: &str) -> Vec<(String, String)> {
        dates_on(s, None)
    }

    fn values(s: &str, published: Option<&str>) -> Vec<String> {
        dates_on(s, published).into_iter().map(|d| d.1).collect()
    }

    #[test]
    fn numeric_dates_are_day_first() {
        assert_eq!(dates("صدر في 26/1/2022."), vec![("26/1/2022".to_string(), "2022-01-26".to_string())]);
        assert_eq!(values("نشر بتاريخ 2025-03-14 على الموقع", None), vec!["2025-03-14"]);
        assert_eq!(values("آخر تحديث 09.11.2024 صباحا", None), vec!["2024-11-09"]);
    }

    #[test]
    fn both_month_systems_and_weekdays() {
        assert_eq!(dates_on("مساء الخميس 20 يناير/كانون الثاني، عبر", Some("2022-02-01"))[0], ("الخميس 20 يناير/كانون الثاني".into(), "2022-01-20".into()));
        assert_eq!(dates("في 25 ديسمبر/كانون الأول 2021 نشرت")[0].1, "2021-12-25");
        assert_eq!(dates("(@x) January 23, 2022")[0].1, "2022-01-23");
        assert_eq!(dates("— Akhbar (@January 23, 2022) akhbar)")[0].1, "2022-01-23");
        assert_eq!(dates("في 3 آذار 2019")[0].1, "2019-03-03");
        assert_eq!(values("منذ آذار / مارس ٢٠١١ والحرب", None), vec!["2011-03"]);
    }

    #[test]
    fn years_need_a_year_word_or_a_pair() {
        assert_eq!(dates("هروب عام 2013")[0], ("عام 2013".into(), "2013".into()));
        let pair: Vec<String> = dates("عامي 2014 - 2015").into_iter().map(|d| d.1).collect();
        assert_eq!(pair, vec!["2014", "2015"]);
        // After `بين` the two years bound a period.
        assert_eq!(values("بين عامي 2014 - 2015", None), vec!["2014/2015"]);
        assert!(dates("أكثر من 2000 أجنبي").is_empty());
        assert_eq!(values("عادت العائلات عامي 2019 و2020 إلى قراها", None), vec!["2019", "2020"]);
        assert_eq!(values("وقع الهجوم في 2022 على السجن", None), vec!["2022"]);
        assert!(values("نزح في 2022 شخصا من القرية", None).is_empty());
    }

    #[test]
    fn no_date_without_a_year_when_the_document_has_none() {
        assert!(dates("وصل الوفد في 12 من شباط").is_empty());
        assert_eq!(values("وصل الوفد في 12 من شباط بعد زيارة 3 آذار 2021", None), vec!["2021-02-12", "2021-03-03"]);
        assert_eq!(values("وصل الوفد في 12 من شباط", Some("2023-05-01")), vec!["2023-02-12"]);
    }

    #[test]
    fn impossible_days_are_not_dates() {
        assert!(values("قيل إنه وصل في 31 شباط 2023 إلى المدينة", None).is_empty());
        assert!(values("في 30/2/2021 صدر", None).is_empty());
        assert_eq!(values("في 29 شباط 2024", None), vec!["2024-02-29"]);
    }

    #[test]
    fn weekday_alone_is_not_a_date() {
        assert!(values("عقد الاجتماع يوم الاثنين في مقر البلدية", Some("2024-01-10")).is_empty());
    }
}
