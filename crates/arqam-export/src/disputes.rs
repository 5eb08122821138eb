//! Where the parties' numbers disagree, tallied while the figures stream past: per
//! (measure, actor) the claimants' ranges and the figure ids, nothing per document, so the
//! derived tables cost memory in proportion to their groups and ids, not to the corpus.

use std::collections::BTreeMap;

use crate::dataset::Value;
use crate::schema::TableSchema;

/// One claimant's values for one (measure, actor): what the chart draws.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimantRange {
    pub measure: String,
    pub actor: String,
    pub claimant: String,
    /// Smallest lower bound (or value), `None` when every figure states only an upper bound.
    pub low: Option<f64>,
    /// Largest upper bound (or value), `None` when every figure states only a lower bound.
    pub high: Option<f64>,
    pub n_figures: usize,
}

const DO_NOT_SUM: &str = "Competing estimates of the same population by different claimants: compare them, do not add them up.";

/// Where the tally finds its cells in a `figures` row.
#[derive(Debug, Clone, Copy)]
pub struct FigureColumns {
    id: usize,
    pub(crate) measure: usize,
    actor: usize,
    pub(crate) claimant: usize,
    low: usize,
    high: usize,
}

impl FigureColumns {
    pub fn of(figures: &TableSchema) -> FigureColumns {
        let pos = |n: &str| figures.fields.iter().position(|f| f.name == n).unwrap_or_else(|| panic!("figures has no column {n}"));
        FigureColumns {
            id: pos("figure_id"),
            measure: pos("measure"),
            actor: pos("actor"),
            claimant: pos("claimant"),
            low: pos("value_low"),
            high: pos("value_high"),
        }
    }
}

fn min(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    }
}

fn max(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, y) => x.or(y),
    }
}

#[derive(Debug, Default)]
struct Range {
    low: Option<f64>,
    high: Option<f64>,
    n: usize,
}

#[derive(Debug, Default)]
struct Group {
    claimants: BTreeMap<String, Range>,
    n: usize,
    /// Smallest `value_low` (or `value_high` when a figure has no lower bound).
    low: Option<f64>,
    /// Largest `value_high` (or `value_low`).
    high: Option<f64>,
    /// Position of the group in the id log.
    index: u32,
}

/// The figure ids, in input and text order, each with its group: on disk while the
/// figures stream (in memory for a tally without a file), read back once at the end for
/// the disputed groups only. Memory then does not grow with the number of figures.
#[derive(Debug)]
enum IdLog {
    Memory(Vec<u8>),
    File { path: std::path::PathBuf, out: std::io::BufWriter<std::fs::File> },
}

impl Default for IdLog {
    fn default() -> Self {
        IdLog::Memory(Vec::new())
    }
}

impl IdLog {
    /// One record: group (u32), id length (u32), id bytes; little-endian.
    fn push(&mut self, group: u32, id: &str) -> std::io::Result<()> {
        use std::io::Write;
        let len = u32::try_from(id.len()).map_err(|_| std::io::Error::other("figure id over 4 GB"))?;
        let w: &mut dyn Write = match self {
            IdLog::Memory(v) => v,
            IdLog::File { out, .. } => out,
        };
        w.write_all(&group.to_le_bytes())?;
        w.write_all(&len.to_le_bytes())?;
        w.write_all(id.as_bytes())
    }

    /// Calls `each(group, id)` for every record, in order; removes the file.
    fn replay(self, mut each: impl FnMut(u32, &str)) -> std::io::Result<()> {
        use std::io::Read;
        let (mut input, path): (Box<dyn Read>, Option<std::path::PathBuf>) = match self {
            IdLog::Memory(v) => (Box::new(std::io::Cursor::new(v)), None),
            IdLog::File { path, out } => {
                out.into_inner().map_err(|e| e.into_error())?;
                (Box::new(std::io::BufReader::new(std::fs::File::open(&path)?)), Some(path))
            }
        };
        let mut head = [0u8; 8];
        let mut id = Vec::new();
        loop {
            match input.read_exact(&mut head) {
                Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => break,
                other => other?,
            }
            let group = u32::from_le_bytes(head[..4].try_into().expect("four bytes"));
            let len = u32::from_le_bytes(head[4..].try_into().expect("four bytes")) as usize;
            id.resize(len, 0);
            input.read_exact(&mut id)?;
            each(group, std::str::from_utf8(&id).map_err(std::io::Error::other)?);
        }
        drop(input);
        if let Some(p) = path {
            std::fs::remove_file(p)?;
        }
        Ok(())
    }
}

