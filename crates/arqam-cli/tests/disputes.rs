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
    rdr.records().map(|r| r.unwrap()).map(|r| (r[m].to_string(), r[a].to_string(), serde_json::from_str::<Vec<String>>(&r[c]).unwrap())).collect()
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
    assert!(rows.iter().any(|(m, _, c)| m == "attackers" && c.contains(&"sdf".to_string()) && c.contains(&"isis".to_string())), "{rows:?}");
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
        rows.iter()
            .any(|(m, a, c)| m == "killed" && a == "civilians" && c.contains(&"gaza_health_ministry".to_string()) && c.contains(&"israeli_army".to_string())),
        "{rows:?}"
    );
}

#[test]
fn the_data_package_lists_the_actor_groups_of_the_lexicon_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = dir.path().join("docs");
    std::fs::create_dir_all(&seeds).unwrap();
    std::fs::write(seeds.join("a.txt"), "قال الجيش إن 4 مسلحين قتلوا.\n").unwrap();
    // A user's lexicon with a party of their own conflict.
    let lex = dir.path().join("lex");
    std::fs::create_dir_all(&lex).unwrap();
    std::fs::write(
        lex.join("actors.csv"),
        "actor_id,name_ar,name_en,type,group,aliases\nnorth_front,جبهة الشمال,North Front,armed_group,north_front,الجبهة الشمالية\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let o = Command::new(env!("CARGO_BIN_EXE_arqam"))
        .arg("--lexicons")
        .arg(&lex)
        .args(["build-dataset", "-q", "--seeds"])
        .arg(&seeds)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let dp: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out.join("datapackage.json")).unwrap()).unwrap();
    let figures = dp["resources"].as_array().unwrap().iter().find(|r| r["name"] == "figures").unwrap();
    let actor = figures["schema"]["fields"].as_array().unwrap().iter().find(|f| f["name"] == "actor").unwrap();
    let values: Vec<&str> = actor["constraints"]["enum"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    for v in ["north_front", "civilians", "mixed", "other"] {
        assert!(values.contains(&v), "{v} missing from {values:?}");
    }
}
