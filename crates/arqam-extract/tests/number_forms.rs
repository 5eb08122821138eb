//! The number layer on the forms real reporting uses (SPEC v2 "Values"): value, qualifier
//! and surface of each count, and no count where a numeral-like string names something
//! else. Phrases written for arqam.

use arqam_extract::numbers::{find_numbers, MentionKind, NumberOptions};
use arqam_lexicon::Lexicon;
use arqam_model::{Qualifier, Span};
use arqam_normalize::tokenize;
use std::sync::OnceLock;

fn lex() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(Lexicon::builtin)
}

/// Every count or dual read in `s`: `(low, high, qualifier, surface)`.
fn counts(s: &str) -> Vec<(Option<f64>, Option<f64>, Qualifier, String)> {
    let toks = tokenize(s, Span::new(0, s.len()));
    find_numbers(&toks, lex(), &|_| false, NumberOptions::default())
        .into_iter()
        .filter(|m| matches!(m.kind, MentionKind::Count | MentionKind::Dual))
        .map(|m| {
            let sp = m.span(&toks);
            (m.low, m.high, m.qualifier, s[sp.start..sp.end].to_string())
        })
        .collect()
}

/// The single count of `s`, as `(low, high, qualifier, surface)`.
fn one(s: &str) -> (Option<f64>, Option<f64>, Qualifier, String) {
    let got = counts(s);
    assert_eq!(got.len(), 1, "{s}: {got:?}");
    got.into_iter().next().unwrap()
}

fn exact(v: f64, surface: &str) -> (Option<f64>, Option<f64>, Qualifier, String) {
    (Some(v), Some(v), Qualifier::Exact, surface.to_string())
}

#[test]
fn a_scale_and_its_remainder_are_one_number() {
    assert_eq!(one("قتل 28 ألفا و315 شخصا"), exact(28315.0, "28 ألفا و315"));
    assert_eq!(one("بلغ عددهم سبعة عشر ألفا و430 أسيرا"), exact(17430.0, "سبعة عشر ألفا و430"));
    assert_eq!(one("اعتقل ألفين و615 شخصا"), exact(2615.0, "ألفين و615"));
    assert_eq!(one("أصيب 6 آلاف و 384 شخصا"), exact(6384.0, "6 آلاف و 384"));
    assert_eq!(one("قتل 27 ألفًا 846 مدنيا"), exact(27846.0, "27 ألفًا 846"));
    assert_eq!(one("نزح 4 ملايين و700 ألف شخص"), exact(4_700_000.0, "4 ملايين و700 ألف"));
    assert_eq!(one("وصل العدد إلى ألف و873"), exact(1873.0, "ألف و873"));
    // The remainder's digits lost the space before the next word.
    assert_eq!(one("بلغ العدد 51 ألفاً و73وصل عدد"), exact(51073.0, "51 ألفاً و73"));
    assert_eq!(one("قتل ألفي شخص"), exact(2000.0, "ألفي"));
    // A remainder as large as the scale is the other end of a range.
    assert_eq!(one("ما بين 7 آلاف و 12 ألف شخص"), (Some(7000.0), Some(12000.0), Qualifier::Range, "ما بين 7 آلاف و 12 ألف".into()));
}

#[test]
fn separators_follow_the_writers_meaning() {
    assert_eq!(one("قتل 8.362 شخصا").0, Some(8362.0));
    assert_eq!(one("يقيم فيه ٦٣٫٠٠٠ نازح").0, Some(63000.0));
    assert_eq!(one("نزح 2.5 مليون شخص").0, Some(2_500_000.0));
    assert_eq!(one("نزح 18.750 ألف شخص").0, Some(18750.0));
    assert_eq!(one("نزح 11,4 مليون شخص").0, Some(11_400_000.0));
    assert_eq!(one("نزح 2ر7 مليون شخص"), exact(2_700_000.0, "2ر7 مليون"));
    assert_eq!(one("نزح ٤ آلاف ٣ مائة و ٢١ شخصا"), exact(4321.0, "٤ آلاف ٣ مائة و ٢١"));
    // No counted word after it: a decimal.
    assert_eq!(one("القيمة 4.800").0, Some(4.8));
}

