//! From a number mention to a figure: the counted noun, the measure and the actor.
//!
//! - The **counted noun** is the word after the number (after its scale word), looked up
//!   in the units lexicon through clitics, tanween, sound plurals and duals; a case noun
//!   with its event noun is one compound unit (`حالة اعتقال`); `منهم`/`منها` take the noun
//!   of the figure they stand for; a bare number takes the noun of its count frame (`عدد
//!   القتلى`), of a definite noun it qualifies (`الأيام الـ10`) or of its list head. An
//!   unknown noun is kept as written, singular, with only licensed proclitics stripped.
//! - The **measure** is decided by frame: an outcome noun (`قتيل`) is its own; else the
//!   clause's event (before the number, or after the noun and its group); else the list
//!   head the figure is a part or item of; else a count frame; else the camp or prison
//!   the people are in (named or not); else the noun's default. Population types resist
//!   states; unrealized events (`خطر الإعدام`) do not count; a release story's prisoners
//!   are released.
//! - The **actor** is the noun's own (`انغماسي` → isis), the group named with the people
//!   (construct, `من`, `في صفوف`), the group named around them, the whole a part belongs
//!   to; else fighters and held people are `other`, camp populations, the displaced and
//!   other people `civilians`, and tolls over a fight between sides `mixed`.

use std::borrow::Cow;

use arqam_lexicon::{morphology, stems, Lexicon, NounRole, NumberRole, Unit, UnitForm};
use arqam_model::{Figure, Measure, Qualifier};
use arqam_normalize::{is_diacritic, Token, TokenKind};

use crate::numbers::{MentionKind, NumberMention};
use crate::SentenceTokens;

mod frames;
use frames::Frames;
pub use frames::SentenceFrames;

/// The index of the counted noun after token `k`: the next word, past a quote mark or a
/// closing parenthesis (`( 318 ) طفلا`).
fn noun_index(toks: &[Token], k: usize) -> Option<usize> {
    let mut j = k + 1;
    while toks.get(j).is_some_and(|t| t.kind == TokenKind::Punct && matches!(t.key.as_str(), "\"" | "“" | "”" | "«" | "»" | ")")) {
        j += 1;
    }
    toks.get(j).filter(|t| t.kind == TokenKind::Word).map(|_| j)
}

/// `عددهم`, `أعدادهم` (their number: a count head with a pronoun of persons) within the
/// three words before the number.
fn counts_them(toks: &[Token], first: usize, lex: &Lexicon) -> bool {
    let their_number = |key: &str| (key.ends_with("هم") || key.ends_with("هن")) && lex.number_context.has_exact(key, NumberRole::CountHead);
    (first.saturating_sub(4)..first).any(|k| toks[k].kind == TokenKind::Word && their_number(&toks[k].key))
}

/// Whether a measure counts people (not things, places or time).
fn counts_people(m: Measure) -> bool {
    !matches!(m, Measure::Duration | Measure::Facilities | Measure::Vehicles | Measure::Countries | Measure::Incidents | Measure::Other)
}

/// A noun as written, without diacritics, proclitics, article and tanween alef, and in the
/// singular when it has a sound plural or dual ending. A proclitic is stripped only where
/// the split is licensed ([`morphology::licensed_proclitic`]): `لاجئ` keeps its `ل`.
fn bare_noun(surface: &str, key: &str, lex: &Lexicon) -> String {
    let plain: String = surface.chars().filter(|c| !is_diacritic(*c) && *c != '\u{0640}').collect();
    let stripped = morphology::licensed_proclitic(key, |s| lex.knows(s));
    let mut s: String = plain.chars().skip(stripped).collect();
    if s.chars().count() > 3 && s.ends_with('ا') {
        s.pop();
    }
    morphology::sound_singular(&s, false).unwrap_or(s)
}

/// Whether an unknown word after a number can be its counted noun: not a function word,
/// number word, month, event or cue word, and indefinite (the counted noun of a number
/// never takes the article: `الـ72 الماضية` is an adjective).
fn plausible_noun(key: &str, lex: &Lexicon) -> bool {
    let function_word = |k: &str| lex.noun_context.is(k, NounRole::NotNoun);
    let after_conjunction = ["و", "ف"].iter().filter_map(|c| key.strip_prefix(c)).any(|rest| function_word(rest) || lex.knows(rest));
    let definite = morphology::licensed_proclitic(key, |_| false) > 0;
    let cue = lex.with_cue_candidates(key, |c| c.iter().any(|(_, direct)| *direct));
    key.chars().count() >= 3
        && !function_word(key)
        && !after_conjunction
        && !definite
        && !cue
        && lex.number_word(key).is_none()
        && lex.event(key).is_none()
        && lex.months_starting_with(key).is_empty()
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
    /// Names the document gives its camps and prisons (`مخيم الهول` → `هول`), with the
    /// measure of the people in them: `في الهول` later is a camp.
    pub container_names: &'a [(String, Measure)],
    /// The headline or lede tells of prisoners being freed (an exchange, a release).
    pub release_story: bool,
    /// The sentence's containers and distribution heads, found once for all its figures
    /// (and only when one of them asks): see [`FigureContext::frames`].
    pub frames: SentenceFrames,
}

impl FigureContext<'_> {
    /// The frames of the sentence `st` this context was made for.
    fn frames<'a>(&'a self, st: &'a SentenceTokens, lex: &'a Lexicon) -> Frames<'a> {
        Frames { cache: &self.frames, toks: &st.tokens, lex, names: self.container_names }
    }
}

/// Whether the document's first sentences (headline and lede) tell of a release: then the
/// prisoners it counts without an event of their own are the ones released (`أوسع صفقة
/// لتبادل المحتجزين … حافلة أقلّت 23 أسيرا`).
pub fn release_story(sentences: &[SentenceTokens], lex: &Lexicon) -> bool {
    // A word listed as an event is an event (`event` reads inflections too): the cached
    // `event` lookup passes most words over before their clitics are read.
    let released = |t: &Token| t.kind == TokenKind::Word && lex.event(&t.key).is_some() && lex.event_as_listed(&t.key) == Some(Measure::Released);
    sentences.iter().take(3).any(|st| st.tokens.iter().any(released))
}

/// How many container names a document remembers: a few camps and prisons, bounded so a
/// pathological input stays linear.
const MAX_CONTAINER_NAMES: usize = 32;

/// The proper names a document gives containers: the unknown word right after a camp or
/// prison noun (`مخيم “الهول”`, `سجن غويران`), without its article.
pub fn container_names(sentences: &[SentenceTokens], lex: &Lexicon) -> Vec<(String, Measure)> {
    let mut out: Vec<(String, Measure)> = Vec::new();
    for st in sentences {
        add_container_names(&mut out, st, lex);
    }
    out
}

/// [`container_names`] of one more sentence, added to those of the sentences before it
/// (the extractor reads a document one sentence at a time).
pub fn add_container_names(out: &mut Vec<(String, Measure)>, st: &SentenceTokens, lex: &Lexicon) {
    let toks = &st.tokens;
    for (k, t) in toks.iter().enumerate() {
        let Some(measure) = (t.kind == TokenKind::Word && st.hints[k].container()).then(|| lex.container(&t.key)).flatten() else { continue };
        // Past quotes and slashes (`مخيم / الهول /`).
        let Some(j) = (k + 1..toks.len().min(k + 4)).find(|&j| toks[j].kind == TokenKind::Word) else { continue };
        let key = &toks[j].key;
        if lex.noun_context.is(key, NounRole::NotNoun) || lex.knows(key) || key.chars().count() < 3 {
            continue;
        }
        let name = name_key(key).to_string();
        if out.len() < MAX_CONTAINER_NAMES && !out.iter().any(|(n, _)| *n == name) {
            out.push((name, measure));
        }
    }
}

