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
    "اخرون",
    "اخرين",
    "اخري",
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

/// `عددهم`, `أعدادهم` (their number) within the three words before the number.
fn counts_them(toks: &[Token], first: usize) -> bool {
    (first.saturating_sub(4)..first).any(|k| toks[k].kind == TokenKind::Word && matches!(toks[k].key.as_str(), "عددهم" | "اعدادهم" | "عددهن" | "اعدادهن"))
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

/// What the figure builder knows beyond the sentence.
#[derive(Debug, Clone, Default)]
pub struct FigureContext<'a> {
    /// Actor ids that speak in the sentence (claimants of its cues).
    pub speakers: Vec<String>,
    /// Actor groups named so far in the document, oldest first.
    pub recent_groups: &'a [String],
    /// Groups the document names as holders of prisoners (`سجون قسد`, `لدى قسد`).
    pub holders: &'a [String],
}

/// Words after which an actor holds people: `سجون قسد`, `المحتجزين لدى قسد`.
const HOLDER_MARKERS: &[&str] = &["سجون", "سجن", "معتقلات", "مخيمات", "تديره", "تديرها", "يحتجزهم", "تحتجزهم"];

/// The groups a document names as holders of prisoners, anywhere in it.
pub fn holders_in(sentences: &[SentenceTokens], lex: &Lexicon) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for st in sentences {
        let toks = &st.tokens;
        for &(k, idx, _) in &st.actors {
            let g = &lex.actors[idx].group;
            let prev_word = (0..k).rev().find(|&j| toks[j].kind == TokenKind::Word);
            // `لدى` ("with") holds only after a word for held people: `المحتجزين لدى قسد`.
            let held_before = |j: usize| {
                (0..j).rev().find(|&i| toks[i].kind == TokenKind::Word).is_some_and(|i| {
                    lex.unit(&toks[i].key).is_some_and(|(u, _)| matches!(u.measure.as_str(), "detainees" | "hostages"))
                        || lex.event(&toks[i].key) == Some(Measure::Detainees)
                })
            };
            let marker = |j: usize| HOLDER_MARKERS.contains(&toks[j].key.as_str()) || (toks[j].key == "لدي" && held_before(j));
            if !g.is_empty() && prev_word.is_some_and(|j| k - j <= 2 && marker(j)) && !out.contains(g) {
                out.push(g.clone());
            }
        }
    }
    out
}

/// Measures whose people are held, freed or attacking: a speaker does not count its own
/// people this way, so the speaker is not their actor.
const HELD_OR_HOSTILE: &[Measure] = &[Measure::Captured, Measure::Detainees, Measure::Escapees, Measure::Attackers];

/// Words after which an actor is the holder or agent, not the people counted:
/// `المحتجزين لدى قسد`, `من قبل قسد`, `في سجون قسد`, `تحت سيطرة قسد`.
const AGENT_MARKERS: &[&str] = &["لدي", "قبل", "يد", "بيد", "سجون", "سجن", "مخيمات", "سيطره", "تديره", "تديرها", "اعتقلتهم", "ضد"];

/// Temporal prepositions: an event word after them dates the figure, it is not its role
/// (`قبل الهجوم`).
const TEMPORAL: &[&str] = &["قبل", "بعد", "خلال", "منذ", "اثناء", "عقب", "حتي"];

