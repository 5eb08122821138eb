//! One Parquet row group encoded here, with an encoding chosen per column, instead of by
//! polars' batched writer, which dictionary-encodes every string column of fewer than
//! 129 rows. A `documents` row group of one large document is exactly that: polars would
//! copy the whole text into a dictionary, then encode the dictionary page from that copy,
//! so the text sat in memory four times at the run's peak (issue 18). Plain-encoded, it
//! is the column, its page and the page's compressed form.
//!
//! The text itself reaches the column without a copy ([`owned_text_column`]).
//!
//! Everything else is what polars' `BatchedWriter::write_batch` does (same encodings for
//! the other columns, same options, same page compression), and the row group goes
//! through the same file writer, so the file stays one polars writes and reads.

use std::io::Write;

use polars::io::parquet::write::BatchedWriter;
use polars::prelude::*;
use polars_arrow::array::{Utf8ViewArray, View};
use polars_arrow::bitmap::Bitmap;
use polars_arrow::datatypes::ArrowDataType;
use polars_buffer::Buffer;
use polars_parquet::parquet::compression::Compression;
use polars_parquet::parquet::error::ParquetError;
use polars_parquet::parquet::CowBuffer;
use polars_parquet::write::{
    array_to_columns, get_dtype_encoding, CompressedDataPage, CompressedPage, CompressionOptions, Compressor, DynIter, DynStreamingIterator, Encoding,
    FallibleStreamingIterator, Page, Version, WriteOptions,
};

/// A text at least this long gets an Arrow buffer of its own, moved rather than copied.
const OWN_BUFFER_BYTES: usize = 64 * 1024;

/// A string column of `cells` (text or null) that takes each long text's bytes as its own
/// Arrow buffer instead of copying them, as `Series::new` would; short texts share one
/// buffer. A large document's text is then in memory once while its row group is built.
pub(crate) fn owned_text_column(name: PlSmallStr, cells: Vec<crate::dataset::Value>) -> PolarsResult<Column> {
    // Buffer 0 holds the short texts; each long one follows in a buffer of its own.
    let mut shared: Vec<u8> = Vec::new();
    let mut own: Vec<Buffer<u8>> = Vec::new();
    let mut views = Vec::with_capacity(cells.len());
    let mut valid = Vec::with_capacity(cells.len());
    for cell in cells {
        let crate::dataset::Value::Str(text) = cell else {
            views.push(View::default());
            valid.push(false);
            continue;
        };
        valid.push(true);
        polars_ensure!(text.len() <= u32::MAX as usize, ComputeError: "a text of {} bytes is too long for one Parquet cell", text.len());
        if text.len() < OWN_BUFFER_BYTES && shared.len() + text.len() <= u32::MAX as usize {
            views.push(View::new_from_bytes(text.as_bytes(), 0, shared.len() as u32));
            // Texts of up to 12 bytes live in the view itself.
            if text.len() > View::MAX_INLINE_SIZE as usize {
                shared.extend_from_slice(text.as_bytes());
            }
        } else {
            views.push(View::new_from_bytes(text.as_bytes(), own.len() as u32 + 1, 0));
            own.push(Buffer::from(text.into_bytes()));
        }
    }
    let buffers: Vec<Buffer<u8>> = std::iter::once(Buffer::from(shared)).chain(own).collect();
    let validity = valid.contains(&false).then(|| valid.into_iter().collect::<Bitmap>());
    let array = Utf8ViewArray::try_new(ArrowDataType::Utf8View, Buffer::from(views), Buffer::from(buffers), validity)?;
    let series = Series::from_arrow(name.clone(), array.boxed())?;
    // `Column::new` of a `&Series` keeps it a series column: `into_column` makes a one-row
    // series a scalar, which copies the text again.
    Ok(Column::new(name, &series))
}

/// Pages compressed by [`compress_streaming`] one at a time, as the file writer asks for
/// them.
struct StreamingCompressor<I> {
    pages: I,
    current: Option<CompressedPage>,
}

