//! Every lexicon row checked on load, before anything is built from it.
//!
//! A lexicon is data a researcher edits by hand, so a bad row must be an error naming the
//! file and the line, never a crash later (an `inf` number made the chart's tick loop
//! allocate until out of memory), an impossible date (month 13), a broken primary key
//! (two actors with one id) or a silent change of meaning (a file without its header read
//! as empty, a one-letter alias matching everywhere).
//!
//! The checks read the files as plain CSV records (so each has its line) and look at
//! columns by name: a file may add columns; it may not drop the ones listed here.

use std::path::Path;

use arqam_model::{ActorType, Measure, Qualifier};

use crate::{LexiconError, Set};

/// The columns each lexicon file must have.
const REQUIRED: &[(&str, &[&str])] = &[
    ("actors.csv", &["actor_id", "name_ar", "name_en", "type", "group", "aliases"]),
    ("cues.csv", &["cue", "kind", "claimant"]),
    ("units.csv", &["singular", "forms", "gloss", "measure", "actor", "kind"]),
    ("events.csv", &["word", "measure", "role"]),
    ("qualifiers.csv", &["phrase", "qualifier", "position", "inclusive"]),
    ("numbers.csv", &["word", "value", "kind", "high"]),
    ("ordinals.csv", &["word", "value"]),
    ("months.csv", &["name", "month"]),
    ("noun_context.csv", &["word", "role"]),
    ("number_context.csv", &["word", "role"]),
    ("attribution_words.csv", &["word", "role"]),
    ("article_words.csv", &["word", "role"]),
    ("pdf_words.csv", &["word", "role"]),
    ("dates.csv", &["word", "kind", "value"]),
];

/// One record with a lookup by column name.
struct Row<'a> {
    headers: &'a csv::StringRecord,
    record: csv::StringRecord,
}

impl Row<'_> {
    fn get(&self, column: &str) -> &str {
        self.headers.iter().position(|h| h == column).and_then(|i| self.record.get(i)).unwrap_or("")
    }
}

fn row_error(origin: &Path, file: &str, line: u64, message: String) -> LexiconError {
    LexiconError::Row { path: origin.join(file), line, message }
}

/// An id as the tables use it: lower-case ASCII letters, digits, `_`, `-`, `:`, `.`.
fn is_id(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '-' | ':' | '.'))
}

