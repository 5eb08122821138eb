//! The words that tell an article's layout (`article_words.csv`): the first word of a
//! byline (`بقلم`, `كتب`, `By`), the titles of a reference list (`المراجع`, `Notes`) and
//! the units of length whose superscript digit is a power, not a footnote (`كم²`).
//!
//! These are read off raw lines before any tokenising, so they are kept as written (no
//! match key): list each spelling a text uses (`إعداد` and `اعداد`). Reference titles
//! match the whole line, ignoring ASCII case.

use std::path::Path;

use crate::{LexiconError, Set};

/// The layout words, by role.
#[derive(Debug, Clone, Default)]
pub struct ArticleWords {
    byline_openers: Set<String>,
    reference_titles: Vec<String>,
    length_units: Set<String>,
}

impl ArticleWords {
    /// Reads `article_words.csv` (`word, role`); an unknown role is an error naming its line.
    pub(crate) fn parse(data: &str, origin: &Path) -> Result<Self, LexiconError> {
        let mut words = ArticleWords::default();
        for (line, word, role) in crate::load::word_role_rows("article_words.csv", data, origin)? {
            match role.as_str() {
                "byline" => {
                    words.byline_openers.insert(word);
                }
                "reference_title" => words.reference_titles.push(word),
                "length_unit" => {
                    words.length_units.insert(word);
                }
                other => {
                    return Err(LexiconError::Row {
                        path: origin.join("article_words.csv"),
                        line,
                        message: format!("{word}: unknown role {other:?} (byline, reference_title or length_unit)"),
                    })
                }
            }
        }
        Ok(words)
    }

    /// The repository's layout words, parsed once: for format detection where no lexicon
    /// is at hand ([`crate::Lexicon::article`] is the one a run loaded).
    pub fn builtin() -> &'static ArticleWords {
        static BUILTIN: std::sync::OnceLock<ArticleWords> = std::sync::OnceLock::new();
        BUILTIN.get_or_init(|| {
            Self::parse(include_str!("../../../lexicons/article_words.csv"), Path::new("lexicons")).expect("the repository lexicons are valid (tested)")
        })
    }

    /// Whether a line whose first word is `word` may be a byline (`بقلم فلان`).
    pub fn opens_byline(&self, word: &str) -> bool {
        self.byline_openers.contains(word)
    }

    /// Whether a line, markup and closing colon removed, is a reference list's title.
    pub fn is_reference_title(&self, title: &str) -> bool {
        self.reference_titles.iter().any(|r| title.eq_ignore_ascii_case(r))
    }

    /// Whether a word is a unit of length (`كم`, `m`): a superscript after it is a power.
    pub fn is_length_unit(&self, word: &str) -> bool {
        self.length_units.contains(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_read_as_written_and_unknown_roles_name_their_line() {
        let w = ArticleWords::parse("word,role\nبقلم,byline\nNotes,reference_title\nكم,length_unit\n", Path::new("lex")).unwrap();
        assert!(w.opens_byline("بقلم") && !w.opens_byline("قلم"));
        assert!(w.is_reference_title("notes") && w.is_reference_title("Notes") && !w.is_reference_title("Notes and more"));
        assert!(w.is_length_unit("كم") && !w.is_length_unit("بقلم"));
        let err = ArticleWords::parse("word,role\nبقلم,byline\nكتب,signature\n", Path::new("lex")).unwrap_err().to_string();
        assert!(err.contains("article_words.csv") && err.contains("line 3") && err.contains("signature"), "{err}");
    }
}
