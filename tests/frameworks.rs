//! The built-in framework files, and validation of any framework a user loads.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::builtin_framework as find;

use cpsa::domain::framework::{AppliesTo, Catalogue, Framework, FrameworkError, FrameworkRef};
use serde_json::{json, Value};

fn builtin() -> &'static Catalogue {
    Catalogue::builtin().expect("the built-in frameworks load and validate")
}

/// The start page names a framework from the titles build.rs reads out of
/// the files, without loading the frameworks: each must be the title the
/// loaded framework has, and a framework that is not built in has none.
#[test]
fn the_start_pages_titles_are_the_built_in_frameworks_own() {
    let mut count = 0;
    for fw in builtin().all() {
        let reference = FrameworkRef {
            id: fw.id.clone(),
            version: fw.version.clone(),
        };
        assert_eq!(
            Catalogue::builtin_title(&reference),
            Some(fw.title.as_str()),
            "{reference:?}"
        );
        count += 1;
    }
    assert_eq!(count, 4);
    let unknown = FrameworkRef {
        id: "child-journey".to_owned(),
        version: "9.0.0".to_owned(),
    };
    assert_eq!(Catalogue::builtin_title(&unknown), None);
}

#[test]
fn child_journey_has_the_nine_case_types_of_the_standard_sample_with_their_counts() {
    let fw = find("child-journey");
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
    // Every case type carries the names the reports also use for it.
    assert!(fw.case_types.iter().all(|t| !t.also_known_as.is_empty()));
}

#[test]
fn child_journey_has_the_seven_stages_and_over_a_hundred_cited_criteria() {
    let fw = find("child-journey");
    let stages: Vec<&str> = fw.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        stages,
        [
            "Initial contact",
            "Assessment and help",
            "Investigation",
            "Decision-making",
            "Trusted adult",
            "Managing those who pose a risk to children",
            "Police detention"
        ]
    );
    assert!(fw.criteria.len() >= 100, "{} criteria", fw.criteria.len());
    for c in &fw.criteria {
        assert!(!c.citations.is_empty() && !c.good.is_empty(), "{}", c.id);
    }
    let grades: Vec<&str> = fw.case_grades.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(grades, ["Good", "Requires improvement", "Inadequate"]);
}

#[test]
fn every_case_type_of_every_framework_has_a_key_criterion() {
    for fw in builtin().all() {
        for t in &fw.case_types {
            assert!(
                fw.criteria_for(&t.id).any(|c| c.is_key_for(&t.id)),
                "{}: case type {} has no key criterion",
                fw.id,
                t.id
            );
        }
    }
}

#[test]
fn the_2024_framework_adds_two_case_types_and_the_five_topics_on_a_five_point_scale() {
    let fw = find("ncpi-2024");
    let base = find("child-journey");
    let ids: Vec<&str> = fw.case_types.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids.len(), 11);
    assert!(ids.ends_with(&["cce", "child-death"]));
    // The same case audit: every child's-journey criterion is here too.
    assert!(base.criteria.iter().all(|c| fw.criterion(&c.id).is_some()));
    assert!(fw.criteria_count_for("cce") > 10);
    assert!(fw.criteria_count_for("child-death") > 10);

    let topics: Vec<&str> = fw.topics.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        topics,
        [
            "Leadership of child protection arrangements",
            "Working with safeguarding partners",
            "Responding to children at risk of harm",
            "Risk assessment and referrals",
            "Investigating child abuse, neglect and exploitation"
        ]
    );
    for t in &fw.topics {
        assert!(!t.good.is_empty(), "{} has criteria for good", t.id);
        assert!(!t.stages.is_empty(), "{} draws on case evidence", t.id);
    }
    let scale: Vec<&str> = fw.topic_grades.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(
        scale,
        [
            "Outstanding",
            "Good",
            "Adequate",
            "Requires improvement",
            "Inadequate"
        ]
    );
    assert!(fw.topic_grades.iter().all(|g| !g.meaning.is_empty()));
}

#[test]
fn the_glossary_explains_the_terms_auditors_meet() {
    let fw = find("child-journey");
    for term in ["PPN", "MASH", "MARAC", "s.46", "s.47", "DASH", "ViSOR"] {
        assert!(
            fw.glossary.iter().any(|g| g.term == term),
            "glossary lacks {term}"
        );
    }
}

/// The child's-journey file as JSON, to break in one place per test.
fn child_journey_json() -> Value {
    serde_json::from_str(include_str!("../src/frameworks/child-journey.json")).unwrap()
}

fn problems_of(v: &Value) -> Vec<String> {
    match Catalogue::empty().resolve(&v.to_string()) {
        Err(FrameworkError::Invalid { problems }) => {
            problems.iter().map(|p| p.to_string()).collect()
        }
        other => panic!("expected validation problems, got {other:?}"),
    }
}

