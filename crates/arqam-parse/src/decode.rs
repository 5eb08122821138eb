//! Bytes → text: encoding detection, line ends, invisible controls.

use arqam_model::{Diagnostic, Stage};
use arqam_normalize::clean_display;

/// Decoded text with the encoding it was read as.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// `\n` line ends, display-cleaned line by line.
    pub text: String,
    /// WHATWG name of the encoding (`UTF-8`, `UTF-16LE`, `windows-1256`).
    pub encoding: String,
    /// Most Arabic lines carry an explicit right-to-left embedding (as poppler's pdftotext
    /// writes them, after any padding or a neighbouring column): the text is already in
    /// logical order, whatever its layout.
    pub explicit_rtl: bool,
    /// How many Arabic presentation forms were mapped back to letters: glyphs as a PDF
    /// names them, which nobody types.
    pub presentation_forms: usize,
    /// The input lines (1-based) on which a new page starts: the form feeds an extractor
    /// writes between pages are control characters the display text drops.
    pub page_starts: Vec<usize>,
    pub diagnostics: Vec<Diagnostic>,
}

/// How plausible a decoding is as Arabic text: Arabic letters count for it; Latin letters
/// with accents (Windows-1256 reading ISO-8859-6 bytes), diacritics at more than a tenth of
/// the letters (ISO-8859-6 reading Windows-1256 bytes), replacement characters and C1
/// controls count against it.
fn arabic_score(text: &str) -> i64 {
    let (mut letters, mut accented, mut marks, mut bad) = (0i64, 0i64, 0i64, 0i64);
    for c in text.chars() {
        if arqam_normalize::is_arabic_letter(c) {
            letters += 1;
        } else if arqam_normalize::is_diacritic(c) {
            marks += 1;
        } else if ('\u{00C0}'..='\u{00FF}').contains(&c) {
            accented += 1;
        } else if c == '\u{FFFD}' || ('\u{0080}'..='\u{009F}').contains(&c) {
            bad += 1;
        }
    }
    letters - 5 * accented - 3 * (marks - letters / 10).max(0) - 10 * bad
}

/// The legacy single-byte encoding that reads `bytes` as the most plausible Arabic.
fn legacy_arabic(bytes: &[u8]) -> &'static encoding_rs::Encoding {
    let candidates = [encoding_rs::WINDOWS_1256, encoding_rs::ISO_8859_6];
    let mut best = (i64::MIN, encoding_rs::WINDOWS_1256);
    for enc in candidates {
        let (text, _) = enc.decode_without_bom_handling(bytes);
        let score = arabic_score(&text);
        if score > best.0 {
            best = (score, enc);
        }
    }
    best.1
}

/// Looks an encoding up by its WHATWG label (`utf-8`, `windows-1256`, `iso-8859-6`, `utf-16le` …).
/// Labels of the WHATWG "replacement" encoding (`iso-2022-kr`, `hz-gb-2312` …) are refused:
/// it decodes any input to a single U+FFFD, which would silently empty the document.
pub fn encoding_for_label(label: &str) -> Option<&'static encoding_rs::Encoding> {
    encoding_rs::Encoding::for_label(label.trim().as_bytes()).filter(|e| *e != encoding_rs::REPLACEMENT)
}

/// Whether bytes that are not valid UTF-8 are still UTF-8 text with a few damaged bytes:
/// at most one invalid sequence for every 10 valid non-ASCII characters. Text in a legacy
/// Arabic encoding has almost no valid multi-byte sequences, so it fails this by far.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut invalid, mut multibyte) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    multibyte > 0 && invalid * 10 <= multibyte
}

/// Decodes input bytes. A BOM decides; otherwise valid UTF-8 is UTF-8; otherwise the bytes
/// are read as Windows-1256 or ISO-8859-6, whichever gives the more plausible Arabic.
/// Malformed sequences become U+FFFD and are reported.
pub fn decode(bytes: &[u8]) -> Decoded {
    decode_with(bytes, None)
}

