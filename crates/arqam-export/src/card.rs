//! The dataset card (`output/README.md`) and its chart of the disputed figures
//! (`output/disputes.svg`), generated from the tables so they never disagree with them.
//!
//! The chart is plain SVG built with the `svg` crate: labels are `<text>` that the viewer
//! shapes (Arabic included), values sit on a log scale so 12 and 12,000 are both readable.

use std::collections::BTreeMap;

use svg::node::element::{Circle, Group, Line, Polygon, Text as SvgText};
use svg::Document;

use crate::dataset::Value;
use crate::disputes::ClaimantRange;
use crate::schema::TableSchema;
use crate::stream::Summary;

/// Inputs listed one by one in the card; a larger corpus is summarised (all of them are
/// in `documents` and `datapackage.json`).
const LISTED_INPUTS: usize = 50;

/// Inputs and versions, for the card's provenance section.
#[derive(Debug, Clone)]
pub struct Provenance {
    pub arqam_version: String,
    pub lexicon_version: String,
    pub created: String,
}

fn fmt_num(v: f64) -> String {
    if v.fract() != 0.0 {
        return format!("{v:.2}").trim_end_matches('0').trim_end_matches('.').to_string();
    }
    let digits = format!("{}", v.abs() as u64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if v < 0.0 {
        out.insert(0, '-');
    }
    out
}

fn range_label(r: &ClaimantRange) -> String {
    match (r.low, r.high) {
        (Some(l), Some(h)) if l == h => fmt_num(l),
        (Some(l), Some(h)) => format!("{}–{}", fmt_num(l), fmt_num(h)),
        (Some(l), None) => format!("≥ {}", fmt_num(l)),
        (None, Some(h)) => format!("≤ {}", fmt_num(h)),
        (None, None) => "?".into(),
    }
}

const PALETTE: &[&str] = &["#1b6ca8", "#c0392b", "#27ae60", "#8e44ad", "#d35400", "#16a085", "#2c3e50", "#b7950b"];

/// One colour per claimant, stable across runs.
fn colour(claimant: &str) -> &'static str {
    let h = claimant.bytes().fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32));
    PALETTE[h as usize % PALETTE.len()]
}

/// The chart: per disputed (measure, actor), each claimant's value or interval on a log scale.
pub fn disputes_svg(ranges: &[ClaimantRange]) -> String {
    let (left, plot_w, right, row_h, top) = (250.0, 520.0, 150.0, 26.0, 70.0);
    let values: Vec<f64> = ranges.iter().flat_map(|r| [r.low, r.high]).flatten().filter(|v| *v > 0.0).collect();
    let lo_exp = values.iter().cloned().fold(f64::INFINITY, f64::min).log10().floor().clamp(-3.0, 0.0);
    let hi_exp = values.iter().cloned().fold(1.0f64, f64::max).log10().ceil().max(lo_exp + 1.0);
    let x = |v: f64| left + (v.max(10f64.powf(lo_exp)).log10() - lo_exp) / (hi_exp - lo_exp) * plot_w;
    let mut groups: BTreeMap<(String, String), Vec<&ClaimantRange>> = BTreeMap::new();
    for r in ranges {
        groups.entry((r.measure.clone(), r.actor.clone())).or_default().push(r);
    }
    let n_rows: usize = groups.values().map(|g| g.len() + 1).sum();
    let height = top + n_rows.max(1) as f64 * row_h + 50.0;
    let width = left + plot_w + right;
    let font = "font-family:'DejaVu Sans',Arial,sans-serif";
    let mut doc = Document::new().set("viewBox", (0, 0, width, height)).set("width", width).set("height", height).set("style", font);
    doc = doc.add(svg::node::element::Rectangle::new().set("width", width).set("height", height).set("fill", "white"));
    doc = doc.add(
        SvgText::new("Disputed figures: each claimant's value or range (log scale)").set("x", 20).set("y", 28).set("font-size", 17).set("font-weight", "bold"),
    );
    doc = doc.add(
        SvgText::new("dot = one value · bar = range · arrow = open bound (more than / less than)")
            .set("x", 20)
            .set("y", 48)
            .set("font-size", 12)
            .set("fill", "#555"),
    );
    // Gridlines and tick labels at powers of ten.
    let bottom = top + n_rows as f64 * row_h;
    let mut e = lo_exp;
    while e <= hi_exp + 1e-9 {
        let v = 10f64.powf(e);
        let xv = x(v);
        doc = doc.add(Line::new().set("x1", xv).set("x2", xv).set("y1", top - 6.0).set("y2", bottom).set("stroke", "#ddd"));
        doc = doc.add(SvgText::new(fmt_num(v)).set("x", xv).set("y", bottom + 18.0).set("font-size", 12).set("text-anchor", "middle").set("fill", "#333"));
        e += 1.0;
    }
    let mut y = top;
    for ((measure, actor), rs) in &groups {
        doc = doc.add(SvgText::new(format!("{measure} · {actor}")).set("x", 20).set("y", y + 17.0).set("font-size", 14).set("font-weight", "bold"));
        y += row_h;
        for r in rs {
            let c = colour(&r.claimant);
            let cy = y + row_h / 2.0;
            let mut g = Group::new();
            g = g.add(
                SvgText::new(format!("{} ({})", r.claimant, r.n_figures))
                    .set("x", left - 12.0)
                    .set("y", cy + 4.0)
                    .set("font-size", 13)
                    .set("text-anchor", "end"),
            );
            let (x1, x2) = match (r.low, r.high) {
                (Some(l), Some(h)) => (x(l), x(h)),
                (Some(l), None) => (x(l), left + plot_w),
                (None, Some(h)) => (left, x(h)),
                (None, None) => (left, left),
            };
            if (x2 - x1).abs() < 1.0 {
                g = g.add(Circle::new().set("cx", x1).set("cy", cy).set("r", 6).set("fill", c));
            } else {
                g = g.add(
                    Line::new().set("x1", x1).set("x2", x2).set("y1", cy).set("y2", cy).set("stroke", c).set("stroke-width", 8).set("stroke-linecap", "round"),
                );
                if r.high.is_none() {
                    g = g.add(Polygon::new().set("points", format!("{},{} {},{} {},{}", x2, cy - 8.0, x2 + 12.0, cy, x2, cy + 8.0)).set("fill", c));
                }
                if r.low.is_none() {
                    g = g.add(Polygon::new().set("points", format!("{},{} {},{} {},{}", x1, cy - 8.0, x1 - 12.0, cy, x1, cy + 8.0)).set("fill", c));
                }
            }
            g = g.add(SvgText::new(range_label(r)).set("x", x2.max(x1) + 16.0).set("y", cy + 4.0).set("font-size", 13).set("fill", "#222"));
            doc = doc.add(g);
            y += row_h;
        }
    }
    if groups.is_empty() {
        doc = doc.add(SvgText::new("No figure is claimed by two or more sources yet.").set("x", 20).set("y", top + 16.0).set("font-size", 14));
    }
    let mut out = doc.to_string();
    out.push('\n');
    out
}

