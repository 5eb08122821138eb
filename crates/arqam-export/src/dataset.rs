//! From extracted documents to table rows, offsets in code points.

use std::collections::{BTreeMap, BTreeSet};

use arqam_lexicon::Lexicon;
use arqam_model::{ExtractedDoc, Rejection};

use crate::schema::{self, TableSchema};

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
}

impl Value {
    fn opt_str(s: Option<&str>) -> Value {
        s.map_or(Value::Null, |s| Value::Str(s.to_string()))
    }
    fn opt_num(v: Option<f64>) -> Value {
        v.map_or(Value::Null, Value::Num)
    }
}

/// A table: its schema and its rows, each row in schema column order.
#[derive(Debug, Clone)]
pub struct Table {
    pub schema: TableSchema,
    pub rows: Vec<Vec<Value>>,
}

/// Byte offset → code-point offset for one text (binary search over its char starts).
pub struct CodePoints {
    starts: Vec<usize>,
    len: usize,
}

impl CodePoints {
    pub fn new(text: &str) -> Self {
        CodePoints { starts: text.char_indices().map(|(b, _)| b).collect(), len: text.len() }
    }
    pub fn at(&self, byte: usize) -> i64 {
        if byte >= self.len {
            return self.starts.len() as i64;
        }
        match self.starts.binary_search(&byte) {
            Ok(i) | Err(i) => i as i64,
        }
    }
}

fn s(v: &str) -> Value {
    Value::Str(v.to_string())
}

/// Builds every table of the dataset from the extracted documents, in schema order.
pub fn build_tables(docs: &[ExtractedDoc], rejected: &[Rejection], lex: &Lexicon) -> Vec<Table> {
    let mut tables: Vec<Table> = schema::tables().into_iter().map(|schema| Table { schema, rows: Vec::new() }).collect();
    let mut rows: BTreeMap<&str, Vec<Vec<Value>>> = BTreeMap::new();
    for d in docs {
        let doc = &d.doc;
        let cp = CodePoints::new(&doc.text);
        rows.entry("documents").or_default().push(vec![
            s(&doc.doc_id),
            s(&doc.path),
            s(&doc.sha256),
            s(doc.format.as_str()),
            s(&doc.encoding),
            Value::opt_str(doc.meta.title.as_deref()),
            Value::opt_str(doc.meta.author.as_deref()),
            Value::opt_str(doc.meta.publisher.as_deref()),
            doc.meta.published.as_ref().filter(|p| p.len() == 10).map_or(Value::Null, |p| Value::Date(p.clone())),
            Value::opt_str(doc.meta.url.as_deref()),
            s(&doc.meta.language),
            s(&doc.text),
            Value::Int(cp.starts.len() as i64),
            Value::Int(d.sentences.len() as i64),
            Value::Int(d.figures.len() as i64),
            Value::Int(doc.n_repaired_lines as i64),
            Value::StrList(doc.diagnostics.iter().map(|x| x.render()).collect()),
        ]);
        for st in &d.sentences {
            rows.entry("sentences").or_default().push(vec![
                s(&doc.doc_id),
                Value::Int(st.sentence_id as i64),
                Value::Int(st.paragraph as i64),
                Value::Int(cp.at(st.span.start)),
                Value::Int(cp.at(st.span.end)),
                s(&doc.text[st.span.start..st.span.end]),
            ]);
        }
        for fg in &d.figures {
            let start = cp.at(fg.span.start);
            rows.entry("figures").or_default().push(vec![
                Value::Str(format!("{}:{}", doc.doc_id, start)),
                s(&doc.doc_id),
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
            ]);
        }
        for dt in &d.dates {
            rows.entry("dates").or_default().push(vec![
                s(&doc.doc_id),
                Value::Int(dt.sentence_id as i64),
                Value::Int(cp.at(dt.span.start)),
                Value::Int(cp.at(dt.span.end)),
                s(&dt.surface),
                s(&dt.date),
                s(dt.precision.as_str()),
            ]);
        }
        // Sources: every footnote number seen as a marker or a body.
        let numbers: BTreeSet<u32> = doc.markers.iter().map(|m| m.number).chain(doc.footnotes.iter().map(|f| f.number)).collect();
        for n in numbers {
            let body = doc.footnotes.iter().find(|f| f.number == n);
            let citing = d.figures.iter().filter(|f| f.footnotes.contains(&n)).count();
            rows.entry("sources").or_default().push(vec![
                s(&doc.doc_id),
                Value::Int(n as i64),
                Value::opt_str(body.and_then(|b| b.text.as_deref())),
                Value::StrList(body.map(|b| b.authors.clone()).unwrap_or_default()),
                Value::opt_str(body.and_then(|b| b.title.as_deref())),
                Value::opt_str(body.and_then(|b| b.publisher.as_deref())),
                Value::opt_str(body.and_then(|b| b.date.as_deref())),
                Value::opt_str(body.and_then(|b| b.url.as_deref())),
                Value::Int(citing as i64),
            ]);
        }
    }
    for r in rejected {
        rows.entry("errors").or_default().push(vec![s(&r.path), s(&r.stage), s(&r.reason)]);
    }
    let mut actors: Vec<&arqam_lexicon::Actor> = lex.actors.iter().collect();
    actors.sort_by(|a, b| a.actor_id.cmp(&b.actor_id));
    for a in actors {
        rows.entry("actors").or_default().push(vec![s(&a.actor_id), s(&a.name_ar), s(&a.name_en), s(&a.actor_type), Value::StrList(a.alias_list())]);
    }
    for t in &mut tables {
        t.rows = rows.remove(t.schema.name).unwrap_or_default();
    }
    // Derived with polars from the figures table as written.
    let figures = tables.iter().find(|t| t.schema.name == "figures").cloned();
    if let (Some(figures), Some(d)) = (figures, tables.iter_mut().find(|t| t.schema.name == "disputes")) {
        d.rows = crate::disputes::disputes(&figures).unwrap_or_default();
    }
    tables
}
