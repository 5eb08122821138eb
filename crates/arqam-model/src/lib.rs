//! # arqam-model: the types that flow between stages
//!
//! Every stage of arqam (parse → normalize → extract → export) hands data to the next one
//! through the types in this crate, so they are the one place where the shape of a
//! document, a sentence, a figure or a date is defined.
//!
//! This crate owns:
//! - the controlled vocabularies of SPEC.md ([`Format`], [`Qualifier`], [`Measure`],
//!   [`Precision`]) with their canonical string forms and the full list of values, so the
//!   export schema can publish them as `enum` constraints without a second hand-kept list;
//! - spans ([`Span`]) as **byte** offsets into a document's display text (the export stage
//!   converts them to code points once, at the edge);
//! - [`Diagnostic`]: repairs, skips and doubts are data, not log lines.
//!
//! It never does I/O, never parses text and holds no rules: it only describes.

use serde::{Deserialize, Serialize};

pub mod work;

/// Defines a string-backed vocabulary enum with `as_str`, `ALL` and `parse`.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant),+
        }

        impl $name {
            /// Every value of the vocabulary, in the order SPEC.md lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The canonical string written to the tables.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Reads the canonical string back; `None` for anything else.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($text => Some($name::$variant),)+ _ => None }
            }

            /// The canonical strings of [`Self::ALL`].
            pub fn names() -> Vec<&'static str> {
                Self::ALL.iter().map(|v| v.as_str()).collect()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// How a document was written, which decides how it is parsed.
    Format {
        Article => "article",
        PdfText => "pdf_text",
        Plain => "plain",
    }
}

vocabulary! {
    /// How exact a figure is (SPEC.md "Values").
    Qualifier {
        Exact => "exact",
        Approximate => "approximate",
        AtLeast => "at_least",
        AtMost => "at_most",
        Range => "range",
        Vague => "vague",
    }
}

vocabulary! {
    /// What a figure counts (SPEC.md "Measures").
    Measure {
        Attackers => "attackers",
        Detainees => "detainees",
        Escapees => "escapees",
        Released => "released",
        Captured => "captured",
        Killed => "killed",
        Wounded => "wounded",
        Casualties => "casualties",
        Missing => "missing",
        Hostages => "hostages",
        Children => "children",
        ForeignNationals => "foreign_nationals",
        CampResidents => "camp_residents",
        Displaced => "displaced",
        Returnees => "returnees",
        Civilians => "civilians",
        Forces => "forces",
        Facilities => "facilities",
        Incidents => "incidents",
        Vehicles => "vehicles",
        Countries => "countries",
        Duration => "duration",
        Other => "other",
    }
}

vocabulary! {
    /// The grain of a calendar date.
    Precision {
        Day => "day",
        Month => "month",
        Year => "year",
    }
}

vocabulary! {
    /// Where a figure's `as_of` date came from (SPEC.md `figures.as_of_source`).
    AsOfSource {
        Sentence => "sentence",
        Published => "published",
    }
}

vocabulary! {
    /// Whose people a figure counts (SPEC.md `figures.actor`).
    ActorGroup {
        Isis => "isis",
        Sdf => "sdf",
        Civilians => "civilians",
        Coalition => "coalition",
        SyrianGovernment => "syrian_government",
        Mixed => "mixed",
        Other => "other",
    }
}

vocabulary! {
    /// The kind of organisation an actor of the lexicon is.
    ActorType {
        ArmedGroup => "armed_group",
        Government => "government",
        Ngo => "ngo",
        UnAgency => "un_agency",
        Media => "media",
        Coalition => "coalition",
    }
}

/// A half-open byte range `[start, end)` into a document's display text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// The stage that raised a diagnostic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Decode,
    Parse,
    Normalize,
    Extract,
    Export,
}

/// Something a stage repaired, skipped or doubted, kept as data so users can see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub stage: Stage,
    /// A short stable code, e.g. `reversed_runs` or `footnote_body_moved`.
    pub code: String,
    pub message: String,
    /// 1-based line of the input file the diagnostic is about, when known.
    pub line: Option<usize>,
}

impl Diagnostic {
    pub fn new(stage: Stage, code: &str, message: impl Into<String>, line: Option<usize>) -> Self {
        Diagnostic { stage, code: code.to_string(), message: message.into(), line }
    }

    /// The one-line form stored in `documents.warnings`.
    pub fn render(&self) -> String {
        match self.line {
            Some(l) => format!("{}: line {}: {}", self.code, l, self.message),
            None => format!("{}: {}", self.code, self.message),
        }
    }
}

