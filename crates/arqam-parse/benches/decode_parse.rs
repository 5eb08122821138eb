//! Decode + parse of the shipped seeds: an article (UTF-8, Markdown links) and a
//! PDF-extracted report (reading-order repair, footnote markers and bodies), also in
//! Windows-1256 so the encoding detector does its full work. Each bench asserts what the
//! parser found, so a broken parser cannot look fast.

use std::hint::black_box;

use arqam_lexicon::Lexicon;
use arqam_model::Format;
use arqam_parse::{parse_document_with, Overrides};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// The package folder at run time. Cargo may reuse a test binary built in another clone
/// that shares the target directory; the path compiled into it may no longer exist.
fn manifest_dir() -> String {
    std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_string())
}

fn seed(prefix: &str) -> Vec<u8> {
    let dir = format!("{}/../../seeds", manifest_dir());
    let entry = std::fs::read_dir(dir).expect("seeds/").filter_map(Result::ok).find(|e| e.file_name().to_string_lossy().starts_with(prefix)).expect("seed");
    std::fs::read(entry.path()).expect("reading the seed")
}

fn bench(c: &mut Criterion) {
    let lex = Lexicon::builtin();
    let article = seed("000_");
    let pdf = seed("002_");
    let pdf_1256 = encoding_rs::WINDOWS_1256.encode(std::str::from_utf8(&pdf).expect("UTF-8 seed")).0.into_owned();
    let parse = |b: &[u8]| parse_document_with("d", "d.txt", b, &Overrides::default(), &lex);

    let a = parse(&article);
    assert_eq!(a.format, Format::Article);
    assert!(a.blocks.len() > 10 && a.meta.title.is_some(), "the article lost its blocks or its title");
    let p = parse(&pdf);
    assert_eq!(p.format, Format::PdfText);
    assert_eq!(p.markers.iter().map(|m| m.number).collect::<Vec<_>>(), (1..=24).collect::<Vec<_>>(), "markers 1–24 in order");
    let q = parse(&pdf_1256);
    assert_eq!(q.encoding, "windows-1256");
    assert_eq!(q.text, p.text, "the same report in Windows-1256 reads the same");

    let mut g = c.benchmark_group("decode+parse");
    for (name, bytes) in [("article", &article), ("pdf_text", &pdf), ("pdf_text_windows_1256", &pdf_1256)] {
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function(name, |b| b.iter(|| parse(black_box(bytes)).blocks.len()));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
