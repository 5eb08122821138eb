//! The words of the attribution grammar (`lexicons/attribution_words.csv`): what opens a
//! complement clause, which marks quote, which words end a speaker's noun phrase, which
//! offices speak for a body, which head nouns make a named organisation or outlet.
//!
//! The extractor holds the grammar (find the cue, read its subject noun phrase, resolve
//! it); every word it needs for that is a row here, so a user can teach it a new office
//! or body without recompiling.

use std::path::Path;

use arqam_normalize::{Token, TokenKind};
use serde::Deserialize;

use crate::{first_key_index, parse_csv, phrase_keys, stems, LexiconError, Map};

/// What a word does for the attribution grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WordRole {
    /// Opens a complement clause or a quotation (`أن`, `:`, `«`): a verb's subject comes
    /// before it.
    Complement,
    /// Opens a quotation (`«`, `“`).
    QuoteOpen,
    /// Closes a quotation (`»`, `”`).
    QuoteClose,
    /// Any quote mark, straight ones included (they also wrap names: `"قسد"`).
    Quote,
    /// Ends a clause (`،`, `؛`).
    ClauseMark,
    /// Ends a noun phrase: prepositions, relatives, particles, time words.
    Stop,
    /// A time word that may stand between a verb and its subject (`أعلنت، الجمعة، …`).
    Adverb,
    /// An office whose holder speaks for the body after it (`المتحدث باسم`, `وزير`).
    Office,
    /// The head of a named body (`وزارة`, `منظمة`): with its name, `org:<slug>`.
    Body,
    /// The head of a named outlet (`صحيفة`, `وكالة`): with its name, `media:<slug>`.
    Media,
    /// A speaker who names nobody (`مصدر`, `مسؤول`): `sources`, unless a body follows.
    UnnamedHead,
    /// A definite noun standing for a speaker met before (`التقرير`, `الوزارة`).
    Anaphor,
    /// A pronoun ending of a statement noun pointing back to its owner (`بياناتها`).
    Possessive,
    /// The preposition naming the original speaker of a relay (`نقلت … عن`).
    RelaySource,
    /// The preposition making an outlet the addressee of speech (`قال لـ`).
    Addressee,
    /// Links an office or unnamed speaker to its body (`في`, `لدى`, `التابع`).
    Link,
    /// Ends a label that introduces what follows: a headline's speaker (`الأمم المتحدة:`),
    /// a list's intro or an item's label (`:`).
    Colon,
    /// Marks a list item after its number (`1-`, `2)`).
    ListMark,
    /// Opens a parenthesis: a number inside one is no list item (`( 85 ) طفلا`).
    Bracket,
    /// An office named after its ministry (`وزير الصحة` speaks for `وزارة الصحة`).
    Minister,
    /// The head noun of a ministry's name (`وزارة`), for [`WordRole::Minister`].
    Ministry,
}

