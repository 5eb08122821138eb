//! Words that tell the figure layer what a word next to a number is: never a counted noun
//! (prepositions, particles, pronouns: `من`, `كل`, `هناك`), a holder of prisoners after
//! which an actor is the holder (`سجون قسد`), an agent marker (`من قبل`, `تحت سيطرة`), a
//! temporal word that dates an event rather than naming the figure's role (`قبل الهجوم`),
//! a partitive that makes a number part of the figure before it (`بينهم`, `منهم`), and the
//! heads of count frames (`عدد القتلى`, `حصيلة الضحايا`).
//!
//! The file `noun_context.csv` has two columns, `word, role`; a word may have several roles
//! (one row each). Words are matched as whole keys (no clitic stripping): they were chosen
//! as the exact forms that occur, pronoun suffixes included.

use std::path::Path;

use crate::{LexiconError, Map};

/// What a word says to the figure layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NounRole {
    /// Never the counted noun of a number.
    NotNoun,
    /// After it, an actor holds the people counted (`سجون قسد`).
    Holder,
    /// After it, an actor is the agent or holder, not the people counted (`من قبل`).
    Agent,
    /// Before an event word, dates it (`قبل الهجوم`): the event is not the figure's role.
    Temporal,
    /// Makes the number after it a part of the figure before (`بينهم 38 طفلا`).
    Partitive,
    /// The head of a count frame (`عدد`, `حصيلة`).
    CountFrame,
}

impl NounRole {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "not_noun" => Self::NotNoun,
            "holder" => Self::Holder,
            "agent" => Self::Agent,
            "temporal" => Self::Temporal,
            "partitive" => Self::Partitive,
            "count_frame" => Self::CountFrame,
            _ => return None,
        })
    }

    fn bit(self) -> u16 {
        1 << (self as u8)
    }
}

/// The words, by match key, each with the set of its roles.
#[derive(Debug, Clone, Default)]
pub struct NounContext {
    roles: Map<String, u16>,
}

impl NounContext {
    /// Reads `noun_context.csv`.
    pub(crate) fn parse(data: &str, origin: &Path) -> Result<Self, LexiconError> {
        Ok(NounContext { roles: crate::word_roles("noun_context.csv", data, origin, |r| NounRole::parse(r).map(NounRole::bit))? })
    }

    /// Whether exactly this key has `role`.
    pub fn is(&self, key: &str, role: NounRole) -> bool {
        arqam_model::work::step();
        self.roles.get(key).is_some_and(|r| r & role.bit() != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_read_per_word_and_unknown_roles_are_errors() {
        let c = NounContext::parse("word,role\nقبل,agent\nقبل,temporal\nمنهم,partitive\n", Path::new("lex")).unwrap();
        assert!(c.is("قبل", NounRole::Agent) && c.is("قبل", NounRole::Temporal));
        assert!(!c.is("قبل", NounRole::Partitive));
        assert!(c.is("منهم", NounRole::Partitive));
        assert!(NounContext::parse("word,role\nقبل,sometimes\n", Path::new("lex")).is_err());
    }
}
