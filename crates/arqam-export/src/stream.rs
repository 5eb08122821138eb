//! The streaming writer: rows go to CSV as they arrive and to Parquet in bounded row
//! groups, so memory depends on the batch size and the largest document, never on the
//! size of the corpus. Everything is written into a fresh sibling folder that replaces the
//! output folder only when complete, so a failed or killed run never leaves half a dataset.
//!
//! Row groups are cut by row and byte counts only (never by timing or thread count), so
//! the same input gives byte-identical files.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use arqam_lexicon::Lexicon;
use arqam_model::Rejection;
use polars::io::parquet::write::BatchedWriter;

use crate::dataset::{actor_rows, error_rows, CodePoints, DocRows, InputSummary, Value, WrittenFigures};
use crate::disputes::slot;
use crate::place::{self, OutputLock, PlaceError};
use crate::schema::{self, TableSchema};
use crate::write::{csv_cell, datapackage, hxl_tag, io, parquet_writer, to_dataframe, write_text, ExportError, PackageMeta};

/// The disputes' figure ids wait in this file of the temporary output folder (removed
/// before the folder takes the output's place).
pub(crate) const ID_LOG: &str = ".disputes-figure-ids";

/// How the output is written.
#[derive(Debug, Clone, Copy, Default)]
pub struct WriteOptions {
    /// Replace a folder of arqam's file names that has no marker ([`place::check_owned`]).
    pub force: bool,
    /// Write CSV text cells exactly as extracted, without [`spreadsheet_safe`]'s guard.
    pub raw_csv: bool,
}

/// A CSV text cell that a spreadsheet would run as a formula (it starts with `=`, `+`,
/// `-`, `@`, a tab or a carriage return) gets a leading `'`, as OWASP recommends against
/// CSV injection: a journalist opening the table in a spreadsheet sees text, and nothing
/// runs. Parquet and the data package keep the text as it is.
pub fn spreadsheet_safe(text: &str) -> std::borrow::Cow<'_, str> {
    match text.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => format!("'{text}").into(),
        _ => text.into(),
    }
}

/// When a table's pending rows become a Parquet row group.
#[derive(Debug, Clone, Copy)]
pub struct BatchLimits {
    pub rows: usize,
    /// Approximate bytes of the pending cells (strings dominate: `documents.text`).
    pub bytes: usize,
}

impl Default for BatchLimits {
    fn default() -> Self {
        BatchLimits { rows: 65_536, bytes: 8 << 20 }
    }
}

/// Row groups of a large document's rows ([`DatasetWriter`]'s deferred documents): small,
/// so that the rows waiting for Parquet stay a fraction of the document.
const DEFERRED_GROUP: BatchLimits = BatchLimits { rows: 4096, bytes: 1 << 20 };

/// How many inputs the summary keeps by name (the card lists 50, the data package's
/// `sources` up to this many): beyond it only counts, so memory does not grow with the corpus.
pub const KEPT_INPUTS: usize = 1000;

/// What was written, for the card, the data package and the command's summary: small,
/// whatever the corpus (the first [`KEPT_INPUTS`] inputs, counts, the disputes).
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// The first [`KEPT_INPUTS`] inputs, in input order.
    pub inputs: Vec<InputSummary>,
    /// Every input written.
    pub n_inputs: usize,
    /// Diagnostics over every input (`documents.warnings`).
    pub n_warnings: usize,
    /// Rows written per table, in schema order.
    pub rows: Vec<(&'static str, usize)>,
    /// Figures by measure, then by claimant.
    pub by_measure: BTreeMap<String, BTreeMap<String, usize>>,
    /// The rows of the `disputes` table without `figure_ids` (the last list column), which
    /// grows with the corpus and is only in the written table.
    pub disputes: Vec<Vec<Value>>,
    /// The data package's `created` (reproducible: see [`crate::write::created`]).
    pub created: String,
}

impl Summary {
    pub fn rows(&self, table: &str) -> usize {
        self.rows.iter().find(|(t, _)| *t == table).map_or(0, |(_, n)| *n)
    }
}

type CsvOut = csv::Writer<BufWriter<File>>;

