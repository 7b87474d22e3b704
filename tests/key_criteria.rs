//! The second version of the built-in frameworks: key criteria by case type
//! with their reasons, applicability corrected where the reports do not
//! support a criterion, conditions, the timeline; and the first version
//! still as it was.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{framework_version, latest_framework};
use cpsa::domain::framework::{Catalogue, Framework, FrameworkError};
use serde_json::json;

fn applies(fw: &Framework, criterion: &str, case_type: &str, conditions: &[&str]) -> bool {
    let conditions: Vec<String> = conditions.iter().map(|c| (*c).to_owned()).collect();
    let c = fw.criterion(criterion).expect(criterion);
    fw.applies(c, case_type, &conditions)
}

fn key(fw: &Framework, criterion: &str, case_type: &str) -> bool {
    fw.criterion(criterion)
        .expect(criterion)
        .is_key_for(case_type)
}

#[test]
fn new_assessments_use_version_two_and_version_one_stays_readable_as_it_was() {
    let catalogue = Catalogue::builtin().unwrap();
    let current: Vec<String> = catalogue
        .current()
        .map(|f| format!("{}@{}", f.id, f.version))
        .collect();
    assert_eq!(current, ["child-journey@2.0.0", "ncpi-2024@2.0.0"]);
    let v1 = framework_version("child-journey", "1.0.0");
    assert_eq!(v1.criteria.iter().filter(|c| c.key.is_some()).count(), 26);
    assert!(!key(v1, "IC8", "domestic-abuse"));
    assert!(applies(v1, "IC1", "custody", &[]));
    assert_eq!(v1.grading.key_weight, 1.0);
    assert_eq!(v1.grading.good_max_shortfall, None);
    assert!(v1.timeline.is_empty() && v1.conditions.is_empty());
    // The 2024 framework's second version keeps its first's topics.
    let n1 = framework_version("ncpi-2024", "1.0.0");
    let n2 = latest_framework("ncpi-2024");
    assert_eq!(n1.topics, n2.topics);
    assert_eq!(n2.action_plan_follow_up().map(|f| f.weeks), Some(8));
}

#[test]
fn every_key_marking_of_version_two_says_why_and_cites_its_source() {
    for id in ["child-journey", "ncpi-2024"] {
        let fw = latest_framework(id);
        for c in fw.criteria.iter() {
            if let Some(k) = &c.key {
                assert!(k.why.len() > 40, "{id} {}: no reason", c.id);
                assert!(!k.citations.is_empty(), "{id} {}: no source", c.id);
            }
        }
    }
}

#[test]
fn the_child_is_seen_or_heard_in_a_key_criterion_wherever_a_child_is_involved() {
    let fw = latest_framework("ncpi-2024");
    for t in &fw.case_types {
        let seen_or_heard = ["IC7", "IC8"]
            .iter()
            .any(|c| applies(fw, c, &t.id, &[]) && key(fw, c, &t.id));
        // A child's death leaves no child to hear.
        assert_eq!(seen_or_heard, t.id != "child-death", "{}", t.id);
    }
}

#[test]
fn the_decisive_failings_the_reports_name_are_key_for_their_case_types() {
    let fw = latest_framework("ncpi-2024");
    for (criterion, case_type) in [
        ("IC7", "domestic-abuse"),
        ("IC8", "missing"),
        ("IC8", "custody"),
        ("MI4", "missing"),
        ("IN2", "s47-enquiry"),
        ("IN2", "cce"),
        ("MR6", "sex-offender"),
        ("MI5", "missing"),
        ("MI2", "missing"),
        ("MI5", "cce"),
        ("AH7", "s47-enquiry"),
        ("AH5b", "s47-enquiry"),
        ("PD8a", "custody"),
        ("PD4", "custody"),
        ("IC10a", "domestic-abuse"),
    ] {
        assert!(key(fw, criterion, case_type), "{criterion} for {case_type}");
    }
    // Supervision of the investigation, wherever there is one of the
    // child's harm; in custody the investigation is of the child.
    for t in ["police-protection", "child-death", "domestic-abuse"] {
        assert!(key(fw, "IN2", t), "IN2 for {t}");
    }
    // Key differs by case type.
    assert!(!key(fw, "AH7", "cse"));
    assert!(!key(fw, "IN2", "custody"));
}

