//! Loading a lexicon: the files read (from a folder or compiled in), every row checked
//! ([`crate::validate`]), and the lookup tables and indexes built.

use std::path::Path;

use arqam_model::{ActorType, Measure, Qualifier};
use arqam_normalize::fold_key;
use serde::Deserialize;

use crate::{
    dates, phrase_keys, validate, ArticleWords, AttributionWords, Cue, Lexicon, LexiconError, Map, NounContext, NumberContext, NumberWord, NumberWordKind,
    PdfWords, QualifierPhrase, QualifierPosition, Set, UnitForm, NEXT_LEXICON_ID,
};

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
    "article_words.csv",
    "pdf_words.csv",
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
    ("article_words.csv", include_str!("../../../lexicons/article_words.csv")),
    ("pdf_words.csv", include_str!("../../../lexicons/pdf_words.csv")),
];

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

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct NumberRow {
    word: String,
    value: f64,
    kind: String,
    high: Option<f64>,
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

/// First key of each phrase → the phrases' positions, ascending (so a list sorted longest
/// first stays longest first): a token is then compared only with the phrases it can open.
pub(crate) fn first_key_index<T>(phrases: &[(Vec<String>, T)]) -> Map<String, Vec<usize>> {
    let mut index: Map<String, Vec<usize>> = Map::default();
    for (i, (keys, _)) in phrases.iter().enumerate() {
        if let Some(first) = keys.first() {
            index.entry(first.clone()).or_default().push(i);
        }
    }
    index
}

pub(crate) fn parse_csv<T: for<'de> Deserialize<'de>>(name: &str, data: &str, origin: &Path) -> Result<Vec<T>, LexiconError> {
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

/// The rows of a `word, role` file, each with its line, words and roles trimmed.
pub(crate) fn word_role_rows(file: &str, data: &str, origin: &Path) -> Result<Vec<(u64, String, String)>, LexiconError> {
    let row_error = |line: u64, message: String| LexiconError::Row { path: origin.join(file), line, message };
    let mut rdr = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(data.as_bytes());
    let headers = rdr.headers().map_err(|e| row_error(1, e.to_string()))?.clone();
    let column = |name: &str| {
        headers.iter().position(|h| h == name).ok_or_else(|| row_error(1, format!("the header must name the columns word,role (missing: {name})")))
    };
    let (word, role) = (column("word")?, column("role")?);
    let mut rows = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| row_error(e.position().map_or(0, |p| p.line()), e.to_string()))?;
        let line = rec.position().map_or(0, |p| p.line());
        rows.push((line, rec.get(word).unwrap_or("").to_string(), rec.get(role).unwrap_or("").to_string()));
    }
    Ok(rows)
}

/// A `word, role` file read into each word's set of roles (by match key), one bit per role
/// (`bit` gives a role's bit, `None` for a role the grammar does not know: an error naming
/// the line).
pub(crate) fn word_roles(file: &str, data: &str, origin: &Path, bit: impl Fn(&str) -> Option<u32>) -> Result<Map<String, u32>, LexiconError> {
    let mut roles: Map<String, u32> = Map::default();
    for (line, word, role) in word_role_rows(file, data, origin)? {
        let b = bit(&role).ok_or_else(|| unknown_role(origin, file, line, &word, &role, ""))?;
        *roles.entry(fold_key(&word)).or_default() |= b;
    }
    Ok(roles)
}

/// The error for a `word, role` row whose role its file does not have, naming the file,
/// the line and (when `known` is not empty) the roles it does have.
pub(crate) fn unknown_role(origin: &Path, file: &str, line: u64, word: &str, role: &str, known: &str) -> LexiconError {
    let known = if known.is_empty() { String::new() } else { format!(" ({known})") };
    LexiconError::Row { path: origin.join(file), line, message: format!("{word}: unknown role {role:?}{known}") }
}

fn bad(origin: &Path, name: &str, message: String) -> LexiconError {
    LexiconError::Row { path: origin.join(name), line: 0, message }
}