impl<I: Iterator<Item = PolarsResult<Page>>> FallibleStreamingIterator for StreamingCompressor<I> {
    type Item = CompressedPage;
    type Error = PolarsError;

    fn advance(&mut self) -> PolarsResult<()> {
        // The page before goes first: one page and its compressed form at a time.
        self.current = None;
        self.current = self.pages.next().transpose()?.map(compress_streaming).transpose()?;
        Ok(())
    }

    fn get(&self) -> Option<&CompressedPage> {
        self.current.as_ref()
    }
}

/// A data page compressed with zstd (polars' default level) as a stream into a buffer
/// that grows with the compressed bytes: polars' compressor first fills a buffer of the
/// worst-case size, as large as the page, which for a whole document's text is one more
/// copy of it at the run's peak.
fn compress_streaming(page: Page) -> PolarsResult<CompressedPage> {
    let Page::Data(page) = page else {
        polars_bail!(ComputeError: "a plain-encoded column has no dictionary page");
    };
    let raw = page.buffer();
    let mut encoder = zstd::stream::write::Encoder::new(Vec::new(), 0)?;
    // The frame states its size, as one compressed in one piece does.
    encoder.include_contentsize(true)?;
    encoder.set_pledged_src_size(Some(raw.len() as u64))?;
    std::io::Write::write_all(&mut encoder, raw)?;
    let compressed = encoder.finish()?;
    let num_rows = page.num_rows().unwrap_or(page.num_values());
    Ok(CompressedPage::Data(CompressedDataPage::new(
        page.header().clone(),
        CowBuffer::Owned(compressed),
        Compression::Zstd,
        raw.len(),
        page.descriptor.clone(),
        num_rows,
    )))
}

/// The page options of every table: polars' own for a writer built with
/// [`crate::write::parquet_writer`]'s compression and statistics.
pub(crate) fn page_options(statistics: StatisticsOptions, compression: ParquetCompression) -> WriteOptions {
    WriteOptions { statistics, version: Version::V1, compression: CompressionOptions::from(compression), data_page_size: None }
}

/// Writes `df` through `writer`'s file as row groups (one per chunk, as polars does), the
/// columns at `plain` plain-encoded and the others as polars encodes them.
pub(crate) fn write_with_plain_columns<W: Write>(writer: &mut BatchedWriter<W>, df: &DataFrame, plain: &[usize], options: WriteOptions) -> PolarsResult<()> {
    let fields = writer.parquet_schema().fields().to_vec();
    for batch in df.iter_chunks(CompatLevel::newest(), false) {
        if batch.is_empty() {
            continue;
        }
        let num_rows = batch.len() as u64;
        let mut columns = Vec::with_capacity(fields.len());
        for (i, (array, parquet_type)) in batch.columns().iter().zip(&fields).enumerate() {
            let encodings = if plain.contains(&i) { vec![Encoding::Plain] } else { get_dtype_encoding(array.dtype()) };
            for pages in array_to_columns(array, parquet_type.clone(), options, &encodings)? {
                if plain.contains(&i) && matches!(options.compression, CompressionOptions::Zstd(_)) {
                    columns.push(Ok(DynStreamingIterator::new(StreamingCompressor { pages, current: None })));
                    continue;
                }
                // As polars' writer does: pages are compressed one at a time, as the file
                // writer asks for them.
                let pages = pages.map(|page| page.map_err(|e| ParquetError::FeatureNotSupported(format!("reraised in polars: {e}"))));
                let compressed = Compressor::new_from_vec(pages, options.compression, Vec::new()).map_err(PolarsError::from);
                columns.push(Ok(DynStreamingIterator::new(compressed)));
            }
        }
        let file = writer.get_writer();
        let mut file = file.lock().map_err(|_| polars_err!(ComputeError: "a previous row group failed while being written"))?;
        file.write(num_rows, DynIter::new(columns.into_iter()))?;
    }
    Ok(())
}