/// The comparable figures seen so far: a person group (`actor`) and a measure that counts
/// people or things (not `other`, not `duration`). Keyed by measure, then actor.
#[derive(Debug, Default)]
pub struct Tally {
    groups: BTreeMap<String, BTreeMap<String, Group>>,
    n_groups: u32,
    ids: IdLog,
}

/// The value under `key`, made on first use: the key is copied only then, not once per
/// figure as `entry(key.to_string())` would.
pub(crate) fn slot<'m, V: Default>(map: &'m mut BTreeMap<String, V>, key: &str) -> &'m mut V {
    if !map.contains_key(key) {
        map.insert(key.to_string(), V::default());
    }
    map.get_mut(key).expect("inserted above")
}

fn num(v: &Value) -> Option<f64> {
    match v {
        Value::Num(n) => Some(*n),
        Value::Int(i) => Some(*i as f64),
        _ => None,
    }
}

impl Tally {
    /// A tally whose figure ids wait in the file `path` (created now, removed by
    /// [`Tally::finish`]).
    pub fn spilling_to(path: std::path::PathBuf) -> std::io::Result<Tally> {
        let out = std::io::BufWriter::new(std::fs::File::create(&path)?);
        Ok(Tally { ids: IdLog::File { path, out }, ..Tally::default() })
    }

    /// Counts one `figures` row.
    pub fn add(&mut self, row: &[Value], c: FigureColumns) -> std::io::Result<()> {
        let (Value::Str(measure), Value::Str(actor), Value::Str(claimant), Value::Str(id)) = (&row[c.measure], &row[c.actor], &row[c.claimant], &row[c.id])
        else {
            return Ok(());
        };
        if measure == "other" || measure == "duration" {
            return Ok(());
        }
        let (value_low, value_high) = (num(&row[c.low]), num(&row[c.high]));
        let g = slot(slot(&mut self.groups, measure), actor);
        if g.n == 0 {
            g.index = self.n_groups;
            self.n_groups += 1;
        }
        g.n += 1;
        g.low = min(g.low, value_low.or(value_high));
        g.high = max(g.high, value_high.or(value_low));
        self.ids.push(g.index, id)?;
        let r = slot(&mut g.claimants, claimant);
        r.n += 1;
        r.low = min(r.low, value_low);
        r.high = max(r.high, value_high);
        Ok(())
    }

