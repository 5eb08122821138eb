//! The number layer on a realistic mix of report sentences: digits of three scripts,
//! number words, vague quantities, ranges, qualifiers, duals and plain prose. The bench
//! asserts what it reads, so a broken layer cannot look fast.

use arqam_extract::numbers::{find_numbers, MentionKind, NumberOptions};
use arqam_lexicon::Lexicon;
use arqam_model::Span;
use arqam_normalize::tokenize;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

const PARAGRAPHS: &[&str] = &[
    "أعلنت قوات سوريا الديمقراطية أنها ألقت القبض على أكثر من 100 عنصر فار من السجن، بينما قتل العشرات منهم في الاشتباكات.",
    "قال المرصد السوري إن نحو ٣٥٠٠ سجين كانوا محتجزين في المبنى قبل الهجوم الذي استمر سبعة أيام متواصلة.",
    "تتحدث التقارير عن وجود بين 10 إلى 12 ألف سجين، من بينهم أكثر من ۲۰۰۰ أجنبي يتبعون إلى خمسين دولة.",
    "نزح خمسة آلاف وثلاثمائة وعشرون شخصا خلال يومين، وفق ما ذكرته منظمة محلية، فيما بقي عشرات الآلاف في المخيمات.",
    "شارك في العملية آلاف العناصر مدعومين بعربتين مفخختين وطائرات التحالف، وسقط ما لا يقل عن 40 قتيلا.",
    "ويرى الصحفي أن المشهد مختلف تماما، وأن الأطراف المحلية والدولية تسعى إلى مصالحها دون اهتمام بالمدنيين.",
];

fn bench(c: &mut Criterion) {
    let lex = Lexicon::builtin();
    let text: String = PARAGRAPHS.repeat(20).join("\n");
    let tokens = tokenize(&text, Span::new(0, text.len()));
    let read = |tokens: &[arqam_normalize::Token]| find_numbers(tokens, &lex, &|_| false, NumberOptions::default());
    // What a correct layer reads in one round of the six paragraphs, times 20.
    let counts = read(&tokens).iter().filter(|m| m.kind != MentionKind::Ordinal).count();
    assert_eq!(counts, 20 * 13, "the number layer's reading changed");

    let mut g = c.benchmark_group("number_layer");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("find_numbers", |b| b.iter(|| read(black_box(&tokens)).len()));
    g.bench_function("tokenize+find_numbers", |b| b.iter(|| read(&tokenize(black_box(&text), Span::new(0, text.len()))).len()));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
