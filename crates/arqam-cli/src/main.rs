//! # arqam: Arabic conflict reporting → open datasets of figures
//!
//! The binary walks the input folder, runs parse → extract on every document in parallel
//! (rayon; output order is the sorted file order, whatever the thread count), and hands
//! the results to the exporter. File-system walking, progress bars and exit codes live
//! here and nowhere else.

mod corpus;
mod inputs;
mod manifest;
mod memory;

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use arqam_extract::{extract_document, extract_text};
use arqam_lexicon::Lexicon;
use arqam_model::Format;
use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

/// mimalloc: many small per-token strings are allocated and freed on every core; it was
/// faster than glibc malloc and kept the resident size from creeping up (docs/decisions.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "arqam",
    version,
    about = "Turn Arabic conflict reporting into open datasets of figures, claimants and sources.",
    after_help = "Examples:\n  arqam build-dataset                     # seeds/ → output/\n  arqam build-dataset --seeds corpus --out data\n  echo 'قتل 12 مدنيا بحسب المرصد' | arqam extract\n  arqam extract --lines < phrases.txt     # one case per line\n  arqam extract --numbers --text 'بين 10 إلى 12 ألف'\n\nExit codes: 0 success; 1 error (bad arguments, unreadable input folder, output not written,\nan --out that is not arqam's to replace); 2 some files were rejected (the others were written;\nsee stderr and output/errors.csv); 3 files were rejected under --strict (nothing written);\n4 no file could be read (the previous output is kept).\nNo colours are used, so NO_COLOR needs no handling; the progress bar shows only on a terminal."
)]
struct Cli {
    /// Folder of lexicon files (actors.csv, cues.csv, units.csv, …); defaults to ./lexicons
    /// when it exists, else the lexicons compiled into the binary.
    #[arg(long, global = true)]
    lexicons: Option<PathBuf>,
    /// No progress bar and no summary.
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct BuildArgs {
    /// The folder of input documents (searched recursively; `NAME.arqam` sidecars set
    /// `encoding = …` and `format = …` for `NAME`).
    #[arg(long, default_value = "seeds")]
    seeds: PathBuf,
    /// Where the tables go; replaced as a whole only when the new output is complete.
    #[arg(long, default_value = "output")]
    out: PathBuf,
    /// Force the format of every document (article, pdf_text, plain).
    #[arg(long)]
    format: Option<String>,
    /// Read files without a BOM in this encoding instead of detecting it.
    #[arg(long)]
    encoding: Option<String>,
    /// Files larger than this are rejected.
    #[arg(long, default_value_t = 64 * 1024 * 1024)]
    max_bytes: u64,
    /// Any rejected file is fatal: exit 3 and leave the output as it was.
    #[arg(long)]
    strict: bool,
    /// Write CSV text cells exactly as extracted. By default a cell that a spreadsheet would
    /// run as a formula (starting with = + - @) gets a leading ' (OWASP's CSV-injection
    /// advice); Parquet always keeps the text as it is.
    #[arg(long)]
    raw_csv: bool,
    /// Memory (in MB) the run may use; a document too large for it is rejected alone.
    /// Default: what the system (or the container's cgroup) has available at the start.
    #[arg(long)]
    max_memory: Option<u64>,
    /// Seconds `pdftotext` may take on one PDF before the file is rejected.
    #[arg(long, default_value_t = 60)]
    pdf_timeout: u64,
    /// Replace an --out folder that holds only arqam's file names but no marker that arqam
    /// wrote it. A folder with any other file is never replaced.
    #[arg(long)]
    force: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Generate a benchmark corpus of a given size from the seeds and the extraction
    /// fixtures (deterministic for a seed).
    Corpus {
        #[arg(long, default_value = "seeds")]
        seeds: PathBuf,
        #[arg(long)]
        out: PathBuf,
        /// Size in megabytes.
        #[arg(long, default_value_t = 50)]
        size_mb: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Read every document in --seeds and write all tables (CSV + Parquet) and
    /// datapackage.json to --out.
    BuildDataset(BuildArgs),
    /// Print the figures and dates of text from stdin (or --text) as JSON lines.
    Extract {
        /// The text to read instead of stdin.
        #[arg(long)]
        text: Option<String>,
        /// Treat each input line as a separate case (the output carries its line number).
        #[arg(long)]
        lines: bool,
        /// Print every number the number layer reads (counts, ranges, fractions,
        /// ordinals, percentages) instead of figures and dates.
        #[arg(long)]
        numbers: bool,
    },
}

fn load_lexicon(dir: Option<&Path>) -> Result<Lexicon> {
    match dir {
        Some(d) if !d.is_dir() => bail!("--lexicons {}: no such folder", inputs::shown(d)),
        Some(d) => Lexicon::load_dir(d).with_context(|| format!("loading lexicons from {}", inputs::shown(d))),
        None if Path::new("lexicons").is_dir() => Lexicon::load_dir(Path::new("lexicons")).context("loading ./lexicons"),
        None => Ok(Lexicon::builtin()),
    }
}

/// Which lexicon a run uses, for the summary.
fn lexicon_origin(dir: Option<&Path>) -> String {
    match dir {
        Some(d) => inputs::shown(d),
        None if Path::new("lexicons").is_dir() => "./lexicons".into(),
        None => "built in".into(),
    }
}

fn build_dataset(args: &BuildArgs, lex: &Lexicon, quiet: bool, cli_lexicons: Option<&Path>) -> Result<i32> {
    let mut defaults = arqam_parse::Overrides::default();
    if let Some(f) = &args.format {
        defaults.format = Some(Format::parse(f).with_context(|| format!("--format {f}: expected one of {:?}", Format::names()))?);
    }
    if let Some(e) = &args.encoding {
        defaults.encoding = Some(
            arqam_parse::encoding_for_label(e)
                .with_context(|| format!("--encoding {e}: not an encoding label (utf-8, windows-1256, iso-8859-6, utf-16le …)"))?,
        );
    }
    let seeds = &args.seeds;
    check_apart(seeds, &args.out)?;
    let (mut inputs, mut rejected) = inputs::collect(seeds, args.max_bytes, defaults).with_context(|| format!("reading folder {}", inputs::shown(seeds)))?;
    inputs.pdf_timeout = std::time::Duration::from_secs(args.pdf_timeout);
    if let Some(budget) = args.max_memory.map(|mb| mb << 20).or_else(memory::available) {
        inputs.memory_cap = Some(memory::largest_document(budget));
    }
    if inputs.items.is_empty() && rejected.is_empty() {
        bail!("{}: no input documents", inputs::shown(seeds));
    }
    if args.strict && !rejected.is_empty() {
        report_rejections(seeds, &mut rejected);
        return Ok(strict_refusal(rejected.len(), &args.out));
    }
    let (manifest, manifest_warnings) = manifest::Manifest::read(seeds);
    for w in &manifest_warnings {
        eprintln!("warning: {w}");
    }
    let bar = if quiet || !std::io::stderr().is_terminal() { ProgressBar::hidden() } else { ProgressBar::new(inputs.items.len() as u64) };
    bar.set_style(ProgressStyle::with_template("{bar:40} {pos}/{len} documents {msg}").unwrap_or_else(|_| ProgressStyle::default_bar()));
    // Streaming: batches of documents are extracted in parallel (rayon; each batch comes
    // back in input order, so the output does not depend on threads) while the previous
    // batch is written. At most three batches are in memory: one extracted, one waiting,
    // one being written.
    let options = arqam_export::WriteOptions { force: args.force, raw_csv: args.raw_csv };
    let mut writer = arqam_export::DatasetWriter::create_with(&args.out, arqam_export::BatchLimits::default(), options)?;
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<std::result::Result<Extracted, arqam_model::Rejection>>>(1);
    let mut n_read = 0usize;
    let written: Result<()> = std::thread::scope(|scope| {
        let bar = &bar;
        scope.spawn(move || {
            for batch in batches(&inputs.items) {
                let results = batch
                    .par_iter()
                    .map(|input| {
                        let bytes = inputs::read(&inputs, input, seeds);
                        bar.inc(1);
                        let (doc_id, rel) = (inputs.doc_id(input), inputs.rel(input));
                        let bytes = bytes?;
                        // The raw bytes are done with once decoded: not held through parsing.
                        let mut parsed = arqam_parse::parse_owned(&doc_id, &rel, bytes, &input.overrides, lex);
                        manifest.fill(&rel, &doc_id, &mut parsed.meta);
                        if parsed.text.len() > arqam_export::DEFER_ROWS_BYTES {
                            return Ok(Extracted::Large(Box::new(parsed)));
                        }
                        Ok(Extracted::Rows(arqam_export::into_doc_rows(extract_document(parsed, lex))))
                    })
                    .collect();
                // The writer stopped (an error): stop extracting.
                if tx.send(results).is_err() {
                    break;
                }
            }
        });
        for results in rx {
            for r in results {
                match r {
                    Ok(Extracted::Rows(rows)) => {
                        writer.add(rows)?;
                        n_read += 1;
                    }
                    Ok(Extracted::Large(parsed)) => {
                        write_while_extracting(&mut writer, *parsed, lex)?;
                        n_read += 1;
                    }
                    Err(rej) => rejected.push(rej),
                }
            }
        }
        Ok(())
    });
    bar.finish_and_clear();
    written?;
    report_rejections(seeds, &mut rejected);
    if args.strict && !rejected.is_empty() {
        // Dropping the unfinished writer removes its files.
        drop(writer);
        return Ok(strict_refusal(rejected.len(), &args.out));
    }
    if n_read == 0 {
        // Not one document could be read: an empty dataset must not replace a good one.
        drop(writer);
        eprintln!("arqam: no file of {} could be read; {} left as it was", inputs::shown(seeds), inputs::shown(&args.out));
        return Ok(4);
    }
    let meta = arqam_export::PackageMeta { version: env!("CARGO_PKG_VERSION").to_string(), lexicon_version: lex.version.clone() };
    let summary = writer.finish(&rejected, lex, &meta)?;
    if !quiet {
        eprint!("{}", summary_text(&summary, &args.out));
        eprintln!("  lexicon   {} (version {})", lexicon_origin(cli_lexicons), lex.version);
    }
    Ok(if rejected.is_empty() { 0 } else { 2 })
}

/// A document of a batch, ready for the writer.
enum Extracted {
    /// Its rows, made where it was extracted.
    Rows(arqam_export::DocRows),
    /// A large document, parsed but not extracted: the writer extracts it and writes its
    /// figures as they are found ([`write_while_extracting`]).
    Large(Box<arqam_model::ParsedDoc>),
}

/// Extracts a large document on the writer's thread, its figures written as the extractor
/// hands them on: memory holds its text and a few rows, never all its figures (a report
/// full of tables can state a figure every few dozen bytes, issue 18). The batches after it
/// are extracted meanwhile.
fn write_while_extracting(writer: &mut arqam_export::DatasetWriter, parsed: arqam_model::ParsedDoc, lex: &Lexicon) -> Result<()> {
    let mut figures = writer.stream_figures(&parsed.doc_id);
    let extracted = arqam_extract::extract_streaming(parsed, lex, &mut |text, f| figures.push(text, f));
    let written = figures.finish()?;
    writer.add_streamed(extracted, written)?;
    Ok(())
}

/// Batches of about [`BATCH_BYTES`] of input (at least one document each): big enough to
/// keep every core busy, small enough that memory stays flat whatever the corpus.
const BATCH_BYTES: u64 = 2 << 20;

fn batches(inputs: &[inputs::Input]) -> Vec<&[inputs::Input]> {
    let mut out = Vec::new();
    let (mut start, mut size) = (0, 0u64);
    for (i, input) in inputs.iter().enumerate() {
        size += input.bytes;
        if size >= BATCH_BYTES {
            out.push(&inputs[start..=i]);
            (start, size) = (i + 1, 0);
        }
    }
    if start < inputs.len() {
        out.push(&inputs[start..]);
    }
    out
}

/// The output folder must not be, contain or lie inside the input folder: arqam would
/// replace the user's documents, or read its own tables back as documents next time.
fn check_apart(seeds: &Path, out: &Path) -> Result<()> {
    let seeds_real = std::fs::canonicalize(seeds).with_context(|| format!("reading folder {}", inputs::shown(seeds)))?;
    let out_real = resolve_existing_prefix(out)?;
    if out_real == seeds_real {
        bail!("--out {} is the input folder; choose a folder outside it", inputs::shown(out));
    }
    if out_real.starts_with(&seeds_real) {
        bail!("--out {} lies inside the input folder {}; choose a folder outside it", inputs::shown(out), inputs::shown(seeds));
    }
    if seeds_real.starts_with(&out_real) {
        bail!("--out {} contains the input folder {}; choose a folder outside it", inputs::shown(out), inputs::shown(seeds));
    }
    Ok(())
}

/// The absolute form of a path that may not exist yet: its longest existing prefix
/// resolved (symbolic links included), the rest appended.
fn resolve_existing_prefix(p: &Path) -> Result<PathBuf> {
    let abs = if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().context("the current folder")?.join(p) };
    let mut rest = Vec::new();
    let mut cur = abs.as_path();
    loop {
        if let Ok(real) = std::fs::canonicalize(cur) {
            let mut out = real;
            for c in rest.iter().rev() {
                out.push(c);
            }
            return Ok(out);
        }
        match (cur.parent(), cur.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                cur = parent;
            }
            _ => return Ok(abs),
        }
    }
}

