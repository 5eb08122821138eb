//! From extracted documents to table rows, offsets in code points.

use std::collections::{BTreeMap, BTreeSet};

use arqam_lexicon::Lexicon;
use arqam_model::{ExtractedDoc, Measure};

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

/// Byte offset → code-point offset for one text.
struct CodePoints {
    starts: Vec<usize>,
    len: usize,
}

impl CodePoints {
    fn new(text: &str) -> Self {
        CodePoints { starts: text.char_indices().map(|(b, _)| b).collect(), len: text.len() }
    }
    fn at(&self, byte: usize) -> i64 {
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
pub fn build_tables(docs: &[ExtractedDoc], lex: &Lexicon) -> Vec<Table> {
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
    let mut actors: Vec<&arqam_lexicon::Actor> = lex.actors.iter().collect();
    actors.sort_by(|a, b| a.actor_id.cmp(&b.actor_id));
    for a in actors {
        rows.entry("actors").or_default().push(vec![s(&a.actor_id), s(&a.name_ar), s(&a.name_en), s(&a.actor_type), Value::StrList(a.alias_list())]);
    }
    rows.insert("disputes", disputes(docs));
    for t in &mut tables {
        t.rows = rows.remove(t.schema.name).unwrap_or_default();
    }
    tables
}

/// One row per (measure, actor) with figures from two or more claimants.
fn disputes(docs: &[ExtractedDoc]) -> Vec<Vec<Value>> {
    struct Group {
        claimants: BTreeSet<String>,
        ids: Vec<String>,
        low: Option<f64>,
        high: Option<f64>,
        max_low: Option<f64>,
    }
    let mut groups: BTreeMap<(String, String), Group> = BTreeMap::new();
    for d in docs {
        let cp = CodePoints::new(&d.doc.text);
        for f in &d.figures {
            let Some(actor) = &f.actor else { continue };
            if matches!(f.measure, Measure::Other | Measure::Duration) {
                continue;
            }
            let g = groups.entry((f.measure.as_str().to_string(), actor.clone())).or_insert(Group {
                claimants: BTreeSet::new(),
                ids: Vec::new(),
                low: None,
                high: None,
                max_low: None,
            });
            g.claimants.insert(f.claimant.clone());
            g.ids.push(format!("{}:{}", d.doc.doc_id, cp.at(f.span.start)));
            let lo = f.value_low.or(f.value_high);
            g.low = match (g.low, lo) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            g.high = match (g.high, f.value_high) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            };
            g.max_low = match (g.max_low, f.value_low) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            };
        }
    }
    let mut out = Vec::new();
    for ((measure, actor), g) in groups {
        if g.claimants.len() < 2 {
            continue;
        }
        let high = match (g.high, g.max_low) {
            (Some(h), Some(l)) => Some(h.max(l)),
            (h, l) => h.or(l),
        };
        let spread = match (g.low, high) {
            (Some(l), Some(h)) if l > 0.0 => Some(h / l),
            _ => None,
        };
        out.push(vec![
            Value::Str(measure),
            Value::Str(actor),
            Value::StrList(g.claimants.into_iter().collect()),
            Value::Int(g.ids.len() as i64),
            Value::opt_num(g.low),
            Value::opt_num(high),
            Value::opt_num(spread),
            Value::StrList(g.ids),
            Value::Str("Claimants report the same population with different numbers; these are competing estimates, not parts of a total.".into()),
        ]);
    }
    out
}
