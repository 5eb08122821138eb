//! The words PDF repair needs (`pdf_words.csv`): the endings a line break cuts off a word
//! (`ين`, `ات`), the short words a stray letter never joins (`في`, `من`), and the marks of
//! a print stamp's clock time (`AM`, `م`).
//!
//! Endings and clock marks are compared with extracted text as written; short words by
//! match key (`على` and `علي` are one entry).

use std::path::Path;

use arqam_normalize::fold_key;

use crate::{LexiconError, Set};

/// The words of PDF repair, by role.
#[derive(Debug, Clone, Default)]
pub struct PdfWords {
    word_endings: Set<String>,
    /// By match key.
    short_words: Set<String>,
    meridiems: Set<String>,
}

impl PdfWords {
    /// Reads `pdf_words.csv` (`word, role`); an unknown role is an error naming its line.
    pub(crate) fn parse(data: &str, origin: &Path) -> Result<Self, LexiconError> {
        let mut words = PdfWords::default();
        for (line, word, role) in crate::load::word_role_rows("pdf_words.csv", data, origin)? {
            let set = match role.as_str() {
                "word_ending" => &mut words.word_endings,
                "short_word" => &mut words.short_words,
                "meridiem" => &mut words.meridiems,
                other => return Err(crate::load::unknown_role(origin, "pdf_words.csv", line, &word, other, "word_ending, short_word or meridiem")),
            };
            set.insert(if role == "short_word" { fold_key(&word) } else { word });
        }
        Ok(words)
    }

    /// The repository's PDF words, parsed once ([`crate::Lexicon::pdf`] is the one a run
    /// loaded).
    pub fn builtin() -> &'static PdfWords {
        static BUILTIN: std::sync::OnceLock<PdfWords> = std::sync::OnceLock::new();
        BUILTIN.get_or_init(|| {
            Self::parse(include_str!("../../../lexicons/pdf_words.csv"), Path::new("lexicons")).expect("the repository lexicons are valid (tested)")
        })
    }

    /// Whether letters as written are an ending that is never a word of its own (plural,
    /// dual and nisba suffixes): a line opening with one continues the last line's word.
    pub fn is_word_ending(&self, letters: &str) -> bool {
        self.word_endings.contains(letters)
    }

    /// Whether a match key is a short word a stray letter never belongs to.
    pub fn is_short_word(&self, key: &str) -> bool {
        self.short_words.contains(key)
    }

    /// Whether a piece of a line is the half-day mark after a clock time (`PM`, `م`).
    pub fn is_meridiem(&self, piece: &str) -> bool {
        self.meridiems.contains(piece)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_match_as_written_or_by_key_and_unknown_roles_name_their_line() {
        let w = PdfWords::parse("word,role\nين,word_ending\nعلى,short_word\nPM,meridiem\n", Path::new("lex")).unwrap();
        assert!(w.is_word_ending("ين") && !w.is_word_ending("ون"));
        assert!(w.is_short_word(&fold_key("علي")) && w.is_short_word(&fold_key("على")) && !w.is_short_word("عن"));
        assert!(w.is_meridiem("PM") && !w.is_meridiem("pm"));
        let err = PdfWords::parse("word,role\nين,word_ending\nفي,stop\n", Path::new("lex")).unwrap_err().to_string();
        assert!(err.contains("pdf_words.csv") && err.contains("line 3") && err.contains("stop"), "{err}");
    }

    #[test]
    fn the_repository_list_holds_each_role() {
        let w = PdfWords::builtin();
        assert!(w.is_word_ending("ات") && w.is_short_word(&fold_key("في")) && w.is_meridiem("AM"));
    }
}