/// A name's key without its article and the proclitics before it (`والهول` → `هول`).
fn name_key(key: &str) -> &str {
    let n = morphology::licensed_proclitic(key, |_| false);
    key.char_indices().nth(n).map_or(key, |(i, _)| &key[i..])
}

/// The groups a document names as holders of prisoners, anywhere in it.
pub fn holders_in(sentences: &[SentenceTokens], lex: &Lexicon) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for st in sentences {
        add_holders(&mut out, st, lex);
    }
    out
}

/// [`holders_in`] of one more sentence, added to those of the sentences before it.
pub fn add_holders(out: &mut Vec<String>, st: &SentenceTokens, lex: &Lexicon) {
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
        let marker = |j: usize| lex.noun_context.is(&toks[j].key, NounRole::Holder) || (lex.noun_context.is(&toks[j].key, NounRole::HeldBy) && held_before(j));
        if !g.is_empty() && prev_word.is_some_and(|j| k - j <= 2 && marker(j)) && !out.contains(g) {
            out.push(g.clone());
        }
    }
}

/// Measures whose people are held, freed or attacking: a speaker does not count its own
/// people this way, so the speaker is not their actor.
const HELD_OR_HOSTILE: &[Measure] = &[Measure::Captured, Measure::Detainees, Measure::Escapees, Measure::Attackers];

/// The counted noun of a figure as read so far: the lexicon entry if known, the noun as
/// written, whether it counts persons, and the last token of the surface. The entry is
/// borrowed from the lexicon (or the mention) and copied only when the figure changes it
/// (a compound, a nationality): most figures never do.
struct CountedNoun<'a> {
    unit: Option<Cow<'a, Unit>>,
    name: Option<String>,
    person: bool,
    last: usize,
}

impl<'a> CountedNoun<'a> {
    fn known(u: &'a Unit, last: usize) -> Self {
        CountedNoun { unit: Some(Cow::Borrowed(u)), name: Some(u.singular.clone()), person: u.is_person(), last }
    }

    /// The English gloss of the entry, without copying the rest of it.
    fn into_gloss(self) -> Option<String> {
        self.unit.map(|u| match u {
            Cow::Borrowed(u) => u.gloss.clone(),
            Cow::Owned(u) => u.gloss,
        })
    }

    fn measure(&self) -> Measure {
        self.unit.as_ref().and_then(|u| Measure::parse(&u.measure)).unwrap_or(Measure::Other)
    }
}

/// What a number counts: the span of the figure phrase (number and counted noun), the
/// noun, its measure and whose people they are. The extractor adds the claim, footnotes
/// and date and builds the [`Figure`] from them in one place.
#[derive(Debug, Clone, PartialEq)]
pub struct Counted {
    pub span: arqam_model::Span,
    pub unit: Option<String>,
    pub unit_en: Option<String>,
    pub measure: Measure,
    pub actor: Option<String>,
}

/// Reads what a number mention counts.
pub fn counted(text: &str, st: &SentenceTokens, m: &NumberMention, lex: &Lexicon, previous: &[Figure], ctx: &FigureContext<'_>) -> Counted {
    let toks = &st.tokens;
    let (mut noun, actor) = counted_noun(text, toks, m, lex, previous);
    let mut actor = actor;
    let frame = count_frame(toks, m.first_token, lex);
    // The anaphor supplies the noun a bare number lacks (`كان العدد 8 آلاف`); a number with
    // its own noun says itself what it counts (`كان العدد 8 آلاف معتقل`).
    let anaphor = matches!(frame, Some(Frame::Anaphor)) && noun.name.is_none();
    let list = list_head(toks, m, st.sentence.sentence_id, previous, lex)
        .or_else(|| anaphor.then(|| frame_referent(st.sentence.sentence_id, previous, lex)).flatten());
    let head = list.map(|l| l.figure);
    let frame = frame.and_then(Frame::noun);
    if noun.name.is_none() && m.kind == MentionKind::Count {
        // A bare number takes the noun just before it (`الأيام الـ10`), its count frame
        // (`عدد القتلى 50`) or its list head names. (Digits only before it: `يوم الأحد`
        // is a weekday, not a count of days.)
        if let Some(u) = noun_before(toks, m.first_token, lex, m.from_words).or(frame) {
            noun = CountedNoun::known(u, m.last_token);
        } else if let Some(h) = head {
            noun.name = h.unit.clone();
            noun.unit = h.unit.as_deref().and_then(|u| lex.unit(&arqam_normalize::fold_key(u))).map(|(u, _)| Cow::Borrowed(u));
            noun.person = true;
        } else if human_verb_after(toks, m.last_token, lex) || counts_them(toks, m.first_token, lex) {
            // `4300 قتلوا`, `تقدر أعدادهم بعشرات الألوف`: a human plural counts persons.
            if let Some((u, _)) = lex.unit("شخص") {
                noun = CountedNoun::known(u, m.last_token);
            }
        }
    }
    let noun_measure = noun.measure();
    let mut measure = decide_measure(st, m, &noun, head, frame, lex, ctx);
    if ctx.release_story && released_in_story(st, m, &noun, measure, lex) {
        measure = Measure::Released;
    }
    // Persons, or events that befall persons (`حالة اعتقال`): whose people they are.
    let person =
        noun.person || (m.kind != MentionKind::Percent && counts_people(measure)) || (m.kind == MentionKind::Count && noun.name.is_none() && head.is_some());
    let noun_actor = noun.unit.as_ref().map(|u| u.actor.clone()).filter(|a| !a.is_empty());
    // Camp populations, the displaced and returnees are civilians unless the group named
    // with them makes them a party's (`أسر تضم زوجات وأبناء مقاتلي التنظيم`); a people's
    // name (`عراقي`, actor `other` in the lexicon) does not.
    if actor.is_none() && person && matches!(measure, Measure::CampResidents | Measure::Displaced | Measure::Returnees) {
        actor = group_after(st, noun.last, lex).or(noun_actor.clone().filter(|a| a != "other")).or(Some("civilians".into()));
    }
    // A people's name (`other`) says less than the group named around it (`1700 سوري من
    // عناصر التنظيم`): it comes after the context.
    let (weak, strong): (Option<String>, Option<String>) = match noun_actor {
        Some(a) if a == "other" => (Some(a), None),
        a => (None, a),
    };
    if actor.is_none() {
        actor = strong;
    }
    if actor.is_none() && (person || measure == Measure::Vehicles) {
        actor = actor_of_group(st, m, noun.last, measure, noun_measure, lex, ctx).or(weak);
    }
    if actor.is_none() && person {
        // A part has its whole's people, unless the whole is a total over several sides.
        // Fighters in a list of the dead belong to a side of their own.
        let own_side = matches!(noun_measure, Measure::Forces | Measure::Attackers);
        let whole = list.filter(|l| l.partitive && !own_side).and_then(|l| l.figure.actor.clone()).filter(|a| a != "mixed");
        actor = whole.or_else(|| Some(default_actor(toks, m, measure, noun_measure, lex).to_string()));
    }

    let span = toks[m.first_token].span.cover(toks[noun.last].span);
    let unit = noun.name.take();
    Counted { span, unit, unit_en: noun.into_gloss(), measure, actor }
}

