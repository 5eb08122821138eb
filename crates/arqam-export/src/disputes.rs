//! Where the parties' numbers disagree, computed with polars from the figures table as
//! written: a lazy scan of `figures.parquet` reads only the six columns it groups, so
//! the derived tables cost memory in proportion to their groups, not to the corpus.

use polars::prelude::*;

use crate::dataset::Value;

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

/// Figures that can be compared: a person group and a measure that counts people or things.
fn comparable(figures: LazyFrame) -> LazyFrame {
    figures
        .select([col("figure_id"), col("measure"), col("actor"), col("claimant"), col("value_low"), col("value_high")])
        .filter(col("actor").is_not_null().and(col("measure").neq(lit("other"))).and(col("measure").neq(lit("duration"))))
        .with_columns([col("value_low").fill_null(col("value_high")).alias("lo"), col("value_high").fill_null(col("value_low")).alias("hi")])
}

/// A lazy scan of a written `figures.parquet`.
pub fn scan_figures(path: &std::path::Path) -> PolarsResult<LazyFrame> {
    LazyFrame::scan_parquet(PlRefPath::try_from_path(path)?, ScanArgsParquet::default())
}

fn strings(c: &Column) -> PolarsResult<Vec<Option<String>>> {
    let ca = c.str()?;
    Ok((0..ca.len()).map(|i| ca.get(i).map(String::from)).collect())
}

fn floats(c: &Column) -> PolarsResult<Vec<Option<f64>>> {
    let ca = c.f64()?;
    Ok((0..ca.len()).map(|i| ca.get(i)).collect())
}

fn string_lists(c: &Column) -> PolarsResult<Vec<Vec<String>>> {
    let ca = c.list()?;
    (0..ca.len())
        .map(|i| match ca.get_as_series(i) {
            Some(s) => {
                let ca = s.str()?;
                Ok((0..ca.len()).filter_map(|j| ca.get(j).map(String::from)).collect())
            }
            None => Ok(Vec::new()),
        })
        .collect()
}

/// The rows of the `disputes` table: one per (measure, actor) with two or more claimants.
pub fn disputes(figures: LazyFrame) -> PolarsResult<Vec<Vec<Value>>> {
    let out = comparable(figures)
        .group_by([col("measure"), col("actor")])
        .agg([
            col("claimant").unique().sort(SortOptions::default()).alias("claimants"),
            col("claimant").n_unique().alias("n_claimants"),
            len().alias("n_figures"),
            col("lo").min().alias("low"),
            col("hi").max().alias("high"),
            col("figure_id").sort(SortOptions::default()).alias("figure_ids"),
        ])
        .filter(col("n_claimants").gt_eq(lit(2)))
        .sort(["measure", "actor"], SortMultipleOptions::default())
        .collect()?;
    let measure = strings(out.column("measure")?)?;
    let actor = strings(out.column("actor")?)?;
    let claimants = string_lists(out.column("claimants")?)?;
    let n = out.column("n_figures")?.cast(&DataType::Int64)?;
    let n = n.i64()?;
    let low = floats(out.column("low")?)?;
    let high = floats(out.column("high")?)?;
    let ids = string_lists(out.column("figure_ids")?)?;
    let mut rows = Vec::with_capacity(out.height());
    for i in 0..out.height() {
        let spread = match (low[i], high[i]) {
            (Some(l), Some(h)) if l > 0.0 => Some(h / l),
            _ => None,
        };
        rows.push(vec![
            measure[i].clone().map_or(Value::Null, Value::Str),
            actor[i].clone().map_or(Value::Null, Value::Str),
            Value::StrList(claimants[i].clone()),
            Value::Int(n.get(i).unwrap_or(0)),
            low[i].map_or(Value::Null, Value::Num),
            high[i].map_or(Value::Null, Value::Num),
            spread.map_or(Value::Null, Value::Num),
            Value::StrList(ids[i].clone()),
            Value::Str(DO_NOT_SUM.into()),
        ]);
    }
    Ok(rows)
}

/// Each claimant's range inside each disputed (measure, actor), for the chart.
pub fn claimant_ranges(figures: LazyFrame, disputes: &[Vec<Value>]) -> PolarsResult<Vec<ClaimantRange>> {
    let disputed: Vec<(String, String)> = disputes
        .iter()
        .filter_map(|r| match (&r[0], &r[1]) {
            (Value::Str(m), Value::Str(a)) => Some((m.clone(), a.clone())),
            _ => None,
        })
        .collect();
    let out = comparable(figures)
        .group_by([col("measure"), col("actor"), col("claimant")])
        .agg([col("value_low").min().alias("low"), col("value_high").max().alias("high"), len().alias("n")])
        .sort(["measure", "actor", "claimant"], SortMultipleOptions::default())
        .collect()?;
    let measure = strings(out.column("measure")?)?;
    let actor = strings(out.column("actor")?)?;
    let claimant = strings(out.column("claimant")?)?;
    let (low, high) = (floats(out.column("low")?)?, floats(out.column("high")?)?);
    let n = out.column("n")?.cast(&DataType::Int64)?;
    let n = n.i64()?;
    let mut ranges = Vec::new();
    for i in 0..out.height() {
        let (Some(m), Some(a), Some(c)) = (&measure[i], &actor[i], &claimant[i]) else { continue };
        if !disputed.contains(&(m.clone(), a.clone())) {
            continue;
        }
        // The smallest lower and the largest upper bound; a side no figure bounds stays
        // open (`أكثر من 100` alone is 100 and up).
        let (range_low, range_high) = (low[i], high[i]);
        ranges.push(ClaimantRange {
            measure: m.clone(),
            actor: a.clone(),
            claimant: c.clone(),
            low: range_low,
            high: range_high,
            n_figures: n.get(i).unwrap_or(0) as usize,
        });
    }
    Ok(ranges)
}
