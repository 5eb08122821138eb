//! Who claims a figure.
//!
//! Attribution is read by grammar: find the cue, then its subject noun phrase, then resolve
//! that phrase to a claimant.
//!
//! - Cues (`lexicons/cues.csv`): verbs of saying, reporting, estimating and documenting
//!   (`قال`, `أعلنت`, `وثقت`, `قدرت`), prepositions (`بحسب`, `وفقا ل`), statement nouns
//!   (`بيان`, `حصيلة`, `إحصائيات`) with their owner, continuations (`وأضاف`), relays
//!   (`نقلت X عن Y`), denials (`نفت`), unnamed sources (`مصادر`) and titles (`الصحفي`).
//! - The subject of a verb is the noun phrase right after it (VSO, past time words such as
//!   `اليوم` or `الجمعة`), else a speaker named before it (SVO); a verb with no subject
//!   that opens a complement (`وأوضح أن`) continues the last speaker.
//! - A noun phrase (a run of words up to a preposition, a particle, punctuation or another
//!   verb) resolves to: a lexicon actor (aliases through clitics); an office that speaks
//!   for the body after it (`المتحدث باسم الجيش`, with the person who holds it as name); a
//!   named body by its head noun (`وزارة`, `منظمة`, `هيئة` … → `org:<slug>`) or outlet
//!   (`صحيفة` … → `media:<slug>`); an unnamed speaker (`مصدر`, `مسؤول` → `sources`, or
//!   the body it belongs to: `مسؤول في الوزارة`); a definite noun pointing back to a
//!   speaker met before (`الوزارة`, `التقرير`); a name met before; a named person.
//! - A headline `X: …` gives X the sentence; a quotation opened after a cue belongs to the
//!   speaker until it closes, across sentences.
//!
//! A figure takes the claimant of the quote it stands in, else of the nearest cue before
//! it in its sentence, else of a cue after it (`…، بحسب المرصد`), else `author`. Every
//! word the grammar needs is a row of `lexicons/attribution_words.csv`.

use arqam_lexicon::{stems, AttributionWords, CueKind, Lexicon, WordHints, WordRole};
use arqam_model::BlockKind;
use arqam_normalize::{fold_key, Token, TokenKind};

use crate::SentenceTokens;

/// Who claims something, as written to `figures`.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub claimant: String,
    pub name: Option<String>,
    pub cue: Option<String>,
    /// The outlet that passed the claim on, when the claimant is someone else.
    pub relayed_by: Option<String>,
    pub denial: bool,
}

impl Claim {
    fn new(claimant: impl Into<String>, name: Option<String>) -> Claim {
        Claim { claimant: claimant.into(), name, cue: None, relayed_by: None, denial: false }
    }

    fn author() -> Claim {
        Claim::new("author", None)
    }
}

/// A cue found in a sentence with the claim it carries.
#[derive(Debug, Clone)]
struct FoundCue {
    token: usize,
    claim: Claim,
    kind: CueKind,
    /// Where what a verb says begins (`أن`, `:`, a quote): the verb covers only what
    /// follows it, not the words between (`قال الخبراء في مذكرتهم المرفوعة إلى اللجنة
    /// المكونة من 9 أعضاء إن …`) nor what comes before.
    opens: Option<usize>,
}

/// What a sentence's attribution looks like.
#[derive(Debug, Clone, Default)]
pub struct SentenceScope {
    cues: Vec<FoundCue>,
    /// Token ranges inside quotations, with their speaker.
    quotes: Vec<(usize, usize, Claim)>,
    /// The `figures.actor` groups of the actors named in the sentence, in order.
    pub named_groups: Vec<String>,
    /// Tokens that end a clause (`،`, `؛`).
    clause_marks: Vec<usize>,
    /// Where list items start inside the sentence (`… 2- النساء: …`): a cue does not
    /// reach across them.
    segments: Vec<usize>,
}

/// Matches an actor alias starting at token `k` (the first word may carry clitics).
/// Returns the actor's index and the number of tokens.
pub fn match_actor_at(toks: &[Token], k: usize, lex: &Lexicon) -> Option<(usize, usize)> {
    let t = toks.get(k)?;
    if t.kind != TokenKind::Word {
        return None;
    }
    lex.with_aliases_for_first_word(&t.key, |aliases| {
        aliases.iter().find_map(|&pos| {
            let (keys, idx) = &lex.actor_aliases[pos];
            // Later words must follow as words, skipping quote marks.
            let mut j = k + 1;
            for key in &keys[1..] {
                while toks.get(j).is_some_and(|t| t.kind == TokenKind::Punct && lex.attribution.is(&t.key, WordRole::Quote)) {
                    j += 1;
                }
                match toks.get(j) {
                    Some(t) if t.kind == TokenKind::Word && t.key == *key => j += 1,
                    _ => return None,
                }
            }
            Some((*idx, j - k))
        })
    })
}

/// Words in a subject noun phrase at most: a body's full name (`الهيئة العامة لشؤون
/// النازحين التابعة لوزارة الإدارة المحلية`) fits, a clause does not.
const MAX_PHRASE: usize = 9;
/// Words in a person's name at most.
const MAX_NAME: usize = 4;
/// Tokens between a verb and its subject at most (`أعلنت، الجمعة، المنظمة`).
const SUBJECT_REACH: usize = 7;
/// Named speakers remembered for definite back-references (`الوزارة`).
const RECENT_LIMIT: usize = 16;
/// Tokens before a participle searched for its sentence's subject.
const MAX_SENTENCE_SUBJECT: usize = 40;
/// Tokens between a verb of saying and what it says at most (subject, time, addressee).
const CONTENT_REACH: usize = 14;
/// Words of a list item's label at most (`جنوب القطاع:`).
const MAX_LABEL: usize = 3;
/// Characters looked ahead for the closing mark of a quotation left open.
const QUOTE_LOOKAHEAD: usize = 3000;
/// Tokens before a verb searched for its subject (`قائد قسد، مظلوم عبدي، قال`).
const BEFORE_REACH: usize = 10;

/// How a noun phrase named its speaker: only some kinds are trusted far from the cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Naming {
    /// A lexicon actor, an office, a titled person, an unnamed source, a named body or
    /// outlet: clear wherever it stands.
    Explicit,
    /// A back-reference or a name met before: only right at the cue.
    Reference,
    /// A run of unknown words read as a person's name: only right at the cue.
    Guessed,
}

/// Carries attribution state through a document.
pub struct Attributor<'a> {
    lex: &'a Lexicon,
    last_speaker: Option<Claim>,
    /// A quotation still open, with the paragraph it opened in.
    open_quote: Option<(Claim, usize)>,
    known_names: Vec<(String, Claim)>,
    /// Named speakers and actors, most recent last, for back-references.
    recent: Vec<Claim>,
    /// The claim in force at the end of the last sentence (its last cue's, or the list's
    /// it continued), for a list it introduces with `:`.
    last_tail: Option<Claim>,
    /// The claim of an open list (`توزعت الحصيلة كالتالي:` and its items).
    list: Option<Claim>,
    /// The [`WordHints`] of the sentence being scanned: a word that opens no cue is passed
    /// over without a lookup by every rule that asks for one.
    hints: Vec<WordHints>,
}

