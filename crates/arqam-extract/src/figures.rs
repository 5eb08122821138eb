//! From a number mention to a figure: the counted noun, the measure and the actor.
//!
//! - The **counted noun** is the word after the number (after its scale word): looked up
//!   in the units lexicon through clitics and tanween; `منهم`/`منها` ("of them") takes the
//!   unit of the last person figure before it; an unknown noun is kept as written,
//!   without clitics, so nothing is silently lost.
//! - The **measure** starts as the noun's default; for persons, the nearest event word
//!   before the number (then just after the noun) decides: children who were killed are
//!   `killed`.
//! - The **actor** is the noun's own (`انغماسي` → isis), else the nearest actor named in
//!   the sentence, after the noun first (`من عناصر تنظيم داعش`), then before.

use arqam_lexicon::{stems, Lexicon, Unit};
use arqam_model::{Figure, Measure, Qualifier};
use arqam_normalize::{is_diacritic, Token, TokenKind};

use crate::attribution::match_actor_at;
use crate::numbers::{MentionKind, NumberMention};
use crate::SentenceTokens;

/// Words that never are a counted noun (prepositions, particles, pronouns).
const NOT_NOUNS: &[&str] = &[
    "من",
    "في",
    "علي",
    "الي",
    "عن",
    "مع",
    "و",
    "او",
    "ثم",
    "قد",
    "لا",
    "ما",
    "ان",
    "التي",
    "الذي",
    "الذين",
    "اللذين",
    "كان",
    "كانت",
    "هو",
    "هي",
    "هم",
    "منهم",
    "منها",
    "منهن",
    "فقط",
    "حتي",
    "بين",
    "قبل",
    "بعد",
    "منذ",
    "خلال",
    "عند",
    "لدي",
    "كل",
    "بعض",
    "اخري",
    "اخر",
    "ايضا",
    "حيث",
    "بينما",
    "وقد",
    "فيه",
    "فيها",
    "عليه",
    "عليها",
    "له",
    "لها",
    "لهم",
    "الف",
    "اي",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "غير",
    "نحو",
    "حوالي",
    "كما",
    "لكن",
    "لكنه",
    "اذا",
    "اما",
    "بل",
    "ان",
    "انه",
    "انها",
    "الا",
    "اذ",
    "لم",
    "لن",
    "سوف",
    "قبل",
    "ضد",
    "دون",
    "عبر",
    "حول",
    "لدى",
    "وفي",
    "ومن",
    "وعلي",
    "والي",
    "او",
    "ام",
    "ثمه",
    "هناك",
    "هنا",
    "كل",
    "جميع",
    "معظم",
    "اغلب",
    "مقابل",
    "وكان",
    "يكون",
    "تكون",
];

/// The index of the counted noun after token `k`: the next word, past a quote mark.
fn noun_index(toks: &[Token], k: usize) -> Option<usize> {
    let mut j = k + 1;
    while toks.get(j).is_some_and(|t| t.kind == TokenKind::Punct && matches!(t.key.as_str(), "\"" | "“" | "”" | "«" | "»")) {
        j += 1;
    }
    toks.get(j).filter(|t| t.kind == TokenKind::Word).map(|_| j)
}

/// The unit of the last person figure, for `منهم`.
fn antecedent_unit(previous: &[Figure]) -> Option<&Figure> {
    previous
        .iter()
        .rev()
        .take(3)
        .find(|f| f.unit.is_some() && !matches!(f.measure, Measure::Duration | Measure::Facilities | Measure::Vehicles | Measure::Countries | Measure::Other))
}

/// A noun as written, without diacritics, proclitics, article and tanween alef.
fn bare_noun(surface: &str, key: &str) -> String {
    let plain: String = surface.chars().filter(|c| !is_diacritic(*c) && *c != '\u{0640}').collect();
    let stripped = stems(key).into_iter().rev().find(|(n, s)| *n > 0 && s.chars().count() >= 3).map_or(0, |(n, _)| n);
    let mut s: String = plain.chars().skip(stripped).collect();
    if s.chars().count() > 3 && s.ends_with('ا') {
        s.pop();
    }
    s
}

