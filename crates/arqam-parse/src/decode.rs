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
    pub diagnostics: Vec<Diagnostic>,
}

/// Decodes input bytes. A BOM decides; otherwise valid UTF-8 is UTF-8; otherwise the
/// bytes are read as Windows-1256, the common legacy Arabic encoding. Malformed sequences
/// become U+FFFD and are reported.
pub fn decode(bytes: &[u8]) -> Decoded {
    let mut diagnostics = Vec::new();
    let (encoding, body) = match encoding_rs::Encoding::for_bom(bytes) {
        Some((enc, bom_len)) => (enc, &bytes[bom_len..]),
        None if std::str::from_utf8(bytes).is_ok() => (encoding_rs::UTF_8, bytes),
        None => (encoding_rs::WINDOWS_1256, bytes),
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors {
        diagnostics.push(Diagnostic::new(Stage::Decode, "malformed_bytes", format!("invalid {} sequences replaced by U+FFFD", encoding.name()), None));
    }
    if text.contains('\0') {
        diagnostics.push(Diagnostic::new(Stage::Decode, "nul_bytes", "NUL characters removed", None));
    }
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(unified.len());
    for (i, line) in unified.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&clean_display(line));
    }
    Decoded { text: out, encoding: encoding.name().to_string(), diagnostics }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_utf8_with_and_without_bom() {
        assert_eq!(decode("قسد\r\nداعش".as_bytes()).text, "قسد\nداعش");
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("قسد".as_bytes());
        let d = decode(&b);
        assert_eq!((d.text.as_str(), d.encoding.as_str()), ("قسد", "UTF-8"));
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
}
