//! # arqam-extract: figures and dates from parsed documents
//!
//! The extractor reads each sentence's tokens (from `arqam-normalize`) with the words of
//! `arqam-lexicon` and finds, in this order:
//!
//! 1. **dates** ([`dates`]), so that a year or a day of the month is never read as a count;
//! 2. **numbers** ([`numbers`]): digits of every script, number words with clitics,
//!    scales, vague quantities, duals, ranges and qualifiers, each with its token extent;
//! 3. the **counted noun** after each number, and from it and the event words around it the
//!    **measure** and the **actor** ([`figures`]);
//! 4. the **claimant** ([`attribution`]): cues, their subjects, quotation scope;
//! 5. the **footnotes** cited by the figure's sentence, or its paragraph.
//!
//! Every figure carries the byte span of its surface in the display text; the surface is
//! always `text[span]`. The extractor never reads files or writes tables.

pub mod attribution;
pub mod dates;
pub mod figure_queue;
pub mod figures;
pub mod numbers;
pub mod sentences;

use arqam_lexicon::Lexicon;
use arqam_model::{AsOfSource, BlockKind, DateMention, ExtractedDoc, Figure, FootnoteMarker, ParsedDoc, Sentence, Span};

pub use sentences::{sentences_of, SentenceTokens};

/// Extracts figures and dates from one parsed document, in two passes over its sentences
/// ([`sentences::DocumentFacts`]): the first finds what later sentences need to know of
/// the whole document (dates, holders, camp names, a release story), the second reads the
/// figures one sentence at a time. A large document's tokens are never all in memory.
pub fn extract_document(doc: ParsedDoc, lex: &Lexicon) -> ExtractedDoc {
    let keep_tokens = keeps_tokens(&doc);
    extract_document_with(doc, lex, keep_tokens)
}

/// Whether a document is small enough to keep its sentences' tokens between the passes.
fn keeps_tokens(doc: &ParsedDoc) -> bool {
    doc.text.len() <= sentences::KEEP_TOKENS_BYTES
}

/// [`extract_document`], told whether to keep every sentence's tokens between the two
/// passes or make them again (the result is the same either way; tests check it).
pub fn extract_document_with(doc: ParsedDoc, lex: &Lexicon, keep_tokens: bool) -> ExtractedDoc {
    let mut figures = Vec::new();
    let mut out = extract_into(doc, lex, keep_tokens, &mut |_, f| figures.push(f));
    out.figures = figures;
    out
}

/// [`extract_document`], handing each figure to `emit` (with the display text its span
/// points into) in text order as soon as it is final ([`figure_queue`]) instead of
/// keeping it: the result's `figures` is empty. A large document can be written while it
/// is read, its figures never all in memory.
pub fn extract_streaming(doc: ParsedDoc, lex: &Lexicon, emit: &mut dyn FnMut(&str, Figure)) -> ExtractedDoc {
    let keep_tokens = keeps_tokens(&doc);
    extract_into(doc, lex, keep_tokens, emit)
}

