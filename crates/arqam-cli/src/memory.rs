//! How much memory a run may use, so that one document too large for it is rejected alone
//! instead of the whole run dying on an allocation failure (issue 18).
//!
//! Reading one document costs a multiple of its size (the display text, its sentences and
//! figures, the Parquet copies of the text as it is written): [`BYTES_PER_INPUT_BYTE`] is
//! the worst case measured (peak RSS over the run's baseline, divided by the file size): a
//! single line without punctuation with a figure every 64 bytes, four times as dense in
//! figures as real reporting. Two documents can be in flight at once, one per core.

use std::path::Path;

/// Peak memory per byte of one document, measured (docs/decisions.md, "Memory, bounded"):
/// 3.5× for text as dense in figures as real news and 4.3× for PDF text without
/// punctuation (`tests/memory.rs` holds them under 5×), 5.9× for a line with a figure
/// every 40 bytes; with room for the allocator and a margin.
pub const BYTES_PER_INPUT_BYTE: u64 = 8;

/// Memory this process may still use: the smaller of the system's available memory and
/// the cgroup's limit less its usage (containers), when they can be read.
pub fn available() -> Option<u64> {
    let meminfo = std::fs::read_to_string("/proc/meminfo").ok().and_then(|t| {
        t.lines().find_map(|l| l.strip_prefix("MemAvailable:").and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok()).map(|kb| kb * 1024))
    });
    let cgroup = cgroup_room(Path::new("/sys/fs/cgroup/memory.max"), Path::new("/sys/fs/cgroup/memory.current"))
        .or_else(|| cgroup_room(Path::new("/sys/fs/cgroup/memory/memory.limit_in_bytes"), Path::new("/sys/fs/cgroup/memory/memory.usage_in_bytes")));
    match (meminfo, cgroup) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn cgroup_room(limit: &Path, usage: &Path) -> Option<u64> {
    let limit: u64 = std::fs::read_to_string(limit).ok()?.trim().parse().ok()?;
    let usage: u64 = std::fs::read_to_string(usage).ok()?.trim().parse().ok()?;
    Some(limit.saturating_sub(usage))
}

/// The largest document (bytes on disk) that fits in `budget` bytes of memory with another
/// document in flight beside it.
pub fn largest_document(budget: u64) -> u64 {
    budget / 2 / BYTES_PER_INPUT_BYTE
}
