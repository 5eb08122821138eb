//! A document's sentences, their tokens, and what the figure pass must know of the whole
//! document before it reads the first figure.
//!
//! Memory stays a small multiple of the text (issue 18): a sentence longer than any real
//! one is cut at a space ([`MAX_SENTENCE_BYTES`]), and the first pass
//! ([`DocumentFacts::gather`]) keeps the small cross-sentence facts and drops each
//! sentence's tokens, which the figure pass makes again one sentence at a time. A small
//! document keeps its tokens between the passes ([`KEEP_TOKENS_BYTES`]): tokenizing twice
//! would cost throughput for nothing.

use arqam_lexicon::{Lexicon, WordHints};
use arqam_model::{BlockKind, Measure, ParsedDoc, Sentence, Span};
use arqam_normalize::{split_sentences, tokenize, Token, TokenKind};

use crate::{attribution, dates, figures};

/// A sentence with its tokens, as the extraction passes see it.
#[derive(Debug, Clone)]
pub struct SentenceTokens {
    pub sentence: Sentence,
    pub tokens: Vec<Token>,
    pub block_kind: BlockKind,
    /// Every actor alias that starts at a token, in token order: `(token, actor index,
    /// tokens)`. Found once; the holder scan and the attribution scan both read them.
    pub actors: Vec<(usize, usize, usize)>,
    /// What each token may start ([`WordHints`]; every hint for a token that is no word),
    /// from one lexicon lookup per token: the passes over every token read them.
    pub hints: Vec<WordHints>,
}

/// The longest sentence read as one, in bytes: three times the longest sentence of the
/// seeds, the development set and the fixtures (2.5 KB). Text without sentence ends (a
/// single line, PDF text without punctuation) is cut at the last space before it, so no
/// sentence holds millions of tokens and every per-sentence scan stays bounded.
pub const MAX_SENTENCE_BYTES: usize = 8 * 1024;

/// Documents up to this size keep their tokens from the first pass to the second.
pub const KEEP_TOKENS_BYTES: usize = 256 * 1024;

/// `span` in pieces of at most `max` bytes, each cut after the last whitespace that
/// keeps it within the bound (at a character boundary when a piece has no space), with
/// the whitespace around the cuts left out.
pub fn bounded_pieces(text: &str, span: Span, max: usize) -> impl Iterator<Item = Span> + '_ {
    let mut start = span.start;
    std::iter::from_fn(move || {
        let rest = text[start..span.end].trim_start();
        start = span.end - rest.len();
        if rest.is_empty() {
            return None;
        }
        if rest.len() <= max {
            let piece = Span::new(start, start + rest.trim_end().len());
            start = span.end;
            return Some(piece);
        }
        let mut cut = max;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        if cut == 0 {
            // A bound smaller than one character still moves on by a character.
            cut = rest.chars().next().map_or(rest.len(), char::len_utf8);
        }
        let head = &rest[..cut];
        let end = head.rfind(char::is_whitespace).filter(|&i| !head[..i].trim().is_empty()).unwrap_or(cut);
        let piece = Span::new(start, start + rest[..end].trim_end().len());
        start += end;
        Some(piece)
    })
}

/// Every sentence of a document in order, with the kind of its block: the sentences of
/// each block ([`split_sentences`]), long ones cut ([`MAX_SENTENCE_BYTES`]).
pub fn sentence_list(doc: &ParsedDoc) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (paragraph, block) in doc.blocks.iter().enumerate() {
        for s in split_sentences(&doc.text, block.span) {
            for span in bounded_pieces(&doc.text, s.span, MAX_SENTENCE_BYTES) {
                out.push(Sentence { sentence_id: out.len(), paragraph, span });
            }
        }
    }
    out
}

/// A sentence's tokens and the actor aliases among them.
pub fn tokens_of(text: &str, sentence: Sentence, block_kind: BlockKind, lex: &Lexicon) -> SentenceTokens {
    let tokens = tokenize(text, sentence.span);
    let hints: Vec<WordHints> = tokens.iter().map(|t| if t.kind == TokenKind::Word { lex.word_hints(&t.key) } else { WordHints::ALL }).collect();
    let actors =
        (0..tokens.len()).filter(|&k| hints[k].alias()).filter_map(|k| attribution::match_actor_at(&tokens, k, lex).map(|(idx, n)| (k, idx, n))).collect();
    SentenceTokens { sentence, tokens, block_kind, actors, hints }
}

