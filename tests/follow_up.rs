//! The inspection's follow-up: the report's recommendations with their
//! deadlines, the dates the framework's follow-ups fall due (N18 and N14
//! "Next steps": six weeks, six months; N25: eight weeks), the actions that
//! answer each recommendation, and what is overdue.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{assessment_in, builtin_framework, cpsa, date};
use cpsa::domain::assessment::{
    Action, ActionStatus, Assessment, Member, Recommendation, RecommendationKind, Role, Timescale,
};
use cpsa::domain::edit::{apply, Applied, Edit, EditError};
use cpsa::domain::follow_up::{summary, update};
use cpsa::domain::framework::FollowUpKind;
use serde_json::Value;

fn recommendation(text: &str, deadline: Option<Timescale>) -> Recommendation {
    Recommendation {
        id: String::new(),
        kind: if deadline.is_some() {
            RecommendationKind::Recommendation
        } else {
            RecommendationKind::AreaForImprovement
        },
        text: text.into(),
        sub_points: Vec::new(),
        topics: Vec::new(),
        stages: Vec::new(),
        deadline,
    }
}

fn action(text: &str, recommendations: &[&str], status: ActionStatus) -> Action {
    Action {
        id: String::new(),
        text: text.into(),
        criteria: Vec::new(),
        topics: Vec::new(),
        recommendations: recommendations.iter().map(|r| (*r).to_owned()).collect(),
        statements: Vec::new(),
        timescale: Timescale::Immediately,
        owner: "Supt PVP".into(),
        due: None,
        status,
        evidence: String::new(),
    }
}

/// A child's-journey assessment with two immediate recommendations and one
/// within three months, published on 1 July 2018.
fn reported() -> Assessment {
    let fw = builtin_framework("child-journey");
    let mut a = assessment_in(fw);
    a.action_plan.report_date = Some(date("2018-07-01"));
    for (text, deadline) in [
        ("Review supervision", Timescale::Immediately),
        ("Record s.46 decisions", Timescale::Immediately),
        ("Improve missing practice", Timescale::WithinThreeMonths),
    ] {
        let added = apply(
            &mut a,
            fw,
            Edit::AddRecommendation(recommendation(text, Some(deadline))),
        );
        assert!(matches!(added, Ok(Applied::RecommendationAdded(_))));
    }
    a
}

fn add_action(a: &mut Assessment, x: Action) -> String {
    match apply(a, builtin_framework("child-journey"), Edit::AddAction(x)) {
        Ok(Applied::ActionAdded(id)) => id,
        other => panic!("{other:?}"),
    }
}

#[test]
fn each_follow_up_falls_due_as_the_framework_says_and_names_what_it_still_needs() {
    let fw = builtin_framework("child-journey");
    let mut a = reported();
    let f = summary(fw, &a, Some(date("2018-08-01")));
    let due: Vec<(FollowUpKind, String, Vec<String>, bool)> = f
        .follow_ups
        .iter()
        .map(|x| {
            (
                x.kind,
                x.due.unwrap().to_string(),
                x.outstanding.clone(),
                x.overdue,
            )
        })
        .collect();
    let ids = |s: &[&str]| s.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
    assert_eq!(
        due,
        [
            (
                FollowUpKind::Update,
                "2018-08-12".into(),
                ids(&["R1", "R2"]),
                false
            ),
            (
                FollowUpKind::ActionPlan,
                "2018-08-12".into(),
                ids(&["R3"]),
                false
            ),
            (
                FollowUpKind::Revisit,
                "2019-01-01".into(),
                ids(&["R1", "R2", "R3"]),
                false
            ),
        ]
    );
    // The immediate recommendations are due on the day of the report.
    assert!(f.recommendations[0].overdue && f.recommendations[1].overdue);
    assert!(!f.recommendations[2].overdue);
    assert_eq!(f.recommendations[2].due, Some(date("2018-10-01")));

    // An action planned answers the action plan; started, the update; all
    // of a recommendation's actions done, the revisit.
    add_action(
        &mut a,
        action("Missing-person training", &["R3"], ActionStatus::NotStarted),
    );
    add_action(
        &mut a,
        action("Supervisor checklist", &["R1"], ActionStatus::InProgress),
    );
    add_action(&mut a, action("s.46 guidance", &["R2"], ActionStatus::Done));
    let f = summary(fw, &a, Some(date("2018-08-13")));
    let outstanding: Vec<(&str, Vec<String>, bool)> = f
        .follow_ups
        .iter()
        .map(|x| (x.id.as_str(), x.outstanding.clone(), x.overdue))
        .collect();
    assert_eq!(
        outstanding,
        [
            ("immediate-update", Vec::new(), false),
            ("action-plan", Vec::new(), false),
            ("revisit", ids(&["R1", "R3"]), false),
        ]
    );
    assert!(f.recommendations[1].done && !f.recommendations[1].overdue);
    assert!(f.recommendations[0].overdue, "R1's action is not done yet");
    // Nothing is overdue before its date, or without a day to judge by.
    assert!(summary(fw, &a, None)
        .recommendations
        .iter()
        .all(|r| !r.overdue));
}

