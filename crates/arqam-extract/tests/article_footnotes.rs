//! Footnote markers in articles and plain texts (not PDF text): `[n]`, a glued `(n)` and
//! superscript digits are citations, never figures; the figures of the sentence (or
//! paragraph) cite them; a reference list at the end gives their bodies.

use arqam_extract::extract_document;
use arqam_lexicon::Lexicon;
use arqam_model::Format;

fn extract(text: &str, format: Format) -> arqam_model::ExtractedDoc {
    let lex = Lexicon::builtin();
    extract_document(arqam_parse::parse_document("n", "n.txt", text.as_bytes(), Some(format), &lex), &lex)
}

fn figures(doc: &arqam_model::ExtractedDoc) -> Vec<(f64, Vec<u32>)> {
    doc.figures.iter().map(|f| (f.value_low.unwrap_or(f64::NAN), f.footnotes.clone())).collect()
}

#[test]
fn markers_are_cited_not_counted() {
    let text = "# تقرير عن المخيمات\n\nيقيم في المخيم نحو 900 عائلة منذ افتتاحه عام 2016(2)، ويضم 4 مدارس.\n\nوأحصت المنظمة 35 طفلا بلا أوراق[3]. وتعمل فيه 6 منظمات¹.\n\nالمراجع:\n[2] تقرير المخيمات، منظمة الإغاثة، 3/2/2021\n[3] سعاد خليل، الأطفال في المخيمات، مركز الدراسات، 5/11/2020\n";
    let doc = extract(text, Format::Article);
    assert_eq!(figures(&doc), vec![(900.0, vec![2]), (4.0, vec![2]), (35.0, vec![3]), (6.0, vec![1])]);
    let bodies: Vec<(u32, Option<&str>)> = doc.doc.footnotes.iter().map(|f| (f.number, f.date.as_deref())).collect();
    assert_eq!(bodies, vec![(2, Some("2021-02-03")), (3, Some("2020-11-05"))]);
    // The reference list's numbers and dates are no figures either.
    assert!(doc.figures.iter().all(|f| f.value_low != Some(2021.0) && f.value_low != Some(3.0)));
}

#[test]
fn plain_text_markers_too() {
    let doc = extract("قتل 12 مدنيا في القصف[1] ونزح 300 شخص.\n", Format::Plain);
    assert_eq!(figures(&doc), vec![(12.0, vec![1]), (300.0, vec![1])]);
}
