//! Words around a number that say it is no count: weekday names that look like numerals
//! (`الاثنين`, `الأحد`), heads whose number is a label (`القرار 2254`, `الصفحة 12`), heads
//! of years (`عام 2020`), era marks after a year (`1443 هـ`), month names a number is the
//! day of (`12 ربيع الأول`), `أحد`/`إحدى` as "one of", and the hedges between two vague
//! quantities (`عشرات وربما مئات الآلاف`), and pronouns before `واحد`; and the words that
//! say how a number reads: a minus sign as a word (`سالب`), a percentage (`بالمئة`, `في
//! المئة`), and the prepositions that govern a number.
//!
//! The file `number_context.csv` has two columns, `word, role`; a word may have several
//! roles (one row each). Lookups go through the proclitics ([`crate::stems`]), so each word
//! is listed once in its plain form (with the article where the article is part of it, as
//! in weekday names).

use std::path::Path;

use crate::{LexiconError, Map};

/// What a context word says about the number next to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberRole {
    /// The word is a weekday name, never a numeral (`الاثنين` is Monday, not "the two").
    Weekday,
    /// Digits right after it label a thing (`القرار 2254`, `المادة 14`, `الساعة 10`).
    Label,
    /// A number right after it is a year (`عام 2020`, `سنة ألفين وعشرين`).
    YearHead,
    /// After a number, marks it as a year of an era (`1443 هـ`, `2020 م`).
    Era,
    /// A number right before it is a day of that month (`12 ربيع الأول`, `3 رمضان`).
    Month,
    /// "One of" (`أحد السجون`): the number word one used as a pronoun or partitive.
    PartitiveOne,
    /// Joins two vague quantities into one hedged interval (`عشرات وربما مئات الآلاف`).
    Hedge,
    /// A pronoun: `واحد` after it is "one" as a pronoun (`هو واحد من`), no counted noun.
    Pronoun,
    /// "The number/toll (of)": a qualifier may govern it before the number (`تجاوز عدد
    /// المعتقلين 40`, `تجاوز عددهم 20 ألفا`, `تجاوزت حصيلة القتلى 150 ألفا`).
    CountHead,
    /// A minus sign said as a word before digits (`سالب 5`, `ناقص 3`).
    Negative,
    /// One word that makes the number before it a percentage (`بالمئة`).
    Percent,
    /// The hundred of `في المئة` (`15 في المئة`): after `في`, a percentage.
    PerHundred,
    /// A preposition or quantity word that governs the number after it (`من`, `نحو`,
    /// `حوالي`): a tens word after it is a number, not an ordinal (`من عشرين`), and a
    /// qualifier phrase may end with it.
    Preposition,
    /// A quantifier or negation before `واحد` (`أي واحد`, `كل واحد`, `لا واحد`): one is a
    /// pronoun there, not a number.
    Quantifier,
    /// A demonstrative between `من` and a month (`23 من هذا الشهر`, `من ذات الشهر`): the
    /// number is still a day of that month.
    Demonstrative,
    /// "One" as an adjective after its noun (`سجن واحد`, `ساعة واحدة`, `طفلا واحدا`).
    OneAdjective,
    /// A decimal point said as a word (`1 فاصلة 5`).
    DecimalPoint,
    /// Joins the two ends of a range of numbers (`من 5 إلى 7`, `10 حتى 12`).
    RangeTo,
}

/// Every role has its bit in the `u32` of a word's roles (checked when compiling).
const _: () = assert!((NumberRole::RangeTo as u8) < 32);

impl NumberRole {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "weekday" => Self::Weekday,
            "label" => Self::Label,
            "year_head" => Self::YearHead,
            "era" => Self::Era,
            "month" => Self::Month,
            "partitive_one" => Self::PartitiveOne,
            "hedge" => Self::Hedge,
            "pronoun" => Self::Pronoun,
            "count_head" => Self::CountHead,
            "negative" => Self::Negative,
            "percent" => Self::Percent,
            "per_hundred" => Self::PerHundred,
            "preposition" => Self::Preposition,
            "quantifier" => Self::Quantifier,
            "demonstrative" => Self::Demonstrative,
            "one_adjective" => Self::OneAdjective,
            "decimal_point" => Self::DecimalPoint,
            "range_to" => Self::RangeTo,
            _ => return None,
        })
    }

    fn bit(self) -> u32 {
        1 << (self as u8)
    }
}

/// The context words, by match key, each with the set of its roles.
#[derive(Debug, Clone, Default)]
pub struct NumberContext {
    roles: Map<String, u32>,
}

impl NumberContext {
    /// Reads `number_context.csv`.
    pub(crate) fn parse(data: &str, origin: &Path) -> Result<Self, LexiconError> {
        Ok(NumberContext { roles: crate::word_roles("number_context.csv", data, origin, |r| NumberRole::parse(r).map(NumberRole::bit))? })
    }

    /// Whether the word key, as it is or without its proclitics, has `role`.
    pub fn has(&self, key: &str, role: NumberRole) -> bool {
        if self.roles.is_empty() {
            return false;
        }
        crate::stems(key).iter().any(|(_, s)| self.roles.get(*s).is_some_and(|r| r & role.bit() != 0))
    }

    /// Whether exactly this key (no proclitics stripped) has `role`.
    pub fn has_exact(&self, key: &str, role: NumberRole) -> bool {
        self.roles.get(key).is_some_and(|r| r & role.bit() != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_of_how_a_number_reads_match_their_keys_exactly() {
        let lex = crate::Lexicon::builtin();
        let c = &lex.number_context;
        for key in ["بالمئه", "بالمايه", "بالميه", "بالمائه"] {
            assert!(c.has_exact(key, NumberRole::Percent), "{key}");
        }
        for key in ["المئه", "المايه", "المائه", "الميه"] {
            assert!(c.has_exact(key, NumberRole::PerHundred), "{key}");
        }
        for key in ["من", "الي", "علي", "حتي", "قرابه", "حوالي", "يساوي"] {
            assert!(c.has_exact(key, NumberRole::Preposition), "{key}");
        }
        assert!(c.has_exact("سالب", NumberRole::Negative) && c.has_exact("ناقص", NumberRole::Negative));
        for key in ["اي", "كل", "لا", "ولا"] {
            assert!(c.has_exact(key, NumberRole::Quantifier), "{key}");
        }
        for key in ["هذا", "ذات", "نفس"] {
            assert!(c.has_exact(key, NumberRole::Demonstrative), "{key}");
        }
        assert!(!c.has_exact("هو", NumberRole::Quantifier));
        for key in ["واحد", "واحده", "واحدا"] {
            assert!(c.has_exact(key, NumberRole::OneAdjective), "{key}");
        }
        assert!(c.has_exact("فاصله", NumberRole::DecimalPoint));
        assert!(c.has_exact("الي", NumberRole::RangeTo) && c.has_exact("حتي", NumberRole::RangeTo) && !c.has_exact("من", NumberRole::RangeTo));
        // Exact keys: a word with a clitic the row does not have is not the word.
        assert!(!c.has_exact("والمئه", NumberRole::PerHundred) && !c.has_exact("سالب", NumberRole::Percent));
    }

    #[test]
    fn an_unknown_role_names_its_line() {
        let err = NumberContext::parse("word,role\nعام,year_head\nسالب,minus\n", Path::new("lex")).unwrap_err().to_string();
        assert!(err.contains("number_context.csv") && err.contains("line 3") && err.contains("minus"), "{err}");
    }
}
