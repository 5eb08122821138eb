//! Figures on their way out of the extractor, in text order, handed on as soon as nothing
//! later can change them, so a large document's figures are never all in memory (issue
//! 18: a table-like report can state a figure every few dozen bytes).
//!
//! Two things still look at figures already made:
//! - the figure rules read the last few figures (a list head, the referent of `العدد`, a
//!   noun told before: at most 8 back), so the last [`LOOKBACK`] stay here;
//! - a headline figure the author states takes the claim of the first body figure of the
//!   same value ([`attribution::claim_key`]), which can come later: such a
//!   figure waits, and the figures after it, until that body figure is read, the
//!   document ends, or [`HOLD_LIMIT`] figures wait (it then keeps the author).

use std::collections::HashMap;

use arqam_model::Figure;

use crate::attribution;

/// Figures kept for the rules that read earlier figures (they read at most 8).
pub const LOOKBACK: usize = 16;

/// Figures kept behind a headline figure that waits for its body claim: beyond this
/// many the headline figure is handed on as it is (the author's).
pub const HOLD_LIMIT: usize = 4096;

/// Distinct values whose first body claim is remembered for headline figures.
const CLAIMS_LIMIT: usize = 1 << 16;

/// Figures not handed on yet, and what headline figures may take from body figures.
pub struct FigureQueue<'e, H: Fn(usize) -> bool> {
    /// The display text the figures' spans point into, handed on with each.
    text: &'e str,
    waiting: Vec<Figure>,
    /// The claim of the first body figure (not the author's) of each value.
    body_claims: HashMap<Option<u64>, attribution::BodyClaim>,
    in_headline: H,
    emit: &'e mut dyn FnMut(&str, Figure),
    handed_on: usize,
}

impl<'e, H: Fn(usize) -> bool> FigureQueue<'e, H> {
    /// A queue handing the figures of `text` to `emit`; `in_headline` tells a headline
    /// sentence by id.
    pub fn new(text: &'e str, in_headline: H, emit: &'e mut dyn FnMut(&str, Figure)) -> Self {
        FigureQueue { text, waiting: Vec::new(), body_claims: HashMap::new(), in_headline, emit, handed_on: 0 }
    }

    /// The figures not handed on yet, the last of them the latest: at least the last
    /// [`LOOKBACK`] made.
    pub fn recent(&self) -> &[Figure] {
        &self.waiting
    }

    /// Adds the next figure in text order.
    pub fn push(&mut self, f: Figure) {
        if !(self.in_headline)(f.sentence_id) && f.claimant != "author" && self.body_claims.len() < CLAIMS_LIMIT {
            self.body_claims.entry(attribution::claim_key(&f)).or_insert_with(|| attribution::BodyClaim::of(&f));
        }
        self.waiting.push(f);
        // Handed on in runs, so the waiting figures are moved rarely.
        if self.waiting.len() >= LOOKBACK + 64 {
            self.hand_on(false);
        }
    }

    /// Hands on every figure that nothing can change any more; with `all`, every figure.
    fn hand_on(&mut self, all: bool) {
        let keep = if all { 0 } else { LOOKBACK };
        let force = all || self.waiting.len() > HOLD_LIMIT;
        let mut n = 0;
        while n + keep < self.waiting.len() {
            let f = &mut self.waiting[n];
            if (self.in_headline)(f.sentence_id) && f.claimant == "author" {
                match self.body_claims.get(&attribution::claim_key(f)) {
                    Some(claim) => claim.apply_to(f),
                    None if !force => break,
                    None => {}
                }
            }
            n += 1;
        }
        self.handed_on += n;
        for f in self.waiting.drain(..n) {
            (self.emit)(self.text, f);
        }
    }

    /// Hands on the figures still waiting; returns how many figures were made.
    pub fn finish(mut self) -> usize {
        self.hand_on(true);
        self.handed_on
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arqam_model::{Measure, Qualifier, Span};

    fn figure(sentence_id: usize, value: f64, claimant: &str) -> Figure {
        Figure {
            sentence_id,
            span: Span::new(sentence_id * 10, sentence_id * 10 + 2),
            surface: "12".into(),
            value_low: Some(value),
            value_high: Some(value),
            qualifier: Qualifier::ALL[0],
            unit: None,
            unit_en: None,
            measure: Measure::ALL[0],
            actor: None,
            claimant: claimant.into(),
            claimant_name: None,
            attribution_cue: None,
            relayed_by: None,
            denial: false,
            footnotes: Vec::new(),
            confidence: 1.0,
            as_of: None,
            as_of_source: None,
        }
    }

    /// Runs `figures` (sentence 0 is the headline) through a queue; returns them as handed
    /// on and how many were handed on before the last was pushed.
    fn run(figures: Vec<Figure>) -> (Vec<Figure>, usize) {
        let mut out = Vec::new();
        let mut before_last = 0;
        {
            let mut emit = |_: &str, f: Figure| out.push(f);
            let mut q = FigureQueue::new("", |sid| sid == 0, &mut emit);
            let n = figures.len();
            for (i, f) in figures.into_iter().enumerate() {
                if i + 1 == n {
                    before_last = q.handed_on;
                }
                q.push(f);
            }
            assert_eq!(q.finish(), n);
        }
        (out, before_last)
    }

    #[test]
    fn a_headline_figure_waits_for_the_body_figure_that_claims_it_and_order_is_kept() {
        let mut figures = vec![figure(0, 12.0, "author")];
        figures.extend((1..200).map(|i| figure(i, 1000.0 + i as f64, "author")));
        figures.push(figure(200, 12.0, "sdf"));
        let (out, before_last) = run(figures);
        assert_eq!(before_last, 0, "nothing passes the waiting headline figure");
        assert_eq!(out[0].claimant, "sdf");
        assert!(out.windows(2).all(|w| w[0].sentence_id < w[1].sentence_id));
    }

    #[test]
    fn without_a_headline_figure_waiting_figures_go_out_as_they_come() {
        let (out, before_last) = run((1..500).map(|i| figure(i, i as f64, "author")).collect());
        assert_eq!(out.len(), 499);
        assert!(before_last >= 499 - LOOKBACK - 64, "{before_last} handed on early");
    }

    #[test]
    fn a_headline_figure_no_body_figure_claims_keeps_the_author_past_the_hold_limit() {
        let mut figures = vec![figure(0, 12.0, "author")];
        figures.extend((1..HOLD_LIMIT + 200).map(|i| figure(i, 1e6 + i as f64, "author")));
        let (out, before_last) = run(figures);
        assert!(before_last > 0, "held past the limit");
        assert_eq!(out[0].claimant, "author");
        assert_eq!(out.len(), HOLD_LIMIT + 200);
    }
}
