//! # arqam-lexicon: the words, as data
//!
//! Code holds the grammar, data holds the words. The files in `lexicons/` (actors and
//! their aliases, attribution cues, counted nouns with gloss and default measure, event
//! words, qualifiers, number words, ordinals, month names) are read here into lookup tables
//! keyed by the match keys of `arqam-normalize`, so a lookup is insensitive to hamza, taa
//! marbuta, diacritics and tatweel.
//!
//! [`Lexicon::load_dir`] reads a folder at run time (the CLI's `--lexicons DIR`), so a
//! researcher can add a spokesperson or a noun without recompiling; [`Lexicon::builtin`] is
//! the same repository files compiled in, for runs without a folder.
//!
//! Arabic attaches conjunctions, prepositions and the article to the word (`وبالمئات`):
//! [`stems`] lists the readings of a key with those clitics removed, and every single-word
//! lookup goes through it. This crate never looks at running text beyond one token key or
//! a phrase of keys: context is the extractor's job.

/// Hash maps keyed by our own word keys: foldhash with a fixed seed (fast, and the same
/// on every run).
pub type Map<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;
pub type Set<K> = std::collections::HashSet<K, foldhash::fast::FixedState>;
mod noun_context;
mod number_context;
pub use noun_context::{NounContext, NounRole};
pub use number_context::{NumberContext, NumberRole};
pub mod dates;

pub mod attribution_words;
pub use attribution_words::{AttributionWords, WordRole};
use std::path::{Path, PathBuf};

pub mod morphology;
mod validate;

use arqam_model::{ActorType, Measure, Qualifier};
use arqam_normalize::fold_key;
use serde::Deserialize;

/// A lexicon file that could not be read or has a bad row.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("{path}: cannot read: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: line {line}: {message}")]
    Row { path: PathBuf, line: u64, message: String },
}

/// An actor of the lexicon (`lexicons/actors.csv`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Actor {
    pub actor_id: String,
    pub name_ar: String,
    pub name_en: String,
    #[serde(rename = "type")]
    pub actor_type: String,
    /// The `figures.actor` group whose people this actor's members are, if any.
    pub group: String,
    /// `|`-separated aliases as written in the file.
    pub aliases: String,
}

impl Actor {
    pub fn alias_list(&self) -> Vec<String> {
        self.aliases.split('|').map(str::trim).filter(|a| !a.is_empty()).map(String::from).collect()
    }
}

/// How an attribution cue works.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CueKind {
    /// A verb of saying; the subject is the claimant (`قال`, `أعلنت`).
    Verb,
    /// A preposition before the claimant (`بحسب`, `وفقا ل`).
    Preposition,
    /// A noun whose genitive is the claimant (`رواية قسد`, `بيان`).
    Nominal,
    /// A verb that continues the last speaker when no new subject follows (`أضاف`).
    Continuation,
    /// A word that is itself an unnamed source (`مصادر`, `تقارير`).
    Unnamed,
    /// A person's title that makes the speaker a given claimant (`الصحفي` → journalist).
    Title,
    /// A relaying verb: the outlet passes on someone else's claim (`نقلت`).
    Relay,
    /// A denial (`نفت`).
    Denial,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Cue {
    pub cue: String,
    pub kind: CueKind,
    /// For titles and unnamed sources: the claimant they stand for.
    pub claimant: String,
}

/// A counted noun (`lexicons/units.csv`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Unit {
    pub singular: String,
    pub forms: String,
    pub gloss: String,
    pub measure: String,
    /// Whose people the noun counts by itself (`انغماسي` → isis), if it says.
    pub actor: String,
    /// `person`, `thing` or `time`: event words re-decide the measure of persons only.
    pub kind: String,
}

impl Unit {
    pub fn is_person(&self) -> bool {
        self.kind == "person"
    }
}

