//! The words that tell an article's layout (`article_words.csv`): the first word of a
//! byline (`بقلم`, `كتب`, `By`), the titles of a reference list (`المراجع`, `Notes`), the
//! units of length whose superscript digit is a power, not a footnote (`كم²`), and the
//! words that tell a reference's parts apart: issue and volume labels (`العدد`, `vol`),
//! the words that mark a part as a title rather than a name (`في`, `بعد`) and the
//! particles of Latin names (`van`, `al`).
//!
//! These are read off raw lines before any tokenising, so they are kept as written (no
//! match key): list each spelling a text uses (`إعداد` and `اعداد`). Reference titles
//! match the whole line, issue labels the whole word and issue parts the part's opening,
//! all three ignoring case.

use std::path::Path;

use crate::{LexiconError, Set};

/// The layout words, by role.
#[derive(Debug, Clone, Default)]
pub struct ArticleWords {
    byline_openers: Set<String>,
    reference_titles: Vec<String>,
    length_units: Set<String>,
    /// Lower-cased, like the words they are compared with.
    issue_labels: Set<String>,
    /// Lower-cased openings of a reference's issue-number part.
    issue_parts: Vec<String>,
    title_words: Set<String>,
    name_particles: Set<String>,
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
                "issue_label" => {
                    words.issue_labels.insert(word.to_lowercase());
                }
                "issue_part" => words.issue_parts.push(word.to_lowercase()),
                "title_word" => {
                    words.title_words.insert(word);
                }
                "name_particle" => {
                    words.name_particles.insert(word);
                }
                other => {
                    let known = "byline, reference_title, length_unit, issue_label, issue_part, title_word or name_particle";
                    return Err(crate::load::unknown_role(origin, "article_words.csv", line, &word, other, known));
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

    /// Whether a word (a closing `.` or `:` aside, any case) names an issue or volume and
    /// wants a number right after it (`العدد`, `vol.`).
    pub fn is_issue_label(&self, word: &str) -> bool {
        self.issue_labels.contains(&word.trim_end_matches(['.', ':']).to_lowercase())
    }

    /// Whether a reference's part (between commas) is its issue number: it opens with an
    /// issue word (`العدد 12`, `No. 4`, any case).
    pub fn is_issue_part(&self, part: &str) -> bool {
        let lower = part.to_lowercase();
        self.issue_parts.iter().any(|p| lower.starts_with(p.as_str()))
    }

    /// Whether a line holds an issue word as written anywhere (`… العدد 40`): a numbered
    /// line that does reads as a reference.
    pub fn mentions_issue(&self, line: &str) -> bool {
        self.issue_parts.iter().any(|p| line.contains(p.as_str()))
    }

    /// Whether a word never stands in a person's name (`في`, `بعد`, `و`): a reference's part
    /// holding one is a title.
    pub fn is_title_word(&self, word: &str) -> bool {
        self.title_words.contains(word)
    }

    /// Whether a lower-case word belongs inside a Latin name (`van`, `al`, `bin`).
    pub fn is_name_particle(&self, word: &str) -> bool {
        self.name_particles.contains(word)
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

    #[test]
    fn reference_words_match_by_their_role() {
        let w = ArticleWords::parse(
            "word,role\nالعدد,issue_label\nVol,issue_label\nالعدد,issue_part\nNo.,issue_part\nفي,title_word\nvan,name_particle\n",
            Path::new("lex"),
        )
        .unwrap();
        assert!(w.is_issue_label("العدد:") && w.is_issue_label("VOL.") && !w.is_issue_label("عدد"));
        assert!(w.is_issue_part("no. 12") && w.is_issue_part("العدد 4") && !w.is_issue_part("not 12"));
        assert!(w.mentions_issue("1 تقرير، العدد 40") && !w.mentions_issue("1 تقرير، 40"));
        assert!(w.is_title_word("في") && !w.is_title_word("فيه"));
        assert!(w.is_name_particle("van") && !w.is_name_particle("Van"));
    }
}