fn block_kind(doc: &ParsedDoc, s: &Sentence) -> BlockKind {
    doc.blocks.get(s.paragraph).map_or(BlockKind::Paragraph, |b| b.kind)
}

/// Splits a parsed document into sentences with tokens and their actor aliases, all at
/// once (for tools and benches on small texts; the extractor streams them).
pub fn sentences_of(doc: &ParsedDoc, lex: &Lexicon) -> Vec<SentenceTokens> {
    sentence_list(doc).into_iter().map(|s| tokens_of(&doc.text, s, block_kind(doc, &s), lex)).collect()
}

/// What the figure pass needs to know of the whole document, found in one pass over its
/// sentences.
#[derive(Debug, Default)]
pub struct DocumentFacts {
    pub sentences: Vec<Sentence>,
    /// Dates as found, before they are resolved against the document's date.
    pub found: Vec<dates::FoundDate>,
    /// The publication date the text states itself (a byline, a dateline).
    pub published_in_text: Option<String>,
    /// Groups named as holders of prisoners ([`figures::holders_in`]).
    pub holders: Vec<String>,
    /// Names of camps and prisons ([`figures::container_names`]).
    pub container_names: Vec<(String, Measure)>,
    /// The headline or lede tells of a release ([`figures::release_story`]).
    pub release_story: bool,
    /// Every sentence's tokens, for a document small enough to keep them.
    pub kept_tokens: Option<Vec<SentenceTokens>>,
}

/// The opening sentences that can tell of a release story.
const STORY_SENTENCES: usize = 3;

impl DocumentFacts {
    /// The facts of `doc`, its tokens kept for the second pass when `keep`.
    pub fn gather(doc: &ParsedDoc, lex: &Lexicon, keep: bool) -> DocumentFacts {
        let sentences = sentence_list(doc);
        let mut facts = DocumentFacts { kept_tokens: keep.then(|| Vec::with_capacity(sentences.len())), ..DocumentFacts::default() };
        let block_words = |p: usize| doc.blocks.get(p).map_or(usize::MAX, |b| doc.text[b.span.start..b.span.end].split_whitespace().count());
        let mut previous: Option<SentenceTokens> = None;
        for &sentence in &sentences {
            let st = tokens_of(&doc.text, sentence, block_kind(doc, &sentence), lex);
            let found = dates::find_dates(&doc.text, &st, lex);
            if facts.published_in_text.is_none() && !found.is_empty() {
                // The dateline test reads the date's sentence and the paragraph of the one
                // before it.
                let kept = facts.kept_tokens.as_deref().unwrap_or_default();
                let sentence_of = |i: usize| if i == sentence.sentence_id { &st } else { kept.get(i).or(previous.as_ref()).expect("the sentence before") };
                facts.published_in_text = dates::publication_date(&found, sentence_of, block_words);
            }
            facts.found.extend(found);
            figures::add_holders(&mut facts.holders, &st, lex);
            figures::add_container_names(&mut facts.container_names, &st, lex);
            if sentence.sentence_id < STORY_SENTENCES {
                facts.release_story |= figures::release_story(std::slice::from_ref(&st), lex);
            }
            match facts.kept_tokens.as_mut() {
                Some(kept) => kept.push(st),
                None => previous = Some(st),
            }
        }
        facts.sentences = sentences;
        facts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str, max: usize) -> Vec<&str> {
        bounded_pieces(text, Span::new(0, text.len()), max).map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn a_sentence_within_the_bound_is_one_piece() {
        assert_eq!(pieces("  قتل 5 أشخاص  ", 100), vec!["قتل 5 أشخاص"]);
    }

    #[test]
    fn a_long_sentence_is_cut_at_spaces_within_the_bound() {
        let text = "كلمة ".repeat(40);
        let got = pieces(&text, 64);
        assert!(got.len() > 1);
        assert!(got.iter().all(|p| p.len() <= 64 && !p.is_empty() && !p.starts_with(' ') && !p.ends_with(' ')));
        assert_eq!(got.join(" "), text.trim());
    }

    #[test]
    fn a_piece_without_spaces_is_cut_at_a_character_boundary() {
        let text = "ب".repeat(100);
        let got = pieces(&text, 33);
        assert!(got.iter().all(|p| p.len() <= 33));
        assert_eq!(got.concat(), text);
        // A bound below one character's width still ends.
        assert_eq!(pieces("بب", 1), vec!["ب", "ب"]);
    }
}