/// How a unit lookup matched the word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitForm {
    Singular,
    Plural,
    /// A dual form: the word itself counts two.
    Dual,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct EventRow {
    word: String,
    measure: String,
    /// `event` sets the measure of the persons counted; `container` (a prison, a camp)
    /// only refines a measure of people held or housed.
    role: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct QualifierRow {
    phrase: String,
    qualifier: String,
    position: String,
    inclusive: bool,
}

/// Where a qualifier phrase stands relative to its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QualifierPosition {
    Before,
    After,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QualifierPhrase {
    pub keys: Vec<String>,
    pub qualifier: Qualifier,
    pub position: QualifierPosition,
    /// Whether the bound itself is included (`لا يقل عن` yes, `أكثر من` no).
    pub inclusive: bool,
}

/// What a number word contributes (`lexicons/numbers.csv`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NumberWordKind {
    /// 0–9 (`ثلاثة`, `إحدى`).
    Unit,
    /// `عشر`/`عشرة`: 10 alone, +10 after a unit (`ثلاثة عشر`).
    TenUnit,
    /// A one-word teen of spoken Arabic (`حداشر` = 11).
    Teen,
    /// 20, 30, … 90.
    Ten,
    /// `مئة`: 100, or × after a unit (`ثلاث مئة`).
    Hundred,
    /// A whole hundreds word (`مئتان`, `ثلاثمائة`).
    Hundreds,
    /// `ألف`, `مليون`, `مليار`: multiplies what precedes.
    Scale,
    /// A dual scale (`ألفان` = 2000).
    ScaleDual,
    /// A plural scale (`آلاف`): multiplies a preceding number; alone it is vague.
    ScalePlural,
    /// `نصف`, `ثلث`, `ربع` (kept in [`Lexicon::fraction`], apart from cardinals, since
    /// `خمس` is both five and a fifth).
    Fraction,
    /// A plural fraction after a count: `خمسة أثمان` = 5/8.
    FractionPlural,
    /// A vague quantity with its interval (`عشرات` 10–99).
    Vague { high: f64 },
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct NumberRow {
    word: String,
    value: f64,
    kind: String,
    high: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NumberWord {
    pub value: f64,
    pub kind: NumberWordKind,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct OrdinalRow {
    word: String,
    value: u32,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct MonthRow {
    name: String,
    month: u32,
}

/// Every lexicon, loaded and indexed by match key.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub actors: Vec<Actor>,
    /// Alias phrases (as key sequences) → index in `actors`, longest first.
    pub actor_aliases: Vec<(Vec<String>, usize)>,
    /// First word key of an alias → positions in `actor_aliases` (longest alias first), so a
    /// token is matched by a hash lookup rather than a scan of every alias.
    alias_index: Map<String, Vec<usize>>,
    pub cues: Vec<(Vec<String>, Cue)>,
    /// The words of the attribution grammar (`attribution_words.csv`).
    pub attribution: AttributionWords,
    /// First key of each cue phrase → indices into `cues` (ascending: longest first).
    cues_by_first: Map<String, Vec<usize>>,
    pub units: Vec<Unit>,
    unit_index: Map<String, (usize, UnitForm)>,
    events: Map<String, Measure>,
    containers: Map<String, Measure>,
    /// Words that name a fight between several sides (`الحرب`, `الطرفين`): a toll counted
    /// over it is `mixed`.
    sides: Set<String>,
    /// Words before an event noun that leave it unrealized (`خطر الإعدام`, `حكم الإعدام`).
    irrealis: Set<String>,
    pub qualifiers: Vec<QualifierPhrase>,
    number_words: Map<String, NumberWord>,
    fractions: Map<String, NumberWord>,
    /// Multi-word vague quantities (`عشرات الآلاف`) as key pairs.
    pub vague_phrases: Vec<(Vec<String>, f64, f64)>,
    ordinals: Map<String, u32>,
    pub months: Vec<(Vec<String>, u32)>,
    /// Words around a number that say it is no count (`number_context.csv`).
    /// Words that tell the figure layer what a word next to a number is (`noun_context.csv`).
    pub noun_context: NounContext,
    pub number_context: NumberContext,
    /// First key of each month phrase → indices into `months` (ascending, so longest
    /// phrases first): a token is checked against the few phrases it can open.
    months_by_first: Map<String, Vec<usize>>,
    /// Words in the longest month phrase (`كانون الثاني`: 2).
    longest_month: usize,
    /// The words around dates (`dates.csv`).
    pub date_words: dates::DateWords,
    /// A version string: the files' combined content hash, for the dataset card.
    pub version: String,
    /// Every word key of every file, for "is this a word?" checks (PDF repair).
    words: Set<String>,
    /// Names this lexicon's entries in the per-thread word cache ([`Lexicon::facts`]);
    /// a clone shares it (same content), a loaded lexicon gets a new one.
    id: u64,
}

static NEXT_LEXICON_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

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

/// Distinct keys a thread remembers before it starts afresh: about 3 MB per thread. The
/// common words come back at once; a larger cache grew memory with the corpus's vocabulary.
const WORD_CACHE_LIMIT: usize = 1 << 14;

struct WordCache {
    lexicon: u64,
    facts: Map<Box<str>, WordFacts>,
}

thread_local! {
    static WORD_CACHE: std::cell::RefCell<WordCache> = std::cell::RefCell::new(WordCache { lexicon: 0, facts: Map::default() });
}

/// The files of a lexicon folder, in load order.
pub const FILES: &[&str] = &[
    "actors.csv",
    "cues.csv",
    "units.csv",
    "events.csv",
    "qualifiers.csv",
    "numbers.csv",
    "ordinals.csv",
    "months.csv",
    "number_context.csv",
    "dates.csv",
    "attribution_words.csv",
    "noun_context.csv",
];

const BUILTIN: &[(&str, &str)] = &[
    ("actors.csv", include_str!("../../../lexicons/actors.csv")),
    ("cues.csv", include_str!("../../../lexicons/cues.csv")),
    ("units.csv", include_str!("../../../lexicons/units.csv")),
    ("events.csv", include_str!("../../../lexicons/events.csv")),
    ("qualifiers.csv", include_str!("../../../lexicons/qualifiers.csv")),
    ("numbers.csv", include_str!("../../../lexicons/numbers.csv")),
    ("ordinals.csv", include_str!("../../../lexicons/ordinals.csv")),
    ("months.csv", include_str!("../../../lexicons/months.csv")),
    ("number_context.csv", include_str!("../../../lexicons/number_context.csv")),
    ("noun_context.csv", include_str!("../../../lexicons/noun_context.csv")),
    ("dates.csv", include_str!("../../../lexicons/dates.csv")),
    ("attribution_words.csv", include_str!("../../../lexicons/attribution_words.csv")),
];

/// The keys of a phrase's words.
pub fn phrase_keys(phrase: &str) -> Vec<String> {
    phrase.split_whitespace().map(fold_key).collect()
}

/// The readings of a word key with proclitics removed, the unstripped key first:
/// conjunction (`و`, `ف`), then preposition (`ب`, `ل`, `ك`), then the article (`ال`,
/// and `لل` = `ل` + `ال`). Each reading is `(chars stripped, stem)`; stems shorter than two
/// letters are not offered.
pub fn stems(key: &str) -> Stems<'_> {
    // Called for nearly every token and lexicon lookup: no allocation, no hashing, and a
    // word that cannot open with a proclitic returns at once.
    let mut out = Stems { buf: [(0, ""); MAX_STEMS], len: 1 };
    out.buf[0] = (0, key);
    if !matches!(key.chars().next(), Some('و' | 'ف' | 'ب' | 'ل' | 'ك' | 'ا')) {
        return out;
    }
    let group: &[&str] = match key.as_bytes()[..2] {
        [0xD9, 0x88] => &["و", "وب", "ول", "وك", "وال", "ولل", "وبال", "وكال"],
        [0xD9, 0x81] => &["ف", "فب", "فل", "فك", "فال", "فلل", "فبال", "فكال"],
        [0xD8, 0xA8] => &["ب", "بال"],
        [0xD9, 0x84] => &["ل", "لل"],
        [0xD9, 0x83] => &["ك", "كال"],
        _ => &["ال"],
    };
    let kb = key.as_bytes();
    // Every proclitic is a run of two-byte letters, listed shortest first, and the ones
    // that match are prefixes of one another: the readings come out in order.
    for p in group {
        let pb = p.as_bytes();
        // Byte by byte: these prefixes are two to eight bytes, a call to memcmp costs more.
        if kb.len() <= pb.len() || !kb.iter().zip(pb).all(|(a, b)| a == b) {
            continue;
        }
        let rest = &key[pb.len()..];
        // At least two letters must remain.
        if rest.chars().nth(1).is_some() && out.len < MAX_STEMS {
            out.buf[out.len] = (pb.len() / 2, rest);
            out.len += 1;
        }
    }
    out
}

/// First key of each phrase → the phrases' positions, ascending (so a list sorted longest
/// first stays longest first): a token is then compared only with the phrases it can open.
fn first_key_index<T>(phrases: &[(Vec<String>, T)]) -> Map<String, Vec<usize>> {
    let mut index: Map<String, Vec<usize>> = Map::default();
    for (i, (keys, _)) in phrases.iter().enumerate() {
        if let Some(first) = keys.first() {
            index.entry(first.clone()).or_default().push(i);
        }
    }
    index
}

/// More than any key can have: at most four proclitic sequences are prefixes of one word.
const MAX_STEMS: usize = 8;

/// The readings of a key without its proclitics, fewest letters stripped first: a slice
/// on the stack.
#[derive(Debug, Clone, Copy)]
pub struct Stems<'a> {
    buf: [(usize, &'a str); MAX_STEMS],
    len: usize,
}

impl<'a> std::ops::Deref for Stems<'a> {
    type Target = [(usize, &'a str)];
    fn deref(&self) -> &Self::Target {
        &self.buf[..self.len]
    }
}

impl<'a> IntoIterator for Stems<'a> {
    type Item = (usize, &'a str);
    type IntoIter = std::iter::Take<std::array::IntoIter<(usize, &'a str), MAX_STEMS>>;
    fn into_iter(self) -> Self::IntoIter {
        self.buf.into_iter().take(self.len)
    }
}

/// Verb endings for person, number and gender, longest first (`""` for the bare stem).
const VERB_SUFFIXES: &[&str] = &["وا", "ون", "ين", "تا", "تم", "نا", "ت", "ن", "ا", "ه", ""];

/// Proclitic sequences: conjunction (و ف) + preposition (ب ل ك) + article (ال), with
/// `ل` + `ال` written `لل` (grouped by first letter in [`stems`]; the test checks the two
/// agree).
#[cfg(test)]
const PROCLITICS: &[&str] =
    &["و", "ف", "ب", "ل", "ك", "ال", "وب", "ول", "وك", "فب", "فل", "فك", "وال", "فال", "بال", "كال", "لل", "وبال", "وكال", "فبال", "فكال", "ولل", "فلل"];

fn parse_csv<T: for<'de> Deserialize<'de>>(name: &str, data: &str, origin: &Path) -> Result<Vec<T>, LexiconError> {
    let mut rdr = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(data.as_bytes());
    let mut rows = Vec::new();
    for rec in rdr.deserialize() {
        match rec {
            Ok(r) => rows.push(r),
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                return Err(LexiconError::Row { path: origin.join(name), line, message: e.to_string() });
            }
        }
    }
    Ok(rows)
}

/// A `word, role` file read into each word's set of roles, one bit per role (`bit` gives a
/// role's bit, `None` for a role the grammar does not know: an error naming the row).
fn word_roles(file: &str, data: &str, origin: &Path, bit: impl Fn(&str) -> Option<u16>) -> Result<Map<String, u16>, LexiconError> {
    #[derive(Deserialize)]
    struct Row {
        word: String,
        role: String,
    }
    let rows: Vec<Row> = parse_csv(file, data, origin)?;
    let mut roles: Map<String, u16> = Map::default();
    for r in rows {
        let b = bit(&r.role).ok_or_else(|| bad(origin, file, format!("{}: unknown role {:?}", r.word, r.role)))?;
        *roles.entry(fold_key(&r.word)).or_default() |= b;
    }
    Ok(roles)
}

fn bad(origin: &Path, name: &str, message: String) -> LexiconError {
    LexiconError::Row { path: origin.join(name), line: 0, message }
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

    /// The lexicon files shipped in the repository, compiled in.
    pub fn builtin() -> Lexicon {
        let files: Vec<(String, String)> = BUILTIN.iter().map(|(n, d)| (n.to_string(), d.to_string())).collect();
        Self::from_files(&files, Path::new("lexicons")).expect("the repository lexicons are valid (tested)")
    }

    /// Reads every file of [`FILES`] from `dir`; a missing file falls back to the builtin one.
    pub fn load_dir(dir: &Path) -> Result<Lexicon, LexiconError> {
        let mut files = Vec::new();
        for (name, builtin) in BUILTIN {
            let path = dir.join(name);
            let data = if path.exists() {
                std::fs::read_to_string(&path).map_err(|source| LexiconError::Io { path: path.clone(), source })?
            } else {
                builtin.to_string()
            };
            files.push((name.to_string(), data));
        }
        Self::from_files(&files, dir)
    }

    fn from_files(files: &[(String, String)], origin: &Path) -> Result<Lexicon, LexiconError> {
        validate::check(files, origin)?;
        let get = |n: &str| files.iter().find(|(name, _)| name == n).map(|(_, d)| d.as_str()).unwrap_or("");
        let mut lex = Lexicon { actors: parse_csv("actors.csv", get("actors.csv"), origin)?, ..Default::default() };
        // Each (alias, actor) once: a set, so 20 000 aliases load in linear time.
        let mut alias_seen: Set<(Vec<String>, usize)> = Set::default();
        for (i, a) in lex.actors.iter().enumerate() {
            if ActorType::parse(&a.actor_type).is_none() {
                return Err(bad(origin, "actors.csv", format!("actor {}: unknown type {:?}", a.actor_id, a.actor_type)));
            }
            for alias in a.alias_list().iter().chain(std::iter::once(&a.name_ar)) {
                let keys = phrase_keys(alias);
                if alias_seen.insert((keys.clone(), i)) {
                    lex.actor_aliases.push((keys, i));
                }
            }
        }
        lex.actor_aliases.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.1.cmp(&b.1)));
        lex.alias_index = first_key_index(&lex.actor_aliases);

        let cues: Vec<Cue> = parse_csv("cues.csv", get("cues.csv"), origin)?;
        lex.cues = cues.into_iter().map(|c| (phrase_keys(&c.cue), c)).collect();
        lex.cues.sort_by_key(|c| std::cmp::Reverse(c.0.len()));
        lex.cues_by_first = first_key_index(&lex.cues);
        lex.attribution = AttributionWords::parse(get("attribution_words.csv"), origin)?;

        lex.units = parse_csv("units.csv", get("units.csv"), origin)?;
        for (i, u) in lex.units.iter().enumerate() {
            if Measure::parse(&u.measure).is_none() {
                return Err(LexiconError::Row {
                    path: origin.join("units.csv"),
                    line: i as u64 + 2,
                    message: format!("unit {}: unknown measure {:?}", u.singular, u.measure),
                });
            }
            lex.unit_index.entry(fold_key(&u.singular)).or_insert((i, UnitForm::Singular));
            for form in u.forms.split('|').map(str::trim).filter(|f| !f.is_empty()) {
                let key = fold_key(form);
                let key = key.strip_prefix("ال").filter(|r| r.chars().count() >= 2).map(String::from).unwrap_or(key);
                // Sound plurals lose their `ن` in construct (`مقاتلي التنظيم`, `مقاتليه`).
                let construct = ["ين", "ون"].iter().find_map(|e| key.strip_suffix(e).map(|b| format!("{b}{}", &e[..e.len() - 'ن'.len_utf8()])));
                lex.unit_index.entry(key).or_insert((i, UnitForm::Plural));
                if let Some(c) = construct {
                    lex.unit_index.entry(c).or_insert((i, UnitForm::Plural));
                }
            }
            // Duals are regular: stem + ان/ين, with taa marbuta written as ت.
            let stem = match u.singular.strip_suffix('ة') {
                Some(s) => format!("{s}ت"),
                None => u.singular.clone(),
            };
            for suffix in ["ان", "ين", "ا", "ي"] {
                let key = fold_key(&format!("{stem}{suffix}"));
                // Only the full endings are safe as duals; the construct forms (ا/ي) would
                // collide with tanween and nisba adjectives, so they count only for taa
                // marbuta stems (`سيارتي`) and are looked up in context by the extractor.
                if suffix.chars().count() == 2 || u.singular.ends_with('ة') {
                    lex.unit_index.entry(key).or_insert((i, UnitForm::Dual));
                }
            }
        }

        let events: Vec<EventRow> = parse_csv("events.csv", get("events.csv"), origin)?;
        for e in events {
            let m = Measure::parse(&e.measure).ok_or_else(|| bad(origin, "events.csv", format!("{}: unknown measure {:?}", e.word, e.measure)))?;
            match e.role.as_str() {
                "event" => lex.events.insert(fold_key(&e.word), m),
                "container" => lex.containers.insert(fold_key(&e.word), m),
                "sides" => lex.sides.insert(fold_key(&e.word)).then_some(m),
                "irrealis" => lex.irrealis.insert(fold_key(&e.word)).then_some(m),
                other => return Err(bad(origin, "events.csv", format!("{}: role {other:?} is not event/container/sides/irrealis", e.word))),
            };
        }

        let quals: Vec<QualifierRow> = parse_csv("qualifiers.csv", get("qualifiers.csv"), origin)?;
        for q in quals {
            let qualifier = Qualifier::parse(&q.qualifier).ok_or_else(|| bad(origin, "qualifiers.csv", format!("{}: unknown qualifier", q.phrase)))?;
            let position = match q.position.as_str() {
                "before" => QualifierPosition::Before,
                "after" => QualifierPosition::After,
                other => return Err(bad(origin, "qualifiers.csv", format!("{}: position {other:?} is not before/after", q.phrase))),
            };
            lex.qualifiers.push(QualifierPhrase { keys: phrase_keys(&q.phrase), qualifier, position, inclusive: q.inclusive });
        }
        lex.qualifiers.sort_by_key(|q| std::cmp::Reverse(q.keys.len()));

        let numbers: Vec<NumberRow> = parse_csv("numbers.csv", get("numbers.csv"), origin)?;
        for n in numbers {
            let kind = match n.kind.as_str() {
                "unit" => NumberWordKind::Unit,
                "ten_unit" => NumberWordKind::TenUnit,
                "ten" => NumberWordKind::Ten,
                "hundred" => NumberWordKind::Hundred,
                "hundreds" => NumberWordKind::Hundreds,
                "scale" => NumberWordKind::Scale,
                "scale_dual" => NumberWordKind::ScaleDual,
                "scale_plural" => NumberWordKind::ScalePlural,
                "fraction" => NumberWordKind::Fraction,
                "fraction_plural" => NumberWordKind::FractionPlural,
                "teen" => NumberWordKind::Teen,
                "vague" => NumberWordKind::Vague { high: n.high.ok_or_else(|| bad(origin, "numbers.csv", format!("{}: vague needs high", n.word)))? },
                other => return Err(bad(origin, "numbers.csv", format!("{}: unknown kind {other:?}", n.word))),
            };
            let keys = phrase_keys(&n.word);
            if keys.len() > 1 {
                if let NumberWordKind::Vague { high } = kind {
                    lex.vague_phrases.push((keys, n.value, high));
                }
                continue;
            }
            let key = keys.into_iter().next().unwrap_or_default();
            let word = NumberWord { value: n.value, kind };
            if matches!(kind, NumberWordKind::Fraction | NumberWordKind::FractionPlural) {
                lex.fractions.insert(key, word);
            } else {
                lex.number_words.insert(key, word);
            }
        }

        let ords: Vec<OrdinalRow> = parse_csv("ordinals.csv", get("ordinals.csv"), origin)?;
        lex.ordinals = ords.into_iter().map(|o| (fold_key(&o.word), o.value)).collect();

        let months: Vec<MonthRow> = parse_csv("months.csv", get("months.csv"), origin)?;
        lex.months = months.into_iter().map(|m| (phrase_keys(&m.name).into_iter().map(|k| k.to_lowercase()).collect(), m.month)).collect();
        lex.months.sort_by_key(|m| std::cmp::Reverse(m.0.len()));
        lex.months_by_first = first_key_index(&lex.months);
        lex.longest_month = lex.months.iter().map(|(keys, _)| keys.len()).max().unwrap_or(0);
        lex.number_context = NumberContext::parse(get("number_context.csv"), origin)?;
        lex.noun_context = NounContext::parse(get("noun_context.csv"), origin)?;
        lex.date_words = dates::DateWords::from_csv(get("dates.csv"), origin)?;

        // Every word of every file (first column), for `knows`.
        for (_, data) in files {
            for line in data.lines().skip(1) {
                let first = line.split(',').next().unwrap_or("");
                let all = std::iter::once(first).chain(line.split([',', '|']).skip(1));
                for phrase in all {
                    for w in phrase.split_whitespace() {
                        let key = fold_key(w);
                        if key.chars().count() >= 2 && key.chars().all(|c| c.is_alphabetic()) {
                            lex.words.insert(key);
                        }
                    }
                }
            }
        }
        // A short, stable content hash (FNV-1a) so the card can say which lexicon built it.
        let mut h: u64 = 0xcbf29ce484222325;
        for (_, data) in files {
            for b in data.bytes() {
                h ^= b as u64;
                h = h.wrapping_mul(0x100000001b3);
            }
        }
        lex.version = format!("{h:016x}");
        lex.id = NEXT_LEXICON_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(lex)
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
        }
    }

    /// The cue phrases (indices into `cues`, in lexicon order) whose first word this word
    /// key may be, each with whether it is the word itself or after a conjunction (`و`,
    /// `ف`): `direct`. Other proclitics (`والتقارير`) only open unnamed sources; the
    /// caller checks the cue's kind. `read` must not ask the lexicon about other words.
    pub fn with_cue_candidates<R>(&self, key: &str, read: impl FnOnce(&[(usize, bool)]) -> R) -> R {
        self.facts(key, |f| read(&f.cue_candidates))
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
        self.facts(key, |f| NumberHints {
            may_open_number: f.ordinal.is_some() || f.number_word.is_some() || f.fraction.is_some() || f.opens_vague_phrase,
            dual_noun: f.unit.is_some_and(|(_, form)| form == UnitForm::Dual),
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
        self.actors.iter().find(|a| a.actor_id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicon_loads() {
        let lex = Lexicon::builtin();
        assert!(lex.actor("sdf").is_some());
        assert!(lex.actors.len() >= 10);
        assert_eq!(lex.version.len(), 16);
    }

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

    #[test]
    fn stems_agree_with_the_proclitic_list() {
        // Every proclitic sequence before a three-letter stem is offered, and only those.
        for word in ["سجن", "الهجوم", "عناصر"] {
            for p in PROCLITICS {
                let key = format!("{p}{word}");
                let got: Vec<(usize, &str)> = stems(&key).to_vec();
                let mut want: Vec<(usize, &str)> = vec![(0, key.as_str())];
                for q in PROCLITICS {
                    if key.len() > q.len() && key.starts_with(q) && key[q.len()..].chars().count() >= 2 {
                        want.push((q.chars().count(), &key[q.len()..]));
                    }
                }
                want.sort_by_key(|(n, _)| *n);
                assert_eq!(got, want, "{key}");
            }
        }
    }

    #[test]
    fn stems_offer_unstripped_reading_first() {
        let s = stems("والعشرات");
        assert_eq!(s[0], (0, "والعشرات"));
        assert!(s.contains(&(3, "عشرات")));
        assert!(stems("للمدنيين").contains(&(2, "مدنيين")));
    }

    #[test]
    fn load_dir_reports_bad_rows_with_file_and_line() {
        let dir = std::env::temp_dir().join(format!("arqam-lex-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("units.csv"), "singular,forms,gloss,measure,actor,kind\nسجين,سجناء,prisoner,prisoners,,person\n").unwrap();
        let err = Lexicon::load_dir(&dir).unwrap_err().to_string();
        assert!(err.contains("units.csv") && err.contains("prisoners"), "{err}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
