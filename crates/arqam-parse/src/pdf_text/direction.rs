//! Which order the characters of PDF-extracted text are in, told from what the marks,
//! letters and digits say, never from where a line starts: right-alignment padding,
//! indentation and a column beside the text put spaces or other words before a line's
//! first mark.
//!
//! - [`explicit_rtl`]: poppler wraps each right-to-left run it has put back in logical
//!   order in an embedding (`U+202B … U+202C`); most Arabic lines carry one.
//! - [`VisualOrder`]: extractors that write the page's objects in visual order (pypdf,
//!   pdfminer) leave signs in the digits: numbers glued to the words they touch on the
//!   page, and Arabic-Indic digit strings written back to front (`٢٠٢٣` as `٣٢٠٢`).
//! - [`letters_reversed`]: pdfminer writes each line's characters in visual order, every
//!   Arabic word back to front; the letters say so (`ة` and `ى` open words, which in
//!   Arabic they only end). [`reverse_line`] reads such a line back.

use std::borrow::Cow;

use arqam_normalize::{digit_value, is_arabic_letter, is_digit};

/// Marks that open a right-to-left embedding, override or isolate.
const RTL_OPENERS: [char; 3] = ['\u{202B}', '\u{202E}', '\u{2067}'];
/// [`RTL_OPENERS`] in UTF-8, for a search over bytes.
const RTL_OPENER_BYTES: [[u8; 3]; 3] = [[0xE2, 0x80, 0xAB], [0xE2, 0x80, 0xAE], [0xE2, 0x81, 0xA7]];

/// Whether the text carries explicit right-to-left marks: at least half of the lines that
/// hold Arabic letters hold an opening mark somewhere. (Lines without Arabic, such as a
/// Latin reference or a page number, say nothing either way.)
pub fn explicit_rtl(text: &str) -> bool {
    // A text without any opener (most texts: one pass over bytes, where the lines below
    // decode every character) has no marked line.
    if !text.as_bytes().windows(3).any(|w| RTL_OPENER_BYTES.iter().any(|o| w == o)) {
        return false;
    }
    let (mut arabic, mut marked) = (0usize, 0usize);
    for line in text.lines() {
        if line.chars().any(is_arabic_letter) {
            arabic += 1;
            marked += usize::from(line.contains(RTL_OPENERS));
        }
    }
    arabic > 0 && marked * 2 >= arabic
}

/// Whether the Arabic words are written back to front: more words open with a letter that
/// only ends words (`ة`, `ى`) than end with one, and at least three do.
pub fn letters_reversed(text: &str) -> bool {
    // Only the final-only letters count, so only they are visited (found by memchr): one
    // opens a word when no letter comes before it, ends one when no letter comes after.
    let (mut opening, mut ending) = (0usize, 0usize);
    for final_only in ['ة', 'ى'] {
        for (i, c) in text.match_indices(final_only) {
            opening += usize::from(!text[..i].chars().next_back().is_some_and(is_arabic_letter));
            ending += usize::from(!text[i + c.len()..].chars().next().is_some_and(is_arabic_letter));
        }
    }
    opening >= 3 && opening > ending
}

/// Characters that keep their left-to-right order inside a right-to-left line: digits of
/// any script and Latin letters.
fn is_strong_ltr(c: char) -> bool {
    c.is_ascii_alphanumeric() || is_digit(c)
}

/// Neutral characters that stay inside a left-to-right run between two strong ones
/// (`12,400`, `26/1/2022`, `U.S.`).
fn is_ltr_joiner(c: char) -> bool {
    matches!(c, '.' | ',' | '/' | ':' | '-' | '٫' | '٬' | '%')
}

/// A line written in visual order character by character, read back: the whole line
/// reversed, runs of digits and Latin letters put back left to right, brackets
/// un-mirrored.
pub fn reverse_line(line: &str) -> String {
    let chars: Vec<char> = line.chars().rev().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        if !is_strong_ltr(chars[i]) {
            out.push(mirror(chars[i]));
            i += 1;
            continue;
        }
        // The run: strong characters and joiners between two strong ones.
        let mut end = i + 1;
        while end < chars.len() && (is_strong_ltr(chars[end]) || (is_ltr_joiner(chars[end]) && chars.get(end + 1).is_some_and(|&c| is_strong_ltr(c)))) {
            end += 1;
        }
        out.extend(chars[i..end].iter().rev());
        i = end;
    }
    out
}

