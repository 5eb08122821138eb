//! Calendar dates: `26/1/2022` (day first), `الخميس 20 يناير/كانون الثاني`,
//! `25 ديسمبر/كانون الأول 2021`, `January 23, 2022`, `يناير 2022`, `عام 2013`,
//! `عامي 2014 - 2015`. Month names come from the lexicon in both Arabic naming systems
//! and English. A date without a year gets `XXXX`, filled from the document's date by the
//! caller. A weekday is kept only as part of a date.

use arqam_lexicon::Lexicon;
use arqam_model::{DateMention, Precision, Span};
use arqam_normalize::{Token, TokenKind};

use crate::SentenceTokens;

const WEEKDAYS: &[&str] = &["الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت"];
const YEAR_CUES: &[&str] = &["عام", "عامي", "العام", "سنه", "سنة", "لعام", "بعام", "وعام", "منذ", "خلال"];

fn num(t: &Token) -> Option<u32> {
    (t.kind == TokenKind::Number && !t.key.contains('.')).then(|| t.key.parse().ok()).flatten()
}

fn is_year(v: u32) -> bool {
    (1800..=2100).contains(&v)
}

/// A token's key as month names are compared: lower case (only Latin keys need the
/// conversion), without a handle's `@` on a link (broken tweet embeds glue it to the month:
/// `(@January 23, 2022)`).
fn month_key(t: &Token, first: bool) -> Option<std::borrow::Cow<'_, str>> {
    if !matches!(t.kind, TokenKind::Word | TokenKind::Latin | TokenKind::Link) {
        return None;
    }
    let key = if t.key.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Owned(t.key.as_str().to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(t.key.as_str())
    };
    Some(if t.kind == TokenKind::Link && first { std::borrow::Cow::Owned(key.trim_start_matches('@').to_string()) } else { key })
}

/// Matches a month name at token `k`: `(month, tokens used)`. Only the phrases that open
/// with the token's key (or the key after a conjunction `و`) are tried, longest first.
fn month_at(toks: &[Token], k: usize, lex: &Lexicon) -> Option<(u32, usize)> {
    let first = month_key(toks.get(k)?, true)?;
    let mut cands: Vec<usize> = lex.months_starting_with(&first).to_vec();
    if let Some(bare) = first.strip_prefix('و') {
        cands.extend_from_slice(lex.months_starting_with(bare));
        cands.sort_unstable();
    }
    for i in cands {
        let (keys, m) = &lex.months[i];
        let rest_ok = keys.iter().enumerate().skip(1).all(|(j, key)| toks.get(k + j).and_then(|t| month_key(t, false)).is_some_and(|tk| tk == key.as_str()));
        if rest_ok {
            return Some((*m, keys.len()));
        }
    }
    None
}

fn punct(t: Option<&Token>, set: &[&str]) -> bool {
    t.is_some_and(|t| t.kind == TokenKind::Punct && set.contains(&t.key.as_str()))
}

fn mention(text: &str, st: &SentenceTokens, a: usize, b: usize, date: String, precision: Precision) -> DateMention {
    let span = Span::new(st.tokens[a].span.start, st.tokens[b].span.end);
    DateMention { sentence_id: st.sentence.sentence_id, span, surface: text[span.start..span.end].to_string(), date, precision }
}

