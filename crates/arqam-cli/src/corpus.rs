//! `arqam corpus`: a realistic corpus of any size, for benchmarks, built from the seeds and
//! the extraction fixtures. Deterministic for a given seed: paragraphs are shuffled across
//! documents, numbers are re-drawn and written in ASCII, Arabic-Indic or Extended
//! Arabic-Indic digits, and files vary as real ones do: UTF-8, UTF-8 with BOM, CRLF line
//! ends, Windows-1256; article style or PDF-extracted style (the seed's own lines).

use std::path::Path;

use anyhow::{Context, Result};

/// splitmix64: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Re-draws every digit run (keeping its length) in one of the three digit scripts.
fn redraw_numbers(text: &str, rng: &mut Rng) -> String {
    let zero = ['0', '\u{0660}', '\u{06F0}'][rng.below(3)];
    let mut out = String::with_capacity(text.len());
    let mut first = true;
    for c in text.chars() {
        if c.is_ascii_digit() {
            let d = if first { 1 + rng.below(9) } else { rng.below(10) } as u32;
            out.push(char::from_u32(zero as u32 + d).unwrap_or(c));
            first = false;
        } else {
            first = true;
            out.push(c);
        }
    }
    out
}

/// Writes `size_mb` megabytes of documents to `out`, from the texts in `sources`.
pub fn generate(sources: &[String], out: &Path, size_mb: u64, seed: u64) -> Result<(usize, u64)> {
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let mut article_paras: Vec<&str> = Vec::new();
    let mut pdf_lines: Vec<&str> = Vec::new();
    for s in sources {
        let pdf_like = s.lines().filter(|l| l.contains("   ")).count() * 5 > s.lines().count();
        if pdf_like {
            pdf_lines.extend(s.lines().filter(|l| !l.trim().is_empty()));
        } else {
            article_paras.extend(s.split("\n\n").map(str::trim).filter(|p| !p.is_empty()));
        }
    }
    anyhow::ensure!(!article_paras.is_empty(), "no source text to build a corpus from");
    let mut rng = Rng(seed);
    let target = size_mb * 1024 * 1024;
    let (mut written, mut n) = (0u64, 0usize);
    while written < target {
        let pdf = !pdf_lines.is_empty() && rng.below(4) == 0;
        let mut text = String::new();
        if pdf {
            let start = rng.below(pdf_lines.len());
            for i in 0..(40 + rng.below(80)) {
                text.push_str(pdf_lines[(start + i) % pdf_lines.len()]);
                text.push('\n');
            }
        } else {
            text.push_str(&format!("# تقرير رقم {}\n\n", n + 1));
            for _ in 0..(5 + rng.below(20)) {
                text.push_str(article_paras[rng.below(article_paras.len())]);
                text.push_str("\n\n");
            }
        }
        let text = redraw_numbers(&text, &mut rng);
        let bytes: Vec<u8> = match rng.below(6) {
            0 => [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
            1 => text.replace('\n', "\r\n").into_bytes(),
            2 => encoding_rs::WINDOWS_1256.encode(&text).0.into_owned(),
            _ => text.into_bytes(),
        };
        let path = out.join(format!("doc_{n:07}.txt"));
        std::fs::write(&path, &bytes).with_context(|| format!("writing {}", path.display()))?;
        written += bytes.len() as u64;
        n += 1;
    }
    Ok((n, written))
}
