//! Writing tables: CSV, Parquet and `datapackage.json`, into a fresh folder that then
//! replaces the output folder, so a failed run never leaves half-written tables.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use polars::io::parquet::write::{BatchedWriter, KeyValueMetadata, StatisticsOptions};
use polars::prelude::*;
use serde_json::{json, Value as Json};

use crate::dataset::Value;
use crate::schema::{FieldType, TableSchema};
use crate::stream::Summary;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: writing CSV: {source}")]
    Csv { path: PathBuf, source: csv::Error },
    #[error("{table}: building Parquet: {source}")]
    Polars { table: String, source: PolarsError },
}

pub(crate) fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ExportError + '_ {
    move |source| ExportError::Io { path: path.to_path_buf(), source }
}

/// The CSV form of a cell: empty for null, JSON arrays for lists.
/// Text cells are borrowed, not copied: the documents and sentences tables hold whole texts.
pub fn csv_cell(v: &Value) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    match v {
        Value::Null => Cow::Borrowed(""),
        Value::Str(s) | Value::Date(s) => Cow::Borrowed(s),
        Value::Int(i) => i.to_string().into(),
        Value::Bool(b) => Cow::Borrowed(if *b { "true" } else { "false" }),
        Value::Num(n) => format!("{n}").into(),
        Value::StrList(_) | Value::Joined(_) => serde_json::to_string(&crate::dataset::JsonItems(v)).unwrap_or_default().into(),
        Value::IntList(l) => serde_json::to_string(l).unwrap_or_default().into(),
    }
}