fn csv_writer(path: &Path) -> Result<CsvOut, ExportError> {
    let file = File::create(path).map_err(io(path))?;
    Ok(csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(BufWriter::with_capacity(1 << 16, file)))
}

/// One table on its way to disk.
struct Sink {
    schema: TableSchema,
    csv: CsvOut,
    csv_path: PathBuf,
    /// `figures.hxl.csv`: the figures again, with a row of HXL hashtags. It gets its two
    /// header rows at once and the records, copied from the table's CSV, at the end.
    hxl: Option<(CsvOut, PathBuf)>,
    parquet: BatchedWriter<BufWriter<File>>,
    /// Columns holding whole documents, plain-encoded ([`crate::row_group`]).
    plain_columns: Vec<usize>,
    pending: Vec<Vec<Value>>,
    pending_bytes: usize,
    rows: usize,
    /// Text cells as they are, without the spreadsheet-formula guard ([`WriteOptions`]).
    raw_csv: bool,
}

fn approx_bytes(row: &[Value]) -> usize {
    row.iter()
        .map(|v| match v {
            Value::Str(s) | Value::Date(s) => s.len() + 24,
            Value::StrList(l) => l.iter().map(|s| s.len() + 24).sum::<usize>() + 24,
            Value::Joined(s) => s.len() + 24,
            Value::IntList(l) => l.len() * 8 + 24,
            _ => 16,
        })
        .sum()
}

impl Sink {
    fn create(dir: &Path, schema: TableSchema, raw_csv: bool) -> Result<Sink, ExportError> {
        let csv_path = dir.join(format!("{}.csv", schema.name));
        let mut csv = csv_writer(&csv_path)?;
        let cerr = |p: &Path| {
            let p = p.to_path_buf();
            move |source| ExportError::Csv { path: p, source }
        };
        csv.write_record(schema.field_names()).map_err(cerr(&csv_path))?;
        let hxl = if schema.name == "figures" {
            let path = dir.join("figures.hxl.csv");
            let mut w = csv_writer(&path)?;
            w.write_record(schema.field_names()).map_err(cerr(&path))?;
            w.write_record(schema.fields.iter().map(|f| hxl_tag(f.name))).map_err(cerr(&path))?;
            Some((w, path))
        } else {
            None
        };
        let parquet = parquet_writer(&schema, &dir.join(format!("{}.parquet", schema.name)))?;
        let plain_columns = crate::write::whole_text_columns(&schema);
        Ok(Sink { schema, csv, csv_path, hxl, parquet, plain_columns, pending: Vec::new(), pending_bytes: 0, rows: 0, raw_csv })
    }

    fn push(&mut self, row: Vec<Value>, limits: BatchLimits) -> Result<(), ExportError> {
        let cerr = |source| ExportError::Csv { path: self.csv_path.clone(), source };
        // Cell by cell: integers (offsets, ids, counts: most cells) are formatted on the
        // stack, the rest borrowed or rendered by csv_cell.
        let mut digits = itoa::Buffer::new();
        for v in &row {
            match v {
                Value::Int(i) => self.csv.write_field(digits.format(*i)),
                Value::Str(text) if !self.raw_csv => self.csv.write_field(spreadsheet_safe(text).as_bytes()),
                v => self.csv.write_field(csv_cell(v).as_bytes()),
            }
            .map_err(cerr)?;
        }
        self.csv.write_record(None::<&[u8]>).map_err(cerr)?;
        self.pending_bytes += approx_bytes(&row);
        self.pending.push(row);
        self.rows += 1;
        if self.pending.len() >= limits.rows || self.pending_bytes >= limits.bytes {
            self.flush()?;
        }
        Ok(())
    }