/// Builds a figure (without attribution and footnotes) from a mention.
pub fn build_figure(text: &str, st: &SentenceTokens, m: &NumberMention, lex: &Lexicon, previous: &[Figure]) -> Figure {
    let toks = &st.tokens;
    let mut last = m.last_token;
    let mut unit: Option<Unit> = m.dual_unit.clone();
    let mut unit_name: Option<String> = unit.as_ref().map(|u| u.singular.clone());
    let mut measure = unit.as_ref().and_then(|u| Measure::parse(&u.measure)).unwrap_or(Measure::Other);
    let mut actor: Option<String> = None;
    let mut noun_is_person = unit.as_ref().is_some_and(Unit::is_person);

    if m.kind == MentionKind::Count {
        if let Some(j) = noun_index(toks, m.last_token) {
            let next = &toks[j];
            if let Some((u, _)) = lex.unit(&next.key) {
                unit = Some(u.clone());
                unit_name = Some(u.singular.clone());
                measure = Measure::parse(&u.measure).unwrap_or(Measure::Other);
                noun_is_person = u.is_person();
                last = j;
            } else if matches!(next.key.as_str(), "منهم" | "منهن") {
                if let Some(f) = antecedent_unit(previous) {
                    unit_name = f.unit.clone();
                    measure = f.measure;
                    actor = f.actor.clone();
                    noun_is_person = true;
                    last = j;
                }
            } else if !NOT_NOUNS.contains(&next.key.as_str()) && lex.number_word(&next.key).is_none() && next.key.chars().count() >= 3 {
                unit_name = Some(bare_noun(&text[next.span.start..next.span.end], &next.key));
                last = j;
            }
        }
    } else if m.kind == MentionKind::Percent {
        unit_name = Some("%".to_string());
    }

    // Event words re-decide what persons are counted as.
    if noun_is_person || (unit_name.is_none() && m.kind == MentionKind::Count) {
        if let Some(ev) = nearest_event(toks, m.first_token, last, lex) {
            measure = ev;
        }
    }
    if actor.is_none() {
        actor = unit.as_ref().map(|u| u.actor.clone()).filter(|a| !a.is_empty());
    }
    if actor.is_none() && (noun_is_person || measure == Measure::Vehicles) {
        actor = actor_in_context(toks, m.first_token, last, lex);
    }
    if measure == Measure::Civilians && actor.is_none() {
        actor = Some("civilians".into());
    }

    let span = toks[m.first_token].span.cover(toks[last].span);
    Figure {
        sentence_id: st.sentence.sentence_id,
        span,
        surface: text[span.start..span.end].to_string(),
        value_low: m.low,
        value_high: m.high,
        qualifier: m.qualifier,
        unit: unit_name,
        unit_en: unit.map(|u| u.gloss),
        measure,
        actor,
        claimant: "author".into(),
        claimant_name: None,
        attribution_cue: None,
        footnotes: Vec::new(),
        confidence: 0.0,
    }
}

/// The nearest event word: up to eight words before the number, else three after it.
fn nearest_event(toks: &[Token], first: usize, last: usize, lex: &Lexicon) -> Option<Measure> {
    let mut seen = 0;
    let mut k = first;
    while k > 0 && seen < 8 {
        k -= 1;
        if toks[k].kind == TokenKind::Word {
            seen += 1;
            if let Some(m) = lex.event(&toks[k].key) {
                return Some(m);
            }
        }
    }
    toks.iter().skip(last + 1).filter(|t| t.kind == TokenKind::Word).take(3).find_map(|t| lex.event(&t.key))
}

/// The group of the nearest actor named around the figure.
fn actor_in_context(toks: &[Token], first: usize, last: usize, lex: &Lexicon) -> Option<String> {
    let group_at = |k: usize| -> Option<String> {
        let (idx, _) = match_actor_at(toks, k, lex)?;
        let g = &lex.actors[idx].group;
        (!g.is_empty()).then(|| g.clone())
    };
    let mut words = 0;
    for (k, t) in toks.iter().enumerate().skip(last + 1) {
        if t.kind == TokenKind::Word {
            words += 1;
        }
        if words > 6 {
            break;
        }
        if let Some(g) = group_at(k) {
            return Some(g);
        }
    }
    (0..first).rev().find_map(group_at)
}

/// Whether a number is not a figure after all: a bare integer that reads as a year
/// (1900–2100, no lexicon unit, no qualifier) is a date the date pass could not place; a
/// lone `واحد`/`أحد` without a counted noun is "one of", not a count.
pub fn is_not_a_count(f: &Figure, m: &NumberMention) -> bool {
    let exact = m.kind == MentionKind::Count && m.qualifier == Qualifier::Exact;
    let year_like = |v: Option<f64>| v.is_some_and(|v| v.fract() == 0.0 && (1900.0..=2100.0).contains(&v));
    let year = !m.from_words && exact && year_like(f.value_low) && f.unit_en.is_none();
    let lone_one = m.from_words && exact && f.value_low == Some(1.0) && m.first_token == m.last_token && f.unit_en.is_none();
    year || lone_one
}

/// The extractor's own estimate that the figure is right.
pub fn confidence(f: &Figure, m: &NumberMention) -> f64 {
    let mut c: f64 = if f.unit_en.is_some() {
        0.9
    } else if f.unit.is_some() {
        0.7
    } else {
        0.5
    };
    if m.qualifier == Qualifier::Vague {
        c -= 0.1;
    }
    if m.kind == MentionKind::Dual {
        c -= 0.1;
    }
    (c * 100.0).round() / 100.0
}
