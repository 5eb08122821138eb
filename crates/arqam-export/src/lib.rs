//! # arqam-export: the dataset on disk
//!
//! Everything the user opens is written here: each table of SPEC.md as `NAME.csv` and
//! `NAME.parquet`, and `datapackage.json` describing them. All three come from **one**
//! schema definition ([`schema::tables`]): a column's name, type, description and
//! allowed values are written once, and the CSV header, the Parquet column type and the
//! Table Schema field are all derived from it, so they cannot drift apart.
//!
//! Tables are streamed ([`stream::DatasetWriter`]): CSV rows as they come, Parquet in
//! bounded row groups, so memory does not grow with the corpus.
//!
//! This crate also converts the byte spans of the pipeline into the code-point offsets of
//! the contract (`documents.text[start:end] == surface` in Python), and derives the
//! `disputes` table from the figures.
//!
//! polars and arrow live here and nowhere else, so the other crates rebuild fast. This
//! crate never parses or extracts: it receives finished [`arqam_model::ExtractedDoc`]s.

pub mod card;
pub mod dataset;
pub mod disputes;
pub mod place;
mod row_group;
pub mod schema;
pub mod stream;
pub mod write;

pub use dataset::{doc_rows, into_doc_rows, CodePoints, DocRows, InputSummary, Value, WrittenFigures, DEFER_ROWS_BYTES};
pub use place::PlaceError;
pub use stream::{spreadsheet_safe, BatchLimits, DatasetWriter, FigureStream, Summary, WriteOptions};
pub use write::{ExportError, PackageMeta};

/// Writes a whole dataset from documents already in memory (tests, small runs); the
/// command line streams through [`DatasetWriter`] instead.
pub fn write_dataset(
    out: &std::path::Path,
    docs: &[arqam_model::ExtractedDoc],
    rejected: &[arqam_model::Rejection],
    lex: &arqam_lexicon::Lexicon,
    meta: &PackageMeta,
    limits: BatchLimits,
) -> Result<Summary, PlaceError> {
    let mut w = DatasetWriter::create(out, limits)?;
    for d in docs {
        w.add(doc_rows(d))?;
    }
    Ok(w.finish(rejected, lex, meta)?)
}
