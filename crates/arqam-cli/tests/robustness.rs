//! Nothing lost: a folder of bad inputs is processed with every file accounted for, a
//! killed run leaves the previous output intact, and the output does not depend on the
//! number of threads.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The package folder at run time. Cargo may reuse a test binary built in another clone
/// that shares the target directory; the path compiled into it may no longer exist.
fn manifest_dir() -> String {
    std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_string())
}

fn arqam() -> Command {
    Command::new(env!("CARGO_BIN_EXE_arqam"))
}

fn temp(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("arqam-robust-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const ARTICLE: &str = "قالت مصادر محلية إن 12 مدنيا قتلوا في قصف على الحي، بحسب المرصد السوري.\n\nونزح نحو 300 شخص من المنطقة.\n";

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut b = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
    for u in text.encode_utf16() {
        b.extend_from_slice(&if big_endian { u.to_be_bytes() } else { u.to_le_bytes() });
    }
    b
}

/// Every case of issue 7, as files; returns the names expected among documents and errors.
fn bad_corpus(dir: &Path) -> (BTreeSet<String>, BTreeSet<String>) {
    let w = |name: &str, bytes: &[u8]| {
        let p = dir.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    };
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(ARTICLE.as_bytes());
    w("utf8.txt", ARTICLE.as_bytes());
    w("utf8_bom.txt", &bom);
    w("utf16le.txt", &utf16(ARTICLE, false));
    w("utf16be.txt", &utf16(ARTICLE, true));
    let mut unpaired = utf16(ARTICLE, false);
    unpaired.extend_from_slice(&[0x00, 0xD8]);
    w("utf16_unpaired.txt", &unpaired);
    w("cp1256.txt", &encoding_rs::WINDOWS_1256.encode(ARTICLE).0);
    w("iso8859_6.txt", &encoding_rs::ISO_8859_6.encode(ARTICLE).0);
    w("forced.txt", &encoding_rs::WINDOWS_1256.encode(ARTICLE).0);
    w("forced.txt.arqam", b"encoding = windows-1256\nformat = plain\n");
    w("bad_sidecar.txt", ARTICLE.as_bytes());
    w("bad_sidecar.txt.arqam", b"colour = blue\n");
    w("crlf.txt", ARTICLE.replace('\n', "\r\n").as_bytes());
    w("lone_cr.txt", ARTICLE.replace('\n', "\r").as_bytes());
    w("bidi.txt", "\u{200F}قالت\u{202B} مصادر\u{202C} إن\u{2067} 12\u{2069} مدنيا قتلوا.\u{200E}\n".as_bytes());
    w("zero_width.txt", "قا\u{200D}لت مصا\u{200B}در إن 12 مدنيا قتلوا.\n".as_bytes());
    w("nul.txt", "قالت مصادر إن 12 مدنيا\0 قتلوا في القصف على الحي الشرقي من المدينة.\n".as_bytes());
    w("presentation.txt", "\u{FEB3}\u{FE9F}\u{FEE6} \u{FEFB} 12 مدنيا قتلوا.\n".as_bytes());
    w("ملف عربي بمسافات.txt", ARTICLE.as_bytes());
    w("sub/nested.md", ARTICLE.as_bytes());
    w("semi;colon,comma\"quote 'and' spaces.txt", ARTICLE.as_bytes());
    w("..dots...txt", ARTICLE.as_bytes());
    w("sub/utf8.txt", ARTICLE.as_bytes()); // same stem as ../utf8.txt: a distinct id
    w("noext", ARTICLE.as_bytes());
    w("empty.txt", b"");
    w("blank.txt", b"  \n\n \t\n");
    w("image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10");
    w("binary.txt", &(0u8..=255).cycle().take(4096).collect::<Vec<_>>());
    w("photo.jpg", b"\xFF\xD8\xFF\xE0 not text");
    w("big.txt", ARTICLE.repeat(2000).as_bytes());
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.join("does-not-exist.txt"), dir.join("dangling.txt")).unwrap();
    // A named pipe: reading it would block forever.
    assert!(std::process::Command::new("mkfifo").arg(dir.join("pipe.txt")).status().unwrap().success());
    let docs = [
        "utf8.txt",
        "utf8_bom.txt",
        "utf16le.txt",
        "utf16be.txt",
        "utf16_unpaired.txt",
        "cp1256.txt",
        "iso8859_6.txt",
        "forced.txt",
        "crlf.txt",
        "lone_cr.txt",
        "bidi.txt",
        "zero_width.txt",
        "nul.txt",
        "presentation.txt",
        "ملف عربي بمسافات.txt",
        "sub/nested.md",
        "sub/utf8.txt",
        "noext",
        "semi;colon,comma\"quote 'and' spaces.txt",
    ];
    let errors = ["..dots...txt", "bad_sidecar.txt", "empty.txt", "blank.txt", "image.txt", "binary.txt", "photo.jpg", "big.txt", "dangling.txt", "pipe.txt"];
    (docs.iter().map(|s| s.to_string()).collect(), errors.iter().map(|s| s.to_string()).collect())
}

