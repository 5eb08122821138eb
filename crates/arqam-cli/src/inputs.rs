//! Which files of the input folder are documents, and why the others are not.
//!
//! Every file ends as exactly one of: an [`Input`] to parse, or a [`Rejection`] with a
//! reason (empty, binary, unreadable, too large, broken link, not a text format, hidden).
//! Nothing is skipped silently except the sidecars that configure other files and the
//! contents of hidden folders (`.git`).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use arqam_model::{Format, Rejection};
use arqam_parse::{encoding_for_label, Overrides};

/// Extensions read as text. PDFs are converted first; files without an extension are
/// sniffed.
const TEXT_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown"];
/// Sidecar files: `NAME.arqam` holds `encoding = …` and `format = …` for `NAME`.
const SIDECAR: &str = "arqam";

/// A file to parse. Kept for every file of the corpus while it streams, so it is small:
/// the path relative to the input folder (the folder is joined back when the file is read)
/// and boxed strings without spare capacity.
#[derive(Debug, Clone)]
pub struct Input {
    /// Relative to the input folder, as the file system spells it.
    rel_path: Box<Path>,
    pub doc_id: Box<str>,
    pub overrides: Overrides,
    pub is_pdf: bool,
    /// Size on disk, for cutting the work into batches of similar size.
    pub bytes: u64,
}

impl Input {
    /// The path relative to the input folder, `/`-separated (what tables and errors show).
    pub fn rel(&self) -> String {
        self.rel_path.to_string_lossy().replace('\\', "/")
    }
}

fn reject(rel: &str, stage: &str, reason: impl Into<String>) -> Rejection {
    Rejection { path: rel.to_string(), stage: stage.to_string(), reason: reason.into() }
}

/// Reads a sidecar's `key = value` lines.
fn sidecar(path: &Path) -> Result<Overrides, String> {
    let mut o = Overrides::default();
    let text = std::fs::read_to_string(path).map_err(|e| format!("sidecar {}: {e}", path.display()))?;
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (k, v) = line.split_once('=').ok_or_else(|| format!("sidecar {}: line {}: expected key = value", path.display(), n + 1))?;
        let v = v.trim().trim_matches('"');
        match k.trim() {
            "encoding" => {
                o.encoding = Some(encoding_for_label(v).ok_or_else(|| format!("sidecar {}: line {}: unknown encoding {v:?}", path.display(), n + 1))?)
            }
            "format" => {
                o.format =
                    Some(Format::parse(v).ok_or_else(|| format!("sidecar {}: line {}: format must be one of {:?}", path.display(), n + 1, Format::names()))?)
            }
            other => return Err(format!("sidecar {}: line {}: unknown key {other:?}", path.display(), n + 1)),
        }
    }
    Ok(o)
}

/// Every file under `dir` (recursively, sorted), as inputs or rejections.
pub fn collect(dir: &Path, max_bytes: u64, defaults: Overrides) -> std::io::Result<(Vec<Input>, Vec<Rejection>)> {
    let mut files = Vec::new();
    walk(dir, &mut files)?;
    files.sort();
    let mut inputs = Vec::new();
    let mut rejected = Vec::new();
    let mut ids: HashSet<String> = HashSet::new();
    for path in files {
        let rel = path.strip_prefix(dir).unwrap_or(&path).to_string_lossy().replace('\\', "/");
        let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
        if ext == SIDECAR {
            continue;
        }
        if path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) {
            rejected.push(reject(&rel, "input", "hidden file (the name starts with a dot)"));
            continue;
        }
        // A link whose target is gone.
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) => {
                let link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
                rejected.push(reject(&rel, "input", if link { format!("broken symbolic link: {e}") } else { format!("cannot read: {e}") }));
                continue;
            }
        };
        if meta.is_dir() {
            continue;
        }
        // A FIFO or a device would block or never end: only regular files are read.
        if !meta.is_file() {
            rejected.push(reject(&rel, "input", "not a regular file (a pipe, socket or device)"));
            continue;
        }
        let is_pdf = ext == "pdf";
        if !ext.is_empty() && !is_pdf && !TEXT_EXTENSIONS.contains(&ext.as_str()) {
            rejected.push(reject(&rel, "input", format!("not a text format (.{ext}); accepted: .txt .text .md .markdown .pdf")));
            continue;
        }
        if meta.len() == 0 {
            rejected.push(reject(&rel, "input", "empty file"));
            continue;
        }
        if meta.len() > max_bytes {
            rejected.push(reject(&rel, "input", format!("{} bytes, over the limit of {max_bytes} (--max-bytes)", meta.len())));
            continue;
        }
        let mut overrides = defaults;
        let side = PathBuf::from(format!("{}.{SIDECAR}", path.display()));
        if side.exists() {
            match sidecar(&side) {
                Ok(o) => {
                    overrides.encoding = o.encoding.or(overrides.encoding);
                    overrides.format = o.format.or(overrides.format);
                }
                Err(e) => {
                    rejected.push(reject(&rel, "input", e));
                    continue;
                }
            }
        }
        // Ids are file stems; a repeated stem (same name in two folders or with two
        // extensions) takes its relative path instead.
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let mut doc_id = stem.clone();
        if !ids.insert(doc_id.clone()) {
            doc_id = rel.replace('/', "__");
            ids.insert(doc_id.clone());
        }
        if is_pdf && overrides.format.is_none() {
            overrides.format = Some(Format::PdfText);
        }
        let rel_path = path.strip_prefix(dir).unwrap_or(&path).into();
        inputs.push(Input { rel_path, doc_id: doc_id.into_boxed_str(), overrides, is_pdf, bytes: meta.len() });
    }
    Ok((inputs, rejected))
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        let hidden = p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
        let is_real_dir = std::fs::symlink_metadata(&p).is_ok_and(|m| m.is_dir());
        if is_real_dir {
            // Hidden folders (`.git`) are tooling, not documents.
            if !hidden {
                walk(&p, out)?;
            }
        } else {
            out.push(p);
        }
    }
    Ok(())
}