#[test]
fn call_handling_applies_to_offender_and_custody_cases_only_when_they_began_with_a_call() {
    let fw = latest_framework("child-journey");
    for c in ["IC1", "IC2", "IC5", "IC17"] {
        for t in ["sex-offender", "custody"] {
            assert!(!applies(fw, c, t, &[]), "{c} {t}");
            assert!(applies(fw, c, t, &["began-with-call"]), "{c} {t}");
        }
        assert!(applies(fw, c, "domestic-abuse", &[]), "{c}");
    }
    // The condition is asked only where it changes something.
    let asked: Vec<&str> = fw
        .conditions_for("custody")
        .map(|k| k.id.as_str())
        .collect();
    assert_eq!(asked, ["began-with-call"]);
    assert_eq!(fw.conditions_for("domestic-abuse").count(), 0);
}

#[test]
fn criteria_the_reports_do_not_support_for_a_case_type_no_longer_apply_to_it() {
    let fw = latest_framework("ncpi-2024");
    for c in ["IC8", "TA1", "TA3a", "TA3b"] {
        assert!(!applies(fw, c, "child-death", &[]), "{c}");
        assert!(applies(fw, c, "missing", &[]), "{c}");
    }
    for c in ["IN7", "TA5", "IN1"] {
        assert!(!applies(fw, c, "sex-offender", &[]), "{c}");
    }
    // N14: three months to interview a groomed 14-year-old.
    for c in ["IN3", "IN5"] {
        assert!(applies(fw, c, "online-sexual-abuse", &[]), "{c}");
    }
}

#[test]
fn child_criminal_exploitation_has_the_investigation_and_missing_criteria_it_lacked() {
    let fw = latest_framework("ncpi-2024");
    let v1 = framework_version("ncpi-2024", "1.0.0");
    for c in [
        "IC7", "IN1", "IN5", "IN6", "IN7", "IN9", "IN10a", "IN10b", "TA2", "AH12", "AH14",
    ] {
        assert!(!applies(v1, c, "cce", &[]), "{c} in version 1");
        assert!(applies(fw, c, "cce", &[]), "{c}");
    }
    for c in ["MI1", "MI3", "MI5", "MI8a"] {
        assert!(!applies(fw, c, "cce", &[]), "{c}");
        assert!(applies(fw, c, "cce", &["went-missing"]), "{c}");
    }
    // One strategy-discussion question for these cases, not two.
    assert!(applies(fw, "IN12d", "cce", &[]));
    assert!(!applies(fw, "AH5a", "cce", &[]));
}

#[test]
fn no_fact_is_scored_twice_in_one_case() {
    let fw = latest_framework("ncpi-2024");
    for (a, b, case_type) in [
        ("IC13", "PD7", "custody"),
        ("IN2", "MI4", "missing"),
        ("IN2", "MR6", "sex-offender"),
        ("AH5a", "IN12d", "cce"),
    ] {
        assert!(
            applies(fw, a, case_type, &[]) != applies(fw, b, case_type, &[]),
            "{a} and {b} both apply to {case_type}"
        );
    }
}

#[test]
fn the_timeline_gives_each_interval_a_cited_limit_or_a_force_standard_with_its_basis() {
    let fw = latest_framework("child-journey");
    let pp = fw.timeline.interval("police-protection").unwrap();
    let limit = pp.limit.as_ref().expect("a limit from the Children Act");
    assert_eq!(limit.minutes, 72 * 60);
    assert!(limit.citations[0].starts_with("CA89 section 46"));
    let attendance = fw.timeline.interval("attendance").unwrap();
    let standard = attendance.force_standard.as_ref().unwrap();
    assert_eq!(standard.suggested_minutes, 60);
    assert!(standard.basis.contains("within an hour"));
    assert!(attendance.criteria.contains(&"MI3".to_owned()));
    for i in &fw.timeline.intervals {
        assert!(i.limit.is_some() != i.force_standard.is_some(), "{}", i.id);
    }
}

