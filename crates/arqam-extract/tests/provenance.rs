//! Provenance a figure carries beyond its span: the footnotes it cites (its sentence's
//! markers, or its paragraph's when the sentence has none; a marker printed after a full
//! stop, `…المدينة.4 وقال`, annotates the sentence it ends, though the splitter starts the
//! next sentence with it) and its document's publication date.

use arqam_extract::extract_document;
use arqam_lexicon::Lexicon;
use arqam_model::Format;
use arqam_parse::{parse_document_with, Overrides};

fn footnotes_of(text: &str) -> Vec<(String, Vec<u32>)> {
    let lex = Lexicon::builtin();
    let doc = parse_document_with("d", "d.txt", text.as_bytes(), &Overrides { format: Some(Format::PdfText), ..Default::default() }, &lex);
    let ex = extract_document(doc, &lex);
    ex.figures.iter().map(|f| (ex.doc.text[f.span.start..f.span.end].to_string(), f.footnotes.clone())).collect()
}

#[test]
fn a_marker_after_a_full_stop_belongs_to_the_sentence_it_ends() {
    let text = "قال المرصد 1 إن الاشتباكات استمرت يومين. 2 وأكد الدفاع المدني مقتل 40 مدنيا في الأحياء الشرقية. 3 وقالت المنظمة إن 300 عائلة نزحت من القرى.\n";
    let got = footnotes_of(text);
    let of = |needle: &str| got.iter().find(|(s, _)| s.contains(needle)).map(|(_, f)| f.clone()).unwrap_or_else(|| panic!("no figure {needle}: {got:?}"));
    assert_eq!(of("40"), vec![3], "{got:?}");
    assert_eq!(of("300"), vec![1, 2, 3], "no marker of its own: the paragraph's");
    assert_eq!(of("يومين"), vec![1, 2], "its own marker and the one after its full stop");
}

#[test]
fn a_byline_date_without_a_year_is_not_the_publication_date() {
    let lex = Lexicon::builtin();
    let with_year = |byline: &str| {
        let text = format!("# هجوم على السجن\n\n{byline}\n\nقتل 5 حراس في الهجوم.\n");
        let doc = parse_document_with("d", "d.md", text.as_bytes(), &Overrides { format: Some(Format::Article), ..Default::default() }, &lex);
        extract_document(doc, &lex).doc.meta.published
    };
    assert_eq!(with_year("كتب سامر خليل، 31 يناير"), None);
    assert_eq!(with_year("كتب سامر خليل، 31 يناير 2022").as_deref(), Some("2022-01-31"));
}
