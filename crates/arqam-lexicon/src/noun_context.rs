//! Words that tell the figure layer what a word next to a number is: never a counted noun
//! (prepositions, particles, pronouns: `من`, `كل`, `هناك`), a holder of prisoners after
//! which an actor is the holder (`سجون قسد`), an agent marker (`من قبل`, `تحت سيطرة`), a
//! temporal word that dates an event rather than naming the figure's role (`قبل الهجوم`),
//! a partitive that makes a number part of the figure before it (`بينهم`, `منهم`), and the
//! heads of count frames (`عدد القتلى`, `حصيلة الضحايا`); and the words a figure's frame
//! turns on: "of them" after a number (`ثلاثة منهم`), "most of them" (`معظمهم من`), "held
//! by" after held people (`لدى`), "in the ranks of" (`صفوف`), and where people are taken
//! (`إلى`, `باتجاه`); restatements of a figure in other units (`أي ما يعادل`), the heads
//! of distributions (`توزع`), and adjectives that set people apart from those named (`من
//! جنسيات أخرى`).
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
    /// After a number, a part of an earlier figure's people or things (`ثلاثة منهم`,
    /// `اثنتان منها`).
    OfThem,
    /// "Most of them" (`معظمهم من الطرف الآخر`): the total spans several sides.
    Most,
    /// "With, held by" (`المحتجزين لدى قسد`): the actor after it holds the people, when held
    /// people come before.
    HeldBy,
    /// "In the ranks of" (`في صفوف قسد`): the actor after it is whose fighters they are.
    Ranks,
    /// Where people are taken (`إلى السجن`, `باتجاه المخيم`): a container after it is not
    /// where they are.
    Destination,
    /// Restates the figure before in other units: the same people (`2000 شخص، أي ما يعادل
    /// 500 عائلة`, `عائلات تتكون من 40 شخصا`).
    Restatement,
    /// Opens a distribution (`توزع حالات الاعتقال على المحافظات`): the numbers after it
    /// share the event it names.
    Distribution,
    /// Sets what it qualifies apart from what was named (`من جنسيات أخرى`, `من دول
    /// أجنبية`): people of other nationalities are foreign nationals.
    OtherThan,
}

/// Every role has its bit in the `u32` of a word's roles (checked when compiling).
const _: () = assert!((NounRole::OtherThan as u8) < 32);

impl NounRole {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "not_noun" => Self::NotNoun,
            "holder" => Self::Holder,
            "agent" => Self::Agent,
            "temporal" => Self::Temporal,
            "partitive" => Self::Partitive,
            "count_frame" => Self::CountFrame,
            "of_them" => Self::OfThem,
            "most" => Self::Most,
            "held_by" => Self::HeldBy,
            "ranks" => Self::Ranks,
            "destination" => Self::Destination,
            "restatement" => Self::Restatement,
            "distribution" => Self::Distribution,
            "other_than" => Self::OtherThan,
            _ => return None,
        })
    }

    fn bit(self) -> u32 {
        1 << (self as u8)
    }
}

/// The words, by match key, each with the set of its roles.
#[derive(Debug, Clone, Default)]
pub struct NounContext {
    roles: Map<String, u32>,
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

    #[test]
    fn the_frame_words_of_the_builtin_file_match_their_keys_exactly() {
        let lex = crate::Lexicon::builtin();
        let c = &lex.noun_context;
        for key in ["منهم", "منهن", "منها"] {
            assert!(c.is(key, NounRole::OfThem), "{key}");
        }
        for key in ["معظمهم", "اغلبهم", "غالبيتهم", "اغلبيتهم"] {
            assert!(c.is(key, NounRole::Most), "{key}");
        }
        for key in ["الي", "نحو", "باتجاه"] {
            assert!(c.is(key, NounRole::Destination), "{key}");
        }
        assert!(c.is("لدي", NounRole::HeldBy) && c.is("صفوف", NounRole::Ranks));
        assert!(!c.is("بينهم", NounRole::OfThem) && !c.is("معظم", NounRole::Most));
    }
}