/// Text from documents, file names or lexicons, made inert in Markdown and HTML: markup
/// characters are backslash-escaped, `<`, `>` and `&` become entities, and line breaks or
/// other control characters become spaces, so a file name cannot open a heading, a link or
/// an `<img onerror>` in the card.
pub fn md_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '#' | '|' | '!' | '{' | '}' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Str(s) | Value::Date(s) => md_text(s),
        Value::Int(i) => i.to_string(),
        Value::Num(n) => fmt_num(*n),
        Value::Bool(b) => b.to_string(),
        Value::StrList(_) | Value::Joined(_) => v.str_items().map(md_text).collect::<Vec<_>>().join(", "),
        Value::IntList(l) => l.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(", "),
    }
}

/// The dataset card.
pub fn card(schemas: &[TableSchema], summary: &Summary, p: &Provenance) -> String {
    let mut s = String::new();
    s.push_str("<!-- Generated by arqam build-dataset. Do not edit: rebuild with `just build-dataset`. -->\n\n");
    s.push_str("# arqam: numeric figures in Arabic conflict reporting\n\n");
    s.push_str(
        "Every numeric figure the input reports state (prisoners, attackers, killed, displaced, duration …), \
with **what it counts**, **whose people**, **who claims it** and **which footnote it cites**, and a table of \
**where the parties' numbers disagree**. Each figure points back to its document, sentence and exact span: \
`documents.text[start:end] == figures.surface` (code-point offsets, as Python slices them).\n\n",
    );
    s.push_str("## How it was made\n\n");
    s.push_str(&format!("- Built by arqam {} (rule-based extraction; no model) with lexicon version {}.\n", p.arqam_version, md_text(&p.lexicon_version)));
    s.push_str(&format!(
        "- Snapshot date {} (the newest input's publication date, or `SOURCE_DATE_EPOCH`): builds are reproducible, so no wall-clock time is recorded.\n",
        &p.created[..10.min(p.created.len())]
    ));
    s.push_str("- Pipeline: decode → parse (article or PDF-text reading-order repair, footnotes) → normalize → extract (numbers, counted nouns, measures, actors, claimants, dates) → export.\n");
    s.push_str("\n| input | format | encoding | sha256 |\n|---|---|---|---|\n");
    for i in summary.inputs.iter().take(LISTED_INPUTS) {
        s.push_str(&format!("| {} | {} | {} | `{}` |\n", md_text(&i.path), i.format, i.encoding, i.sha256));
    }
    if summary.n_inputs > LISTED_INPUTS {
        s.push_str(&format!("| … and {} more (see `documents`) | | | |\n", summary.n_inputs - LISTED_INPUTS));
    }
    s.push_str(
        "\n## Tables\n\nEach table is in `NAME.csv` (UTF-8, lists as JSON arrays) and `NAME.parquet`; `datapackage.json` is the Frictionless descriptor.\n\n",
    );
    s.push_str("| table | rows | description |\n|---|---|---|\n");
    for t in schemas {
        s.push_str(&format!("| `{}` | {} | {} |\n", t.name, summary.rows(t.name), t.description));
    }
    for t in schemas {
        s.push_str(&format!("\n### `{}`\n\n| column | type | description |\n|---|---|---|\n", t.name));
        for f in &t.fields {
            let values = f.values.as_ref().map(|v| format!(" One of: {}.", v.join(", "))).unwrap_or_default();
            s.push_str(&format!("| `{}` | {} | {}{} |\n", f.name, f.ty.frictionless(), f.description, values));
        }
    }
    {
        let counts = &summary.by_measure;
        let claimants: std::collections::BTreeSet<&String> = counts.values().flat_map(|by| by.keys()).collect();
        s.push_str("\n## Figures by measure and claimant\n\n| measure | ");
        s.push_str(&claimants.iter().map(|c| md_text(c)).collect::<Vec<_>>().join(" | "));
        s.push_str(" | total |\n|---|");
        s.push_str(&"---|".repeat(claimants.len() + 1));
        s.push('\n');
        for (m, by) in counts {
            let total: usize = by.values().sum();
            let cells: Vec<String> = claimants.iter().map(|c| by.get(*c).map_or(String::new(), |n| n.to_string())).collect();
            s.push_str(&format!("| {} | {} | {total} |\n", md_text(m), cells.join(" | ")));
        }
    }
    {
        s.push_str("\n## Where the numbers disagree\n\n![Disputed figures by claimant, log scale](disputes.svg)\n\n");
        s.push_str("| measure | actor | claimants | figures | low | high | spread |\n|---|---|---|---|---|---|---|\n");
        for r in &summary.disputes {
            s.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} | {} |\n",
                cell(&r[0]),
                cell(&r[1]),
                cell(&r[2]),
                cell(&r[3]),
                cell(&r[4]),
                cell(&r[5]),
                r[6].clone().num_or_blank()
            ));
        }
        s.push_str("\nThese are competing estimates of the same population: compare them, never add them up (`do_not_sum`).\n");
    }
    s.push_str("\n## Caveats\n\n");
    s.push_str("- Extraction is rule-based: lexicons of actors, attribution cues, counted nouns and event words (`lexicons/`) and Arabic number grammar. Figures in constructions the rules do not cover are missed; check `confidence` and read the sentence (`sentences.text`) before citing a figure.\n");
    s.push_str("- Text extracted from PDFs comes in scrambled reading order; arqam repairs it (`documents.n_repaired_lines`, `documents.warnings`), but words far from their place can still give a figure the wrong counted noun or claimant.\n");
    s.push_str("- `claimant = author` means no attribution cue was found: the document's own voice, not necessarily its own research.\n");
    s.push_str("- `actor` is inferred from the counted noun and the actors named around it; `null` means the figure does not say whose people it counts.\n");
    s.push_str("- In the CSV files, a text cell that starts with `=`, `+`, `-` or `@` carries a leading `'` so that no spreadsheet runs it as a formula (OWASP's advice on CSV injection); the Parquet files hold the text exactly as extracted, and `arqam build-dataset --raw-csv` writes CSV without the guard.\n");
    s.push_str("- Vague quantities are intervals (`عشرات` = 10–99); open bounds (`أكثر من 100`) leave `value_high` empty.\n");
    s.push_str("\n## Licence and citation\n\nThe data is released under **CC BY 4.0** (https://creativecommons.org/licenses/by/4.0/); the source reports remain their publishers'. The arqam code is MIT-licensed. To cite, see `CITATION.cff` in the arqam repository.\n");
    s
}