impl WordRole {
    /// This role's bit in a set of roles.
    pub fn bit(self) -> u32 {
        1 << self as u32
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct WordRow {
    word: String,
    role: WordRole,
}

/// The attribution words, indexed by the key of their first word.
#[derive(Debug, Clone, Default)]
pub struct AttributionWords {
    /// Phrases as key sequences with their role, longest first.
    phrases: Vec<(Vec<String>, WordRole)>,
    by_first: Map<String, Vec<usize>>,
    /// The roles of each one-word phrase as bits (`1 << role`): [`AttributionWords::is`]
    /// is asked for nearly every token, often several times.
    single: Map<String, u32>,
    possessive: Vec<String>,
}

/// Every role has its bit in a `u32` (checked when compiling).
const _: () = assert!((WordRole::Ministry as u32) < 32);

impl AttributionWords {
    pub(crate) fn parse(data: &str, origin: &Path) -> Result<Self, LexiconError> {
        let rows: Vec<WordRow> = parse_csv("attribution_words.csv", data, origin)?;
        let mut words = AttributionWords::default();
        for r in rows {
            if r.role == WordRole::Possessive {
                words.possessive.push(r.word.clone());
                continue;
            }
            // Punctuation keeps its surface as key (as the tokenizer does).
            let keys = if r.word.chars().all(|c| !c.is_alphanumeric()) { vec![r.word.clone()] } else { phrase_keys(&r.word) };
            words.phrases.push((keys, r.role));
        }
        words.phrases.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
        words.by_first = first_key_index(&words.phrases);
        for (keys, role) in &words.phrases {
            if let [key] = keys.as_slice() {
                *words.single.entry(key.clone()).or_default() |= role.bit();
            }
        }
        Ok(words)
    }

    /// Whether this exact key (one word or mark, no clitics) has the role.
    pub fn is(&self, key: &str, role: WordRole) -> bool {
        arqam_model::work::step();
        self.roles(key) & role.bit() != 0
    }

    /// The roles of this exact key as one-word phrases, as bits ([`WordRole::bit`]).
    pub fn roles(&self, key: &str) -> u32 {
        self.single.get(key).copied().unwrap_or(0)
    }

    /// Whether token `k` is a one-token word or mark with the role (exact key).
    pub fn token_is(&self, toks: &[Token], k: usize, role: WordRole) -> bool {
        toks.get(k).is_some_and(|t| self.is(&t.key, role))
    }

    /// The longest phrase with `role` at token `k`, its first word read through its
    /// proclitics when `clitics` (`وبحسب`, `لوزارة`): the number of tokens it covers.
    pub fn phrase_at(&self, toks: &[Token], k: usize, role: WordRole, clitics: bool) -> Option<usize> {
        arqam_model::work::step();
        let t = toks.get(k)?;
        let readings = stems(&t.key);
        let firsts: &[(usize, &str)] = if clitics && t.kind == TokenKind::Word { &readings } else { &readings[..1] };
        firsts.iter().find_map(|(_, first)| {
            let ids = self.by_first.get(*first)?;
            ids.iter().find_map(|&i| {
                let (keys, r) = &self.phrases[i];
                let rest_ok = *r == role && keys[1..].iter().enumerate().all(|(j, key)| toks.get(k + 1 + j).is_some_and(|t| t.key == *key));
                rest_ok.then_some(keys.len())
            })
        })
    }

    /// The key of the first one-word entry with the role (`وزاره` for the ministry head).
    pub fn first_with_role(&self, role: WordRole) -> Option<&str> {
        self.phrases.iter().find(|(keys, r)| *r == role && keys.len() == 1).map(|(keys, _)| keys[0].as_str())
    }

    /// Pronoun endings of statement nouns, as written (`ها`, `هم`).
    pub fn possessive_suffixes(&self) -> &[String] {
        &self.possessive
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lexicon;

    #[test]
    fn roles_are_read_from_the_file() {
        let lex = Lexicon::builtin();
        let w = &lex.attribution;
        assert!(w.is("ان", WordRole::Complement));
        assert!(w.is("«", WordRole::QuoteOpen) && w.is("»", WordRole::QuoteClose));
        assert!(!w.is("»", WordRole::QuoteOpen));
        assert!(w.possessive_suffixes().iter().any(|s| s == "ها"));
    }

    #[test]
    fn phrases_match_through_clitics_only_when_asked() {
        let lex = Lexicon::builtin();
        let toks = arqam_normalize::tokenize("والمتحدث باسم الجيش", arqam_model::Span::new(0, "والمتحدث باسم الجيش".len()));
        assert_eq!(lex.attribution.phrase_at(&toks, 0, WordRole::Office, true), Some(2));
        assert_eq!(lex.attribution.phrase_at(&toks, 0, WordRole::Office, false), None);
        let toks = arqam_normalize::tokenize("لوزارة الصحة", arqam_model::Span::new(0, "لوزارة الصحة".len()));
        assert_eq!(lex.attribution.phrase_at(&toks, 0, WordRole::Body, true), Some(1));
    }
}