#[test]
fn parentheses_glued_nouns_and_a_loose_article() {
    assert_eq!(one("اعتقل (145) ألف شخص"), exact(145_000.0, "(145) ألف"));
    assert_eq!(one("اعتقل 36معتقلا"), exact(36.0, "36"));
    assert_eq!(one("في ريف المدينة 23لكل منهما"), exact(23.0, "23"));
    assert_eq!(one("تجاوز ال 380 ألف لاجئ"), (Some(380_000.0), None, Qualifier::AtLeast, "تجاوز ال 380 ألف".into()));
}

#[test]
fn vague_quantities_and_hedged_pairs() {
    let vague = |l: f64, h: f64, s: &str| (Some(l), Some(h), Qualifier::Vague, s.to_string());
    assert_eq!(one("نزح ملايين المدنيين"), vague(1_000_000.0, 9_999_999.0, "ملايين"));
    assert_eq!(one("فر بضعة آلاف من السكان"), vague(3000.0, 9999.0, "بضعة آلاف"));
    assert_eq!(one("اعتقل بضع مئات من الشبان"), vague(300.0, 999.0, "بضع مئات"));
    assert_eq!(one("قدرت الخسائر بعشرات بل مئات الملايين"), vague(10_000_000.0, 999_999_999.0, "بعشرات بل مئات الملايين"));
    assert_eq!(one("لا تتجاوز مئات الآلاف"), (None, Some(999_999.0), Qualifier::AtMost, "لا تتجاوز مئات الآلاف".into()));
    assert_eq!(one("نزح عشرات الملايين"), vague(10_000_000.0, 99_999_999.0, "عشرات الملايين"));
    assert_eq!(one("قتل بضعة عشر شخصا"), vague(13.0, 19.0, "بضعة عشر"));
    assert!(counts("تسعى عدة أطراف إلى التهدئة").is_empty());
}

#[test]
fn qualifiers_reach_into_the_surface() {
    assert_eq!(one("قتل ما يناهز 260 شخصا"), (Some(260.0), Some(260.0), Qualifier::Approximate, "ما يناهز 260".into()));
    assert_eq!(one("قدرت بنحو 420 قتيلا"), (Some(420.0), Some(420.0), Qualifier::Approximate, "بنحو 420".into()));
    assert_eq!(one("نزح ما يصل إلى 45 ألف شخص"), (None, Some(45000.0), Qualifier::AtMost, "ما يصل إلى 45 ألف".into()));
    assert_eq!(one("تجاوز 16 ألفا"), (Some(16000.0), None, Qualifier::AtLeast, "تجاوز 16 ألفا".into()));
    assert_eq!(one("تجاوز عددهم 16 ألفا"), (Some(16000.0), None, Qualifier::AtLeast, "تجاوز عددهم 16 ألفا".into()));
    assert_eq!(one("تجاوزت حصيلة القتلى 85 ألفا"), (Some(85_000.0), None, Qualifier::AtLeast, "تجاوزت حصيلة القتلى 85 ألفا".into()));
    assert_eq!(one("أفرج عن ما لم يقل عن 700 سجين"), (Some(700.0), None, Qualifier::AtLeast, "ما لم يقل عن 700".into()));
    assert_eq!(one("حكم على سجناء تقل أعمارهم عن 16 عاما"), (None, Some(16.0), Qualifier::AtMost, "تقل أعمارهم عن 16".into()));
    assert_eq!(one("لأكثر من 12 سنة"), (Some(12.0), None, Qualifier::AtLeast, "لأكثر من 12".into()));
    // After the number, or after its noun.
    assert_eq!(one("قتل ألف ونيف شخص"), (Some(1000.0), None, Qualifier::AtLeast, "ألف ونيف".into()));
    assert_eq!(one("اعتقل 300 شخص كحد أدنى").2, Qualifier::AtLeast);
    assert_eq!(one("نزح 40 ألفا على أقل تقدير").2, Qualifier::AtLeast);
}

#[test]
fn ranges_keep_their_opener_and_approximator() {
    let range = |l: f64, h: f64, s: &str| (Some(l), Some(h), Qualifier::Range, s.to_string());
    assert_eq!(one("ما يتراوح بين 1500 إلى 2500 لاجئ"), range(1500.0, 2500.0, "ما يتراوح بين 1500 إلى 2500"));
    assert_eq!(one("قدرت بما بين 150 و400 شخص"), range(150.0, 400.0, "بما بين 150 و400"));
    assert_eq!(one("يؤوي نحو 6 إلى 7 آلاف موقوف"), range(6000.0, 7000.0, "نحو 6 إلى 7 آلاف"));
}

