//! A count of inner-loop steps, per thread, so tests can check that work grows linearly
//! with the input without timing anything (issue 18: time on a shared machine flakes).
//!
//! The scans that could turn super-linear call [`step`] once per step: lexicon lookups
//! (every per-token question the extractor asks), the PDF repair's word checks. A step is
//! one add to a thread-local cell: nothing next to the lookup it counts.

use std::cell::Cell;

thread_local! {
    static STEPS: Cell<u64> = const { Cell::new(0) };
}

/// Counts one step of work on this thread.
#[inline]
pub fn step() {
    STEPS.with(|c| c.set(c.get().wrapping_add(1)));
}

/// Steps counted on this thread so far.
pub fn steps() -> u64 {
    STEPS.with(Cell::get)
}

#[cfg(test)]
mod tests {
    #[test]
    fn steps_count_on_their_own_thread() {
        let before = super::steps();
        super::step();
        super::step();
        assert_eq!(super::steps() - before, 2);
        let other = std::thread::spawn(super::steps).join().unwrap();
        assert_eq!(other, 0);
    }
}