fn column(csv_path: &Path, name: &str) -> Vec<String> {
    let mut r = csv::Reader::from_path(csv_path).unwrap();
    let i = r.headers().unwrap().iter().position(|h| h == name).unwrap();
    r.records().map(|rec| rec.unwrap()[i].to_string()).collect()
}

#[test]
fn every_bad_input_is_a_document_or_an_error() {
    let dir = temp("bad");
    let seeds = dir.join("seeds");
    std::fs::create_dir_all(&seeds).unwrap();
    let (want_docs, want_errors) = bad_corpus(&seeds);
    let out = dir.join("out");
    let run = arqam()
        .current_dir(manifest_dir())
        .args(["--quiet", "build-dataset", "--max-bytes", "100000", "--seeds"])
        .arg(&seeds)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2), "some files are rejected: exit 2\n{}", String::from_utf8_lossy(&run.stderr));
    let stderr = String::from_utf8_lossy(&run.stderr);
    let docs: BTreeSet<String> = column(&out.join("documents.csv"), "path").into_iter().collect();
    let errors: BTreeSet<String> = column(&out.join("errors.csv"), "path").into_iter().collect();
    assert_eq!(docs, want_docs);
    assert_eq!(errors, want_errors);
    for e in &errors {
        assert!(stderr.contains(e.as_str()), "{e} is reported on stderr");
    }
    // Encodings are recorded; decoded text is the same Arabic whatever the encoding.
    let paths = column(&out.join("documents.csv"), "path");
    let encodings = column(&out.join("documents.csv"), "encoding");
    let texts = column(&out.join("documents.csv"), "text");
    let by_path: BTreeMap<_, _> = paths.iter().zip(encodings.iter().zip(texts.iter())).collect();
    for (p, enc) in [
        ("cp1256.txt", "windows-1256"),
        ("iso8859_6.txt", "ISO-8859-6"),
        ("utf16le.txt", "UTF-16LE"),
        ("utf16be.txt", "UTF-16BE"),
        ("forced.txt", "windows-1256"),
        ("utf8_bom.txt", "UTF-8"),
    ] {
        let (e, t) = by_path[&p.to_string()];
        assert_eq!(e, enc, "{p}");
        assert!(t.contains("12 مدنيا قتلوا"), "{p}: {t}");
    }
    let (_, bidi) = by_path[&"bidi.txt".to_string()];
    assert!(!bidi.chars().any(|c| matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')));
    let (_, pres) = by_path[&"presentation.txt".to_string()];
    assert!(pres.starts_with("سجن لا"), "{pres}");
    // What was cleaned is said in the document's warnings.
    let warnings = column(&out.join("documents.csv"), "warnings");
    let warn_of: BTreeMap<_, _> = paths.iter().zip(warnings.iter()).collect();
    assert!(warn_of[&"bidi.txt".to_string()].contains("invisible_controls_removed"));
    assert!(warn_of[&"presentation.txt".to_string()].contains("presentation_forms_mapped"));
    assert!(warn_of[&"nul.txt".to_string()].contains("nul_bytes"));
    assert!(warn_of[&"crlf.txt".to_string()].contains("line_ends_unified"));
    assert!(warn_of[&"utf16_unpaired.txt".to_string()].contains("malformed_bytes"));
    // Nothing is written outside the output folder but its lock file, whatever the input names.
    let written: BTreeSet<String> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(written, [".out.lock", "out", "seeds"].iter().map(|s| s.to_string()).collect());
    // Offsets hold in every document that was read.
    let fig_docs = column(&out.join("figures.csv"), "doc_id");
    let starts = column(&out.join("figures.csv"), "start");
    let ends = column(&out.join("figures.csv"), "end");
    let surfaces = column(&out.join("figures.csv"), "surface");
    let ids = column(&out.join("documents.csv"), "doc_id");
    let text_of: BTreeMap<_, _> = ids.iter().zip(texts.iter()).collect();
    assert!(fig_docs.len() >= want_docs.len());
    for i in 0..fig_docs.len() {
        let t: Vec<char> = text_of[&fig_docs[i]].chars().collect();
        let (a, b): (usize, usize) = (starts[i].parse().unwrap(), ends[i].parse().unwrap());
        assert_eq!(t[a..b].iter().collect::<String>(), surfaces[i]);
    }
    // Strict mode: the same folder is fatal, and the previous output is left as it was.
    let before = std::fs::read(out.join("documents.csv")).unwrap();
    let strict =
        arqam().args(["--quiet", "build-dataset", "--strict", "--max-bytes", "100000", "--seeds"]).arg(&seeds).arg("--out").arg(&out).output().unwrap();
    assert_eq!(strict.status.code(), Some(3));
    assert_eq!(std::fs::read(out.join("documents.csv")).unwrap(), before);
    let _ = std::fs::remove_dir_all(&dir);
}

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .collect()
}