fn mirror(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '«' => '»',
        '»' => '«',
        other => other,
    }
}

/// What a document's digits say about an extractor that wrote visual order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VisualOrder {
    /// Each number was an object of its own on the page, written where it stood visually:
    /// a number is a chunk of its own wherever it stands in a line, and brackets (mirrored
    /// glyphs) too.
    pub numbers_are_objects: bool,
    /// Arabic-Indic digit strings are written back to front.
    pub indic_reversed: bool,
}

impl VisualOrder {
    /// Reads the evidence of a whole document: an extractor treats all its lines alike.
    ///
    /// Numbers are objects when two lines or more glue a number to a word in a way logical
    /// text never does: digits directly before a letter (`400وأضافت`), or a whole word
    /// (not a one-letter proclitic such as `و8`, `ب200`) directly before digits
    /// (`باتوا400`). Arabic-Indic strings are reversed when more of them read as
    /// impossible numbers forwards than backwards (a leading zero, a thousands group that
    /// is not three digits long).
    pub fn of(text: &str) -> Self {
        Self::of_extraction(text, false)
    }

    /// [`VisualOrder::of`] for a text that came as named glyphs (presentation forms) when
    /// `glyphs`: the extractor that writes those with numbers as objects (pypdf) writes
    /// Arabic-Indic strings back to front, so when the strings say nothing either way
    /// (`٦٢`, `٣٢٠٢`) they are taken as reversed.
    pub fn of_extraction(text: &str, glyphs: bool) -> Self {
        let mut glued_lines = 0;
        let (mut bad_forward, mut bad_backward) = (0, 0);
        for line in text.lines() {
            glued_lines += usize::from(glues_number_to_word(line));
            for number in indic_numbers(line) {
                bad_forward += usize::from(!plausible_number(number.chars()));
                bad_backward += usize::from(!plausible_number(number.chars().rev()));
            }
        }
        let numbers_are_objects = glued_lines >= 2;
        let undecided = bad_forward == bad_backward;
        VisualOrder { numbers_are_objects, indic_reversed: bad_forward > bad_backward || (undecided && glyphs && numbers_are_objects) }
    }
}

/// Digits glued before a letter, or a word of two letters or more glued before digits.
/// Tatweel before digits is how the article is written on a number (`الـ24`): not glue.
fn glues_number_to_word(line: &str) -> bool {
    let mut letters_before = 0usize;
    let mut prev_digit = false;
    for c in line.chars() {
        if is_digit(c) {
            if letters_before >= 2 {
                return true;
            }
            letters_before = 0;
            prev_digit = true;
        } else if is_arabic_letter(c) && c != '\u{0640}' {
            if prev_digit {
                return true;
            }
            letters_before += 1;
            prev_digit = false;
        } else {
            letters_before = 0;
            prev_digit = false;
        }
    }
    false
}

fn is_indic_digit(c: char) -> bool {
    matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}')
}

/// Separators that may stand inside a number.
fn is_number_separator(c: char) -> bool {
    matches!(c, '٬' | '٫' | ',' | '.')
}

/// The Arabic-Indic numbers of a line (digits with separators inside), as written.
fn indic_numbers(line: &str) -> impl Iterator<Item = &str> {
    line.split(|c: char| !(is_indic_digit(c) || is_number_separator(c)))
        .map(|s| s.trim_matches(is_number_separator))
        .filter(|s| s.chars().filter(|c| is_indic_digit(*c)).nth(1).is_some())
}

