//! Words around a number that say it is no count: weekday names that look like numerals
//! (`الاثنين`, `الأحد`), heads whose number is a label (`القرار 2254`, `الصفحة 12`), heads
//! of years (`عام 2020`), era marks after a year (`1443 هـ`), month names a number is the
//! day of (`12 ربيع الأول`), `أحد`/`إحدى` as "one of", and the hedges between two vague
//! quantities (`عشرات وربما مئات الآلاف`), and pronouns before `واحد`.
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
}

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
            _ => return None,
        })
    }

    fn bit(self) -> u16 {
        1 << (self as u8)
    }
}

/// The context words, by match key, each with the set of its roles.
#[derive(Debug, Clone, Default)]
pub struct NumberContext {
    roles: Map<String, u16>,
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