#[test]
fn a_new_programme_report_asks_for_an_action_plan_on_its_areas_for_improvement_in_eight_weeks() {
    let fw = builtin_framework("ncpi-2024");
    let mut a = assessment_in(fw);
    a.action_plan.report_date = Some(date("2025-08-05"));
    apply(
        &mut a,
        fw,
        Edit::AddRecommendation(recommendation("Improve missing risk assessment", None)),
    )
    .unwrap();
    let f = summary(fw, &a, Some(date("2025-10-01")));
    assert_eq!(f.follow_ups.len(), 1);
    assert_eq!(f.follow_ups[0].due, Some(date("2025-09-30")));
    assert_eq!(f.follow_ups[0].covers, ["R1"]);
    assert!(f.follow_ups[0].overdue);
    // An area for improvement has no deadline of its own.
    assert_eq!(f.recommendations[0].due, None);
    assert!(!f.recommendations[0].overdue);
    assert_eq!(f.by_deadline.len(), 1);
    assert_eq!(
        (f.by_deadline[0].deadline, f.by_deadline[0].count),
        (None, 1)
    );
}

#[test]
fn the_update_lists_each_immediate_recommendation_with_its_actions() {
    let mut a = reported();
    add_action(
        &mut a,
        action("Supervisor checklist", &["R1", "R3"], ActionStatus::Done),
    );
    let rows = update(&a);
    let shown: Vec<(&str, Vec<&str>)> = rows
        .iter()
        .map(|(r, xs)| (r.id.as_str(), xs.iter().map(|x| x.text.as_str()).collect()))
        .collect();
    assert_eq!(
        shown,
        [("R1", vec!["Supervisor checklist"]), ("R2", vec![])]
    );
}

#[test]
fn recommendations_are_checked_and_removing_one_unlinks_its_actions() {
    let fw = builtin_framework("child-journey");
    let mut a = reported();
    let before = a.clone();
    assert_eq!(
        apply(
            &mut a,
            fw,
            Edit::AddRecommendation(recommendation(" ", None))
        ),
        Err(EditError::RecommendationTextRequired)
    );
    let mut bad = recommendation("x", None);
    bad.stages = vec!["no-such-stage".into()];
    assert_eq!(
        apply(&mut a, fw, Edit::AddRecommendation(bad)),
        Err(EditError::UnknownStage("no-such-stage".into()))
    );
    assert_eq!(
        apply(
            &mut a,
            fw,
            Edit::AddAction(action("x", &["R9"], ActionStatus::Done))
        ),
        Err(EditError::NoSuchRecommendation("R9".into()))
    );
    assert_eq!(a, before, "refused edits change nothing");

    let id = add_action(
        &mut a,
        action("Checklist", &["R1", "R2"], ActionStatus::Done),
    );
    apply(
        &mut a,
        fw,
        Edit::DeleteRecommendation {
            recommendation: "R1".into(),
        },
    )
    .unwrap();
    let x = a.actions.iter().find(|x| x.id == id).unwrap();
    assert_eq!(x.recommendations, ["R2"]);
    // Ids are not reused while a higher one stands.
    let added = apply(
        &mut a,
        fw,
        Edit::AddRecommendation(recommendation("New", None)),
    );
    assert_eq!(added, Ok(Applied::RecommendationAdded("R4".into())));
}

#[test]
fn the_n18_fixture_prints_its_follow_up_dates_and_recommendations_by_deadline() {
    let out = cpsa(&[
        "summary",
        "--json",
        "--today",
        "2018-09-01",
        "tests/fixtures/n18-follow-up.json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = &v["follow_up"];
    assert_eq!(f["published"], "2018-07-01");
    let dates: Vec<(&str, &str)> = f["follow_ups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x["id"].as_str().unwrap(), x["due"].as_str().unwrap()))
        .collect();
    assert_eq!(
        dates,
        [
            ("immediate-update", "2018-08-12"),
            ("action-plan", "2018-08-12"),
            ("revisit", "2019-01-01"),
        ]
    );
    let counts: Vec<(&str, u64, &str)> = f["by_deadline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["deadline"].as_str().unwrap(),
                d["count"].as_u64().unwrap(),
                d["due"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        counts,
        [
            ("immediately", 4, "2018-07-01"),
            ("within-three-months", 3, "2018-10-01"),
            ("within-six-months", 3, "2019-01-01"),
        ]
    );
    // With no action yet, the update and the plan are overdue on 1 September.
    assert_eq!(f["follow_ups"][0]["overdue"], true);
    assert_eq!(f["follow_ups"][2]["overdue"], false);
}

/// A new recommendation, dip-sample record or team member gets an id no
/// other has, even after a file brought in ids at the top of the numbers
/// (the recommendation's overflowed, the other two repeated the highest).
#[test]
fn a_new_recommendation_record_or_member_never_repeats_an_id_in_use() {
    let fw = builtin_framework("child-journey");
    let mut a = reported();
    a.recommendations[0].id = format!("R{}", u32::MAX);
    a.recommendations[1].id = format!("R{}", u64::MAX);
    assert_eq!(a.next_recommendation_id(), "R1", "the first number free");
    a.recommendations[1].id = "R7".into();
    let added = apply(
        &mut a,
        fw,
        Edit::AddRecommendation(recommendation("New", None)),
    );
    assert_eq!(
        added,
        Ok(Applied::RecommendationAdded(format!(
            "R{}",
            u64::from(u32::MAX) + 1
        )))
    );

    let top = format!("member-{}", u64::MAX);
    a.team.push(Member {
        id: top.clone(),
        name: "DS Ash".into(),
        role: Role::Auditor,
    });
    assert_eq!(a.next_member_id(), "member-1");
    let Ok(Applied::MemberAdded(id)) = apply(
        &mut a,
        fw,
        Edit::AddMember {
            name: "DS Birch".into(),
            role: Role::Auditor,
        },
    ) else {
        panic!("the member is added");
    };
    assert_ne!(id, top);
    assert_eq!(a.next_dip_record_id(), "D1");
}
