//! # arqam-parse: from input bytes to a [`ParsedDoc`]
//!
//! The parser turns one input file into display text that a careful reader would accept,
//! plus the structure that points into it: blocks (title, byline, headings, paragraphs,
//! quotes, footnote bodies), footnote markers and metadata.
//!
//! - [`decode`]: bytes → text (BOM sniffing, UTF-8, UTF-16, Windows-1256), line ends
//!   unified, invisible controls dropped and presentation forms mapped back
//!   ([`arqam_normalize::clean_display`]).
//! - [`detect_format`]: a markdown-ish news article, text extracted from a PDF, or plain
//!   text, told apart by shape, not by file name.
//! - [`article`]: title, byline (author, date), `**bold**`/`#`/link syntax kept out of the
//!   display text, embedded tweets as quote blocks, the article's own link.
//! - [`pdf_text`]: reading-order repair of PDF-extracted lines and footnotes.
//!
//! Parsing never fails: whatever the input, a document comes out, and what was repaired or
//! doubted is recorded as a [`Diagnostic`]. It never looks for figures.

pub mod article;
pub mod citation;
pub mod decode;
pub mod pdf_text;

use arqam_model::{Block, BlockKind, Diagnostic, DocMeta, Format, ParsedDoc, Span, Stage};
use sha2::{Digest, Sha256};

pub use decode::{decode, decode_with, encoding_for_label, Decoded};

/// A block before it is placed in the display text.
#[derive(Debug, Clone, PartialEq)]
pub struct RawBlock {
    pub kind: BlockKind,
    pub text: String,
    pub source_line: usize,
}

/// What a format parser produces before assembly.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub meta: DocMeta,
    pub blocks: Vec<RawBlock>,
    pub n_repaired_lines: usize,
    pub diagnostics: Vec<Diagnostic>,
}

/// Tells the format of decoded text by its shape.
///
/// PDF-extracted text shows any of: runs separated by wide gaps (3+ spaces) on many lines;
/// digits glued *before* Arabic letters (`90تقدر`: a number set left to right inside a
/// right-to-left line, which logical text never has; `ب200` is a proclitic and does not
/// count); page breaks (form feeds); or paragraphs hard-wrapped into many short lines that
/// stop mid-sentence; or Arabic words written back to front
/// ([`pdf_text::direction::letters_reversed`]). An article shows markdown (`**`, `<http…>`, `# `) or a byline;
/// anything else is plain. (Explicit right-to-left embeddings, as poppler writes them, and
/// text in presentation forms are told by the decoder: see [`parse_document_with`].)
/// Bylines are told by the built-in lexicon's byline words.
pub fn detect_format(text: &str) -> Format {
    detect_format_with(text, arqam_lexicon::ArticleWords::builtin())
}

/// [`detect_format`] with the layout words of the lexicon in use (byline openers).
pub fn detect_format_with(text: &str, layout: &arqam_lexicon::ArticleWords) -> Format {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.is_empty() {
        return Format::Plain;
    }
    let n = lines.len();
    // Each line is read once for all its signs (the searcher `contains("   ")` builds
    // per line cost more than the scan).
    let (mut gappy, mut glued, mut glued_before, mut lone) = (0, 0, 0, 0);
    for l in &lines {
        let t = l.trim();
        gappy += usize::from(t.as_bytes().windows(3).any(|w| w == b"   "));
        let glue = pdf_text::digit_glue(l);
        glued += usize::from(glue.touching);
        glued_before += usize::from(glue.digit_before_letter);
        lone += usize::from(t.chars().nth(2).is_none());
    }
    // Words written back to front (pdfminer): no typed text looks like that.
    if pdf_text::direction::letters_reversed(text) {
        return Format::PdfText;
    }
    let score = (gappy as f64 + glued as f64 + lone as f64) / n as f64;
    if gappy * 5 >= n && score >= 0.3 {
        return Format::PdfText;
    }
    // One line with a number glued to a word is a paste slip (a headline run into its
    // body), not PDF extraction: two or more such lines are needed.
    if n >= 3 && glued_before >= 2 && glued_before * 5 >= n {
        return Format::PdfText;
    }
    let markdown = text.contains("**") || text.contains("](") || text.contains("<http") || lines.iter().any(|l| l.starts_with("# "));
    if markdown || article::find_byline(&lines, layout).is_some() {
        return Format::Article;
    }
    // Hard-wrapped: a line that runs straight into the next one without ending a sentence.
    let all: Vec<&str> = text.lines().collect();
    let wrapped = all
        .windows(2)
        .filter(|w| {
            let (a, b) = (w[0].trim(), w[1].trim());
            a.chars().count() >= 20 && !b.is_empty() && !a.ends_with(['.', '!', '؟', '?', ':', '؛', '"', '»', '”'])
        })
        .count();
    if text.contains('\u{000C}') || (n >= 6 && wrapped * 2 >= n) {
        return Format::PdfText;
    }
    Format::Plain
}