    /// The rows of the `disputes` table (one per (measure, actor) with two or more
    /// claimants, sorted) and each disputed claimant's range for the chart.
    pub fn finish(self) -> std::io::Result<(Vec<Vec<Value>>, Vec<ClaimantRange>)> {
        let mut rows = Vec::new();
        let mut ranges = Vec::new();
        // The ids of the disputed groups only, NUL-separated (a `Value::Joined` cell).
        let mut joined: Vec<Option<String>> = vec![None; self.n_groups as usize];
        for g in self.groups.values().flat_map(BTreeMap::values).filter(|g| g.claimants.len() >= 2) {
            joined[g.index as usize] = Some(String::new());
        }
        self.ids.replay(|group, id| {
            if let Some(s) = joined[group as usize].as_mut() {
                if !s.is_empty() {
                    s.push('\0');
                }
                s.push_str(id);
            }
        })?;
        for (measure, actor, g) in self.groups.into_iter().flat_map(|(m, by_actor)| by_actor.into_iter().map(move |(a, g)| (m.clone(), a, g))) {
            if g.claimants.len() < 2 {
                continue;
            }
            let spread = match (g.low, g.high) {
                (Some(l), Some(h)) if l > 0.0 => Some(h / l),
                _ => None,
            };
            for (claimant, r) in &g.claimants {
                ranges.push(ClaimantRange {
                    measure: measure.clone(),
                    actor: actor.clone(),
                    claimant: claimant.clone(),
                    low: r.low,
                    high: r.high,
                    n_figures: r.n,
                });
            }
            rows.push(vec![
                Value::Str(measure),
                Value::Str(actor),
                Value::StrList(g.claimants.into_keys().collect()),
                Value::Int(g.n as i64),
                g.low.map_or(Value::Null, Value::Num),
                g.high.map_or(Value::Null, Value::Num),
                spread.map_or(Value::Null, Value::Num),
                Value::Joined(joined[g.index as usize].take().unwrap_or_default()),
                Value::Str(DO_NOT_SUM.into()),
            ]);
        }
        Ok((rows, ranges))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A figures row: (id, measure, actor, claimant, value_low, value_high).
    type Fig<'a> = (&'a str, &'a str, Option<&'a str>, &'a str, Option<f64>, Option<f64>);

    fn row(cols: &FigureColumns, width: usize, (id, measure, actor, claimant, low, high): Fig) -> Vec<Value> {
        let mut r = vec![Value::Null; width];
        r[cols.id] = Value::Str(id.into());
        r[cols.measure] = Value::Str(measure.into());
        r[cols.actor] = actor.map_or(Value::Null, |a| Value::Str(a.into()));
        r[cols.claimant] = Value::Str(claimant.into());
        r[cols.low] = low.map_or(Value::Null, Value::Num);
        r[cols.high] = high.map_or(Value::Null, Value::Num);
        r
    }

    #[test]
    fn disputes_need_two_claimants_and_keep_ids_in_input_order() {
        let schema = crate::schema::tables().into_iter().find(|t| t.name == "figures").unwrap();
        let (c, w) = (FigureColumns::of(&schema), schema.fields.len());
        let mut t = Tally::default();
        t.add(&row(&c, w, ("b:9", "attackers", Some("isis"), "sdf", Some(200.0), Some(200.0))), c).unwrap();
        t.add(&row(&c, w, ("a:3", "attackers", Some("isis"), "isis", Some(12.0), Some(12.0))), c).unwrap();
        // Only a lower bound: it bounds the low side, and the high side by itself.
        t.add(&row(&c, w, ("c:1", "attackers", Some("isis"), "sdf", Some(300.0), None)), c).unwrap();
        // One claimant only; no actor; not comparable measures.
        t.add(&row(&c, w, ("d:1", "killed", Some("civilians"), "sohr", Some(5.0), Some(5.0))), c).unwrap();
        t.add(&row(&c, w, ("d:2", "killed", None, "sdf", Some(7.0), Some(7.0))), c).unwrap();
        t.add(&row(&c, w, ("d:3", "duration", Some("isis"), "sdf", Some(6.0), Some(6.0))), c).unwrap();
        let (rows, ranges) = t.finish().unwrap();
        assert_eq!(rows.len(), 1);
        let r = &rows[0];
        assert_eq!(r[..2], [Value::Str("attackers".into()), Value::Str("isis".into())]);
        assert_eq!(r[2], Value::StrList(vec!["isis".into(), "sdf".into()]));
        assert_eq!((&r[3], &r[4], &r[5], &r[6]), (&Value::Int(3), &Value::Num(12.0), &Value::Num(300.0), &Value::Num(25.0)));
        assert_eq!(r[7].str_items().collect::<Vec<_>>(), vec!["b:9", "a:3", "c:1"]);
        let sdf = ranges.iter().find(|x| x.claimant == "sdf").unwrap();
        assert_eq!((sdf.low, sdf.high, sdf.n_figures), (Some(200.0), Some(200.0), 2));
    }

    #[test]
    fn figure_ids_read_back_exactly_as_written() {
        // Ids whose offset would not print back the same are kept whole.
        let schema = crate::schema::tables().into_iter().find(|t| t.name == "figures").unwrap();
        let (c, w) = (FigureColumns::of(&schema), schema.fields.len());
        let mut t = Tally::default();
        let ids = ["doc:a:17", "doc:a:0", "doc:a:017", "odd", "x:4294967295", "x:", "doc:a:17"];
        for (k, id) in ids.iter().enumerate() {
            let claimant = if k % 2 == 0 { "sdf" } else { "isis" };
            t.add(&row(&c, w, (id, "attackers", Some("isis"), claimant, Some(1.0), Some(1.0))), c).unwrap();
        }
        let (rows, ranges) = t.finish().unwrap();
        assert_eq!(rows[0][7].str_items().collect::<Vec<_>>(), ids.to_vec());
        assert_eq!(ranges.iter().map(|r| r.n_figures).sum::<usize>(), ids.len());
    }
}
