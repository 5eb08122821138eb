//! Runs the extraction cases of `tests/fixtures/extraction/*.txt` (see the README there):
//! each passage through the whole extractor, each expected figure compared on value,
//! qualifier, unit, measure, actor and claimant.

use std::path::Path;

use arqam_extract::extract_text;
use arqam_lexicon::Lexicon;

/// The package folder at run time. Cargo may reuse a test binary built in another clone
/// that shares the target directory; the path compiled into it may no longer exist.
fn manifest_dir() -> String {
    std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_string())
}

#[derive(Debug)]
struct Case {
    file: String,
    line: usize,
    text: String,
    expected: Vec<Vec<String>>,
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
                let fields: Vec<String> = e.split('|').map(|f| f.trim().to_string()).collect();
                assert_eq!(fields.len(), 6, "{name}:{}: six fields expected", i + 1);
                current.as_mut().expect("an expectation follows a text").expected.push(fields);
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
        let got: Vec<Vec<String>> = d
            .figures
            .iter()
            .map(|f| {
                vec![
                    fmt_value(f.value_low, f.value_high),
                    f.qualifier.as_str().to_string(),
                    f.unit.clone().unwrap_or_else(|| "-".into()),
                    f.measure.as_str().to_string(),
                    f.actor.clone().unwrap_or_else(|| "-".into()),
                    f.claimant.clone(),
                ]
            })
            .collect();
        if got != case.expected {
            let show = |v: &Vec<Vec<String>>| v.iter().map(|f| f.join(" | ")).collect::<Vec<_>>().join("\n      ");
            failures.push(format!("{}:{}: {}\n   want {}\n   got  {}", case.file, case.line, case.text, show(&case.expected), show(&got)));
        }
    }
    eprintln!("{} of {} extraction cases pass", cases.len() - failures.len(), cases.len());
    assert!(failures.is_empty(), "{} failing:\n{}", failures.len(), failures.join("\n"));
    assert!(cases.len() >= 150, "only {} cases", cases.len());
}