/// Days since 1970-01-01 of an ISO `YYYY-MM-DD` date (proleptic Gregorian).
pub fn days_from_civil(date: &str) -> Option<i32> {
    let mut parts = date.split('-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let d: i64 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    i32::try_from(era * 146097 + doe - 719468).ok()
}

/// The polars column of one schema field.
fn column(schema: &TableSchema, rows: &[Vec<Value>], idx: usize) -> PolarsResult<Column> {
    let field = &schema.fields[idx];
    let name: PlSmallStr = field.name.into();
    let cells = rows.iter().map(|r| &r[idx]);
    let series = match field.ty {
        // `Column::new`, not a Series made a column: polars turns a one-row Series into a
        // scalar column, which copies the value and copies it again when written (three
        // copies of a large document's text in its one-row row group, issue 18).
        FieldType::String => {
            return Ok(Column::new(name, cells.map(|v| if let Value::Str(s) = v { Some(s.as_str()) } else { None }).collect::<Vec<_>>()));
        }
        FieldType::Integer => Series::new(name, cells.map(|v| if let Value::Int(i) = v { Some(*i) } else { None }).collect::<Vec<_>>()),
        FieldType::Number => Series::new(name, cells.map(|v| if let Value::Num(n) = v { Some(*n) } else { None }).collect::<Vec<_>>()),
        FieldType::Boolean => Series::new(name, cells.map(|v| if let Value::Bool(b) = v { Some(*b) } else { None }).collect::<Vec<_>>()),
        FieldType::Date => {
            Series::new(name, cells.map(|v| if let Value::Date(d) = v { days_from_civil(d) } else { None }).collect::<Vec<_>>()).cast(&DataType::Date)?
        }
        FieldType::StringList => {
            // Straight from the borrowed strings into Arrow buffers: a dispute's `figure_ids`
            // can hold most of the corpus's figures, so no owned copy on the way.
            let inner: Vec<Series> = cells.map(|v| StringChunked::from_iter_values(PlSmallStr::EMPTY, v.str_items()).into_series()).collect();
            list_series(name, inner, DataType::String)?
        }
        FieldType::IntegerList => {
            let inner: Vec<Series> =
                cells.map(|v| Series::new(PlSmallStr::EMPTY, if let Value::IntList(l) = v { l.as_slice() } else { &[] as &[i64] })).collect();
            list_series(name, inner, DataType::Int64)?
        }
    };
    Ok(series.into_column())
}

fn list_series(name: PlSmallStr, inner: Vec<Series>, dtype: DataType) -> PolarsResult<Series> {
    let list_type = DataType::List(Box::new(dtype.clone()));
    if inner.is_empty() {
        return Ok(Series::new_empty(name, &list_type));
    }
    let inner: Vec<Series> = inner.into_iter().map(|s| s.cast(&dtype)).collect::<PolarsResult<_>>()?;
    Series::new(name, inner).cast(&list_type)
}

/// Rows of a table as a polars DataFrame with the schema's types.
pub fn to_dataframe(schema: &TableSchema, rows: &[Vec<Value>]) -> PolarsResult<DataFrame> {
    let cols = (0..schema.fields.len()).map(|i| column(schema, rows, i)).collect::<PolarsResult<Vec<_>>>()?;
    DataFrame::new(rows.len(), cols)
}

/// A Parquet writer for one table, taking row groups as they come.
pub(crate) fn parquet_writer(schema: &TableSchema, path: &Path) -> Result<BatchedWriter<BufWriter<File>>, ExportError> {
    let perr = |source| ExportError::Polars { table: schema.name.to_string(), source };
    let empty = to_dataframe(schema, &[]).map_err(perr)?;
    // The Arrow schema stored in the file tells readers which Arrow types to rebuild. polars
    // stores its newest ones (`string_view`, `large_list` views) that pandas cannot
    // convert; the pages are plain UTF-8 and LIST either way, so we store the schema of the
    // oldest compatibility level (large strings, large lists), which every reader knows.
    let legacy = empty.schema().to_arrow(CompatLevel::oldest());
    let key = polars_parquet::arrow::write::schema_to_metadata_key(&legacy);
    let kv = KeyValueMetadata::from_static(vec![(key.key, key.value.unwrap_or_default())]);
    let file = File::create(path).map_err(io(path))?;
    ParquetWriter::new(BufWriter::new(file))
        .with_compression(COMPRESSION)
        .with_statistics(statistics(schema))
        .set_parallel(false)
        .with_key_value_metadata(Some(kv))
        .batched(empty.schema())
        .map_err(perr)
}

/// The compression of every Parquet page.
const COMPRESSION: ParquetCompression = ParquetCompression::Zstd(None);

/// The columns of a table that hold whole documents and are written plain-encoded
/// ([`crate::row_group`]): `documents.text`.
pub(crate) fn whole_text_columns(schema: &TableSchema) -> Vec<usize> {
    if schema.name != "documents" {
        return Vec::new();
    }
    schema.fields.iter().position(|f| f.name == "text").into_iter().collect()
}

/// The page options of a table's row groups encoded by [`crate::row_group`]: the same
/// as its writer's.
pub(crate) fn page_options(schema: &TableSchema) -> polars_parquet::write::WriteOptions {
    crate::row_group::page_options(statistics(schema), COMPRESSION)
}

/// Column statistics of a table's Parquet file: polars' defaults, except that the
/// `documents` table keeps no min/max. polars copies a string cell whole for each of the
/// two (and truncates only afterwards), so a large document's `text` cell, alone in its
/// row group, briefly took three times its size more at the run's peak (issue 18); a
/// min/max of one row per document helps no reader skip anything.
fn statistics(schema: &TableSchema) -> StatisticsOptions {
    let keep_min_max = schema.name != "documents";
    StatisticsOptions { min_value: keep_min_max, max_value: keep_min_max, ..StatisticsOptions::default() }
}

fn table_schema_json(schema: &TableSchema, suffix: &str) -> Json {
    let fields: Vec<Json> = schema
        .fields
        .iter()
        .map(|f| {
            let mut constraints = serde_json::Map::new();
            if f.required {
                constraints.insert("required".into(), json!(true));
            }
            if let Some(values) = &f.values {
                constraints.insert("enum".into(), json!(values));
            }
            // Frictionless reads Parquet through pandas, whose list cells (numpy arrays) its
            // `array` type rejects: the Parquet resources declare lists as `any`.
            let list = matches!(f.ty, FieldType::StringList | FieldType::IntegerList);
            let ty = if list && suffix == "-parquet" { "any" } else { f.ty.frictionless() };
            let description = if list { format!("{} (a list)", f.description) } else { f.description.to_string() };
            let mut field = json!({ "name": f.name, "type": ty, "description": description });
            if !constraints.is_empty() {
                field["constraints"] = Json::Object(constraints);
            }
            field
        })
        .collect();
    let fks: Vec<Json> = schema
        .foreign_keys
        .iter()
        .map(|k| json!({ "fields": k.fields, "reference": { "resource": format!("{}{}", k.resource, suffix), "fields": k.reference } }))
        .collect();
    let mut s = json!({ "fields": fields, "primaryKey": schema.primary_key, "missingValues": [""] });
    if !fks.is_empty() {
        s["foreignKeys"] = json!(fks);
    }
    s
}

/// HXL hashtags for the figures table (humanitarian data tools, HDX).
pub(crate) fn hxl_tag(field: &str) -> &'static str {
    match field {
        "figure_id" => "#meta+id",
        "doc_id" => "#meta+doc",
        "sentence_id" => "#meta+sentence",
        "start" => "#meta+start",
        "end" => "#meta+end",
        "surface" => "#description+surface+ar",
        "value_low" => "#affected+num+min",
        "value_high" => "#affected+num+max",
        "qualifier" => "#indicator+qualifier",
        "unit" => "#indicator+unit+ar",
        "unit_en" => "#indicator+unit+en",
        "measure" => "#indicator+type",
        "actor" => "#group+code",
        "claimant" => "#org+code+claimant",
        "claimant_name" => "#org+name+claimant+ar",
        "attribution_cue" => "#meta+cue+ar",
        "relayed_by" => "#org+code+relay",
        "denial" => "#meta+denial",
        "footnotes" => "#meta+footnotes",
        "confidence" => "#meta+confidence",
        "as_of" => "#date+reported",
        "as_of_source" => "#meta+date+source",
        _ => "#meta",
    }
}