#[test]
fn a_duplicate_criterion_id_is_named() {
    let mut v = child_journey_json();
    let first = v["criteria"][0].clone();
    v["criteria"].as_array_mut().unwrap().push(first);
    assert_eq!(
        problems_of(&v),
        ["criterion \"IC1\": is defined more than once"]
    );
}

#[test]
fn a_criterion_in_an_unknown_stage_or_case_type_is_named_with_the_reference() {
    let mut v = child_journey_json();
    v["criteria"][2]["stage"] = json!("triage");
    v["criteria"][3]["applies_to"] = json!(["domestic-abuse", "burglary"]);
    let problems = problems_of(&v);
    assert!(
        problems.contains(
            &"criterion \"IC3\": is in stage \"triage\", which the framework does not define"
                .into()
        ),
        "{problems:?}"
    );
    assert!(problems.contains(
        &"criterion \"IC4\": applies to case type \"burglary\", which the framework does not define".into()
    ), "{problems:?}");
}

#[test]
fn a_case_type_with_no_criteria_is_named() {
    let mut v = child_journey_json();
    v["case_types"].as_array_mut().unwrap().push(json!({
        "id": "fraud", "name": "Fraud", "description": "d", "default_count": 1,
        "citations": ["N18 Annex A"]
    }));
    // "all" criteria apply to it; make them not.
    for c in v["criteria"].as_array_mut().unwrap() {
        if c["applies_to"] == json!("all") {
            c["applies_to"] = json!(["domestic-abuse"]);
        }
    }
    assert_eq!(
        problems_of(&v),
        ["case type \"fraud\": has no criteria that apply to it"]
    );
}

#[test]
fn a_citation_of_an_unlisted_source_is_named() {
    let mut v = child_journey_json();
    v["criteria"][0]["citations"] = json!(["N99 chapter 1"]);
    assert_eq!(
        problems_of(&v),
        ["criterion \"IC1\": cites \"N99 chapter 1\", but \"N99\" is not one of the framework's sources"]
    );
}

#[test]
fn a_case_grade_scale_other_than_the_engines_is_refused() {
    let mut v = child_journey_json();
    v["case_grades"].as_array_mut().unwrap().remove(1);
    let problems = problems_of(&v);
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].starts_with("case grade scale: must have the levels"),
        "{problems:?}"
    );
}

#[test]
fn an_extension_of_an_unknown_framework_is_refused() {
    let ext = json!({
        "id": "local", "version": "1", "title": "Local",
        "extends": { "id": "child-journey", "version": "9.9.9" }
    });
    let err = builtin().resolve(&ext.to_string()).unwrap_err();
    assert_eq!(
        err,
        FrameworkError::UnknownBase {
            base: FrameworkRef {
                id: "child-journey".into(),
                version: "9.9.9".into()
            }
        }
    );
    assert!(err.to_string().contains("not available on this device"));
}

