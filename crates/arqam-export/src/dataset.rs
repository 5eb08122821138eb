//! From extracted documents to table rows, offsets in code points.

use std::collections::{BTreeMap, BTreeSet};

use arqam_lexicon::Lexicon;
use arqam_model::{ExtractedDoc, Rejection};

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Str(String),
    Int(i64),
    Num(f64),
    /// `YYYY-MM-DD`.
    Date(String),
    Bool(bool),
    StrList(Vec<String>),
    IntList(Vec<i64>),
    /// A list of strings kept as one NUL-separated buffer: a dispute's figure ids can be
    /// most of the corpus's figures, and one allocation holds them all.
    Joined(String),
}

impl Value {
    /// The items of a list cell (`StrList` or `Joined`), without copying them.
    pub fn str_items(&self) -> Box<dyn Iterator<Item = &str> + '_> {
        match self {
            Value::StrList(l) => Box::new(l.iter().map(String::as_str)),
            Value::Joined(s) if !s.is_empty() => Box::new(s.split('\0')),
            _ => Box::new(std::iter::empty()),
        }
    }
}

/// A list cell as a JSON array, serialized item by item.
pub struct JsonItems<'a>(pub &'a Value);

impl serde::Serialize for JsonItems<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.str_items())
    }
}

impl Value {
    fn opt_str(s: Option<&str>) -> Value {
        s.map_or(Value::Null, |s| Value::Str(s.to_string()))
    }
    fn opt_num(v: Option<f64>) -> Value {
        v.map_or(Value::Null, Value::Num)
    }
}

/// Byte offset → code-point offset for one text. The code-point offset of a character is
/// the number of bytes before it that start a character (not `10xxxxxx`); that count is
/// kept at every [`CodePoints::STRIDE`] bytes, and the rest counted on demand: a few
/// bytes of index per kilobyte instead of one `usize` per character.
pub struct CodePoints<'t> {
    text: &'t [u8],
    /// Characters starting before byte `k * STRIDE`.
    counts: Vec<u32>,
}

fn starts_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl<'t> CodePoints<'t> {
    const STRIDE: usize = 256;

    pub fn new(text: &'t str) -> Self {
        let text = text.as_bytes();
        let mut counts = Vec::with_capacity(text.len() / Self::STRIDE + 1);
        let mut n = 0usize;
        counts.push(0);
        for chunk in text.chunks_exact(Self::STRIDE) {
            n += starts_in(chunk);
            counts.push(n as u32);
        }
        CodePoints { text, counts }
    }

    /// The index of `text` made before ([`into_counts`](Self::into_counts)), not counted again.
    pub(crate) fn from_counts(text: &'t str, counts: Vec<u32>) -> Self {
        debug_assert_eq!(counts.len(), text.len() / Self::STRIDE + 1);
        CodePoints { text: text.as_bytes(), counts }
    }

    pub(crate) fn into_counts(self) -> Vec<u32> {
        self.counts
    }

    pub fn at(&self, byte: usize) -> i64 {
        let byte = byte.min(self.text.len());
        let k = byte / Self::STRIDE;
        (self.counts[k] as usize + starts_in(&self.text[k * Self::STRIDE..byte])) as i64
    }
}

fn s(v: &str) -> Value {
    Value::Str(v.to_string())
}

/// What one input contributes beyond its rows: enough to describe it in the card and the
/// data package without keeping its text.
#[derive(Debug, Clone, PartialEq)]
pub struct InputSummary {
    pub path: String,
    pub sha256: String,
    pub format: String,
    pub encoding: String,
    pub title: Option<String>,
    pub url: Option<String>,
    /// `YYYY-MM-DD` when the document states it.
    pub published: Option<String>,
    pub n_warnings: usize,
}