/// Builds a figure (without attribution and footnotes) from a mention.
pub fn build_figure(text: &str, st: &SentenceTokens, m: &NumberMention, lex: &Lexicon, previous: &[Figure], ctx: &FigureContext<'_>) -> Figure {
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
    // `تقدر أعدادهم بعشرات الألوف`: the number of "them" (a human plural pronoun) counts
    // persons.
    if unit_name.is_none() && m.kind == MentionKind::Count && counts_them(toks, m.first_token) {
        if let Some((u, _)) = lex.unit("شخص") {
            unit_name = Some(u.singular.clone());
            unit = Some(u.clone());
            noun_is_person = true;
            measure = Measure::parse(&u.measure).unwrap_or(Measure::Other);
        }
    }
    // `من بينهم 700 طفل`: a part of the population just counted has its actor.
    let partitive = m.first_token >= 1 && (1..=2).any(|d| m.first_token >= d && matches!(toks[m.first_token - d].key.as_str(), "بينهم" | "منهم" | "بينهن"));
    if partitive && actor.is_none() && noun_is_person {
        actor = antecedent_unit(previous).and_then(|f| f.actor.clone());
    }

    // `العشرات من عناصر التنظيم`, `11 من عناصرها`: persons named after `من`.
    let person_word = |key: &str| [key, strip_possessive(key)].iter().any(|k| lex.unit(k).is_some_and(|(u, _)| u.is_person()));
    let of_persons =
        unit_name.is_none() && toks.get(m.last_token + 1).is_some_and(|t| t.key == "من") && toks.get(m.last_token + 2).is_some_and(|t| person_word(&t.key));
    if of_persons {
        // The noun after `من` is what is counted: its unit, and the surface reaches it.
        let key = &toks[m.last_token + 2].key;
        if let Some((u, _)) = lex.unit(key).or_else(|| lex.unit(strip_possessive(key))) {
            unit_name = Some(u.singular.clone());
            measure = Measure::parse(&u.measure).unwrap_or(Measure::Other);
            unit = Some(u.clone());
        }
        last = m.last_token + 2;
    }
    // `150 عراقيا من المحتجزين`: an unknown noun of a person group takes the group's measure.
    if unit.is_none() && unit_name.is_some() && toks.get(last + 1).is_some_and(|t| t.key == "من") {
        if let Some((u, _)) = toks.get(last + 2).and_then(|t| lex.unit(&t.key)).filter(|(u, _)| u.is_person()) {
            measure = Measure::parse(&u.measure).unwrap_or(Measure::Other);
            noun_is_person = true;
        }
    }
    noun_is_person |= of_persons;
    // The noun's own measure, before events: it says whom the speaker would not count.
    let noun_measure = measure;
    // Event words re-decide what persons (and percentages) count, unless the noun is itself
    // an outcome (`قتيل`, `جريح`, `نازح`).
    let outcome_noun = unit.as_ref().is_some_and(|u| matches!(u.measure.as_str(), "killed" | "wounded" | "displaced" | "hostages"));
    if !outcome_noun && (noun_is_person || m.kind == MentionKind::Percent || (unit_name.is_none() && m.kind == MentionKind::Count)) {
        if let Some(ev) = nearest_event(toks, m.first_token, last, lex) {
            measure = ev;
        }
        // People held or housed: the container says prison or camp.
        if matches!(measure, Measure::Detainees | Measure::CampResidents) || (noun_is_person && measure == Measure::Other) {
            measure = container_measure(toks, m.first_token, last, lex).unwrap_or(measure);
        }
    }
    if actor.is_none() {
        actor = unit.as_ref().map(|u| u.actor.clone()).filter(|a| !a.is_empty());
    }
    if actor.is_none() && (noun_is_person || measure == Measure::Vehicles) {
        // Speakers do not count their own people as captives or attackers, and the holder
        // of the prisoners is not whose prisoners they are.
        let excluded: Vec<String> = if HELD_OR_HOSTILE.contains(&measure) || HELD_OR_HOSTILE.contains(&noun_measure) {
            ctx.speakers.iter().filter_map(|id| lex.actor(id)).map(|a| a.group.clone()).filter(|g| !g.is_empty()).chain(ctx.holders.iter().cloned()).collect()
        } else {
            Vec::new()
        };
        // The agent of a capture or a killing stands before the number without being in
        // construct with a person noun (`اعتقلت قسد 70 شخصا`): not whose people are counted.
        let agentive = matches!(measure, Measure::Captured | Measure::Killed | Measure::Wounded);
        actor = possessed_actor(toks, m.last_token, lex)
            .or_else(|| actor_in_context(toks, m.first_token, last, lex, &excluded, agentive))
            .or_else(|| ctx.recent_groups.iter().rev().find(|g| !excluded.contains(g) && HELD_OR_HOSTILE.contains(&measure)).cloned());
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
        relayed_by: None,
        denial: false,
        footnotes: Vec::new(),
        confidence: 0.0,
        as_of: None,
        as_of_source: None,
    }
}

/// The nearest event word: up to ten words before the number, else three after it;
/// an event inside a temporal phrase (`قبل الهجوم`) does not count.
fn nearest_event(toks: &[Token], first: usize, last: usize, lex: &Lexicon) -> Option<Measure> {
    let event_at = |k: usize| -> Option<Measure> {
        let temporal = k > 0 && toks[k - 1].kind == TokenKind::Word && TEMPORAL.contains(&toks[k - 1].key.as_str());
        if temporal {
            None
        } else {
            lex.event(&toks[k].key)
        }
    };
    let clause_mark = |t: &Token| t.kind == TokenKind::Punct && matches!(t.key.as_str(), "،" | "؛" | ";" | ",");
    let mut seen = 0;
    let mut k = first;
    while k > 0 && seen < 10 {
        k -= 1;
        if clause_mark(&toks[k]) {
            break;
        }
        if toks[k].kind == TokenKind::Word {
            seen += 1;
            if let Some(m) = event_at(k) {
                return Some(m);
            }
        }
    }
    let clause_end = (last + 1..toks.len()).find(|&k| clause_mark(&toks[k])).unwrap_or(toks.len());
    (last + 1..clause_end).filter(|&k| toks[k].kind == TokenKind::Word).take(3).find_map(event_at)
}

/// People held or housed are detainees in a prison and camp residents in a camp: the
/// nearest container noun before the figure decides (`مخيم الهول الذي يضم … إنسان`).
fn container_measure(toks: &[Token], first: usize, last: usize, lex: &Lexicon) -> Option<Measure> {
    let before = (0..first).rev().filter(|&k| toks[k].kind == TokenKind::Word).take(12).find_map(|k| lex.container(&toks[k].key));
    // After the noun, only as the place: `في المخيم`, `داخل السجن` (not `من السجن`).
    let located = |k: usize| k > 0 && matches!(toks[k - 1].key.as_str(), "في" | "داخل" | "بداخل") || toks[k].key.starts_with("ب");
    before.or_else(|| {
        (last + 1..toks.len()).filter(|&k| toks[k].kind == TokenKind::Word).take(4).filter(|&k| located(k)).find_map(|k| lex.container(&toks[k].key))
    })
}