impl<'a> Attributor<'a> {
    pub fn new(lex: &'a Lexicon) -> Self {
        Attributor { lex, last_speaker: None, open_quote: None, known_names: Vec::new(), recent: Vec::new(), last_tail: None, list: None, hints: Vec::new() }
    }

    fn words(&self) -> &'a AttributionWords {
        &self.lex.attribution
    }

    /// Whether a word token (read through its proclitics) has a role.
    fn word_has(&self, t: &Token, role: WordRole) -> bool {
        t.kind == TokenKind::Word && self.lex.has_attribution_role(&t.key, role)
    }

    fn punct_has(&self, t: &Token, role: WordRole) -> bool {
        t.kind == TokenKind::Punct && self.words().is(&t.key, role)
    }

    /// A token that opens a complement clause or a quotation: a verb's subject is not
    /// looked for past it. Straight quotes also wrap names (`"قسد"`): they do not count.
    fn is_clause_start(&self, t: &Token) -> bool {
        match t.kind {
            TokenKind::Word => self.words().is(&t.key, WordRole::Complement),
            TokenKind::Punct => self.words().is(&t.key, WordRole::Complement),
            _ => false,
        }
    }

    /// The first complement or quotation opening in `from..from + reach`, else the end of
    /// that window: scans stay bounded in a sentence that never ends.
    fn clause_start_within(&self, toks: &[Token], from: usize, reach: usize) -> usize {
        let end = toks.len().min(from + reach);
        (from..end).find(|&j| self.is_clause_start(&toks[j])).unwrap_or(end)
    }

    fn cue_at(&self, toks: &[Token], k: usize) -> Option<(usize, &'a arqam_lexicon::Cue)> {
        let t = toks.get(k)?;
        // The hints are the scanned sentence's (the rules read no other).
        let no_cue = self.hints.len() == toks.len() && !self.hints[k].cue();
        if t.kind != TokenKind::Word || no_cue {
            return None;
        }
        // Candidates through the first-key index: the key itself, after a conjunction, and
        // (for unnamed sources, `والتقارير`) after any proclitic; tried in lexicon order.
        let lex = self.lex;
        lex.with_cue_candidates(&t.key, |cands| {
            cands.iter().find_map(|&(i, direct)| {
                let (keys, cue) = &lex.cues[i];
                if !direct && cue.kind != CueKind::Unnamed {
                    return None;
                }
                let rest_ok = keys[1..]
                    .iter()
                    .enumerate()
                    .all(|(j, key)| toks.get(k + 1 + j).is_some_and(|t| t.kind == TokenKind::Word && (t.key == *key || t.key.starts_with(key.as_str()))));
                rest_ok.then_some((keys.len(), cue))
            })
        })
    }

    fn actor_claim(&self, idx: usize, name: String) -> Claim {
        let a = &self.lex.actors[idx];
        let claimant = if a.actor_type == "media" { format!("media:{}", a.actor_id) } else { a.actor_id.clone() };
        Claim::new(claimant, Some(name))
    }

    /// Where the noun phrase starting at `k` ends (exclusive): at a preposition or
    /// particle, a clause mark or other punctuation, a complement, a number, a verb cue;
    /// a quoted name inside it (`صحيفة «دير شبيغل»`) is kept.
    fn phrase_end(&self, toks: &[Token], k: usize) -> usize {
        let mut j = k;
        let mut words = 0;
        let mut definite = false;
        while j < toks.len() && words < MAX_PHRASE {
            let t = &toks[j];
            match t.kind {
                TokenKind::Word => {
                    let cue = self.cue_at(toks, j).map(|(_, c)| c.kind);
                    let verb = j > k && cue.is_some_and(|c| !matches!(c, CueKind::Unnamed | CueKind::Title | CueKind::Nominal));
                    // A definite noun takes no genitive: after one, a bare indefinite word is
                    // the verb's object (`أكد الدفاع المدني انتشال …`), not the name's.
                    let object = definite && !has_article(&t.key) && !t.key.starts_with(['ل', 'ب']);
                    if self.is_clause_start(t) || (j > k && self.word_has(t, WordRole::Stop)) || verb || object {
                        break;
                    }
                    // A title is followed by a name (`الصحفي زين العابدين`).
                    let title = cue == Some(CueKind::Title);
                    definite = (definite || has_article(&t.key)) && !title;
                    words += 1;
                }
                TokenKind::Punct if self.words().is(&t.key, WordRole::Quote) => {
                    // A quote closing within a few tokens wraps a name; a longer one is speech.
                    let close = (j + 1..toks.len().min(j + 6)).find(|&e| self.punct_has(&toks[e], WordRole::Quote));
                    match close {
                        Some(e) if j > k || e > j + 1 => {
                            words += e - j - 1;
                            j = e;
                        }
                        _ if j == k => {}
                        _ => break,
                    }
                }
                _ => break,
            }
            j += 1;
        }
        // Trailing quote marks are not part of the phrase's words but belong to its surface.
        j
    }

    /// The text of tokens `a..b` (non-empty), trimmed of quote marks at either end.
    fn surface(&self, text: &str, toks: &[Token], a: usize, b: usize) -> Option<String> {
        let mut a = a;
        let mut b = b;
        while a < b && toks[a].kind == TokenKind::Punct {
            a += 1;
        }
        while b > a && toks[b - 1].kind == TokenKind::Punct {
            b -= 1;
        }
        (a < b).then(|| text[toks[a].span.start..toks[b - 1].span.end].to_string())
    }

    /// After `قال لـ"نون بوست"` or `صرح للجزيرة` the outlet is the addressee, not the
    /// speaker: a token glued to `ل` whose bare form is not itself a known word.
    fn is_addressee(&self, toks: &[Token], k: usize) -> bool {
        let t = &toks[k];
        let prev_word = (0..k).rev().find(|&j| toks[j].kind == TokenKind::Word);
        if prev_word.is_some_and(|j| k - j <= 2 && self.words().is(&toks[j].key, WordRole::Addressee)) {
            return true;
        }
        let glued = t.key.starts_with('ل') && !self.lex.is_alias_first_word(&t.key);
        glued && !self.words().is(&t.key, WordRole::Body) && !self.words().is(&t.key, WordRole::Media) && self.cue_at(toks, k).is_none()
    }

    /// Resolves the noun phrase at `k` to a claim (see the module docs), with how it named
    /// the speaker.
    fn resolve_phrase(&self, text: &str, toks: &[Token], k: usize, block: BlockKind) -> Option<(Claim, Naming)> {
        let t = toks.get(k)?;
        if t.kind != TokenKind::Word {
            return None;
        }
        let end = self.phrase_end(toks, k).max(k + 1);
        if let Some((_, cue)) = self.cue_at(toks, k) {
            match cue.kind {
                CueKind::Title => {
                    // An unnamed correspondent of an outlet (`مراسل الجزيرة`) reports for it.
                    let outlet = match_actor_at(toks, k + 1, self.lex).filter(|(idx, _)| self.lex.actors[*idx].actor_type == "media");
                    if let Some((idx, n)) = outlet {
                        return Some((self.actor_claim(idx, self.surface(text, toks, k, k + 1 + n).unwrap_or_default()), Naming::Explicit));
                    }
                    return Some((Claim::new(cue.claimant.clone(), name_after(text, toks, k + 1, self.words())), Naming::Explicit));
                }
                CueKind::Unnamed => {
                    return Some((self.unnamed_speaker(text, toks, k).unwrap_or_else(|| Claim::new(cue.claimant.clone(), None)), Naming::Explicit))
                }
                _ => {}
            }
        }
        if let Some(n) = self.words().phrase_at(toks, k, WordRole::Office, true) {
            return Some((self.office_holder(text, toks, k, k + n), Naming::Explicit));
        }
        if let Some((idx, n)) = match_actor_at(toks, k, self.lex) {
            // The alias as written: in VSO the words after it are the verb's object.
            let name = self.surface(text, toks, k, k + n).unwrap_or_default();
            return Some((self.actor_claim(idx, name), Naming::Explicit));
        }
        if self.word_has(t, WordRole::UnnamedHead) {
            return Some((self.unnamed_speaker(text, toks, k).unwrap_or_else(|| Claim::new("sources", None)), Naming::Explicit));
        }
        // A definite head noun is not in construct with what follows: alone it points back
        // (`الوزارة`); with adjectives, a body's head names that body (`الحكومة الليبية`),
        // a statement's (`التقرير الشهري`) still points back.
        let head_of_body = self.words().phrase_at(toks, k, WordRole::Body, true).is_some() || self.words().phrase_at(toks, k, WordRole::Media, true).is_some();
        if end == k + 1 || !head_of_body {
            if let Some(c) = self.back_reference(text, t) {
                return Some((c, Naming::Reference));
            }
        }
        if head_of_body && end > k + 1 {
            if let Some(c) = self.recent_named(text, toks, k, end) {
                return Some((c, Naming::Reference));
            }
        }
        if let Some(c) = self.named_body(text, toks, k, end) {
            return Some((c, Naming::Explicit));
        }
        if let Some(c) = self.known_name(t) {
            return Some((c, Naming::Reference));
        }
        self.person(text, toks, k, end, block).map(|c| (c, Naming::Guessed))
    }

    /// A named body or outlet by its head noun: `وزارة الهجرة` → `org:`, `صحيفة الغارديان`
    /// → `media:`; an actor named inside the phrase after a link word (`التابع للأمم
    /// المتحدة`) is not taken over: the body keeps its own name.
    fn named_body(&self, text: &str, toks: &[Token], k: usize, end: usize) -> Option<Claim> {
        let media = self.words().phrase_at(toks, k, WordRole::Media, true);
        let body = self.words().phrase_at(toks, k, WordRole::Body, true);
        let (head, prefix) = match (media, body) {
            (Some(n), _) => (n, "media"),
            (None, Some(n)) => (n, "org"),
            _ => return None,
        };
        // A head alone (`وزارة`) names nothing; a lexicon actor after an outlet's head is
        // that outlet (`وكالة رويترز`).
        // A one-word head needs a name after it; a head that is a name (`الدفاع المدني`)
        // stands alone.
        if end <= k + head && (head < 2 || end < k + head) {
            return None;
        }
        if let Some((idx, _)) = match_actor_at(toks, k + head, self.lex) {
            let a = &self.lex.actors[idx];
            if prefix == "media" || a.actor_type != "media" {
                let name = self.surface(text, toks, k, end)?;
                return Some(self.actor_claim(idx, name));
            }
        }
        let name = self.surface(text, toks, k, end)?;
        // An outlet's slug is its own name, without the head noun.
        let slug_from = if prefix == "media" { self.surface(text, toks, k + head, end).unwrap_or_else(|| name.clone()) } else { name.clone() };
        Some(Claim::new(format!("{prefix}:{}", slug(&slug_from)), Some(name)))
    }

    /// An unnamed speaker (`مصدر`, `مسؤول`) is the body it belongs to when one follows
    /// after a link word (`موظف لدى الهلال الأحمر`, `مسؤول في وزارة الصحة`).
    fn unnamed_speaker(&self, text: &str, toks: &[Token], k: usize) -> Option<Claim> {
        let mut j = k + 1;
        // Adjectives of the speaker (`مصدر أمني`, `مسؤولون فلسطينيون`) up to the link.
        while j < toks.len().min(k + 4) && toks[j].kind == TokenKind::Word && !self.word_has(&toks[j], WordRole::Link) {
            j += 1;
        }
        let link = toks.get(j).is_some_and(|t| self.word_has(t, WordRole::Link));
        let mut at = if link { j + 1 } else { j };
        // A quoted name (`الصادرة عن "قسد"`).
        while toks.get(at).is_some_and(|t| self.punct_has(t, WordRole::Quote)) {
            at += 1;
        }
        if !link && !toks.get(j).is_some_and(|t| t.key.starts_with('ل') || t.key.starts_with('ب')) {
            return None;
        }
        let t = toks.get(at)?;
        if t.kind != TokenKind::Word {
            return None;
        }
        if let Some((idx, n)) = match_actor_at(toks, at, self.lex) {
            let end = self.phrase_end(toks, at).max(at + n);
            return Some(self.actor_claim(idx, self.surface(text, toks, k, end)?));
        }
        let end = self.phrase_end(toks, at);
        self.named_body(text, toks, at, end)
    }

    /// An office holder speaks for the body after the office (`المتحدث باسم وزارة
    /// الزراعة`, `مدير السجن`); the person's name, when it follows (`، سامر حداد،` or in
    /// quotes), is the claim's name.
    fn office_holder(&self, text: &str, toks: &[Token], k: usize, body_at: usize) -> Claim {
        let mut body_end = self.phrase_end(toks, body_at).max(body_at);
        // A known body ends with its alias (`رئيس الحكومة العراقية كريم الساعدي`).
        if let Some((_, n)) = match_actor_at(toks, body_at, self.lex) {
            body_end = body_end.min(body_at + n);
        }
        let body = if body_at < toks.len() && body_end > body_at {
            match match_actor_at(toks, body_at, self.lex) {
                Some((idx, _)) => Some(self.actor_claim(idx, String::new())),
                None => self.ministry_of(toks, k, body_at, body_end).or_else(|| self.named_body(text, toks, body_at, body_end)).or_else(|| {
                    // A body without a known head (`مدير السجن`): its slug is its name.
                    self.surface(text, toks, body_at, body_end).map(|n| Claim::new(format!("org:{}", slug(&n)), None))
                }),
            }
        } else {
            None
        };
        let office_phrase = self.surface(text, toks, k, body_end.max(body_at)).unwrap_or_default();
        let person = self.name_in_apposition(text, toks, body_end.max(body_at));
        let mut claim = body.unwrap_or_else(|| Claim::new("sources", None));
        claim.name = person.or(Some(office_phrase));
        claim
    }

    /// A minister speaks for the ministry of the same name: `وزير الصحة اللبناني` is the
    /// lexicon's `وزارة الصحة اللبنانية` (the adjective agrees with the ministry).
    fn ministry_of(&self, toks: &[Token], k: usize, body_at: usize, body_end: usize) -> Option<Claim> {
        if !self.word_has(&toks[k], WordRole::Minister) {
            return None;
        }
        let head = self.words().first_with_role(WordRole::Ministry)?;
        let mut keys: Vec<String> =
            std::iter::once(head.to_string()).chain(toks[body_at..body_end].iter().filter(|t| t.kind == TokenKind::Word).map(|t| t.key.to_string())).collect();
        let find = |keys: &[String]| self.lex.actor_aliases.iter().find(|(a, _)| a.as_slice() == keys).map(|(_, idx)| *idx);
        let idx = find(&keys).or_else(|| {
            let last = keys.last_mut()?;
            last.push('ه');
            find(&keys)
        })?;
        Some(self.actor_claim(idx, String::new()))
    }

    /// A person's name set off after an office (`، نادر الخطيب،` or `“سامر حداد”`).
    fn name_in_apposition(&self, text: &str, toks: &[Token], at: usize) -> Option<String> {
        let t = toks.get(at)?;
        let open = if self.punct_has(t, WordRole::ClauseMark) || self.punct_has(t, WordRole::Quote) { at + 1 } else { return None };
        let mut j = open;
        while j < toks.len() && j - open < MAX_NAME && toks[j].kind == TokenKind::Word && !self.is_clause_start(&toks[j]) && self.cue_at(toks, j).is_none() {
            j += 1;
        }
        let closed = toks.get(j).is_none_or(|t| t.kind == TokenKind::Punct || self.is_clause_start(t));
        (j > open && closed && !toks[open].key.starts_with("ال")).then(|| self.surface(text, toks, open, j)).flatten()
    }

    /// A definite noun pointing back (`الوزارة`, `الوكالة`, `التقرير`): the most recent
    /// speaker or actor whose name holds the same word, else the last speaker.
    fn back_reference(&self, text: &str, t: &Token) -> Option<Claim> {
        // `للبيان` is `ل` + `البيان`: the article is read back after `لل`.
        let readings = stems(&t.key);
        let definite = readings.iter().flat_map(|(_, s)| [s.to_string(), format!("ال{s}")]);
        let stem = definite.into_iter().find(|s| s.starts_with("ال") && self.words().is(s, WordRole::Anaphor))?;
        let bare = &stem["ال".len()..];
        let same_word = self.recent.iter().rev().find(|c| c.name.as_deref().is_some_and(|n| n.split_whitespace().any(|w| fold_key(w).ends_with(bare))));
        if let Some(c) = same_word {
            return Some(c.clone());
        }
        // A body named by its head alone (`الجيش`, `الوزارة`) with no such body met before
        // is a body of its own, not whoever spoke last; a statement (`التقرير`, `المصدر`)
        // is the last speaker's.
        let body = [WordRole::Body, WordRole::Media].iter().any(|r| self.words().is(bare, *r) || self.words().is(&stem, *r));
        if body {
            let surface = text[t.span.start..t.span.end].to_string();
            return Some(Claim::new(format!("org:{}", slug(&surface)), Some(surface)));
        }
        self.last_speaker.clone()
    }

    /// A definite phrase naming again a body met before by part of its name
    /// (`المنظمة الدولية` after `المنظمة الدولية للهجرة`).
    fn recent_named(&self, text: &str, toks: &[Token], k: usize, end: usize) -> Option<Claim> {
        if !toks[k].key.starts_with("ال") {
            return None;
        }
        let bare = |w: &str| {
            let key = fold_key(w);
            key.strip_prefix("ال").map(String::from).unwrap_or(key)
        };
        let phrase: Vec<String> = self.surface(text, toks, k, end)?.split_whitespace().map(bare).collect();
        // Every word of the phrase is a word of the name (`المنظمة الدولية` of `منظمة
        // الهجرة الدولية`).
        self.recent
            .iter()
            .rev()
            .find(|c| {
                let name: Vec<String> = c.name.as_deref().unwrap_or("").split_whitespace().map(bare).collect();
                name.len() > phrase.len() && phrase.iter().all(|w| name.contains(w))
            })
            .cloned()
    }

    fn known_name(&self, t: &Token) -> Option<Claim> {
        let readings = stems(&t.key);
        self.known_names.iter().rev().find(|(n, _)| readings.iter().any(|(_, s)| s == n)).map(|(_, c)| c.clone())
    }

    /// A run of unknown words read as a person's name (`جميل العكاوي`), two to four words,
    /// the first without the article, set off by a clause mark, a complement or a quote, or
    /// followed by an office (`سليم حداد مدير الهيئة الوطنية للإغاثة`), which then
    /// gives the body.
    fn person(&self, text: &str, toks: &[Token], k: usize, end: usize, block: BlockKind) -> Option<Claim> {
        if toks[k].key.starts_with("ال") {
            return None;
        }
        let mut j = k;
        while j < end && toks[j].kind == TokenKind::Word && j - k < MAX_NAME {
            if self.words().phrase_at(toks, j, WordRole::Office, true).is_some() || match_actor_at(toks, j, self.lex).is_some() || self.lex.knows(&toks[j].key)
            {
                break;
            }
            j += 1;
        }
        let single_ok = matches!(block, BlockKind::Title | BlockKind::Heading);
        if j - k < 2 && !(single_ok && j > k) {
            return None;
        }
        let name = self.surface(text, toks, k, j)?;
        if let Some(n) = self.words().phrase_at(toks, j, WordRole::Office, true) {
            let mut c = self.office_holder(text, toks, j, j + n);
            c.name = Some(name);
            return Some(c);
        }
        let set_off = j == end && toks.get(end).is_none_or(|t| t.kind == TokenKind::Punct || self.is_clause_start(t));
        set_off.then(|| Claim::new("person", Some(name)))
    }

    /// The subject of a verb cue ending at token `after`: right after it (past time words
    /// and clause marks), else an explicit speaker within reach before the complement.
    fn subject_after(&self, text: &str, toks: &[Token], after: usize, block: BlockKind) -> Option<Claim> {
        let stop = self.clause_start_within(toks, after, SUBJECT_REACH);
        let reach = stop.min(after + SUBJECT_REACH);
        let mut j = after;
        while j < reach && (self.punct_has(&toks[j], WordRole::ClauseMark) || self.word_has(&toks[j], WordRole::Adverb)) {
            j += 1;
        }
        if j < reach && !self.is_addressee(toks, j) {
            if let Some((c, _)) = self.resolve_phrase(text, toks, j, block) {
                return Some(c);
            }
        }
        // Further on, only an explicit speaker before any preposition or punctuation: past
        // them the words are the verb's objects and adjuncts.
        let bound = (j..reach)
            .find(|&i| self.word_has(&toks[i], WordRole::Stop) || (toks[i].kind == TokenKind::Punct && !self.punct_has(&toks[i], WordRole::Quote)))
            .unwrap_or(reach);
        (j + 1..bound)
            .filter(|&i| !self.is_addressee(toks, i))
            .find_map(|i| self.resolve_phrase(text, toks, i, block).filter(|(_, n)| *n == Naming::Explicit).map(|(c, _)| c))
    }

    /// A speaker named shortly before a verb (SVO: `منظمة الصحة العالمية أعلنت`).
    fn subject_before(&self, text: &str, toks: &[Token], k: usize, block: BlockKind) -> Option<Claim> {
        // A lexicon actor anywhere within reach (`قائد قسد، مظلوم عبدي، قال`); any other
        // speaker only as the phrase that runs up to the verb.
        (k.saturating_sub(BEFORE_REACH)..k).rev().find_map(|j| {
            let end = self.phrase_end(toks, j);
            let next_to_verb = end == k;
            // Or set off by commas as the verb's topic: `قائد قسد، مظلوم عبدي، قال`.
            let apposition =
                k > 0 && self.punct_has(&toks[k - 1], WordRole::ClauseMark) && toks.get(end).is_some_and(|t| self.punct_has(t, WordRole::ClauseMark));
            if !next_to_verb && !apposition {
                return None;
            }
            let trusted = |n: Naming| if next_to_verb { n != Naming::Guessed } else { n == Naming::Explicit };
            self.resolve_phrase(text, toks, j, block).filter(|(_, n)| trusted(*n)).map(|(c, _)| c)
        })
    }

    /// Whether a verb with no subject goes straight on to what was said (`وأوضح أن`,
    /// `وقالت فيه: «`): its speaker is the one already speaking.
    /// The caller found no subject in reach, so a complement in reach means none was said.
    fn opens_complement(&self, toks: &[Token], after: usize) -> bool {
        self.complement_start(toks, after).is_some()
    }

    /// The complement or quotation a verb ending at `after` opens, within reach.
    fn complement_start(&self, toks: &[Token], after: usize) -> Option<usize> {
        (after..toks.len().min(after + CONTENT_REACH)).find(|&j| self.is_clause_start(&toks[j]) || self.opens_quote(toks, j))
    }

    /// A headline or lead `X: …` (`الأمم المتحدة: مئات القتلى`): X claims the sentence.
    fn headline_speaker(&self, text: &str, st: &SentenceTokens) -> Option<Claim> {
        let toks = &st.tokens;
        let first = toks.iter().position(|t| t.kind == TokenKind::Word)?;
        // The colon first: every sentence is asked, few open with `X:`, and resolving a
        // phrase costs far more than finding where it ends.
        let end = self.phrase_end(toks, first);
        if !toks.get(end).is_some_and(|t| self.punct_has(t, WordRole::Colon)) {
            return None;
        }
        let (claim, naming) = self.resolve_phrase(text, toks, first, st.block_kind)?;
        let headline = matches!(st.block_kind, BlockKind::Title | BlockKind::Heading);
        ((naming == Naming::Explicit || headline) && claim.claimant != "sources").then_some(claim)
    }

    /// The claim a cue over tokens `at` carries, if it names or continues someone.
    fn claim_of_cue(
        &self,
        text: &str,
        st: &SentenceTokens,
        at: std::ops::Range<usize>,
        cue: &arqam_lexicon::Cue,
        named: &[(usize, Claim)],
        earlier_cue: bool,
    ) -> Option<Claim> {
        let (k, len) = (at.start, at.len());
        let toks = &st.tokens;
        let block = st.block_kind;
        match cue.kind {
            CueKind::Title => None,
            CueKind::Unnamed => Some(self.unnamed_speaker(text, toks, k).unwrap_or_else(|| Claim::new(cue.claimant.clone(), None))),
            CueKind::Verb | CueKind::Continuation | CueKind::Relay | CueKind::Denial => {
                let after = self.subject_after(text, toks, k + len, block);
                // A statement noun as subject (`أظهر تقرير نشرته البعثة الأممية`) stands for
                // its owner.
                let after = after.or_else(|| self.nominal_owner(text, toks, k + len, block));
                // No subject written: a pronoun. It is the speaker already speaking when the
                // verb goes on to what was said or is a past form (`وأوضحت وقوع …`); an
                // imperfect without subject or complement reads impersonally (`تقدر
                // أعدادهم بـ…`).
                let past = !self.is_imperfect(&toks[k].key);
                let continues = cue.kind == CueKind::Continuation || self.opens_complement(toks, k + len) || past;
                // A participle (`مؤكدا`) with no speaker yet in its sentence is said by the
                // sentence's own subject (`اتهم وزير الداخلية …، مؤكدا أن`).
                let sentence_subject = || if cue.kind == CueKind::Continuation && !earlier_cue { self.sentence_subject(text, toks, k, block) } else { None };
                after.or_else(|| self.subject_before(text, toks, k, block)).or_else(sentence_subject).or_else(|| {
                    if continues {
                        self.last_speaker.clone().or_else(|| self.recent.last().cloned())
                    } else {
                        None
                    }
                })
            }
            CueKind::Preposition | CueKind::Nominal => {
                // A cue ending in a preposition (`وفقا ل`) has its object glued to it.
                let from = if len > 1 { k + len - 1 } else { k + len };
                // The owner stands in the cue's own clause.
                let clause_end = (k + len..toks.len().min(k + len + 5))
                    .find(|&j| self.punct_has(&toks[j], WordRole::ClauseMark) || self.is_clause_start(&toks[j]))
                    .unwrap_or(toks.len());
                let reach = clause_end.min(k + len + 5);
                let first_word = (from..reach).find(|&j| toks[j].kind == TokenKind::Word);
                // A statement's owner is its genitive, right after it (`أرقام الأمم المتحدة`,
                // `بيان صادر عن`): never a guessed name, never past another noun phrase.
                let nominal = cue.kind == CueKind::Nominal;
                let reach = if nominal { reach.min(k + len + 3) } else { reach };
                let direct =
                    first_word.and_then(|j| self.resolve_phrase(text, toks, j, block)).filter(|(_, n)| !nominal || *n != Naming::Guessed).map(|(c, _)| c);
                let explicit = || (from..reach).find_map(|j| self.resolve_phrase(text, toks, j, block).filter(|(_, n)| *n == Naming::Explicit).map(|(c, _)| c));
                // `وفق أحدث البيانات`: statements with no owner are unnamed sources.
                let ownerless = || {
                    let statement = (from..reach).any(|j| toks[j].kind == TokenKind::Word && self.cue_at(toks, j).is_none() && self.statement_noun(&toks[j]));
                    (cue.kind == CueKind::Preposition && statement).then(|| Claim::new("sources", None))
                };
                direct.or_else(explicit).or_else(|| self.possessive_owner(text, toks, k, len, cue.kind, named)).or_else(ownerless)
            }
        }
    }

    /// Whether a cue verb is an imperfect form: `ي` + stem, or `ت` + stem where `ي` + stem
    /// is a cue too (`تقدر`/`يقدر`; `تحدث` is a past form).
    fn is_imperfect(&self, key: &str) -> bool {
        let bare = key.strip_prefix(['و', 'ف']).filter(|b| b.chars().count() > 2).unwrap_or(key);
        if bare.starts_with('ي') {
            return true;
        }
        bare.strip_prefix('ت').is_some_and(|stem| !self.lex.cues_starting_with(&format!("ي{stem}")).is_empty())
    }

    /// The first explicit speaker of the sentence before token `k` (its main subject).
    fn sentence_subject(&self, text: &str, toks: &[Token], k: usize, block: BlockKind) -> Option<Claim> {
        (k.saturating_sub(MAX_SENTENCE_SUBJECT)..k)
            .find_map(|j| self.resolve_phrase(text, toks, j, block).filter(|(_, n)| *n == Naming::Explicit).map(|(c, _)| c))
    }

    /// A statement noun (`البيانات`, `للإحصاءات`) read through its proclitics.
    fn statement_noun(&self, t: &Token) -> bool {
        let lex = self.lex;
        stems(&t.key).iter().any(|(_, s)| lex.cues_starting_with(s).iter().any(|&i| lex.cues[i].1.kind == CueKind::Nominal && lex.cues[i].0.len() == 1))
    }

    /// A statement noun right after a verb (`أشار تقرير حقوقي`, `أظهر تقرير نشرته …`):
    /// the claim is its owner's, named within a few words.
    fn nominal_owner(&self, text: &str, toks: &[Token], after: usize, block: BlockKind) -> Option<Claim> {
        let j = (after..toks.len().min(after + 3)).find(|&j| toks[j].kind == TokenKind::Word)?;
        let (_, cue) = self.cue_at(toks, j)?;
        if cue.kind != CueKind::Nominal {
            return None;
        }
        let stop = self.clause_start_within(toks, j + 1, 6);
        (j + 1..stop.min(j + 6)).find_map(|i| self.resolve_phrase(text, toks, i, block).filter(|(_, n)| *n == Naming::Explicit).map(|(c, _)| c))
    }

    /// `بحسب بياناتها`, `روايته`: a statement noun with a possessive pronoun is the
    /// statement of the actor named last.
    fn possessive_owner(&self, text: &str, toks: &[Token], k: usize, len: usize, kind: CueKind, named: &[(usize, Claim)]) -> Option<Claim> {
        let noun = toks.get(k + len - 1 + usize::from(kind == CueKind::Preposition))?;
        // On the surface: in the key, taa marbuta is folded to `ه` too.
        let surface = &text[noun.span.start..noun.span.end];
        let own = noun.kind == TokenKind::Word
            && self.words().possessive_suffixes().iter().any(|suf| surface.ends_with(suf.as_str()))
            && noun.key.chars().count() > 4;
        if !own {
            return None;
        }
        // Named before it in the sentence, else the main clause's actor after it (`بحسب
        // بياناتها، نشرت قسد …`), else the speaker or actor named last.
        let before = named.iter().rev().find(|(j, _)| *j < k);
        let after = || named.iter().find(|(j, _)| *j > k);
        before.or_else(after).map(|(_, c)| c.clone()).or_else(|| self.recent.last().cloned())
    }

    /// Remembers a speaker's name words, so a later bare `النجار` is the same speaker.
    fn remember_name(&mut self, claim: &Claim) {
        let Some(name) = claim.name.as_deref() else { return };
        if claim.claimant == "sources" || claim.claimant == "author" {
            return;
        }
        // Bounded: the names of the last few speakers are enough.
        if self.known_names.len() > 64 {
            self.known_names.drain(..self.known_names.len() - 32);
        }
        let words: Vec<&str> = name.split_whitespace().collect();
        // Only names of people: a body's name words are ordinary nouns.
        if words.len() > MAX_NAME || words.iter().any(|w| self.lex.knows(&fold_key(w))) {
            return;
        }
        for w in words {
            let key = fold_key(w.trim_matches(|c: char| !c.is_alphabetic()));
            if key.chars().count() >= 3 {
                let bare = key.strip_prefix("ال").filter(|b| b.chars().count() >= 3).map(String::from);
                self.known_names.extend(bare.map(|b| (b, claim.clone())));
                self.known_names.push((key, claim.clone()));
            }
        }
    }

    fn remember_recent(&mut self, claim: Claim) {
        if self.recent.len() >= RECENT_LIMIT {
            self.recent.remove(0);
        }
        self.recent.push(claim);
    }

    /// Finds the cues and quotations of a sentence and updates the speaker state.
    pub fn scan_sentence(&mut self, text: &str, st: &SentenceTokens) -> SentenceScope {
        let toks = &st.tokens;
        let mut scope = SentenceScope::default();
        self.hints.clone_from(&st.hints);
        // The roles of the sentence's marks, looked up once for the passes below.
        let marks = self.mark_roles(toks);
        let mark = |j: usize, role: WordRole| marks[j] & role.bit() != 0;
        // A quotation still open from an earlier sentence.
        // A quotation left open (a missing closing mark) ends with its paragraph.
        if self.open_quote.as_ref().is_some_and(|(_, p)| *p != st.sentence.paragraph) {
            self.open_quote = None;
        }
        if let Some((claim, _)) = self.open_quote.clone() {
            let close = (0..toks.len()).position(|j| mark(j, WordRole::QuoteClose));
            let end = close.unwrap_or(toks.len().saturating_sub(1));
            scope.quotes.push((0, end, claim));
            if close.is_some() {
                self.open_quote = None;
            }
        }
        // Actors named in the sentence, so a possessive cue sees those before it.
        let named: Vec<(usize, Claim)> =
            st.actors.iter().map(|&(j, idx, n)| (j, self.actor_claim(idx, text[toks[j].span.start..toks[j + n - 1].span.end].to_string()))).collect();
        scope.clause_marks = (0..toks.len()).filter(|&j| mark(j, WordRole::ClauseMark)).collect();
        scope.segments = (1..toks.len().saturating_sub(2))
            .filter(|&j| {
                // Not a number in parentheses (`( 85 ) طفلا`).
                let bracketed = mark(j - 1, WordRole::Bracket);
                toks[j].kind == TokenKind::Number && !bracketed && mark(j + 1, WordRole::ListMark) && toks[j + 2].kind == TokenKind::Word
            })
            .collect();
        // Only a sentence with a colon can open with `X:`.
        let colon = marks.iter().any(|m| m & WordRole::Colon.bit() != 0);
        if let Some(mut c) = colon.then(|| self.headline_speaker(text, st)).flatten() {
            c.cue = Some(":".into());
            self.remember_name(&c);
            scope.cues.push(FoundCue { token: 0, claim: c, kind: CueKind::Verb, opens: Some(0) });
        }
        // An item of a list introduced with `:` keeps the list's claim, unless it names its
        // own speaker.
        let item = self.list.is_some() && self.is_list_item(text, st);
        if !item {
            self.list = None;
        }
        if let Some(c) = self.list.clone().filter(|_| item) {
            scope.cues.push(FoundCue { token: 0, claim: c, kind: CueKind::Verb, opens: Some(0) });
        }
        let partner = self.pair_quotes(toks, &marks);
        let mut k = 0;
        while k < toks.len() {
            let Some((len, cue)) = self.cue_at(toks, k) else {
                k += 1;
                continue;
            };
            if cue.kind == CueKind::Title {
                if let Some(name) = name_after(text, toks, k + 1, self.words()) {
                    self.remember_name(&Claim::new(cue.claimant.clone(), Some(name)));
                }
                k += len;
                continue;
            }
            let cue_text = text[toks[k].span.start..toks[k + len - 1].span.end].to_string();
            let mut claim = self.claim_of_cue(text, st, k..k + len, cue, &named, !scope.cues.is_empty());
            if let Some(c) = claim.as_mut() {
                c.cue = Some(cue_text);
                c.denial = cue.kind == CueKind::Denial;
                if cue.kind == CueKind::Relay && !self.relay(text, st, k + len, c) {
                    k += len;
                    continue;
                }
                // An unnamed source that is the subject of the verb just before it
                // (`وقال المراقبون …`) is that verb's claim, not a cue of its own.
                let subject_of_verb = cue.kind == CueKind::Unnamed
                    && scope.cues.last().is_some_and(|p| p.kind == CueKind::Verb && k - p.token <= 3 && p.claim.claimant == c.claimant);
                if subject_of_verb {
                    k += len;
                    continue;
                }
                self.remember_name(c);
                // A claim reported inside a quotation does not change who is speaking.
                // So does one in an embedded post (a tweet quoted in the article).
                let quoted = scope.quotes.iter().any(|(a, b, _)| *a <= k && k <= *b) || st.block_kind == BlockKind::Quote;
                if c.claimant != "sources" && !quoted {
                    self.last_speaker = Some(c.clone());
                    self.remember_recent(c.clone());
                }
                if matches!(cue.kind, CueKind::Verb | CueKind::Continuation | CueKind::Denial) {
                    self.open_quotation(text, st, k + len, &partner, c, &mut scope);
                }
                let opens =
                    if matches!(cue.kind, CueKind::Verb | CueKind::Continuation | CueKind::Denial) { self.complement_start(toks, k + len) } else { None };
                scope.cues.push(FoundCue { token: k, claim: c.clone(), kind: cue.kind, opens });
            }
            k += len;
        }
        self.close_sentence(&marks, &scope);
        for (&(_, idx, _), (_, c)) in st.actors.iter().zip(named) {
            let group = &self.lex.actors[idx].group;
            if !group.is_empty() {
                scope.named_groups.push(group.clone());
            }
            self.remember_recent(c);
        }
        scope
    }

    /// Remembers the claim in force at the sentence's end; one ending with `:` opens a
    /// list that keeps it (or, with no cue of its own, the sentence before's).
    fn close_sentence(&mut self, marks: &[u32], scope: &SentenceScope) {
        let tail = scope.cues.last().map(|c| c.claim.clone()).or_else(|| self.list.clone());
        let intro = marks.iter().any(|m| m & WordRole::Colon.bit() != 0);
        if intro {
            self.list = tail.clone().or_else(|| self.last_tail.clone());
        }
        self.last_tail = tail;
    }

    /// A list item: a sentence opening with a list mark (`-`, `•`, `1-`) or with a short
    /// label and a colon (`الأحياء الشرقية: 30 قتيلا`).
    fn is_list_item(&self, text: &str, st: &SentenceTokens) -> bool {
        let toks = &st.tokens;
        let Some(first) = toks.first() else { return false };
        let surface = &text[first.span.start..first.span.end];
        let marked = match first.kind {
            TokenKind::Punct => !self.words().is(&first.key, WordRole::Quote),
            TokenKind::Number => toks.get(1).is_some_and(|t| self.punct_has(t, WordRole::ListMark)),
            _ => surface.starts_with('\u{640}'),
        };
        let labelled = (1..toks.len().min(MAX_LABEL + 1)).find(|&j| toks[j].kind != TokenKind::Word).is_some_and(|j| self.punct_has(&toks[j], WordRole::Colon));
        marked || labelled
    }

    /// `نقلت وكالة أعماق عن مصادر …`: the claim is the source's, relayed by the outlet.
    /// Returns whether the cue is a relay at all: without `عن` only an outlet's own report
    /// is (`نقلت صحيفة النبأ أن …`); otherwise the verb means "moved" (`نُقل المعتقلون`).
    fn relay(&self, text: &str, st: &SentenceTokens, after: usize, c: &mut Claim) -> bool {
        let toks = &st.tokens;
        let stop = self.clause_start_within(toks, after, 10);
        let from = (after..stop.min(after + 10)).find(|&j| toks[j].kind == TokenKind::Word && self.words().is(&toks[j].key, WordRole::RelaySource));
        let original = from.and_then(|f| (f + 1..stop.min(f + 5)).find_map(|j| self.resolve_phrase(text, toks, j, st.block_kind).map(|(c, _)| c)));
        match original {
            Some(original) => {
                let outlet = c.claimant.clone();
                let cue = c.cue.take();
                *c = Claim { relayed_by: Some(outlet), cue, ..original };
                true
            }
            None => c.claimant.starts_with("media:"),
        }
    }

    /// A quotation opened shortly after a verb of saying is the speaker's. A quoted name
    /// (`"نون بوست"`) is skipped: speech is longer than four tokens.
    fn open_quotation(&mut self, text: &str, st: &SentenceTokens, from: usize, partner: &[Option<usize>], c: &Claim, scope: &mut SentenceScope) {
        let toks = &st.tokens;
        let mut j = from;
        while j < toks.len().min(from + 16) {
            if !self.opens_quote(toks, j) {
                j += 1;
                continue;
            }
            let close = partner[j];
            if close.is_some_and(|e| e - j <= 4) {
                j = close.unwrap_or(j) + 1;
                continue;
            }
            let end = close.unwrap_or(toks.len().saturating_sub(1));
            scope.quotes.push((j, end, c.clone()));
            // A quotation left open goes on into the next sentences only when its paragraph
            // closes it somewhere (a lost closing mark ends it with its sentence).
            // Unclosed in its sentence, the mark can only close after the sentence's end.
            if close.is_none() && self.closes_later(text, st.sentence.span.end) {
                self.open_quote = Some((c.clone(), st.sentence.paragraph));
            }
            break;
        }
    }

    /// Whether a quote mark opens a quotation: curly ones by their shape, a straight one
    /// when glued to the word after it and not to the one before (`قال: "…`).
    /// The attribution roles of each mark of a sentence as bits ([`WordRole::bit`]; 0 for
    /// words and numbers).
    fn mark_roles(&self, toks: &[Token]) -> Vec<u32> {
        toks.iter().map(|t| if t.kind == TokenKind::Punct { self.words().roles(&t.key) } else { 0 }).collect()
    }

    fn opens_quote(&self, toks: &[Token], j: usize) -> bool {
        let t = &toks[j];
        if t.kind != TokenKind::Punct || !self.words().is(&t.key, WordRole::QuoteOpen) {
            return false;
        }
        if !self.words().is(&t.key, WordRole::QuoteClose) {
            return true;
        }
        let glued_after = toks.get(j + 1).is_some_and(|n| !n.space_before);
        let glued_before = j > 0 && !t.space_before && toks[j - 1].kind == TokenKind::Word;
        glued_after && !glued_before
    }

    /// Each opening quote mark's closing partner in the sentence (nested quotes pair
    /// inside out: `"… من "داعش" …"`).
    fn pair_quotes(&self, toks: &[Token], marks: &[u32]) -> Vec<Option<usize>> {
        let mut partner = vec![None; toks.len()];
        let mut open: Vec<usize> = Vec::new();
        let quote = WordRole::QuoteOpen.bit() | WordRole::QuoteClose.bit();
        for j in (0..toks.len()).filter(|&j| marks[j] & quote != 0) {
            if self.opens_quote(toks, j) {
                open.push(j);
            } else if marks[j] & WordRole::QuoteClose.bit() != 0 {
                if let Some(o) = open.pop() {
                    partner[o] = Some(j);
                }
            }
        }
        partner
    }

    /// Whether a closing quote mark follows `from` in the same paragraph (looked for over
    /// a bounded stretch of text).
    fn closes_later(&self, text: &str, from: usize) -> bool {
        let rest = &text[from..];
        let window = rest.char_indices().nth(QUOTE_LOOKAHEAD).map_or(rest, |(i, _)| &rest[..i]);
        let paragraph = window.split('\n').next().unwrap_or("");
        // The first quote mark decides: a closing one ends this quote; an opening one starts
        // another, so this one was never closed. A straight mark closes when nothing
        // letter-like is glued after it.
        let role = |c: char, r: WordRole| self.words().is(c.encode_utf8(&mut [0; 4]), r);
        let mut chars = paragraph.chars().peekable();
        while let Some(c) = chars.next() {
            let (opens, closes) = (role(c, WordRole::QuoteOpen), role(c, WordRole::QuoteClose));
            match (opens, closes) {
                (true, true) => return !chars.peek().is_some_and(|n| n.is_alphanumeric()),
                (false, true) => return true,
                (true, false) => return false,
                _ => {}
            }
        }
        false
    }

    /// The claimants of the cues of a scanned sentence (speakers are not their own
    /// captives or attackers).
    pub fn speakers(scope: &SentenceScope) -> Vec<String> {
        scope.cues.iter().map(|c| c.claim.claimant.clone()).collect()
    }

    /// The claim for a figure spanning tokens `first..=last` of the scanned sentence.
    pub fn claimant_for(&self, scope: &SentenceScope, first: usize, last: usize) -> Claim {
        // The list item the figure stands in.
        let seg = scope.segments.partition_point(|&s| s <= first);
        let seg_start = seg.checked_sub(1).map_or(0, |i| scope.segments[i]);
        let seg_end = scope.segments.get(seg).copied().unwrap_or(usize::MAX);
        let cues_from = scope.cues.partition_point(|c| c.token < seg_start);
        let cues_to = scope.cues.partition_point(|c| c.token < seg_end);
        let cues = &scope.cues[cues_from..cues_to];
        // Cues are in token order: the nearest one before the figure by binary search.
        let before = cues.partition_point(|c| c.token < first);
        // A verb whose content begins after the figure does not claim it: the figure
        // stands in its subject or adjuncts; the cue before it may.
        let nearest = cues[..before].iter().rev().find(|c| c.opens.is_none_or(|o| o <= first) || c.kind != CueKind::Verb);
        if let Some((a, _, c)) = scope.quotes.iter().find(|(a, b, _)| *a <= first && last <= *b) {
            // A source the speaker cites inside the quote (`"أرقام منظمة الصحة التي
            // تشير إلى …"`) is the figure's.
            let cited = nearest.filter(|n| n.token > *a && matches!(n.kind, CueKind::Nominal | CueKind::Preposition));
            return cited.map_or_else(|| c.clone(), |n| n.claim.clone());
        }
        // An outlet's report naming its source after the figure (`قالت الصحيفة إن …، وفقا
        // لتقديرات اليونيسف`): the source claims it, the outlet relays it.
        let later = |kinds: &[CueKind]| cues[before..].iter().find(|c| c.token > last && kinds.contains(&c.kind));
        if let Some(n) = nearest {
            if n.claim.claimant.starts_with("media:") {
                if let Some(src) = later(&[CueKind::Preposition]).filter(|c| !c.claim.claimant.starts_with("media:") && c.claim.claimant != "sources") {
                    return Claim { relayed_by: Some(n.claim.claimant.clone()), ..src.claim.clone() };
                }
            }
            return n.claim.clone();
        }
        // A cue after the figure (`…، بحسب المرصد`): set off by a comma at the end it
        // covers the whole sentence; without one it covers only its clause.
        // A verb that goes on to what was said (`…، أفادت المنظمة أنه …`) does not reach back.
        if let Some(c) = cues
            .iter()
            .find(|c| c.token > last && (matches!(c.kind, CueKind::Preposition | CueKind::Nominal) || (c.kind == CueKind::Verb && c.opens.is_none())))
        {
            let set_off = c.token > 0 && scope.clause_marks.contains(&(c.token - 1));
            if set_off || !scope.clause_marks.iter().any(|&j| j > last && j < c.token) {
                return c.claim.clone();
            }
        }
        Claim::author()
    }
}

