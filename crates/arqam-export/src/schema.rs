//! The one schema definition: every table, column, type, description and vocabulary.

use arqam_model::{ActorGroup, ActorType, AsOfSource, Format, Measure, Precision, Qualifier};

/// A column's logical type; each maps to one CSV encoding, one Parquet type and one
/// Frictionless type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    String,
    Integer,
    Number,
    /// A calendar date (`YYYY-MM-DD`), Parquet `date32`.
    Date,
    /// `true`/`false`.
    Boolean,
    /// A list of strings: a JSON array in CSV, `list<string>` in Parquet.
    StringList,
    /// A list of integers: a JSON array in CSV, `list<int64>` in Parquet.
    IntegerList,
}

impl FieldType {
    /// The Frictionless Table Schema type.
    pub fn frictionless(self) -> &'static str {
        match self {
            FieldType::String => "string",
            FieldType::Integer => "integer",
            FieldType::Number => "number",
            FieldType::Date => "date",
            FieldType::Boolean => "boolean",
            FieldType::StringList | FieldType::IntegerList => "array",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Field {
    pub name: &'static str,
    pub ty: FieldType,
    pub description: &'static str,
    /// The controlled vocabulary, if any.
    pub values: Option<Vec<std::string::String>>,
    pub required: bool,
}

#[derive(Debug, Clone)]
pub struct ForeignKey {
    pub fields: Vec<&'static str>,
    pub resource: &'static str,
    pub reference: Vec<&'static str>,
}

#[derive(Debug, Clone)]
pub struct TableSchema {
    pub name: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    pub fields: Vec<Field>,
    pub primary_key: Vec<&'static str>,
    pub foreign_keys: Vec<ForeignKey>,
}

impl TableSchema {
    pub fn field_names(&self) -> Vec<&'static str> {
        self.fields.iter().map(|f| f.name).collect()
    }
}

fn f(name: &'static str, ty: FieldType, required: bool, description: &'static str) -> Field {
    Field { name, ty, description, values: None, required }
}

fn e(name: &'static str, values: Vec<&'static str>, required: bool, description: &'static str) -> Field {
    Field { name, ty: FieldType::String, description, values: Some(values.into_iter().map(std::string::String::from).collect()), required }
}

fn fk(fields: &[&'static str], resource: &'static str, reference: &[&'static str]) -> ForeignKey {
    ForeignKey { fields: fields.to_vec(), resource, reference: reference.to_vec() }
}

use FieldType::*;

/// Every table of the dataset, in the order they are written.
/// The tables with the `actor` columns' allowed values taken from the lexicon in use: its
/// `group` ids (open: a user's lexicon may add parties of any conflict) and the three
/// values the extractor gives without a group (`civilians`, `mixed`, `other`).
pub fn tables_for_groups(groups: &[std::string::String]) -> Vec<TableSchema> {
    let mut values: Vec<std::string::String> = ActorGroup::names().into_iter().map(std::string::String::from).chain(groups.iter().cloned()).collect();
    values.sort();
    values.dedup();
    let mut tables = tables();
    for t in &mut tables {
        for f in &mut t.fields {
            if f.name == "actor" {
                f.values = Some(values.clone());
            }
        }
    }
    tables
}

/// The names of every table, as their files are named (`NAME.csv`, `NAME.parquet`).
pub fn table_names() -> Vec<&'static str> {
    tables().iter().map(|t| t.name).collect()
}

pub fn tables() -> Vec<TableSchema> {
    vec![
        TableSchema {
            name: "documents",
            title: "Documents",
            description: "One row per input document, with its repaired display text that all offsets point into.",
            fields: vec![
                f("doc_id", String, true, "Document id: the input file's stem."),
                f("path", String, true, "Path of the input file, relative to the seeds folder."),
                f("sha256", String, true, "SHA-256 of the input bytes."),
                e("format", Format::names(), true, "How the document was parsed: markdown-ish article, PDF-extracted text, or plain text."),
                f("encoding", String, true, "Encoding the input bytes were read as (WHATWG name)."),
                f("title", String, false, "Title, when the document has one."),
                f("author", String, false, "Author from the byline."),
                f("publisher", String, false, "Publisher (the site of the article's own link)."),
                f("published", Date, false, "Publication date."),
                f("url", String, false, "The document's own URL."),
                f("language", String, true, "ISO 639-1 language code."),
                f("text", String, true, "Repaired, NFC-normalized display text; every start/end offset is a Unicode code-point offset into it."),
                f("n_chars", Integer, true, "Length of text in code points."),
                f("n_sentences", Integer, true, "Number of sentences."),
                f("n_figures", Integer, true, "Number of figures found."),
                f("n_repaired_lines", Integer, true, "Input lines whose reading order or letters were repaired (PDF text)."),
                f("warnings", StringList, true, "What the parser repaired, skipped or doubted."),
            ],
            primary_key: vec!["doc_id"],
            foreign_keys: vec![],
        },
        TableSchema {
            name: "sentences",
            title: "Sentences",
            description: "Sentences of each document, with code-point offsets into documents.text.",
            fields: vec![
                f("doc_id", String, true, "Document id."),
                f("sentence_id", Integer, true, "0-based sentence number within the document."),
                f("paragraph", Integer, true, "0-based paragraph (block) number within the document."),
                f("start", Integer, true, "Start offset (code points) in documents.text."),
                f("end", Integer, true, "End offset (code points, exclusive)."),
                f("text", String, true, "The sentence text: documents.text[start:end]."),
            ],
            primary_key: vec!["doc_id", "sentence_id"],
            foreign_keys: vec![fk(&["doc_id"], "documents", &["doc_id"])],
        },
        TableSchema {
            name: "figures",
            title: "Figures",
            description: "One row per numeric figure occurrence: what it counts, who claims it and which sources its sentence cites.",
            fields: vec![
                f("figure_id", String, true, "{doc_id}:{start}."),
                f("doc_id", String, true, "Document id."),
                f("sentence_id", Integer, true, "Sentence the figure stands in."),
                f("start", Integer, true, "Start offset (code points) in documents.text."),
                f("end", Integer, true, "End offset (code points, exclusive)."),
                f("surface", String, true, "The exact figure phrase: qualifier + number + counted noun; equals documents.text[start:end]."),
                f("value_low", Number, false, "Lower bound of the value; null when only an upper bound is stated."),
                f("value_high", Number, false, "Upper bound of the value; null when only a lower bound is stated."),
                e("qualifier", Qualifier::names(), true, "How exact the figure is."),
                f("unit", String, false, "The counted noun, singular, without clitics or article."),
                f("unit_en", String, false, "English gloss of unit from the lexicon; null if unknown."),
                e("measure", Measure::names(), true, "What the figure counts; the event role wins over the noun."),
                e("actor", ActorGroup::names(), false, "Whose people are counted; null for non-person figures."),
                f("claimant", String, true, "Who asserts the figure: an actor id, journalist, media:<outlet>, org:<name>, sources, or author."),
                f("claimant_name", String, false, "The claimant's name as written."),
                f("attribution_cue", String, false, "The words that carry the attribution."),
                f("relayed_by", String, false, "The outlet that relayed the claim (نقلت أعماق عن …), when the claimant is the original speaker."),
                f("denial", Boolean, true, "The claimant states the figure while denying something (نفت قسد …)."),
                f("footnotes", IntegerList, true, "Footnote numbers cited by the figure's sentence, or its paragraph."),
                f("confidence", Number, true, "The extractor's own estimate, 0..1."),
                f(
                    "as_of",
                    String,
                    false,
                    "The date the figure is reported for: the nearest date stated in its sentence, else the publication date; ISO with the precision of dates.",
                ),
                e("as_of_source", AsOfSource::names(), false, "Where as_of came from: a date in the figure's sentence, or the document's publication date."),
            ],
            primary_key: vec!["figure_id"],
            foreign_keys: vec![fk(&["doc_id"], "documents", &["doc_id"]), fk(&["doc_id", "sentence_id"], "sentences", &["doc_id", "sentence_id"])],
        },
        TableSchema {
            name: "dates",
            title: "Dates",
            description: "Calendar dates mentioned in the documents.",
            fields: vec![
                f("doc_id", String, true, "Document id."),
                f("sentence_id", Integer, true, "Sentence the date stands in."),
                f("start", Integer, true, "Start offset (code points) in documents.text."),
                f("end", Integer, true, "End offset (code points, exclusive)."),
                f("surface", String, true, "The date as written: documents.text[start:end]."),
                f("date", String, true, "ISO 8601: YYYY-MM-DD, YYYY-MM or YYYY, by precision."),
                e("precision", Precision::names(), true, "The grain of the date."),
            ],
            primary_key: vec!["doc_id", "start"],
            foreign_keys: vec![fk(&["doc_id"], "documents", &["doc_id"])],
        },
        TableSchema {
            name: "sources",
            title: "Sources",
            description: "One row per footnote or reference of a document.",
            fields: vec![
                f("doc_id", String, true, "Document id."),
                f("footnote", Integer, true, "Footnote number."),
                f("text", String, false, "The footnote's text; null when only its marker survived."),
                f("authors", StringList, true, "Authors of the cited work."),
                f("title", String, false, "Title of the cited work."),
                f("publisher", String, false, "Publisher or outlet."),
                f("date", String, false, "Date of the cited work (ISO 8601)."),
                f("url", String, false, "URL of the cited work."),
                f("n_citing_figures", Integer, true, "Figures whose footnotes include this one."),
            ],
            primary_key: vec!["doc_id", "footnote"],
            foreign_keys: vec![fk(&["doc_id"], "documents", &["doc_id"])],
        },
        TableSchema {
            name: "actors",
            title: "Actors",
            description: "The actors lexicon as a table: ids used in figures.claimant.",
            fields: vec![
                f("actor_id", String, true, "Actor id."),
                f("name_ar", String, true, "Arabic name."),
                f("name_en", String, true, "English name."),
                e("type", ActorType::names(), true, "Kind of organisation."),
                f("aliases", StringList, true, "Spellings the extractor recognises."),
            ],
            primary_key: vec!["actor_id"],
            foreign_keys: vec![],
        },
        TableSchema {
            name: "errors",
            title: "Errors",
            description: "Input files that could not be processed, and why: every input is either a document or an error.",
            fields: vec![
                f("path", String, true, "Path of the input file, relative to the input folder."),
                e("stage", vec!["input", "decode", "parse", "extract"], true, "Where the file was rejected."),
                f("reason", String, true, "Why, in words."),
            ],
            primary_key: vec!["path"],
            foreign_keys: vec![],
        },
        TableSchema {
            name: "disputes",
            title: "Disputes",
            description: "One row per (measure, actor) counted by two or more claimants: where the parties' numbers disagree.",
            fields: vec![
                e("measure", Measure::names(), true, "What the figures count."),
                e("actor", ActorGroup::names(), true, "Whose people are counted."),
                f("claimants", StringList, true, "The distinct claimants, sorted."),
                f("n_figures", Integer, true, "Number of figures in the group."),
                f("low", Number, false, "Smallest value_low of the group."),
                f("high", Number, false, "Largest value_high of the group (largest value_low when no upper bound is stated)."),
                f("spread", Number, false, "high / low."),
                f("figure_ids", StringList, true, "The figures of the group, in input and text order."),
                f("do_not_sum", String, true, "Why these figures must not be added up."),
            ],
            primary_key: vec!["measure", "actor"],
            foreign_keys: vec![],
        },
    ]
}
