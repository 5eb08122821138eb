//! Markdown-ish news articles: title, byline, headings, paragraphs, embedded tweets and
//! the article's own link.
//!
//! Markup is kept out of the display text: `**bold**` and `__bold__` lose their markers,
//! `# ` heading marks go, `[text](url)` keeps its text and `<url>` its URL.
//!
//! The words of the layout (byline openers, reference titles, units of length) come from
//! the lexicon's `article_words.csv` ([`ArticleWords`]).

use arqam_lexicon::ArticleWords;
use arqam_model::{Block, BlockKind, DocMeta, FootnoteBody, FootnoteMarker, Span};
use arqam_normalize::digit_value;

use crate::{Parsed, RawBlock};

/// Index of the byline among the first lines, if any: a short line opening with a byline
/// word (`كتبه فلان | 23 يناير، 2022`).
pub fn find_byline(lines: &[&str], layout: &ArticleWords) -> Option<usize> {
    lines.iter().take(6).position(|l| {
        let t = l.trim();
        let first = t.split_whitespace().next().unwrap_or("");
        layout.opens_byline(first) && t.chars().count() < 120
    })
}

/// Removes markdown emphasis, heading marks and link syntax.
pub fn strip_markdown(line: &str) -> String {
    // A heading mark is `#`s followed by a space; `#غويران` is a hashtag and stays.
    let t = line.trim();
    // Most lines carry no markup: one scan instead of five copies.
    if !t.contains(['#', '*', '_', '[', '<']) {
        return t.to_string();
    }
    let hashes = t.len() - t.trim_start_matches('#').len();
    let mut s = if hashes > 0 && t[hashes..].starts_with(' ') { t[hashes..].trim_start().to_string() } else { t.to_string() };
    s = s.replace("**", "").replace("__", "");
    // [text](url) → text
    let mut out = String::with_capacity(s.len());
    let mut rest = s.as_str();
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        match (after.find("]("), after.find(']')) {
            (Some(close), Some(first_close)) if close == first_close => {
                let tail = &after[close + 2..];
                if let Some(end) = tail.find(')') {
                    out.push_str(&rest[..open]);
                    out.push_str(&after[..close]);
                    rest = &tail[end + 1..];
                    continue;
                }
                out.push_str(&rest[..=open]);
                rest = after;
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    // <url> → url
    let mut res = String::with_capacity(out.len());
    let mut rest = out.as_str();
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        match after.find('>') {
            Some(close) if !after[..close].contains(' ') && (after.starts_with("http") || after.starts_with("pic.") || after.starts_with("www.")) => {
                res.push_str(&rest[..open]);
                res.push_str(&after[..close]);
                rest = &after[close + 1..];
            }
            _ => {
                res.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    res.push_str(rest);
    res
}

fn first_url(s: &str) -> Option<String> {
    let start = s.find("http://").or_else(|| s.find("https://"))?;
    let url: String = s[start..].chars().take_while(|c| !c.is_whitespace() && *c != '>' && *c != ')').collect();
    Some(url)
}

fn host_of(url: &str) -> Option<String> {
    let rest = url.split("://").nth(1)?;
    let host = rest.split('/').next()?;
    Some(host.trim_start_matches("www.").to_string())
}

/// A line that closes an embedded tweet: `— Name (@handle) date`.
fn is_tweet_signature(line: &str) -> bool {
    let t = line.trim_start();
    (t.starts_with('—') || t.starts_with("--")) && t.contains("(@")
}

fn is_tweety(line: &str) -> bool {
    line.contains("t.co/")
        || line.contains("pic.twitter.com")
        || line.split_whitespace().any(|w| w.trim_start_matches("**").starts_with('#') && w.chars().count() > 2)
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end().ends_with(['.', '!', '?', '؟', ':', '"', '”', '»', '…'])
}

/// Parses an article into blocks and metadata.
pub fn parse(text: &str, layout: &ArticleWords) -> Parsed {
    let lines: Vec<&str> = text.lines().collect();
    let mut parsed = Parsed { meta: DocMeta { language: "ar".into(), ..Default::default() }, ..Default::default() };
    let nonblank: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].trim().is_empty()).collect();
    let Some(&title_line) = nonblank.first() else {
        return parsed;
    };

    // Embedded tweets: from each signature back over tweet-like lines and the lines
    // directly attached to them.
    let mut quote_of = vec![None::<usize>; lines.len()];
    for (i, line) in lines.iter().enumerate() {
        if !is_tweet_signature(line) {
            continue;
        }
        let mut first = i;
        let mut j = i;
        while j > 0 {
            j -= 1;
            let l = lines[j];
            if l.trim().is_empty() {
                continue;
            }
            // Glued to the block found so far (no blank line between): part of the tweet.
            let attached = j + 1 == first && first != i;
            if is_tweety(l) || attached {
                first = j;
                continue;
            }
            break;
        }
        for q in quote_of.iter_mut().take(i + 1).skip(first) {
            *q = Some(i);
        }
    }

    let mut in_references = false;
    let byline_idx = find_byline(&nonblank.iter().map(|&i| lines[i]).collect::<Vec<_>>(), layout).map(|k| nonblank[k]);
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if line.trim().is_empty() {
            i += 1;
            continue;
        }
        let source_line = i + 1;
        if let Some(sig) = quote_of[i] {
            let body: Vec<String> = (i..=sig).filter(|&k| !lines[k].trim().is_empty()).map(|k| strip_markdown(lines[k])).collect();
            parsed.blocks.push(RawBlock { kind: BlockKind::Quote, text: body.join("\n"), source_line });
            i = sig + 1;
            continue;
        }
        let clean = strip_markdown(line);
        if i == title_line {
            parsed.meta.title = Some(clean.clone());
            parsed.blocks.push(RawBlock { kind: BlockKind::Title, text: clean, source_line });
        } else if Some(i) == byline_idx {
            let who = clean.split('|').next().unwrap_or("");
            let author: Vec<&str> = who.split_whitespace().skip(1).collect();
            if !author.is_empty() {
                parsed.meta.author = Some(author.join(" "));
            }
            parsed.blocks.push(RawBlock { kind: BlockKind::Byline, text: clean, source_line });
        } else if is_reference_title(&clean, layout) || (reference_number(&clean).is_some() && (in_references || clean.trim_start().starts_with('['))) {
            // A reference list: its title and each numbered entry stand alone.
            in_references |= is_reference_title(&clean, layout);
            parsed.blocks.push(RawBlock { kind: BlockKind::Paragraph, text: clean, source_line });
        } else if nonblank.last() == Some(&i) && first_url(line).is_some() && clean.split_whitespace().count() <= 6 {
            let url = first_url(&clean);
            parsed.meta.publisher = url.as_deref().and_then(host_of);
            parsed.meta.url = url;
            parsed.blocks.push(RawBlock { kind: BlockKind::Link, text: clean, source_line });
        } else {
            let words = clean.split_whitespace().count();
            let standalone = (i == 0 || lines[i - 1].trim().is_empty()) && lines.get(i + 1).is_none_or(|l| l.trim().is_empty());
            let kind = if words <= 7 && standalone && !without_trailing_marker(&clean).ends_with(['.', '،', ',', ':']) {
                BlockKind::Heading
            } else {
                BlockKind::Paragraph
            };
            // A paragraph cut by a stray blank line mid-sentence is joined to its tail.
            if kind == BlockKind::Paragraph && !clean.trim_start().starts_with('و') {
                if let Some(prev) = parsed.blocks.last_mut() {
                    if prev.kind == BlockKind::Paragraph && !ends_sentence(&prev.text) && prev.text.split_whitespace().count() > 10 {
                        prev.text.push(' ');
                        prev.text.push_str(&clean);
                        i += 1;
                        continue;
                    }
                }
            }
            // Consecutive non-blank lines form one paragraph.
            if kind == BlockKind::Paragraph && i > 0 && !lines[i - 1].trim().is_empty() && quote_of[i - 1].is_none() {
                if let Some(prev) = parsed.blocks.last_mut().filter(|b| b.kind == BlockKind::Paragraph) {
                    prev.text.push(' ');
                    prev.text.push_str(&clean);
                    i += 1;
                    continue;
                }
            }
            parsed.blocks.push(RawBlock { kind, text: clean, source_line });
        }
        i += 1;
    }
    mark_references(&mut parsed.blocks, layout);
    parsed
}

/// Whether a line is the title of a reference list (`المراجع:`, `## References`).
pub fn is_reference_title(line: &str, layout: &ArticleWords) -> bool {
    // A title is a few words: long lines are not read (nor their markup stripped).
    if line.len() > 80 {
        return false;
    }
    let t = strip_markdown(line);
    let t = t.trim().trim_end_matches([':', '：']).trim();
    layout.is_reference_title(t)
}

/// The number a reference line opens with: `[3] …`, `(3) …`, `3. …`, `3- …`, `³ …`; with
/// the rest of the line.
pub fn reference_number(line: &str) -> Option<(u32, &str)> {
    let t = line.trim_start().trim_start_matches(['-', '*', '•']).trim_start();
    let (open, close): (&[char], &[char]) = match t.chars().next()? {
        '[' => (&['['], &[']']),
        '(' => (&['('], &[')']),
        _ => (&[], &['.', '-', ')', ' ', '\u{2013}']),
    };
    let body = t.strip_prefix(open).unwrap_or(t);
    let digits: String = body.chars().take_while(|c| digit_value(*c).is_some() || superscript_value(*c).is_some()).collect();
    let n = marker_value(&digits)?;
    let rest = body[digits.len()..].strip_prefix(close)?;
    Some((n, rest.trim()))
}

/// A superscript digit's value (`¹` → 1).
fn superscript_value(c: char) -> Option<u32> {
    match c {
        '⁰' => Some(0),
        '¹' => Some(1),
        '²' => Some(2),
        '³' => Some(3),
        '⁴'..='⁹' => Some(c as u32 - '⁴' as u32 + 4),
        _ => None,
    }
}

/// The number of a marker's digits (any script, superscripts too): 1 to 999.
fn marker_value(digits: &str) -> Option<u32> {
    if digits.is_empty() || digits.chars().count() > 3 {
        return None;
    }
    let v = digits.chars().try_fold(0u32, |acc, c| Some(acc * 10 + digit_value(c).or_else(|| superscript_value(c))?))?;
    (v >= 1).then_some(v)
}

/// Footnote markers in the body of an article or a plain text: `[3]` anywhere, `(3)` glued
/// to the word or mark before it (`السورية(1)،`; `(230) ألف` after a space is a number),
/// and superscript digits glued to a word (`المخيم²`). In text order.
pub fn find_markers(text: &str, blocks: &[Block], layout: &ArticleWords) -> Vec<FootnoteMarker> {
    let mut out = Vec::new();
    for b in blocks.iter().filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::Heading | BlockKind::Title)) {
        let slice = &text[b.span.start..b.span.end];
        let bytes = slice.as_bytes();
        let mut i = 0;
        // A marker opens with a bracket or a superscript digit, whose first byte is 0xC2
        // (`¹²³`) or 0xE2 (`⁰`, `⁴`–`⁹`): the other bytes are passed over undecoded. None of
        // these is a continuation byte, so `i` is always a character boundary.
        while let Some(off) = bytes[i..].iter().position(|&b| matches!(b, b'[' | b'(' | 0xC2 | 0xE2)) {
            i += off;
            let Some(c) = slice[i..].chars().next() else { break };
            let prev = slice[..i].chars().next_back();
            let found = match c {
                '[' | '(' => bracketed(&slice[i..], c, prev),
                c if superscript_value(c).is_some() && prev.is_some_and(|p| !p.is_whitespace()) && !after_length_unit(&slice[..i], layout) => {
                    let len = slice[i..].find(|d: char| superscript_value(d).is_none()).unwrap_or(slice.len() - i);
                    marker_value(&slice[i..i + len]).map(|n| (n, len))
                }
                _ => None,
            };
            if let Some((number, len)) = found {
                out.push(FootnoteMarker { number, span: Span::new(b.span.start + i, b.span.start + i + len) });
                i += len;
                continue;
            }
            i += c.len_utf8();
        }
    }
    out
}