/// A headline keeps the claimant the body gives the same figure: a figure of a title or
/// heading left to the author takes the claim of the first body figure of equal value
/// (`240 ألف` in the title and `تجاوز 240 ألف` in the body are the same figure). Applied
/// as figures are handed on ([`crate::figure_queue`]).
pub fn claim_key(f: &arqam_model::Figure) -> Option<u64> {
    f.value_low.or(f.value_high).map(f64::to_bits)
}

/// The claim of a body figure, for a headline figure of the same value.
#[derive(Debug, Clone)]
pub struct BodyClaim {
    claimant: String,
    claimant_name: Option<String>,
    attribution_cue: Option<String>,
    relayed_by: Option<String>,
}

impl BodyClaim {
    pub fn of(f: &arqam_model::Figure) -> Self {
        BodyClaim {
            claimant: f.claimant.clone(),
            claimant_name: f.claimant_name.clone(),
            attribution_cue: f.attribution_cue.clone(),
            relayed_by: f.relayed_by.clone(),
        }
    }

    pub fn apply_to(&self, f: &mut arqam_model::Figure) {
        f.claimant.clone_from(&self.claimant);
        f.claimant_name.clone_from(&self.claimant_name);
        f.attribution_cue.clone_from(&self.attribution_cue);
        f.relayed_by.clone_from(&self.relayed_by);
    }
}

