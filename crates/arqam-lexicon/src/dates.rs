//! The words around calendar dates (`lexicons/dates.csv`): weekdays, the relative words
//! that place a month or a year against the document's date (`الماضي`, `الجاري`,
//! `المقبل`), the words that introduce a year (`عام`, `خلال`, `مطلع`), the words that open
//! and join an interval (`بين`, `من`, `إلى`, `لغاية`), Hijri month names and the era marks
//! after a year (`م`, `هـ`). The extractor holds the grammar of dates; these are its words.

use std::path::Path;

use serde::Deserialize;

use crate::{first_key_index, parse_csv, phrase_keys, stems, LexiconError, Map};

/// What a date word does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateWordKind {
    /// A day of the week (`الخميس`): part of a date only when a date follows.
    Weekday,
    /// Places a month or a year against the document's date: -1 past, 0 current, 1 next.
    Relative,
    /// Refers back to a year already named (`من العام نفسه`, `ذاته`).
    Same,
    /// A noun for a year (`عام`, `سنة`, dual `عامي`): a year may follow.
    YearWord,
    /// A noun for a month (`شهر`): `23 من هذا الشهر`.
    MonthWord,
    /// A demonstrative (`هذا`): `هذا الشهر`, `هذا العام`.
    This,
    /// A preposition or a part of a period that may stand right before a bare year
    /// (`في 2022`, `نهاية 2023`) or a bare month (`في تموز`).
    YearCue,
    /// Opens an interval (`بين`, `من`).
    RangeOpen,
    /// Joins the two ends of an interval (`إلى`, `حتى`, `لغاية`).
    RangeTo,
    /// A month of the Hijri calendar (value 1–12).
    HijriMonth,
    /// The Hijri era after a year (`هـ`, `هجري`).
    HijriEra,
    /// The Gregorian era after a year (`م`, `ميلادي`).
    GregorianEra,
}

impl DateWordKind {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "weekday" => Self::Weekday,
            "relative" => Self::Relative,
            "same" => Self::Same,
            "year_word" => Self::YearWord,
            "month_word" => Self::MonthWord,
            "this" => Self::This,
            "year_cue" => Self::YearCue,
            "range_open" => Self::RangeOpen,
            "range_to" => Self::RangeTo,
            "hijri_month" => Self::HijriMonth,
            "hijri_era" => Self::HijriEra,
            "gregorian_era" => Self::GregorianEra,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct DateWordRow {
    word: String,
    kind: String,
    value: i32,
}

/// One phrase of `dates.csv`, as match keys.
#[derive(Debug, Clone, PartialEq)]
pub struct DatePhrase {
    pub keys: Vec<String>,
    pub kind: DateWordKind,
    pub value: i32,
}

/// The date words, indexed by the first key of each phrase (longest phrases first).
#[derive(Debug, Clone, Default)]
pub struct DateWords {
    phrases: Vec<(Vec<String>, DatePhrase)>,
    by_first: Map<String, Vec<usize>>,
}

impl DateWords {
    /// Reads `dates.csv`; a kind the grammar does not know is an error naming the row.
    pub fn from_csv(data: &str, origin: &Path) -> Result<DateWords, LexiconError> {
        let rows: Vec<DateWordRow> = parse_csv("dates.csv", data, origin)?;
        let mut phrases = Vec::with_capacity(rows.len());
        for (i, r) in rows.into_iter().enumerate() {
            let kind = DateWordKind::parse(&r.kind).ok_or_else(|| LexiconError::Row {
                path: origin.join("dates.csv"),
                line: i as u64 + 2,
                message: format!("{}: unknown kind {:?}", r.word, r.kind),
            })?;
            let keys = phrase_keys(&r.word);
            phrases.push((keys.clone(), DatePhrase { keys, kind, value: r.value }));
        }
        phrases.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
        let by_first = first_key_index(&phrases);
        Ok(DateWords { phrases, by_first })
    }

    /// The phrases a word key may open, through its proclitics (`وحتى`, `بالعام`): each
    /// with the number of letters stripped, fewest first, longest phrase first.
    /// Whether some phrase opens with exactly this key.
    pub fn opens(&self, key: &str) -> bool {
        self.by_first.contains_key(key)
    }

    pub fn opened_by<'a>(&'a self, key: &'a str) -> impl Iterator<Item = (usize, &'a DatePhrase)> + 'a {
        stems(key).into_iter().flat_map(move |(n, stem)| self.by_first.get(stem).into_iter().flatten().map(move |&i| (n, &self.phrases[i].1)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_match_through_clitics_longest_first() {
        let words =
            DateWords::from_csv("word,kind,value\nبين,range_open,0\nما بين,range_open,0\nالماضي,relative,-1\nربيع الأول,hijri_month,3\n", Path::new("x"))
                .unwrap();
        let rel: Vec<(usize, i32)> = words.opened_by("الماضي").map(|(n, p)| (n, p.value)).collect();
        assert_eq!(rel, vec![(0, -1)]);
        assert_eq!(words.opened_by("وبين").next().map(|(n, p)| (n, p.kind)), Some((1, DateWordKind::RangeOpen)));
        assert_eq!(words.opened_by("ما").next().map(|(_, p)| p.keys.len()), Some(2));
        assert!(words.opened_by("ربيع").any(|(_, p)| p.kind == DateWordKind::HijriMonth && p.value == 3));
    }

    #[test]
    fn unknown_kinds_name_their_row() {
        let err = DateWords::from_csv("word,kind,value\nبين,range_open,0\nغدا,tomorrow,1\n", Path::new("x")).unwrap_err();
        assert!(err.to_string().contains("line 3"), "{err}");
    }
}
