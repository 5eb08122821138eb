//! Never lose a user's files, never publish what is not theirs (issue 18): real `arqam`
//! processes in temporary folders, each case one way a careful user or an attacker broke
//! an earlier version.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn arqam() -> Command {
    Command::new(env!("CARGO_BIN_EXE_arqam"))
}

const ARTICLE: &str = "قالت مصادر محلية إن 12 مدنيا قتلوا في قصف على الحي.\n";

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn build(seeds: &Path, out: &Path, extra: &[&str]) -> Output {
    arqam().args(["build-dataset", "-q", "--seeds"]).arg(seeds).arg("--out").arg(out).args(extra).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.clone(), std::fs::read(&p).unwrap_or_default()));
            }
        }
    }
    out.sort();
    out
}

fn corpus() -> (tempfile::TempDir, PathBuf) {
    let root = tempfile::tempdir().unwrap();
    let seeds = root.path().join("seeds");
    write(&seeds.join("a.txt"), ARTICLE);
    (root, seeds)
}

#[test]
fn an_output_that_is_the_input_folder_is_refused_and_nothing_is_touched() {
    let (_root, seeds) = corpus();
    let before = snapshot(&seeds);
    let o = build(&seeds, &seeds, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("input folder"), "{}", stderr(&o));
    assert_eq!(snapshot(&seeds), before);
}