/// A line without the footnote marker that closes it (`… عائلة.[1]` ends a sentence).
fn without_trailing_marker(line: &str) -> &str {
    let t = line.trim_end();
    let Some(open) = t.rfind(['[', '(']) else { return t };
    match bracketed(&t[open..], t[open..].chars().next().unwrap_or('['), t[..open].chars().next_back()) {
        Some((_, len)) if open + len == t.len() => t[..open].trim_end(),
        _ => t,
    }
}

/// Whether text ends in a unit of length, whose superscript is a power (`كم²`, `m³`).
fn after_length_unit(before: &str, layout: &ArticleWords) -> bool {
    let word = before.rsplit(|c: char| c.is_whitespace() || c.is_ascii_digit()).next().unwrap_or("");
    layout.is_length_unit(word)
}

/// `[n]` (anywhere) or `(n)` glued to what stands before it: `(number, bytes)`.
fn bracketed(s: &str, open: char, prev: Option<char>) -> Option<(u32, usize)> {
    if open == '(' && prev.is_none_or(char::is_whitespace) {
        return None;
    }
    let close = if open == '[' { ']' } else { ')' };
    let inner = &s[1..];
    // A marker is short: an unclosed bracket is not searched to the end of the paragraph.
    let end = inner.char_indices().take(5).find(|(_, c)| *c == close)?.0;
    let n = marker_value(&inner[..end])?;
    let len = 1 + end + close.len_utf8();
    // A number bracketed inside a word (`قتل(12)شخصا`) is a number.
    if s[len..].chars().next().is_some_and(char::is_alphabetic) {
        return None;
    }
    Some((n, len))
}

