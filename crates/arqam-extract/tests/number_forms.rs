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
    assert_eq!(one("قتل 37 ألفا و512 شخصا"), exact(37512.0, "37 ألفا و512"));
    assert_eq!(one("بلغ عددهم تسعة عشر ألفا و250 أسيرا"), exact(19250.0, "تسعة عشر ألفا و250"));
    assert_eq!(one("اعتقل ألفين و340 شخصا"), exact(2340.0, "ألفين و340"));
    assert_eq!(one("أصيب 5 آلاف و 219 شخصا"), exact(5219.0, "5 آلاف و 219"));
    assert_eq!(one("قتل 44 ألفًا 532 مدنيا"), exact(44532.0, "44 ألفًا 532"));
    assert_eq!(one("نزح 3 ملايين و200 ألف شخص"), exact(3_200_000.0, "3 ملايين و200 ألف"));
    assert_eq!(one("ارتفع العدد إلى ألف و996"), exact(1996.0, "ألف و996"));
    // The remainder's digits lost the space before the next word.
    assert_eq!(one("ارتفع العدد إلى 62 ألفاً و64ارتفع عدد"), exact(62064.0, "62 ألفاً و64"));
    assert_eq!(one("قتل ألفي شخص"), exact(2000.0, "ألفي"));
    // A remainder as large as the scale is the other end of a range.
    assert_eq!(one("ما بين 10 آلاف و 15 ألف شخص"), (Some(10000.0), Some(15000.0), Qualifier::Range, "ما بين 10 آلاف و 15 ألف".into()));
}

#[test]
fn separators_follow_the_writers_meaning() {
    assert_eq!(one("قتل 5.421 شخصا").0, Some(5421.0));
    assert_eq!(one("يقيم فيه ٧٤٫٠٠٠ نازح").0, Some(74000.0));
    assert_eq!(one("نزح 1.5 مليون شخص").0, Some(1_500_000.0));
    assert_eq!(one("نزح 12.650 ألف شخص").0, Some(12650.0));
    assert_eq!(one("نزح 14,6 مليون شخص").0, Some(14_600_000.0));
    assert_eq!(one("نزح 3ر5 مليون شخص"), exact(3_500_000.0, "3ر5 مليون"));
    assert_eq!(one("نزح ٤ آلاف ٣ مائة و ٢١ شخصا"), exact(4321.0, "٤ آلاف ٣ مائة و ٢١"));
    // No counted word after it: a decimal.
    assert_eq!(one("القيمة 4.800").0, Some(4.8));
}

#[test]
fn parentheses_glued_nouns_and_a_loose_article() {
    assert_eq!(one("اعتقل (230) ألف شخص"), exact(230_000.0, "(230) ألف"));
    assert_eq!(one("اعتقل 48معتقلا"), exact(48.0, "48"));
    assert_eq!(one("في ريف المدينة 17لكل منهما"), exact(17.0, "17"));
    assert_eq!(one("تجاوز ال 570 ألف لاجئ"), (Some(570_000.0), None, Qualifier::AtLeast, "تجاوز ال 570 ألف".into()));
}

#[test]
fn vague_quantities_and_hedged_pairs() {
    let vague = |l: f64, h: f64, s: &str| (Some(l), Some(h), Qualifier::Vague, s.to_string());
    assert_eq!(one("نزح ملايين المدنيين"), vague(1_000_000.0, 9_999_999.0, "ملايين"));
    assert_eq!(one("فر بضعة آلاف من السكان"), vague(3000.0, 9999.0, "بضعة آلاف"));
    assert_eq!(one("اعتقل بضع مئات من الشبان"), vague(300.0, 999.0, "بضع مئات"));
    assert_eq!(one("قدرت القتلى بعشرات وربما مئات الآلاف"), vague(10000.0, 999_999.0, "بعشرات وربما مئات الآلاف"));
    assert_eq!(one("لا تتجاوز عشرات الآلاف"), (None, Some(99999.0), Qualifier::AtMost, "لا تتجاوز عشرات الآلاف".into()));
    assert_eq!(one("نزح عشرات الملايين"), vague(10_000_000.0, 99_999_999.0, "عشرات الملايين"));
    assert_eq!(one("قتل بضعة عشر شخصا"), vague(13.0, 19.0, "بضعة عشر"));
    assert!(counts("تسعى عدة أطراف إلى التهدئة").is_empty());
}

