//! Asking the lexicon about a word: the query methods of [`Lexicon`].
//!
//! Every single-word question goes through the word's proclitic readings
//! ([`crate::stems`]); what the files say about one key is computed once per thread into
//! a `WordFacts` and cached, since the stages ask about the same words again and again.

use arqam_model::Measure;

use crate::morphology::{self, stems, VERB_SUFFIXES};
use crate::{Actor, Lexicon, Map, NumberWord, NumberWordKind, Unit, UnitForm, WordRole};

/// What the lexicons say about one word key through its clitics: computed once per
/// distinct key (and thread), since the stages ask about the same words again and again.
#[derive(Debug, Clone, Default)]
struct WordFacts {
    number_word: Option<(usize, NumberWord)>,
    fraction: Option<NumberWord>,
    unit: Option<(usize, UnitForm)>,
    event: Option<Measure>,
    container: Option<Measure>,
    ordinal: Option<u32>,
    knows: bool,
    /// May open a date: a number or ordinal word, the first word of a month name or of a
    /// phrase of `dates.csv` (through its clitics).
    opens_date: bool,
    aliases: Vec<usize>,
    /// Opens a two-word vague phrase (`عشرات` of `عشرات الآلاف`) through its clitics.
    opens_vague_phrase: bool,
    /// The cue phrases this word may open: see [`Lexicon::with_cue_candidates`].
    cue_candidates: Box<[(usize, bool)]>,
    /// The attribution roles of its readings: see [`Lexicon::attribution_roles`].
    attribution_roles: u32,
}

impl WordFacts {
    fn number_hints(&self) -> NumberHints {
        NumberHints {
            may_open_number: self.ordinal.is_some() || self.number_word.is_some() || self.fraction.is_some() || self.opens_vague_phrase,
            dual_noun: self.unit.is_some_and(|(_, form)| form == UnitForm::Dual),
        }
    }
}

/// What the number layer asks of every word before it reads one closely: most words of a
/// sentence are neither number words nor dual nouns, and are passed over with one lookup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberHints {
    /// An ordinal, a number word, a fraction or the first word of a vague phrase.
    pub may_open_number: bool,
    /// The dual of a counted noun (`عربتين`): a count of two.
    pub dual_noun: bool,
}

/// What a word may start or be, for the passes that visit every token of a sentence (actor
/// aliases, cues, dates, numbers, containers): read once per token from the word cache, so
/// each pass passes over the other words without asking the lexicon again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordHints(u8);

impl WordHints {
    const ALIAS: u8 = 1;
    const CUE: u8 = 1 << 1;
    const DATE: u8 = 1 << 2;
    const NUMBER: u8 = 1 << 3;
    const DUAL_NOUN: u8 = 1 << 4;
    const CONTAINER: u8 = 1 << 5;
    /// Every hint set: what a token that is no word gets, so no pass skips it.
    pub const ALL: WordHints = WordHints(u8::MAX);

    /// Some actor alias may start with this word.
    pub fn alias(self) -> bool {
        self.0 & Self::ALIAS != 0
    }
    /// Some cue phrase may start with this word.
    pub fn cue(self) -> bool {
        self.0 & Self::CUE != 0
    }
    /// The word may open a date ([`Lexicon::may_open_date`]).
    pub fn date(self) -> bool {
        self.0 & Self::DATE != 0
    }
    /// The word's [`NumberHints`].
    pub fn number(self) -> NumberHints {
        NumberHints { may_open_number: self.0 & Self::NUMBER != 0, dual_noun: self.0 & Self::DUAL_NOUN != 0 }
    }
    /// The word is a container noun ([`Lexicon::container`]).
    pub fn container(self) -> bool {
        self.0 & Self::CONTAINER != 0
    }
}

/// Distinct keys a thread remembers before it starts afresh: about 3 MB per thread. The
/// common words come back at once; a larger cache grew memory with the corpus's vocabulary.
const WORD_CACHE_LIMIT: usize = 1 << 14;

struct WordCache {
    lexicon: u64,
    /// Keyed by inline strings: a word's key (up to 24 bytes) sits in the table itself,
    /// so a lookup compares it without following a pointer to the heap.
    facts: Map<compact_str::CompactString, WordFacts>,
}

thread_local! {
    static WORD_CACHE: std::cell::RefCell<WordCache> = std::cell::RefCell::new(WordCache { lexicon: 0, facts: Map::default() });
}

impl Lexicon {
    /// The cue phrases (indices into `cues`, longest first) that open with `key`.
    pub fn cues_starting_with(&self, key: &str) -> &[usize] {
        self.cues_by_first.get(key).map_or(&[], Vec::as_slice)
    }