/// The bodies of the reference list (the footnote blocks, each opening with its number).
pub fn reference_bodies(text: &str, blocks: &[Block], layout: &ArticleWords) -> Vec<FootnoteBody> {
    let mut out: Vec<FootnoteBody> = blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Footnote)
        .filter_map(|b| reference_number(&text[b.span.start..b.span.end]).map(|(n, rest)| crate::citation::parse_citation(n, rest, layout)))
        .collect();
    // The first body of a number wins (the sort is stable).
    out.sort_by_key(|f| f.number);
    out.dedup_by_key(|f| f.number);
    out
}

/// A plain text's reference list: plain paragraphs join their lines, so from the last
/// references title on (or a closing run of `[n]` lines) the lines are split again, one
/// block per numbered entry (a line without a number continues the entry before it), and
/// marked as footnote blocks.
pub fn split_plain_references(blocks: &mut Vec<RawBlock>, text: &str, layout: &ArticleWords) {
    let lines: Vec<&str> = text.lines().collect();
    let is_entry = |l: &str| reference_number(l).is_some();
    // The list's first line (0-based): its title, or the first of the closing entries.
    let start = match lines.iter().rposition(|l| is_reference_title(l, layout)) {
        Some(t) => t,
        None => {
            let body_end = lines.iter().rposition(|l| !l.trim().is_empty()).map_or(0, |e| e + 1);
            let run = lines[..body_end].iter().rev().take_while(|l| l.trim_start().starts_with('[') && is_entry(l)).count();
            if run == 0 {
                return;
            }
            body_end - run
        }
    };
    // Blocks that start in the list are rebuilt from its lines; one that ran into it
    // (no blank line before the title) is cut where the list starts.
    blocks.retain(|b| b.source_line <= start);
    if let Some(last) = blocks.last_mut() {
        if let Some(cut) = last.text.find(lines[start].trim()) {
            last.text.truncate(cut);
            last.text.truncate(last.text.trim_end().len());
        }
    }
    blocks.retain(|b| !b.text.is_empty());
    for (i, line) in lines.iter().enumerate().skip(start) {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        match blocks.last_mut() {
            Some(last) if i > start && !is_entry(t) && last.source_line > start + 1 => {
                last.text.push(' ');
                last.text.push_str(t);
            }
            _ => blocks.push(RawBlock { kind: BlockKind::Paragraph, text: t.to_string(), source_line: i + 1 }),
        }
    }
    mark_references(blocks, layout);
}

