//! # arqam-export: the dataset on disk
//!
//! Everything the user opens is written here: each table of SPEC.md as `NAME.csv` and
//! `NAME.parquet`, and `datapackage.json` describing them. All three come from **one**
//! schema definition ([`schema::tables`]): a column's name, type, description and
//! allowed values are written once, and the CSV header, the Parquet column type and the
//! Table Schema field are all derived from it, so they cannot drift apart.
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
pub mod schema;
pub mod write;

pub use dataset::{build_tables, CodePoints, Table, Value};
pub use write::{write_dataset, ExportError};