#[test]
fn qualifiers_reach_into_the_surface() {
    assert_eq!(one("قتل ما يناهز 300 شخص"), (Some(300.0), Some(300.0), Qualifier::Approximate, "ما يناهز 300".into()));
    assert_eq!(one("قدرت بنحو 300 قتيل"), (Some(300.0), Some(300.0), Qualifier::Approximate, "بنحو 300".into()));
    assert_eq!(one("نزح ما يصل إلى 30 ألف شخص"), (None, Some(30000.0), Qualifier::AtMost, "ما يصل إلى 30 ألف".into()));
    assert_eq!(one("تجاوز 20 ألفا"), (Some(20000.0), None, Qualifier::AtLeast, "تجاوز 20 ألفا".into()));
    assert_eq!(one("تجاوز عددهم 20 ألفا"), (Some(20000.0), None, Qualifier::AtLeast, "تجاوز عددهم 20 ألفا".into()));
    assert_eq!(one("تجاوزت حصيلة القتلى 150 ألفا"), (Some(150_000.0), None, Qualifier::AtLeast, "تجاوزت حصيلة القتلى 150 ألفا".into()));
    assert_eq!(one("أفرج عن ما لم يقل عن ألف سجين"), (Some(1000.0), None, Qualifier::AtLeast, "ما لم يقل عن ألف".into()));
    assert_eq!(one("حكم على من تقل أعمارهم عن 18 عاما"), (None, Some(18.0), Qualifier::AtMost, "تقل أعمارهم عن 18".into()));
    assert_eq!(one("لأكثر من 10 سنوات"), (Some(10.0), None, Qualifier::AtLeast, "لأكثر من 10".into()));
    // After the number, or after its noun.
    assert_eq!(one("قتل ألف ونيف شخص"), (Some(1000.0), None, Qualifier::AtLeast, "ألف ونيف".into()));
    assert_eq!(one("اعتقل 300 شخص كحد أدنى").2, Qualifier::AtLeast);
    assert_eq!(one("نزح 40 ألفا على أقل تقدير").2, Qualifier::AtLeast);
}

#[test]
fn ranges_keep_their_opener_and_approximator() {
    let range = |l: f64, h: f64, s: &str| (Some(l), Some(h), Qualifier::Range, s.to_string());
    assert_eq!(one("ما يتراوح بين 2000 إلى 3000 لاجئ"), range(2000.0, 3000.0, "ما يتراوح بين 2000 إلى 3000"));
    assert_eq!(one("قدرت بما بين 100 و300 شخص"), range(100.0, 300.0, "بما بين 100 و300"));
    assert_eq!(one("يضم نحو 4 إلى 5 آلاف موقوف"), range(4000.0, 5000.0, "نحو 4 إلى 5 آلاف"));
}

#[test]
fn a_cardinal_with_the_article_after_a_plural_noun_counts_it() {
    assert_eq!(one("خلال الساعات الأربع والعشرين الماضية"), exact(24.0, "الساعات الأربع والعشرين"));
    assert_eq!(one("طوال السنوات الست الماضية"), exact(6.0, "السنوات الست"));
    // Elsewhere it stays a rank.
    assert!(counts("في اليوم الخامس والعشرين").is_empty());
}

#[test]
fn a_dual_takes_a_half_and_a_qualifier() {
    assert_eq!(one("مكث نحو سنتين ونصف في السجن"), (Some(2.5), Some(2.5), Qualifier::Approximate, "نحو سنتين ونصف".into()));
    assert_eq!(one("منذ سنتين"), exact(2.0, "سنتين"));
}

#[test]
fn one_said_after_its_noun_takes_the_noun() {
    assert_eq!(one("قتل طفل واحد في القصف"), exact(1.0, "طفل واحد"));
    assert_eq!(one("اعتقلت سيدة واحدة في المدينة"), exact(1.0, "سيدة واحدة"));
    // `واحد من` is "one of"; after a pronoun it is the pronoun "one".
    assert_eq!(one("اعتقلت سيدة واحدة من المدينة"), exact(1.0, "واحدة"));
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
        "توقف عند ٠٥:٣٨ بتوقيت غرينتش",
        "نشر بتاريخ 2025-03-14 على الموقع",
        "نشر بتاريخ 14.03.2025 على الموقع",
        "انتهت المعارك عام ألفين وعشرين",
        "في آذار ألفين وخمسة عشر بدأت",
        "وقعت الهجمات بين 3 و9 مارس",
        "وقع الانفجار في 17 من هذا الشهر",
        "صدر في 12 ربيع الأول 1443 هـ",
        "سقطت قذيفة على أحد السجون",
        "قتل في إحدى الغارات",
        "طالب بتطبيق القرار 2254",
        "انظر الصفحة 45 من التقرير",
        "اتصل على +961 3 733 933 الآن",
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
    assert_eq!(one("أعدم السجناء الأحد عشر يوم الاثنين"), exact(11.0, "السجناء الأحد عشر"));
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
    assert_eq!(one("كان العدد 5 آلاف معتقل"), exact(5000.0, "5 آلاف"));
}