/// `--strict` and some files were rejected: nothing is written (exit code 3).
fn strict_refusal(n_rejected: usize, out: &Path) -> i32 {
    eprintln!("arqam: --strict: {n_rejected} file(s) rejected; {} left as it was", inputs::shown(out));
    3
}

fn report_rejections(seeds: &Path, rejected: &mut [arqam_model::Rejection]) {
    rejected.sort_by(|a, b| a.path.cmp(&b.path));
    for r in rejected.iter() {
        eprintln!("arqam: {}: rejected ({}): {}", inputs::shown(&seeds.join(&r.path)), r.stage, inputs::escape_controls(&r.reason));
    }
}

/// The one-screen summary printed after a build.
fn summary_text(s: &arqam_export::Summary, out: &Path) -> String {
    let n_fig: usize = s.by_measure.values().flat_map(|by| by.values()).sum();
    let measures: Vec<String> = s.by_measure.iter().map(|(m, by)| format!("{m} {}", by.values().sum::<usize>())).collect();
    format!(
        "arqam: {} documents → {}\n  figures   {} ({})\n  dates     {}\n  sources   {}\n  disputes  {}\n  warnings  {} (documents.warnings)\n",
        s.n_inputs,
        inputs::shown(out),
        n_fig,
        measures.join(", "),
        s.rows("dates"),
        s.rows("sources"),
        s.rows("disputes"),
        s.n_warnings
    )
}