/// Finds the dates of one sentence.
pub fn find_dates(text: &str, st: &SentenceTokens, lex: &Lexicon, _published: Option<&str>) -> Vec<DateMention> {
    let toks = &st.tokens;
    let mut out = Vec::new();
    let longest_month = lex.longest_month_phrase();
    let mut k = 0;
    while k < toks.len() {
        // d/m/yyyy, day first.
        if let (Some(d), true, Some(m), true, Some(y)) =
            (num(&toks[k]), punct(toks.get(k + 1), &["/"]), toks.get(k + 2).and_then(num), punct(toks.get(k + 3), &["/"]), toks.get(k + 4).and_then(num))
        {
            if (1..=31).contains(&d) && (1..=12).contains(&m) && is_year(y) {
                out.push(mention(text, st, k, k + 4, format!("{y:04}-{m:02}-{d:02}"), Precision::Day));
                k += 5;
                continue;
            }
        }
        // [weekday] day month[/month] [,] [year]
        if let Some(d) = num(&toks[k]).filter(|d| (1..=31).contains(d)) {
            if let Some((m, n)) = month_at(toks, k + 1, lex) {
                let mut end = k + n;
                if punct(toks.get(end + 1), &["/"]) {
                    if let Some((_, n2)) = month_at(toks, end + 2, lex) {
                        end += 1 + n2;
                    }
                }
                let mut year = None;
                let mut j = end + 1;
                if punct(toks.get(j), &["،", ","]) {
                    j += 1;
                }
                if let Some(y) = toks.get(j).and_then(num).filter(|y| is_year(*y)) {
                    year = Some(y);
                    end = j;
                }
                let start = if k > 0 && WEEKDAYS.contains(&toks[k - 1].key.trim_start_matches('و')) { k - 1 } else { k };
                let y = year.map_or("XXXX".to_string(), |y| format!("{y:04}"));
                out.push(mention(text, st, start, end, format!("{y}-{m:02}-{d:02}"), Precision::Day));
                k = end + 1;
                continue;
            }
        }
        // Month day, year (English) and month year: a number follows the month phrase, so
        // a token with no number in reach opens neither.
        let number_in_reach = toks.iter().skip(k + 1).take(longest_month).any(|t| t.kind == TokenKind::Number);
        if let Some((m, n)) = if number_in_reach { month_at(toks, k, lex) } else { None } {
            let j = k + n;
            if let Some(d) = toks.get(j).and_then(num).filter(|d| (1..=31).contains(d)) {
                if punct(toks.get(j + 1), &[","]) {
                    if let Some(y) = toks.get(j + 2).and_then(num).filter(|y| is_year(*y)) {
                        out.push(mention(text, st, k, j + 2, format!("{y:04}-{m:02}-{d:02}"), Precision::Day));
                        k = j + 3;
                        continue;
                    }
                }
            }
            if let Some(y) = toks.get(j).and_then(num).filter(|y| is_year(*y)) {
                out.push(mention(text, st, k, j, format!("{y:04}-{m:02}"), Precision::Month));
                k = j + 1;
                continue;
            }
        }
        // Years: after a year word, before `م`, or in a span of two years.
        if let Some(y) = num(&toks[k]).filter(|y| is_year(*y)) {
            let cue_before = k > 0 && toks[k - 1].kind == TokenKind::Word && YEAR_CUES.contains(&toks[k - 1].key.as_str());
            let era_after = toks.get(k + 1).is_some_and(|t| t.kind == TokenKind::Word && t.key == "م");
            let pair = punct(toks.get(k + 1), &["-", "–", "/"]) && toks.get(k + 2).and_then(num).is_some_and(is_year);
            let after_pair = k >= 2 && punct(toks.get(k - 1), &["-", "–", "/"]) && num(&toks[k - 2]).is_some_and(is_year);
            if cue_before || era_after || pair || after_pair {
                let start = if cue_before && !toks[k - 1].key.starts_with("عامي") && toks[k - 1].key != "منذ" && toks[k - 1].key != "خلال" {
                    k - 1
                } else {
                    k
                };
                out.push(mention(text, st, start, k, format!("{y:04}"), Precision::Year));
            }
        }
        k += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use arqam_model::Sentence;
    use arqam_normalize::tokenize;

    fn dates(s: &str) -> Vec<(String, String)> {
        let lex = Lexicon::builtin();
        let span = Span::new(0, s.len());
        let st = SentenceTokens {
            sentence: Sentence { sentence_id: 0, paragraph: 0, span },
            tokens: tokenize(s, span),
            block_kind: arqam_model::BlockKind::Paragraph,
            actors: Vec::new(),
        };
        find_dates(s, &st, &lex, None).into_iter().map(|d| (d.surface, d.date)).collect()
    }

    #[test]
    fn numeric_dates_are_day_first() {
        assert_eq!(dates("صدر في 26/1/2022."), vec![("26/1/2022".to_string(), "2022-01-26".to_string())]);
    }

    #[test]
    fn both_month_systems_and_weekdays() {
        assert_eq!(dates("مساء الخميس 20 يناير/كانون الثاني، عبر")[0], ("الخميس 20 يناير/كانون الثاني".into(), "XXXX-01-20".into()));
        assert_eq!(dates("في 25 ديسمبر/كانون الأول 2021 نشرت")[0].1, "2021-12-25");
        assert_eq!(dates("(@x) January 23, 2022")[0].1, "2022-01-23");
        assert_eq!(dates("— Akhbar (@January 23, 2022) akhbar)")[0].1, "2022-01-23");
        assert_eq!(dates("في 3 آذار 2019")[0].1, "2019-03-03");
    }

    #[test]
    fn years_need_a_year_word_or_a_pair() {
        assert_eq!(dates("هروب عام 2013")[0], ("عام 2013".into(), "2013".into()));
        let pair: Vec<String> = dates("بين عامي 2014 - 2015").into_iter().map(|d| d.1).collect();
        assert_eq!(pair, vec!["2014", "2015"]);
        assert!(dates("أكثر من 2000 أجنبي").is_empty());
    }
}
