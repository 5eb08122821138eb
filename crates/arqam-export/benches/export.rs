//! Export: rows of extracted documents (code-point offsets), then the streaming writer
//! (CSV, Parquet row groups, the disputes scan, the card, datapackage.json) into a
//! temporary folder. The seeds are repeated to a corpus of 200 documents so the Parquet
//! batching is exercised. The bench asserts the rows written.

use std::hint::black_box;

use arqam_export::{doc_rows, write_dataset, BatchLimits, PackageMeta};
use arqam_lexicon::Lexicon;
use arqam_parse::{parse_document_with, Overrides};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// The package folder at run time. Cargo may reuse a test binary built in another clone
/// that shares the target directory; the path compiled into it may no longer exist.
fn manifest_dir() -> String {
    std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_string())
}

fn bench(c: &mut Criterion) {
    let lex = Lexicon::builtin();
    let dir = format!("{}/../../seeds", manifest_dir());
    let mut paths: Vec<_> = std::fs::read_dir(dir).expect("seeds/").filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    let seeds: Vec<_> = paths
        .iter()
        .map(|p| arqam_extract::extract_document(parse_document_with("d", "d.txt", &std::fs::read(p).expect("seed"), &Overrides::default(), &lex), &lex))
        .collect();
    let docs: Vec<_> = (0..200)
        .map(|i| {
            let mut d = seeds[i % seeds.len()].clone();
            d.doc.doc_id = format!("doc{i:04}");
            d.doc.path = format!("doc{i:04}.txt");
            d
        })
        .collect();
    let n_figures: usize = docs.iter().map(|d| d.figures.len()).sum();
    let bytes: usize = docs.iter().map(|d| d.doc.text.len()).sum();
    let meta = PackageMeta { version: "bench".into(), lexicon_version: lex.version.clone() };
    let tmp = tempfile::tempdir().expect("temporary folder");
    let out = tmp.path().join("out");
    let limits = BatchLimits { rows: 1000, bytes: 1 << 20 };
    let summary = write_dataset(&out, &docs, &[], &lex, &meta, limits).expect("writing");
    assert_eq!(summary.rows("figures"), n_figures);
    assert_eq!(summary.rows("documents"), 200);
    assert!(!summary.disputes.is_empty());

    let mut g = c.benchmark_group("export");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.bench_function("doc_rows", |b| b.iter(|| docs.iter().map(|d| doc_rows(black_box(d)).tables.len()).sum::<usize>()));
    g.bench_function("write_dataset", |b| b.iter(|| write_dataset(&out, black_box(&docs), &[], &lex, &meta, limits).expect("writing").rows("figures")));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