fn number_lines(line: Option<usize>, case: &str, lex: &Lexicon) -> String {
    let (t, readings) = arqam_extract::numbers_in_text(case, lex);
    let cp = arqam_export::CodePoints::new(&t);
    let mut out = String::new();
    for r in readings {
        let m = &r.mention;
        let kind = match m.kind {
            arqam_extract::numbers::MentionKind::Count => "number",
            arqam_extract::numbers::MentionKind::Percent => "percent",
            arqam_extract::numbers::MentionKind::Dual => "dual",
            arqam_extract::numbers::MentionKind::Fraction => "fraction",
            arqam_extract::numbers::MentionKind::Ordinal => "ordinal",
        };
        let v = serde_json::json!({"line": line, "kind": kind, "surface": &t[r.span.start..r.span.end], "start": cp.at(r.span.start), "end": cp.at(r.span.end),
            "text_len": t.chars().count(), "value_low": m.low, "value_high": m.high, "qualifier": m.qualifier.as_str(),
            "low_inclusive": m.low_inclusive, "high_inclusive": m.high_inclusive, "equal": m.equal});
        out.push_str(&v.to_string());
        out.push('\n');
    }
    out
}

fn extract_cmd(text: Option<String>, lines: bool, numbers: bool, lex: &Lexicon) -> Result<()> {
    let input = match text {
        Some(t) => t,
        None => {
            let mut s = String::new();
            std::io::stdin().read_to_string(&mut s).context("reading stdin")?;
            s
        }
    };
    let cases: Vec<(Option<usize>, &str)> =
        if lines { input.lines().enumerate().map(|(i, l)| (Some(i + 1), l)).collect() } else { vec![(None, input.as_str())] };
    let results: Vec<String> = cases
        .par_iter()
        .map(|(line, case)| {
            if numbers {
                return number_lines(*line, case, lex);
            }
            let d = extract_text(case, lex);
            let cp = arqam_export::CodePoints::new(&d.doc.text);
            let mut out = String::new();
            for f in &d.figures {
                let v = serde_json::json!({"line": line, "kind": "figure", "surface": f.surface, "start": cp.at(f.span.start), "end": cp.at(f.span.end),
                    "value_low": f.value_low, "value_high": f.value_high, "qualifier": f.qualifier.as_str(), "unit": f.unit, "unit_en": f.unit_en,
                    "measure": f.measure.as_str(), "actor": f.actor, "claimant": f.claimant, "claimant_name": f.claimant_name,
                    "attribution_cue": f.attribution_cue, "relayed_by": f.relayed_by, "denial": f.denial});
                out.push_str(&v.to_string());
                out.push('\n');
            }
            for dt in &d.dates {
                let v = serde_json::json!({"line": line, "kind": "date", "surface": dt.surface, "start": cp.at(dt.span.start), "end": cp.at(dt.span.end), "date": dt.date, "precision": dt.precision.as_str()});
                out.push_str(&v.to_string());
                out.push('\n');
            }
            out
        })
        .collect();
    print!("{}", results.concat());
    Ok(())
}