/// A framework extending child-journey 2.0.0, as a user might load.
fn extension(extra: serde_json::Value) -> Result<Framework, FrameworkError> {
    let mut v = json!({
        "id": "local", "version": "1", "title": "Local",
        "extends": { "id": "child-journey", "version": "2.0.0" }
    });
    for (k, x) in extra.as_object().unwrap() {
        v[k] = x.clone();
    }
    Catalogue::builtin().unwrap().resolve(&v.to_string())
}

fn problems(extra: serde_json::Value) -> Vec<String> {
    match extension(extra) {
        Err(FrameworkError::Invalid { problems }) => {
            problems.iter().map(|p| p.to_string()).collect()
        }
        other => panic!("expected problems, got {other:?}"),
    }
}

#[test]
fn a_key_marking_without_a_reason_or_for_a_case_type_where_it_does_not_apply_is_refused() {
    let found = problems(json!({ "amend": {
        "IC3": { "key": { "for": ["custody"], "why": "", "citations": ["N18 Figure 10"] } }
    }}));
    assert!(
        found.contains(&"criterion \"IC3\": is key without saying why (key.why)".to_owned()),
        "{found:?}"
    );
    assert!(
        found.contains(
            &"criterion \"IC3\": is key for case type \"custody\", where it does not apply"
                .to_owned()
        ),
        "{found:?}"
    );
}

#[test]
fn a_condition_that_brings_in_a_criterion_already_applying_is_named() {
    let found = problems(json!({ "conditions": [{
        "id": "x", "question": "Q?", "case_types": ["missing"], "criteria": ["IC1"],
        "citations": ["N18 Figure 7"]
    }]}));
    assert_eq!(
        found,
        ["condition \"x\": brings in criterion \"IC1\" for case type \"missing\", where it applies already"]
    );
}

#[test]
fn an_interval_needs_known_events_and_exactly_one_kind_of_limit() {
    let found = problems(json!({ "timeline": { "intervals": [{
        "id": "odd", "name": "Odd", "from": "reported", "to": "sunrise", "criteria": ["IC4"],
        "limit": { "minutes": 10, "citations": ["N18 Figure 4"] },
        "force_standard": { "suggested_minutes": 5, "basis": "b" }
    }]}}));
    assert!(found.contains(&"timeline interval \"odd\": runs from or to event \"sunrise\", which the timeline does not define".to_owned()), "{found:?}");
    assert!(found.contains(&"timeline interval \"odd\": needs exactly one of limit (a figure with its source) and force_standard".to_owned()), "{found:?}");
}

#[test]
fn extending_a_key_marking_to_a_criterion_that_is_not_key_is_refused() {
    let found = problems(json!({ "key_for_added": { "IC3": ["custody"] } }));
    assert_eq!(
        found,
        ["key_for_added \"IC3\": names a criterion that is not key"]
    );
}

#[test]
fn a_framework_that_rebases_on_one_not_loaded_is_refused() {
    let err = extension(json!({ "rebases": { "id": "ncpi-2024", "version": "0.1" } })).unwrap_err();
    assert!(
        err.to_string().contains("not available on this device"),
        "{err}"
    );
}

#[test]
fn a_framework_that_rebases_another_framework_is_refused() {
    // Rebasing brings in the named file's own content: only an earlier
    // version of the same framework may be named, never another one.
    let found = problems(json!({ "rebases": { "id": "ncpi-2024", "version": "1.0.0" } }));
    assert!(
        found.contains(&"rebases: ncpi-2024 version 1.0.0 is another framework: a file rebases only an earlier version of itself (local)".to_owned()),
        "{found:?}"
    );
}
