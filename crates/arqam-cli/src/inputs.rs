//! Which files of the input folder are documents, and why the others are not.
//!
//! Every file ends as exactly one of: an [`Input`] to parse, or a [`Rejection`] with a
//! reason (empty, binary, unreadable, too large, broken link, not a text format, hidden).
//! Nothing is skipped silently except the sidecars that configure other files and the
//! contents of hidden folders (`.git`).

use std::borrow::Cow;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

use arqam_model::{Format, Rejection};
use arqam_parse::{encoding_for_label, Overrides};

/// Extensions read as text. PDFs are converted first; files without an extension are
/// sniffed.
const TEXT_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown"];
/// Sidecar files: `NAME.arqam` holds `encoding = …` and `format = …` for `NAME`.
const SIDECAR: &str = "arqam";

/// A file to parse. One is kept for every file of the corpus while it streams, so it is
/// small (40 bytes): its path is a range of [`Inputs::paths`], its id is derived from the
/// path when needed.
#[derive(Debug, Clone, Copy)]
pub struct Input {
    /// Where the path relative to the input folder sits in [`Inputs::paths`]; for a path
    /// that is not UTF-8, the index of its entry in [`Inputs::raw_paths`].
    path_start: u32,
    path_len: u32,
    /// The id is the relative path (`/` → `__`), not the file stem: the stem is taken.
    id_from_path: bool,
    /// That id was taken too (`b.txt.md` in a folder vs `b.txt`): `~N` is appended.
    id_repeat: u16,
    pub is_pdf: bool,
    pub overrides: Overrides,
    /// Size on disk, for cutting the work into batches of similar size.
    pub bytes: u64,
}

/// The documents of an input folder, in sorted path order. The relative paths are kept
/// in one string: a list of a million files costs tens of megabytes, not hundreds.
#[derive(Debug, Default)]
pub struct Inputs {
    /// Every UTF-8 relative path, `/`-separated, one after another.
    paths: String,
    /// The rare paths that are not UTF-8, as the file system spells them.
    raw_paths: Vec<PathBuf>,
    pub items: Vec<Input>,
    /// `--max-bytes`: for the bytes read and for the text a PDF yields.
    pub max_bytes: u64,
    /// `--pdf-timeout`: how long `pdftotext` may take on one file.
    pub pdf_timeout: std::time::Duration,
    /// The largest document the memory available can read ([`crate::memory`]).
    pub memory_cap: Option<u64>,
}

impl Inputs {
    #[allow(clippy::too_many_arguments)]
    fn push(&mut self, rel_path: &Path, id_from_path: bool, id_repeat: u16, is_pdf: bool, overrides: Overrides, bytes: u64) {
        let (path_start, path_len) = match rel_path.to_str() {
            Some(_) => {
                let rel = rel_path.components().map(|c| c.as_os_str().to_str().unwrap_or_default()).collect::<Vec<_>>().join("/");
                let start = self.paths.len();
                self.paths.push_str(&rel);
                (start, rel.len())
            }
            None => {
                self.raw_paths.push(rel_path.to_path_buf());
                (self.raw_paths.len() - 1, usize::MAX)
            }
        };
        // Over 4 GiB of path text (a hundred million files) is beyond what one run reads.
        let (path_start, path_len) = (u32::try_from(path_start).expect("paths fit in 4 GiB"), u32::try_from(path_len).unwrap_or(u32::MAX));
        self.items.push(Input { path_start, path_len, id_from_path, id_repeat, is_pdf, overrides, bytes });
    }