impl Lexicon {
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
        lex.index_actor_aliases(origin)?;
        lex.load_cues(get("cues.csv"), origin)?;
        lex.attribution = AttributionWords::parse(get("attribution_words.csv"), origin)?;
        lex.units = parse_csv("units.csv", get("units.csv"), origin)?;
        lex.index_units(origin)?;
        lex.load_events(parse_csv("events.csv", get("events.csv"), origin)?, origin)?;
        lex.load_qualifiers(parse_csv("qualifiers.csv", get("qualifiers.csv"), origin)?, origin)?;
        lex.load_numbers(parse_csv("numbers.csv", get("numbers.csv"), origin)?, origin)?;
        let ords: Vec<OrdinalRow> = parse_csv("ordinals.csv", get("ordinals.csv"), origin)?;
        lex.ordinals = ords.into_iter().map(|o| (fold_key(&o.word), o.value)).collect();
        lex.load_months(parse_csv("months.csv", get("months.csv"), origin)?);
        lex.number_context = NumberContext::parse(get("number_context.csv"), origin)?;
        lex.noun_context = NounContext::parse(get("noun_context.csv"), origin)?;
        lex.date_words = dates::DateWords::from_csv(get("dates.csv"), origin)?;
        lex.article = ArticleWords::parse(get("article_words.csv"), origin)?;
        lex.pdf = PdfWords::parse(get("pdf_words.csv"), origin)?;
        lex.words = every_word(files);
        lex.version = content_version(files);
        lex.id = NEXT_LEXICON_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(lex)
    }

    /// Each actor's aliases and Arabic name as key phrases, longest first, indexed by first
    /// key; an actor of unknown type is an error.
    fn index_actor_aliases(&mut self, origin: &Path) -> Result<(), LexiconError> {
        // Each (alias, actor) once: a set, so 20 000 aliases load in linear time.
        let mut alias_seen: Set<(Vec<String>, usize)> = Set::default();
        for (i, a) in self.actors.iter().enumerate() {
            if ActorType::parse(&a.actor_type).is_none() {
                return Err(bad(origin, "actors.csv", format!("actor {}: unknown type {:?}", a.actor_id, a.actor_type)));
            }
            for alias in a.alias_list().iter().chain(std::iter::once(&a.name_ar)) {
                let keys = phrase_keys(alias);
                if alias_seen.insert((keys.clone(), i)) {
                    self.actor_aliases.push((keys, i));
                }
            }
        }
        self.actor_aliases.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.1.cmp(&b.1)));
        self.alias_index = first_key_index(&self.actor_aliases);
        self.actor_index = self.actors.iter().enumerate().map(|(i, a)| (a.actor_id.clone(), i)).collect();
        Ok(())
    }

    /// The cue phrases, longest first, indexed by first key.
    fn load_cues(&mut self, data: &str, origin: &Path) -> Result<(), LexiconError> {
        let cues: Vec<Cue> = parse_csv("cues.csv", data, origin)?;
        self.cues = cues.into_iter().map(|c| (phrase_keys(&c.cue), c)).collect();
        self.cues.sort_by_key(|c| std::cmp::Reverse(c.0.len()));
        self.cues_by_first = first_key_index(&self.cues);
        Ok(())
    }

    /// Every form of every counted noun (singular, listed plurals and their construct
    /// forms, duals) → the noun and the form.
    fn index_units(&mut self, origin: &Path) -> Result<(), LexiconError> {
        for (i, u) in self.units.iter().enumerate() {
            if Measure::parse(&u.measure).is_none() {
                return Err(LexiconError::Row {
                    path: origin.join("units.csv"),
                    line: i as u64 + 2,
                    message: format!("unit {}: unknown measure {:?}", u.singular, u.measure),
                });
            }
            self.unit_index.entry(fold_key(&u.singular)).or_insert((i, UnitForm::Singular));
            for form in u.forms.split('|').map(str::trim).filter(|f| !f.is_empty()) {
                let key = fold_key(form);
                let key = key.strip_prefix("ال").filter(|r| r.chars().count() >= 2).map(String::from).unwrap_or(key);
                // Sound plurals lose their `ن` in construct (`مقاتلي التنظيم`, `مقاتليه`).
                let construct = ["ين", "ون"].iter().find_map(|e| key.strip_suffix(e).map(|b| format!("{b}{}", &e[..e.len() - 'ن'.len_utf8()])));
                self.unit_index.entry(key).or_insert((i, UnitForm::Plural));
                if let Some(c) = construct {
                    self.unit_index.entry(c).or_insert((i, UnitForm::Plural));
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
                    self.unit_index.entry(key).or_insert((i, UnitForm::Dual));
                }
            }
        }
        Ok(())
    }

    /// Event, container, sides and irrealis words by role.
    fn load_events(&mut self, events: Vec<EventRow>, origin: &Path) -> Result<(), LexiconError> {
        for e in events {
            let m = Measure::parse(&e.measure).ok_or_else(|| bad(origin, "events.csv", format!("{}: unknown measure {:?}", e.word, e.measure)))?;
            match e.role.as_str() {
                "event" => self.events.insert(fold_key(&e.word), m),
                "container" => self.containers.insert(fold_key(&e.word), m),
                "sides" => self.sides.insert(fold_key(&e.word)).then_some(m),
                "irrealis" => self.irrealis.insert(fold_key(&e.word)).then_some(m),
                other => return Err(bad(origin, "events.csv", format!("{}: role {other:?} is not event/container/sides/irrealis", e.word))),
            };
        }
        Ok(())
    }

    /// Qualifier phrases, longest first.
    fn load_qualifiers(&mut self, quals: Vec<QualifierRow>, origin: &Path) -> Result<(), LexiconError> {
        for q in quals {
            let qualifier = Qualifier::parse(&q.qualifier).ok_or_else(|| bad(origin, "qualifiers.csv", format!("{}: unknown qualifier", q.phrase)))?;
            let position = match q.position.as_str() {
                "before" => QualifierPosition::Before,
                "after" => QualifierPosition::After,
                other => return Err(bad(origin, "qualifiers.csv", format!("{}: position {other:?} is not before/after", q.phrase))),
            };
            self.qualifiers.push(QualifierPhrase { keys: phrase_keys(&q.phrase), qualifier, position, inclusive: q.inclusive });
        }
        self.qualifiers.sort_by_key(|q| std::cmp::Reverse(q.keys.len()));
        Ok(())
    }

    /// Number words by kind: one-word cardinals, fractions, and multi-word vague phrases.
    fn load_numbers(&mut self, numbers: Vec<NumberRow>, origin: &Path) -> Result<(), LexiconError> {
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
                    self.vague_phrases.push((keys, n.value, high));
                }
                continue;
            }
            let key = keys.into_iter().next().unwrap_or_default();
            let word = NumberWord { value: n.value, kind };
            if matches!(kind, NumberWordKind::Fraction | NumberWordKind::FractionPlural) {
                self.fractions.insert(key, word);
            } else {
                self.number_words.insert(key, word);
            }
        }
        Ok(())
    }

    /// Month phrases (lower-cased keys for the English names), longest first, indexed by
    /// first key.
    fn load_months(&mut self, months: Vec<MonthRow>) {
        self.months = months.into_iter().map(|m| (phrase_keys(&m.name).into_iter().map(|k| k.to_lowercase()).collect(), m.month)).collect();
        self.months.sort_by_key(|m| std::cmp::Reverse(m.0.len()));
        self.months_by_first = first_key_index(&self.months);
        self.longest_month = self.months.iter().map(|(keys, _)| keys.len()).max().unwrap_or(0);
    }
}