    /// The month phrases (indices into `months`, longest first) that open with `key`.
    pub fn months_starting_with(&self, key: &str) -> &[usize] {
        self.months_by_first.get(key).map_or(&[], Vec::as_slice)
    }

    /// How many words the longest month phrase has.
    pub fn longest_month_phrase(&self) -> usize {
        self.longest_month
    }

    /// What the lexicons say about `key`, from this thread's cache, `read` applied to it.
    fn facts<R>(&self, key: &str, read: impl FnOnce(&WordFacts) -> R) -> R {
        arqam_model::work::step();
        WORD_CACHE.with(|cell| {
            let mut cache = cell.borrow_mut();
            if cache.lexicon != self.id || cache.facts.len() >= WORD_CACHE_LIMIT {
                cache.lexicon = self.id;
                cache.facts.clear();
            }
            if let Some(f) = cache.facts.get(key) {
                return read(f);
            }
            let f = self.compute_facts(key);
            let out = read(&f);
            cache.facts.insert(key.into(), f);
            out
        })
    }

    fn compute_facts(&self, key: &str) -> WordFacts {
        // Each lookup tries the readings in order, the key as it is first (tanween alef,
        // `ألفاً` → `الفا`, is already a listed form of the number words).
        let readings = stems(key);
        let number_word = readings.iter().find_map(|&(n, s)| self.number_word_exact(s).map(|w| (n, w)));
        let unit = self.unit_uncached(&readings);
        WordFacts {
            number_word,
            fraction: readings.iter().find_map(|(_, s)| self.fractions.get(*s).copied()),
            unit,
            event: self.event_uncached(&readings),
            container: readings.iter().find_map(|(_, s)| self.containers.get(*s).copied()),
            ordinal: readings.iter().find_map(|(_, s)| self.ordinals.get(*s).copied()),
            knows: readings.iter().any(|(_, s)| self.words.contains(*s)) || unit.is_some() || number_word.is_some(),
            opens_date: number_word.is_some()
                || readings.iter().any(|(_, s)| {
                    self.ordinals.contains_key(*s) || !self.months_starting_with(s).is_empty() || self.date_words.opens(s) || self.number_words.contains_key(*s)
                }),
            aliases: self.aliases_uncached(key, &readings),
            opens_vague_phrase: self.vague_phrases.iter().any(|(keys, _, _)| keys.len() == 2 && readings.iter().any(|(_, s)| *s == keys[0])),
            cue_candidates: self.cue_candidates_uncached(key, &readings),
            attribution_roles: readings.iter().fold(0, |bits, (_, s)| bits | self.attribution.roles(s)),
        }
    }

    /// The cue phrases (indices into `cues`, in lexicon order) whose first word this word
    /// key may be, each with whether it is the word itself or after a conjunction (`و`,
    /// `ف`): `direct`. Other proclitics (`والتقارير`) only open unnamed sources; the
    /// caller checks the cue's kind. `read` must not ask the lexicon about other words.
    pub fn with_cue_candidates<R>(&self, key: &str, read: impl FnOnce(&[(usize, bool)]) -> R) -> R {
        self.facts(key, |f| read(&f.cue_candidates))
    }

    /// Whether some reading of a word key through its proclitics (`وبحسب`, `للوزارة`) is
    /// a one-word attribution word with `role`: one cached lookup for what would be one
    /// per reading.
    pub fn has_attribution_role(&self, key: &str, role: WordRole) -> bool {
        self.facts(key, |f| f.attribution_roles & role.bit() != 0)
    }

    fn cue_candidates_uncached(&self, key: &str, readings: &[(usize, &str)]) -> Box<[(usize, bool)]> {
        let mut cands: Vec<(usize, bool)> = Vec::new();
        for &(n, stem) in readings {
            let direct = n == 0 || (n == 1 && (key.starts_with('و') || key.starts_with('ف')));
            cands.extend(self.cues_starting_with(stem).iter().map(|&i| (i, direct)));
        }
        cands.sort_unstable();
        cands.into_boxed_slice()
    }

    /// The [`NumberHints`] of a word key.
    pub fn number_hints(&self, key: &str) -> NumberHints {
        self.facts(key, WordFacts::number_hints)
    }