/// A key without a possessive pronoun suffix (`عناصرها` → `عناصر`); the key itself when it
/// has none.
fn strip_possessive(key: &str) -> &str {
    ["ها", "هم", "ه"].iter().find_map(|suf| key.strip_suffix(suf)).unwrap_or(key)
}

/// `11 من عناصرها`: a person noun with a possessive pronoun after the number belongs to the
/// actor named last before it.
fn possessed_actor(toks: &[Token], number_end: usize, lex: &Lexicon) -> Option<String> {
    let noun = (number_end + 1..toks.len().min(number_end + 3)).find(|&j| toks[j].kind == TokenKind::Word && toks[j].key != "من")?;
    let key = &toks[noun].key;
    let base = strip_possessive(key);
    if base.len() == key.len() || !lex.unit(base).is_some_and(|(u, _)| u.is_person()) {
        return None;
    }
    (number_end.saturating_sub(60)..number_end)
        .rev()
        .find_map(|k| match_actor_at(toks, k, lex).map(|(idx, _)| lex.actors[idx].group.clone()).filter(|g| !g.is_empty()))
}

/// The group of the nearest actor named around the figure, after the noun first, then
/// before; holders and agents (`لدى قسد`) and `excluded` groups are passed over. With
/// `agentive`, an actor before the number counts only in construct with a person noun.
fn actor_in_context(toks: &[Token], first: usize, last: usize, lex: &Lexicon, excluded: &[String], agentive: bool) -> Option<String> {
    let group_at = |k: usize| -> Option<String> {
        let (idx, _) = match_actor_at(toks, k, lex)?;
        let g = &lex.actors[idx].group;
        let prev_word = (0..k).rev().find(|&j| toks[j].kind == TokenKind::Word);
        let agent = prev_word.is_some_and(|j| AGENT_MARKERS.contains(&toks[j].key.as_str()) && k - j <= 2);
        // After a statement word the actor is the speaker (`رواية "قسد"`), not the counted.
        let speaker = prev_word.is_some_and(|j| {
            k - j <= 2
                && lex.cues.iter().any(|(keys, c)| {
                    keys.len() == 1 && !matches!(c.kind, arqam_lexicon::CueKind::Title) && arqam_lexicon::stems(&toks[j].key).iter().any(|(_, s)| *s == keys[0])
                })
        });
        let agent = agent || speaker;
        (!g.is_empty() && !agent && !excluded.contains(g)).then(|| g.clone())
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
    // Before the number, an actor in construct with a person noun (`عناصر تنظيم داعش`,
    // `مقاتلي قسد`) names whose people are meant; otherwise the nearest actor.
    let construct = |k: usize| k > 0 && toks[k - 1].kind == TokenKind::Word && lex.unit(&toks[k - 1].key).is_some_and(|(u, _)| u.is_person());
    // Bounded windows: a figure's people are named near it (and a 10⁶-token sentence stays
    // linear).
    let window = first.saturating_sub(60)..first;
    let in_construct = window.clone().rev().filter(|&k| construct(k)).find_map(group_at);
    if agentive {
        return in_construct;
    }
    in_construct.or_else(|| window.rev().find_map(group_at))
}

/// Whether a number is not a figure after all: a bare integer that reads as a year
/// (1900–2100, no lexicon unit, no qualifier) is a date the date pass could not place; a
/// lone `واحد`/`أحد` without a counted noun is "one of", not a count.
pub fn is_not_a_count(f: &Figure, m: &NumberMention) -> bool {
    let exact = m.kind == MentionKind::Count && m.qualifier == Qualifier::Exact;
    let year_like = |v: Option<f64>| v.is_some_and(|v| v.fract() == 0.0 && (1900.0..=2100.0).contains(&v));
    let year = !m.from_words && exact && year_like(f.value_low) && f.unit_en.is_none();
    let lone_one = m.from_words && exact && f.value_low == Some(1.0) && m.first_token == m.last_token && f.unit_en.is_none();
    // `عدة`/`بضعة` ("several") say something only of a known counted noun (`عدة أشهر`),
    // not of `عدة أطراف` ("several parties").
    let several = m.qualifier == Qualifier::Vague && f.value_low.is_some_and(|v| v < 10.0) && (f.unit_en.is_none() || f.measure == Measure::Other);
    // Phone numbers and identifiers: a leading zero before more digits, or ten digits and
    // more with no counted noun.
    let digits = f.surface.chars().filter(|c| arqam_normalize::is_digit(*c)).count();
    let leading_zero = f.surface.chars().next().and_then(arqam_normalize::digit_value) == Some(0) && digits >= 4;
    let identifier = !m.from_words && m.qualifier == Qualifier::Exact && (leading_zero || (digits >= 10 && f.unit.is_none()));
    year || lone_one || several || identifier
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
