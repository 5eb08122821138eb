//! The disputes table, the thing researchers want most: where two parties' numbers for the
//! same people disagree. Built from real processes on the seeds and on documents of our own
//! about another conflict.

use std::path::Path;
use std::process::Command;

/// (measure, actor, claimants) of every disputes row.
fn disputes(out: &Path) -> Vec<(String, String, Vec<String>)> {
    let mut rdr = csv::Reader::from_path(out.join("disputes.csv")).unwrap();
    let h = rdr.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|c| c == n).unwrap();
    let (m, a, c) = (col("measure"), col("actor"), col("claimants"));
    rdr.records()
        .map(|r| r.unwrap())
        .map(|r| (r[m].to_string(), r[a].to_string(), serde_json::from_str::<Vec<String>>(&r[c]).unwrap()))
        .collect()
}

fn build(seeds: &Path, out: &Path) {
    let o = Command::new(env!("CARGO_BIN_EXE_arqam")).args(["build-dataset", "-q", "--seeds"]).arg(seeds).arg("--out").arg(out).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn the_ghuwayran_attackers_are_disputed_between_the_sdf_and_isis() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
    let dir = tempfile::tempdir().unwrap();
    build(&seeds, &dir.path().join("out"));
    let rows = disputes(&dir.path().join("out"));
    assert!(
        rows.iter().any(|(m, _, c)| m == "attackers" && c.contains(&"sdf".to_string()) && c.contains(&"isis".to_string())),
        "{rows:?}"
    );
}

#[test]
fn a_health_ministry_and_an_army_disputing_a_toll_make_a_disputes_row() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = dir.path().join("docs");
    std::fs::create_dir_all(&seeds).unwrap();
    // Two short reports of our own on one strike, each giving one party's toll.
    std::fs::write(seeds.join("a.txt"), "أعلنت وزارة الصحة في غزة أن 45 مدنيا قتلوا في قصف المدرسة يوم الثلاثاء.\n").unwrap();
    std::fs::write(seeds.join("b.txt"), "وقال الجيش الإسرائيلي إن 10 مدنيين فقط قتلوا في الغارة على المدرسة.\n").unwrap();
    build(&seeds, &dir.path().join("out"));
    let rows = disputes(&dir.path().join("out"));
    assert!(
        rows.iter().any(|(m, a, c)| m == "killed"
            && a == "civilians"
            && c.contains(&"gaza_health_ministry".to_string())
            && c.contains(&"israeli_army".to_string())),
        "{rows:?}"
    );
}
