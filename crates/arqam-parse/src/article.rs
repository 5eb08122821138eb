//! Markdown-ish news articles: title, byline, headings, paragraphs, embedded tweets and
//! the article's own link.
//!
//! Markup is kept out of the display text: `**bold**` and `__bold__` lose their markers,
//! `# ` heading marks go, `[text](url)` keeps its text and `<url>` its URL.

use arqam_model::{BlockKind, DocMeta};

use crate::{Parsed, RawBlock};

/// Words that open a byline (`كتبه فلان | 23 يناير، 2022`).
const BYLINE_OPENERS: &[&str] = &["كتبه", "كتبته", "كتب", "بقلم", "إعداد", "اعداد", "تقرير", "By"];

/// Index of the byline among the first lines, if any.
pub fn find_byline(lines: &[&str]) -> Option<usize> {
    lines.iter().take(6).position(|l| {
        let t = l.trim();
        let first = t.split_whitespace().next().unwrap_or("");
        BYLINE_OPENERS.contains(&first) && t.chars().count() < 120
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
pub fn parse(text: &str) -> Parsed {
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

    let byline_idx = find_byline(&nonblank.iter().map(|&i| lines[i]).collect::<Vec<_>>()).map(|k| nonblank[k]);
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
        } else if nonblank.last() == Some(&i) && first_url(line).is_some() && clean.split_whitespace().count() <= 6 {
            let url = first_url(&clean);
            parsed.meta.publisher = url.as_deref().and_then(host_of);
            parsed.meta.url = url;
            parsed.blocks.push(RawBlock { kind: BlockKind::Link, text: clean, source_line });
        } else {
            let words = clean.split_whitespace().count();
            let standalone = (i == 0 || lines[i - 1].trim().is_empty()) && lines.get(i + 1).is_none_or(|l| l.trim().is_empty());
            let kind = if words <= 7 && standalone && !clean.trim_end().ends_with(['.', '،', ',', ':']) { BlockKind::Heading } else { BlockKind::Paragraph };
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
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "\n# عنوان الخبر هنا\n\nكتبه فلان الفلاني | 3 مارس، 2021\n\nنص **مهم** عن [الهجوم](http://a.b/c) وفيه 5 قتلى.\n\nقسم فرعي\n\nتغريدة عن الهجوم\nنشر **#وسم** فيديو <https://t.co/abc>\n\n— Someone (@handle) March 3, 2021\n\nرابط المقال : <https://www.example.com/1/>\n";

    #[test]
    fn article_structure_is_recovered() {
        let p = parse(ARTICLE);
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
}