    /// The path relative to the input folder, `/`-separated (what tables and errors show).
    pub fn rel<'a>(&'a self, input: &Input) -> Cow<'a, str> {
        match self.raw(input) {
            Some(p) => Cow::Owned(escape_name(p.as_os_str())),
            None => escape_controls(self.real(input)),
        }
    }

    /// A UTF-8 relative path as the file system spells it (`/`-separated).
    fn real(&self, input: &Input) -> &str {
        &self.paths[input.path_start as usize..][..input.path_len as usize]
    }

    fn raw(&self, input: &Input) -> Option<&Path> {
        (input.path_len == u32::MAX).then(|| self.raw_paths[input.path_start as usize].as_path())
    }

    /// The document id, unique in the corpus: the file stem, or for a taken stem the
    /// relative path with `__` for `/`, or that with `~N` for the N-th repeat.
    pub fn doc_id(&self, input: &Input) -> String {
        let rel = self.rel(input);
        let base = if input.id_from_path { path_id(&rel) } else { stem(Path::new(rel.as_ref())) };
        match input.id_repeat {
            0 => base,
            n => format!("{base}~{n}"),
        }
    }

    /// The file on disk, under the input folder `dir`: the relative path the walk found,
    /// component by component as the file system spells it. A name is never parsed into
    /// a path (a name with backslashes or `..` in it stays one name).
    fn path_in(&self, input: &Input, dir: &Path) -> PathBuf {
        match self.raw(input) {
            Some(p) => dir.join(p),
            None => {
                let mut p = dir.to_path_buf();
                for part in self.real(input).split('/') {
                    p.push(part);
                }
                p
            }
        }
    }
}

/// The id of a file whose stem is taken: its relative path with `__` for `/`.
fn path_id(rel: &str) -> String {
    rel.replace('/', "__")
}

fn stem(path: &Path) -> String {
    path.file_stem().map(escape_name).unwrap_or_default()
}

/// A file name as text: bytes that are not UTF-8 become `%XX` (and `%` itself `%25`, so two
/// different names never give the same text), control characters `\u{..}`.
pub fn escape_name(name: &std::ffi::OsStr) -> String {
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(name);
    #[cfg(not(unix))]
    let owned = name.to_string_lossy().into_owned().into_bytes();
    #[cfg(not(unix))]
    let bytes = owned.as_slice();
    if let Ok(s) = std::str::from_utf8(bytes) {
        return escape_controls(s).into_owned();
    }
    let mut out = String::new();
    for chunk in bytes.utf8_chunks() {
        out.push_str(&escape_controls(&chunk.valid().replace('%', "%25")));
        for b in chunk.invalid() {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Text for stderr and the tables with control characters (line breaks, escapes, bidi
/// overrides) written visibly, so a file name cannot forge a log line.
pub fn escape_controls(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_control) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(|c| if is_control(c) { format!("\\u{{{:x}}}", c as u32) } else { c.to_string() }).collect())
}

fn is_control(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A path for a message: controls escaped.
pub fn shown(p: &Path) -> String {
    escape_controls(&p.to_string_lossy()).into_owned()
}

/// A relative path as tables and messages show it.
fn rel_text(rel: &Path) -> String {
    rel.components().map(|c| escape_name(c.as_os_str())).collect::<Vec<_>>().join("/")
}

fn reject(rel: &str, stage: &str, reason: impl Into<String>) -> Rejection {
    Rejection { path: rel.to_string(), stage: stage.to_string(), reason: reason.into() }
}

/// Opens a file for reading only if it is a regular file: opened without blocking (a FIFO
/// put in a file's place would otherwise wait forever for a writer), then checked.
pub fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut opts, rustix::fs::OFlags::NONBLOCK.bits() as i32);
    let file = opts.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::other("not a regular file (a pipe, socket or device)"));
    }
    Ok(file)
}

/// Reads at most `limit` bytes; more is an error (a file that grew past the limit after
/// the walk measured it).
fn read_capped(file: impl std::io::Read, limit: u64) -> std::io::Result<Vec<u8>> {
    read_capped_sized(file, limit, 0)
}

/// [`read_capped`] into a buffer sized for `expected` bytes (a file's size when the walk
/// measured it), so a large document is not read into a buffer grown by doubling: up to
/// twice its size, and copied at each step (issue 18).
fn read_capped_sized(file: impl std::io::Read, limit: u64, expected: u64) -> std::io::Result<Vec<u8>> {
    // One byte more than expected, so reading to the end needs no second allocation.
    let mut bytes = Vec::with_capacity(usize::try_from(expected.min(limit).saturating_add(1)).unwrap_or(0));
    std::io::Read::read_to_end(&mut std::io::Read::take(file, limit.saturating_add(1)), &mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(std::io::Error::other(format!("over the limit of {limit} bytes (--max-bytes) when read")));
    }
    Ok(bytes)
}