trait NumOrBlank {
    fn num_or_blank(self) -> String;
}

impl NumOrBlank for Value {
    fn num_or_blank(self) -> String {
        match self {
            Value::Num(n) => format!("{n:.1}×"),
            _ => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_ranges_read_well() {
        assert_eq!(fmt_num(12000.0), "12,000");
        assert_eq!(fmt_num(0.5), "0.5");
        let r = |low, high| ClaimantRange { measure: "m".into(), actor: "a".into(), claimant: "c".into(), low, high, n_figures: 1 };
        assert_eq!(range_label(&r(Some(3000.0), Some(5000.0))), "3,000–5,000");
        assert_eq!(range_label(&r(Some(100.0), None)), "≥ 100");
    }

    #[test]
    fn chart_has_a_row_per_claimant_and_escapes_text() {
        let rs = vec![
            ClaimantRange { measure: "attackers".into(), actor: "isis".into(), claimant: "sdf".into(), low: Some(200.0), high: Some(200.0), n_figures: 1 },
            ClaimantRange { measure: "attackers".into(), actor: "isis".into(), claimant: "isis".into(), low: Some(12.0), high: Some(12.0), n_figures: 1 },
            ClaimantRange { measure: "attackers".into(), actor: "isis".into(), claimant: "a<b".into(), low: Some(100.0), high: None, n_figures: 2 },
        ];
        let svg = disputes_svg(&rs);
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("sdf (1)") && svg.contains("isis (1)") && svg.contains("≥ 100"));
        assert!(svg.contains("a&lt;b"));
        assert_eq!(svg.matches("<circle").count(), 2);
    }
}
