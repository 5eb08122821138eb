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
pub mod figures;
pub mod numbers;

use arqam_lexicon::Lexicon;
use arqam_model::{AsOfSource, BlockKind, DateMention, ExtractedDoc, Figure, FootnoteMarker, ParsedDoc, Sentence, Span};
use arqam_normalize::{split_sentences, tokenize, Token};

/// A sentence with its tokens, as the extraction passes see it.
#[derive(Debug, Clone)]
pub struct SentenceTokens {
    pub sentence: Sentence,
    pub tokens: Vec<Token>,
    pub block_kind: BlockKind,
    /// Every actor alias that starts at a token, in token order: `(token, actor index,
    /// tokens)`. Found once; the holder scan and the attribution scan both read them.
    pub actors: Vec<(usize, usize, usize)>,
}

/// Splits a parsed document into sentences with tokens and their actor aliases.
pub fn sentences_of(doc: &ParsedDoc, lex: &Lexicon) -> Vec<SentenceTokens> {
    let mut out = Vec::new();
    for (p, block) in doc.blocks.iter().enumerate() {
        for s in split_sentences(&doc.text, block.span) {
            let sentence = Sentence { sentence_id: out.len(), paragraph: p, span: s.span };
            let tokens = tokenize(&doc.text, s.span);
            let actors = (0..tokens.len()).filter_map(|k| attribution::match_actor_at(&tokens, k, lex).map(|(idx, n)| (k, idx, n))).collect();
            out.push(SentenceTokens { sentence, tokens, block_kind: block.kind, actors });
        }
    }
    out
}

/// Extracts figures and dates from one parsed document.
pub fn extract_document(mut doc: ParsedDoc, lex: &Lexicon) -> ExtractedDoc {
    let sents = sentences_of(&doc, lex);
    let found: Vec<dates::FoundDate> = sents.iter().flat_map(|st| dates::find_dates(&doc.text, st, lex)).collect();
    // The text's own publication date (a byline, a dateline) wins over one given with
    // the document (a manifest).
    let block_words = |p: usize| doc.blocks.get(p).map_or(usize::MAX, |b| doc.text[b.span.start..b.span.end].split_whitespace().count());
    if let Some(published) = dates::publication_date(&found, &sents, block_words) {
        doc.meta.published = Some(published);
    }
    let reference = dates::reference_date(doc.meta.published.as_deref(), &found);
    let dates = dates::resolve(&doc.text, &found, reference, |s| sents[s].sentence.paragraph);

    // Spans already taken by footnote markers and dates (resolved or not: a day is no
    // count even when its year is unknown), sorted and disjoint, so a token is checked by
    // binary search (10⁵ markers stay linear).
    let mut taken: Vec<Span> = doc.markers.iter().map(|m| m.span).chain(found.iter().map(|d| d.span)).collect();
    taken.sort();
    let mut figures: Vec<Figure> = Vec::new();
    let mut attrib = attribution::Attributor::new(lex);
    let holders = figures::holders_in(&sents, lex);
    let container_names = figures::container_names(&sents, lex);
    let release_story = figures::release_story(&sents, lex);
    // Actor groups named so far, for figures whose sentence names none.
    let mut recent_groups: Vec<String> = Vec::new();
    for (si, st) in sents.iter().enumerate() {
        let skip = |sp: Span| {
            let i = taken.partition_point(|t| t.end <= sp.start);
            taken.get(i).is_some_and(|t| t.overlaps(sp))
        };
        let scope = attrib.scan_sentence(&doc.text, st);
        let ctx = figures::FigureContext {
            speakers: attribution::Attributor::speakers(&scope),
            recent_groups: &recent_groups,
            holders: &holders,
            container_names: &container_names,
            release_story,
            frames: Default::default(),
        };
        if matches!(st.block_kind, BlockKind::Footnote | BlockKind::Link | BlockKind::Byline) {
            recent_groups.extend(scope.named_groups);
            continue;
        }
        let opts = numbers::NumberOptions { glued_digits: doc.format == arqam_model::Format::PdfText };
        let mentions = numbers::find_numbers(&st.tokens, lex, &skip, opts);
        for m in mentions.into_iter().filter(|m| matches!(m.kind, numbers::MentionKind::Count | numbers::MentionKind::Percent | numbers::MentionKind::Dual)) {
            // Digits that are the whole sentence (a page number, a trailing code) count nothing.
            let bare_digits = st.tokens.len() == 1 && !m.from_words;
            let mut f = figures::build_figure(&doc.text, st, &m, lex, &figures, &ctx);
            if bare_digits || figures::is_not_a_count(&f, &m) {
                continue;
            }
            let claim = attrib.claimant_for(&scope, m.first_token, m.last_token);
            f.claimant = claim.claimant;
            f.claimant_name = claim.name;
            f.attribution_cue = claim.cue;
            f.relayed_by = claim.relayed_by;
            f.denial = claim.denial;
            f.confidence = figures::confidence(&f, &m);
            f.footnotes = footnotes_for(&doc, &sents, si);
            (f.as_of, f.as_of_source) = as_of(&f, &dates, doc.meta.published.as_deref());
            figures.push(f);
        }
        recent_groups.extend(scope.named_groups);
        let excess = recent_groups.len().saturating_sub(16);
        recent_groups.drain(..excess);
    }
    attribution::headline_claims(&mut figures, |sid| sid == 0 || matches!(sents[sid].block_kind, BlockKind::Title | BlockKind::Heading));
    let sentences = sents.into_iter().map(|s| s.sentence).collect();
    ExtractedDoc { doc, sentences, figures, dates }
}

/// The date a figure is reported for: the nearest date stated in its sentence, else the
/// document's publication date. Dates are in text order, so the sentence's ones are found
/// by binary search.
fn as_of(f: &Figure, dates: &[DateMention], published: Option<&str>) -> (Option<String>, Option<AsOfSource>) {
    let from = dates.partition_point(|d| d.sentence_id < f.sentence_id);
    let to = from + dates[from..].partition_point(|d| d.sentence_id == f.sentence_id);
    let own = &dates[from..to];
    // Dates never overlap figures: the nearest one ends just before the figure or starts
    // just after it.
    let next = own.partition_point(|d| d.span.start < f.span.start);
    let before = next.checked_sub(1).map(|i| (&own[i], f.span.start.saturating_sub(own[i].span.end)));
    let after = own.get(next).map(|d| (d, d.span.start.saturating_sub(f.span.end)));
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
fn footnotes_for(doc: &ParsedDoc, sents: &[SentenceTokens], i: usize) -> Vec<u32> {
    let in_span = |sp: Span| -> &[FootnoteMarker] {
        let from = doc.markers.partition_point(|m| m.span.start < sp.start);
        let to = from + doc.markers[from..].iter().take_while(|m| m.span.end <= sp.end).count();
        &doc.markers[from..to]
    };
    let st = &sents[i].sentence;
    let same_paragraph = |j: usize| sents.get(j).filter(|o| o.sentence.paragraph == st.paragraph);
    let opening = |s: &Sentence| in_span(s.span).first().filter(|m| m.span.start == s.span.start).map(|m| m.number);
    let mut own: Vec<u32> = in_span(st.span).iter().map(|m| m.number).collect();
    if i > 0 && same_paragraph(i - 1).is_some() && opening(st).is_some() {
        own.remove(0);
    }
    if let Some(n) = same_paragraph(i + 1).and_then(|next| opening(&next.sentence)) {
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