/// In a release story, whether a figure counts people freed: prisoners with no event of
/// their own, or people said to have been held (`357 مقاتلا كانوا محتجزين لدى …`).
fn released_in_story(st: &SentenceTokens, m: &NumberMention, noun: &CountedNoun, measure: Measure, lex: &Lexicon) -> bool {
    let toks = &st.tokens;
    let held = |m: Measure| m == Measure::Detainees;
    if held(noun.measure()) && held(measure) {
        return nearest_event(st, m.first_token, noun.last, lex).is_none();
    }
    let held_after = (noun.last + 1..toks.len())
        .filter(|&k| toks[k].kind == TokenKind::Word)
        .take(3)
        .any(|k| lex.unit(&toks[k].key).is_some_and(|(u, _)| u.is_person() && u.measure == "detainees"));
    noun.person && held_after && matches!(measure, Measure::Detainees | Measure::Forces | Measure::Other | Measure::Civilians)
}

/// The counted noun after the number (and the actor `منهم` carries over), as written.
fn counted_noun<'a>(text: &str, toks: &[Token], m: &'a NumberMention, lex: &'a Lexicon, previous: &[Figure]) -> (CountedNoun<'a>, Option<String>) {
    let mut noun = CountedNoun {
        unit: m.dual_unit.as_ref().map(Cow::Borrowed),
        name: m.dual_unit.as_ref().map(|u| u.singular.clone()),
        person: m.dual_unit.as_ref().is_some_and(Unit::is_person),
        last: m.last_token,
    };
    let mut actor = None;
    if m.kind == MentionKind::Percent {
        noun.name = Some("%".to_string());
        return (noun, actor);
    }
    if m.kind != MentionKind::Count {
        return (noun, actor);
    }
    // A mention that holds its noun before the number (`السجناء الأحد عشر`, `وجبة واحدة`)
    // has counted it: the word after is the next phrase (`يوم الاثنين`, `ستنقل`).
    let noun_inside = m.dual_unit.is_some() && m.kind == MentionKind::Count;
    if let Some(j) = noun_index(toks, m.last_token).filter(|_| !noun_inside) {
        let next = &toks[j];
        // `أحد السكان` is "one of the residents": a definite noun after "one" is not counted.
        let one_of = m.from_words && m.low == Some(1.0) && morphology::licensed_proclitic(&next.key, |_| false) > 0;
        if let Some((u, _)) = lex.unit(&next.key).filter(|_| !one_of) {
            noun = CountedNoun::known(u, j);
            compound_noun(text, toks, &mut noun, lex);
        } else if lex.noun_context.is(&next.key, NounRole::OfThem) {
            // `ثلاثة منها`: the noun of the figure the pronoun stands for; `ها` stands for
            // things.
            let things = next.key.ends_with("ها");
            if let Some(f) = previous.iter().rev().take(3).find(|f| f.unit.is_some() && (things || counts_people(f.measure))) {
                noun.name = f.unit.clone();
                noun.unit = f.unit.as_deref().and_then(|u| lex.unit(&arqam_normalize::fold_key(u))).map(|(u, _)| Cow::Borrowed(u));
                noun.person = !things;
                actor = f.actor.clone();
                noun.last = j;
            }
        } else if plausible_noun(&next.key, lex) {
            noun.name = Some(bare_noun(&text[next.span.start..next.span.end], &next.key, lex));
            noun.last = j;
        }
    }
    // `العشرات من عناصر التنظيم`, `11 من عناصرها`: persons named after `من`.
    // A thing counts after `من` only with a possessive (`7 من مركباتنا`): `المئات من بلدات
    // الساحل` names where people come from, not what is counted.
    let person_word =
        |key: &str| lex.unit(key).is_some_and(|(u, _)| u.is_person()) || (strip_possessive(key).len() < key.len() && lex.unit(strip_possessive(key)).is_some());
    let of_nouns =
        noun.name.is_none() && toks.get(m.last_token + 1).is_some_and(|t| t.key == "من") && toks.get(m.last_token + 2).is_some_and(|t| person_word(&t.key));
    if of_nouns {
        let key = &toks[m.last_token + 2].key;
        if let Some((u, _)) = lex.unit(key).or_else(|| lex.unit(strip_possessive(key))) {
            noun = CountedNoun::known(u, m.last_token + 2);
        }
    }
    // `40 مواطنا فرنسيا`, `9 أسر بلجيكية`: a person noun with the nisba of a
    // third country's people counts foreign nationals.
    if noun.person && noun.unit.as_ref().is_some_and(|u| u.measure != "foreign_nationals") {
        if let Some(j) = (noun.last + 1 < toks.len()).then_some(noun.last + 1).filter(|&j| toks[j].kind == TokenKind::Word) {
            let key = toks[j].key.as_str();
            let singular = [key, key.strip_suffix('ه').unwrap_or(key), key.strip_suffix('ا').unwrap_or(key)];
            // The adjective agrees with the singular counted noun; a plural there (`800 موقوف
            // عرب وأوروبيين`) opens a list of who they are, not an adjective.
            if singular.iter().any(|k| lex.unit(k).is_some_and(|(u, form)| u.measure == "foreign_nationals" && form == UnitForm::Singular)) {
                if let Some(u) = noun.unit.as_mut() {
                    u.to_mut().measure = "foreign_nationals".to_string();
                }
            }
        }
    }
    // `800 شخص من جنسيات أخرى`, `أشخاص من دول أجنبية`: generic people of other
    // nationalities or countries are foreign nationals (of various ones, `من جنسيات
    // متنوعة`, they are everyone).
    let of_nationalities = toks.get(noun.last + 1).is_some_and(|t| t.key == "من")
        && toks.get(noun.last + 2).is_some_and(|t| lex.unit(&t.key).is_some_and(|(u, form)| u.measure == "countries" && form == UnitForm::Plural))
        && toks.get(noun.last + 3).is_some_and(|t| lex.noun_context.is(&t.key, NounRole::OtherThan));
    if noun.person && of_nationalities {
        if let Some(u) = noun.unit.as_mut().filter(|u| matches!(u.measure.as_str(), "other" | "civilians")) {
            u.to_mut().measure = "foreign_nationals".to_string();
        }
    }
    // `90 لبنانيا من الموقوفين`: a noun of a person group takes the group's measure.
    if noun.name.is_some() && toks.get(noun.last + 1).is_some_and(|t| t.key == "من") {
        if let Some((u, _)) = toks
            .get(noun.last + 2)
            .and_then(|t| lex.unit(&t.key))
            .filter(|(u, _)| u.is_person() && Measure::parse(&u.measure).is_some_and(|m| m != Measure::Other))
        {
            if noun.unit.as_ref().is_none_or(|own| own.measure == "other") {
                let mut group = u.clone();
                group.singular = noun.name.clone().unwrap_or_default();
                group.gloss = noun.unit.as_ref().map_or(String::new(), |own| own.gloss.clone());
                group.actor = noun.unit.as_ref().map_or(String::new(), |own| own.actor.clone());
                noun.unit = Some(Cow::Owned(group));
                noun.person = true;
            }
        }
    }
    (noun, actor)
}