fn main() {
    // Usage errors exit with 1 (2 means "some files were rejected"); --help and --version 0.
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            std::process::exit(if e.use_stderr() { 1 } else { 0 });
        }
    };
    let run = || -> Result<i32> {
        let lex = load_lexicon(cli.lexicons.as_deref())?;
        match cli.command {
            Command::BuildDataset(ref args) => build_dataset(args, &lex, cli.quiet, cli.lexicons.as_deref()),
            Command::Corpus { ref seeds, ref out, size_mb, seed } => {
                let mut sources = Vec::new();
                for dir in [seeds.clone(), PathBuf::from("tests/fixtures/extraction")] {
                    let Ok(entries) = std::fs::read_dir(&dir) else { continue };
                    let mut paths: Vec<PathBuf> =
                        entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect();
                    paths.sort();
                    for p in paths {
                        let text = std::fs::read_to_string(&p).with_context(|| format!("reading {}", p.display()))?;
                        // Fixture files: their `>` lines are the text.
                        let text = if text.lines().any(|l| l.starts_with('>')) {
                            text.lines().filter_map(|l| l.strip_prefix('>')).map(str::trim).collect::<Vec<_>>().join("\n\n")
                        } else {
                            text
                        };
                        sources.push(text);
                    }
                }
                let (n, bytes) = corpus::generate(&sources, out, size_mb, seed)?;
                if !cli.quiet {
                    eprintln!("arqam: {n} documents, {bytes} bytes → {}", out.display());
                }
                Ok(0)
            }
            Command::Extract { ref text, lines, numbers } => extract_cmd(text.clone(), lines, numbers, &lex).map(|_| 0),
        }
    };
    match run() {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("arqam: error: {}", inputs::escape_controls(&format!("{e:#}")));
            std::process::exit(1);
        }
    }
}
