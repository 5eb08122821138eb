//! Attribution and whole-document extraction on the parsed seeds: cue search, quotation
//! and continuation tracking, actor matching through the alias index, and (for the
//! `extract_document` bench) counted nouns, measures, dates and footnotes too. Each bench
//! asserts a claim the seeds make, so a broken stage cannot look fast.

use std::hint::black_box;

use arqam_extract::attribution::Attributor;
use arqam_extract::{extract_document, sentences_of};
use arqam_lexicon::Lexicon;
use arqam_model::ParsedDoc;
use arqam_parse::{parse_document_with, Overrides};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// The package folder at run time. Cargo may reuse a test binary built in another clone
/// that shares the target directory; the path compiled into it may no longer exist.
fn manifest_dir() -> String {
    std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_string())
}

fn seeds(lex: &Lexicon) -> Vec<ParsedDoc> {
    let dir = format!("{}/../../seeds", manifest_dir());
    let mut paths: Vec<_> = std::fs::read_dir(dir).expect("seeds/").filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    paths.iter().map(|p| parse_document_with("d", "d.txt", &std::fs::read(p).expect("seed"), &Overrides::default(), lex)).collect()
}

fn bench(c: &mut Criterion) {
    let lex = Lexicon::builtin();
    let docs = seeds(&lex);
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let sentences: Vec<_> = docs.iter().map(|d| sentences_of(d, &lex)).collect();
    let attribute = || {
        let mut speakers = 0;
        for (d, sents) in docs.iter().zip(&sentences) {
            let mut a = Attributor::new(&lex);
            for st in sents {
                speakers += Attributor::speakers(&a.scan_sentence(&d.text, st)).len();
            }
        }
        speakers
    };
    assert!(attribute() >= 10, "the seeds quote the SDF, ISIS, the Observatory and others");
    let extracted: Vec<_> = docs.iter().map(|d| extract_document(d.clone(), &lex)).collect();
    let attackers: Vec<(&str, Option<f64>)> =
        extracted.iter().flat_map(|e| &e.figures).filter(|f| f.measure.as_str() == "attackers").map(|f| (f.claimant.as_str(), f.value_low)).collect();
    assert!(attackers.contains(&("isis", Some(12.0))) && attackers.contains(&("sdf", Some(200.0))), "{attackers:?}");

    let mut g = c.benchmark_group("extraction");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("attribution", |b| b.iter(|| black_box(attribute())));
    g.bench_function("extract_document", |b| b.iter(|| docs.iter().map(|d| extract_document(black_box(d.clone()), &lex).figures.len()).sum::<usize>()));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
