//! Runs the extraction cases of `tests/fixtures/extraction/*.txt` (see the README there):
//! each passage through the whole extractor, each expected figure compared on value,
//! qualifier, unit, measure, actor and claimant, and on the optional `key=value` fields a
//! case states (`surface`, `cue`, `claimant_name`, `relayed_by`, `denial`).

use std::path::Path;

use arqam_extract::extract_text;
use arqam_lexicon::Lexicon;

/// The package folder at run time. Cargo may reuse a test binary built in another clone
/// that shares the target directory; the path compiled into it may no longer exist.
fn manifest_dir() -> String {
    std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_string())
}

/// The six fields every expectation states.
const FIELDS: usize = 6;
/// Fields an expectation may add as `key=value`.
const OPTIONAL: &[&str] = &["surface", "cue", "claimant_name", "relayed_by", "denial"];

/// One expected figure: the six fields, then the optional ones it states.
#[derive(Debug, Clone, PartialEq)]
struct Expected {
    fields: Vec<String>,
    optional: Vec<(String, String)>,
}

#[derive(Debug)]
struct Case {
    file: String,
    line: usize,
    text: String,
    expected: Vec<Expected>,
}

/// Parses an expectation line (after `=`): six `|`-separated fields, then `key=value`s.
fn parse_expected(line: &str, at: &str) -> Expected {
    let parts: Vec<String> = line.split('|').map(|f| f.trim().to_string()).collect();
    assert!(parts.len() >= FIELDS, "{at}: six fields expected");
    let optional = parts[FIELDS..]
        .iter()
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or_else(|| panic!("{at}: {p:?} is not key=value"));
            assert!(OPTIONAL.contains(&k.trim()), "{at}: unknown field {k:?} (known: {OPTIONAL:?})");
            (k.trim().to_string(), v.trim().to_string())
        })
        .collect();
    Expected { fields: parts[..FIELDS].to_vec(), optional }
}

/// The value of an optional field of a figure, as a fixture writes it (`-` for null).
fn optional_field(f: &arqam_model::Figure, key: &str) -> String {
    let or_dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    match key {
        "surface" => f.surface.clone(),
        "cue" => or_dash(&f.attribution_cue),
        "claimant_name" => or_dash(&f.claimant_name),
        "relayed_by" => or_dash(&f.relayed_by),
        "denial" => f.denial.to_string(),
        other => unreachable!("checked when parsed: {other}"),
    }
}

fn load() -> Vec<Case> {
    let dir = Path::new(&manifest_dir()).join("../../tests/fixtures/extraction");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect();
    files.sort();
    let mut cases = Vec::new();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let mut current: Option<Case> = None;
        let mut in_text = false;
        for (i, line) in std::fs::read_to_string(&path).unwrap().lines().enumerate() {
            if let Some(t) = line.strip_prefix('>') {
                if !in_text {
                    cases.extend(current.take());
                    current = Some(Case { file: name.clone(), line: i + 1, text: String::new(), expected: Vec::new() });
                }
                let c = current.as_mut().unwrap();
                if !c.text.is_empty() {
                    c.text.push_str("\n\n");
                }
                c.text.push_str(t.trim());
                in_text = true;
            } else if let Some(e) = line.strip_prefix('=') {
                in_text = false;
                let expected = parse_expected(e, &format!("{name}:{}", i + 1));
                current.as_mut().expect("an expectation follows a text").expected.push(expected);
            } else {
                in_text = false;
            }
        }
        cases.extend(current.take());
    }
    cases
}

fn fmt_value(low: Option<f64>, high: Option<f64>) -> String {
    let n = |v: f64| if v.fract() == 0.0 { format!("{}", v as i64) } else { format!("{v}") };
    match (low, high) {
        (Some(l), Some(h)) if l == h => n(l),
        (Some(l), Some(h)) => format!("{}..{}", n(l), n(h)),
        (Some(l), None) => format!("{}..", n(l)),
        (None, Some(h)) => format!("..{}", n(h)),
        (None, None) => "-".into(),
    }
}

#[test]
fn extraction_cases() {
    let lex = Lexicon::builtin();
    let cases = load();
    let mut failures = Vec::new();
    for case in &cases {
        let d = extract_text(&case.text, &lex);
        // Each figure as the fixture states it: the six fields, plus the optional fields the
        // expectation at the same position names.
        let got: Vec<Expected> = d
            .figures
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let fields = vec![
                    fmt_value(f.value_low, f.value_high),
                    f.qualifier.as_str().to_string(),
                    f.unit.clone().unwrap_or_else(|| "-".into()),
                    f.measure.as_str().to_string(),
                    f.actor.clone().unwrap_or_else(|| "-".into()),
                    f.claimant.clone(),
                ];
                let keys = case.expected.get(i).map(|e| e.optional.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>()).unwrap_or_default();
                let optional = keys.into_iter().map(|k| (k.clone(), optional_field(f, &k))).collect();
                Expected { fields, optional }
            })
            .collect();
        if got != case.expected {
            let line = |e: &Expected| e.fields.iter().cloned().chain(e.optional.iter().map(|(k, v)| format!("{k}={v}"))).collect::<Vec<_>>().join(" | ");
            let show = |v: &Vec<Expected>| v.iter().map(line).collect::<Vec<_>>().join("\n      ");
            failures.push(format!("{}:{}: {}\n   want {}\n   got  {}", case.file, case.line, case.text, show(&case.expected), show(&got)));
        }
    }
    eprintln!("{} of {} extraction cases pass", cases.len() - failures.len(), cases.len());
    assert!(failures.is_empty(), "{} failing:\n{}", failures.len(), failures.join("\n"));
    assert!(cases.len() >= 150, "only {} cases", cases.len());
}

#[test]
fn expectation_lines_keep_the_six_fields_and_add_named_ones() {
    let old = parse_expected(" 12 | exact | عنصر | killed | - | sdf", "t");
    assert_eq!(old.fields.len(), 6);
    assert!(old.optional.is_empty());
    let new = parse_expected(" 12 | exact | عنصر | killed | - | sdf | cue=قال | denial=true", "t");
    assert_eq!(new.optional, vec![("cue".to_string(), "قال".to_string()), ("denial".to_string(), "true".to_string())]);
    assert!(std::panic::catch_unwind(|| parse_expected("12 | exact | عنصر | killed | - | sdf | colour=red", "t")).is_err());
}