fn finite_number(s: &str) -> Option<f64> {
    s.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// The kinds of `numbers.csv` the number reader knows.
const NUMBER_KINDS: &[&str] =
    &["unit", "ten_unit", "teen", "ten", "hundred", "hundreds", "scale", "scale_dual", "scale_plural", "fraction", "fraction_plural", "vague"];

/// Letters in an alias, ignoring spaces and marks.
fn letters(s: &str) -> usize {
    s.chars().filter(|c| c.is_alphabetic()).count()
}

/// Checks every file of `files` that this module knows; the first bad row is the error.
pub fn check(files: &[(String, String)], origin: &Path) -> Result<(), LexiconError> {
    for (name, data) in files {
        let Some((_, required)) = REQUIRED.iter().find(|(n, _)| n == name) else { continue };
        let mut rdr = csv::ReaderBuilder::new().trim(csv::Trim::All).flexible(true).from_reader(data.as_bytes());
        let headers = rdr.headers().map_err(|e| row_error(origin, name, 1, e.to_string()))?.clone();
        let missing: Vec<&str> = required.iter().copied().filter(|c| !headers.iter().any(|h| h == *c)).collect();
        if !missing.is_empty() {
            return Err(row_error(
                origin,
                name,
                1,
                format!("the header must name the columns {} (missing: {}); is the header line there?", required.join(","), missing.join(",")),
            ));
        }
        let mut seen: Set<String> = Set::default();
        for rec in rdr.records() {
            let record = rec.map_err(|e| row_error(origin, name, e.position().map_or(0, |p| p.line()), e.to_string()))?;
            let line = record.position().map_or(0, |p| p.line());
            if record.iter().all(str::is_empty) {
                continue;
            }
            let row = Row { headers: &headers, record };
            check_row(name, &row, &mut seen).map_err(|m| row_error(origin, name, line, m))?;
        }
    }
    Ok(())
}

fn check_row(file: &str, row: &Row<'_>, seen: &mut Set<String>) -> Result<(), String> {
    match file {
        "actors.csv" => {
            let id = row.get("actor_id");
            if !is_id(id) {
                return Err(format!("actor_id {id:?}: use lower-case letters, digits and _ (it is a key of the actors table)"));
            }
            if !seen.insert(id.to_string()) {
                return Err(format!("actor_id {id:?} appears twice (it is the actors table's primary key)"));
            }
            let group = row.get("group");
            if !group.is_empty() && !is_id(group) {
                return Err(format!("group {group:?}: use lower-case letters, digits and _"));
            }
            let kind = row.get("type");
            if ActorType::parse(kind).is_none() {
                return Err(format!("actor {id}: unknown type {kind:?} (one of {})", ActorType::names().join(", ")));
            }
            for alias in row.get("aliases").split('|').map(str::trim).filter(|a| !a.is_empty()).chain([row.get("name_ar")]) {
                // A one-letter alias would match a clitic or an initial anywhere.
                if letters(alias) < 2 {
                    return Err(format!("actor {id}: alias {alias:?} has fewer than two letters"));
                }
            }
        }
        "units.csv" => {
            let m = row.get("measure");
            if Measure::parse(m).is_none() {
                return Err(format!("unit {}: unknown measure {m:?} (one of {})", row.get("singular"), Measure::names().join(", ")));
            }
            if !matches!(row.get("kind"), "person" | "thing" | "time" | "case") {
                return Err(format!("unit {}: kind {:?} is not person, thing, time or case", row.get("singular"), row.get("kind")));
            }
            let actor = row.get("actor");
            if !actor.is_empty() && !is_id(actor) {
                return Err(format!("unit {}: actor {actor:?} is not a group id (lower-case letters, digits and _)", row.get("singular")));
            }
        }
        "events.csv" => {
            let m = row.get("measure");
            if Measure::parse(m).is_none() {
                return Err(format!("{}: unknown measure {m:?}", row.get("word")));
            }
            let role = row.get("role");
            if !matches!(role, "event" | "container" | "sides" | "irrealis") {
                return Err(format!("{}: role {role:?} is not event, container, sides or irrealis", row.get("word")));
            }
        }
        "qualifiers.csv" => {
            let phrase = row.get("phrase");
            let q = row.get("qualifier");
            if Qualifier::parse(q).is_none() {
                return Err(format!("{phrase}: unknown qualifier {q:?} (one of {})", Qualifier::names().join(", ")));
            }
            if !matches!(row.get("position"), "before" | "after") {
                return Err(format!("{phrase}: position {:?} is not before or after", row.get("position")));
            }
            if !matches!(row.get("inclusive"), "true" | "false") {
                return Err(format!("{phrase}: inclusive {:?} is not true or false", row.get("inclusive")));
            }
        }
        "numbers.csv" => {
            let word = row.get("word");
            let value = finite_number(row.get("value")).ok_or_else(|| format!("{word}: value {:?} is not a finite number", row.get("value")))?;
            if value < 0.0 {
                return Err(format!("{word}: value {value} is negative"));
            }
            let kind = row.get("kind");
            if !NUMBER_KINDS.contains(&kind) {
                return Err(format!("{word}: unknown kind {kind:?} (one of {})", NUMBER_KINDS.join(", ")));
            }
            let high = row.get("high");
            if kind == "vague" && high.is_empty() {
                return Err(format!("{word}: a vague quantity needs its high bound"));
            }
            if !high.is_empty() {
                let h = finite_number(high).ok_or_else(|| format!("{word}: high {high:?} is not a finite number"))?;
                if h < value {
                    return Err(format!("{word}: the range {value}–{h} is inverted (high below value)"));
                }
            }
        }
        "ordinals.csv" => {
            let v = row.get("value");
            if finite_number(v).is_none_or(|x| x < 0.0) {
                return Err(format!("{}: value {v:?} is not a finite, non-negative number", row.get("word")));
            }
        }
        "months.csv" => {
            let m = row.get("month");
            if !m.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m)) {
                return Err(format!("{}: month {m:?} is not 1–12", row.get("name")));
            }
        }
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(name: &str, data: &str) -> Result<(), LexiconError> {
        check(&[(name.to_string(), data.to_string())], Path::new("lex"))
    }

    fn fails(name: &str, data: &str, needle: &str) {
        let err = one(name, data).unwrap_err().to_string();
        assert!(err.contains(name) && err.contains(needle), "{err}");
    }

    #[test]
    fn bad_rows_are_errors_with_file_and_line() {
        fails("numbers.csv", "word,value,kind,high\nعشرة,10,ten,\nمليار,inf,scale,\n", "line 3");
        fails("numbers.csv", "word,value,kind,high\nعشرات,99,vague,10\n", "inverted");
        fails("numbers.csv", "word,value,kind,high\nشيء,NaN,unit,\n", "finite");
        fails("months.csv", "name,month\nيناير,1\nشهر,13\n", "line 3");
        fails("months.csv", "name,month\nشهر,0\n", "1–12");
        fails("actors.csv", "actor_id,name_ar,name_en,type,group,aliases\nsdf,قسد,SDF,armed_group,sdf,\nsdf,قوات,SDF,armed_group,sdf,\n", "twice");
        fails("actors.csv", "actor_id,name_ar,name_en,type,group,aliases\nx,اكس,X,ngo,,ق\n", "fewer than two letters");
        fails("units.csv", "singular,forms,gloss,measure,actor,kind\nسجين,سجناء,prisoner,prisoners,,person\n", "unknown measure");
        fails("units.csv", "سجين,سجناء,prisoner,detainees,,person\n", "header");
        fails("units.csv", "singular,forms,gloss,measure,actor,kind\nانغماسي,,attacker,killed,ISIS,person\n", "group id");
        fails("actors.csv", "actor_id,name_ar,name_en,type,group,aliases\nx,اكس,X,ngo,,\ny,واي,Y,militia,,\n", "line 3");
        fails("events.csv", "word,measure,role\nقتل,killed,event\nسجن,detainees,prison\n", "line 3");
        fails("qualifiers.csv", "phrase,qualifier,position,inclusive\nنحو,approximate,before,false\nفوق,above,before,false\n", "line 3");
        fails("qualifiers.csv", "phrase,qualifier,position,inclusive\nنحو,approximate,ahead,false\n", "position");
        fails("numbers.csv", "word,value,kind,high\nعشرات,10,vague,\n", "high bound");
        fails("numbers.csv", "word,value,kind,high\nعشرة,10,tens,\n", "unknown kind");
    }

    #[test]
    fn good_rows_and_extra_columns_pass() {
        assert!(one("numbers.csv", "word,value,kind,high,note\nعشرات,10,vague,99,x\n").is_ok());
        assert!(one("months.csv", "name,month\nكانون الأول,12\n").is_ok());
    }
}