/// Whether a word key carries the article, after a conjunction or preposition too
/// (`الصحة`, `والصحة`, `للأمم`).
fn has_article(key: &str) -> bool {
    let bare = key.strip_prefix(['و', 'ف']).unwrap_or(key);
    stems(key).iter().any(|(_, s)| s.starts_with("ال")) || bare.starts_with("لل")
}

/// A claimant id's slug from a name: its words' match keys joined by `_`.
fn slug(name: &str) -> String {
    name.split_whitespace().map(|w| fold_key(w.trim_matches(|c: char| !c.is_alphanumeric()))).filter(|w| !w.is_empty()).collect::<Vec<_>>().join("_")
}

/// Up to three words of a name after a title, stopping at punctuation or a stop word.
fn name_after(text: &str, toks: &[Token], k: usize, words: &AttributionWords) -> Option<String> {
    let mut end = None;
    for (n, j) in (k..toks.len()).enumerate() {
        let ends_name = [WordRole::Stop, WordRole::Complement, WordRole::Addressee].iter().any(|r| words.is(&toks[j].key, *r));
        if n >= 3 || toks[j].kind != TokenKind::Word || ends_name {
            break;
        }
        end = Some(j);
    }
    end.map(|e| text[toks[k].span.start..toks[e].span.end].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use arqam_model::Span;
    use arqam_normalize::tokenize;

    fn toks(s: &str) -> Vec<Token> {
        tokenize(s, Span::new(0, s.len()))
    }

    #[test]
    fn slugs_are_folded_words_joined() {
        assert_eq!(slug("وزارة الصحة"), "وزاره_الصحه");
        assert_eq!(slug("«دير شبيغل»"), "دير_شبيغل");
    }

    #[test]
    fn the_article_is_seen_through_clitics() {
        for w in ["الصحة", "والصحة", "للأمم", "بالمدينة"] {
            assert!(has_article(&fold_key(w)), "{w}");
        }
        for w in ["صحة", "لجنة", "بيان"] {
            assert!(!has_article(&fold_key(w)), "{w}");
        }
    }

    #[test]
    fn straight_quotes_pair_by_spacing_and_nest() {
        let lex = Lexicon::builtin();
        let a = Attributor::new(&lex);
        let t = toks("قال: \"نقل 5 من \"داعش\" أمس\" ثم");
        let quotes: Vec<usize> = (0..t.len()).filter(|&j| t[j].key == "\"").collect();
        assert_eq!(quotes.len(), 4);
        let partner = a.pair_quotes(&t, &a.mark_roles(&t));
        assert_eq!(partner[quotes[0]], Some(quotes[3]), "the speech closes last");
        assert_eq!(partner[quotes[1]], Some(quotes[2]), "the quoted name pairs inside");
    }
}