    /// The pending rows become one Parquet row group.
    fn flush(&mut self) -> Result<(), ExportError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let perr = |source| ExportError::Polars { table: self.schema.name.to_string(), source };
        // Whole texts are moved out of the rows into their columns; the rest is copied.
        let texts: Vec<(usize, Vec<Value>)> =
            self.plain_columns.iter().map(|&c| (c, self.pending.iter_mut().map(|r| std::mem::replace(&mut r[c], Value::Null)).collect())).collect();
        let mut df = to_dataframe(&self.schema, &self.pending).map_err(perr)?;
        // The frame holds its own copy of every other cell: the rows go before it is
        // encoded, so nothing is held twice while polars makes its working copies.
        self.pending.clear();
        self.pending_bytes = 0;
        if texts.is_empty() {
            self.parquet.write_batch(&df).map_err(perr)?;
        } else {
            for (c, cells) in texts {
                let column = crate::row_group::owned_text_column(self.schema.fields[c].name.into(), cells).map_err(perr)?;
                df.replace_column(c, column).map_err(perr)?;
            }
            let options = crate::write::page_options(&self.schema);
            crate::row_group::write_with_plain_columns(&mut self.parquet, &df, &self.plain_columns, options).map_err(perr)?;
        }
        Ok(())
    }

    fn finish(mut self) -> Result<usize, ExportError> {
        self.flush()?;
        self.parquet.finish().map_err(|source| ExportError::Polars { table: self.schema.name.to_string(), source })?;
        self.csv.flush().map_err(io(&self.csv_path))?;
        if let Some((w, path)) = self.hxl.take() {
            let mut out = w.into_inner().map_err(|e| io(&path)(e.into_error()))?;
            // The records of the CSV just written, after its header line (field names
            // hold no line break).
            let mut records = std::io::BufReader::new(File::open(&self.csv_path).map_err(io(&self.csv_path))?);
            std::io::BufRead::read_until(&mut records, b'\n', &mut Vec::new()).map_err(io(&self.csv_path))?;
            std::io::copy(&mut records, &mut out).map_err(io(&path))?;
            out.flush().map_err(io(&path))?;
        }
        Ok(self.rows)
    }
}

/// Writes a dataset one document at a time. Create it, [`add`](Self::add) each document's
/// rows in the order they should appear, then [`finish`](Self::finish); dropping it
/// unfinished (an error, `--strict`) removes the partial files and leaves `out` as it was.
pub struct DatasetWriter {
    out: PathBuf,
    tmp: PathBuf,
    /// Held from creation to the swap: one run at a time per output.
    _lock: OutputLock,
    schemas: Vec<TableSchema>,
    sinks: Vec<Option<Sink>>,
    limits: BatchLimits,
    inputs: Vec<InputSummary>,
    n_inputs: usize,
    n_warnings: usize,
    newest_published: Option<String>,
    by_measure: BTreeMap<String, BTreeMap<String, usize>>,
    disputes: crate::disputes::Tally,
    /// Where `measure`, `claimant` and the other tallied cells sit in a figures row.
    figure_cols: crate::disputes::FigureColumns,
    finished: bool,
}

impl DatasetWriter {
    /// A writer for `out`, which must be arqam's to replace ([`place::check_owned`]; `force`
    /// accepts a folder of arqam's file names without a marker).
    pub fn create(out: &Path, limits: BatchLimits) -> Result<DatasetWriter, PlaceError> {
        Self::create_with(out, limits, WriteOptions::default())
    }

    pub fn create_with(out: &Path, limits: BatchLimits, options: WriteOptions) -> Result<DatasetWriter, PlaceError> {
        let force = options.force;
        let names = schema::table_names();
        // Checked before the lock too, so a refused path gets no lock file beside it.
        place::check_owned(out, force, &names)?;
        let lock = place::lock(out)?;
        // Under the lock no live run owns a leftover, so recovering cannot hurt another run.
        place::recover(out, &names)?;
        place::check_owned(out, force, &names)?;
        let tmp = place::temp_folder(out)?;
        let schemas = schema::tables();
        let id_log = tmp.join(ID_LOG);
        let disputes = crate::disputes::Tally::spilling_to(id_log.clone()).map_err(io(&id_log))?;
        let figure_cols = crate::disputes::FigureColumns::of(schemas.iter().find(|s| s.name == "figures").expect("a figures table"));
        let mut writer = DatasetWriter {
            out: out.to_path_buf(),
            tmp,
            _lock: lock,
            schemas: schemas.clone(),
            sinks: Vec::new(),
            limits,
            inputs: Vec::new(),
            n_inputs: 0,
            n_warnings: 0,
            newest_published: None,
            by_measure: BTreeMap::new(),
            disputes,
            figure_cols,
            finished: false,
        };
        for s in schemas {
            writer.sinks.push(Some(Sink::create(&writer.tmp, s, options.raw_csv)?));
        }
        Ok(writer)
    }