/// `حالة اعتقال`, `جريمة قتل`: a noun that counts occurrences (kind `case` in the units
/// lexicon), followed by the event noun it counts, is one compound unit with the event's
/// measure.
fn compound_noun(text: &str, toks: &[Token], noun: &mut CountedNoun<'_>, lex: &Lexicon) {
    let Some(head) = noun.unit.as_ref().filter(|u| u.kind == "case") else { return };
    let Some(j) = (noun.last + 1 < toks.len()).then_some(noun.last + 1).filter(|&j| toks[j].kind == TokenKind::Word) else { return };
    // The event noun is a counted noun of its own (`اعتقال`, `وفاة`) or an event word
    // (`قتل`), as written without its article.
    let (name, gloss, measure) = match lex.unit(&toks[j].key).filter(|(u, _)| counts_people(Measure::parse(&u.measure).unwrap_or(Measure::Other))) {
        Some((u, _)) => (u.singular.clone(), u.gloss.clone(), u.measure.clone()),
        None => match lex.event(&toks[j].key).filter(|m| counts_people(*m)) {
            Some(m) => (bare_noun(&text[toks[j].span.start..toks[j].span.end], &toks[j].key, lex), m.as_str().to_string(), m.as_str().to_string()),
            None => return,
        },
    };
    let mut compound: Unit = Unit::clone(head);
    compound.singular = format!("{} {name}", head.singular);
    compound.gloss = format!("{} ({gloss})", head.gloss);
    compound.measure = measure;
    noun.name = Some(compound.singular.clone());
    noun.unit = Some(Cow::Owned(compound));
    noun.last = j;
}

/// The figure a figure is a list item of, and whether it is a part of it (`بينهم`, a
/// colon) rather than a coordinated sibling.
#[derive(Clone, Copy)]
struct ListHead<'f> {
    figure: &'f Figure,
    partitive: bool,
}

/// Whether a figure counts people: by its measure, or by its counted noun.
fn counts_persons(f: &Figure, lex: &Lexicon) -> bool {
    counts_people(f.measure) || f.unit.as_deref().is_some_and(|u| lex.unit(&arqam_normalize::fold_key(u)).is_some_and(|(u, _)| u.is_person()))
}

/// The figure this one is a part or list item of: a person figure earlier in the sentence
/// with a partitive word, a restatement or a colon between the two (`41 قتيلا: 25 …`,
/// `870 حالة، بينهم 38 طفلا و21 امرأة`, `2000 شخص، أي ما يعادل 500 عائلة`), and few
/// words apart.
fn list_head<'f>(toks: &[Token], m: &NumberMention, sentence_id: usize, previous: &'f [Figure], lex: &Lexicon) -> Option<ListHead<'f>> {
    let start = toks[m.first_token].span.start;
    let mut seen_marker = false;
    let mut k = m.first_token;
    let marker = |t: &Token| {
        (t.kind == TokenKind::Punct && matches!(t.key.as_str(), ":" | "："))
            || (t.kind == TokenKind::Word && (lex.noun_context.is(&t.key, NounRole::Partitive) || lex.noun_context.is(&t.key, NounRole::Restatement)))
    };
    for h in previous.iter().rev().take(8).take_while(|f| f.sentence_id == sentence_id) {
        let after_head = toks.partition_point(|t| t.span.start < h.span.end);
        if after_head > k || h.span.end > start {
            continue;
        }
        // The gap from this candidate to where the last one began.
        seen_marker |= toks[after_head..k].iter().any(marker);
        let gap = &toks[after_head..m.first_token];
        let words = gap.iter().filter(|t| t.kind == TokenKind::Word).count();
        if words > 16 {
            return None;
        }
        let people = counts_persons(h, lex);
        // `سقوط 85 مدنيا، ونحو 140 مسلحا`, `700 محتجز عراقي و450 سوري`: an item
        // coordinated right after a figure (past the head noun's adjective) continues its
        // list.
        let conjunctions = gap.iter().filter(|t| t.key == "و").count();
        let conjoined = conjunctions > 0 || toks[m.first_token].key.starts_with('و');
        let coordinated = words == 0 || (conjoined && words - conjunctions <= 1);
        if coordinated && k == m.first_token && !seen_marker {
            return people.then_some(ListHead { figure: h, partitive: false });
        }
        // A part of people (`بينهم`) is not a part of the hours or places told between
        // (`52 قتيلا خلال يومين، بينهم 9 أطفال`): look further back.
        if seen_marker && people {
            return Some(ListHead { figure: h, partitive: true });
        }
        k = toks.partition_point(|t| t.span.start < h.span.start);
    }
    // `أن 900 منهم أطفال`: a number with a partitive pronoun after it is a part of the
    // last person figure told just before, even in an earlier sentence.
    let partitive_after = toks.get(m.last_token + 1).is_some_and(|t| t.kind == TokenKind::Word && lex.noun_context.is(&t.key, NounRole::Partitive));
    if partitive_after {
        return previous
            .iter()
            .rev()
            .take(4)
            .take_while(|h| sentence_id.saturating_sub(h.sentence_id) <= 2)
            .find(|h| counts_persons(h, lex))
            .map(|figure| ListHead { figure, partitive: true });
    }
    None
}

/// Whether a token is the head of a count frame (`عدد`, `حصيلة`, `عداد`), through clitics.
fn is_count_frame(t: &Token, lex: &Lexicon) -> bool {
    t.kind == TokenKind::Word && stems(&t.key).iter().any(|(_, s)| lex.noun_context.is(s, NounRole::CountFrame))
}

/// A count frame before the number in its clause.
#[derive(Clone, Copy)]
enum Frame<'l> {
    /// The frame names its noun (`بلغ عدد المحتجزين في السجون 12 ألفا`).
    Noun(&'l Unit),
    /// A definite frame without a noun (`قدّرت العدد بـ300`, `الأعداد لا تتجاوز …`)
    /// stands for a count told just before.
    Anaphor,
}

impl<'l> Frame<'l> {
    fn noun(self) -> Option<&'l Unit> {
        match self {
            Frame::Noun(u) => Some(u),
            Frame::Anaphor => None,
        }
    }
}

/// The count frame before the number in its clause: its person noun, or an anaphor.
fn count_frame<'l>(toks: &[Token], first: usize, lex: &'l Lexicon) -> Option<Frame<'l>> {
    let clause_mark = |t: &Token| t.kind == TokenKind::Punct && matches!(t.key.as_str(), "،" | "؛" | ";" | "," | "." | ":");
    let window: Vec<usize> = (0..first).rev().take_while(|&k| !clause_mark(&toks[k])).filter(|&k| toks[k].kind == TokenKind::Word).take(12).collect();
    let counted = |u: &&Unit| u.is_person() || counts_people(Measure::parse(&u.measure).unwrap_or(Measure::Other));
    let is_frame = |k: usize| is_count_frame(&toks[k], lex);
    // The noun may follow an adjective of the frame (`العدد الكلي للموقوفين`).
    let frame_noun = |k: usize, end: usize| {
        (k + 1..end.min(k + 3)).filter(|&j| toks[j].kind == TokenKind::Word).find_map(|j| lex.unit(&toks[j].key).map(|(u, _)| u).filter(counted))
    };
    let bare_frame = window.iter().copied().find(|&k| is_frame(k))?;
    // `أعداد المصابين …، وقال إن الأعداد تقارب مئات الآلاف`: a frame without its noun
    // takes the one a frame named earlier in the sentence.
    let named =
        frame_noun(bare_frame, first).or_else(|| (first.saturating_sub(40)..bare_frame).rev().filter(|&k| is_frame(k)).find_map(|k| frame_noun(k, bare_frame)));
    let definite = morphology::licensed_proclitic(&toks[bare_frame].key, |_| false) > 0;
    named.map(Frame::Noun).or(definite.then_some(Frame::Anaphor))
}

