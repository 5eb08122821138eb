//! Facts about one sentence that every figure in it reads: where a camp or prison is named
//! (people counted later in the sentence may be housed there), and where a distribution
//! head opens a list whose numbers share its event (`توزعت حالات الاعتقال على المدن:
//! 31 في حمص، و9 في إدلب` counts arrests, whatever the items' own nouns say).
//!
//! Each kind is found once per sentence, in token order, when a figure of the sentence
//! first asks for it (most figures are decided by their own noun or event and never ask):
//! containers up to the figure that asks, distribution heads all at once. A figure then
//! reads them by binary search instead of scanning back over the sentence.

use std::cell::{OnceCell, RefCell};

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

/// The containers and distribution heads of one sentence, by token index, in order: a
/// cache filled on first use (see [`Frames`]).
#[derive(Debug, Clone, Default)]
pub struct SentenceFrames {
    containers: RefCell<ContainerScan>,
    distributions: OnceCell<Vec<(usize, Measure)>>,
}

/// The containers found in the tokens `lo..to` read so far: each token is read once, and
/// none past the last figure that asked or further back than a figure reaches.
#[derive(Debug, Clone, Default)]
struct ContainerScan {
    lo: usize,
    to: usize,
    found: Vec<(usize, Measure)>,
}

impl ContainerScan {
    /// Extends the tokens read to cover `from..end`, with `read` telling a container.
    fn cover(&mut self, from: usize, end: usize, read: impl Fn(usize) -> Option<Measure>) {
        if self.lo == self.to {
            (self.lo, self.to) = (from, from);
        }
        if from < self.lo {
            let earlier: Vec<(usize, Measure)> = (from..self.lo).filter_map(|k| read(k).map(|m| (k, m))).collect();
            self.found.splice(0..0, earlier);
            self.lo = from;
        }
        while self.to < end {
            if let Some(m) = read(self.to) {
                self.found.push((self.to, m));
            }
            self.to += 1;
        }
    }
}

/// A sentence's frames as a figure reads them: the cache with the tokens and words it is
/// filled from. `names` are the names the document gave its camps and prisons (`في الهول`
/// is a camp).
pub(super) struct Frames<'a> {
    pub cache: &'a SentenceFrames,
    pub toks: &'a [Token],
    pub lex: &'a Lexicon,
    pub names: &'a [(String, Measure)],
}

impl Frames<'_> {
    fn distributions(&self) -> &[(usize, Measure)] {
        self.cache.distributions.get_or_init(|| {
            let heads = (0..self.toks.len()).filter(|&k| {
                self.toks[k].kind == TokenKind::Word && stems(&self.toks[k].key).iter().any(|(_, s)| self.lex.noun_context.is(s, NounRole::Distribution))
            });
            heads.filter_map(|k| distributed_event(self.toks, k, self.lex).map(|m| (k, m))).collect()
        })
    }

    /// The measure of the people in the nearest container named before token `first`,
    /// within [`CONTAINER_REACH`] tokens.
    pub fn container_before(&self, first: usize) -> Option<Measure> {
        self.nearest_container_before(first).map(|(_, m)| m)
    }

    /// The nearest container named before token `end` (within [`CONTAINER_REACH`]
    /// tokens), with its token.
    pub fn nearest_container_before(&self, end: usize) -> Option<(usize, Measure)> {
        let end = end.min(self.toks.len());
        let from = end.saturating_sub(CONTAINER_REACH);
        let mut scan = self.cache.containers.borrow_mut();
        scan.cover(from, end, |k| (self.toks[k].kind == TokenKind::Word).then(|| container_at(self.toks, k, self.lex, self.names)).flatten());
        let i = scan.found.partition_point(|(k, _)| *k < end);
        scan.found[..i].last().copied().filter(|(k, _)| *k >= from)
    }

    /// The event a distribution head before token `first` shares with the numbers under it.
    pub fn distributed_before(&self, first: usize) -> Option<Measure> {
        let distributions = self.distributions();
        let i = distributions.partition_point(|(k, _)| *k < first);
        distributions[..i].last().map(|(_, m)| *m)
    }
}

/// Whether token `k` names a container: a camp or prison noun (with its holder's pronoun
/// or tanween: `سجونها`, `مخيمًا`), or a name the document gave one.
pub(super) fn container_at(toks: &[Token], k: usize, lex: &Lexicon, names: &[(String, Measure)]) -> Option<Measure> {
    let key = toks[k].key.as_str();
    let named = || {
        let name = name_key(key);
        names.iter().find(|(n, _)| n == name).map(|(_, m)| *m)
    };
    // A key without the pronoun or the alef is the key itself (most words): not asked twice.
    let mut shorter = [strip_possessive(key), key.strip_suffix('ا').unwrap_or(key)].into_iter().filter(|k| k.len() < key.len());
    lex.container(key).or_else(|| shorter.find_map(|k| lex.container(k))).or_else(named)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Containers at tokens 3 and 70 of a 100-token sentence.
    fn read(k: usize) -> Option<Measure> {
        matches!(k, 3 | 70).then_some(Measure::CampResidents)
    }

    #[test]
    fn a_scan_reads_each_token_once_whatever_order_the_figures_ask_in() {
        let mut scan = ContainerScan::default();
        scan.cover(40, 100, read);
        assert_eq!(scan.found, vec![(70, Measure::CampResidents)]);
        // An earlier window asked later (a figure's noun end, then its first token).
        scan.cover(0, 60, read);
        assert_eq!(scan.found, vec![(3, Measure::CampResidents), (70, Measure::CampResidents)]);
        assert_eq!((scan.lo, scan.to), (0, 100));
    }
}