/// What the data package says about itself.
#[derive(Debug, Clone)]
pub struct PackageMeta {
    pub version: String,
    pub lexicon_version: String,
}

/// When the data was made, reproducibly: `SOURCE_DATE_EPOCH` when set (the
/// reproducible-builds convention), else the newest publication date of the inputs.
pub fn created(newest_published: Option<&str>) -> String {
    if let Some(secs) = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.parse::<i64>().ok()) {
        let days = secs.div_euclid(86_400);
        return format!("{}T00:00:00Z", civil_from_days(days));
    }
    format!("{}T00:00:00Z", newest_published.unwrap_or("1970-01-01"))
}

/// ISO date of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> String {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The input documents as data-package sources, with their hashes: every one up to
/// [`crate::stream::KEPT_INPUTS`], then one entry that points to the `documents` table,
/// which has them all (path and sha256), so the descriptor stays small on an archive.
fn sources(summary: &Summary) -> Vec<Json> {
    let mut out: Vec<Json> = summary
        .inputs
        .iter()
        .map(|i| {
            let mut j = json!({ "title": i.title.clone().unwrap_or_else(|| i.path.clone()), "path": i.path, "sha256": i.sha256 });
            if let Some(u) = &i.url {
                j["url"] = json!(u);
            }
            j
        })
        .collect();
    let more = summary.n_inputs.saturating_sub(summary.inputs.len());
    if more > 0 {
        out.push(
            json!({ "title": format!("… and {more} more input documents: every input's path and sha256 are in the documents table"), "path": "documents.csv" }),
        );
    }
    out
}

/// The Frictionless Data Package descriptor for the written tables.
pub fn datapackage(schemas: &[TableSchema], summary: &Summary, meta: &PackageMeta) -> Json {
    let (version, lexicon_version) = (meta.version.as_str(), meta.lexicon_version.as_str());
    let mut resources = Vec::new();
    for s in schemas {
        resources.push(json!({
            "name": s.name, "title": s.title, "description": s.description,
            "path": format!("{}.csv", s.name), "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "profile": "tabular-data-resource",
            "schema": table_schema_json(s, ""),
        }));
    }
    for s in schemas {
        resources.push(json!({
            "name": format!("{}-parquet", s.name), "title": format!("{} (Parquet)", s.title), "description": s.description,
            "path": format!("{}.parquet", s.name), "format": "parquet", "mediatype": "application/vnd.apache.parquet",
            "schema": table_schema_json(s, "-parquet"),
        }));
    }
    json!({
        "profile": "data-package",
        "name": "arqam-figures",
        "title": "arqam: numeric figures in Arabic conflict reporting",
        "description": "Every numeric figure stated in the input reports, with what it counts, who claims it, the sources it cites, and where claimants disagree. Built by arqam.",
        "version": version,
        "keywords": ["Arabic", "conflict", "casualties", "figures", "ISIS", "SDF"],
        "created": summary.created,
        "licenses": [{ "name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0", "path": "https://creativecommons.org/licenses/by/4.0/" }],
        "sources": sources(summary),
        "contributors": [{ "title": "arqam developers", "role": "author" }],
        "arqam": { "lexicon_version": lexicon_version },
        "resources": resources,
    })
}

pub(crate) fn write_text(path: &Path, text: &str) -> Result<(), ExportError> {
    std::fs::write(path, text).map_err(io(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip() {
        for d in ["1970-01-01", "2022-01-23", "2000-02-29", "1999-12-31"] {
            assert_eq!(civil_from_days(days_from_civil(d).unwrap() as i64), d);
        }
    }

    #[test]
    fn civil_days() {
        assert_eq!(days_from_civil("1970-01-01"), Some(0));
        assert_eq!(days_from_civil("2022-01-23"), Some(19015));
        assert_eq!(days_from_civil("2000-02-29"), Some(11016));
        assert_eq!(days_from_civil("2022-13-01"), None);
    }

    #[test]
    fn csv_cells() {
        assert_eq!(csv_cell(&Value::Num(100.0)), "100");
        assert_eq!(csv_cell(&Value::Num(0.5)), "0.5");
        assert_eq!(csv_cell(&Value::IntList(vec![5, 6])), "[5,6]");
        assert_eq!(csv_cell(&Value::StrList(vec!["قسد".into()])), "[\"قسد\"]");
        assert_eq!(csv_cell(&Value::Null), "");
        assert_eq!(csv_cell(&Value::Joined("doc:1\0doc:7".into())), "[\"doc:1\",\"doc:7\"]");
        assert_eq!(csv_cell(&Value::Joined(String::new())), "[]");
    }
}