/// The count a definite frame without a noun stands for: the last person figure told in
/// its sentence or the two before (`قتل 210 أشخاص …، ثم ارتفع العدد إلى 245`).
fn frame_referent<'f>(sentence_id: usize, previous: &'f [Figure], lex: &Lexicon) -> Option<ListHead<'f>> {
    previous
        .iter()
        .rev()
        .take(4)
        .take_while(|h| sentence_id.saturating_sub(h.sentence_id) <= 2)
        .find(|h| counts_persons(h, lex))
        .map(|figure| ListHead { figure, partitive: false })
}

/// A definite noun just before a bare number names what it counts: `الأيام الـ10`,
/// `والإصابات 84`.
fn noun_before<'l>(toks: &[Token], first: usize, lex: &'l Lexicon, from_words: bool) -> Option<&'l Unit> {
    let word_before = |end: usize| (0..end).rev().find(|&k| toks[k].kind == TokenKind::Word && toks[k].key != "ال");
    let mut k = word_before(first)?;
    // `ارتفع إجمالي الشهداء إلى 1996، والإصابات إلى 14898`: a gapped clause keeps its
    // noun and `إلى` and drops the verb.
    let gapped = toks[k].key == "الي";
    if gapped {
        k = word_before(k)?;
    }
    let definite = morphology::licensed_proclitic(&toks[k].key, |_| false) > 0;
    // The number agrees with the noun as its definite adjective (`الأيام الـ10`), or the
    // noun opens a new nominal clause (`والإصابات 84`); a genitive before a number
    // (`مطلع الهجوم 3 آلاف`) is not what it counts.
    let new_clause = toks[k].key.starts_with("وال");
    let near = if gapped { new_clause && first - k <= 3 } else { first - k <= 2 };
    let (unit, form) = lex.unit(&toks[k].key).filter(|_| near && definite && (number_is_definite(toks, first) || new_clause))?;
    // A number word after a singular is a name, not a count (`يوم الأحد`); after a
    // plural it counts it (`الأشهر الخمسة`).
    (!from_words || form == UnitForm::Plural).then_some(unit)
}

/// Whether a number carries the article (`الـ10`, `الأحد عشر`): then it is the adjective
/// of the definite noun before it, not the head of a noun after it.
fn number_is_definite(toks: &[Token], first: usize) -> bool {
    first > 0 && toks[first - 1].key == "ال" || toks[first].key.starts_with("ال")
}

/// A plural event verb right after a bare number (`4300 قتلوا`): it counts persons.
fn human_verb_after(toks: &[Token], last: usize, lex: &Lexicon) -> bool {
    toks.get(last + 1).is_some_and(|t| t.kind == TokenKind::Word && t.key.ends_with("وا") && lex.event(&t.key).is_some())
}

/// What a figure counts. An outcome noun (`قتيل`, `جريح`) is its own measure; otherwise an
/// event of the clause wins, then the list head the figure is part of, then the event a
/// distribution head shares over its items, then a count frame, then the container the
/// people are held or housed in, then the noun's own default. Population types (children,
/// foreign nationals) are kept against states.
fn decide_measure(
    st: &SentenceTokens,
    m: &NumberMention,
    noun: &CountedNoun,
    head: Option<&Figure>,
    frame: Option<&Unit>,
    lex: &Lexicon,
    ctx: &FigureContext<'_>,
) -> Measure {
    let toks = &st.tokens;
    let frames = &ctx.frames(st, lex);
    let own = noun.measure();
    let outcome =
        matches!(own, Measure::Killed | Measure::Wounded | Measure::Hostages | Measure::Missing | Measure::Released | Measure::Escapees | Measure::Casualties);
    // A noun the lexicon does not know counts what its frame or list head counts (`ارتفع
    // عدد الشهداء إلى 300 xxx`): the frame names people even when the noun is unreadable.
    let people = noun.person
        || m.kind == MentionKind::Percent
        || (noun.name.is_none() && m.kind == MentionKind::Count)
        || (noun.unit.is_none() && (head.is_some() || frame.is_some()));
    if outcome || !people {
        return own;
    }
    if let Some((at, ev)) = nearest_event_at(st, m.first_token, noun.last, lex) {
        // `تعتقل السلطات في سجونها 6200 أسير`: the imperfect of a capture verb whose people
        // are in a prison is holding them, not arresting them.
        let holding = ev == Measure::Captured && imperfect_verb(&toks[at].key, lex) && prison_in_clause(toks, at, noun.last, lex, ctx, frames);
        if holding {
            return if population(own) { own } else { Measure::Detainees };
        }
        // People returning from a camp are still counted as its residents.
        if ev == Measure::Returnees && camp_nearby(toks, m.first_token, noun.last, lex) {
            return Measure::CampResidents;
        }
        // People held or housed (`يضم`, `تحتجز`) are in a state, not an event role: the
        // container says prison or camp, and population types are kept.
        if matches!(ev, Measure::Detainees | Measure::CampResidents) {
            return if population(own) { own } else { container_measure(toks, m, noun.last, lex, ctx, frames).unwrap_or(ev) };
        }
        return ev;
    }
    let population = population(own);
    let state = |m: Measure| matches!(m, Measure::Detainees | Measure::CampResidents);
    // A list item shares its head's event role or state; a noun that is a role of its own
    // (`نازح`) keeps it, and the head's population type is its own, not the items'.
    let inherits = |h: &&Figure| {
        counts_people(h.measure)
            && (own == Measure::Other || !matches!(h.measure, Measure::Children | Measure::ForeignNationals | Measure::Civilians | Measure::Forces))
    };
    if let Some(h) = head.filter(inherits) {
        let own_role = matches!(own, Measure::Displaced | Measure::Returnees | Measure::Captured | Measure::Attackers);
        let keeps_population = population && state(h.measure);
        if !own_role && !keeps_population {
            return h.measure;
        }
    }
    // `توزعت حالات الاعتقال: 40 معتقلا في المدينة الأولى`: the items count the head's event, not
    // their nouns' state.
    if let Some(ev) = frames.distributed_before(m.first_token) {
        return ev;
    }
    let framed = frame.and_then(|u| Measure::parse(&u.measure)).filter(|m| *m != Measure::Other && !(population && state(*m)));
    let before_container = framed.unwrap_or(own);
    // Only named people are housed by a container: a bare number near a prison may count
    // anything (months, attacks).
    let housed = noun.person
        && matches!(before_container, Measure::Detainees | Measure::CampResidents | Measure::Other | Measure::Forces | Measure::Civilians | Measure::Displaced);
    if population || !housed {
        return before_container;
    }
    container_measure(toks, m, noun.last, lex, ctx, frames).unwrap_or(before_container)
}

/// Population types: kept against states (children held in a camp are `children`).
fn population(m: Measure) -> bool {
    matches!(m, Measure::Children | Measure::ForeignNationals)
}

