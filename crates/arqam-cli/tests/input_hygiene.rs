//! Input hygiene (issue 18): only regular files are opened, nothing outside the input
//! folder is read, limits hold for what is actually read, and no file can block the run.
//! Real `arqam` processes in temporary folders.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn arqam() -> Command {
    Command::new(env!("CARGO_BIN_EXE_arqam"))
}

const ARTICLE: &str = "قالت مصادر محلية إن 12 مدنيا قتلوا في قصف على الحي.\n";

fn write(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

fn build(seeds: &Path, out: &Path, extra: &[&str]) -> Output {
    arqam().args(["build-dataset", "-q", "--seeds"]).arg(seeds).arg("--out").arg(out).args(extra).output().unwrap()
}

/// `path` → `reason` of every row of errors.csv.
fn errors(out: &Path) -> Vec<(String, String)> {
    let mut rdr = csv::Reader::from_path(out.join("errors.csv")).unwrap();
    let h = rdr.headers().unwrap().clone();
    let (p, r) = (h.iter().position(|c| c == "path").unwrap(), h.iter().position(|c| c == "reason").unwrap());
    rdr.records().map(|rec| rec.unwrap()).map(|rec| (rec[p].to_string(), rec[r].to_string())).collect()
}

fn doc_paths(out: &Path) -> Vec<String> {
    let mut rdr = csv::Reader::from_path(out.join("documents.csv")).unwrap();
    let p = rdr.headers().unwrap().iter().position(|c| c == "path").unwrap();
    rdr.records().map(|r| r.unwrap()[p].to_string()).collect()
}

fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let root = tempfile::tempdir().unwrap();
    let seeds = root.path().join("seeds");
    write(&seeds.join("a.txt"), ARTICLE.as_bytes());
    let out = root.path().join("out");
    (root, seeds, out)
}

#[cfg(unix)]
#[test]
fn a_fifo_as_a_sidecar_is_an_error_row_not_a_hang() {
    let (_root, seeds, out) = setup();
    write(&seeds.join("b.txt"), ARTICLE.as_bytes());
    assert!(Command::new("mkfifo").arg(seeds.join("b.txt.arqam")).status().unwrap().success());
    let o = build(&seeds, &out, &[]);
    assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stderr));
    let errs = errors(&out);
    assert!(errs.iter().any(|(p, r)| p == "b.txt" && r.contains("not a regular file")), "{errs:?}");
}

#[test]
fn a_sidecar_with_a_bom_or_an_upper_case_extension_is_used() {
    let (_root, seeds, out) = setup();
    let cp1256 = encoding_rs::WINDOWS_1256.encode(ARTICLE).0;
    write(&seeds.join("old.txt"), &cp1256);
    write(&seeds.join("old.txt.ARQAM"), "\u{feff}encoding = windows-1256\n".as_bytes());
    let o = build(&seeds, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let docs = std::fs::read_to_string(out.join("documents.csv")).unwrap();
    assert!(docs.contains("windows-1256"), "the sidecar's encoding was used");
}

#[cfg(unix)]
#[test]
fn symbolic_links_are_followed_inside_the_input_folder_only() {
    let (root, seeds, out) = setup();
    write(&root.path().join("outside/secret.txt"), "سر خارج المجلد 77 شخصا\n".as_bytes());
    write(&seeds.join("real/inner.txt"), ARTICLE.as_bytes());
    std::os::unix::fs::symlink(seeds.join("real"), seeds.join("linked")).unwrap();
    std::os::unix::fs::symlink(root.path().join("outside"), seeds.join("away")).unwrap();
    std::os::unix::fs::symlink(root.path().join("outside/secret.txt"), seeds.join("secret.txt")).unwrap();
    std::os::unix::fs::symlink(&seeds, seeds.join("real/loop")).unwrap();
    let o = build(&seeds, &out, &[]);
    assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stderr));
    let docs = doc_paths(&out);
    assert!(docs.contains(&"linked/inner.txt".to_string()) && docs.contains(&"real/inner.txt".to_string()), "{docs:?}");
    let errs = errors(&out);
    assert!(errs.iter().any(|(p, r)| p == "away" && r.contains("outside the input folder")), "{errs:?}");
    assert!(errs.iter().any(|(p, r)| p == "secret.txt" && r.contains("outside the input folder")), "{errs:?}");
    assert!(errs.iter().any(|(p, r)| p == "real/loop" && r.contains("loop")), "{errs:?}");
    assert!(!std::fs::read_to_string(out.join("documents.csv")).unwrap().contains("سر خارج"));
}

/// A fake `pdftotext` first on PATH: `script` is its body.
#[cfg(unix)]
fn fake_pdftotext(dir: &Path, script: &str) -> String {
    use std::os::unix::fs::PermissionsExt;
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let p = bin.join("pdftotext");
    std::fs::write(&p, format!("#!/bin/sh\n{script}\n")).unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default())
}

#[cfg(unix)]
#[test]
fn a_pdf_that_never_converts_is_rejected_after_the_timeout() {
    let (root, seeds, out) = setup();
    write(&seeds.join("stuck.pdf"), b"%PDF-1.4 whatever");
    let path = fake_pdftotext(root.path(), "exec sleep 600");
    let t = std::time::Instant::now();
    let o = arqam().env("PATH", path).args(["build-dataset", "-q", "--pdf-timeout", "1", "--seeds"]).arg(&seeds).arg("--out").arg(&out).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(t.elapsed().as_secs() < 60, "the run waited for the stuck converter");
    assert!(errors(&out).iter().any(|(p, r)| p == "stuck.pdf" && r.contains("did not finish")));
}

#[cfg(unix)]
#[test]
fn text_extracted_from_a_pdf_obeys_max_bytes() {
    let (root, seeds, out) = setup();
    write(&seeds.join("bomb.pdf"), b"%PDF-1.4 small");
    // 46 bytes of PDF, megabytes of text.
    let path = fake_pdftotext(root.path(), "yes 'قتل 5 أشخاص في القصف.' | head -c 3000000");
    let o = arqam().env("PATH", path).args(["build-dataset", "-q", "--max-bytes", "100000", "--seeds"]).arg(&seeds).arg("--out").arg(&out).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(errors(&out).iter().any(|(p, r)| p == "bomb.pdf" && r.contains("--max-bytes")), "{:?}", errors(&out));
}

#[test]
fn a_document_too_large_for_the_memory_is_rejected_alone() {
    let (_root, seeds, out) = setup();
    // 4.6 MB of one line: about 37 MB to read (`BYTES_PER_INPUT_BYTE`), over the half of a
    // 64 MB budget that one document may take (two are in flight).
    write(&seeds.join("huge.txt"), "قتل 5 أشخاص في القصف ".repeat(125_000).as_bytes());
    let o = build(&seeds, &out, &["--max-memory", "64"]);
    assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(errors(&out).iter().any(|(p, r)| p == "huge.txt" && r.contains("memory")), "{:?}", errors(&out));
    assert_eq!(doc_paths(&out), ["a.txt"]);
}