/// Reads a sidecar's `key = value` lines.
fn sidecar(path: &Path) -> Result<Overrides, String> {
    let mut o = Overrides::default();
    let bytes = open_regular(path).and_then(|f| read_capped(f, 1 << 16)).map_err(|e| format!("sidecar {}: {e}", shown(path)))?;
    let text = String::from_utf8(bytes).map_err(|_| format!("sidecar {}: not UTF-8 text", shown(path)))?;
    // Editors on Windows save a BOM at the start.
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
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

/// Every file under `dir` (recursively, in sorted path order), as inputs or rejections.
pub fn collect(dir: &Path, max_bytes: u64, defaults: Overrides) -> std::io::Result<(Inputs, Vec<Rejection>)> {
    let root = std::fs::canonicalize(dir)?;
    let inputs = Inputs { max_bytes, pdf_timeout: std::time::Duration::from_secs(60), ..Inputs::default() };
    let mut c = Collector { dir, root, max_bytes, defaults, inputs, rejected: Vec::new(), stems: HashSet::new() };
    c.walk(Path::new(""))?;
    let Collector { mut inputs, rejected, .. } = c;
    inputs.items.shrink_to_fit();
    inputs.paths.shrink_to_fit();
    Ok((inputs, rejected))
}

struct Collector<'d> {
    dir: &'d Path,
    /// The input folder, resolved: symbolic links are followed only inside it.
    root: PathBuf,
    max_bytes: u64,
    defaults: Overrides,
    inputs: Inputs,
    rejected: Vec<Rejection>,
    /// The stems taken as ids so far.
    stems: HashSet<Box<str>>,
}