/// Whether a digit string reads as a number: no leading zero before another digit, and
/// thousands groups (`٬`) of three digits after a first group of one to three.
fn plausible_number(chars: impl Iterator<Item = char>) -> bool {
    // One pass, no copy: the first two characters, and the length of each `٬` group.
    let (mut first_group, mut group, mut groups) = (0usize, 0usize, 1usize);
    let mut first: Option<char> = None;
    for (i, c) in chars.enumerate() {
        match i {
            0 => first = Some(c),
            1 if first.and_then(digit_value) == Some(0) && is_digit(c) => return false,
            _ => {}
        }
        if c != '٬' {
            group += 1;
            continue;
        }
        if groups == 1 {
            first_group = group;
        } else if group != 3 {
            return false;
        }
        groups += 1;
        group = 0;
    }
    groups == 1 || ((1..=3).contains(&first_group) && group == 3)
}

/// A line with each Arabic-Indic number's characters put back in reading order, except a
/// number that only reads forwards.
pub fn reverse_indic_numbers(line: &str) -> Cow<'_, str> {
    if !line.chars().any(is_indic_digit) {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut number = String::new();
    let flush = |number: &mut String, out: &mut String| {
        // Separators hanging at either end are punctuation, not part of the number.
        let core = number.trim_matches(is_number_separator);
        let lead = &number[..number.find(core).unwrap_or(0)];
        let tail = &number[lead.len() + core.len()..];
        out.push_str(lead);
        // A number that reads only forwards stays (pypdf leaves some numbers as they are,
        // a number standing alone at a line's edge); the others follow the document.
        if plausible_number(core.chars()) && !plausible_number(core.chars().rev()) {
            out.push_str(core);
        } else {
            out.extend(core.chars().rev());
        }
        out.push_str(tail);
        number.clear();
    };
    for c in line.chars() {
        if is_indic_digit(c) || (!number.is_empty() && is_number_separator(c)) {
            number.push(c);
        } else {
            flush(&mut number, &mut out);
            out.push(c);
        }
    }
    flush(&mut number, &mut out);
    Cow::Owned(out)
}

