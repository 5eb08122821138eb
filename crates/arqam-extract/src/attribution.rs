//! Who claims a figure.
//!
//! Per sentence, every attribution cue of the lexicon is found and given a claimant:
//! - a verb of saying (`قال`, `أعلنت`): its subject, looked for after the verb (VSO) and
//!   then before it (SVO: `قائد قسد، مظلوم عبدي، قال`);
//! - a preposition (`بحسب`, `وفقا ل`) or a noun (`رواية`, `بيان`): the actor after it;
//! - a continuation verb (`وأضاف`) with no new subject: the last speaker;
//! - an unnamed source (`مصادر`, `التقارير`): `sources`;
//! - a title (`الصحفي`) makes its bearer a `journalist`, and the name after it is
//!   remembered so a later bare `العكيدي` is the same journalist.
//!
//! A quotation opened after a cue belongs to the speaker until it closes, across
//! sentences. A figure takes the claimant of the quote it stands in, else of the nearest
//! cue before it in its sentence, else of a cue after it (`…، بحسب المرصد`), else
//! `author`.

use arqam_lexicon::{stems, CueKind, Lexicon};
use arqam_normalize::{Token, TokenKind};

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
                while toks.get(j).is_some_and(|t| t.kind == TokenKind::Punct && is_quote(&t.key)) {
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

fn is_quote(s: &str) -> bool {
    matches!(s, "\"" | "“" | "”" | "«" | "»" | "'")
}

fn is_open_quote(s: &str) -> bool {
    matches!(s, "\"" | "“" | "«")
}

fn is_close_quote(s: &str) -> bool {
    matches!(s, "\"" | "”" | "»")
}

/// Carries attribution state through a document.
pub struct Attributor<'a> {
    lex: &'a Lexicon,
    last_speaker: Option<Claim>,
    open_quote: Option<Claim>,
    known_names: Vec<(String, Claim)>,
    /// The actor named last (as a claim), for possessive cues (`بياناتها`).
    last_actor: Option<Claim>,
}

/// Endings of statement nouns that carry a possessive pronoun (`بياناتها`, `روايته`,
/// `تصريحاتهم`), as match keys.
const STATEMENT_SUFFIXES: &[&str] = &["ها", "ه", "هم", "هن", "هما"];

/// A token that opens a complement clause or a quotation: the subject of a verb of saying
/// is not looked for past it.
fn is_clause_start(t: &Token) -> bool {
    match t.kind {
        TokenKind::Word => matches!(t.key.as_str(), "ان" | "بان" | "انه" | "انها" | "انهم" | "بانه" | "بانها"),
        // Straight quotes also wrap names (`"قسد"`), so only curly ones and `:` count.
        TokenKind::Punct => matches!(t.key.as_str(), ":" | "“" | "«"),
        _ => false,
    }
}

impl<'a> Attributor<'a> {
    pub fn new(lex: &'a Lexicon) -> Self {
        Attributor { lex, last_speaker: None, open_quote: None, known_names: Vec::new(), last_actor: None }
    }