/// Marks the reference list at the end of an article as footnote blocks: the lines after
/// a references title, or a closing run of lines that open with `[n]`. Their numbers are
/// citations, not figures.
fn mark_references(blocks: &mut [RawBlock], layout: &ArticleWords) {
    let title = blocks.iter().rposition(|b| is_reference_title(&b.text, layout));
    let from = match title {
        Some(t) => t + 1,
        None => blocks.len() - blocks.iter().rev().take_while(|b| b.text.trim_start().starts_with('[') && reference_number(&b.text).is_some()).count(),
    };
    for b in &mut blocks[from..] {
        if reference_number(&b.text).is_some() {
            b.kind = BlockKind::Footnote;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout() -> &'static ArticleWords {
        ArticleWords::builtin()
    }

    const ARTICLE: &str = "\n# عنوان الخبر هنا\n\nكتبه فلان الفلاني | 3 مارس، 2021\n\nنص **مهم** عن [الهجوم](http://a.b/c) وفيه 5 قتلى.\n\nقسم فرعي\n\nتغريدة عن الهجوم\nنشر **#وسم** فيديو <https://t.co/abc>\n\n— Someone (@handle) March 3, 2021\n\nرابط المقال : <https://www.example.com/1/>\n";

    #[test]
    fn article_structure_is_recovered() {
        let p = parse(ARTICLE, layout());
        let kinds: Vec<BlockKind> = p.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(kinds, vec![BlockKind::Title, BlockKind::Byline, BlockKind::Paragraph, BlockKind::Heading, BlockKind::Quote, BlockKind::Link]);
        assert_eq!(p.meta.title.as_deref(), Some("عنوان الخبر هنا"));
        assert_eq!(p.meta.author.as_deref(), Some("فلان الفلاني"));
        assert_eq!(p.meta.url.as_deref(), Some("https://www.example.com/1/"));
        assert_eq!(p.meta.publisher.as_deref(), Some("example.com"));
        assert_eq!(p.blocks[2].text, "نص مهم عن الهجوم وفيه 5 قتلى.");
        assert!(p.blocks[4].text.starts_with("تغريدة عن الهجوم\nنشر #وسم فيديو https://t.co/abc"));
    }

    #[test]
    fn markdown_is_stripped() {
        assert_eq!(strip_markdown("## **عاجل** [اعترافات](#) <https://x.org/a>"), "عاجل اعترافات https://x.org/a");
        assert_eq!(strip_markdown("a [b] c < d"), "a [b] c < d");
        assert_eq!(strip_markdown("#غويران بحي الصناعة"), "#غويران بحي الصناعة");
    }

    fn markers_of(text: &str) -> Vec<(u32, String)> {
        let blocks = vec![Block { kind: BlockKind::Paragraph, span: Span::new(0, text.len()), source_line: 1 }];
        find_markers(text, &blocks, layout()).into_iter().map(|m| (m.number, text[m.span.start..m.span.end].to_string())).collect()
    }

    #[test]
    fn footnote_markers_in_running_text() {
        assert_eq!(markers_of("افتتح المخيم عام 2002(2)، ثم أغلق.[3] وعاد"), vec![(2, "(2)".into()), (3, "[3]".into())]);
        assert_eq!(markers_of("بلغ عدد السكان ١٢ ألفا¹ وفق الإحصاء"), vec![(1, "¹".into())]);
        // A number in parentheses after a space is a number; a power of a unit is no marker.
        assert!(markers_of("نزح (230) ألف شخص من منطقة مساحتها 40 كم²").is_empty());
        assert!(markers_of("القائمة [أ] و(ب) وقوسان فارغان ()").is_empty());
        assert!(markers_of("قتل(12)شخصا في القصف").is_empty());
    }

    #[test]
    fn a_reference_list_becomes_footnote_bodies() {
        let text = "# عنوان التقرير\n\nيضم المخيم 900 عائلة.[1] وفيه مدرستان.[2]\n\nالمراجع:\n[1] سعاد خليل، المخيمات بعد الحرب، مركز الدراسات، 5/11/2020\n[2] تقرير عن التعليم في المخيمات، منظمة الإغاثة، 3/2/2021\n";
        let p = parse(text, layout());
        let kinds: Vec<BlockKind> = p.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(kinds, vec![BlockKind::Title, BlockKind::Paragraph, BlockKind::Paragraph, BlockKind::Footnote, BlockKind::Footnote]);
        let mut display = String::new();
        let mut blocks = Vec::new();
        for b in &p.blocks {
            if !display.is_empty() {
                display.push_str("\n\n");
            }
            let start = display.len();
            display.push_str(&b.text);
            blocks.push(Block { kind: b.kind, span: Span::new(start, display.len()), source_line: b.source_line });
        }
        let bodies = reference_bodies(&display, &blocks, ArticleWords::builtin());
        assert_eq!(bodies.iter().map(|b| b.number).collect::<Vec<_>>(), vec![1, 2]);
        assert_eq!(bodies[0].authors, vec!["سعاد خليل"]);
        assert_eq!(bodies[1].date.as_deref(), Some("2021-02-03"));
        assert_eq!(find_markers(&display, &blocks, layout()).iter().map(|m| m.number).collect::<Vec<_>>(), vec![1, 2]);
    }

    #[test]
    fn reference_lines_open_with_their_number() {
        assert_eq!(reference_number("[12] Jane Roe, Title"), Some((12, "Jane Roe, Title")));
        assert_eq!(reference_number("3. كتاب ما"), Some((3, "كتاب ما")));
        assert_eq!(reference_number("(4) مقال"), Some((4, "مقال")));
        assert_eq!(reference_number("2000 شخص نزحوا"), None);
    }

    #[test]
    fn a_plain_text_reference_list_is_split_into_entries() {
        let text = "قتل 12 مدنيا[1] ونزح 300 شخص.[2]\n\nالهوامش\n[1] تقرير المرصد، 4/5/2021\n[2] سعاد خليل، النزوح في الشمال،\nمركز الدراسات، 5/11/2020\n";
        let mut parsed = crate::parse_plain(text);
        split_plain_references(&mut parsed.blocks, text, layout());
        let blocks: Vec<(BlockKind, &str)> = parsed.blocks.iter().map(|b| (b.kind, b.text.as_str())).collect();
        assert_eq!(
            blocks,
            vec![
                (BlockKind::Paragraph, "قتل 12 مدنيا[1] ونزح 300 شخص.[2]"),
                (BlockKind::Paragraph, "الهوامش"),
                (BlockKind::Footnote, "[1] تقرير المرصد، 4/5/2021"),
                (BlockKind::Footnote, "[2] سعاد خليل، النزوح في الشمال، مركز الدراسات، 5/11/2020"),
            ]
        );
        let mut plain = crate::parse_plain("نص عادي فيه 5 أشخاص.\n");
        split_plain_references(&mut plain.blocks, "نص عادي فيه 5 أشخاص.\n", layout());
        assert_eq!(plain.blocks.len(), 1);
    }
}