    fn index(&self, table: &str) -> usize {
        self.schemas.iter().position(|s| s.name == table).unwrap_or_else(|| panic!("no table {table} in the schema"))
    }

    fn sink(&mut self, table: &str) -> &mut Sink {
        let i = self.index(table);
        self.sinks[i].as_mut().unwrap_or_else(|| panic!("table {table} already finished"))
    }

    /// Appends one document's rows to every table.
    pub fn add(&mut self, doc: DocRows) -> Result<(), ExportError> {
        for (table, rows) in doc.tables {
            for r in rows {
                self.push(table, r)?;
            }
        }
        if let Some(d) = doc.deferred {
            self.add_deferred(*d, None)?;
        }
        self.note_input(doc.input);
        Ok(())
    }

    /// A document written while it is extracted: its figures go to the returned stream as
    /// the extractor hands them on, then [`add_streamed`](Self::add_streamed) writes the
    /// rest. Its figures are never all in memory, nor their rows.
    pub fn stream_figures(&mut self, doc_id: &str) -> FigureStream<'_> {
        FigureStream { writer: self, doc_id: doc_id.to_string(), counts: None, written: WrittenFigures::default(), error: None }
    }

    /// The rest of a document whose figures went to [`stream_figures`](Self::stream_figures)
    /// (`d.figures` is empty), written row by row as [`add`](Self::add) writes a large one.
    pub fn add_streamed(&mut self, d: arqam_model::ExtractedDoc, figures: WrittenFigures) -> Result<(), ExportError> {
        let input = crate::dataset::input_summary(&d);
        self.add_deferred(d, Some(figures))?;
        self.note_input(input);
        Ok(())
    }

    fn note_input(&mut self, input: InputSummary) {
        self.n_inputs += 1;
        self.n_warnings += input.n_warnings;
        if input.published > self.newest_published {
            self.newest_published.clone_from(&input.published);
        }
        if self.inputs.len() < KEPT_INPUTS {
            self.inputs.push(input);
        }
    }

    /// A large document's rows, made one at a time, in row groups of at most
    /// [`DEFERRED_GROUP`]; each table's last group is written as soon as the document's last
    /// row for it is in. Held to the usual limits, the rows of every table (about 1 KB per
    /// figure) would wait in memory together, several times the document's size.
    fn add_deferred(&mut self, d: arqam_model::ExtractedDoc, written: Option<WrittenFigures>) -> Result<(), ExportError> {
        let limits = self.deferred_limits();
        // The streamed figures' last row group.
        if written.is_some() {
            self.sink("figures").flush()?;
        }
        let mut current: Option<&'static str> = None;
        crate::dataset::each_row_after(d, written, |table, row| {
            if let Some(done) = current.filter(|t| *t != table) {
                self.sink(done).flush()?;
            }
            current = Some(table);
            self.push_within(table, row, limits)
        })?;
        match current {
            Some(last) => self.sink(last).flush(),
            None => Ok(()),
        }
    }

    fn deferred_limits(&self) -> BatchLimits {
        BatchLimits { rows: self.limits.rows.min(DEFERRED_GROUP.rows), bytes: self.limits.bytes.min(DEFERRED_GROUP.bytes) }
    }

    /// One row into its table; a figure is tallied for the summary and the disputes too.
    fn push(&mut self, table: &'static str, row: Vec<Value>) -> Result<(), ExportError> {
        self.push_within(table, row, self.limits)
    }

    /// [`push`](Self::push) with the row-group limits given.
    fn push_within(&mut self, table: &'static str, row: Vec<Value>, limits: BatchLimits) -> Result<(), ExportError> {
        if table == "figures" {
            let (m, c) = (csv_cell(&row[self.figure_cols.measure]), csv_cell(&row[self.figure_cols.claimant]));
            *slot(slot(&mut self.by_measure, &m), &c) += 1;
            self.disputes.add(&row, self.figure_cols).map_err(io(&self.tmp.join(ID_LOG)))?;
        }
        self.sink(table).push(row, limits)
    }

    fn finish_table(&mut self, table: &str) -> Result<usize, ExportError> {
        let i = self.index(table);
        self.sinks[i].take().map_or(Ok(0), Sink::finish)
    }

    /// Writes the last tables (errors, actors, and `disputes`, tallied from the figures as
    /// they were added), the chart, the card and `datapackage.json`, then puts the new
    /// output in place of the old.
    pub fn finish(mut self, rejected: &[Rejection], lex: &Lexicon, meta: &PackageMeta) -> Result<Summary, ExportError> {
        let limits = self.limits;
        for r in error_rows(rejected) {
            self.sink("errors").push(r, limits)?;
        }
        for r in actor_rows(lex) {
            self.sink("actors").push(r, limits)?;
        }
        let mut rows = Vec::new();
        for s in self.schemas.clone() {
            if s.name != "disputes" {
                rows.push((s.name, self.finish_table(s.name)?));
            }
        }
        let (disputes, ranges) = std::mem::take(&mut self.disputes).finish().map_err(io(&self.tmp.join(ID_LOG)))?;
        let ids = self.schemas[self.index("disputes")].fields.iter().position(|f| f.name == "figure_ids");
        let mut compact = Vec::with_capacity(disputes.len());
        for r in disputes {
            compact.push(r.iter().enumerate().map(|(i, v)| if Some(i) == ids { Value::Null } else { v.clone() }).collect());
            self.sink("disputes").push(r, limits)?;
        }
        rows.push(("disputes", self.finish_table("disputes")?));
        // Back in schema order, for the card and the command's summary.
        rows.sort_by_key(|(name, _)| self.index(name));
        let summary = Summary {
            created: crate::write::created(self.newest_published.as_deref()),
            inputs: std::mem::take(&mut self.inputs),
            n_inputs: self.n_inputs,
            n_warnings: self.n_warnings,
            rows,
            by_measure: std::mem::take(&mut self.by_measure),
            disputes: compact,
        };
        write_text(&self.tmp.join("disputes.svg"), &crate::card::disputes_svg(&ranges))?;
        let provenance =
            crate::card::Provenance { arqam_version: meta.version.clone(), lexicon_version: meta.lexicon_version.clone(), created: summary.created.clone() };
        // The data package describes the actor ids of the lexicon this run used.
        let groups: Vec<String> = lex.actors.iter().map(|a| a.group.clone()).filter(|g| !g.is_empty()).collect();
        let described = schema::tables_for_groups(&groups);
        write_text(&self.tmp.join("README.md"), &crate::card::card(&described, &summary, &provenance))?;
        let dp = datapackage(&described, &summary, meta);
        let mut text = serde_json::to_string_pretty(&dp).unwrap_or_default();
        text.push('\n');
        write_text(&self.tmp.join("datapackage.json"), &text)?;
        write_text(&self.tmp.join(place::MARKER), "This folder was written by arqam; a next run may replace it.\n")?;
        place::swap_into_place(&self.tmp, &self.out, &schema::table_names())?;
        self.finished = true;
        Ok(summary)
    }
}