    /// The [`WordHints`] of a word key.
    pub fn word_hints(&self, key: &str) -> WordHints {
        self.facts(key, |f| {
            let hints = f.number_hints();
            let bit = |on: bool, b: u8| if on { b } else { 0 };
            WordHints(
                bit(!f.aliases.is_empty(), WordHints::ALIAS)
                    | bit(!f.cue_candidates.is_empty(), WordHints::CUE)
                    | bit(f.opens_date, WordHints::DATE)
                    | bit(hints.may_open_number, WordHints::NUMBER)
                    | bit(hints.dual_noun, WordHints::DUAL_NOUN)
                    | bit(f.container.is_some(), WordHints::CONTAINER),
            )
        })
    }

    /// The number word a key stands for, trying clitic-stripped readings.
    /// Returns `(chars stripped, word)`.
    pub fn number_word(&self, key: &str) -> Option<(usize, NumberWord)> {
        self.facts(key, |f| f.number_word)
    }

    /// The number word of exactly this key.
    pub fn number_word_exact(&self, key: &str) -> Option<NumberWord> {
        self.number_words.get(key).copied()
    }

    /// Whether some alias begins with exactly this word key (no clitics stripped).
    pub fn is_alias_first_word(&self, key: &str) -> bool {
        self.alias_index.contains_key(key)
    }

    /// The aliases (positions in `actor_aliases`, longest first) whose first word is this
    /// token key read through its clitics, `لل` + article included.
    /// `read` gets them without a copy and must not ask the lexicon about other words.
    pub fn with_aliases_for_first_word<R>(&self, key: &str, read: impl FnOnce(&[usize]) -> R) -> R {
        self.facts(key, |f| read(&f.aliases))
    }

