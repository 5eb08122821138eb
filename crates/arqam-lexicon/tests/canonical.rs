//! The lexicon files stay canonical: header first, then rows sorted by their first column
//! (then the whole row), no duplicates, no blank lines. Run with `ARQAM_BLESS=1` to rewrite
//! the files in canonical form after editing them.

use std::path::Path;

/// The package folder at run time. Cargo may reuse a test binary built in another clone
/// that shares the target directory; the path compiled into it may no longer exist.
fn manifest_dir() -> String {
    std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_string())
}

fn canonical(content: &str) -> String {
    let mut lines = content.lines();
    let header = lines.next().unwrap_or("").trim_end().to_string();
    let mut rows: Vec<String> = lines.map(|l| l.trim_end().to_string()).filter(|l| !l.is_empty()).collect();
    rows.sort_by(|a, b| a.split(',').next().cmp(&b.split(',').next()).then(a.cmp(b)));
    rows.dedup();
    let mut out = header;
    out.push('\n');
    for r in rows {
        out.push_str(&r);
        out.push('\n');
    }
    out
}

#[test]
fn lexicon_files_are_canonical() {
    let dir = Path::new(&manifest_dir()).join("../../lexicons");
    let bless = std::env::var_os("ARQAM_BLESS").is_some();
    let mut stale = Vec::new();
    for name in arqam_lexicon::FILES {
        let path = dir.join(name);
        let content = std::fs::read_to_string(&path).unwrap();
        let want = canonical(&content);
        if content != want {
            if bless {
                std::fs::write(&path, want).unwrap();
            } else {
                stale.push(*name);
            }
        }
    }
    assert!(stale.is_empty(), "not canonical: {stale:?}; run `ARQAM_BLESS=1 cargo test -p arqam-lexicon --test canonical`");
}

#[test]
fn every_file_loads_from_the_folder() {
    let dir = Path::new(&manifest_dir()).join("../../lexicons");
    let lex = arqam_lexicon::Lexicon::load_dir(&dir).unwrap();
    assert_eq!(lex.version, arqam_lexicon::Lexicon::builtin().version);
}

#[test]
fn canonical_form_sorts_and_dedups() {
    assert_eq!(canonical("a,b\nz,1\n\nm,2\nz,1\n"), "a,b\nm,2\nz,1\n");
}
