//! Text extracted from PDFs: reading-order repair, footnote bodies and markers.
//!
//! Extractors emit each line of an Arabic PDF as text *runs* in visual (left-to-right)
//! order, separated by wide gaps where the justified layout put space. Inside a run the
//! letters are in logical order, but a number at the run's visual left edge is its
//! logical *end* (numbers are left-to-right islands in right-to-left text). The repair
//! follows that evidence only:
//!
//! 1. split a line into runs at gaps of two or more spaces;
//! 2. put the runs back in logical order (reverse them);
//! 3. move a number glued to the start of a run to the run's end
//!    (`200هاجمي سجن … حوالي` → `هاجمي سجن … حوالي 200`);
//! 4. rejoin a lone letter split off by a dropped diacritic to the word it belongs to
//!    (`م هاجمي` → `مهاجمي`), never the one-letter word `و`.
//!
//! Footnote markers are found afterwards as the rising sequence 1, 2, 3 … of small
//! numbers through the body ([`find_markers`]), so a count such as `200` is never a marker.

use arqam_model::{Block, BlockKind, Diagnostic, DocMeta, FootnoteBody, FootnoteMarker, Span, Stage};
use arqam_normalize::{is_arabic_letter, is_digit, tokenize, TokenKind};

use crate::{Parsed, RawBlock};

/// A digit directly touching an Arabic letter (`200هاجمي`, `؛1عن` is punctuation).
pub fn has_glued_digit(line: &str) -> bool {
    let chars: Vec<char> = line.chars().collect();
    chars.windows(2).any(|w| (is_digit(w[0]) && is_arabic_letter(w[1])) || (is_arabic_letter(w[0]) && is_digit(w[1])))
}

fn has_rtl(s: &str) -> bool {
    s.chars().any(is_arabic_letter)
}

/// Splits a line into runs at gaps of two or more spaces.
fn runs(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b' ' {
            let mut j = i;
            while j < bytes.len() && bytes[j] == b' ' {
                j += 1;
            }
            if j - i >= 2 {
                if !line[start..i].trim().is_empty() {
                    out.push(line[start..i].trim());
                }
                start = j;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    if !line[start..].trim().is_empty() {
        out.push(line[start..].trim());
    }
    out
}

/// Moves a number at the start of an Arabic run to its logical end.
fn move_leading_number(run: &str) -> String {
    let lead: String = run.chars().take_while(|c| is_digit(*c) || matches!(c, '/' | '.' | ',' | '٫' | '٬')).collect();
    let digits = lead.trim_end_matches(['/', '.', ',', '٫', '٬']);
    if digits.is_empty() || !digits.chars().next().is_some_and(is_digit) {
        return run.to_string();
    }
    let rest = &run[digits.len()..];
    if !has_rtl(rest) {
        return run.to_string();
    }
    format!("{} {}", rest.trim(), digits)
}

/// Rejoins a lone Arabic letter (not `و`) to the following word.
fn join_lone_letters(s: &str) -> String {
    let words: Vec<&str> = s.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut k = 0;
    while k < words.len() {
        let w = words[k];
        let single = w.chars().count() == 1 && w.chars().all(is_arabic_letter) && w != "و";
        if single && k + 1 < words.len() && words[k + 1].chars().next().is_some_and(is_arabic_letter) {
            out.push(format!("{}{}", w, words[k + 1]));
            k += 2;
            continue;
        }
        out.push(w.to_string());
        k += 1;
    }
    out.join(" ")
}

/// The repaired logical form of one extracted line, and whether it changed.
pub fn repair_line(line: &str) -> (String, bool) {
    let rs = runs(line);
    let original = rs.join(" ");
    let mut parts: Vec<String> = if rs.len() > 1 && has_rtl(line) {
        rs.iter().rev().map(|r| move_leading_number(r)).collect()
    } else {
        rs.iter().map(|r| move_leading_number(r)).collect()
    };
    parts.retain(|p| !p.is_empty());
    let repaired = join_lone_letters(&parts.join(" "));
    let changed = repaired != original;
    (repaired, changed)
}

/// `d/m/yyyy` anywhere in the text.
fn has_numeric_date(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    chars.windows(3).any(|w| w[0].is_ascii_digit() && w[1] == '/' && w[2].is_ascii_digit()) && s.matches('/').count() >= 2
}

/// A line that reads as a reference: it starts with a footnote number and carries a
/// Latin-script citation or a numeric date.
fn is_footnote_start(line: &str) -> bool {
    let t = line.trim_start();
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() || digits.len() > 3 {
        return false;
    }
    let rest = &t[digits.len()..];
    rest.starts_with(' ') && (rest.chars().any(|c| c.is_ascii_alphabetic()) || has_numeric_date(rest) || rest.contains("العدد"))
}

/// Parses PDF-extracted text: repaired lines rebuilt into paragraphs; reference lines kept
/// as footnote blocks.
pub fn parse(text: &str) -> Parsed {
    let mut parsed = Parsed { meta: DocMeta { language: "ar".into(), ..Default::default() }, ..Default::default() };
    let mut para: Vec<String> = Vec::new();
    let mut para_line = 0;
    let flush = |para: &mut Vec<String>, blocks: &mut Vec<RawBlock>, line: usize| {
        if !para.is_empty() {
            let text = para.join(" ");
            let kind = if text.trim_end().ends_with(':') && text.split_whitespace().count() <= 12 { BlockKind::Heading } else { BlockKind::Paragraph };
            blocks.push(RawBlock { kind, text, source_line: line });
            para.clear();
        }
    };
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            continue;
        }
        if trimmed.chars().filter(|c| c.is_alphanumeric()).count() <= 1 {
            parsed.diagnostics.push(Diagnostic::new(Stage::Parse, "stray_line_dropped", format!("dropped stray line {trimmed:?}"), Some(line_no)));
            parsed.n_repaired_lines += 1;
            continue;
        }
        let (fixed, changed) = repair_line(raw);
        if changed {
            parsed.n_repaired_lines += 1;
        }
        if is_footnote_start(&fixed) || (has_numeric_date(&fixed) && fixed.chars().count() < 160) {
            parsed.blocks.push(RawBlock { kind: BlockKind::Footnote, text: fixed, source_line: line_no });
            continue;
        }
        if para.is_empty() {
            para_line = line_no;
        }
        para.push(fixed);
        let end = para.last().map(|s| s.trim_end().to_string()).unwrap_or_default();
        if end.ends_with(['.', ':', '!', '؟']) {
            flush(&mut para, &mut parsed.blocks, para_line);
        }
    }
    flush(&mut para, &mut parsed.blocks, para_line);
    if parsed.n_repaired_lines > 0 {
        parsed.diagnostics.push(Diagnostic::new(Stage::Parse, "reading_order_repaired", format!("{} lines repaired", parsed.n_repaired_lines), None));
    }
    parsed
}

