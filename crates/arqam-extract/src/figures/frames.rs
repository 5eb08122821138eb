//! Facts about one sentence that every figure in it reads: where a camp or prison is named
//! (people counted later in the sentence may be housed there), and where a distribution
//! head opens a list whose numbers share its event (`توزعت حالات الاعتقال على المحافظات:
//! 74 في درعا، و20 في حلب` counts arrests, whatever the items' own nouns say).
//!
//! Found once per sentence, in token order, so a figure reads them by binary search
//! instead of scanning back over the sentence.

use arqam_lexicon::{stems, Lexicon, NounRole};
use arqam_model::Measure;
use arqam_normalize::{Token, TokenKind};

use super::{counts_people, name_key, strip_possessive};

/// How many tokens back a container still houses the people a figure counts: the clause
/// before and the one before it, not a prison named at the top of a long PDF paragraph.
const CONTAINER_REACH: usize = 60;

/// How many words after a distribution word its event may stand (`توزع عدد حالات
/// الاعتقال`).
const DISTRIBUTED_EVENT_REACH: usize = 4;

/// Containers and distribution heads of a sentence, by token index, in order.
#[derive(Debug, Clone, Default)]
pub struct SentenceFrames {
    containers: Vec<(usize, Measure)>,
    distributions: Vec<(usize, Measure)>,
}

impl SentenceFrames {
    /// Reads a sentence's tokens once. `names` are the names the document gave its camps
    /// and prisons (`في الهول` is a camp).
    pub fn of(toks: &[Token], lex: &Lexicon, names: &[(String, Measure)]) -> SentenceFrames {
        let mut frames = SentenceFrames::default();
        for (k, t) in toks.iter().enumerate().filter(|(_, t)| t.kind == TokenKind::Word) {
            if let Some(m) = container_at(toks, k, lex, names) {
                frames.containers.push((k, m));
            }
            if stems(&t.key).iter().any(|(_, s)| lex.noun_context.is(s, NounRole::Distribution)) {
                if let Some(m) = distributed_event(toks, k, lex) {
                    frames.distributions.push((k, m));
                }
            }
        }
        frames
    }

    /// The measure of the people in the nearest container named before token `first`,
    /// within [`CONTAINER_REACH`] tokens.
    pub fn container_before(&self, first: usize) -> Option<Measure> {
        let (k, m) = self.nearest_container_before(first)?;
        (first - k <= CONTAINER_REACH).then_some(m)
    }

    /// The nearest container named before token `end`, with its token, at any distance.
    pub fn nearest_container_before(&self, end: usize) -> Option<(usize, Measure)> {
        let i = self.containers.partition_point(|(k, _)| *k < end);
        self.containers[..i].last().copied()
    }

    /// The event a distribution head before token `first` shares with the numbers under it.
    pub fn distributed_before(&self, first: usize) -> Option<Measure> {
        let i = self.distributions.partition_point(|(k, _)| *k < first);
        self.distributions[..i].last().map(|(_, m)| *m)
    }
}

/// Whether token `k` names a container: a camp or prison noun (with its holder's pronoun
/// or tanween: `سجونها`, `مخيمًا`), or a name the document gave one.
pub(super) fn container_at(toks: &[Token], k: usize, lex: &Lexicon, names: &[(String, Measure)]) -> Option<Measure> {
    let key = toks[k].key.as_str();
    let named = || names.iter().find(|(n, _)| n == name_key(key)).map(|(_, m)| *m);
    [key, strip_possessive(key), key.strip_suffix('ا').unwrap_or(key)].into_iter().find_map(|k| lex.container(k)).or_else(named)
}

/// The event a distribution word names in the few words after it: an event word (`توزع
/// حالات الاعتقال`) or an outcome noun (`توزع عدد القتلى`), of people.
fn distributed_event(toks: &[Token], k: usize, lex: &Lexicon) -> Option<Measure> {
    let words = (k + 1..toks.len()).filter(|&j| toks[j].kind == TokenKind::Word).take(DISTRIBUTED_EVENT_REACH);
    words
        .filter_map(|j| {
            let key = &toks[j].key;
            lex.event(key).or_else(|| lex.unit(key).filter(|(u, _)| u.is_person()).and_then(|(u, _)| Measure::parse(&u.measure)))
        })
        .find(|m| counts_people(*m) && *m != Measure::Other)
}