/// [`decode`], with an encoding forced (a sidecar or a flag); a BOM still wins over it.
pub fn decode_with(bytes: &[u8], forced: Option<&'static encoding_rs::Encoding>) -> Decoded {
    let mut diagnostics = Vec::new();
    // Valid UTF-8 without a BOM (most files) is text as it is: validated once, not decoded.
    let (encoding, body, utf8) = match (encoding_rs::Encoding::for_bom(bytes), forced) {
        (Some((enc, bom_len)), _) => (enc, &bytes[bom_len..], None),
        (None, Some(enc)) => (enc, bytes, None),
        (None, None) => match std::str::from_utf8(bytes) {
            Ok(text) => (encoding_rs::UTF_8, bytes, Some(text)),
            // A stray byte in UTF-8 text is one replacement character, not a reason to
            // read the whole text as Windows-1256.
            Err(_) if mostly_utf8(bytes) => (encoding_rs::UTF_8, bytes, None),
            Err(_) => (legacy_arabic(bytes), bytes, None),
        },
    };
    let (text, had_errors) = match utf8 {
        Some(text) => (std::borrow::Cow::Borrowed(text), false),
        None => encoding.decode_without_bom_handling(body),
    };
    if had_errors {
        diagnostics.push(Diagnostic::new(Stage::Decode, "malformed_bytes", format!("invalid {} sequences replaced by U+FFFD", encoding.name()), None));
    }
    // One pass counts what the diagnostics report (the text of a large corpus is read once).
    let (mut nul, mut invisible, mut forms, mut cr) = (false, 0usize, 0usize, false);
    for (_, c) in arqam_normalize::uncommon_chars(&text) {
        if c.is_ascii() {
            match c {
                '\0' => nul = true,
                '\r' => cr = true,
                '\t' => {}
                _ => invisible += 1,
            }
        } else if arqam_normalize::is_invisible_control(c) {
            invisible += 1;
        } else if arqam_normalize::is_presentation_form(c) {
            forms += 1;
        }
    }
    if nul {
        diagnostics.push(Diagnostic::new(Stage::Decode, "nul_bytes", "NUL characters removed", None));
    }
    if invisible > 0 {
        diagnostics.push(Diagnostic::new(
            Stage::Decode,
            "invisible_controls_removed",
            format!("{invisible} bidi, zero-width or control characters removed"),
            None,
        ));
    }
    if forms > 0 {
        diagnostics.push(Diagnostic::new(
            Stage::Decode,
            "presentation_forms_mapped",
            format!("{forms} Arabic presentation forms mapped back to letters"),
            None,
        ));
    }
    let unified: std::borrow::Cow<str> = if cr {
        diagnostics.push(Diagnostic::new(Stage::Decode, "line_ends_unified", "CR and CRLF line ends read as LF", None));
        text.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        std::borrow::Cow::Borrowed(&*text)
    };
    let explicit_rtl = crate::pdf_text::direction::explicit_rtl(&unified);
    let page_starts = if unified.contains('\u{000C}') {
        unified.lines().enumerate().filter(|(i, l)| *i > 0 && l.contains('\u{000C}')).map(|(i, _)| i + 1).collect()
    } else {
        Vec::new()
    };
    // Newlines pass through the display cleanup unchanged and NFC never composes across
    // them, so the whole text is cleaned at once.
    let out = clean_display(&unified);
    Decoded { text: out, encoding: encoding.name().to_string(), explicit_rtl, presentation_forms: forms, page_starts, diagnostics }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_a_stray_byte_stays_utf8_with_one_replacement() {
        let mut bytes = "قالت المصادر إن 12 مدنيا قتلوا في القصف على الحي الشرقي.".as_bytes().to_vec();
        bytes.insert(9, 0xFF); // between two letters
        let d = decode(&bytes);
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.text.matches('\u{FFFD}').count(), 1, "{}", d.text);
        assert!(d.text.contains("مدنيا"));
        assert!(d.diagnostics.iter().any(|x| x.code == "malformed_bytes"));
        // Windows-1256 text is still told apart.
        let cp = encoding_rs::WINDOWS_1256.encode("قالت المصادر إن 12 مدنيا قتلوا").0;
        assert_eq!(decode(&cp).encoding, "windows-1256");
    }

    #[test]
    fn an_encoding_that_decodes_nothing_is_refused() {
        assert!(encoding_for_label("iso-2022-kr").is_none());
        assert!(encoding_for_label("windows-1256").is_some());
    }

    #[test]
    fn reads_utf8_with_and_without_bom() {
        assert_eq!(decode("قسد\r\nداعش".as_bytes()).text, "قسد\nداعش");
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("قسد".as_bytes());
        let d = decode(&b);
        assert_eq!((d.text.as_str(), d.encoding.as_str()), ("قسد", "UTF-8"));
    }

    #[test]
    fn counts_what_the_cleanup_removes_and_maps() {
        // U+061C is in the Arabic block but invisible; U+00A0 and tab are kept as spaces.
        let d = decode("قسد\u{061C} \u{200F}داعش \u{FEFB}\u{FEB3}\t١٢\u{00A0}۳\r\nسجن\u{0}".as_bytes());
        let message = |code: &str| d.diagnostics.iter().find(|x| x.code == code).map(|x| x.message.clone());
        assert_eq!(message("invisible_controls_removed").as_deref(), Some("2 bidi, zero-width or control characters removed"));
        assert_eq!(message("presentation_forms_mapped").as_deref(), Some("2 Arabic presentation forms mapped back to letters"));
        assert!(message("line_ends_unified").is_some() && message("nul_bytes").is_some());
        assert_eq!(d.text, "قسد داعش لاس ١٢ ۳\nسجن");
    }

    #[test]
    fn reads_utf16_and_windows_1256() {
        let mut b = vec![0xFF, 0xFE];
        for u in "سجن 5".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&b);
        assert_eq!((d.text.as_str(), d.encoding.as_str()), ("سجن 5", "UTF-16LE"));
        let (cp, _, _) = encoding_rs::WINDOWS_1256.encode("سجن غويران");
        let d = decode(&cp);
        assert_eq!((d.text.as_str(), d.encoding.as_str()), ("سجن غويران", "windows-1256"));
    }

    #[test]
    fn iso_8859_6_is_told_from_windows_1256() {
        let text = "قالت مصادر محلية إن ثلاثين شخصا قتلوا في الهجوم على السجن";
        let (iso, _, _) = encoding_rs::ISO_8859_6.encode(text);
        let d = decode(&iso);
        assert_eq!((d.text.as_str(), d.encoding.as_str()), (text, "ISO-8859-6"));
        let (cp, _, _) = encoding_rs::WINDOWS_1256.encode(text);
        assert_eq!(decode(&cp).encoding, "windows-1256");
    }

    #[test]
    fn utf16_big_endian_and_unpaired_surrogates() {
        let mut b = vec![0xFE, 0xFF];
        for u in "قسد".encode_utf16() {
            b.extend_from_slice(&u.to_be_bytes());
        }
        b.extend_from_slice(&[0xD8, 0x00]); // an unpaired high surrogate at the end
        let d = decode(&b);
        assert_eq!(d.encoding, "UTF-16BE");
        assert!(d.text.starts_with("قسد"));
        assert!(d.diagnostics.iter().any(|x| x.code == "malformed_bytes"));
    }
}
