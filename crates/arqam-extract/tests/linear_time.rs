//! Pathological inputs take work linear in their size. Each case runs at size n and 8n
//! and counts the steps of work done ([`arqam_model::work`]: lexicon lookups, the PDF
//! repair's word checks, the number reader's digit runs: every per-token question a scan
//! asks). Linear work grows about 8×, quadratic about 64×; the test allows under 16×.
//!
//! Steps, not time: the count is exact and the same on every run, where CPU time on a
//! loaded machine flaked (26× once for linear work while the load average was 10).

use arqam_extract::{extract_document, extract_text};
use arqam_lexicon::Lexicon;
use arqam_model::{work, Format};

/// The steps `f` takes on this thread.
fn steps_of(f: &dyn Fn()) -> u64 {
    let before = work::steps();
    f();
    work::steps() - before
}

fn assert_linear(name: &str, make: &dyn Fn(usize) -> String, run: &dyn Fn(&str), n: usize) {
    let small = make(n);
    let large = make(8 * n);
    let s1 = steps_of(&|| run(&small));
    let s8 = steps_of(&|| run(&large));
    assert!(s1 > 0, "{name}: no work counted, so the test would prove nothing");
    let ratio = s8 as f64 / s1 as f64;
    eprintln!("{name}: {} → {} bytes: {s1} → {s8} steps ({ratio:.1}×)", small.len(), large.len());
    // The large input was read too (a text dropped whole, as page furniture, would not be).
    assert!(s8 > s1, "{name}: 8× the input took no more work: was it read at all?");
    assert!(ratio < 16.0, "{name}: 8× the input took {ratio:.1}× the work");
}

fn plain(lex: &Lexicon) -> impl Fn(&str) + '_ {
    move |s: &str| {
        let _ = extract_text(s, lex);
    }
}

fn pdf(lex: &Lexicon) -> impl Fn(&str) + '_ {
    move |s: &str| {
        let doc = arqam_parse::parse_document("p", "p.txt", s.as_bytes(), Some(Format::PdfText), lex);
        let _ = extract_document(doc, lex);
    }
}

/// Words of a report, to vary generated PDF lines.
const WORDS: &[&str] = &[
    "القرية",
    "مصدر",
    "محلي",
    "القصف",
    "المدينة",
    "الجيش",
    "السكان",
    "الطريق",
    "المستشفى",
    "المنطقة",
    "الحي",
    "الشرقي",
    "الغربي",
    "الريف",
    "المدرسة",
    "السوق",
    "الجسر",
    "النهر",
    "الحدود",
    "المخيم",
    "الليل",
    "الصباح",
    "الأسبوع",
    "الشهر",
    "العام",
    "الماضي",
    "شمال",
    "جنوب",
    "قرب",
    "داخل",
    "خارج",
];

/// Three words that differ for every `i` below 31³: the PDF parser drops lines that
/// repeat (page headers and footers), digits aside, so every generated line must differ.
fn distinct_words(i: usize) -> String {
    let n = WORDS.len();
    format!("{} {} {}", WORDS[i % n], WORDS[(i / n) % n], WORDS[(i / n / n) % n])
}

/// A line of PDF text without punctuation: words, a figure with an event word, more words.
fn pdf_line(i: usize) -> String {
    format!("{} بمقتل {} مدنيين في القصف على {}\n", distinct_words(i), i % 97 + 2, distinct_words(i * 7 + 3))
}

#[test]
fn a_text_without_line_breaks_or_sentence_ends_is_linear() {
    // One huge sentence full of figures, cues and actors.
    let lex = Lexicon::builtin();
    assert_linear("no line breaks", &|n| "قالت قسد إن 12 عنصرا من التنظيم قتلوا وأصيب 30 آخرون بحسب المرصد السوري و".repeat(n), &plain(&lex), 300);
}

#[test]
fn one_long_number_is_linear() {
    let lex = Lexicon::builtin();
    assert_linear("one long number", &|n| format!("{} شخص", "1234567890".repeat(n)), &plain(&lex), 2_000);
}

#[test]
fn footnote_markers_by_the_thousand_are_linear() {
    // Every line ends with a footnote number glued to its last word, up to 960 of them
    // (numbers of four digits are counts, not markers).
    let lex = Lexicon::builtin();
    let line = |i: usize| format!("{}   {i}{}\n", distinct_words(i), WORDS[(i * 11) % WORDS.len()]);
    assert_linear("footnote markers", &|n| (1..=n).map(line).collect(), &pdf(&lex), 120);
}

#[test]
fn repeated_qualifiers_are_linear() {
    let lex = Lexicon::builtin();
    assert_linear("repeated qualifiers", &|n| format!("{}5 أشخاص", "أكثر من نحو حوالي ما لا يقل عن ".repeat(n)), &plain(&lex), 500);
}

#[test]
fn dates_without_a_year_and_unclosed_brackets_are_linear() {
    // Each date looks for a year in its paragraph; each bracket could open a footnote marker.
    let lex = Lexicon::builtin();
    assert_linear("dates without a year", &|n| "وصل في 12 من شباط ونزح 5 أشخاص [ثم ".repeat(n), &plain(&lex), 300);
}

#[test]
fn quotations_that_never_close_are_linear() {
    let lex = Lexicon::builtin();
    assert_linear("open quotes", &|n| "وقال الصحفي أحمد: “قتل 5 عناصر ".repeat(n), &plain(&lex), 300);
}

#[test]
fn pdf_text_whose_lines_lack_punctuation_is_linear() {
    // Pages of PDF text, each line a run of words with a figure and an event word but no
    // sentence end: one paragraph, one sentence until it is cut.
    let lex = Lexicon::builtin();
    assert_linear("pdf lines without punctuation", &|n| (0..n).map(pdf_line).collect(), &pdf(&lex), 200);
}