/// Footnote markers: the longest rising chain 1, 2, 3 … (gaps of one allowed) of small
/// integers in the body blocks, in text order.
pub fn find_markers(text: &str, blocks: &[Block]) -> Vec<FootnoteMarker> {
    let mut cands: Vec<(u32, Span)> = Vec::new();
    for b in blocks.iter().filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::Heading)) {
        for t in tokenize(text, b.span) {
            if t.kind == TokenKind::Number && t.key.len() <= 3 && !t.key.contains('.') {
                if let Ok(v) = t.key.parse::<u32>() {
                    if v >= 1 {
                        cands.push((v, t.span));
                    }
                }
            }
        }
    }
    // best[i] = (chain length ending at i, predecessor)
    let mut best: Vec<(usize, Option<usize>)> = Vec::with_capacity(cands.len());
    for i in 0..cands.len() {
        let v = cands[i].0;
        let mut b = if v <= 2 { (1, None) } else { (0, None) };
        for j in 0..i {
            let u = cands[j].0;
            if best[j].0 > 0 && (u + 1 == v || u + 2 == v) && best[j].0 + 1 > b.0 {
                b = (best[j].0 + 1, Some(j));
            }
        }
        best.push(b);
    }
    let Some(end) = (0..cands.len()).max_by_key(|&i| (best[i].0, std::cmp::Reverse(i))) else {
        return Vec::new();
    };
    if best[end].0 < 3 {
        return Vec::new();
    }
    let mut chain = Vec::new();
    let mut cur = Some(end);
    while let Some(i) = cur {
        chain.push(FootnoteMarker { number: cands[i].0, span: cands[i].1 });
        cur = best[i].1;
    }
    chain.reverse();
    chain
}

/// Footnote bodies from the footnote blocks that start with their number.
pub fn footnote_bodies(text: &str, blocks: &[Block]) -> Vec<FootnoteBody> {
    let mut out: Vec<FootnoteBody> = Vec::new();
    for b in blocks.iter().filter(|b| b.kind == BlockKind::Footnote) {
        let body = &text[b.span.start..b.span.end];
        let digits: String = body.chars().take_while(|c| c.is_ascii_digit()).collect();
        if let Ok(n) = digits.parse::<u32>() {
            if !out.iter().any(|f| f.number == n) {
                out.push(FootnoteBody { number: n, text: Some(body[digits.len()..].trim().to_string()), ..Default::default() });
            }
        }
    }
    out.sort_by_key(|f| f.number);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_are_put_back_in_logical_order() {
        let (fixed, changed) = repair_line("\"انتحاري\"، وأن   200هاجمي سجن الصناعة كانت حوالي  تتحدث البيانات عن \"قسد\" أن أعداد م  ");
        assert!(changed);
        assert_eq!(fixed, "تتحدث البيانات عن \"قسد\" أن أعداد مهاجمي سجن الصناعة كانت حوالي 200 \"انتحاري\"، وأن");
    }

    #[test]
    fn range_split_over_runs_is_rebuilt() {
        let (fixed, _) = repair_line("آلاف سجين فيه قبل الهجوم   5000  إلى   3000بين    كانت التقارير تتحدث عن وجود");
        assert_eq!(fixed, "كانت التقارير تتحدث عن وجود بين 3000 إلى 5000 آلاف سجين فيه قبل الهجوم");
    }

    #[test]
    fn one_letter_word_waw_is_not_glued() {
        assert_eq!(join_lone_letters("قال و ذهب"), "قال و ذهب");
        assert_eq!(join_lone_letters("ي نظر"), "ينظر");
    }

    #[test]
    fn markers_are_the_rising_chain_not_counts() {
        let text = "قال؛1 إن 200 عنصر 2هاجموا و 12 آخرين ثم 3 هنا و4 ثم 5.";
        let blocks = vec![Block { kind: BlockKind::Paragraph, span: Span::new(0, text.len()), source_line: 1 }];
        let m: Vec<u32> = find_markers(text, &blocks).iter().map(|m| m.number).collect();
        assert_eq!(m, vec![1, 2, 3, 4, 5]);
    }

    #[test]
    fn reference_lines_are_footnote_starts() {
        assert!(is_footnote_start("1 Louisa Loveluck, U.S.-backed forces, the Washington post, 26/1/2022."));
        assert!(!is_footnote_start("200 عنصر هاجموا السجن"));
    }
}
