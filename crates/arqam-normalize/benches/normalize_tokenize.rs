//! Normalization and tokenization of real report text (the seeds, both digit scripts,
//! diacritics and tatweel added): the per-character work every later stage builds on.
//! The bench asserts the invariants the pipeline relies on.

use std::hint::black_box;

use arqam_model::Span;
use arqam_normalize::{clean_display, fold_key, is_digit, split_sentences, tokenize, TokenKind};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// The package folder at run time. Cargo may reuse a test binary built in another clone
/// that shares the target directory; the path compiled into it may no longer exist.
fn manifest_dir() -> String {
    std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_string())
}

fn corpus() -> String {
    let dir = format!("{}/../../seeds", manifest_dir());
    let mut paths: Vec<_> = std::fs::read_dir(dir).expect("seeds/").filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    let mut text = String::new();
    for p in paths {
        let seed = std::fs::read_to_string(p).expect("UTF-8 seed");
        // The seed once as published, once with Arabic-Indic digits, diacritics and tatweel.
        text.push_str(&seed);
        text.extend(seed.chars().map(|c| if c.is_ascii_digit() { char::from_u32(c as u32 - '0' as u32 + 0x660).unwrap_or(c) } else { c }));
        text.push_str(&seed.replace("ال", "الْ").replace("سجن", "سـجـن"));
    }
    text
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    let whole = Span::new(0, text.len());
    let tokens = tokenize(&text, whole);
    // Tokens are in order, inside the text, on char boundaries, and no digit is dropped.
    assert!(tokens.windows(2).all(|w| w[0].span.end <= w[1].span.start));
    assert!(tokens.iter().all(|t| text.get(t.span.start..t.span.end).is_some()));
    let digits_in_tokens: usize = tokens.iter().map(|t| text[t.span.start..t.span.end].chars().filter(|&c| is_digit(c)).count()).sum();
    assert_eq!(digits_in_tokens, text.chars().filter(|&c| is_digit(c)).count());
    assert!(tokens.iter().filter(|t| t.kind == TokenKind::Number).count() >= 150, "three copies of the seeds, 65 digit runs each");
    assert_eq!(fold_key("الْسـجـن"), fold_key("السجن"));
    let sentences = split_sentences(&text, whole);
    assert!(sentences.len() > 100);

    let mut g = c.benchmark_group("normalize+tokenize");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("clean_display", |b| b.iter(|| clean_display(black_box(&text)).len()));
    g.bench_function("tokenize", |b| b.iter(|| tokenize(black_box(&text), whole).len()));
    g.bench_function("split_sentences+tokenize", |b| {
        b.iter(|| split_sentences(black_box(&text), whole).iter().map(|s| tokenize(&text, s.span).len()).sum::<usize>())
    });
    g.bench_function("fold_key per word", |b| b.iter(|| text.split_whitespace().map(|w| fold_key(black_box(w)).len()).sum::<usize>()));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
