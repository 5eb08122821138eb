//! The actors lexicon is consistent: ids and groups are plain snake_case ids, no alias
//! names two actors, and the claimant and group ids SPEC names exist.

use arqam_lexicon::{phrase_keys, Lexicon};

fn is_id(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

#[test]
fn ids_and_groups_are_snake_case_and_unique() {
    let lex = Lexicon::builtin();
    let mut ids: Vec<&str> = lex.actors.iter().map(|a| a.actor_id.as_str()).collect();
    for a in &lex.actors {
        assert!(is_id(&a.actor_id), "actor id {:?}", a.actor_id);
        assert!(a.group.is_empty() || is_id(&a.group), "{}: group {:?}", a.actor_id, a.group);
        assert!(!a.name_en.is_empty() && !a.name_ar.is_empty(), "{}: names", a.actor_id);
    }
    ids.sort_unstable();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate actor ids");
}

#[test]
fn no_alias_names_two_actors() {
    let lex = Lexicon::builtin();
    let mut seen: std::collections::HashMap<Vec<String>, &str> = std::collections::HashMap::new();
    for a in &lex.actors {
        for alias in a.alias_list().iter().chain(std::iter::once(&a.name_ar)) {
            let keys = phrase_keys(alias);
            if let Some(other) = seen.insert(keys, &a.actor_id) {
                assert_eq!(other, a.actor_id, "alias {alias:?} names {other} and {}", a.actor_id);
            }
        }
    }
}

#[test]
fn the_ids_spec_names_exist() {
    let lex = Lexicon::builtin();
    for id in ["sdf", "isis", "sohr", "unicef", "un", "hrw", "gaza_health_ministry", "israeli_army", "icrc", "ocha", "iom", "unhcr"] {
        assert!(lex.actor(id).is_some(), "claimant {id}");
    }
    for group in ["isis", "sdf", "syrian_government", "coalition", "iraqi_government", "israel", "hamas", "hezbollah", "rsf", "sudanese_army", "houthis"] {
        assert!(lex.actors.iter().any(|a| a.group == group), "group {group}");
    }
}
