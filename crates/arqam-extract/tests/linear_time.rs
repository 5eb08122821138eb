//! Pathological inputs take time linear in their size. Each case runs at size n and 8n;
//! linear work takes about 8× as long, quadratic work about 64×. The test compares the two
//! runs of the same machine (no absolute time limit) and allows up to 24×.
//!
//! The work is measured as this thread's CPU time, not wall time: on a loaded machine (CI,
//! parallel test binaries) wall time counts the time other processes ran, which made the
//! ratio flaky (26× once for linear work while the load average was 10).

use std::time::Duration;

/// CPU time this thread has used so far.
fn thread_cpu() -> Duration {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

use arqam_extract::{extract_document, extract_text};
use arqam_lexicon::Lexicon;
use arqam_model::Format;

fn best_of_3(f: &dyn Fn()) -> Duration {
    (0..3)
        .map(|_| {
            let t = thread_cpu();
            f();
            thread_cpu() - t
        })
        .min()
        .unwrap()
}

fn assert_linear(name: &str, make: &dyn Fn(usize) -> String, run: &dyn Fn(&str), n: usize) {
    let small = make(n);
    let large = make(8 * n);
    let t1 = best_of_3(&|| run(&small));
    let t8 = best_of_3(&|| run(&large));
    let ratio = t8.as_secs_f64() / t1.as_secs_f64().max(1e-4);
    eprintln!("{name}: {} → {} bytes: {:?} → {:?} ({ratio:.1}×)", small.len(), large.len(), t1, t8);
    assert!(ratio < 24.0, "{name}: 8× the input took {ratio:.1}× the time");
}

#[test]
fn pathological_inputs_are_linear() {
    let lex = Lexicon::builtin();
    let plain = |s: &str| {
        let _ = extract_text(s, &lex);
    };
    let pdf = |s: &str| {
        let doc = arqam_parse::parse_document("p", "p.txt", s.as_bytes(), Some(Format::PdfText), &lex);
        let _ = extract_document(doc, &lex);
    };
    // A file with no line breaks and no sentence end: one huge sentence full of figures,
    // cues and actors.
    assert_linear("no line breaks", &|n| "قالت قسد إن 12 عنصرا من التنظيم قتلوا وأصيب 30 آخرون بحسب المرصد السوري و".repeat(n), &plain, 300);
    // A line of digits.
    assert_linear("one long number", &|n| "1234567890".repeat(n), &plain, 2_000);
    // Footnote markers by the thousand in PDF text.
    assert_linear("footnote markers", &|n| (1..=n).map(|i| format!("كلمة وجملة أخرى   {i}نص\n")).collect(), &pdf, 1_000);
    // Deeply repeated qualifiers.
    assert_linear("repeated qualifiers", &|n| format!("{}5 أشخاص", "أكثر من نحو حوالي ما لا يقل عن ".repeat(n)), &plain, 500);
    // Dates that leave out their year (each looks for one in its paragraph) and brackets
    // that never close (each could open a footnote marker).
    assert_linear("dates without a year", &|n| "وصل في 12 من شباط ونزح 5 أشخاص [ثم ".repeat(n), &plain, 300);
    // Quotations that never close, opened after verbs of saying.
    assert_linear("open quotes", &|n| "وقال الصحفي أحمد: “قتل 5 عناصر ".repeat(n), &plain, 300);
}