/// Whether a camp is named around the figure (`غادروا مخيم روج`).
fn camp_nearby(toks: &[Token], first: usize, last: usize, lex: &Lexicon) -> bool {
    let words = |r: std::ops::Range<usize>| r.filter(|&k| toks[k].kind == TokenKind::Word).collect::<Vec<_>>();
    let before = words(first.saturating_sub(12)..first);
    let after = words(last + 1..toks.len().min(last + 8));
    before.into_iter().chain(after).any(|k| lex.container(&toks[k].key) == Some(Measure::CampResidents))
}

/// Whose people a figure counts when no group is named: fighters belong to a party the
/// lexicon does not know (`other`), as do people held or freed; arrests and losses are
/// civilians' unless the sentence speaks of a fight between sides (`mixed`).
fn default_actor(toks: &[Token], m: &NumberMention, measure: Measure, noun_measure: Measure, lex: &Lexicon) -> &'static str {
    if matches!(noun_measure, Measure::Forces | Measure::Attackers) || measure == Measure::Forces {
        return "other";
    }
    // `215 موقوفا بين عمّان ودمشق`: people moved or counted between two parties are
    // both sides'.
    if counts_people(measure) && (between_two(toks, m.last_token) || mostly_one_side(toks, m.last_token, lex)) {
        return "mixed";
    }
    match measure {
        Measure::Detainees | Measure::Escapees | Measure::Released | Measure::Hostages | Measure::Attackers => "other",
        // Prisoners who died, children and women among prisoners: held people are a party's.
        Measure::Killed | Measure::Children | Measure::Civilians if prisoners_named(toks, m, lex) => "other",
        Measure::Killed | Measure::Wounded | Measure::Casualties | Measure::Missing if sides_named(toks, m, lex) => "mixed",
        _ => "civilians",
    }
}

/// The group the people after the noun are said to be of: in the ten words after it, a
/// group right after `من` or in construct with a person noun (`من أطفال عناصر التنظيم`),
/// not one merely named nearby (`وفي الأردن`).
fn group_after(st: &SentenceTokens, last: usize, lex: &Lexicon) -> Option<String> {
    let toks = &st.tokens;
    let words: Vec<usize> = (last + 1..toks.len()).filter(|&k| toks[k].kind == TokenKind::Word).take(10).collect();
    words.iter().enumerate().find_map(|(i, &k)| {
        // One of the two words before it (`وسجناء تنظيم "داعش"`).
        let of_group = words[i.saturating_sub(2)..i].iter().any(|&j| toks[j].key == "من" || lex.unit(&toks[j].key).is_some_and(|(u, _)| u.is_person()));
        let (idx, _) = actor_at(st, k)?;
        let g = &lex.actors[idx].group;
        (of_group && !g.is_empty()).then(|| g.clone())
    })
}

/// Whether prisoners (a person noun whose default is `detainees`: `أسرى`, `المعتقلين`) are
/// named within twelve words of the figure.
fn prisoners_named(toks: &[Token], m: &NumberMention, lex: &Lexicon) -> bool {
    let from = m.first_token.saturating_sub(24);
    let to = toks.len().min(m.last_token + 24);
    toks[from..to].iter().filter(|t| t.kind == TokenKind::Word).any(|t| lex.unit(&t.key).is_some_and(|(u, _)| u.is_person() && u.measure == "detainees"))
}

/// Whether `بين X وY` follows the figure within eight words: two parties named as the
/// ends of what is counted.
fn between_two(toks: &[Token], last: usize) -> bool {
    let words: Vec<usize> = (last + 1..toks.len()).filter(|&k| toks[k].kind == TokenKind::Word).take(8).collect();
    words.iter().position(|&k| toks[k].key == "بين").is_some_and(|i| words[i + 1..].iter().take(4).skip(1).any(|&k| toks[k].key.starts_with('و')))
}

/// `عشرات القتلى والمصابين، أغلبهم من الطرف الآخر`: "most of them from" a side (not from
/// a kind of people, `معظمهم من النساء`) says the total spans several sides.
fn mostly_one_side(toks: &[Token], last: usize, lex: &Lexicon) -> bool {
    let words: Vec<usize> = (last + 1..toks.len()).filter(|&k| toks[k].kind == TokenKind::Word).take(6).collect();
    words.windows(3).any(|w| {
        let most = stems(&toks[w[0]].key).iter().any(|(_, s)| lex.noun_context.is(s, NounRole::Most));
        most && toks[w[1]].key == "من" && !lex.unit(&toks[w[2]].key).is_some_and(|(u, _)| u.is_person())
    })
}

/// Whether a fight between sides is named within twenty tokens of the figure.
fn sides_named(toks: &[Token], m: &NumberMention, lex: &Lexicon) -> bool {
    let from = m.first_token.saturating_sub(20);
    let to = toks.len().min(m.last_token + 20);
    toks[from..to].iter().any(|t| t.kind == TokenKind::Word && lex.names_sides(&t.key))
}

/// The group a person figure's people belong to, from the noun's construct, the group named
/// around it, or (for people held or attacking) the groups the document named last.
fn actor_of_group(
    st: &SentenceTokens,
    m: &NumberMention,
    last: usize,
    measure: Measure,
    noun_measure: Measure,
    lex: &Lexicon,
    ctx: &FigureContext<'_>,
) -> Option<String> {
    let toks = &st.tokens;
    // Speakers do not count their own people as captives or attackers, and the holder of
    // the prisoners is not whose prisoners they are.
    let excluded: Vec<String> = if HELD_OR_HOSTILE.contains(&measure) || HELD_OR_HOSTILE.contains(&noun_measure) {
        ctx.speakers.iter().filter_map(|id| lex.actor(id)).map(|a| a.group.clone()).filter(|g| !g.is_empty()).chain(ctx.holders.iter().cloned()).collect()
    } else {
        Vec::new()
    };
    // The agent of a capture or a killing stands before the number without being in
    // construct with a person noun (`اعتقلت قسد 70 شخصا`): not whose people are counted.
    let agentive = matches!(measure, Measure::Captured | Measure::Killed | Measure::Wounded);
    // A noun qualified by its own group or people (`8 عناصر من ميليشيا X`, `6 جنود روس`)
    // does not borrow a group named before it: an unknown one there is a party of its own.
    let of_group = toks.get(last + 1).is_some_and(|t| t.key == "من")
        && toks.get(last + 2).is_some_and(|t| t.kind == TokenKind::Word && !lex.noun_context.is(&t.key, NounRole::NotNoun));
    let of_people = toks.get(last + 1).is_some_and(|t| lex.unit(&t.key).is_some_and(|(u, _)| u.actor == "other"));
    let look_before = !(agentive && (of_group || of_people));
    // The groups named last are the captors as often as the captured: people arrested are
    // a party's only when the noun counts its members (`3500 عنصر`), not for `معتقل`.
    let party_people = measure != Measure::Captured || matches!(noun_measure, Measure::Forces | Measure::Attackers);
    possessed_actor(st, m.last_token, lex)
        .or_else(|| actor_in_context(st, m.first_token, last, lex, &excluded, agentive, look_before))
        .or_else(|| ctx.recent_groups.iter().rev().find(|g| !excluded.contains(g) && HELD_OR_HOSTILE.contains(&measure) && party_people).cloned())
}

/// The nearest event word: up to ten words before the number, else six after it;
/// an event inside a temporal phrase (`قبل الهجوم`) does not count.
fn nearest_event(st: &SentenceTokens, first: usize, last: usize, lex: &Lexicon) -> Option<Measure> {
    nearest_event_at(st, first, last, lex).map(|(_, m)| m)
}

