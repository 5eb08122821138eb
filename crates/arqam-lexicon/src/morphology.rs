//! Counted nouns brought to their dictionary form by rule: proclitics that may be stripped
//! without eating a root letter, and sound plurals and duals brought to the singular.
//!
//! Broken plurals (`سجون`, `مبان`) cannot be undone by rule: they are listed in
//! `units.csv`. What is regular is done here, so a noun the lexicon does not know still
//! comes out singular (`شاحنات` → `شاحنة`), and a known singular is found through its
//! sound plural even when the file does not list it.
//!
//! The proclitic readings of a key ([`stems`]) and the person and number endings of verbs
//! ([`VERB_SUFFIXES`]) are here too: every single-word lookup goes through them.

/// The readings of a word key with proclitics removed, the unstripped key first:
/// conjunction (`و`, `ف`), then preposition (`ب`, `ل`, `ك`), then the article (`ال`,
/// and `لل` = `ل` + `ال`). Each reading is `(chars stripped, stem)`; stems shorter than two
/// letters are not offered.
pub fn stems(key: &str) -> Stems<'_> {
    // Called for nearly every token and lexicon lookup: no allocation, no hashing, and a
    // word that cannot open with a proclitic returns at once.
    let mut out = Stems { buf: [(0, ""); MAX_STEMS], len: 1 };
    out.buf[0] = (0, key);
    if !matches!(key.chars().next(), Some('و' | 'ف' | 'ب' | 'ل' | 'ك' | 'ا')) {
        return out;
    }
    let group: &[&str] = match key.as_bytes()[..2] {
        [0xD9, 0x88] => &["و", "وب", "ول", "وك", "وال", "ولل", "وبال", "وكال"],
        [0xD9, 0x81] => &["ف", "فب", "فل", "فك", "فال", "فلل", "فبال", "فكال"],
        [0xD8, 0xA8] => &["ب", "بال"],
        [0xD9, 0x84] => &["ل", "لل"],
        [0xD9, 0x83] => &["ك", "كال"],
        _ => &["ال"],
    };
    let kb = key.as_bytes();
    // Every proclitic is a run of two-byte letters, listed shortest first, and the ones
    // that match are prefixes of one another: the readings come out in order.
    for p in group {
        let pb = p.as_bytes();
        // Byte by byte: these prefixes are two to eight bytes, a call to memcmp costs more.
        if kb.len() <= pb.len() || !kb.iter().zip(pb).all(|(a, b)| a == b) {
            continue;
        }
        let rest = &key[pb.len()..];
        // At least two letters must remain.
        if rest.chars().nth(1).is_some() && out.len < MAX_STEMS {
            out.buf[out.len] = (pb.len() / 2, rest);
            out.len += 1;
        }
    }
    out
}

/// Proclitics that may be glued to digits (`ال`, `بال`, `و`: `بـ200`, `وال3`): the
/// article, the prepositions and the conjunction, as match keys. Such a prefix belongs to
/// the number's surface.
pub const DIGIT_PROCLITICS: &[&str] = &["ال", "ل", "ب", "و", "ف", "ك", "لل", "بال", "وال", "وب", "ول"];

/// More than any key can have: at most four proclitic sequences are prefixes of one word.
const MAX_STEMS: usize = 8;