#[test]
fn a_cardinal_with_the_article_after_a_plural_noun_counts_it() {
    assert_eq!(one("خلال الساعات الست والثلاثين الأخيرة"), exact(36.0, "الساعات الست والثلاثين"));
    assert_eq!(one("طوال السنوات السبع الأخيرة"), exact(7.0, "السنوات السبع"));
    // Elsewhere it stays a rank.
    assert!(counts("في اليوم الخامس والعشرين").is_empty());
}

#[test]
fn a_dual_takes_a_half_and_a_qualifier() {
    assert_eq!(one("مكث قرابة سنتين ونصف في الزنزانة"), (Some(2.5), Some(2.5), Qualifier::Approximate, "قرابة سنتين ونصف".into()));
    assert_eq!(one("منذ سنتين"), exact(2.0, "سنتين"));
}

#[test]
fn one_said_after_its_noun_takes_the_noun() {
    assert_eq!(one("قتل طفل واحد في القصف"), exact(1.0, "طفل واحد"));
    assert_eq!(one("اعتقلت سيدة واحدة في المدينة"), exact(1.0, "سيدة واحدة"));
    // A known noun keeps its `واحد` before `من` too ("one woman from the city").
    assert_eq!(one("اعتقلت سيدة واحدة من المدينة"), exact(1.0, "سيدة واحدة"));
    // After a word that is no known noun, `واحد من` is "one of"; after a pronoun it is
    // the pronoun "one".
    assert_eq!(one("أصيب واحد من المسعفين"), exact(1.0, "واحد"));
    assert_eq!(one("وهو واحد من القادة"), exact(1.0, "واحد"));
    // The adjective agrees with its noun; a predicate or a pronoun is no noun.
    assert_eq!(one("مضت ساعة واحد"), exact(1.0, "واحد"));
    assert_eq!(one("كان الناتج واحد"), exact(1.0, "واحد"));
    assert_eq!(one("كان لديها واحد"), exact(1.0, "واحد"));
}

#[test]
fn numeral_like_strings_that_are_no_count() {
    for s in [
        "وصل الوفد يوم الاثنين",
        "عقد الاجتماع الأحد الماضي",
        "بدأ القصف عند الساعة 11:45",
        "توقف عند ٠٧:٢٠ بتوقيت غرينتش",
        "نشر بتاريخ 2025-03-14 على الموقع",
        "نشر بتاريخ 14.03.2025 على الموقع",
        "انتهت المعارك عام ألفين وعشرين",
        "في تموز ألفين وتسعة عشر اشتدت",
        "وقعت الهجمات بين 3 و9 مارس",
        "وقع الانفجار في 23 من هذا الشهر",
        "صدر في 12 ربيع الأول 1443 هـ",
        "سقطت قذيفة على أحد السجون",
        "قتل في إحدى الغارات",
        "طالب بتطبيق القرار 2254",
        "انظر الصفحة 45 من التقرير",
        "اتصل على +963 21 555 0199 الآن",
        "تدهور الأوضاع [1] في المخيمات",
        "تدهور الأوضاع (2) في المخيمات",
        "1- تحسين ظروف الاحتجاز",
        "2.",
        "3) نقل المعتقلين",
        "في نهاية العام.2022 وفق المصدر",
        "في الفترة من 2011 إلى 2020",
        "قتلوا في 12-3 الماضي",
    ] {
        assert!(counts(s).is_empty(), "{s}: {:?}", counts(s));
    }
    // `الأحد عشر` after a plural noun is "the eleven", not Sunday.
    assert_eq!(one("نقل الأسرى الأحد عشر مساء الخميس"), exact(11.0, "الأسرى الأحد عشر"));
    for s in ["أصيب بفيروس كوفيد-19", "أسقطت طائرة إف-16", "قالت قناة فرانس 24 إن", "في القرن 21"] {
        assert!(counts(s).is_empty(), "{s}: {:?}", counts(s));
    }
    // `لعام` after a law's number is "of the year", not a counted noun.
    assert!(counts("صدر القانون رقم 10 لعام 2018").is_empty());
    for s in ["عاد فلسطينيو أراضي الـ48 إلى قراهم", "انتهت حرب 73 بهدنة"] {
        assert!(counts(s).is_empty(), "{s}: {:?}", counts(s));
    }
    // A proportion is no count.
    assert!(counts("قتل 9 من كل 10 أطفال").is_empty());
    // A label head followed by a scale counts.
    assert_eq!(one("كان العدد 8 آلاف معتقل"), exact(8000.0, "8 آلاف"));
}