fn corpus(dir: &Path, copies: usize) {
    std::fs::create_dir_all(dir).unwrap();
    let seeds = Path::new(&manifest_dir()).join("../../seeds");
    for entry in std::fs::read_dir(seeds).unwrap() {
        let p = entry.unwrap().path();
        let bytes = std::fs::read(&p).unwrap();
        for i in 0..copies {
            std::fs::write(dir.join(format!("{i:04}_{}", p.file_name().unwrap().to_string_lossy())), &bytes).unwrap();
        }
    }
}

#[test]
fn a_killed_run_leaves_the_previous_output_intact() {
    let dir = temp("kill");
    let small = dir.join("small");
    corpus(&small, 1);
    let out = dir.join("out");
    assert!(arqam().args(["--quiet", "build-dataset", "--seeds"]).arg(&small).arg("--out").arg(&out).status().unwrap().success());
    let before = snapshot(&out);
    let big = dir.join("big");
    corpus(&big, 150);
    for delay_ms in [300u64, 900] {
        let mut child = arqam().args(["--quiet", "build-dataset", "--seeds"]).arg(&big).arg("--out").arg(&out).spawn().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let finished = child.try_wait().unwrap().is_some();
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        if !finished {
            // The swap is one atomic exchange: the output is never missing, never changed.
            assert_eq!(snapshot(&out), before, "killed after {delay_ms} ms: the previous output changed");
        }
    }
    // The next run recovers whatever was left and writes a complete output.
    assert!(arqam().args(["--quiet", "build-dataset", "--seeds"]).arg(&small).arg("--out").arg(&out).status().unwrap().success());
    assert_eq!(snapshot(&out), before);
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') && n != ".out.lock")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn output_does_not_depend_on_threads() {
    let dir = temp("threads");
    let seeds = dir.join("seeds");
    corpus(&seeds, 6);
    let mut outputs = Vec::new();
    for threads in ["1", "4"] {
        let out = dir.join(format!("out{threads}"));
        let ok = arqam()
            .env("RAYON_NUM_THREADS", threads)
            .env("LC_ALL", if threads == "1" { "C" } else { "ar_SY.UTF-8" })
            .args(["--quiet", "build-dataset", "--seeds"])
            .arg(&seeds)
            .arg("--out")
            .arg(&out)
            .status()
            .unwrap();
        assert!(ok.success());
        outputs.push(snapshot(&out));
    }
    assert_eq!(outputs[0].keys().collect::<Vec<_>>(), outputs[1].keys().collect::<Vec<_>>());
    for (name, bytes) in &outputs[0] {
        assert!(outputs[1][name] == *bytes, "{name} differs between 1 and 4 threads");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_pdf_in_the_input_folder_is_converted_and_read() {
    if Command::new("pdftotext").arg("-v").output().is_err() {
        eprintln!("skipped: pdftotext is not installed (apt-get install poppler-utils)");
        return;
    }
    let dir = temp("pdf");
    let seeds = dir.join("seeds");
    std::fs::create_dir_all(&seeds).unwrap();
    let fixture = Path::new(&manifest_dir()).join("../../tests/fixtures/pdf/report_c.pdf");
    std::fs::copy(fixture, seeds.join("report_c.pdf")).unwrap();
    let out = dir.join("out");
    assert!(arqam().args(["--quiet", "build-dataset", "--seeds"]).arg(&seeds).arg("--out").arg(&out).status().unwrap().success());
    assert_eq!(column(&out.join("documents.csv"), "format"), vec!["pdf_text"]);
    let lows = column(&out.join("figures.csv"), "value_low");
    for want in ["430", "120", "900", "75", "40"] {
        assert!(lows.iter().any(|v| v == want), "{want} in {lows:?}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_corpus_generator_is_deterministic_and_readable() {
    let dir = temp("corpus");
    let gen = |out: &Path| {
        let ok = arqam()
            .current_dir(Path::new(&manifest_dir()).join("../.."))
            .args(["--quiet", "corpus", "--size-mb", "1", "--seed", "3", "--out"])
            .arg(out)
            .status()
            .unwrap();
        assert!(ok.success());
    };
    gen(&dir.join("a"));
    gen(&dir.join("b"));
    assert_eq!(snapshot(&dir.join("a")), snapshot(&dir.join("b")));
    let encodings: BTreeSet<String> = {
        let out = dir.join("out");
        let run = arqam().args(["--quiet", "build-dataset", "--seeds"]).arg(dir.join("a")).arg("--out").arg(&out).status().unwrap();
        assert!(run.success(), "every generated file is read");
        column(&out.join("documents.csv"), "encoding").into_iter().collect()
    };
    assert!(encodings.contains("windows-1256") && encodings.contains("UTF-8"), "{encodings:?}");
    let _ = std::fs::remove_dir_all(&dir);
}
