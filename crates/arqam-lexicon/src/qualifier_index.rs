//! Qualifier phrases indexed by the word that touches the number: the last word of a
//! phrase written before it (`أكثر من`), the first of one written after it (`على الأقل`).
//! The number layer meets every number with a word on each side; with the index it tries
//! the few phrases that can end or start there instead of every phrase of the lexicon.

use std::sync::OnceLock;

use crate::entries::QualifierPosition;
use crate::{Lexicon, Map};

/// Positions in [`Lexicon::qualifiers`], ascending (the lexicon's order: longest first).
#[derive(Debug, Clone, Default)]
pub struct QualifierIndex {
    before_by_last: Map<String, Vec<usize>>,
    after_by_first: Map<String, Vec<usize>>,
}

impl QualifierIndex {
    fn build(lex: &Lexicon) -> Self {
        let mut index = QualifierIndex::default();
        for (i, q) in lex.qualifiers.iter().enumerate() {
            let (by, key) = match q.position {
                QualifierPosition::Before => (&mut index.before_by_last, q.keys.last()),
                QualifierPosition::After => (&mut index.after_by_first, q.keys.first()),
            };
            if let Some(key) = key {
                by.entry(key.clone()).or_default().push(i);
            }
        }
        index
    }
}

/// Built on first use from [`Lexicon::qualifiers`] (which is not changed after loading).
pub type LazyQualifierIndex = OnceLock<QualifierIndex>;

impl Lexicon {
    fn qualifier_index(&self) -> &QualifierIndex {
        self.qualifier_index.get_or_init(|| QualifierIndex::build(self))
    }

    /// The qualifier phrases written before a number whose last word key is exactly `key`.
    pub fn qualifiers_before_ending_with(&self, key: &str) -> &[usize] {
        self.qualifier_index().before_by_last.get(key).map_or(&[], Vec::as_slice)
    }

    /// The qualifier phrases written after a number whose first word key is exactly `key`.
    pub fn qualifiers_after_starting_with(&self, key: &str) -> &[usize] {
        self.qualifier_index().after_by_first.get(key).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use crate::entries::QualifierPosition;
    use crate::Lexicon;

    #[test]
    fn every_phrase_is_found_by_the_word_next_to_the_number() {
        let lex = Lexicon::builtin();
        assert!(!lex.qualifiers.is_empty());
        for (i, q) in lex.qualifiers.iter().enumerate() {
            let found = match q.position {
                QualifierPosition::Before => lex.qualifiers_before_ending_with(q.keys.last().unwrap()),
                QualifierPosition::After => lex.qualifiers_after_starting_with(q.keys.first().unwrap()),
            };
            assert!(found.contains(&i), "{:?}", q.keys);
            assert!(found.windows(2).all(|w| w[0] < w[1]), "in lexicon order");
            assert!(found.iter().all(|&j| lex.qualifiers[j].position == q.position));
        }
        assert!(lex.qualifiers_before_ending_with("xyz").is_empty());
    }
}