/// Magic numbers of common binary formats.
const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX)"),
    (b"%PDF", "a PDF (give it a .pdf extension to convert it)"),
    (b"\x7FELF", "an executable"),
    (b"\x1F\x8B", "a gzip archive"),
];

/// Why bytes are not text, if they are not: a known binary signature, or NUL and control
/// bytes beyond what a damaged text file has (UTF-16 with a BOM is text).
pub fn binary_reason(bytes: &[u8]) -> Option<String> {
    if let Some((_, what)) = MAGIC.iter().find(|(m, _)| bytes.starts_with(m)) {
        return Some(format!("binary file: {what}"));
    }
    if encoding_rs::Encoding::for_bom(bytes).is_some_and(|(e, _)| e != encoding_rs::UTF_8) {
        return None;
    }
    let head = &bytes[..bytes.len().min(65_536)];
    let nul = head.iter().filter(|b| **b == 0).count();
    let control = head.iter().filter(|b| **b < 0x09 || (0x0E..0x20).contains(*b)).count();
    if nul * 100 > head.len() || control * 10 > head.len() {
        return Some(format!("binary file: {nul} NUL and {control} control bytes in the first {} bytes", head.len()));
    }
    None
}

/// Text of a PDF by poppler's `pdftotext`, or why not.
pub fn pdf_text(path: &Path) -> Result<Vec<u8>, String> {
    let out = std::process::Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(path).arg("-").output();
    match out {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err("PDF input needs pdftotext: install poppler-utils (apt-get install poppler-utils)".into()),
        Err(e) => Err(format!("pdftotext failed: {e}")),
        Ok(o) if !o.status.success() => Err(format!("pdftotext failed: {}", String::from_utf8_lossy(&o.stderr).trim())),
        Ok(o) => Ok(o.stdout),
    }
}

/// The bytes of an input, or why it cannot be read.
pub fn read(input: &Input, dir: &Path) -> Result<Vec<u8>, Rejection> {
    let path = dir.join(&input.rel_path);
    let bytes = if input.is_pdf {
        pdf_text(&path).map_err(|e| reject(&input.rel(), "decode", e))?
    } else {
        std::fs::read(&path).map_err(|e| reject(&input.rel(), "input", format!("cannot read: {e}")))?
    };
    if !input.is_pdf {
        if let Some(why) = binary_reason(&bytes) {
            return Err(reject(&input.rel(), "input", why));
        }
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(reject(&input.rel(), "input", "no text (only white space)"));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_files_are_told_from_damaged_text() {
        assert!(binary_reason(b"\x89PNG\r\n\x1a\n....").is_some());
        let damaged = format!("{}\0{}", "نص عادي فيه صفر واحد. ".repeat(10), "وبقية النص. ".repeat(10));
        assert!(binary_reason(damaged.as_bytes()).is_none());
        assert!(binary_reason(&[0u8, 1, 2, 3, 4, 5, 6, 7, 0, 0, 0]).is_some());
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("قسد".encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert!(binary_reason(&utf16).is_none());
    }
}
