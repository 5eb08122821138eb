//! `manifest.jsonl` at the top of the input folder: one JSON object per line, naming a
//! document by `file` (its path relative to the folder; `id`, its stem, also works) with
//! its `url`, `outlet` and `published` date. It is how collections of scraped reporting
//! usually carry their metadata. The manifest fills what a document does not state
//! itself: the text's own byline date and link win. It is not a document; a line that
//! cannot be read is a warning naming the file and the line, never fatal.

use std::collections::HashMap;
use std::path::Path;

use arqam_model::DocMeta;

/// The manifest's file name, at the top of the input folder.
pub const FILE_NAME: &str = "manifest.jsonl";

/// What the manifest says about one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Entry {
    /// `YYYY-MM-DD`.
    pub published: Option<String>,
    pub url: Option<String>,
}

/// The manifest's entries by the `file` (or `id`) they name.
#[derive(Debug, Default)]
pub struct Manifest {
    entries: HashMap<String, Entry>,
}

impl Manifest {
    /// Reads `dir/manifest.jsonl` if there is one, with a warning per line it cannot use.
    pub fn read(dir: &Path) -> (Manifest, Vec<String>) {
        let path = dir.join(FILE_NAME);
        match std::fs::read_to_string(&path) {
            Ok(text) => Self::parse(&text, &path.display().to_string()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Manifest::default(), Vec::new()),
            Err(e) => (Manifest::default(), vec![format!("{}: cannot read: {e}", path.display())]),
        }
    }

    /// The entries of a manifest's text; `name` labels the warnings.
    pub fn parse(text: &str, name: &str) -> (Manifest, Vec<String>) {
        let mut manifest = Manifest::default();
        let mut warnings = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            match entry(line) {
                Ok((key, e)) => {
                    manifest.entries.insert(key, e);
                }
                Err(why) => warnings.push(format!("{name}: line {}: {why}", i + 1)),
            }
        }
        (manifest, warnings)
    }

    /// Fills the metadata a document left empty from its entry, found by relative path,
    /// else by id.
    pub fn fill(&self, rel: &str, doc_id: &str, meta: &mut DocMeta) {
        let Some(e) = self.entries.get(rel).or_else(|| self.entries.get(doc_id)) else { return };
        if meta.published.is_none() {
            meta.published.clone_from(&e.published);
        }
        if meta.url.is_none() {
            meta.url.clone_from(&e.url);
        }
    }
}

/// One line: the key it names and its entry, or why it cannot be used.
fn entry(line: &str) -> Result<(String, Entry), String> {
    let value: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("not a JSON object: {e}"))?;
    let obj = value.as_object().ok_or("not a JSON object")?;
    let text = |k: &str| obj.get(k).and_then(serde_json::Value::as_str).map(str::trim).filter(|s| !s.is_empty());
    let key = text("file").or_else(|| text("id")).ok_or("names no document (no \"file\" or \"id\")")?;
    let published = match text("published") {
        Some(p) if is_iso_day(p) => Some(p[..10].to_string()),
        Some(p) => return Err(format!("published {p:?} is not a date YYYY-MM-DD")),
        None => None,
    };
    Ok((key.replace('\\', "/"), Entry { published, url: text("url").map(String::from) }))
}

/// `YYYY-MM-DD` (a time may follow), with a month and day that can exist.
fn is_iso_day(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let shaped =
        digits(0..4) && b.get(4) == Some(&b'-') && digits(5..7) && b.get(7) == Some(&b'-') && digits(8..10) && b.get(10).is_none_or(|c| !c.is_ascii_digit());
    shaped && (1..=12).contains(&s[5..7].parse::<u32>().unwrap_or(0)) && (1..=31).contains(&s[8..10].parse::<u32>().unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_fill_only_what_the_document_lacks() {
        let text = "{\"file\": \"a.txt\", \"url\": \"https://x.org/a\", \"published\": \"2024-05-02\"}\n\n{\"id\": \"b\", \"published\": null}\n";
        let (m, warnings) = Manifest::parse(text, "manifest.jsonl");
        assert!(warnings.is_empty(), "{warnings:?}");
        let mut meta = DocMeta::default();
        m.fill("a.txt", "a", &mut meta);
        assert_eq!((meta.published.as_deref(), meta.url.as_deref()), (Some("2024-05-02"), Some("https://x.org/a")));
        let mut own = DocMeta { url: Some("https://own.org/".into()), ..Default::default() };
        m.fill("a.txt", "a", &mut own);
        assert_eq!(own.url.as_deref(), Some("https://own.org/"));
        let mut by_id = DocMeta::default();
        m.fill("sub/b.txt", "b", &mut by_id);
        assert_eq!(by_id, DocMeta::default());
    }

    #[test]
    fn bad_lines_are_warnings_with_their_line() {
        let text =
            "{\"file\": \"a.txt\", \"published\": \"2024-05-02\"}\nnot json\n{\"url\": \"https://x\"}\n{\"file\": \"c.txt\", \"published\": \"2024-13-40\"}\n";
        let (m, warnings) = Manifest::parse(text, "in/manifest.jsonl");
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        assert!(warnings[0].starts_with("in/manifest.jsonl: line 2: "));
        assert!(warnings[1].starts_with("in/manifest.jsonl: line 3: "));
        assert!(warnings[2].contains("line 4") && warnings[2].contains("2024-13-40"));
        assert_eq!(m.entries.len(), 1);
    }
}
