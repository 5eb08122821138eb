//! A footnote's text read as a reference: `Authors, Title, Publisher, date.`
//!
//! Citations in reports follow one shape in both scripts: names first (short parts, a few
//! words each), then the title (which may itself contain commas), then the publisher, the
//! issue and the date; a URL may stand anywhere. Dates are day first (`26/1/2022`).
//!
//! The words that tell the parts apart (issue labels, the words of titles, the particles
//! of Latin names) are the lexicon's ([`ArticleWords`], `article_words.csv`).

use arqam_lexicon::ArticleWords;
use arqam_model::FootnoteBody;

fn is_sep(c: char) -> bool {
    c == ',' || c == '،'
}

/// `d/m/yyyy` (day first) or `yyyy-mm-dd` as ISO, with the matched text.
pub(crate) fn find_date(s: &str) -> Option<(String, String)> {
    let words: Vec<&str> = s.split(|c: char| c.is_whitespace() || is_sep(c)).filter(|w| !w.is_empty()).collect();
    for w in words {
        let w = w.trim_end_matches('.');
        let parts: Vec<&str> = w.split(['/', '-']).collect();
        if parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit())) {
            // All three must be numbers that fit (found by the fuzzer: `2/01/5555…5`).
            let Some(n) = parts.iter().map(|p| p.parse::<u32>().ok()).collect::<Option<Vec<u32>>>() else { continue };
            let (y, m, d) = if parts[0].len() == 4 { (n[0], n[1], n[2]) } else { (n[2], n[1], n[0]) };
            if (1..=12).contains(&m) && (1..=31).contains(&d) && (1800..=2100).contains(&y) {
                return Some((w.to_string(), format!("{y:04}-{m:02}-{d:02}")));
            }
        }
    }
    None
}

/// Joins a reference's next line to it. A line that ends in an issue label (`العدد`)
/// continues with that number; words standing before the number on the next line were
/// set apart in the PDF (a bold or larger run extracted one line down), and they open the
/// reference: they go first.
pub fn join_wrapped(first: &str, next: &str, layout: &ArticleWords) -> String {
    let ends_in_label = first.split_whitespace().last().is_some_and(|w| layout.is_issue_label(w));
    if ends_in_label {
        let words: Vec<&str> = next.split_whitespace().collect();
        let k = words.iter().position(|w| w.chars().any(|c| c.is_ascii_digit())).unwrap_or(0);
        let lead: Vec<&str> = words[..k].iter().copied().filter(|w| w.chars().any(arqam_normalize::is_letter)).collect();
        if !lead.is_empty() {
            return format!("{} {} {}", lead.join(" "), first.trim(), words[k..].join(" "));
        }
    }
    format!("{} {}", first.trim(), next.trim())
}