/// Whether a fifth or more of the Arabic letters came as presentation forms: glyphs named
/// as a PDF names them (pypdf, pdfminer), whatever the text's shape; nobody types them.
fn written_in_glyphs(decoded: &Decoded) -> bool {
    decoded.presentation_forms > 0 && decoded.presentation_forms * 5 >= decoded.text.chars().filter(|&c| arqam_normalize::is_arabic_letter(c)).count()
}

/// Plain text: paragraphs are separated by blank lines; lines inside one are joined.
pub fn parse_plain(text: &str) -> Parsed {
    let mut parsed = Parsed { meta: DocMeta { language: "ar".into(), ..Default::default() }, ..Default::default() };
    let mut current: Vec<&str> = Vec::new();
    let mut start_line = 1;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                parsed.blocks.push(RawBlock { kind: BlockKind::Paragraph, text: current.join(" "), source_line: start_line });
                current.clear();
            }
            continue;
        }
        if current.is_empty() {
            start_line = i + 1;
        }
        current.push(line.trim());
    }
    if !current.is_empty() {
        parsed.blocks.push(RawBlock { kind: BlockKind::Paragraph, text: current.join(" "), source_line: start_line });
    }
    parsed
}

/// Collapses runs of spaces inside a block's text and trims it.
pub fn squeeze_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    squeeze_into(&mut out, s);
    out
}

/// [`squeeze_spaces`], appended to `out`. Space and newline are single bytes: the runs
/// between them are found by bytes and copied whole.
fn squeeze_into(out: &mut String, s: &str) {
    let s = s.trim();
    let bytes = s.as_bytes();
    let mut space = false;
    let mut i = 0;
    while i < bytes.len() {
        let j = bytes[i..].iter().position(|&b| b == b' ' || b == b'\n').map_or(bytes.len(), |p| i + p);
        if j > i {
            out.push_str(&s[i..j]);
            space = false;
        }
        match bytes.get(j) {
            Some(b' ') if !space => {
                out.push(' ');
                space = true;
            }
            Some(b'\n') => {
                out.push('\n');
                space = true;
            }
            _ => {}
        }
        i = j + 1;
    }
}

/// Parses one input file. `doc_id` is the file stem; `forced` overrides format detection;
/// the lexicon tells real words from broken ones in PDF text.
pub fn parse_document(doc_id: &str, path: &str, bytes: &[u8], forced: Option<Format>, lex: &arqam_lexicon::Lexicon) -> ParsedDoc {
    parse_document_with(doc_id, path, bytes, &Overrides { format: forced, encoding: None }, lex)
}

/// Per-file choices that override detection (from a sidecar file or a flag).
#[derive(Debug, Clone, Copy, Default)]
pub struct Overrides {
    pub format: Option<Format>,
    pub encoding: Option<&'static encoding_rs::Encoding>,
}