impl Collector<'_> {
    /// The folder `rel` (relative to the input folder), its entries in name order: a
    /// folder's files come where its name sorts, so the walk yields sorted paths without
    /// holding every path of the corpus at once.
    fn walk(&mut self, rel: &Path) -> std::io::Result<()> {
        let entries = match std::fs::read_dir(self.dir.join(rel)) {
            Ok(e) => e,
            // The input folder itself must be readable; a subfolder that is not is one
            // error row, and the rest of the corpus is read.
            Err(e) if !rel.as_os_str().is_empty() => {
                self.rejected.push(reject(&rel_text(rel), "input", format!("cannot read folder: {e}")));
                return Ok(());
            }
            Err(e) => return Err(e),
        };
        let mut names: Vec<std::ffi::OsString> = entries.filter_map(|e| e.ok().map(|e| e.file_name())).collect();
        names.sort();
        // Sidecars by the name of the file they describe (`NAME.arqam`, any case of the
        // extension; the first in name order when several cases are present).
        let mut sidecars: std::collections::HashMap<&std::ffi::OsStr, &std::ffi::OsStr> = std::collections::HashMap::new();
        for n in &names {
            let p = Path::new(n);
            if let (Some(stem), true) = (p.file_stem(), p.extension().is_some_and(|e| e.eq_ignore_ascii_case(SIDECAR))) {
                sidecars.entry(stem).or_insert(n.as_os_str());
            }
        }
        for name in &names {
            let rel_path = rel.join(name);
            let path = self.dir.join(&rel_path);
            let hidden = name.to_string_lossy().starts_with('.');
            let link = std::fs::symlink_metadata(&path).map(|m| (m.is_dir(), m.file_type().is_symlink()));
            match link {
                Ok((true, _)) => {
                    // Hidden folders (`.git`) are tooling, not documents.
                    if !hidden {
                        self.walk(&rel_path)?;
                    }
                    continue;
                }
                Ok((false, true)) => match self.link_target(&path) {
                    Err(why) => {
                        self.rejected.push(reject(&rel_text(&rel_path), "input", why));
                        continue;
                    }
                    Ok(true) => {
                        if !hidden {
                            self.walk(&rel_path)?;
                        }
                        continue;
                    }
                    Ok(false) => {}
                },
                _ => {}
            }
            let side = sidecars.get(name.as_os_str()).map(|side| path.with_file_name(side));
            self.file(&rel_path, &path, hidden, side);
        }
        Ok(())
    }

    /// Where a symbolic link leads: `Ok(true)` a folder inside the input folder (walked,
    /// unless it loops back to a folder above it), `Ok(false)` a file inside it, `Err` why
    /// it is not read (it leaves the input folder, loops, or leads nowhere).
    fn link_target(&self, path: &Path) -> Result<bool, String> {
        let target = std::fs::canonicalize(path).map_err(|e| format!("broken symbolic link: {e}"))?;
        if !target.starts_with(&self.root) {
            return Err(format!("symbolic link to {} outside the input folder: not read", shown(&target)));
        }
        if !target.is_dir() {
            return Ok(false);
        }
        let here = std::fs::canonicalize(path.parent().unwrap_or(path)).unwrap_or_default();
        if here.starts_with(&target) {
            return Err("symbolic link loop (it leads to a folder that contains it): not followed".into());
        }
        Ok(true)
    }

    /// One file: an input, a rejection, or a sidecar (neither).
    fn file(&mut self, rel_path: &Path, path: &Path, hidden: bool, side: Option<PathBuf>) {
        let rel = rel_text(rel_path);
        let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
        // Sidecars and the folder's manifest describe documents; they are none.
        if ext == SIDECAR || rel == crate::manifest::FILE_NAME {
            return;
        }
        if hidden {
            self.rejected.push(reject(&rel, "input", "hidden file (the name starts with a dot)"));
            return;
        }
        // A link whose target is gone.
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                let link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
                self.rejected.push(reject(&rel, "input", if link { format!("broken symbolic link: {e}") } else { format!("cannot read: {e}") }));
                return;
            }
        };
        if meta.is_dir() {
            return;
        }
        // A FIFO or a device would block or never end: only regular files are read.
        if !meta.is_file() {
            self.rejected.push(reject(&rel, "input", "not a regular file (a pipe, socket or device)"));
            return;
        }
        let is_pdf = ext == "pdf";
        if !ext.is_empty() && !is_pdf && !TEXT_EXTENSIONS.contains(&ext.as_str()) {
            self.rejected.push(reject(&rel, "input", format!("not a text format (.{ext}); accepted: .txt .text .md .markdown .pdf")));
            return;
        }
        if meta.len() == 0 {
            self.rejected.push(reject(&rel, "input", "empty file"));
            return;
        }
        if meta.len() > self.max_bytes {
            self.rejected.push(reject(&rel, "input", format!("{} bytes, over the limit of {} (--max-bytes)", meta.len(), self.max_bytes)));
            return;
        }
        let mut overrides = self.defaults;
        if let Some(side) = side {
            match sidecar(&side) {
                Ok(o) => {
                    overrides.encoding = o.encoding.or(overrides.encoding);
                    overrides.format = o.format.or(overrides.format);
                }
                Err(e) => {
                    self.rejected.push(reject(&rel, "input", e));
                    return;
                }
            }
        }
        // Ids are file stems; a repeated stem (same name in two folders or with two
        // extensions) takes its relative path instead.
        let id_from_path = !self.stems.insert(stem(path).into_boxed_str());
        let mut id_repeat = 0u16;
        if id_from_path {
            let base = path_id(&rel);
            while !self.stems.insert(if id_repeat == 0 { base.clone() } else { format!("{base}~{id_repeat}") }.into_boxed_str()) {
                id_repeat += 1;
            }
        }
        if is_pdf && overrides.format.is_none() {
            overrides.format = Some(Format::PdfText);
        }
        self.inputs.push(rel_path, id_from_path, id_repeat, is_pdf, overrides, meta.len());
    }
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

/// Text of a PDF by poppler's `pdftotext`, or why not: at most `limit` bytes of text (a
/// small PDF can expand to far more text than `--max-bytes`), within `timeout` (a damaged
/// or hostile PDF must not block the run).
pub fn pdf_text(path: &Path, limit: u64, timeout: std::time::Duration) -> Result<Vec<u8>, String> {
    use std::process::{Command, Stdio};
    use wait_timeout::ChildExt;
    let child = Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(path).arg("-").stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn();
    let mut child = match child {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err("PDF input needs pdftotext: install poppler-utils (apt-get install poppler-utils)".into())
        }
        Err(e) => return Err(format!("pdftotext failed: {e}")),
        Ok(c) => c,
    };
    let stdout = child.stdout.take().expect("piped");
    let stderr = child.stderr.take().expect("piped");
    // Readers on their own threads, so a full pipe never stalls the timeout.
    let out = std::thread::spawn(move || read_capped(stdout, limit));
    let err = std::thread::spawn(move || read_capped(stderr, 1 << 16).unwrap_or_default());
    let status = match child.wait_timeout(timeout) {
        Ok(Some(s)) => s,
        Ok(None) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("pdftotext did not finish within {} s (--pdf-timeout)", timeout.as_secs()));
        }
        Err(e) => return Err(format!("pdftotext failed: {e}")),
    };
    let text = out.join().map_err(|_| "pdftotext output could not be read".to_string())?;
    let text = match text {
        Ok(t) => t,
        Err(e) => {
            let _ = child.kill();
            return Err(format!("PDF text {e}"));
        }
    };
    if !status.success() {
        let err = err.join().unwrap_or_default();
        return Err(format!("pdftotext failed: {}", escape_controls(String::from_utf8_lossy(&err).trim())));
    }
    Ok(text)
}