/// The figures of one document on their way to the `figures` table, one row at a time
/// ([`DatasetWriter::stream_figures`]).
pub struct FigureStream<'w> {
    writer: &'w mut DatasetWriter,
    doc_id: String,
    /// The code-point index of the document's text, made at the first figure.
    counts: Option<Vec<u32>>,
    written: WrittenFigures,
    /// The first error; the figures after it are not written.
    error: Option<ExportError>,
}

impl FigureStream<'_> {
    /// Writes the next figure of the document whose display text is `text`.
    pub fn push(&mut self, text: &str, f: arqam_model::Figure) {
        if self.error.is_some() {
            return;
        }
        self.written.add(&f);
        let cp = match self.counts.take() {
            Some(counts) => CodePoints::from_counts(text, counts),
            None => CodePoints::new(text),
        };
        let row = crate::dataset::figure_row(&self.doc_id, &cp, &f);
        self.counts = Some(cp.into_counts());
        let limits = self.writer.deferred_limits();
        if let Err(e) = self.writer.push_within("figures", row, limits) {
            self.error = Some(e);
        }
    }

    /// What the document's other rows need of its figures, or the first error.
    pub fn finish(self) -> Result<WrittenFigures, ExportError> {
        match self.error {
            Some(e) => Err(e),
            None => Ok(self.written),
        }
    }
}