/// [`parse_document`] with format and encoding overrides.
pub fn parse_document_with(doc_id: &str, path: &str, bytes: &[u8], overrides: &Overrides, lex: &arqam_lexicon::Lexicon) -> ParsedDoc {
    parse_bytes(doc_id, path, std::borrow::Cow::Borrowed(bytes), overrides, lex)
}

/// [`parse_document_with`] of bytes it may drop: they go as soon as they are decoded, so a
/// large document is not held as raw bytes, decoded text and blocks at once (issue 18).
pub fn parse_owned(doc_id: &str, path: &str, bytes: Vec<u8>, overrides: &Overrides, lex: &arqam_lexicon::Lexicon) -> ParsedDoc {
    parse_bytes(doc_id, path, std::borrow::Cow::Owned(bytes), overrides, lex)
}

fn parse_bytes(doc_id: &str, path: &str, bytes: std::borrow::Cow<'_, [u8]>, overrides: &Overrides, lex: &arqam_lexicon::Lexicon) -> ParsedDoc {
    let forced = overrides.format;
    let sha256 = hex::encode(Sha256::digest(&bytes));
    let decoded = decode::decode_with(&bytes, overrides.encoding);
    drop(bytes);
    // Page breaks are told here too: the display text no longer has the form feeds.
    let glyphs = written_in_glyphs(&decoded);
    let pdf_signs = decoded.explicit_rtl || glyphs || !decoded.page_starts.is_empty();
    let format = forced.unwrap_or_else(|| if pdf_signs { Format::PdfText } else { detect_format_with(&decoded.text, &lex.article) });
    let mut parsed = match format {
        Format::Article => article::parse(&decoded.text, &lex.article),
        Format::PdfText => {
            pdf_text::parse_pages(&decoded.text, lex, pdf_text::Extraction { logical_order: decoded.explicit_rtl, glyphs }, &decoded.page_starts)
        }
        Format::Plain => {
            let mut parsed = parse_plain(&decoded.text);
            article::split_plain_references(&mut parsed.blocks, &decoded.text, &lex.article);
            parsed
        }
    };
    // The blocks hold the text now: the decoded copy is not kept while the display text is
    // assembled (memory peaks here, issue 18).
    drop(decoded.text);
    let mut diagnostics = decoded.diagnostics;
    diagnostics.append(&mut parsed.diagnostics);
    if parsed.blocks.is_empty() {
        diagnostics.push(Diagnostic::new(Stage::Parse, "empty_document", "no text left after decoding", None));
    }
    // Assemble the display text: blocks separated by a blank line. Sized once: a string
    // grown by doubling can hold twice the text.
    let mut text = String::with_capacity(parsed.blocks.iter().map(|b| b.text.len() + 2).sum());
    let mut blocks = Vec::with_capacity(parsed.blocks.len());
    for b in parsed.blocks {
        let before = text.len();
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        squeeze_into(&mut text, &b.text);
        if text.len() == start {
            // Nothing but spaces: neither the block nor its separator.
            text.truncate(before);
            continue;
        }
        blocks.push(Block { kind: b.kind, span: Span::new(start, text.len()), source_line: b.source_line });
    }
    let (markers, footnotes) = if format == Format::PdfText {
        let markers = pdf_text::find_markers(&text, &blocks, lex);
        let footnotes = pdf_text::footnote_bodies(&text, &blocks, &markers, &lex.article);
        (markers, footnotes)
    } else {
        (article::find_markers(&text, &blocks, &lex.article), article::reference_bodies(&text, &blocks, &lex.article))
    };
    if parsed.meta.language.is_empty() {
        parsed.meta.language = "ar".into();
    }
    ParsedDoc {
        doc_id: doc_id.to_string(),
        path: path.to_string(),
        sha256,
        format,
        encoding: decoded.encoding,
        meta: parsed.meta,
        text,
        blocks,
        markers,
        footnotes,
        n_repaired_lines: parsed.n_repaired_lines,
        diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_glued_number_in_a_short_article_is_a_paste_slip_not_pdf_text() {
        let text = "وصل عدد النازحين إلى 18 ألفا و250عاد بعضهم إلى القرى\nوقالت اللجنة إن الأوضاع صعبة في المخيمات.\nوأضافت أن المساعدات لا تكفي.\n";
        assert_ne!(detect_format(text), Format::PdfText);
        // Several such lines are PDF extraction (markers glued to words).
        let pdf = "قال المصدر2إن القوات انسحبت\nوأعلنت الوزارة3أن الوضع مستقر\nوتحدثت التقارير4عن خسائر\nسطر آخر بلا رقم\n";
        assert_eq!(detect_format(pdf), Format::PdfText);
    }

    #[test]
    fn squeeze_spaces_collapses_runs_and_drops_spaces_after_newlines() {
        assert_eq!(squeeze_spaces("  قتل   12\n   مدنيا  "), "قتل 12\nمدنيا");
        assert_eq!(squeeze_spaces("أ \nب"), "أ \nب");
        assert_eq!(squeeze_spaces("\n\n"), "");
        assert_eq!(squeeze_spaces("a\n\n  b"), "a\n\nb");
        assert_eq!(squeeze_spaces(" \u{2003}قتل \n \n12 "), "قتل \n\n12");
    }

    #[test]
    fn blocks_point_into_the_display_text() {
        let doc = parse_document("d", "d.txt", "فقرة أولى\n\nفقرة   ثانية فيها 3 أيام\n".as_bytes(), Some(Format::Plain), &arqam_lexicon::Lexicon::builtin());
        assert_eq!(doc.blocks.len(), 2);
        assert_eq!(&doc.text[doc.blocks[1].span.start..doc.blocks[1].span.end], "فقرة ثانية فيها 3 أيام");
        assert_eq!(doc.blocks[1].source_line, 3);
    }

    #[test]
    fn formats_are_told_apart_by_shape() {
        assert_eq!(detect_format("عنوان\n\n**خبر** مهم <https://x.y/>\n"), Format::Article);
        assert_eq!(detect_format("سطر عادي.\n\nسطر آخر.\n"), Format::Plain);
        let pdf = "كانت حوالي   200هاجمي سجن\n م  \nالتي    6مدة  المناطق\n أ\n";
        assert_eq!(detect_format(pdf), Format::PdfText);
        // Numbers set left to right inside right-to-left lines, no wide gaps (pypdf).
        let visual = "ألف مقاتل، في20أعلن الجيش أنه قتل نحو\nوأصاب3 قتلى مدنيين12بين القتلى\nوفق ما نقلته الوكالة\n";
        assert_eq!(detect_format(visual), Format::PdfText);
        // A proclitic on a number is ordinary spelling.
        assert_eq!(detect_format("قتل ب200 طلقة.\n\nوأصيب 3 آخرون.\n"), Format::Plain);
        // Paragraphs wrapped into short lines that stop mid-sentence.
        let wrapped = "أعلنت السلطات المحلية يوم أمس أن عدد النازحين من\nالقرى الحدودية تجاوز خمسة آلاف شخص خلال\nالأسبوع الماضي، وأن فرق الإغاثة لم تتمكن من\nالوصول إلى معظم المناطق بسبب القصف المستمر\nعلى الطرق الرئيسية التي تربط المدن\nبالمخيمات.\n";
        assert_eq!(detect_format(wrapped), Format::PdfText);
        assert_eq!(detect_format("قال المتحدث إن 12 شخصا قتلوا.\nوأضاف أن الحصيلة مرشحة للارتفاع.\n"), Format::Plain);
    }

    #[test]
    fn empty_input_still_yields_a_document_with_a_diagnostic() {
        let doc = parse_document("e", "e.txt", b"", None, &arqam_lexicon::Lexicon::builtin());
        assert!(doc.text.is_empty());
        assert!(doc.diagnostics.iter().any(|d| d.code == "empty_document"));
    }
}