/// Files whose entries are not vocabulary: the layout and PDF words are surface marks read
/// off raw lines, abbreviations and word endings among them (`كم`, `ين`), and a two-letter
/// abbreviation or ending taken for a word would let PDF repair accept a broken fragment.
const NOT_VOCABULARY: &[&str] = &["article_words.csv", "pdf_words.csv"];

/// Every word key of every vocabulary file (first column and the `,`/`|`-separated rest),
/// for [`Lexicon::knows`].
fn every_word(files: &[(String, String)]) -> Set<String> {
    let mut words = Set::default();
    for (_, data) in files.iter().filter(|(name, _)| !NOT_VOCABULARY.contains(&name.as_str())) {
        for line in data.lines().skip(1) {
            let first = line.split(',').next().unwrap_or("");
            let all = std::iter::once(first).chain(line.split([',', '|']).skip(1));
            for phrase in all {
                for w in phrase.split_whitespace() {
                    let key = fold_key(w);
                    if key.chars().count() >= 2 && key.chars().all(|c| c.is_alphabetic()) {
                        words.insert(key);
                    }
                }
            }
        }
    }
    words
}

/// A short, stable content hash (FNV-1a) of every file, so the card can say which lexicon
/// built it.
fn content_version(files: &[(String, String)]) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for (_, data) in files {
        for b in data.bytes() {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_of_a_folder_is_built_in() {
        let mut listed: Vec<&str> = FILES.to_vec();
        let mut built_in: Vec<&str> = BUILTIN.iter().map(|(name, _)| *name).collect();
        listed.sort_unstable();
        built_in.sort_unstable();
        assert_eq!(listed, built_in);
    }

    #[test]
    fn builtin_lexicon_loads() {
        let lex = Lexicon::builtin();
        assert!(lex.actor("sdf").is_some());
        assert!(lex.actors.len() >= 10);
        assert_eq!(lex.version.len(), 16);
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