/// Splits a footnote text into its fields. The text is kept whole in `text`.
pub fn parse_citation(number: u32, text: &str, layout: &ArticleWords) -> FootnoteBody {
    let mut rest = text.trim().trim_end_matches('.').to_string();
    let url = rest
        .split_whitespace()
        .find(|w| w.starts_with("http://") || w.starts_with("https://") || w.starts_with("www."))
        .map(|u| u.trim_end_matches(['.', ',', '،']).to_string());
    if let Some(u) = &url {
        rest = rest.replace(u.as_str(), " ");
    }
    let date = find_date(&rest);
    if let Some((raw, _)) = &date {
        rest = rest.replace(raw.as_str(), " ");
    }
    // Parts between commas; issue numbers (`العدد 323`, `no. 12`) and empty parts go.
    let parts: Vec<String> = rest
        .split(is_sep)
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty() && p.chars().any(arqam_normalize::is_letter))
        .filter(|p| !layout.is_issue_part(p))
        .collect();
    let mut body = FootnoteBody { number, text: Some(text.trim().to_string()), url, date: date.map(|d| d.1), ..Default::default() };
    if parts.is_empty() {
        return body;
    }
    if parts.len() == 1 {
        body.title = Some(parts[0].clone());
        return body;
    }
    let publisher = parts.last().cloned();
    let middle = &parts[..parts.len() - 1];
    // Names: leading parts of at most four words with no digits, leaving a title behind.
    // A Latin name is capitalized words or name particles (`van`); an Arabic name does not
    // open with the article and has no title words (`في`, `بعد` …), which titles have.
    let is_name = |p: &str| {
        let words: Vec<&str> = p.split_whitespace().collect();
        let plain = words.len() <= 4 && !p.chars().any(|c| c.is_ascii_digit()) && !p.contains(['“', '"', '«', ':']);
        let latin = p.is_ascii() && words.iter().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()) || layout.is_name_particle(w));
        let arabic = !p.is_ascii() && !words.first().is_some_and(|w| w.starts_with("ال")) && !words.iter().any(|w| layout.is_title_word(w));
        plain && (latin || arabic)
    };
    let n_authors = middle.iter().take_while(|p| is_name(p)).count().min(middle.len().saturating_sub(1));
    body.authors = middle[..n_authors].to_vec();
    let title: Vec<String> = middle[n_authors..].to_vec();
    body.title = (!title.is_empty()).then(|| title.join("، ").replace("، ", if title.iter().all(|t| t.is_ascii()) { ", " } else { "، " }));
    body.publisher = publisher;
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_citation(number: u32, text: &str) -> FootnoteBody {
        super::parse_citation(number, text, ArticleWords::builtin())
    }

    fn join_wrapped(first: &str, next: &str) -> String {
        super::join_wrapped(first, next, ArticleWords::builtin())
    }

    #[test]
    fn latin_reference() {
        let b = parse_citation(3, "Jane Roe, Prisons in the northeast, a survey, The Example Review, 3/2/2021.");
        assert_eq!(b.authors, vec!["Jane Roe"]);
        assert_eq!(b.title.as_deref(), Some("Prisons in the northeast, a survey"));
        assert_eq!(b.publisher.as_deref(), Some("The Example Review"));
        assert_eq!(b.date.as_deref(), Some("2021-02-03"));
    }

    #[test]
    fn arabic_reference_with_two_authors_issue_and_url() {
        let b = parse_citation(7, "سعاد خليل، مراد حسن، المخيمات بعد الحرب، قراءة في الأرقام، مركز الدراسات، العدد 12، 5/11/2020، https://example.org/a");
        assert_eq!(b.authors, vec!["سعاد خليل", "مراد حسن"]);
        assert_eq!(b.title.as_deref(), Some("المخيمات بعد الحرب، قراءة في الأرقام"));
        assert_eq!(b.publisher.as_deref(), Some("مركز الدراسات"));
        assert_eq!(b.date.as_deref(), Some("2020-11-05"));
        assert_eq!(b.url.as_deref(), Some("https://example.org/a"));
    }

    #[test]
    fn overlong_date_parts_are_not_dates() {
        let b = parse_citation(1, "عنوان ما، ناشر، 2/01/55555555555555555555.");
        assert_eq!(b.date, None);
    }

    #[test]
    fn wrapped_reference_lines_join() {
        assert_eq!(join_wrapped("مقال عن الحصار، مجلة الأفق،", "5/3/2019."), "مقال عن الحصار، مجلة الأفق، 5/3/2019.");
        // A title run pushed one line down, between the issue label and its number.
        let joined = join_wrapped("كيف سقطت المدينة، جريدة الشرق، العدد", "شهادات من الداخل ، 41 . 2/2/2020");
        assert_eq!(joined, "شهادات من الداخل كيف سقطت المدينة، جريدة الشرق، العدد 41 . 2/2/2020");
        let b = parse_citation(3, &joined);
        assert_eq!(b.title.as_deref(), Some("شهادات من الداخل كيف سقطت المدينة"));
        assert_eq!(b.publisher.as_deref(), Some("جريدة الشرق"));
        assert_eq!(b.date.as_deref(), Some("2020-02-02"));
    }

    #[test]
    fn outlet_without_author() {
        let b = parse_citation(6, "تقرير خاص عن معركة السجن ونتائجها، صحيفة المدينة، العدد 40، 27/1/2022.");
        assert!(b.authors.is_empty());
        assert_eq!(b.title.as_deref(), Some("تقرير خاص عن معركة السجن ونتائجها"));
        assert_eq!(b.publisher.as_deref(), Some("صحيفة المدينة"));
    }
}