/// The actor alias that opens at token `k` and its length in tokens, as
/// [`crate::attribution::match_actor_at`] reads it: the sentence's aliases are found once
/// (in token order), so a scan over a window of tokens asks no lexicon.
fn actor_at(st: &SentenceTokens, k: usize) -> Option<(usize, usize)> {
    let i = st.actors.partition_point(|&(start, _, _)| start < k);
    st.actors.get(i).filter(|&&(start, _, _)| start == k).map(|&(_, idx, n)| (idx, n))
}

/// Whether token `k` lies inside an actor's name (`هيئة تحرير الشام`): its words name a
/// party, not an event. The sentence's aliases are in token order.
fn in_actor_name(st: &SentenceTokens, k: usize) -> bool {
    let i = st.actors.partition_point(|&(start, _, _)| start <= k);
    st.actors[..i].last().is_some_and(|&(start, _, n)| k < start + n)
}

/// [`nearest_event`] with the token the event was read from.
fn nearest_event_at(st: &SentenceTokens, first: usize, last: usize, lex: &Lexicon) -> Option<(usize, Measure)> {
    let toks = &st.tokens;
    // `قبل الهجوم` dates the figure; `خطر الإعدام`, `حكم الإعدام`, `من المحتمل إعدام`:
    // an event not (yet) realized. Neither is the figure's role.
    let unrealized = |k: usize| {
        k > 0 && toks[k - 1].kind == TokenKind::Word && (lex.noun_context.is(&toks[k - 1].key, NounRole::Temporal) || lex.is_irrealis(&toks[k - 1].key))
    };
    // A word right before the complement of a verb of saying (`وأضاف عودة أن …`) is the
    // speaker's name, not an event, whatever else it could mean.
    let speaker_name = |k: usize| {
        // Only a complement word (`أن`, `إن`): a quote mark after a name is no sign of speech.
        toks.get(k + 1).is_some_and(|t| {
            t.kind == TokenKind::Word && arqam_lexicon::stems(&t.key).iter().any(|(_, s)| lex.attribution.is(s, arqam_lexicon::WordRole::Complement))
        })
    };
    // The event word itself first: most words are none, and it is one cached lookup.
    let event_at = |k: usize| -> Option<Measure> {
        let ev = lex.event(&toks[k].key)?;
        if unrealized(k) || speaker_name(k) || in_actor_name(st, k) {
            return None;
        }
        // A person noun is not the verb it looks like (`أسرة`, a family, is not `أسر`,
        // captured): only a noun of the event's own role is that event (`المهاجمين`).
        let other_noun = lex.unit(&toks[k].key).is_some_and(|(u, _)| u.is_person() && Measure::parse(&u.measure) != Some(ev));
        (!other_noun).then_some(ev)
    };
    // After the figure, an outcome noun is an event too (`75 مقاتلا من قتلى الفصيل`);
    // before it, it is another figure's noun (`52 قتيلا و70 ألف نازح`).
    let event_or_outcome_at = |k: usize| -> Option<Measure> {
        // Neither an event nor a counted noun (most words): nothing to read.
        if (lex.event(&toks[k].key).is_none() && lex.unit(&toks[k].key).is_none()) || unrealized(k) {
            return None;
        }
        event_at(k).or_else(|| {
            let (u, _) = lex.unit(&toks[k].key)?;
            let role = Measure::parse(&u.measure)?;
            // `هم في عداد المعتقلين`: a person noun in a count frame names their role.
            let counted_among = u.is_person() && role != Measure::Other && k > 0 && is_count_frame(&toks[k - 1], lex);
            (matches!(role, Measure::Killed | Measure::Wounded | Measure::Missing | Measure::Hostages) || counted_among).then_some(role)
        })
    };
    let clause_mark = |t: &Token| t.kind == TokenKind::Punct && matches!(t.key.as_str(), "،" | "؛" | ";" | ",");
    let mut seen = 0;
    let mut k = first;
    // `تحتجز قسد، العشرات من مقاتلي التنظيم`: a comma right before the figure may only set
    // off the verb's subject; one after other words ends the clause.
    let coordinated = toks[first].key.starts_with('و');
    while k > 0 && seen < 10 {
        k -= 1;
        if clause_mark(&toks[k]) {
            if seen == 0 && !coordinated && k + 1 == first {
                continue;
            }
            break;
        }
        if toks[k].kind == TokenKind::Word {
            seen += 1;
            if let Some(m) = event_at(k) {
                // `مقتل وإصابة 17 شخصا`: a figure naming two roles takes the first.
                let first_named = toks[k].key.starts_with('و').then(|| (0..k).rev().find(|&j| toks[j].kind == TokenKind::Word)).flatten().and_then(event_at);
                return Some((k, first_named.unwrap_or(m)));
            }
        }
    }
    // A comma right after the noun may set off the verb that agrees with it (`8 آلاف
    // شخص، قتلوا`): a plural event verb there is still the figure's.
    let after_comma = toks.get(last + 1).is_some_and(clause_mark).then(|| toks.get(last + 2)).flatten();
    if let Some(ev) = after_comma.filter(|t| t.kind == TokenKind::Word && t.key.ends_with("وا")).and_then(|t| lex.event(&t.key)) {
        return Some((last + 2, ev));
    }
    // After the noun, the clause's verb may follow its subject and the group it belongs to
    // (`35 عنصرا من التنظيم قتلوا`), up to the next number.
    let clause_end =
        (last + 1..toks.len().min(last + 40)).find(|&k| clause_mark(&toks[k]) || toks[k].kind == TokenKind::Number).unwrap_or(toks.len().min(last + 40));
    // A noun coordinated with the counted one (`أسير ومفقود`) names a second role of the
    // same people: the first, the counted noun's, wins.
    let coordinated_noun = |k: usize| k == last + 1 && toks[k].key.starts_with('و') && lex.unit(&toks[k].key).is_some();
    // A complement (`… المكون من 12 عضوا أن عمليات القتل`) opens another clause, whose
    // events are not the figure's.
    let complement = |k: usize| stems(&toks[k].key).iter().any(|(_, s)| lex.attribution.is(s, arqam_lexicon::WordRole::Complement));
    let words_after = (last + 1..clause_end).filter(|&k| toks[k].kind == TokenKind::Word && lex.number_word(&toks[k].key).is_none() && !coordinated_noun(k));
    let found = words_after.take(6).find_map(|k| event_or_outcome_at(k).map(|m| (k, m)))?;
    // After an agent marker (`طفلان من قبل قوات تحرير X`) come the doers' names, not
    // what befell the people counted (a prison, `سجون قسد`, is a place, not an agent).
    let agent = |k: usize| lex.noun_context.is(&toks[k].key, NounRole::Agent) && lex.container(&toks[k].key).is_none();
    // Checked only once an event is found: most figures have none after them.
    (!(last + 1..found.0).any(|k| toks[k].kind == TokenKind::Word && (complement(k) || agent(k)))).then_some(found)
}

/// Whether an event word is a verb in the imperfect (`تعتقل`, `ويحتجز`): a person prefix
/// that the listed word does not have.
fn imperfect_verb(key: &str, lex: &Lexicon) -> bool {
    let bare = key.strip_prefix(['و', 'ف']).unwrap_or(key);
    bare.starts_with(['ي', 'ت', 'ن']) && lex.event_as_listed(key).is_none()
}