fn extract_into(mut doc: ParsedDoc, lex: &Lexicon, keep_tokens: bool, emit: &mut dyn FnMut(&str, Figure)) -> ExtractedDoc {
    let mut facts = sentences::DocumentFacts::gather(&doc, lex, keep_tokens);
    // The text's own publication date (a byline, a dateline) wins over one given with
    // the document (a manifest).
    if let Some(published) = facts.published_in_text.take() {
        doc.meta.published = Some(published);
    }
    let sents = &facts.sentences;
    let reference = dates::reference_date(doc.meta.published.as_deref(), &facts.found);
    let dates = dates::resolve(&doc.text, &facts.found, reference, |s| sents[s].paragraph);

    // Spans already taken by footnote markers and dates (resolved or not: a day is no
    // count even when its year is unknown), sorted and disjoint, so a token is checked by
    // binary search (10⁵ markers stay linear).
    let mut taken: Vec<Span> = doc.markers.iter().map(|m| m.span).chain(facts.found.iter().map(|d| d.span)).collect();
    taken.sort();
    let skip = |sp: Span| {
        let i = taken.partition_point(|t| t.end <= sp.start);
        taken.get(i).is_some_and(|t| t.overlaps(sp))
    };
    let kind_of = |s: &Sentence| doc.blocks.get(s.paragraph).map_or(BlockKind::Paragraph, |b| b.kind);
    let in_headline = |sid: usize| sid == 0 || matches!(kind_of(&sents[sid]), BlockKind::Title | BlockKind::Heading);
    let mut figures = figure_queue::FigureQueue::new(&doc.text, in_headline, emit);
    let mut attrib = attribution::Attributor::new(lex);
    // Actor groups named so far, for figures whose sentence names none.
    let mut recent_groups: Vec<String> = Vec::new();
    let mut kept = facts.kept_tokens.take().map(Vec::into_iter);
    for (si, sentence) in sents.iter().enumerate() {
        let st = kept.as_mut().and_then(Iterator::next).unwrap_or_else(|| sentences::tokens_of(&doc.text, *sentence, kind_of(sentence), lex));
        let scope = attrib.scan_sentence(&doc.text, &st);
        if matches!(st.block_kind, BlockKind::Footnote | BlockKind::Link | BlockKind::Byline) {
            recent_groups.extend(scope.named_groups);
            continue;
        }
        let ctx = figures::FigureContext {
            speakers: attribution::Attributor::speakers(&scope),
            recent_groups: &recent_groups,
            holders: &facts.holders,
            container_names: &facts.container_names,
            release_story: facts.release_story,
            frames: Default::default(),
        };
        let opts = numbers::NumberOptions { glued_digits: doc.format == arqam_model::Format::PdfText };
        let mentions = numbers::find_numbers_with(&st.tokens, &|i| st.hints[i].number(), lex, &skip, opts);
        let mut footnotes = None;
        for m in mentions.into_iter().filter(|m| matches!(m.kind, numbers::MentionKind::Count | numbers::MentionKind::Percent | numbers::MentionKind::Dual)) {
            // Digits that are the whole sentence (a page number, a trailing code) count nothing.
            let bare_digits = st.tokens.len() == 1 && !m.from_words;
            let counted = figures::counted(&doc.text, &st, &m, lex, figures.recent(), &ctx);
            if bare_digits || figures::is_not_a_count(&doc.text, &counted, &m) {
                continue;
            }
            let claim = attrib.claimant_for(&scope, m.first_token, m.last_token);
            let footnotes = footnotes.get_or_insert_with(|| footnotes_for(&doc, sents, si)).clone();
            let dated = as_of(si, counted.span, &dates, doc.meta.published.as_deref());
            figures.push(assemble(&doc.text, si, &m, counted, claim, footnotes, dated));
        }
        recent_groups.extend(scope.named_groups);
        let excess = recent_groups.len().saturating_sub(16);
        recent_groups.drain(..excess);
    }
    figures.finish();
    ExtractedDoc { doc, sentences: facts.sentences, figures: Vec::new(), dates }
}

/// A figure, built once from its parts: the number mention, what it counts, who claims
/// it, the footnotes its sentence cites and the date it is reported for.
fn assemble(
    text: &str,
    sentence_id: usize,
    m: &numbers::NumberMention,
    counted: figures::Counted,
    claim: attribution::Claim,
    footnotes: Vec<u32>,
    (as_of, as_of_source): (Option<String>, Option<AsOfSource>),
) -> Figure {
    let confidence = figures::confidence(&counted, m);
    let figures::Counted { span, unit, unit_en, measure, actor } = counted;
    Figure {
        sentence_id,
        span,
        surface: text[span.start..span.end].to_string(),
        value_low: m.low,
        value_high: m.high,
        qualifier: m.qualifier,
        unit,
        unit_en,
        measure,
        actor,
        claimant: claim.claimant,
        claimant_name: claim.name,
        attribution_cue: claim.cue,
        relayed_by: claim.relayed_by,
        denial: claim.denial,
        footnotes,
        confidence,
        as_of,
        as_of_source,
    }
}