/// The rows one document contributes to each table, converted (code-point offsets and
/// all) where the document was extracted, so the writer only writes. A large document is
/// instead handed over whole and converted by the writer one row at a time
/// ([`DocRows::deferred`]): its rows would take many times its text.
#[derive(Debug, Clone)]
pub struct DocRows {
    /// `(table name, rows)` in schema order; empty when the rows are deferred.
    pub tables: Vec<(&'static str, Vec<Vec<Value>>)>,
    /// The document itself, when its rows are made as they are written.
    pub deferred: Option<Box<ExtractedDoc>>,
    pub input: InputSummary,
}

/// Documents whose display text is larger than this are converted to rows by the writer,
/// row by row, instead of all at once where they were extracted.
pub const DEFER_ROWS_BYTES: usize = 256 * 1024;

/// The rows of one extracted document, in schema column order.
pub fn doc_rows(d: &ExtractedDoc) -> DocRows {
    rows_with_text(d, s(&d.doc.text))
}

fn rows_with_text(d: &ExtractedDoc, text: Value) -> DocRows {
    let cp = CodePoints::new(&d.doc.text);
    let tables = vec![
        ("documents", vec![document_row(d, text)]),
        ("sentences", d.sentences.iter().map(|st| sentence_row(&d.doc, &cp, st)).collect()),
        ("figures", d.figures.iter().map(|fg| figure_row(&d.doc.doc_id, &cp, fg)).collect()),
        ("dates", d.dates.iter().map(|dt| date_row(&d.doc, &cp, dt)).collect()),
        ("sources", source_rows(&d.doc, &citing_counts(&d.figures)).collect()),
    ];
    DocRows { tables, deferred: None, input: input_summary(d) }
}

/// [`doc_rows`] of a document that is done with: a large one is deferred to the writer
/// ([`DEFER_ROWS_BYTES`]); a small one is converted at once, its text moved into the
/// `documents` row instead of copied.
pub fn into_doc_rows(mut d: ExtractedDoc) -> DocRows {
    if d.doc.text.len() > DEFER_ROWS_BYTES {
        let input = input_summary(&d);
        return DocRows { tables: Vec::new(), deferred: Some(Box::new(d)), input };
    }
    let mut rows = rows_with_text(&d, Value::Null);
    let (table, documents) = &mut rows.tables[0];
    debug_assert_eq!(*table, "documents");
    documents[0][DOCUMENT_TEXT] = Value::Str(std::mem::take(&mut d.doc.text));
    rows
}

/// Hands a deferred document's rows to `emit` one at a time, each table's rows in order,
/// dropping each part of the document once its rows are made. The `documents` row comes
/// last and takes the text without copying it.
pub fn each_row<E>(d: ExtractedDoc, emit: impl FnMut(&'static str, Vec<Value>) -> Result<(), E>) -> Result<(), E> {
    each_row_after(d, None, emit)
}

/// What a document's figures, written already ([`crate::stream::FigureStream`]), leave
/// for its other rows: how many there were and how many cite each footnote.
#[derive(Debug, Default)]
pub struct WrittenFigures {
    pub(crate) count: usize,
    pub(crate) citing: BTreeMap<u32, usize>,
}

impl WrittenFigures {
    /// The figures of a document still holding them.
    fn of(figures: &[arqam_model::Figure]) -> Self {
        let mut w = WrittenFigures::default();
        figures.iter().for_each(|f| w.add(f));
        w
    }

    pub(crate) fn add(&mut self, f: &arqam_model::Figure) {
        self.count += 1;
        // A figure citing a footnote twice counts once.
        for (i, &n) in f.footnotes.iter().enumerate() {
            if !f.footnotes[..i].contains(&n) {
                *self.citing.entry(n).or_insert(0) += 1;
            }
        }
    }
}

/// [`each_row`]; with `written`, the document's figures went out already and its
/// `figures` is empty.
pub(crate) fn each_row_after<E>(
    d: ExtractedDoc,
    written: Option<WrittenFigures>,
    mut emit: impl FnMut(&'static str, Vec<Value>) -> Result<(), E>,
) -> Result<(), E> {
    let ExtractedDoc { mut doc, sentences, figures, dates } = d;
    let cp = CodePoints::new(&doc.text);
    for st in &sentences {
        emit("sentences", sentence_row(&doc, &cp, st))?;
    }
    let n_sentences = sentences.len();
    drop(sentences);
    let written = written.unwrap_or_else(|| WrittenFigures::of(&figures));
    for fg in &figures {
        emit("figures", figure_row(&doc.doc_id, &cp, fg))?;
    }
    drop(figures);
    for dt in &dates {
        emit("dates", date_row(&doc, &cp, dt))?;
    }
    for row in source_rows(&doc, &written.citing) {
        emit("sources", row)?;
    }
    let n_chars = cp.at(doc.text.len());
    drop(cp);
    let text = std::mem::take(&mut doc.text);
    let mut row = document_fields(&doc, (n_sentences, written.count), n_chars, Value::Null);
    row[DOCUMENT_TEXT] = Value::Str(text);
    emit("documents", row)
}

/// The column of `text` in a `documents` row.
const DOCUMENT_TEXT: usize = 11;

fn document_row(d: &ExtractedDoc, text: Value) -> Vec<Value> {
    let n_chars = CodePoints::new(&d.doc.text).at(d.doc.text.len());
    document_fields(&d.doc, (d.sentences.len(), d.figures.len()), n_chars, text)
}

fn document_fields(doc: &arqam_model::ParsedDoc, (n_sentences, n_figures): (usize, usize), n_chars: i64, text: Value) -> Vec<Value> {
    vec![
        s(&doc.doc_id),
        s(&doc.path),
        s(&doc.sha256),
        s(doc.format.as_str()),
        s(&doc.encoding),
        Value::opt_str(doc.meta.title.as_deref()),
        Value::opt_str(doc.meta.author.as_deref()),
        Value::opt_str(doc.meta.publisher.as_deref()),
        published_day(doc).map_or(Value::Null, Value::Date),
        Value::opt_str(doc.meta.url.as_deref()),
        s(&doc.meta.language),
        text,
        Value::Int(n_chars),
        Value::Int(n_sentences as i64),
        Value::Int(n_figures as i64),
        Value::Int(doc.n_repaired_lines as i64),
        Value::StrList(doc.diagnostics.iter().map(|x| x.render()).collect()),
    ]
}

/// The publication date when it is a full day.
fn published_day(doc: &arqam_model::ParsedDoc) -> Option<String> {
    doc.meta.published.as_ref().filter(|p| p.len() == 10).cloned()
}

fn sentence_row(doc: &arqam_model::ParsedDoc, cp: &CodePoints<'_>, st: &arqam_model::Sentence) -> Vec<Value> {
    vec![
        s(&doc.doc_id),
        Value::Int(st.sentence_id as i64),
        Value::Int(st.paragraph as i64),
        Value::Int(cp.at(st.span.start)),
        Value::Int(cp.at(st.span.end)),
        s(&doc.text[st.span.start..st.span.end]),
    ]
}

pub(crate) fn figure_row(doc_id: &str, cp: &CodePoints<'_>, fg: &arqam_model::Figure) -> Vec<Value> {
    let start = cp.at(fg.span.start);
    vec![
        Value::Str(format!("{doc_id}:{start}")),
        s(doc_id),
        Value::Int(fg.sentence_id as i64),
        Value::Int(start),
        Value::Int(cp.at(fg.span.end)),
        s(&fg.surface),
        Value::opt_num(fg.value_low),
        Value::opt_num(fg.value_high),
        s(fg.qualifier.as_str()),
        Value::opt_str(fg.unit.as_deref()),
        Value::opt_str(fg.unit_en.as_deref()),
        s(fg.measure.as_str()),
        Value::opt_str(fg.actor.as_deref()),
        s(&fg.claimant),
        Value::opt_str(fg.claimant_name.as_deref()),
        Value::opt_str(fg.attribution_cue.as_deref()),
        Value::opt_str(fg.relayed_by.as_deref()),
        Value::Bool(fg.denial),
        Value::IntList(fg.footnotes.iter().map(|&n| n as i64).collect()),
        Value::Num(fg.confidence),
        Value::opt_str(fg.as_of.as_deref()),
        Value::opt_str(fg.as_of_source.map(|s| s.as_str())),
    ]
}

fn date_row(doc: &arqam_model::ParsedDoc, cp: &CodePoints<'_>, dt: &arqam_model::DateMention) -> Vec<Value> {
    vec![
        s(&doc.doc_id),
        Value::Int(dt.sentence_id as i64),
        Value::Int(cp.at(dt.span.start)),
        Value::Int(cp.at(dt.span.end)),
        s(&dt.surface),
        s(&dt.date),
        s(dt.precision.as_str()),
    ]
}

/// How many figures cite each footnote number.
fn citing_counts(figures: &[arqam_model::Figure]) -> BTreeMap<u32, usize> {
    WrittenFigures::of(figures).citing
}

/// Sources: every footnote number seen as a marker or a body.
fn source_rows<'d>(doc: &'d arqam_model::ParsedDoc, citing: &'d BTreeMap<u32, usize>) -> impl Iterator<Item = Vec<Value>> + 'd {
    let numbers: BTreeSet<u32> = doc.markers.iter().map(|m| m.number).chain(doc.footnotes.iter().map(|f| f.number)).collect();
    numbers.into_iter().map(move |n| {
        let body = doc.footnotes.iter().find(|f| f.number == n);
        vec![
            s(&doc.doc_id),
            Value::Int(n as i64),
            Value::opt_str(body.and_then(|b| b.text.as_deref())),
            Value::StrList(body.map(|b| b.authors.clone()).unwrap_or_default()),
            Value::opt_str(body.and_then(|b| b.title.as_deref())),
            Value::opt_str(body.and_then(|b| b.publisher.as_deref())),
            Value::opt_str(body.and_then(|b| b.date.as_deref())),
            Value::opt_str(body.and_then(|b| b.url.as_deref())),
            Value::Int(citing.get(&n).copied().unwrap_or(0) as i64),
        ]
    })
}

pub(crate) fn input_summary(d: &ExtractedDoc) -> InputSummary {
    let doc = &d.doc;
    InputSummary {
        path: doc.path.clone(),
        sha256: doc.sha256.clone(),
        format: doc.format.as_str().to_string(),
        encoding: doc.encoding.clone(),
        title: doc.meta.title.clone(),
        url: doc.meta.url.clone(),
        published: published_day(doc),
        n_warnings: doc.diagnostics.len(),
    }
}

/// The rows of the `errors` table, one per rejected file.
pub fn error_rows(rejected: &[Rejection]) -> Vec<Vec<Value>> {
    rejected.iter().map(|r| vec![s(&r.path), s(&r.stage), s(&r.reason)]).collect()
}

/// The rows of the `actors` table: the actor lexicon, by id.
pub fn actor_rows(lex: &Lexicon) -> Vec<Vec<Value>> {
    let mut actors: Vec<&arqam_lexicon::Actor> = lex.actors.iter().collect();
    actors.sort_by(|a, b| a.actor_id.cmp(&b.actor_id));
    actors.into_iter().map(|a| vec![s(&a.actor_id), s(&a.name_ar), s(&a.name_en), s(&a.actor_type), Value::StrList(a.alias_list())]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn code_points_count_the_characters_before_a_byte(s in "[a \u{0621}-\u{064A}\u{0660}-\u{0669}\u{FEFB}\u{1F600}]{0,700}") {
            // Long enough to cross several index strides; one to four bytes per character.
            let cp = CodePoints::new(&s);
            for (b, _) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
                prop_assert_eq!(cp.at(b), s[..b].chars().count() as i64);
            }
            prop_assert_eq!(cp.at(s.len() + 10), s.chars().count() as i64);
        }
    }

    #[test]
    fn a_moved_document_gives_the_rows_of_a_borrowed_one() {
        let lex = Lexicon::builtin();
        let d = arqam_extract::extract_text("قالت قسد إن 200 مسلح هاجموا السجن. وفر منهم العشرات.", &lex);
        let documents = crate::schema::tables().into_iter().find(|t| t.name == "documents").unwrap();
        assert_eq!(documents.fields[DOCUMENT_TEXT].name, "text");
        let borrowed = doc_rows(&d);
        assert_eq!(borrowed.tables[0].1[0][DOCUMENT_TEXT], Value::Str(d.doc.text.clone()));
        let moved = into_doc_rows(d);
        assert_eq!(moved.tables, borrowed.tables);
        assert_eq!(moved.input, borrowed.input);
    }

    #[test]
    fn deferred_rows_are_the_rows_converted_at_once() {
        let lex = Lexicon::builtin();
        let text = "قالت قسد إن 200 مسلح هاجموا السجن في 3 آذار 2022.[1] وفر منهم العشرات.[1]\n\n[1] تقرير المرصد.";
        let d = arqam_extract::extract_text(text, &lex);
        let eager = doc_rows(&d);
        let mut streamed: Vec<(&'static str, Vec<Vec<Value>>)> = eager.tables.iter().map(|(t, _)| (*t, Vec::new())).collect();
        each_row(d, |table, row| {
            streamed.iter_mut().find(|(t, _)| *t == table).unwrap().1.push(row);
            Ok::<(), ()>(())
        })
        .unwrap();
        assert!(eager.tables.iter().all(|(_, rows)| !rows.is_empty()), "every table has rows: {:?}", eager.tables);
        assert_eq!(streamed, eager.tables);
    }
}
