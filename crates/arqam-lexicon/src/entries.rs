//! The entries a lexicon holds, as the rest of arqam sees them: actors, cues, counted
//! nouns, qualifier phrases and number words. Reading them from the files is
//! [`crate::load`]'s job, asking about a word is [`crate::lookup`]'s.

use arqam_model::Qualifier;
use serde::Deserialize;

/// An actor of the lexicon (`lexicons/actors.csv`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Actor {
    pub actor_id: String,
    pub name_ar: String,
    pub name_en: String,
    #[serde(rename = "type")]
    pub actor_type: String,
    /// The `figures.actor` group whose people this actor's members are, if any.
    pub group: String,
    /// `|`-separated aliases as written in the file.
    pub aliases: String,
}

impl Actor {
    pub fn alias_list(&self) -> Vec<String> {
        self.aliases.split('|').map(str::trim).filter(|a| !a.is_empty()).map(String::from).collect()
    }
}

/// How an attribution cue works.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CueKind {
    /// A verb of saying; the subject is the claimant (`قال`, `أعلنت`).
    Verb,
    /// A preposition before the claimant (`بحسب`, `وفقا ل`).
    Preposition,
    /// A noun whose genitive is the claimant (`رواية قسد`, `بيان`).
    Nominal,
    /// A verb that continues the last speaker when no new subject follows (`أضاف`).
    Continuation,
    /// A word that is itself an unnamed source (`مصادر`, `تقارير`).
    Unnamed,
    /// A person's title that makes the speaker a given claimant (`الصحفي` → journalist).
    Title,
    /// A relaying verb: the outlet passes on someone else's claim (`نقلت`).
    Relay,
    /// A denial (`نفت`).
    Denial,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Cue {
    pub cue: String,
    pub kind: CueKind,
    /// For titles and unnamed sources: the claimant they stand for.
    pub claimant: String,
}

/// A counted noun (`lexicons/units.csv`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Unit {
    pub singular: String,
    pub forms: String,
    pub gloss: String,
    pub measure: String,
    /// Whose people the noun counts by itself (`انغماسي` → isis), if it says.
    pub actor: String,
    /// `person`, `thing` or `time`: event words re-decide the measure of persons only.
    pub kind: String,
}

impl Unit {
    pub fn is_person(&self) -> bool {
        self.kind == "person"
    }
}

/// How a unit lookup matched the word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitForm {
    Singular,
    Plural,
    /// A dual form: the word itself counts two.
    Dual,
}

/// Where a qualifier phrase stands relative to its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QualifierPosition {
    Before,
    After,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QualifierPhrase {
    pub keys: Vec<String>,
    pub qualifier: Qualifier,
    pub position: QualifierPosition,
    /// Whether the bound itself is included (`لا يقل عن` yes, `أكثر من` no).
    pub inclusive: bool,
}

/// What a number word contributes (`lexicons/numbers.csv`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NumberWordKind {
    /// 0–9 (`ثلاثة`, `إحدى`).
    Unit,
    /// `عشر`/`عشرة`: 10 alone, +10 after a unit (`ثلاثة عشر`).
    TenUnit,
    /// A one-word teen of spoken Arabic (`حداشر` = 11).
    Teen,
    /// 20, 30, … 90.
    Ten,
    /// `مئة`: 100, or × after a unit (`ثلاث مئة`).
    Hundred,
    /// A whole hundreds word (`مئتان`, `ثلاثمائة`).
    Hundreds,
    /// `ألف`, `مليون`, `مليار`: multiplies what precedes.
    Scale,
    /// A dual scale (`ألفان` = 2000).
    ScaleDual,
    /// A plural scale (`آلاف`): multiplies a preceding number; alone it is vague.
    ScalePlural,
    /// `نصف`, `ثلث`, `ربع` (kept in [`Lexicon::fraction`], apart from cardinals, since
    /// `خمس` is both five and a fifth).
    Fraction,
    /// A plural fraction after a count: `خمسة أثمان` = 5/8.
    FractionPlural,
    /// A vague quantity with its interval (`عشرات` 10–99).
    Vague { high: f64 },
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NumberWord {
    pub value: f64,
    pub kind: NumberWordKind,
}