/// The bytes of an input, or why it cannot be read.
pub fn read(inputs: &Inputs, input: &Input, dir: &Path) -> Result<Vec<u8>, Rejection> {
    let path = inputs.path_in(input, dir);
    let limit = inputs.max_bytes;
    if inputs.memory_cap.is_some_and(|cap| input.bytes > cap) {
        return Err(reject(
            &inputs.rel(input),
            "input",
            format!(
                "{} bytes: reading it needs about {} MB of memory, more than is available (--max-memory); it was skipped so the others could be read",
                input.bytes,
                (input.bytes * crate::memory::BYTES_PER_INPUT_BYTE) >> 20
            ),
        ));
    }
    let bytes = if input.is_pdf {
        open_regular(&path).map_err(|e| reject(&inputs.rel(input), "input", format!("cannot read: {e}")))?;
        pdf_text(&path, limit, inputs.pdf_timeout).map_err(|e| reject(&inputs.rel(input), "decode", e))?
    } else {
        open_regular(&path)
            .and_then(|f| read_capped_sized(f, limit, input.bytes))
            .map_err(|e| reject(&inputs.rel(input), "input", format!("cannot read: {e}")))?
    };
    if !input.is_pdf {
        if let Some(why) = binary_reason(&bytes) {
            return Err(reject(&inputs.rel(input), "input", why));
        }
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(reject(&inputs.rel(input), "input", "no text (only white space)"));
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

    #[test]
    fn the_walk_lists_paths_in_sorted_order_with_ids_that_stay_distinct() {
        let dir = tempfile::tempdir().unwrap();
        let names = ["b.txt", "a.txt", "a/z.txt", "a/b/x.md", "a b.txt", "a-1.txt", "a/a.txt", "c/a.txt", ".git/config", "z/.hidden.txt", "b.txt.arqam"];
        for n in names {
            let p = dir.path().join(n);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, if n.ends_with(".arqam") { "encoding = windows-1256\n" } else { "نص" }).unwrap();
        }
        let (inputs, rejected) = collect(dir.path(), 1 << 20, Overrides::default()).unwrap();
        let rels: Vec<String> = inputs.items.iter().map(|i| inputs.rel(i).into_owned()).collect();
        // What sorting every full path gives (component by component).
        let mut expected: Vec<&Path> = names
            .iter()
            .map(Path::new)
            .filter(|p| !p.starts_with(".git") && !p.to_string_lossy().contains("/.") && p.extension() != Some(std::ffi::OsStr::new("arqam")))
            .collect();
        expected.sort();
        assert_eq!(rels, expected.iter().map(|p| p.to_string_lossy()).collect::<Vec<_>>());
        let ids: Vec<String> = inputs.items.iter().map(|i| inputs.doc_id(i)).collect();
        assert_eq!(ids, ["a", "x", "z", "a b", "a-1", "a.txt", "b", "c__a.txt"]);
        let b = inputs.items.iter().find(|i| inputs.rel(i) == "b.txt").unwrap();
        assert_eq!(b.overrides.encoding, Some(encoding_rs::WINDOWS_1256), "the sidecar beside it");
        assert_eq!(read(&inputs, b, dir.path()).unwrap(), "نص".as_bytes());
        assert_eq!(rejected.iter().map(|r| r.path.as_str()).collect::<Vec<_>>(), ["z/.hidden.txt"]);
    }
}