impl Drop for DatasetWriter {
    fn drop(&mut self) {
        if !self.finished {
            // Close the files before removing them; errors here have nowhere to go.
            self.sinks.clear();
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arqam_model::ExtractedDoc;
    use polars::prelude::*;

    fn docs(lex: &Lexicon) -> Vec<ExtractedDoc> {
        let texts = [
            "قالت قوات سوريا الديمقراطية إن 200 مسلح من تنظيم داعش هاجموا السجن.",
            "وأعلن تنظيم داعش أن 12 من مقاتليه فقط شاركوا في الهجوم على السجن، وقتل 30 من عناصر قسد.",
            "وذكر المرصد السوري أن نحو 3500 سجين كانوا في السجن، وفر منهم العشرات.",
        ];
        (0..40)
            .map(|i| {
                let mut d = arqam_extract::extract_text(texts[i % texts.len()], lex);
                d.doc.doc_id = format!("doc{i:03}");
                d.doc.path = format!("doc{i:03}.txt");
                d
            })
            .collect()
    }

    fn meta() -> PackageMeta {
        PackageMeta { version: "test".into(), lexicon_version: "test".into() }
    }

    /// Two outputs hold the same tables: CSV byte for byte, Parquet value for value.
    fn assert_same_tables(a: &Path, b: &Path) {
        for t in ["documents", "sentences", "figures", "sources", "dates", "disputes"] {
            let csv = |d: &Path| std::fs::read(d.join(format!("{t}.csv"))).unwrap();
            assert_eq!(csv(a), csv(b), "{t}.csv");
            let read = |d: &Path| ParquetReader::new(File::open(d.join(format!("{t}.parquet"))).unwrap()).finish().unwrap();
            assert!(read(a).equals_missing(&read(b)), "{t}.parquet");
        }
    }

    fn row_groups(path: &Path) -> usize {
        let mut f = File::open(path).unwrap();
        ParquetReader::new(&mut f).get_metadata().unwrap().row_groups.len()
    }

    #[test]
    fn small_batches_write_the_same_rows_in_many_row_groups() {
        let lex = Lexicon::builtin();
        let docs = docs(&lex);
        let dir = tempfile::tempdir().unwrap();
        let (whole, streamed) = (dir.path().join("whole"), dir.path().join("streamed"));
        let a = crate::write_dataset(&whole, &docs, &[], &lex, &meta(), BatchLimits::default()).unwrap();
        let b = crate::write_dataset(&streamed, &docs, &[], &lex, &meta(), BatchLimits { rows: 7, bytes: 1 << 30 }).unwrap();
        assert!(a.rows("figures") >= 40, "{:?}", a.rows);
        assert_eq!(a.rows, b.rows);
        assert_eq!(a.disputes, b.disputes);
        assert!(!a.disputes.is_empty(), "the attackers figures of sdf and isis disagree");
        assert_same_tables(&whole, &streamed);
        // The HXL file is the figures CSV with the hashtag row after the header.
        let text = |p: PathBuf| std::fs::read_to_string(p).unwrap();
        let (plain, hxl) = (text(whole.join("figures.csv")), text(whole.join("figures.hxl.csv")));
        let (header, records) = plain.split_once('\n').unwrap();
        let (hxl_header, rest) = hxl.split_once('\n').unwrap();
        let (tags, hxl_records) = rest.split_once('\n').unwrap();
        assert_eq!((hxl_header, hxl_records), (header, records));
        assert!(tags.starts_with('#') && records.lines().count() == a.rows("figures"), "{tags}");
        assert_eq!(row_groups(&whole.join("figures.parquet")), 1);
        assert!(row_groups(&streamed.join("figures.parquet")) >= a.rows("figures") / 7);
        // A byte budget cuts row groups too: each document's text is a large cell.
        let c = crate::write_dataset(&dir.path().join("bytes"), &docs, &[], &lex, &meta(), BatchLimits { rows: usize::MAX, bytes: 1000 }).unwrap();
        assert_eq!(c.rows, a.rows);
        assert!(row_groups(&dir.path().join("bytes/documents.parquet")) > 5);
    }

    #[test]
    fn a_large_document_written_row_by_row_gives_the_same_tables() {
        let lex = Lexicon::builtin();
        // Large enough to be deferred to the writer, with figures on every line.
        let line = "قالت قوات سوريا الديمقراطية إن 200 مسلح من تنظيم داعش هاجموا السجن. وفر منهم العشرات.\n\n";
        let text = line.repeat(crate::dataset::DEFER_ROWS_BYTES / line.len() + 10);
        let mut large = arqam_extract::extract_text(&text, &lex);
        large.doc.doc_id = "large".into();
        let mut docs = docs(&lex);
        docs.insert(1, large);
        let dir = tempfile::tempdir().unwrap();
        let (eager, deferred) = (dir.path().join("eager"), dir.path().join("deferred"));
        let a = crate::write_dataset(&eager, &docs, &[], &lex, &meta(), BatchLimits::default()).unwrap();
        let mut w = DatasetWriter::create(&deferred, BatchLimits::default()).unwrap();
        for d in docs.clone() {
            let rows = crate::into_doc_rows(d);
            // The large document (path `-`, from `extract_text`) alone is deferred.
            assert_eq!(rows.deferred.is_some(), rows.input.path == "-", "{}", rows.input.path);
            assert_eq!(rows.deferred.is_some(), rows.tables.is_empty());
            w.add(rows).unwrap();
        }
        let b = w.finish(&[], &lex, &meta()).unwrap();
        assert!(a.rows("figures") > 3000, "{:?}", a.rows);
        assert_eq!(a.rows, b.rows);
        assert_eq!(a.disputes, b.disputes);
        assert_same_tables(&eager, &deferred);
        // The deferred document's figures went out in small row groups.
        assert!(row_groups(&deferred.join("figures.parquet")) > 2);

        // The same document written while it is extracted: its figures as the extractor
        // hands them on, then the rest.
        let streamed = dir.path().join("streamed");
        let mut w = DatasetWriter::create(&streamed, BatchLimits::default()).unwrap();
        for (i, d) in docs.iter().enumerate() {
            if i != 1 {
                w.add(crate::doc_rows(d)).unwrap();
                continue;
            }
            let mut parsed = arqam_parse::parse_document("stdin", "-", text.as_bytes(), Some(arqam_model::Format::Plain), &lex);
            parsed.doc_id = "large".into();
            let mut figures = w.stream_figures("large");
            let rest = arqam_extract::extract_streaming(parsed, &lex, &mut |text, f| figures.push(text, f));
            let written = figures.finish().unwrap();
            assert!(rest.figures.is_empty());
            w.add_streamed(rest, written).unwrap();
        }
        let c = w.finish(&[], &lex, &meta()).unwrap();
        assert_eq!(a.rows, c.rows);
        assert_eq!(a.disputes, c.disputes);
        assert_same_tables(&eager, &streamed);
        // The large text, moved into its column and plain-encoded, reads back whole.
        let documents = ParquetReader::new(File::open(streamed.join("documents.parquet")).unwrap()).finish().unwrap();
        let texts = documents.column("text").unwrap().str().unwrap().clone();
        assert_eq!(texts.get(1).map(str::len), Some(text.trim_end().len()));
        assert_eq!(texts.get(1), Some(text.trim_end()));
    }

    #[test]
    fn an_unfinished_writer_leaves_the_old_output_alone() {
        let lex = Lexicon::builtin();
        let docs = docs(&lex);
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        crate::write_dataset(&out, &docs[..2], &[], &lex, &meta(), BatchLimits::default()).unwrap();
        let before = std::fs::read(out.join("figures.csv")).unwrap();
        let mut w = DatasetWriter::create(&out, BatchLimits { rows: 3, bytes: 1 << 30 }).unwrap();
        for d in &docs {
            w.add(crate::doc_rows(d)).unwrap();
        }
        drop(w);
        assert_eq!(std::fs::read(out.join("figures.csv")).unwrap(), before);
        let mut left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        left.sort();
        assert_eq!(left, [".out.lock", "out"], "no temporary folder is left behind, only the lock file");
    }
}