    fn aliases_uncached(&self, key: &str, readings: &[(usize, &str)]) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        for (_, s) in readings {
            if let Some(ids) = self.alias_index.get(*s) {
                out.extend(ids);
            }
        }
        for p in ["لل", "ولل", "فلل"] {
            if let Some(rest) = key.strip_prefix(p) {
                if let Some(ids) = self.alias_index.get(&format!("ال{rest}")) {
                    out.extend(ids);
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Whether a word key (through clitics, plural and dual forms) is a word of any
    /// lexicon file.
    pub fn knows(&self, key: &str) -> bool {
        self.facts(key, |f| f.knows)
    }

    /// Whether a word may open a date ([`WordFacts::opens_date`]): the date reader passes
    /// every other word over with this one cached lookup.
    pub fn may_open_date(&self, key: &str) -> bool {
        self.facts(key, |f| f.opens_date)
    }

    /// Whether a word key is a scale word (`ألف`, `آلاف`, `مليون` …), through clitics.
    pub fn is_scale_word(&self, key: &str) -> bool {
        self.number_word(key).is_some_and(|(_, w)| matches!(w.kind, NumberWordKind::Scale | NumberWordKind::ScalePlural | NumberWordKind::ScaleDual))
    }

    /// The fraction a word key stands for (`ربع`, `أثمان`), through clitics.
    pub fn fraction(&self, key: &str) -> Option<NumberWord> {
        self.facts(key, |f| f.fraction)
    }

    /// The counted noun a word key stands for: its index in `units` and the form matched.
    /// Tries clitic-stripped readings, and a final tanween alef (`انغماسيا`).
    pub fn unit(&self, key: &str) -> Option<(&Unit, UnitForm)> {
        self.facts(key, |f| f.unit).map(|(i, f)| (&self.units[i], f))
    }

    fn unit_uncached(&self, readings: &[(usize, &str)]) -> Option<(usize, UnitForm)> {
        for &(_, s) in readings {
            if let Some((i, f)) = self.unit_index.get(s) {
                return Some((*i, *f));
            }
            if let Some(base) = s.strip_suffix('ا') {
                if let Some((i, f)) = self.unit_index.get(base) {
                    if *f != UnitForm::Dual {
                        return Some((*i, *f));
                    }
                }
            }
        }
        // A sound plural the file does not list (`أسيرات`, `شاحنات`): its singular by rule.
        readings.iter().find_map(|&(_, s)| {
            let singular = morphology::sound_singular(s, true)?;
            self.unit_index.get(singular.as_str()).filter(|(_, f)| *f == UnitForm::Singular).map(|(i, _)| (*i, UnitForm::Plural))
        })
    }

    /// The measure an event word sets, trying clitic-stripped readings and the inflections
    /// of a verb: person and number suffixes (`نزحوا`, `اعتقلت`, `أصيبوا`) and the
    /// imperfect prefixes (`يحتجز`, `تنزح`).
    pub fn event(&self, key: &str) -> Option<Measure> {
        self.facts(key, |f| f.event)
    }

    fn event_uncached(&self, readings: &[(usize, &str)]) -> Option<Measure> {
        for &(_, s) in readings {
            if let Some(m) = self.events.get(s) {
                return Some(*m);
            }
            for suffix in VERB_SUFFIXES {
                let Some(base) = s.strip_suffix(suffix) else { continue };
                for prefix in ["", "ي", "ت", "ن"] {
                    let Some(stem) = base.strip_prefix(prefix) else { continue };
                    if stem.chars().count() >= 2 {
                        if let Some(m) = self.events.get(stem) {
                            return Some(*m);
                        }
                        // The imperfect of a verb whose perfect opens with alef (`اعتقل` →
                        // `تعتقل`, `احتجز` → `يحتجز`) drops the alef.
                        if !prefix.is_empty() {
                            if let Some(m) = self.events.get(format!("ا{stem}").as_str()) {
                                return Some(*m);
                            }
                        }
                    }
                }
            }
        }
        None
    }

    /// The measure a container noun gives people held or housed in it (`مخيم`).
    pub fn container(&self, key: &str) -> Option<Measure> {
        self.facts(key, |f| f.container)
    }

    /// Whether a word names a fight between several sides (`الحرب`, `الطرفين`), through
    /// clitics.
    pub fn names_sides(&self, key: &str) -> bool {
        stems(key).iter().any(|(_, s)| self.sides.contains(*s))
    }

    /// The measure of an event word as listed, through clitics but without reading verb
    /// inflections (`التبادل` yes, `التحرر` is not `حرر`).
    pub fn event_as_listed(&self, key: &str) -> Option<Measure> {
        stems(key).iter().find_map(|(_, s)| self.events.get(*s).copied())
    }

    /// Whether a word leaves the event noun after it unrealized (`خطر`, `حكم`), through
    /// clitics.
    pub fn is_irrealis(&self, key: &str) -> bool {
        stems(key).iter().any(|(_, s)| self.irrealis.contains(*s))
    }

    /// The ordinal value of a key (`الثالث` → 3).
    pub fn ordinal(&self, key: &str) -> Option<u32> {
        self.facts(key, |f| f.ordinal)
    }

    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actor_index.get(id).map(|&i| &self.actors[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NEXT_LEXICON_ID;
    use arqam_normalize::fold_key;

    #[test]
    fn units_match_through_clitics_duals_and_tanween() {
        let lex = Lexicon::builtin();
        let (u, f) = lex.unit(&fold_key("والسجناء")).unwrap();
        assert_eq!((u.singular.as_str(), f), ("سجين", UnitForm::Plural));
        let (u, f) = lex.unit(&fold_key("عربتين")).unwrap();
        assert_eq!((u.singular.as_str(), f), ("عربة", UnitForm::Dual));
        let (u, _) = lex.unit(&fold_key("انغماسياً")).unwrap();
        assert_eq!(u.singular, "انغماسي");
        let (u, f) = lex.unit(&fold_key("سنتين")).unwrap();
        assert_eq!((u.singular.as_str(), f), ("سنة", UnitForm::Dual));
        assert!(lex.unit(&fold_key("الذين")).is_none());
    }

    #[test]
    fn number_words_match_through_clitics() {
        let lex = Lexicon::builtin();
        let (n, w) = lex.number_word(&fold_key("بالمئات")).unwrap();
        assert_eq!(n, 3);
        assert_eq!(w.kind, NumberWordKind::Vague { high: 999.0 });
        assert_eq!(lex.number_word(&fold_key("وثلاثمائة")).unwrap().1.value, 300.0);
        assert_eq!(lex.number_word(&fold_key("الاف")).unwrap().1.kind, NumberWordKind::ScalePlural);
    }

    #[test]
    fn number_hints_pass_over_plain_words_only() {
        let lex = Lexicon::builtin();
        let hints = |w: &str| lex.number_hints(&fold_key(w));
        for w in ["وثلاثة", "بالمئات", "الثالث", "ربع", "عشرات", "وآلاف"] {
            assert!(hints(w).may_open_number, "{w}");
        }
        for w in ["السجن", "قال", "والمدنيين", "عربتين"] {
            assert!(!hints(w).may_open_number, "{w}");
        }
        assert!(hints("عربتين").dual_noun && hints("سنتين").dual_noun);
        assert!(!hints("السجناء").dual_noun && !hints("الذين").dual_noun);
        // A vague phrase whose first word is no number word of its own still opens one.
        let mut custom = lex.clone();
        custom.vague_phrases.push((vec!["زمره".into(), "الاف".into()], 1000.0, 9999.0));
        custom.id = NEXT_LEXICON_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        assert!(!lex.number_hints(&fold_key("وزمرة")).may_open_number);
        assert!(custom.number_hints(&fold_key("وزمرة")).may_open_number);
    }
}