/// Swaps opening and closing brackets: an extractor that writes visual order writes the
/// mirrored glyph a right-to-left line shows.
pub fn mirror_brackets(line: &str) -> String {
    line.chars().map(mirror).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_count_wherever_they_stand_in_the_line() {
        // Right-aligned lines padded with spaces, and a line with a column before its mark.
        let padded = "      \u{202B}قتل 12 شخصا\u{202C}\n\u{202B}وأصيب 30\u{202C}\nالعمود الأيسر     \u{202B}والأيمن\u{202C}\n";
        assert!(explicit_rtl(padded));
        assert!(!explicit_rtl("قتل 12 شخصا\nوأصيب 30\n\u{202B}سطر\u{202C}\nسطر آخر\n"));
        // Lines without Arabic letters are not evidence.
        assert!(explicit_rtl("\u{202B}قتل 12 شخصا\u{202C}\n1 Jane Roe, Report, 2023.\n2 John Doe, 2022.\n"));
    }

    #[test]
    fn glued_numbers_tell_visual_order_but_proclitics_do_not() {
        assert!(glues_number_to_word("ألف شخص باتوا400 وأضافت"));
        assert!(glues_number_to_word("٣٢٠٢ذكرت المفوضية"));
        assert!(!glues_number_to_word("دمر 25 آلية و8 مخازن ب200 طلقة خلال الـ24 ساعة"));
        let visual = "مدنيا، بينهم64 أيام\nألف شخص باتوا400 وأضافت\n";
        assert!(VisualOrder::of(visual).numbers_are_objects);
        // Proclitics on numbers (`و5`) are no glue, and one line gluing a number to the next
        // word (a lost space) is not enough.
        assert!(!VisualOrder::of("قتل 37 مدنيا و5 جنود\nبلغ عدد العائدين 18 ألفا و250عاد بعضهم\n").numbers_are_objects);
    }

    #[test]
    fn reversed_indic_numbers_are_told_by_impossible_forms() {
        // `٠٠٤٬٢١` (12,400), `٠٠٩` (900) and `٣٢٠٢` (2023) as pypdf writes them.
        assert!(VisualOrder::of("بلغ ٠٠٤٬٢١ أسرة\nسجلت ٠٠٩ إصابة عام ٣٢٠٢\n").indic_reversed);
        assert!(!VisualOrder::of("بلغ ١٢٬٤٠٠ أسرة\nسجلت ٩٠٠ إصابة عام ٢٠٢٣\n").indic_reversed);
        // No evidence either way: glyph-named text with numbers as objects (pypdf) is
        // taken as reversed, other text is not.
        let silent = "جريحا إلى المستشفيات، وإن٦٢وقال مسؤول إن فرقه أجلت\nأسرة تنتظر.٥نحو\n";
        assert!(VisualOrder::of_extraction(silent, true).indic_reversed);
        assert!(!VisualOrder::of_extraction(silent, false).indic_reversed);
        // Evidence wins over the extractor: `٩٠٠` reads forwards only.
        assert!(!VisualOrder::of_extraction("سجلت٩٠٠إصابة\nو١٢٬٤٠٠أسرة\n", true).indic_reversed);
        assert!(!plausible_number("٠٥٤".chars()));
        assert!(!plausible_number("٠٠٤٬٢١".chars()));
        assert!(plausible_number("١٢٬٤٠٠".chars()));
    }

    #[test]
    fn indic_numbers_are_put_back_in_reading_order() {
        assert_eq!(reverse_indic_numbers("عام ٣٢٠٢، بلغ ٠٠٤٬٢١ أسرة و٥٫٣."), "عام ٢٠٢٣، بلغ ١٢٬٤٠٠ أسرة و٣٫٥.");
        assert_eq!(reverse_indic_numbers("قتل 120 شخصا"), "قتل 120 شخصا");
        // `٤٥٠` backwards would open with a zero: it was left as it is.
        assert_eq!(reverse_indic_numbers("٤٥٠ بينهم و٠٠٩"), "٤٥٠ بينهم و٩٠٠");
    }

    #[test]
    fn words_written_back_to_front_are_told_by_their_letters() {
        // `الشمالية`, `طفلة`, `على` as pdfminer writes them.
        assert!(letters_reversed("ةيلامشلا ءايحألا ىلع\nةلفط 19 مهنيب\n"));
        for (c, bytes) in RTL_OPENERS.iter().zip(RTL_OPENER_BYTES) {
            assert_eq!(c.encode_utf8(&mut [0; 4]).as_bytes(), bytes);
        }
        // Counting at the final-only letters agrees with a walk over every character.
        let walk = |text: &str| {
            let (mut opening, mut ending, mut prev) = (0usize, 0usize, None::<char>);
            for c in text.chars() {
                let prev_letter = prev.is_some_and(is_arabic_letter);
                opening += usize::from(matches!(c, 'ة' | 'ى') && !prev_letter);
                ending += usize::from(!is_arabic_letter(c) && prev.is_some_and(|p| matches!(p, 'ة' | 'ى')));
                prev = Some(c);
            }
            ending += usize::from(prev.is_some_and(|p| matches!(p, 'ة' | 'ى')));
            opening >= 3 && opening > ending
        };
        for text in ["ةيلامشلا ءايحألا ىلع\nةلفط", "ة ى ة", "ىة ةى x", "مدينة على", "ة", "", "aةb ىc ةd"] {
            assert_eq!(letters_reversed(text), walk(text), "{text}");
        }
        assert!(!letters_reversed("الأحياء الشمالية على طفلة\nمدينة\n"));
        // A line read back: words and their order, numbers and brackets.
        assert_eq!(reverse_line(".ةتوافتم حورجب 230 نم رثكأ"), "أكثر من 230 بجروح متفاوتة.");
        assert_eq!(reverse_line("٦ نأ ىلإ (يرمعلا دلاخ) ةيلحملا"), "المحلية (خالد العمري) إلى أن ٦");
        assert_eq!(reverse_line("ةرسأ ١٢٬٤٠٠ غلب"), "بلغ ١٢٬٤٠٠ أسرة");
    }

    #[test]
    fn brackets_are_mirrored() {
        assert_eq!(mirror_brackets("المدني )سامر الحلبي( إن"), "المدني (سامر الحلبي) إن");
    }
}
