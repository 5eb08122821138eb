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
//!
//! The crate is laid out by job: [`load`] reads and checks the files and builds the
//! indexes, [`lookup`] answers questions about a word, [`morphology`] holds the rules of
//! word shape (proclitics, verb endings, sound plurals), and [`entries`] the entry types.

/// Hash maps keyed by our own word keys: foldhash with a fixed seed (fast, and the same
/// on every run).
pub type Map<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;
pub type Set<K> = std::collections::HashSet<K, foldhash::fast::FixedState>;

pub mod article_words;
pub mod attribution_words;
pub mod dates;
pub mod entries;
pub mod load;
pub mod lookup;
pub mod morphology;
mod noun_context;
mod number_context;
pub mod pdf_words;
mod qualifier_index;
mod validate;

pub use article_words::ArticleWords;
pub use attribution_words::{AttributionWords, WordRole};
pub use entries::{Actor, Cue, CueKind, NumberWord, NumberWordKind, QualifierPhrase, QualifierPosition, Unit, UnitForm};
pub use load::FILES;
pub use lookup::{NumberHints, WordHints};
pub use morphology::{stems, Stems};
pub use noun_context::{NounContext, NounRole};
pub use number_context::{NumberContext, NumberRole};
pub use pdf_words::PdfWords;

pub(crate) use load::{first_key_index, parse_csv, word_roles};

use std::path::PathBuf;

use arqam_model::Measure;
use arqam_normalize::fold_key;

/// A lexicon file that could not be read or has a bad row.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("{path}: cannot read: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: line {line}: {message}")]
    Row { path: PathBuf, line: u64, message: String },
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
    /// `actor_id` → index in `actors` (ids are unique: validated on load).
    actor_index: Map<String, usize>,
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
    /// `qualifiers` by the word next to the number ([`qualifier_index`]), built on first use.
    qualifier_index: qualifier_index::LazyQualifierIndex,
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
    /// The words of an article's layout: bylines, reference titles (`article_words.csv`).
    pub article: ArticleWords,
    /// The words of PDF repair: word endings, short words, clock marks (`pdf_words.csv`).
    pub pdf: PdfWords,
    /// A version string: the files' combined content hash, for the dataset card.
    pub version: String,
    /// Every word key of every file, for "is this a word?" checks (PDF repair).
    words: Set<String>,
    /// Names this lexicon's entries in the per-thread word cache ([`Lexicon::facts`]);
    /// a clone shares it (same content), a loaded lexicon gets a new one.
    id: u64,
}

static NEXT_LEXICON_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// The keys of a phrase's words.
pub fn phrase_keys(phrase: &str) -> Vec<String> {
    phrase.split_whitespace().map(fold_key).collect()
}