/// The readings of a key without its proclitics, fewest letters stripped first: a slice
/// on the stack.
#[derive(Debug, Clone, Copy)]
pub struct Stems<'a> {
    buf: [(usize, &'a str); MAX_STEMS],
    len: usize,
}

impl<'a> std::ops::Deref for Stems<'a> {
    type Target = [(usize, &'a str)];
    fn deref(&self) -> &Self::Target {
        &self.buf[..self.len]
    }
}

impl<'a> IntoIterator for Stems<'a> {
    type Item = (usize, &'a str);
    type IntoIter = std::iter::Take<std::array::IntoIter<(usize, &'a str), MAX_STEMS>>;
    fn into_iter(self) -> Self::IntoIter {
        self.buf.into_iter().take(self.len)
    }
}

/// Verb endings for person, number and gender, longest first (`""` for the bare stem).
pub(crate) const VERB_SUFFIXES: &[&str] = &["وا", "ون", "ين", "تا", "تم", "نا", "ت", "ن", "ا", "ه", ""];

/// Proclitic sequences: conjunction (و ف) + preposition (ب ل ك) + article (ال), with
/// `ل` + `ال` written `لل` (grouped by first letter in [`stems`]; the test checks the two
/// agree).
#[cfg(test)]
const PROCLITICS: &[&str] =
    &["و", "ف", "ب", "ل", "ك", "ال", "وب", "ول", "وك", "فب", "فل", "فك", "وال", "فال", "بال", "كال", "لل", "وبال", "وكال", "فبال", "فكال", "ولل", "فلل"];

/// The proclitic sequences that end with the article, longest first: a word that opens with
/// one of them is a noun with its article, a split that never eats a root letter as long as
/// two letters remain (`والمهاجرين`, `للاجئين`, `بالشاحنات`).
const ARTICLE_PROCLITICS: &[&str] = &["وبال", "وكال", "فبال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال"];

/// How many leading characters of `word` (a surface form or a match key) are a proclitic
/// that may be stripped: the proclitics of [`crate::stems`] only where the rest is a word
/// the caller knows (`known`), else an article sequence. A lone `و`, `ب`, `ل`, `ف` or `ك`
/// before an unknown word is part of the root (`وجبة`, `لاجئ`, `فرد`, `كتيبة`), not a
/// proclitic.
pub fn licensed_proclitic(key: &str, known: impl Fn(&str) -> bool) -> usize {
    let readings = crate::stems(key);
    if let Some(&(n, _)) = readings.iter().rev().find(|(n, s)| *n > 0 && known(s)) {
        return n;
    }
    ARTICLE_PROCLITICS.iter().find(|p| key.strip_prefix(**p).is_some_and(|rest| rest.chars().count() >= 3)).map_or(0, |p| p.chars().count())
}

/// Endings of sound plurals and duals, longest first, with what replaces them in the
/// singular: the feminine `ات` and the feminine dual `تان`/`تين` give back the taa
/// marbuta, the masculine endings `ون`/`ين`/`ان` are dropped. Both the written taa marbuta
/// and its folded key form `ه` are given, for surfaces and keys alike.
const SOUND_ENDINGS: &[(&str, &str, &str)] =
    &[("تين", "ة", "ه"), ("تان", "ة", "ه"), ("آت", "أة", "اه"), ("ات", "ة", "ه"), ("ين", "", ""), ("ون", "", ""), ("ان", "", "")];

/// The singular of a sound plural or dual by rule, if the word has such an ending and at
/// least three letters remain: `شاحنات` → `شاحنة`, `مهاجرين` → `مهاجر`, `ساعتين` →
/// `ساعة`. With `folded`, the taa marbuta is written as in a match key (`ه`).
pub fn sound_singular(word: &str, folded: bool) -> Option<String> {
    SOUND_ENDINGS.iter().find_map(|(ending, taa, taa_key)| {
        let stem = word.strip_suffix(ending)?;
        (stem.chars().count() >= 3).then(|| format!("{stem}{}", if folded { taa_key } else { taa }))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_agree_with_the_proclitic_list() {
        // Every proclitic sequence before a three-letter stem is offered, and only those.
        for word in ["سجن", "الهجوم", "عناصر"] {
            for p in PROCLITICS {
                let key = format!("{p}{word}");
                let got: Vec<(usize, &str)> = stems(&key).to_vec();
                let mut want: Vec<(usize, &str)> = vec![(0, key.as_str())];
                for q in PROCLITICS {
                    if key.len() > q.len() && key.starts_with(q) && key[q.len()..].chars().count() >= 2 {
                        want.push((q.chars().count(), &key[q.len()..]));
                    }
                }
                want.sort_by_key(|(n, _)| *n);
                assert_eq!(got, want, "{key}");
            }
        }
    }

    #[test]
    fn stems_offer_unstripped_reading_first() {
        let s = stems("والعشرات");
        assert_eq!(s[0], (0, "والعشرات"));
        assert!(s.contains(&(3, "عشرات")));
        assert!(stems("للمدنيين").contains(&(2, "مدنيين")));
    }

    #[test]
    fn a_lone_letter_before_an_unknown_word_is_a_root_letter() {
        let none = |_: &str| false;
        assert_eq!(licensed_proclitic("لاجي", none), 0);
        assert_eq!(licensed_proclitic("وجبه", none), 0);
        assert_eq!(licensed_proclitic("فرد", none), 0);
        // The article is always a licensed split.
        assert_eq!(licensed_proclitic("والمهاجرين", none), 3);
        assert_eq!(licensed_proclitic("للمدنيين", none), 2);
        // A known rest licenses any proclitic, and decides between readings: the article's
        // lam merges with a root lam (`للاجئين` is `ل` + `اللاجئين`).
        assert_eq!(licensed_proclitic("ولاجي", |s| s == "لاجي"), 1);
        assert_eq!(licensed_proclitic("للاجيين", |s| s == "لاجيين"), 1);
    }

    #[test]
    fn event_words_through_the_imperfect_and_as_listed() {
        use arqam_model::Measure;
        let lex = crate::Lexicon::builtin();
        let key = |w: &str| arqam_normalize::fold_key(w);
        // The imperfect of an alef-initial verb drops the alef: تعتقل is اعتقل.
        assert_eq!(lex.event(&key("تعتقل")), Some(Measure::Captured));
        assert_eq!(lex.event(&key("يحتجزون")), Some(Measure::Detainees));
        // Listed words only, through clitics: التبادل yes, التحرر (form V) is not حرر.
        assert_eq!(lex.event_as_listed(&key("التبادل")), Some(Measure::Released));
        assert_eq!(lex.event_as_listed(&key("التحرر")), None);
        assert!(lex.is_irrealis(&key("خطر")) && lex.names_sides(&key("الحرب")));
    }

    #[test]
    fn sound_plurals_and_duals_come_back_to_the_singular() {
        assert_eq!(sound_singular("شاحنات", false).as_deref(), Some("شاحنة"));
        assert_eq!(sound_singular("رحلات", false).as_deref(), Some("رحلة"));
        assert_eq!(sound_singular("رحلات", true).as_deref(), Some("رحله"));
        assert_eq!(sound_singular("مهاجرين", false).as_deref(), Some("مهاجر"));
        assert_eq!(sound_singular("ساعتين", false).as_deref(), Some("ساعة"));
        assert_eq!(sound_singular("منشآت", false).as_deref(), Some("منشأة"));
        // A lexicon singular is found through a sound plural its row does not list.
        let lex = crate::Lexicon::builtin();
        let (u, form) = lex.unit(&arqam_normalize::fold_key("الأرملات")).expect("widows");
        assert_eq!((u.singular.as_str(), form), ("أرملة", crate::UnitForm::Plural));
        // Too short to be a plural ending on a stem.
        assert_eq!(sound_singular("بنات", false), None);
        assert_eq!(sound_singular("سجن", false), None);
    }
}