#[test]
fn an_extension_naming_an_unknown_criterion_is_refused() {
    let ext = json!({
        "id": "local", "version": "1", "title": "Local",
        "extends": { "id": "child-journey", "version": "1.0.0" },
        "applies_to_added": { "ZZ9": ["custody"] }
    });
    match builtin().resolve(&ext.to_string()) {
        Err(FrameworkError::Invalid { problems }) => assert_eq!(
            problems[0].to_string(),
            "applies_to_added \"ZZ9\": names a criterion the framework does not have"
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_custom_framework_loads_once_and_then_is_found_by_id_and_version() {
    let mut catalogue = builtin().clone();
    let fw = catalogue
        .load(common::TEST_FRAMEWORK)
        .expect("a valid custom framework");
    let reference = fw.reference();
    assert!(catalogue.find(&reference).is_some());
    assert_eq!(
        catalogue.load(common::TEST_FRAMEWORK).unwrap_err(),
        FrameworkError::Duplicate {
            framework: reference
        }
    );
}

#[test]
fn criteria_for_a_case_type_come_stage_by_stage() {
    let fw = common::test_framework();
    let alpha: Vec<&str> = fw.criteria_for("alpha").map(|c| c.id.as_str()).collect();
    assert_eq!(alpha, ["K1", "C1", "C2", "C3"]);
    let beta: Vec<&str> = fw.criteria_for("beta").map(|c| c.id.as_str()).collect();
    assert_eq!(beta, ["K1", "C1", "B1"]);
    assert_eq!(fw.criteria_for("gamma").count(), 0);
}

#[test]
fn the_action_plan_is_due_six_weeks_after_an_old_programme_report_and_eight_after_a_new_one() {
    let plan = |id: &str| find(id).action_plan_follow_up().unwrap().clone();
    assert_eq!(plan("child-journey").weeks, 6);
    assert_eq!(plan("ncpi-2024").weeks, 8);
    assert!(plan("ncpi-2024").citations[0].starts_with("N25"));
}

#[test]
fn a_follow_up_without_a_source_or_outside_a_year_is_refused() {
    let mut v = child_journey_json();
    v["follow_up"] = json!([
        { "id": "plan", "kind": "action-plan", "name": "Plan", "weeks": 60, "covers": "all", "citations": [] },
        { "id": "both", "kind": "revisit", "name": "Revisit", "weeks": 6, "months": 6, "covers": "all", "citations": ["N18 Next steps"] },
        { "id": "plan2", "kind": "action-plan", "name": "Plan", "weeks": 6, "covers": "all", "citations": ["N18 Next steps"] }
    ]);
    let err = Catalogue::empty()
        .resolve(&v.to_string())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains(r#"follow-up "plan": needs exactly one of weeks (1 to 52) and months"#),
        "{err}"
    );
    assert!(
        err.contains(r#"follow-up "plan": cites no source"#),
        "{err}"
    );
    assert!(
        err.contains(r#"follow-up "both": needs exactly one"#),
        "{err}"
    );
    assert!(err.contains("more than one action plan"), "{err}");
}

#[test]
fn force_level_statements_are_the_topics_in_2024_and_management_and_leadership_before() {
    let journey = find("child-journey");
    let areas: Vec<&str> = journey.leadership.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        areas,
        [
            "governance",
            "supervision-and-audit",
            "training",
            "partnership",
            "workforce-and-wellbeing",
            "learning-from-reviews"
        ]
    );
    // Every statement cites N14 or N18, the reports of the old programme.
    for (_, s) in journey.statements() {
        assert!(
            s.citations
                .iter()
                .all(|c| c.starts_with("N14") || c.starts_with("N18")),
            "{}: {:?}",
            s.id,
            s.citations
        );
    }
    assert_eq!(journey.statements().count(), 23);
    // The 2024 framework's statements are its topics' 45; the older
    // section does not carry over.
    let versions: Vec<&Framework> = Catalogue::builtin()
        .unwrap()
        .all()
        .filter(|f| f.id == "ncpi-2024")
        .map(|f| &**f)
        .collect();
    assert_eq!(versions.len(), 2);
    for fw in versions {
        assert!(fw.leadership.is_empty(), "{}", fw.version);
        assert_eq!(fw.statements().count(), 45);
        assert!(fw.statement_groups().iter().all(|g| g.topic));
        assert_eq!(fw.dip_samples.len(), 10, "{}", fw.version);
    }
}

#[test]
fn the_2024_framework_defines_its_dip_samples_as_data() {
    let fw = find("ncpi-2024");
    let unshared = fw
        .dip_sample("unshared-ppns")
        .expect("the unshared PPN sample");
    // N25: "We sampled eight PPNs which the MASH team hadn't yet shared".
    assert_eq!(unshared.count, 8);
    assert_eq!(unshared.topic, "risk-and-referrals");
    for d in &fw.dip_samples {
        assert!(!d.criteria.is_empty() && d.citations.iter().all(|c| c.starts_with("N25")));
    }
    assert!(find("child-journey").dip_samples.is_empty());
}

#[test]
fn a_list_where_an_object_belongs_in_applies_to_or_a_key_marking_is_refused_not_read_by_position() {
    // `[["domestic-abuse"]]` is not `{"except": ["domestic-abuse"]}`: read by
    // position it would apply the criterion to every case type but the one
    // the author wrote. Each wrong shape names what it found and what fits.
    for (field, value, message) in [
        (
            "applies_to",
            json!([["domestic-abuse"]]),
            "invalid type: sequence, expected a string at line",
        ),
        (
            "key",
            json!(["all", "why", ["N18 p.4"]]),
            "invalid type: sequence, expected true, false or a key marking",
        ),
        (
            "applies_to",
            json!({ "excepted": ["domestic-abuse"] }),
            "unknown field `excepted`, expected `except`",
        ),
    ] {
        let mut v = child_journey_json();
        v["criteria"][3][field] = value;
        let problem = Framework::from_json(&v.to_string())
            .unwrap_err()
            .to_string();
        assert!(problem.contains(message), "{problem}");
    }
    // The object forms still read.
    let mut v = child_journey_json();
    v["criteria"][3]["applies_to"] = json!({ "except": ["domestic-abuse"] });
    v["criteria"][3]["key"] = json!({ "for": "all", "why": "why", "citations": ["N18 p.4"] });
    let fw = Framework::from_json(&v.to_string()).unwrap();
    assert_eq!(
        fw.criteria[3].applies_to,
        AppliesTo::AllExcept(vec!["domestic-abuse".into()])
    );
    let key = fw.criteria[3].key.as_ref().unwrap();
    assert_eq!(
        (&key.case_types, key.why.as_str()),
        (&AppliesTo::All, "why")
    );
}