/// The date a figure is reported for: the nearest date stated in its sentence, else the
/// document's publication date. Dates are in text order, so the sentence's ones are found
/// by binary search.
fn as_of(sentence_id: usize, span: Span, dates: &[DateMention], published: Option<&str>) -> (Option<String>, Option<AsOfSource>) {
    let from = dates.partition_point(|d| d.sentence_id < sentence_id);
    let to = from + dates[from..].partition_point(|d| d.sentence_id == sentence_id);
    let own = &dates[from..to];
    // Dates never overlap figures: the nearest one ends just before the figure or starts
    // just after it.
    let next = own.partition_point(|d| d.span.start < span.start);
    let before = next.checked_sub(1).map(|i| (&own[i], span.start.saturating_sub(own[i].span.end)));
    let after = own.get(next).map(|d| (d, d.span.start.saturating_sub(span.end)));
    let nearest = [before, after].into_iter().flatten().min_by_key(|(_, gap)| *gap).map(|(d, _)| d);
    match (nearest, published) {
        (Some(d), _) => (Some(d.date.clone()), Some(AsOfSource::Sentence)),
        (None, Some(p)) => (Some(p.to_string()), Some(AsOfSource::Published)),
        (None, None) => (None, None),
    }
}

/// The footnote numbers cited in a sentence, or else in its paragraph. Markers are in text
/// order, so the ones inside a span are found by binary search.
///
/// A marker stands after the full stop it annotates (`…والعراق.4 وتتحدث`), so the
/// sentence splitter puts it at the start of the next sentence: a marker that opens a
/// sentence belongs to the sentence before it in the same paragraph.
fn footnotes_for(doc: &ParsedDoc, sents: &[Sentence], i: usize) -> Vec<u32> {
    let in_span = |sp: Span| -> &[FootnoteMarker] {
        let from = doc.markers.partition_point(|m| m.span.start < sp.start);
        let to = from + doc.markers[from..].iter().take_while(|m| m.span.end <= sp.end).count();
        &doc.markers[from..to]
    };
    let st = &sents[i];
    let same_paragraph = |j: usize| sents.get(j).filter(|o| o.paragraph == st.paragraph);
    let opening = |s: &Sentence| in_span(s.span).first().filter(|m| m.span.start == s.span.start).map(|m| m.number);
    let mut own: Vec<u32> = in_span(st.span).iter().map(|m| m.number).collect();
    if i > 0 && same_paragraph(i - 1).is_some() && opening(st).is_some() {
        own.remove(0);
    }
    if let Some(n) = same_paragraph(i + 1).and_then(opening) {
        own.push(n);
    }
    if !own.is_empty() {
        return own;
    }
    doc.blocks.get(st.paragraph).map(|b| in_span(b.span).iter().map(|m| m.number).collect()).unwrap_or_default()
}

/// One reading of the number layer, with its span in the display text.
#[derive(Debug, Clone)]
pub struct NumberReading {
    pub span: Span,
    pub mention: numbers::NumberMention,
}

/// Every number the number layer reads in a bare text (counts, ranges, fractions,
/// ordinals, percentages), before any figure logic: what conformance harnesses check.
/// Returns the display text the spans point into.
pub fn numbers_in_text(text: &str, lex: &Lexicon) -> (String, Vec<NumberReading>) {
    let doc = arqam_parse::parse_document("stdin", "-", text.as_bytes(), Some(arqam_model::Format::Plain), lex);
    let mut out = Vec::new();
    for st in sentences_of(&doc, lex) {
        for m in numbers::find_numbers(&st.tokens, lex, &|_| false, numbers::NumberOptions::default()) {
            out.push(NumberReading { span: m.span(&st.tokens), mention: m });
        }
    }
    (doc.text, out)
}

/// Extracts figures and dates from a bare text (one plain document), as `arqam extract`
/// does for quick checks.
pub fn extract_text(text: &str, lex: &Lexicon) -> ExtractedDoc {
    let doc = arqam_parse::parse_document("stdin", "-", text.as_bytes(), Some(arqam_model::Format::Plain), lex);
    extract_document(doc, lex)
}