/// Whether a prison is named between the event word at `at` and the figure, or just after
/// the counted noun (`أكثر من 6200 أسير في سجونها`).
fn prison_in_clause(toks: &[Token], at: usize, last: usize, lex: &Lexicon, ctx: &FigureContext<'_>, frames: &Frames<'_>) -> bool {
    let between = frames.nearest_container_before(last).filter(|(k, _)| *k > at).map(|(_, m)| m);
    between.or_else(|| container_after(toks, last, lex, ctx)) == Some(Measure::Detainees)
}

/// The container the people are in or leave, in the six words after the counted noun
/// (`في المخيم`, `خرجت … من مخيم روج`): not a prison they are taken to (`إلى السجن`),
/// but a camp they arrive at is theirs (`وصول 4 آلاف شخص إلى مخيم النور`).
fn container_after(toks: &[Token], last: usize, lex: &Lexicon, ctx: &FigureContext<'_>) -> Option<Measure> {
    let destination = |k: usize| k > 0 && lex.noun_context.is(&toks[k - 1].key, NounRole::Destination);
    (last + 1..toks.len())
        .filter(|&k| toks[k].kind == TokenKind::Word)
        .take(6)
        .find_map(|k| frames::container_at(toks, k, lex, ctx.container_names).filter(|m| !destination(k) || *m == Measure::CampResidents))
}

/// People held or housed are detainees in a prison and camp residents in a camp: the
/// nearest container named before the figure in its sentence decides (`مخيم روج الذي يؤوي
/// … إنسان`, `أُغلق مخيم الهول، وبقي مصير 3 آلاف عائلة مجهولا`).
fn container_measure(toks: &[Token], m: &NumberMention, last: usize, lex: &Lexicon, ctx: &FigureContext<'_>, frames: &Frames<'_>) -> Option<Measure> {
    frames.container_before(m.first_token).or_else(|| container_after(toks, last, lex, ctx))
}

/// A key without a possessive pronoun suffix (`عناصرها` → `عناصر`); the key itself when it
/// has none.
fn strip_possessive(key: &str) -> &str {
    ["ها", "هم", "نا", "ه"].iter().find_map(|suf| key.strip_suffix(suf)).unwrap_or(key)
}

/// `11 من عناصرها`: a person noun with a possessive pronoun after the number belongs to the
/// actor named last before it.
fn possessed_actor(st: &SentenceTokens, number_end: usize, lex: &Lexicon) -> Option<String> {
    let toks = &st.tokens;
    let noun = (number_end + 1..toks.len().min(number_end + 3)).find(|&j| toks[j].kind == TokenKind::Word && toks[j].key != "من")?;
    let key = &toks[noun].key;
    let base = strip_possessive(key);
    if base.len() == key.len() || !lex.unit(base).is_some_and(|(u, _)| u.is_person()) {
        return None;
    }
    (number_end.saturating_sub(60)..number_end).rev().find_map(|k| actor_at(st, k).map(|(idx, _)| lex.actors[idx].group.clone()).filter(|g| !g.is_empty()))
}

/// The group of the nearest actor named around the figure, after the noun first, then
/// before; holders and agents (`لدى قسد`) and `excluded` groups are passed over. With
/// `agentive`, an actor before the number counts only in construct with a person noun.
fn actor_in_context(st: &SentenceTokens, first: usize, last: usize, lex: &Lexicon, excluded: &[String], agentive: bool, look_before: bool) -> Option<String> {
    let toks = &st.tokens;
    let group_at = |k: usize| -> Option<String> {
        let (idx, _) = actor_at(st, k)?;
        let g = &lex.actors[idx].group;
        if g.is_empty() || excluded.contains(g) {
            return None;
        }
        let prev_word = (0..k).rev().find(|&j| toks[j].kind == TokenKind::Word).filter(|&j| k - j <= 2);
        let agent = prev_word.is_some_and(|j| lex.noun_context.is(&toks[j].key, NounRole::Agent));
        // After a statement word the actor is the speaker (`رواية "قسد"`), not the counted.
        // (The word's readings are found once, not once per cue.)
        let speaker = || {
            prev_word.is_some_and(|j| {
                let readings = stems(&toks[j].key);
                lex.cues
                    .iter()
                    .any(|(keys, c)| keys.len() == 1 && !matches!(c.kind, arqam_lexicon::CueKind::Title) && readings.iter().any(|(_, s)| *s == keys[0]))
            })
        };
        (!agent && !speaker()).then(|| g.clone())
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
    if !look_before {
        return None;
    }
    // Before the number, an actor in construct with a person noun (`عناصر تنظيم داعش`,
    // `مقاتلي قسد`) names whose people are meant; otherwise the nearest actor.
    // `في صفوف قسد` ("in the ranks of") names whose fighters they are, like a construct.
    let ranks = |key: &str| stems(key).iter().any(|(_, s)| lex.noun_context.is(s, NounRole::Ranks));
    let construct =
        |k: usize| k > 0 && toks[k - 1].kind == TokenKind::Word && (ranks(&toks[k - 1].key) || lex.unit(&toks[k - 1].key).is_some_and(|(u, _)| u.is_person()));
    // Bounded windows: a figure's people are named near it (and a 10⁶-token sentence stays
    // linear).
    let window = first.saturating_sub(60)..first;
    // Only a token that opens an actor's name can be one (one binary search), so the
    // construct is checked there alone.
    let in_construct = window.clone().rev().filter(|&k| actor_at(st, k).is_some() && construct(k)).find_map(group_at);
    if agentive {
        return in_construct;
    }
    in_construct.or_else(|| window.rev().find_map(group_at))
}

/// Whether a number is not a figure after all: a bare integer that reads as a year
/// (1900–2100, no lexicon unit, no qualifier) is a date the date pass could not place; a
/// lone `واحد`/`أحد` without a counted noun is "one of", not a count.
pub fn is_not_a_count(text: &str, f: &Counted, m: &NumberMention) -> bool {
    let exact = m.kind == MentionKind::Count && m.qualifier == Qualifier::Exact;
    let year_like = |v: Option<f64>| v.is_some_and(|v| v.fract() == 0.0 && (1900.0..=2100.0).contains(&v));
    let year = !m.from_words && exact && year_like(m.low) && f.unit_en.is_none();
    let lone_one = m.from_words && exact && m.low == Some(1.0) && m.first_token == m.last_token && f.unit_en.is_none();
    // `عدة`/`بضعة` ("several") say something only of a known counted noun (`عدة أشهر`),
    // not of `عدة أطراف` ("several parties").
    let several = m.qualifier == Qualifier::Vague && m.low.is_some_and(|v| v < 10.0) && (f.unit_en.is_none() || f.measure == Measure::Other);
    // Phone numbers and identifiers: a leading zero before more digits, or ten digits and
    // more with no counted noun.
    let surface = &text[f.span.start..f.span.end];
    let digits = surface.chars().filter(|c| arqam_normalize::is_digit(*c)).count();
    let leading_zero = surface.chars().next().and_then(arqam_normalize::digit_value) == Some(0) && digits >= 4;
    let identifier = !m.from_words && m.qualifier == Qualifier::Exact && (leading_zero || (digits >= 10 && f.unit.is_none()));
    year || lone_one || several || identifier
}

/// The extractor's own estimate that the figure is right.
pub fn confidence(f: &Counted, m: &NumberMention) -> f64 {
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