#[test]
fn an_output_that_contains_the_input_folder_is_refused() {
    let (root, seeds) = corpus();
    write(&root.path().join("unrelated.txt"), "mine");
    let before = snapshot(root.path());
    let o = build(&seeds, root.path(), &["--force"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(snapshot(root.path()), before, "the parent of the inputs is left as it was");
}

#[test]
fn an_output_inside_the_input_folder_is_refused() {
    let (_root, seeds) = corpus();
    let o = build(&seeds, &seeds.join("out"), &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!seeds.join("out").exists());
    // Also through a symbolic link that points into the input folder.
    #[cfg(unix)]
    {
        let link = seeds.parent().unwrap().join("link");
        std::os::unix::fs::symlink(&seeds, &link).unwrap();
        let o = build(&seeds, &link.join("out"), &[]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    }
}

#[test]
fn a_folder_arqam_did_not_write_is_never_replaced() {
    let (root, seeds) = corpus();
    let thesis = root.path().join("thesis");
    write(&thesis.join("chapter1.docx"), "years of work");
    write(&thesis.join("notes/n.md"), "notes");
    let before = snapshot(&thesis);
    for extra in [&[][..], &["--force"][..]] {
        let o = build(&seeds, &thesis, extra);
        assert_eq!(o.status.code(), Some(1), "{extra:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("did not write"), "{}", stderr(&o));
        assert_eq!(snapshot(&thesis), before);
    }
}

#[test]
fn a_regular_file_as_output_is_refused_and_kept() {
    let (root, seeds) = corpus();
    let file = root.path().join("results.csv");
    write(&file, "a,b\n1,2\n");
    let o = build(&seeds, &file, &["--force"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "a,b\n1,2\n");
    let names: Vec<_> = std::fs::read_dir(root.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(!names.iter().any(|n| n.starts_with(".results")), "nothing moved aside: {names:?}");
}

#[test]
fn arqams_own_output_is_replaced_and_a_user_file_added_to_it_stops_the_run() {
    let (root, seeds) = corpus();
    let out = root.path().join("out");
    assert_eq!(build(&seeds, &out, &[]).status.code(), Some(0));
    assert!(out.join(".arqam-output").is_file(), "the marker");
    let first = snapshot(&out);
    let again = build(&seeds, &out, &[]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert_eq!(snapshot(&out), first, "reproducible and replaced in place");
    write(&out.join("analysis.ipynb"), "{}");
    let o = build(&seeds, &out, &["--force"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(out.join("analysis.ipynb").is_file());
    // Nothing left beside the output but the lock file.
    let mut names: Vec<_> = std::fs::read_dir(root.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, [".out.lock", "out", "seeds"]);
}

#[test]
fn a_folder_of_arqam_names_without_a_marker_needs_force() {
    let (root, seeds) = corpus();
    let out = root.path().join("out");
    write(&out.join("figures.csv"), "old");
    let o = build(&seeds, &out, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("--force"));
    assert_eq!(std::fs::read_to_string(out.join("figures.csv")).unwrap(), "old");
    assert_eq!(build(&seeds, &out, &["--force"]).status.code(), Some(0));
}

#[cfg(unix)]
#[test]
fn a_file_name_is_never_read_as_a_path_to_another_file() {
    let root = tempfile::tempdir().unwrap();
    // A secret outside the input folder, and a document whose name spells a path to it
    // with backslashes, as the walk on Unix sees it.
    let secret = root.path().join("secret.txt");
    write(&secret, "SECRET-CONTENT 999 كلمة");
    let seeds = root.path().join("seeds");
    write(&seeds.join("a.txt"), ARTICLE);
    let crafted = format!("{}.txt", secret.to_string_lossy().replace('/', "\\"));
    write(&seeds.join(&crafted), "نص الوثيقة المصنوعة عن 5 أشخاص.\n");
    let out = root.path().join("out");
    let o = build(&seeds, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let docs = std::fs::read_to_string(out.join("documents.csv")).unwrap();
    assert!(!docs.contains("SECRET-CONTENT"), "a file outside the input folder was published");
    assert!(docs.contains("المصنوعة"), "the crafted file itself is read");
}

#[cfg(unix)]
#[test]
fn ids_stay_unique_for_colliding_and_non_utf8_names() {
    use std::os::unix::ffi::OsStrExt;
    let (root, seeds) = corpus();
    write(&seeds.join("b.txt"), ARTICLE);
    write(&seeds.join("b.md"), ARTICLE);
    write(&seeds.join("a/b.txt.md"), ARTICLE);
    for raw in [&b"x\xff.txt"[..], &b"x\xfe.txt"[..]] {
        std::fs::write(seeds.join(std::ffi::OsStr::from_bytes(raw)), ARTICLE).unwrap();
    }
    let out = root.path().join("out");
    let o = build(&seeds, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut rdr = csv::Reader::from_path(out.join("documents.csv")).unwrap();
    let ids: Vec<String> = rdr.records().map(|r| r.unwrap()[0].to_string()).collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), 6, "{ids:?}");
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
    assert!(ids.iter().any(|i| i.contains("%FF")) && ids.iter().any(|i| i.contains("%FE")), "escaped visibly: {ids:?}");
}

#[test]
fn a_run_that_reads_nothing_keeps_the_previous_output() {
    let (root, seeds) = corpus();
    let out = root.path().join("out");
    assert_eq!(build(&seeds, &out, &[]).status.code(), Some(0));
    let before = snapshot(&out);
    std::fs::write(seeds.join("a.txt"), b"\x89PNG\r\n\x1a\n\0\0\0").unwrap();
    let o = build(&seeds, &out, &[]);
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    assert_eq!(snapshot(&out), before);
}

#[test]
fn usage_errors_exit_with_1_not_the_rejected_files_code() {
    let o = arqam().args(["build-dataset", "--no-such-flag"]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let o = arqam().args(["--lexicons", "/nonexistent/arqam-lexicons", "extract", "--text", "قتل 3"]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no such folder"), "{}", stderr(&o));
    assert_eq!(arqam().arg("--help").output().unwrap().status.code(), Some(0));
}

#[cfg(unix)]
#[test]
fn control_characters_in_file_names_do_not_reach_stderr_raw() {
    let (root, seeds) = corpus();
    write(&seeds.join("evil\narqam: forged line.png"), "x");
    let o = build(&seeds, &root.path().join("out"), &[]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.lines().any(|l| l.starts_with("arqam: forged line")), "{err}");
    assert!(err.contains("\\u{a}"), "{err}");
}

#[cfg(unix)]
#[test]
fn text_from_documents_and_names_cannot_inject_into_spreadsheets_or_the_card() {
    let root = tempfile::tempdir().unwrap();
    let seeds = root.path().join("seeds");
    write(&seeds.join("# <img src=x onerror=alert(1)>.txt"), "=HYPERLINK(\"http://example.invalid\")\n\nقتل 12 مدنيا في القصف.\n");
    let out = root.path().join("out");
    let o = build(&seeds, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut rdr = csv::Reader::from_path(out.join("documents.csv")).unwrap();
    let h = rdr.headers().unwrap().clone();
    let text_col = h.iter().position(|c| c == "text").unwrap();
    let rec = rdr.records().next().unwrap().unwrap();
    assert!(rec[text_col].starts_with("'="), "formula guarded: {:?}", &rec[text_col][..20]);
    let card = std::fs::read_to_string(out.join("README.md")).unwrap();
    assert!(!card.contains("<img"), "raw HTML from a file name reached the card");
    assert!(!card.lines().any(|l| l.starts_with("# <") || l.starts_with("#  <")), "a file name opened a heading");
    let svg = std::fs::read_to_string(out.join("disputes.svg")).unwrap();
    assert!(!svg.contains("<img"));
    // --raw-csv writes the text as extracted.
    let raw = root.path().join("raw");
    assert_eq!(build(&seeds, &raw, &["--raw-csv"]).status.code(), Some(0));
    let mut rdr = csv::Reader::from_path(raw.join("documents.csv")).unwrap();
    assert!(rdr.records().next().unwrap().unwrap()[text_col].starts_with('='));
}

#[test]
fn a_bad_lexicon_row_is_an_error_naming_file_and_line_and_nothing_is_written() {
    let (root, seeds) = corpus();
    let lex = root.path().join("lex");
    write(&lex.join("numbers.csv"), "word,value,kind,high\nعشرة,10,ten,\nمليار,inf,scale,\n");
    let out = root.path().join("out");
    let o = arqam().arg("--lexicons").arg(&lex).args(["build-dataset", "-q", "--seeds"]).arg(&seeds).arg("--out").arg(&out).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("numbers.csv") && err.contains("line 3") && err.contains("finite"), "{err}");
    assert!(!out.exists());
    // The summary says which lexicon a run used.
    std::fs::remove_file(lex.join("numbers.csv")).unwrap();
    let o = arqam().arg("--lexicons").arg(&lex).args(["build-dataset", "--seeds"]).arg(&seeds).arg("--out").arg(&out).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("lexicon") && stderr(&o).contains(&lex.display().to_string()), "{}", stderr(&o));
}

#[test]
fn two_runs_into_one_output_do_not_break_each_other() {
    let root = tempfile::tempdir().unwrap();
    let seeds = root.path().join("seeds");
    let seed_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
    for e in std::fs::read_dir(&seed_dir).unwrap() {
        let p = e.unwrap().path();
        let bytes = std::fs::read(&p).unwrap();
        for i in 0..80 {
            std::fs::create_dir_all(&seeds).unwrap();
            std::fs::write(seeds.join(format!("{i:03}_{}", p.file_name().unwrap().to_string_lossy())), &bytes).unwrap();
        }
    }
    let out = root.path().join("out");
    let mut first = arqam().args(["build-dataset", "-q", "--seeds"]).arg(&seeds).arg("--out").arg(&out).spawn().unwrap();
    // The first run holds the lock from its start; wait until it exists.
    let lock = root.path().join(".out.lock");
    while !lock.exists() {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let second = build(&seeds, &out, &[]);
    let first_done_early = first.try_wait().unwrap().is_some();
    let first_status = first.wait().unwrap();
    assert!(first_status.success());
    if !first_done_early {
        assert_eq!(second.status.code(), Some(1), "{}", stderr(&second));
        assert!(stderr(&second).contains("another arqam run"), "{}", stderr(&second));
    }
    // Whatever the timing, the output is one complete dataset and nothing is left over.
    let names: Vec<_> = std::fs::read_dir(root.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(names.iter().all(|n| n == "out" || n == "seeds" || n == ".out.lock"), "{names:?}");
    let mut rdr = csv::Reader::from_path(out.join("documents.csv")).unwrap();
    assert_eq!(rdr.records().count(), 160);
}