/// What a block of display text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Title,
    Byline,
    Heading,
    Paragraph,
    /// A quoted block, e.g. an embedded tweet.
    Quote,
    /// The article's own link line.
    Link,
    /// A footnote body kept in the text (its dates count; its numbers are not figures).
    Footnote,
}

/// A block of the display text: paragraphs never cross blocks, sentences never cross
/// paragraphs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    pub span: Span,
    /// 1-based line of the input where the block starts.
    pub source_line: usize,
}

/// A footnote marker found in the body text (`؛1عن` → marker 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FootnoteMarker {
    pub number: u32,
    pub span: Span,
}

/// The text of a footnote, moved out of the body, parsed into its parts where possible.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct FootnoteBody {
    pub number: u32,
    pub text: Option<String>,
    pub authors: Vec<String>,
    pub title: Option<String>,
    pub publisher: Option<String>,
    /// ISO date `YYYY-MM-DD` (or shorter).
    pub date: Option<String>,
    pub url: Option<String>,
}

/// Document-level metadata found by the parser.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DocMeta {
    pub title: Option<String>,
    pub author: Option<String>,
    pub publisher: Option<String>,
    /// ISO `YYYY-MM-DD`.
    pub published: Option<String>,
    pub url: Option<String>,
    pub language: String,
}

/// One parsed document: display text plus everything that points into it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParsedDoc {
    pub doc_id: String,
    pub path: String,
    pub sha256: String,
    pub format: Format,
    pub encoding: String,
    pub meta: DocMeta,
    /// The repaired, NFC display text all spans point into.
    pub text: String,
    pub blocks: Vec<Block>,
    pub markers: Vec<FootnoteMarker>,
    pub footnotes: Vec<FootnoteBody>,
    pub n_repaired_lines: usize,
    pub diagnostics: Vec<Diagnostic>,
}

/// A sentence: a span inside one paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Sentence {
    pub sentence_id: usize,
    /// 0-based index of the block (paragraph) the sentence belongs to.
    pub paragraph: usize,
    pub span: Span,
}

/// One numeric figure occurrence (SPEC.md `figures`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub sentence_id: usize,
    pub span: Span,
    pub surface: String,
    pub value_low: Option<f64>,
    pub value_high: Option<f64>,
    pub qualifier: Qualifier,
    pub unit: Option<String>,
    pub unit_en: Option<String>,
    pub measure: Measure,
    pub actor: Option<String>,
    pub claimant: String,
    pub claimant_name: Option<String>,
    pub attribution_cue: Option<String>,
    /// The outlet that relayed the claim (`نقلت أعماق عن …`), when it is not the claimant.
    pub relayed_by: Option<String>,
    /// The claimant states the figure in a denial (`نفت قسد …`).
    pub denial: bool,
    pub footnotes: Vec<u32>,
    pub confidence: f64,
    /// The date the figure is reported for (ISO, with the precision of its date).
    pub as_of: Option<String>,
    /// Where [`Figure::as_of`] came from.
    pub as_of_source: Option<AsOfSource>,
}

/// A calendar date mentioned in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateMention {
    pub sentence_id: usize,
    pub span: Span,
    pub surface: String,
    /// ISO `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub date: String,
    pub precision: Precision,
}

/// An input file that could not be processed (a row of the `errors` table).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejection {
    /// Path relative to the input folder.
    pub path: String,
    /// `input`, `decode`, `parse` or `extract`.
    pub stage: String,
    pub reason: String,
}

/// Everything extracted from one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtractedDoc {
    pub doc: ParsedDoc,
    pub sentences: Vec<Sentence>,
    pub figures: Vec<Figure>,
    pub dates: Vec<DateMention>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabularies_round_trip_through_their_strings() {
        for m in Measure::ALL {
            assert_eq!(Measure::parse(m.as_str()), Some(*m));
        }
        for q in Qualifier::ALL {
            assert_eq!(Qualifier::parse(q.as_str()), Some(*q));
        }
        assert_eq!(Measure::parse("prisoners"), None);
    }

    #[test]
    fn span_cover_and_overlap() {
        let a = Span::new(2, 5);
        let b = Span::new(4, 9);
        assert_eq!(a.cover(b), Span::new(2, 9));
        assert!(a.overlaps(b));
        assert!(!a.overlaps(Span::new(5, 6)));
        assert!(a.cover(b).contains(a));
    }
}
