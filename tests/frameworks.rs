//! The embedded framework files, checked natively.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashSet;

use cpsa::domain::framework;

#[test]
fn child_journey_has_the_nine_case_types_of_the_standard_sample_with_their_counts() {
    let fw = framework::child_journey().expect("the embedded framework parses");
    let plan: Vec<(&str, u32)> = fw
        .case_types
        .iter()
        .map(|t| (t.id.as_str(), t.default_count))
        .collect();
    assert_eq!(
        plan,
        vec![
            ("domestic-abuse", 5),
            ("s47-enquiry", 5),
            ("general-concern", 5),
            ("police-protection", 3),
            ("missing", 3),
            ("cse", 3),
            ("online-sexual-abuse", 3),
            ("sex-offender", 3),
            ("custody", 3),
        ]
    );
    // N14 and N18 Annex A: the force self-assessed 33 cases.
    assert_eq!(fw.default_sample_size(), 33);
}

#[test]
fn child_journey_case_types_have_unique_ids_and_cite_known_sources() {
    let fw = framework::child_journey().expect("the embedded framework parses");
    let mut ids = HashSet::new();
    for t in &fw.case_types {
        assert!(ids.insert(&t.id), "case type id {} appears twice", t.id);
        assert!(
            !t.citations.is_empty(),
            "case type {} cites no source",
            t.id
        );
        for c in &t.citations {
            let code = c.split_whitespace().next().unwrap_or_default();
            assert!(
                fw.sources.iter().any(|s| s.id == code),
                "case type {} cites {c:?}, whose source {code:?} the framework does not list",
                t.id
            );
        }
    }
}