    fn cue_at(&self, toks: &[Token], k: usize) -> Option<(usize, &arqam_lexicon::Cue)> {
        let t = toks.get(k)?;
        if t.kind != TokenKind::Word {
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

    /// A claimant named at token `k`: an actor alias, a title with its name, an unnamed
    /// source, or a name met before.
    fn subject_at(&self, text: &str, toks: &[Token], k: usize) -> Option<Claim> {
        self.subject_at_with(text, toks, k, false)
    }

    /// `after_preposition`: the cue ends in a preposition (`وفقا لـ`), so an actor glued to
    /// `لـ` is its object, not an addressee.
    fn subject_at_with(&self, text: &str, toks: &[Token], k: usize, after_preposition: bool) -> Option<Claim> {
        let t = toks.get(k)?;
        if t.kind != TokenKind::Word {
            return None;
        }
        if let Some((_, cue)) = self.cue_at(toks, k) {
            if cue.kind == CueKind::Title || cue.kind == CueKind::Unnamed {
                let name = if cue.kind == CueKind::Title { name_after(text, toks, k + 1) } else { None };
                return Some(Claim::new(cue.claimant.clone(), name));
            }
        }
        if let Some((idx, n)) = match_actor_at(toks, k, self.lex) {
            // `قال لـ"نون بوست"`, `صرح للجزيرة`: after `لـ` the actor is the addressee.
            let prev_word = (0..k).rev().find(|&j| toks[j].kind == TokenKind::Word);
            let addressee = prev_word.is_some_and(|j| toks[j].key == "ل" && k - j <= 2) || (t.key.starts_with('ل') && !self.lex.is_alias_first_word(&t.key));
            if addressee && !after_preposition {
                return None;
            }
            let a = &self.lex.actors[idx];
            let surface = &text[toks[k].span.start..toks[k + n - 1].span.end];
            let claimant = if a.actor_type == "media" { format!("media:{}", a.actor_id) } else { a.actor_id.clone() };
            return Some(Claim::new(claimant, Some(surface.to_string())));
        }
        let key = stems(&t.key).into_iter().map(|(_, s)| s.to_string()).collect::<Vec<_>>();
        self.known_names.iter().find(|(n, _)| key.contains(n)).map(|(_, c)| c.clone())
    }

    /// Finds the cues and quotations of a sentence and updates the speaker state.
    pub fn scan_sentence(&mut self, text: &str, st: &SentenceTokens) -> SentenceScope {
        let toks = &st.tokens;
        let mut scope = SentenceScope::default();
        // A quotation still open from an earlier sentence.
        if let Some(claim) = self.open_quote.clone() {
            let close = toks.iter().position(|t| t.kind == TokenKind::Punct && is_close_quote(&t.key));
            let end = close.unwrap_or(toks.len().saturating_sub(1));
            scope.quotes.push((0, end, claim));
            if close.is_some() {
                self.open_quote = None;
            }
        }
        // Actors named in the sentence, so a possessive cue sees those before it.
        let named: Vec<(usize, Claim)> = st
            .actors
            .iter()
            .map(|&(j, idx, n)| {
                let a = &self.lex.actors[idx];
                let claimant = if a.actor_type == "media" { format!("media:{}", a.actor_id) } else { a.actor_id.clone() };
                (j, Claim::new(claimant, Some(text[toks[j].span.start..toks[j + n - 1].span.end].to_string())))
            })
            .collect();
        scope.clause_marks = (0..toks.len()).filter(|&j| toks[j].kind == TokenKind::Punct && matches!(toks[j].key.as_str(), "،" | "؛" | ";")).collect();
        // The next closing quote at or after each token, computed once (linear).
        let mut next_close: Vec<Option<usize>> = vec![None; toks.len() + 1];
        for j in (0..toks.len()).rev() {
            next_close[j] = if toks[j].kind == TokenKind::Punct && is_close_quote(&toks[j].key) { Some(j) } else { next_close[j + 1] };
        }
        let mut k = 0;
        while k < toks.len() {
            let Some((len, cue)) = self.cue_at(toks, k) else {
                k += 1;
                continue;
            };
            let cue = cue.clone();
            let cue_text = text[toks[k].span.start..toks[k + len - 1].span.end].to_string();
            let mut claim = match cue.kind {
                CueKind::Title => {
                    let name = name_after(text, toks, k + 1);
                    let c = Claim::new(cue.claimant.clone(), name.clone());
                    if let Some(n) = name {
                        // Bounded: the names of the last few titled speakers are enough.
                        if self.known_names.len() > 64 {
                            self.known_names.drain(..self.known_names.len() - 32);
                        }
                        for w in n.split_whitespace() {
                            let key = arqam_normalize::fold_key(w);
                            if key.chars().count() >= 4 {
                                self.known_names.push((key.trim_start_matches("ال").to_string(), c.clone()));
                                self.known_names.push((key, c.clone()));
                            }
                        }
                    }
                    k += len;
                    continue;
                }
                CueKind::Unnamed => Some(Claim::new(cue.claimant.clone(), None)),
                CueKind::Verb | CueKind::Continuation | CueKind::Relay | CueKind::Denial => {
                    // The subject follows the verb before its complement clause (`أن …`),
                    // a colon or a quotation begins.
                    let stop = (k + len..toks.len()).find(|&j| is_clause_start(&toks[j])).unwrap_or(toks.len());
                    let after = (k + len..stop.min(k + len + 7)).find_map(|j| self.subject_at(text, toks, j));
                    let before = || (k.saturating_sub(10)..k).rev().find_map(|j| self.subject_at(text, toks, j));
                    after.or_else(before).or_else(|| self.last_speaker.clone())
                }
                CueKind::Preposition | CueKind::Nominal => {
                    // A cue ending in a preposition (`وفقا ل`) has its object glued to it.
                    let from = if len > 1 { k + len - 1 } else { k + len };
                    let explicit = (from..toks.len().min(k + len + 5)).find_map(|j| self.subject_at_with(text, toks, j, true));
                    // `بحسب بياناتها`, `روايته`: a statement noun with a possessive pronoun is
                    // the statement of the actor named last.
                    let possessive = || {
                        let noun = toks.get(k + len - 1 + usize::from(cue.kind == CueKind::Preposition))?;
                        // On the surface: in the key, taa marbuta is folded to `ه` too.
                        let surface = &text[noun.span.start..noun.span.end];
                        let own = noun.kind == TokenKind::Word && STATEMENT_SUFFIXES.iter().any(|suf| surface.ends_with(suf)) && noun.key.chars().count() > 4;
                        if !own {
                            return None;
                        }
                        named.iter().rev().find(|(j, _)| *j < k).map(|(_, c)| c.clone()).or_else(|| self.last_actor.clone())
                    };
                    explicit.or_else(possessive)
                }
            };
            if let Some(c) = claim.as_mut() {
                c.cue = Some(cue_text);
                c.denial = cue.kind == CueKind::Denial;
                // `نقلت وكالة أعماق عن مصادر …`: the claim is the source's, relayed by the
                // outlet.
                if cue.kind == CueKind::Relay {
                    let stop = (k + len..toks.len()).find(|&j| is_clause_start(&toks[j])).unwrap_or(toks.len());
                    let from = (k + len..stop.min(k + len + 10)).find(|&j| toks[j].kind == TokenKind::Word && toks[j].key == "عن");
                    if let Some(original) = from.and_then(|f| (f + 1..stop.min(f + 5)).find_map(|j| self.subject_at(text, toks, j))) {
                        let outlet = c.claimant.clone();
                        let cue = c.cue.take();
                        *c = Claim { relayed_by: Some(outlet), cue, ..original };
                    }
                }
                // A claim reported inside a quotation does not change who is speaking.
                let quoted = scope.quotes.iter().any(|(a, b, _)| *a <= k && k <= *b);
                if c.claimant != "sources" && !quoted {
                    self.last_speaker = Some(c.clone());
                }
                // A quotation opened shortly after a verb of saying is the speaker's.
                // A quoted name (`"نون بوست"`) is skipped: speech is longer than four tokens.
                if matches!(cue.kind, CueKind::Verb | CueKind::Continuation | CueKind::Denial) {
                    let mut j = k + len;
                    while j < toks.len().min(k + len + 16) {
                        if !(toks[j].kind == TokenKind::Punct && is_open_quote(&toks[j].key)) {
                            j += 1;
                            continue;
                        }
                        let close = next_close[j + 1];
                        if close.is_some_and(|e| e - j <= 4) {
                            j = close.unwrap_or(j) + 1;
                            continue;
                        }
                        let end = close.unwrap_or(toks.len().saturating_sub(1));
                        scope.quotes.push((j, end, c.clone()));
                        if close.is_none() {
                            self.open_quote = Some(c.clone());
                        }
                        break;
                    }
                }
                scope.cues.push(FoundCue { token: k, claim: c.clone(), kind: cue.kind });
            }
            k += len;
        }
        for (_, c) in named {
            if let Some(a) = self.lex.actor(c.claimant.trim_start_matches("media:")) {
                if !a.group.is_empty() {
                    scope.named_groups.push(a.group.clone());
                }
            }
            self.last_actor = Some(c);
        }
        scope
    }

    /// The claimants of the cues of a scanned sentence (speakers are not their own
    /// captives or attackers).
    pub fn speakers(scope: &SentenceScope) -> Vec<String> {
        scope.cues.iter().map(|c| c.claim.claimant.clone()).collect()
    }

    /// The claim for a figure spanning tokens `first..=last` of the scanned sentence.
    pub fn claimant_for(&self, scope: &SentenceScope, first: usize, last: usize) -> Claim {
        if let Some((_, _, c)) = scope.quotes.iter().find(|(a, b, _)| *a <= first && last <= *b) {
            return c.clone();
        }
        // Cues are in token order: the nearest one before the figure by binary search.
        let before = scope.cues.partition_point(|c| c.token < first);
        if let Some(c) = before.checked_sub(1).map(|i| &scope.cues[i]) {
            return c.claim.clone();
        }
        // A cue after the figure (`…، بحسب المرصد`) covers its own clause: no clause mark
        // between them.
        // Set off by a comma at the end (`…، بحسب المرصد`) it covers the whole sentence;
        // without one it covers only its clause.
        if let Some(c) = scope.cues.iter().find(|c| c.token > last && matches!(c.kind, CueKind::Preposition | CueKind::Verb | CueKind::Nominal)) {
            let set_off = c.token > 0 && scope.clause_marks.contains(&(c.token - 1));
            if set_off || !scope.clause_marks.iter().any(|&j| j > last && j < c.token) {
                return c.claim.clone();
            }
        }
        Claim::author()
    }
}

/// Up to three words of a name after a title, stopping at punctuation or a cue.
fn name_after(text: &str, toks: &[Token], k: usize) -> Option<String> {
    let mut end = None;
    for (n, j) in (k..toks.len()).enumerate() {
        if n >= 3 || toks[j].kind != TokenKind::Word || matches!(toks[j].key.as_str(), "قال" | "من" | "في" | "خلال") {
            break;
        }
        end = Some(j);
    }
    end.map(|e| text[toks[k].span.start..toks[e].span.end].to_string())
}
