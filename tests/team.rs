//! The audit as a team: the lead allocates cases, each member takes a work
//! pack away, and their work comes back case by case without guessing.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::BTreeMap;

use common::merge::{bring_back, bring_back_all, bring_back_each};
use common::{answer, assessment, test_framework};
use cpsa::domain::assessment::{
    Action, ActionStatus, Assessment, Recommendation, RecommendationKind, ReviewerGrade, Role,
    Timescale,
};
use cpsa::domain::date::Timestamp;
use cpsa::domain::edit::{apply, apply_at, Applied, Edit, EditError};
use cpsa::domain::format::{export, import};
use cpsa::domain::grade::{AnswerValue, AnswerValue::*, CaseGrade};
use cpsa::domain::merge::{
    both_applies, cases_changed, set_against, Choice, ConflictKind, Outcome, Part, Refusal,
};
use cpsa::domain::team::{pack_for, progress, writer, LEAD};
use proptest::prelude::*;

fn edit(a: &mut Assessment, e: Edit) -> Applied {
    apply(a, &test_framework(), e).expect("the edit applies")
}

/// A lead's assessment with two auditors and a reviewer; two alpha cases
/// allocated to the first auditor, one to the second, one unallocated.
fn team() -> Assessment {
    let mut a = assessment();
    for (name, role) in [
        ("DS Ash", Role::Auditor),
        ("DS Birch", Role::Auditor),
        ("Peer reviewer", Role::Reviewer),
    ] {
        edit(
            &mut a,
            Edit::AddMember {
                name: name.into(),
                role,
            },
        );
    }
    edit(
        &mut a,
        Edit::AllocateByType {
            case_type: "alpha".into(),
            count: 2,
            member: "member-1".into(),
        },
    );
    edit(
        &mut a,
        Edit::AllocateByType {
            case_type: "alpha".into(),
            count: 1,
            member: "member-2".into(),
        },
    );
    edit(
        &mut a,
        Edit::AddCase {
            case_type: "beta".into(),
        },
    );
    // The lead picks the cases from the force's systems: each has its reference.
    for i in 1..=4 {
        let c = a.case(&format!("case-{i}")).unwrap().clone();
        edit(
            &mut a,
            Edit::SetCaseDetails {
                case: c.id.clone(),
                reference: format!("24/000{i}"),
                case_type: c.case_type.clone(),
                dates: c.dates,
                auditor: c.auditor.clone(),
                conditions: Vec::new(),
                unanswered: Vec::new(),
            },
        );
    }
    a
}

fn member(a: &Assessment, id: &str) -> cpsa::domain::assessment::Member {
    a.team.iter().find(|m| m.id == id).cloned().unwrap()
}

/// An answer given at a known time.
fn answer_at(a: &mut Assessment, case: &str, criterion: &str, value: AnswerValue, at: Timestamp) {
    apply_at(
        a,
        &test_framework(),
        Edit::SetAnswer {
            case: case.into(),
            criterion: criterion.into(),
            value,
        },
        Some(at),
    )
    .expect("the edit applies");
}

fn through_a_file(a: &Assessment) -> Assessment {
    let text = export(a, None, 0).unwrap();
    import(text.as_bytes(), &common::catalogue())
        .expect("the pack is a valid export")
        .assessment
}

fn none() -> BTreeMap<String, Choice> {
    BTreeMap::new()
}

#[test]
fn allocation_adds_cases_to_an_auditor_and_progress_counts_them() {
    let mut a = team();
    assert_eq!(
        a.cases
            .iter()
            .filter(|c| c.allocated_to.as_deref() == Some("member-1"))
            .count(),
        2
    );
    assert_eq!(a.cases[0].auditor, "DS Ash");
    answer(&mut a, "case-1", "K1", Met);
    let p = progress(&test_framework(), &a);
    assert_eq!(
        (
            p[0].name.as_str(),
            p[0].allocated,
            p[0].started,
            p[0].completed
        ),
        ("DS Ash", 2, 1, 0)
    );
    assert_eq!((p[1].allocated, p[1].started), (1, 0));
    // A reviewer reviews every case.
    assert_eq!((p[2].role, p[2].allocated), (Role::Reviewer, 4));
    // Cases are allocated to auditors only, and members have names.
    assert_eq!(
        apply(
            &mut a,
            &test_framework(),
            Edit::Allocate {
                case: "case-4".into(),
                member: Some("member-3".into())
            }
        ),
        Err(EditError::NotAnAuditor("member-3".into()))
    );
    assert_eq!(
        apply(
            &mut a,
            &test_framework(),
            Edit::AddMember {
                name: "ds ash".into(),
                role: Role::Auditor
            }
        ),
        Err(EditError::MemberName)
    );
    assert_eq!(
        apply(
            &mut a,
            &test_framework(),
            Edit::AddMember {
                name: " DS  ASH".into(),
                role: Role::Reviewer
            }
        ),
        Err(EditError::MemberName),
        "a space more or less is still the same person"
    );
    edit(
        &mut a,
        Edit::RemoveMember {
            member: "member-2".into(),
        },
    );
    assert_eq!(a.cases[2].allocated_to, None);
}

#[test]
fn allocation_by_type_takes_the_types_free_cases_first_then_adds_planned_ones() {
    let mut a = team();
    // case-4 (beta) is unallocated; case-3 is DS Birch's; two more beta
    // cases, one already started by the lead.
    edit(
        &mut a,
        Edit::AddCase {
            case_type: "beta".into(),
        },
    );
    edit(
        &mut a,
        Edit::AddCase {
            case_type: "beta".into(),
        },
    );
    answer(&mut a, "case-6", "K1", Met);
    let before = a.cases.len();
    assert_eq!(
        edit(
            &mut a,
            Edit::AllocateByType {
                case_type: "beta".into(),
                count: 3,
                member: "member-1".into(),
            },
        ),
        Applied::Allocated(3)
    );
    let ash: Vec<&str> = a
        .cases
        .iter()
        .filter(|c| c.case_type == "beta" && c.allocated_to.as_deref() == Some("member-1"))
        .map(|c| c.id.as_str())
        .collect();
    // The two free ones, then one new: the started case stays the lead's.
    assert_eq!(ash, ["case-4", "case-5", "case-7"]);
    assert_eq!(a.cases.len(), before + 1);
    assert_eq!(a.case("case-6").unwrap().allocated_to, None);
    assert_eq!(a.case("case-4").unwrap().auditor, "DS Ash");
}

#[test]
fn an_auditors_pack_holds_the_frame_and_their_cases_and_a_reviewers_is_blind() {
    let mut a = team();
    answer(&mut a, "case-3", "K1", NotMet);
    edit(
        &mut a,
        Edit::SetReviewerGrade {
            case: "case-1".into(),
            grade: Some(ReviewerGrade {
                grade: CaseGrade::Good,
                reviewer: "Peer".into(),
                note: String::new(),
            }),
        },
    );
    let ash = pack_for(&a, &member(&a, "member-1"), None);
    assert_eq!(
        ash.cases.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        ["case-1", "case-2"]
    );
    assert!(ash.cases.iter().all(|c| c.reviewer_grade.is_none()));
    assert_eq!((ash.id.as_str(), ash.team.len()), (a.id.as_str(), 3));
    let reviewer = pack_for(&a, &member(&a, "member-3"), None);
    assert_eq!(reviewer.cases.len(), 4);
    assert!(reviewer
        .cases
        .iter()
        .all(|c| c.answers.is_empty() && c.force_grade.is_none()));
    assert_eq!(reviewer.cases[0].reviewer().map(|g| g.id()), Some("good"));
}

#[test]
fn a_pack_changes_only_its_members_cases_and_counts_its_changes_as_theirs() {
    let a = team();
    let mut ash = through_a_file(&pack_for(&a, &member(&a, "member-1"), None));
    let fw = test_framework();
    for e in [
        Edit::AddCase {
            case_type: "alpha".into(),
        },
        Edit::DeleteCase {
            case: "case-1".into(),
        },
        Edit::SetPlan(Vec::new()),
    ] {
        assert_eq!(apply(&mut ash, &fw, e), Err(EditError::LeadOnly));
    }
    let at = "2026-03-02T10:00:00Z".parse().unwrap();
    answer_at(&mut ash, "case-1", "K1", Met, at);
    let c = ash.case("case-1").unwrap();
    assert_eq!(c.versions.get("member-1"), Some(&1));
    assert_eq!(c.answer("K1").unwrap().changed_at, Some(at));
    let mut reviewer = pack_for(&a, &member(&a, "member-3"), None);
    assert_eq!(
        apply(
            &mut reviewer,
            &fw,
            Edit::SetAnswer {
                case: "case-1".into(),
                criterion: "K1".into(),
                value: Met
            }
        ),
        Err(EditError::ReviewerOnly)
    );
}

#[test]
fn the_reports_recommendations_and_the_plan_stay_the_leads_when_work_comes_back() {
    let fw = test_framework();
    let mut lead = team();
    let r = Recommendation {
        id: String::new(),
        kind: RecommendationKind::Recommendation,
        text: "Review supervision".into(),
        sub_points: Vec::new(),
        topics: Vec::new(),
        stages: Vec::new(),
        deadline: Some(Timescale::Immediately),
    };
    edit(&mut lead, Edit::AddRecommendation(r.clone()));
    edit(
        &mut lead,
        Edit::AddAction(Action {
            id: String::new(),
            text: "Supervisor checklist".into(),
            criteria: Vec::new(),
            topics: Vec::new(),
            recommendations: vec!["R1".into()],
            statements: Vec::new(),
            timescale: Timescale::Immediately,
            owner: String::new(),
            due: None,
            status: ActionStatus::InProgress,
            evidence: String::new(),
        }),
    );
    let mut ash = through_a_file(&pack_for(&lead, &member(&lead, "member-1"), None));
    assert!(ash.recommendations.is_empty() && ash.actions.is_empty());
    assert_eq!(
        apply(&mut ash, &fw, Edit::AddRecommendation(r)),
        Err(EditError::LeadOnly)
    );
    answer(&mut ash, "case-1", "K1", Met);
    let m = bring_back(&lead, &ash, &none()).unwrap();
    assert_eq!(m.merged.recommendations, lead.recommendations);
    assert_eq!(m.merged.actions, lead.actions);
    assert_eq!(m.merged.case("case-1").unwrap().answer_value("K1"), Met);
}

#[test]
fn work_brought_back_is_added_taken_or_kept_and_the_same_file_twice_changes_nothing() {
    let mut lead = team();
    let mut ash = through_a_file(&pack_for(&lead, &member(&lead, "member-1"), None));
    answer(&mut ash, "case-1", "K1", Met);
    answer(&mut lead, "case-2", "C1", NotMet); // the lead's own change to an allocated case
    let m = bring_back(&lead, &ash, &none()).unwrap();
    assert_eq!(
        outcomes(&m),
        [("case-1", &Outcome::Taken), ("case-2", &Outcome::Kept)]
    );
    assert_eq!(m.merged.case("case-1").unwrap().answer_value("K1"), Met);
    assert_eq!(m.merged.case("case-2").unwrap().answer_value("C1"), NotMet);
    let again = bring_back(&m.merged, &ash, &none()).unwrap();
    assert_eq!(again.merged, m.merged);
    assert_eq!(again.waiting().count(), 0);
}

/// "Keep both" adds the file's copy of a case as a case of its own, under an
/// id no file being brought back uses: found in review, it took the lead's
/// next id, which a case the same copy (or a later file) added already had,
/// so that case was matched against the copy and never added.
#[test]
fn a_copy_kept_beside_the_leads_takes_an_id_no_file_brought_back_uses() {
    let added_on = |lead: &Assessment, device: &str, cases: usize| {
        let mut copy = through_a_file(lead);
        copy.copy_id = device.into();
        for _ in 0..cases {
            edit(
                &mut copy,
                Edit::AddCase {
                    case_type: "beta".into(),
                },
            );
        }
        copy
    };
    let mut lead = team();
    let mut laptop = added_on(&lead, "laptop", 1);
    answer(&mut laptop, "case-1", "K1", Met);
    let tablet = added_on(&lead, "tablet", 2);
    answer(&mut lead, "case-1", "K1", NotMet);
    assert!(laptop.case("case-5").is_some() && tablet.case("case-6").is_some());

    // One file: its own new case is added, the copy of case-1 beside it.
    let m = bring_back(&lead, &laptop, &choose("case-1", Choice::Both)).unwrap();
    assert_eq!(m.waiting().count(), 0);
    // The copy comes in with case-1, before the file's case-5.
    let ids: Vec<&str> = m.merged.cases.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        ["case-1", "case-2", "case-3", "case-4", "case-6", "case-5"]
    );
    assert_eq!(m.merged.case("case-6").unwrap().answer_value("K1"), Met);

    // Two files, the second with a case-5 and a case-6 of its own: the
    // copy clashes with neither file's cases. (The two case-5s are one id
    // in two files, each device's new case unknown to the other: a
    // conflict the page shows, where "keep both" keeps both.)
    let steps = bring_back_all(
        &lead,
        &[("laptop.json", &laptop), ("tablet.json", &tablet)],
        &choose("case-1", Choice::Both),
    )
    .unwrap();
    let first = &steps[0].merge;
    assert_eq!(first.waiting().count(), 0);
    let copy = first.cases.iter().find_map(|c| c.added_as.clone()).unwrap();
    assert_eq!(copy, "case-7");
    assert!(first.merged.case("case-5").is_some());
}

/// Found in review (the twenty-first session): "Work brought back ... N
/// cases changed" counted a case once per file that touched it, and
/// counted keeping this assessment's copy as a change.
#[test]
fn the_count_of_cases_changed_counts_each_case_once_and_not_a_copy_kept() {
    let lead = team();
    let mut laptop = through_a_file(&lead);
    laptop.copy_id = "laptop".into();
    answer(&mut laptop, "case-1", "K1", Met);
    let mut desktop = through_a_file(&laptop);
    desktop.copy_id = "desktop".into();
    answer(&mut desktop, "case-1", "K1", NotMet);
    answer(&mut desktop, "case-2", "C1", Met);
    let files = [("laptop.json", &laptop), ("desktop.json", &desktop)];
    // case-1 taken from each file in turn, case-2 from the second: two.
    let steps = bring_back_all(&lead, &files, &none()).unwrap();
    assert_eq!(
        steps
            .iter()
            .map(|s| s.merge.count(|o| *o == Outcome::Taken))
            .sum::<usize>(),
        3
    );
    assert_eq!(cases_changed(&steps), 2);
    // A conflict resolved by keeping this assessment's copy changes nothing.
    let mut lead = team();
    answer(&mut lead, "case-1", "K1", PartlyMet);
    let steps = bring_back_all(
        &lead,
        &[("laptop.json", &laptop)],
        &choose("case-1", Choice::Ours),
    )
    .unwrap();
    assert_eq!(steps[0].merge.waiting().count(), 0);
    assert_eq!(cases_changed(&steps), 0);
    let steps = bring_back_all(
        &lead,
        &[("laptop.json", &laptop)],
        &choose("case-1", Choice::Theirs),
    )
    .unwrap();
    assert_eq!(cases_changed(&steps), 1);
}

/// The lead can move cases in the task list, so a copy made before holds
/// them in another order: each of its cases is still found, none added
/// twice. (Cases are looked for after the last one found first.)
#[test]
fn a_copy_holding_the_cases_in_another_order_is_brought_back_case_by_case() {
    let lead = team();
    let mut copy = through_a_file(&lead);
    copy.copy_id = "laptop".into();
    answer(&mut copy, "case-1", "K1", Met);
    answer(&mut copy, "case-4", "C1", NotMet);
    copy.cases.reverse();
    let m = bring_back(&lead, &copy, &none()).unwrap();
    assert_eq!(
        outcomes(&m),
        [
            ("case-4", &Outcome::Taken),
            ("case-3", &Outcome::Unchanged),
            ("case-2", &Outcome::Unchanged),
            ("case-1", &Outcome::Taken)
        ]
    );
    let ids: Vec<&str> = m.merged.cases.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["case-1", "case-2", "case-3", "case-4"]);
    assert_eq!(m.merged.case("case-1").unwrap().answer_value("K1"), Met);
    assert_eq!(m.merged.case("case-4").unwrap().answer_value("C1"), NotMet);
}

#[test]
fn a_case_changed_on_both_sides_waits_for_the_leads_choice_and_each_choice_holds_over_rounds() {
    let mut lead = team();
    let mut ash = through_a_file(&pack_for(&lead, &member(&lead, "member-1"), None));
    answer(&mut ash, "case-1", "K1", Met);
    answer(&mut lead, "case-1", "K1", NotMet);
    let m = bring_back(&lead, &ash, &none()).unwrap();
    assert_eq!(
        m.cases[0].outcome,
        Outcome::Conflict(ConflictKind::BothChanged)
    );
    // Nothing is overwritten without a choice.
    assert_eq!(m.merged.case("case-1").unwrap().answer_value("K1"), NotMet);

    for (choice, expected, cases) in [
        (Choice::Ours, NotMet, 4),
        (Choice::Theirs, Met, 4),
        (Choice::Both, NotMet, 5),
    ] {
        let choices = [("case-1".to_owned(), choice)].into_iter().collect();
        let m = bring_back(&lead, &ash, &choices).unwrap();
        assert_eq!(m.cases[0].outcome, Outcome::Resolved(choice));
        assert_eq!(
            m.merged.case("case-1").unwrap().answer_value("K1"),
            expected
        );
        assert_eq!(m.merged.cases.len(), cases);
        if choice == Choice::Both {
            let copy = m
                .merged
                .case(m.cases[0].added_as.as_deref().unwrap())
                .unwrap();
            assert_eq!(copy.answer_value("K1"), Met);
        }
        // The same file again: no conflict, nothing changes.
        let again = bring_back(&m.merged, &ash, &none()).unwrap();
        assert_eq!(again.waiting().count(), 0, "{choice:?}");
        assert_eq!(again.merged, m.merged);
    }
}

#[test]
fn a_second_round_brings_back_new_work_without_a_false_conflict() {
    let mut lead = team();
    let mut ash = through_a_file(&pack_for(&lead, &member(&lead, "member-1"), None));
    answer(&mut ash, "case-1", "K1", Met);
    lead = bring_back(&lead, &ash, &none()).unwrap().merged;
    answer(&mut lead, "case-3", "K1", Met); // someone else's case
    let mut round2 = through_a_file(&pack_for(&lead, &member(&lead, "member-1"), None));
    answer(&mut round2, "case-1", "C1", Met);
    // The first round's file, brought back late, is older than what the lead has.
    let late = bring_back(&lead, &ash, &none()).unwrap();
    assert_eq!(late.cases[0].outcome, Outcome::Unchanged);
    let m = bring_back(&lead, &round2, &none()).unwrap();
    assert_eq!(m.waiting().count(), 0);
    let c = m.merged.case("case-1").unwrap();
    assert_eq!((c.answer_value("K1"), c.answer_value("C1")), (Met, Met));
}

#[test]
fn work_on_a_case_the_lead_deleted_is_not_added_back_unasked() {
    let mut lead = team();
    let mut ash = through_a_file(&pack_for(&lead, &member(&lead, "member-1"), None));
    let untouched = ash.clone();
    answer(&mut ash, "case-2", "K1", Met);
    edit(
        &mut lead,
        Edit::DeleteCase {
            case: "case-2".into(),
        },
    );
    let quiet = bring_back(&lead, &untouched, &none()).unwrap();
    assert_eq!(quiet.cases[1].outcome, Outcome::StillDeleted);
    let m = bring_back(&lead, &ash, &none()).unwrap();
    assert_eq!(
        m.cases[1].outcome,
        Outcome::Conflict(ConflictKind::DeletedHere)
    );
    assert!(m.merged.case("case-2").is_none());
    let restore = [("case-2".to_owned(), Choice::Theirs)]
        .into_iter()
        .collect();
    let m = bring_back(&lead, &ash, &restore).unwrap();
    assert_eq!(m.merged.case("case-2").unwrap().answer_value("K1"), Met);
}

#[test]
fn a_reviewers_grades_come_back_on_their_own_and_a_different_grade_waits() {
    let mut lead = team();
    let mut review = through_a_file(&pack_for(&lead, &member(&lead, "member-3"), None));
    regrade(&mut review, "case-1", CaseGrade::Inadequate);
    regrade(&mut review, "case-2", CaseGrade::Good);
    answer(&mut lead, "case-1", "K1", Met);
    regrade(&mut lead, "case-2", CaseGrade::RequiresImprovement);
    let m = bring_back(&lead, &review, &none()).unwrap();
    let results: Vec<(&str, Part, &Outcome)> = m
        .cases
        .iter()
        .map(|c| (c.case.as_str(), c.part, &c.outcome))
        .collect();
    assert_eq!(results[0], ("case-1", Part::Review, &Outcome::Taken));
    assert_eq!(
        results[1],
        (
            "case-2",
            Part::Review,
            &Outcome::Conflict(ConflictKind::ReviewerGrade {
                ours: CaseGrade::RequiresImprovement,
                theirs: CaseGrade::Good
            })
        )
    );
    // The reviewer's file never touches the force's audit.
    assert_eq!(m.merged.case("case-1").unwrap().answer_value("K1"), Met);
}

#[test]
fn a_file_of_another_assessment_or_framework_version_or_member_is_refused() {
    let lead = team();
    let mut other = pack_for(&lead, &member(&lead, "member-1"), None);
    other.id = "another".into();
    assert!(matches!(
        bring_back(&lead, &other, &none()),
        Err(Refusal::DifferentAssessment { .. })
    ));
    let mut version = pack_for(&lead, &member(&lead, "member-1"), None);
    version.framework.version = "0.9".into();
    let err = bring_back(&lead, &version, &none()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the file was made with test version 0.9, but this assessment uses test version 1"
    );
    let mut stranger = pack_for(&lead, &member(&lead, "member-1"), None);
    stranger.pack.as_mut().unwrap().member = "member-9".into();
    assert!(matches!(
        bring_back(&lead, &stranger, &none()),
        Err(Refusal::UnknownMember { .. })
    ));
    let pack = pack_for(&lead, &member(&lead, "member-1"), None);
    assert_eq!(bring_back(&pack, &lead, &none()), Err(Refusal::IntoAPack));
    let other = pack_for(&lead, &member(&lead, "member-2"), None);
    assert_eq!(bring_back(&pack, &other, &none()), Err(Refusal::IntoAPack));
}

#[test]
fn an_auditor_takes_the_leads_newer_pack_into_their_own_keeping_their_work() {
    let mut lead = team();
    let mut ash = through_a_file(&pack_for(&lead, &member(&lead, "member-1"), None));
    answer(&mut ash, "case-1", "K1", Met);
    lead = bring_back(&lead, &ash, &none()).unwrap().merged;
    // The lead allocates another case and changes the standards; meanwhile
    // the auditor carries on.
    edit(
        &mut lead,
        Edit::Allocate {
            case: "case-4".into(),
            member: Some("member-1".into()),
        },
    );
    answer(&mut ash, "case-2", "C1", Met);
    let round2 = through_a_file(&pack_for(&lead, &member(&lead, "member-1"), None));
    let m = bring_back(&ash, &round2, &none()).unwrap();
    assert_eq!(m.waiting().count(), 0);
    let ids: Vec<&str> = m.merged.cases.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["case-1", "case-2", "case-4"]);
    assert_eq!(m.merged.case("case-2").unwrap().answer_value("C1"), Met);
    // Back at the lead: the work done in between comes in too.
    let back = bring_back(&lead, &m.merged, &none()).unwrap();
    assert_eq!(back.waiting().count(), 0);
    assert_eq!(back.merged.case("case-2").unwrap().answer_value("C1"), Met);
}

/// Found in review (the twenty-first session): the lead's newer pack took
/// the allocation only of the cases it holds, so a case the lead had given
/// to someone else, or deleted, stayed on the auditor's list; the auditor
/// worked on it, and the lead met a conflict between two auditors' copies.
/// Such a case now leaves the pack if it holds none of the auditor's work;
/// one that does stays, to go back with their file, and is named.
#[test]
fn the_leads_newer_pack_takes_off_the_auditors_list_what_it_no_longer_gives_them() {
    let mut lead = team();
    let mut ash = through_a_file(&pack_for(&lead, &member(&lead, "member-1"), None));
    answer(&mut ash, "case-2", "C1", Met);
    // The lead gives both of Ash's cases to DS Birch, before Ash's work on
    // case-2 has come back, and gives Ash another.
    for (case, to) in [
        ("case-1", "member-2"),
        ("case-2", "member-2"),
        ("case-4", "member-1"),
    ] {
        edit(
            &mut lead,
            Edit::Allocate {
                case: case.into(),
                member: Some(to.into()),
            },
        );
    }
    let round2 = through_a_file(&pack_for(&lead, &member(&lead, "member-1"), None));
    let m = bring_back(&ash, &round2, &none()).unwrap();
    let ids: Vec<&str> = m.merged.cases.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["case-2", "case-4"]);
    assert_eq!(m.withdrawn, ["24/0001"]);
    assert_eq!(m.withdrawn_kept, ["24/0002"]);
    // The case taken out counts as a change of the pack's (found in a
    // review of the fix: "0 cases changed").
    let steps = bring_back_all(&ash, &[("round-2.json", &round2)], &none()).unwrap();
    assert_eq!(cases_changed(&steps), 2, "taken out, and case-4 added");
    // The pack still reads as a pack: every case in it is its member's.
    let reread = through_a_file(&m.merged);
    assert_eq!(reread.cases.len(), 2);
    // Nothing of Ash's is lost: his answer goes back, where it meets the
    // lead's reallocation (which named DS Birch as the case's auditor) as a
    // choice for the lead.
    let waiting = bring_back(&lead, &m.merged, &none()).unwrap();
    let ids: Vec<&str> = waiting.waiting().map(|c| c.case.as_str()).collect();
    assert_eq!(ids, ["case-2"]);
    let take = [("case-2".to_owned(), Choice::Theirs)].into();
    let back = bring_back(&lead, &m.merged, &take).unwrap();
    assert_eq!(back.merged.case("case-2").unwrap().answer_value("C1"), Met);
    // A case the lead deleted leaves the pack the same way.
    let mut lead = team();
    let ash = through_a_file(&pack_for(&lead, &member(&lead, "member-1"), None));
    edit(
        &mut lead,
        Edit::DeleteCase {
            case: "case-1".into(),
        },
    );
    let round2 = through_a_file(&pack_for(&lead, &member(&lead, "member-1"), None));
    let m = bring_back(&ash, &round2, &none()).unwrap();
    assert_eq!(m.withdrawn, ["24/0001"]);
    assert!(m.merged.case("case-1").is_none());
    // The same newer pack taken again takes nothing more out.
    let again = bring_back(&m.merged, &round2, &none()).unwrap();
    assert!(again.withdrawn.is_empty() && again.withdrawn_kept.is_empty());
    // A reviewer's pack holds every case: the ones the lead deleted leave
    // it, but for one the reviewer has graded, whose grade goes back.
    let mut lead = team();
    let mut review = through_a_file(&pack_for(&lead, &member(&lead, "member-3"), None));
    regrade(&mut review, "case-2", CaseGrade::Inadequate);
    for case in ["case-1", "case-2"] {
        edit(&mut lead, Edit::DeleteCase { case: case.into() });
    }
    let newer = through_a_file(&pack_for(&lead, &member(&lead, "member-3"), None));
    let m = bring_back(&review, &newer, &none()).unwrap();
    assert_eq!(
        (m.withdrawn.as_slice(), m.withdrawn_kept.as_slice()),
        (&["24/0001".to_owned()][..], &["24/0002".to_owned()][..])
    );
    assert_eq!(m.merged.cases.len(), newer.cases.len() + 1);
    through_a_file(&m.merged);
}

/// Who changes which case: the lead works on the unallocated case only, as
/// a lead does; each auditor on their own.
#[derive(Debug, Clone, Copy)]
enum Step {
    /// (who, which of their cases, answer to K1 or C1)
    Edit(usize, usize, bool, AnswerValue),
    /// A pack comes back to the lead, and the auditor carries on with a new one.
    Return(usize),
}

fn step() -> impl Strategy<Value = Step> {
    let value = prop::sample::select(vec![Met, PartlyMet, NotMet, NotApplicable]);
    prop_oneof![
        4 => (0usize..3, 0usize..2, any::<bool>(), value).prop_map(|(w, c, k, v)| Step::Edit(w, c, k, v)),
        1 => (1usize..3).prop_map(Step::Return),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_interleaving_of_edits_merges_to_the_same_result_in_either_order(steps in prop::collection::vec(step(), 0..40)) {
        let mut lead = team();
        let cases = |who: usize| -> Vec<&'static str> {
            match who { 0 => vec!["case-4"], 1 => vec!["case-1", "case-2"], _ => vec!["case-3"] }
        };
        let mut packs = [
            None,
            Some(through_a_file(&pack_for(&lead, &member(&lead, "member-1"), None))),
            Some(through_a_file(&pack_for(&lead, &member(&lead, "member-2"), None))),
        ];
        // What each case should end up holding: the last answer given.
        let mut expected: BTreeMap<(String, String), AnswerValue> = BTreeMap::new();
        for s in steps {
            match s {
                Step::Edit(who, which, key, value) => {
                    let mine = cases(who);
                    let case = mine[which % mine.len()];
                    let criterion = match (case, key) { ("case-4", true) => "K1", ("case-4", false) => "B1", (_, true) => "K1", _ => "C1" };
                    let target = if who == 0 { &mut lead } else { packs[who].as_mut().unwrap() };
                    answer(target, case, criterion, value);
                    expected.insert((case.to_owned(), criterion.to_owned()), value);
                }
                Step::Return(who) => {
                    let back = bring_back(&lead, packs[who].as_ref().unwrap(), &none()).unwrap();
                    prop_assert_eq!(back.waiting().count(), 0);
                    lead = back.merged;
                    packs[who] = Some(through_a_file(&pack_for(&lead, &member(&lead, &format!("member-{who}")), None)));
                }
            }
        }
        let one = bring_back(&bring_back(&lead, packs[1].as_ref().unwrap(), &none()).unwrap().merged, packs[2].as_ref().unwrap(), &none()).unwrap().merged;
        let two = bring_back(&bring_back(&lead, packs[2].as_ref().unwrap(), &none()).unwrap().merged, packs[1].as_ref().unwrap(), &none()).unwrap().merged;
        prop_assert_eq!(&one, &two);
        for ((case, criterion), value) in expected {
            prop_assert_eq!(one.case(&case).unwrap().answer_value(&criterion), value, "{} {}", case, criterion);
        }
        // And bringing it all back again changes nothing.
        let again = bring_back(&one, packs[1].as_ref().unwrap(), &none()).unwrap();
        prop_assert_eq!(&again.merged, &one);
        // Every change the lead made is counted as the lead's.
        let lead_case = one.case("case-4").unwrap();
        prop_assert!(lead_case.answers.is_empty() || lead_case.versions.contains_key(LEAD));
    }
}

/// One step when the lead and one auditor may both change the same cases.
#[derive(Debug, Clone)]
enum Both {
    /// (the lead or the auditor, case-1 or case-2, K1 or C1, the answer)
    Edit(bool, bool, bool, AnswerValue),
    /// The pack comes back, the lead taking the auditor's copy of any case
    /// changed on both sides, and the auditor carries on with a new pack.
    Sync,
}

fn both_step() -> impl Strategy<Value = Both> {
    let value = prop::sample::select(vec![Met, PartlyMet, NotMet, NotApplicable]);
    prop_oneof![
        5 => (any::<bool>(), any::<bool>(), any::<bool>(), value).prop_map(|(l, c, k, v)| Both::Edit(l, c, k, v)),
        1 => Just(Both::Sync),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Edits on both sides of the same cases: the lead bringing the pack
    /// back and the auditor taking the lead's newer pack see the same
    /// conflicts (exactly the cases changed differently on both sides since
    /// they last met) and agree on every other case.
    #[test]
    fn both_sides_of_a_merge_see_the_same_conflicts_and_agree_on_the_rest(steps in prop::collection::vec(both_step(), 0..30)) {
        let mut lead = team();
        let ash = member(&lead, "member-1");
        let mut pack = through_a_file(&pack_for(&lead, &ash, None));
        for s in steps {
            match s {
                Both::Edit(by_lead, second, key, value) => {
                    let case = if second { "case-2" } else { "case-1" };
                    let target = if by_lead { &mut lead } else { &mut pack };
                    answer(target, case, if key { "K1" } else { "C1" }, value);
                }
                Both::Sync => {
                    let theirs: BTreeMap<String, Choice> =
                        ["case-1", "case-2"].map(|c| (c.to_owned(), Choice::Theirs)).into();
                    lead = bring_back(&lead, &pack, &theirs).unwrap().merged;
                    pack = through_a_file(&pack_for(&lead, &ash, None));
                    // Once they have met, both hold the same audit.
                    for c in ["case-1", "case-2"] {
                        prop_assert!(cpsa::domain::merge::same_audit(lead.case(c).unwrap(), pack.case(c).unwrap()));
                    }
                }
            }
        }
        let at_lead = bring_back(&lead, &pack, &none()).unwrap();
        let newer = through_a_file(&pack_for(&lead, &ash, None));
        let at_auditor = bring_back(&pack, &newer, &none()).unwrap();
        let waiting = |m: &cpsa::domain::merge::Merge| -> Vec<String> {
            m.waiting().map(|c| c.case.clone()).collect()
        };
        prop_assert_eq!(waiting(&at_lead), waiting(&at_auditor));
        for c in ["case-1", "case-2"] {
            let conflicted = waiting(&at_lead).iter().any(|w| w == c);
            let (l, p) = (lead.case(c).unwrap(), pack.case(c).unwrap());
            let changed_here = !cpsa::domain::team::covers(&p.versions, &l.versions);
            let changed_there = !cpsa::domain::team::covers(&l.versions, &p.versions);
            prop_assert_eq!(
                conflicted,
                changed_here && changed_there && !cpsa::domain::merge::same_audit(l, p),
                "{}", c
            );
            if !conflicted {
                prop_assert!(cpsa::domain::merge::same_audit(
                    at_lead.merged.case(c).unwrap(),
                    at_auditor.merged.case(c).unwrap()
                ), "{}", c);
            }
        }
        // Nothing is overwritten while a conflict waits.
        for c in waiting(&at_lead) {
            prop_assert_eq!(at_lead.merged.case(&c), lead.case(&c));
        }
        // A merge with itself changes nothing, whatever either copy holds.
        for a in [&lead, &pack, &at_lead.merged] {
            let m = bring_back(a, a, &none()).unwrap();
            prop_assert!(m.cases.iter().all(|c| c.outcome == Outcome::Unchanged));
            prop_assert_eq!(&m.merged, a);
        }
    }
}

#[test]
fn the_csv_says_who_audited_each_case_whom_it_is_allocated_to_and_when_each_answer_changed() {
    let fw = test_framework();
    let lead = team();
    let mut ash = through_a_file(&pack_for(&lead, &member(&lead, "member-1"), None));
    let at = "2026-03-02T10:00:00Z".parse().unwrap();
    answer_at(&mut ash, "case-1", "K1", Met, at);
    let back = bring_back(&lead, &ash, &none()).unwrap().merged;
    let rows = |text: String| -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect()
    };
    let cases = rows(cpsa::domain::csv::cases(&fw, &back));
    let col = |name: &str| cases[0].iter().position(|h| h == name).unwrap();
    let one = cases.iter().find(|r| r[0] == "case-1").unwrap();
    assert_eq!(one[col("auditor")], "DS Ash");
    assert_eq!(one[col("allocated_to")], "DS Ash");
    let answers = rows(cpsa::domain::csv::answers(&fw, &back));
    let changed = answers[0].iter().position(|h| h == "changed_at").unwrap();
    let criterion = answers[0].iter().position(|h| h == "criterion").unwrap();
    let k1 = answers
        .iter()
        .find(|r| r[0] == "case-1" && r[criterion] == "K1")
        .unwrap();
    assert_eq!(k1[changed], "2026-03-02T10:00:00Z");
    // The reviewer's reasons, in the last column (found in review, the
    // twenty-second session: kept, and in no file the lead could read).
    let mut graded = back.clone();
    graded.case_mut("case-1").unwrap().reviewer_grade = Some(ReviewerGrade {
        grade: CaseGrade::Inadequate,
        reviewer: "Peer".into(),
        note: "No strategy discussion, \"urgent\" or not.".into(),
    });
    let cases = rows(cpsa::domain::csv::cases(&fw, &graded));
    let at = |name: &str| cases[0].iter().position(|h| h == name).unwrap();
    let (reasons, before) = (at("reviewer_reasons"), at("force_grade_before_review"));
    assert_eq!(before, cases[0].len() - 2);
    let one = cases.iter().find(|r| r[0] == "case-1").unwrap();
    assert_eq!(one[reasons], "No strategy discussion, \"urgent\" or not.");
}

/// The lead's details form saved as it was: the case as it stood.
fn details_unchanged(a: &Assessment, case: &str) -> Edit {
    let c = a.case(case).unwrap();
    Edit::SetCaseDetails {
        case: c.id.clone(),
        reference: c.reference.clone(),
        case_type: c.case_type.clone(),
        dates: c.dates,
        auditor: c.auditor.clone(),
        conditions: c.conditions.clone(),
        unanswered: c.conditions_unanswered.clone(),
    }
}

#[test]
fn an_edit_that_leaves_a_case_as_it_was_is_not_a_change_and_makes_no_conflict() {
    let mut lead = team();
    let mut ash = through_a_file(&pack_for(&lead, &member(&lead, "member-1"), None));
    answer(&mut ash, "case-1", "K1", Met);
    let before = lead.case("case-1").unwrap().versions.clone();
    let same = details_unchanged(&lead, "case-1");
    edit(&mut lead, same);
    answer(&mut lead, "case-1", "K1", Unanswered); // unanswered already: nothing changes
    assert_eq!(lead.case("case-1").unwrap().versions, before);
    let m = bring_back(&lead, &ash, &none()).unwrap();
    assert_eq!(m.cases[0].outcome, Outcome::Taken);
    assert_eq!(m.merged.case("case-1").unwrap().answer_value("K1"), Met);
    // The same answer given again does not move when it last changed either.
    let at = "2026-03-02T10:00:00Z".parse().unwrap();
    let mut merged = m.merged;
    let was = merged.case("case-1").unwrap().answers["K1"].changed_at;
    answer_at(&mut merged, "case-1", "K1", Met, at);
    assert_eq!(merged.case("case-1").unwrap().answers["K1"].changed_at, was);
}

#[test]
fn reallocating_moves_the_auditors_name_and_an_untouched_pack_of_the_first_auditor_changes_nothing()
{
    let mut lead = team();
    let ash_pack = through_a_file(&pack_for(&lead, &member(&lead, "member-1"), None));
    assert_eq!(lead.case("case-1").unwrap().auditor, "DS Ash");
    edit(
        &mut lead,
        Edit::Allocate {
            case: "case-1".into(),
            member: Some("member-2".into()),
        },
    );
    let c = lead.case("case-1").unwrap();
    assert_eq!(c.allocated_to.as_deref(), Some("member-2"));
    assert_eq!(c.auditor, "DS Birch", "the name follows the allocation");
    // Ash's pack comes back untouched: the lead's copy is the newer.
    let m = bring_back(&lead, &ash_pack, &none()).unwrap();
    assert_eq!(m.waiting().count(), 0);
    assert_eq!(m.merged.case("case-1").unwrap().auditor, "DS Birch");
    // A name the allocation did not put there stays.
    assert_eq!(
        auditor_after_reallocating(&mut lead, "case-2", "DI Cedar"),
        "DI Cedar"
    );
}

/// The case's auditor typed by hand as `typed`, then the case allocated to
/// DS Birch (member-2): whom the case then names.
fn auditor_after_reallocating(lead: &mut Assessment, case: &str, typed: &str) -> String {
    let c = lead.case(case).unwrap().clone();
    edit(
        lead,
        Edit::SetCaseDetails {
            case: c.id.clone(),
            reference: c.reference.clone(),
            case_type: c.case_type.clone(),
            dates: c.dates,
            auditor: typed.into(),
            conditions: c.conditions.clone(),
            unanswered: c.conditions_unanswered.clone(),
        },
    );
    edit(
        lead,
        Edit::Allocate {
            case: case.into(),
            member: Some("member-2".into()),
        },
    );
    lead.case(case).unwrap().auditor.clone()
}

#[test]
fn reallocating_moves_the_auditors_name_when_it_names_the_previous_member_typed_another_way() {
    let mut lead = team();
    // Allocated to DS Ash, whose name the lead then typed again by hand: the
    // same person, as calibration by auditor and the team's list count
    // names, so the name follows the allocation.
    assert_eq!(
        lead.case("case-1").unwrap().allocated_to.as_deref(),
        Some("member-1")
    );
    assert_eq!(
        auditor_after_reallocating(&mut lead, "case-1", " ds  ASH"),
        "DS Birch"
    );
}

fn reviewer_grade(g: CaseGrade) -> Option<ReviewerGrade> {
    Some(ReviewerGrade {
        grade: g,
        reviewer: "Peer".into(),
        note: String::new(),
    })
}

fn regrade(a: &mut Assessment, case: &str, g: CaseGrade) {
    apply(
        a,
        &test_framework(),
        Edit::SetReviewerGrade {
            case: case.into(),
            grade: reviewer_grade(g),
        },
    )
    .unwrap();
}

/// Each case's outcome, in the order the file holds the cases.
fn outcomes(m: &cpsa::domain::merge::Merge) -> Vec<(&str, &Outcome)> {
    m.cases
        .iter()
        .map(|c| (c.case.as_str(), &c.outcome))
        .collect()
}

fn review_outcomes(m: &cpsa::domain::merge::Merge) -> Vec<(&str, &Outcome)> {
    m.cases
        .iter()
        .filter(|c| c.part == Part::Review)
        .map(|c| (c.case.as_str(), &c.outcome))
        .collect()
}

#[test]
fn a_grade_the_reviewer_revised_between_rounds_is_taken_and_a_grade_the_lead_chose_stays_chosen() {
    let mut lead = team();
    let mut review = through_a_file(&pack_for(&lead, &member(&lead, "member-3"), None));
    regrade(&mut review, "case-1", CaseGrade::Good);
    regrade(&mut review, "case-2", CaseGrade::Good);
    lead = bring_back(&lead, &through_a_file(&review), &none())
        .unwrap()
        .merged;
    // Round two: the reviewer thinks again about case 1; the lead, reading
    // the case, sets case 2 to inadequate.
    regrade(&mut review, "case-1", CaseGrade::Inadequate);
    regrade(&mut lead, "case-2", CaseGrade::Inadequate);
    let m = bring_back(&lead, &through_a_file(&review), &none()).unwrap();
    assert_eq!(
        review_outcomes(&m),
        [("case-1", &Outcome::Taken), ("case-2", &Outcome::Kept)]
    );
    assert_eq!(m.waiting().count(), 0);
    let merged = m.merged;
    assert_eq!(
        merged.case("case-1").unwrap().reviewer().map(|g| g.id()),
        Some("inadequate")
    );
    assert_eq!(
        merged.case("case-2").unwrap().reviewer().map(|g| g.id()),
        Some("inadequate")
    );

    // Both change case 1's grade: the lead chooses, and the same file
    // brought back again does not ask a second time.
    regrade(&mut review, "case-1", CaseGrade::RequiresImprovement);
    let mut lead = merged;
    regrade(&mut lead, "case-1", CaseGrade::Good);
    let file = through_a_file(&review);
    let asked = bring_back(&lead, &file, &none()).unwrap();
    assert_eq!(
        review_outcomes(&asked)[0],
        (
            "case-1",
            &Outcome::Conflict(ConflictKind::ReviewerGrade {
                ours: CaseGrade::Good,
                theirs: CaseGrade::RequiresImprovement
            })
        )
    );
    let keep: BTreeMap<String, Choice> = [("case-1".to_owned(), Choice::Ours)].into();
    let chosen = bring_back(&lead, &file, &keep).unwrap().merged;
    let again = bring_back(&chosen, &file, &none()).unwrap();
    assert_eq!(again.waiting().count(), 0);
    assert_eq!(
        again
            .merged
            .case("case-1")
            .unwrap()
            .reviewer()
            .map(|g| g.id()),
        Some("good")
    );
}

#[test]
fn the_same_pack_worked_on_two_computers_comes_back_as_a_conflict_not_one_over_the_other() {
    let lead = team();
    let pack = through_a_file(&pack_for(&lead, &member(&lead, "member-1"), None));
    assert_eq!(
        pack.copy_id, "",
        "a pack gets its copy id where it is opened"
    );
    // Each device gives its copy an id when it opens the pack.
    let (mut laptop, mut desktop) = (pack.clone(), pack);
    laptop.copy_id = "laptop".into();
    desktop.copy_id = "desktop".into();
    assert_eq!(writer(&laptop), "member-1@laptop");
    answer(&mut laptop, "case-1", "K1", Met);
    answer(&mut desktop, "case-1", "K1", NotMet);
    answer(&mut desktop, "case-1", "C1", Met);
    let first = bring_back(&lead, &through_a_file(&laptop), &none()).unwrap();
    assert_eq!(first.cases[0].outcome, Outcome::Taken);
    // The desktop made more changes, but not to the laptop's work: neither
    // covers the other, and the lead chooses.
    let second = bring_back(&first.merged, &through_a_file(&desktop), &none()).unwrap();
    assert_eq!(
        second.cases[0].outcome,
        Outcome::Conflict(ConflictKind::BothChanged)
    );
    assert_eq!(
        second.merged.case("case-1").unwrap().answer_value("K1"),
        Met
    );
}

#[test]
fn a_grade_given_on_the_leads_device_and_revised_in_the_reviewers_pack_comes_back() {
    let mut lead = team();
    regrade(&mut lead, "case-1", CaseGrade::Good);
    let mut review = through_a_file(&pack_for(&lead, &member(&lead, "member-3"), None));
    regrade(&mut review, "case-1", CaseGrade::Inadequate);
    let m = bring_back(&lead, &through_a_file(&review), &none()).unwrap();
    assert_eq!(review_outcomes(&m), [("case-1", &Outcome::Taken)]);
    assert_eq!(
        m.merged.case("case-1").unwrap().reviewer().map(|g| g.id()),
        Some("inadequate")
    );
}

/// Found in review: "Add a case" after deleting the newest case gave the new
/// case the deleted one's id. The export was then refused on import (a case
/// both deleted and present), so was the device's own stored copy, and a
/// pack's work on the old case was taken into the new, unrelated one.
#[test]
fn a_deleted_cases_id_is_never_handed_out_again() {
    let mut lead = team();
    let ash = {
        let mut ash = through_a_file(&pack_for(&lead, &member(&lead, "member-2"), None));
        answer(&mut ash, "case-3", "C1", NotMet);
        ash
    };
    edit(
        &mut lead,
        Edit::DeleteCase {
            case: "case-4".into(),
        },
    );
    edit(
        &mut lead,
        Edit::DeleteCase {
            case: "case-3".into(),
        },
    );
    let Applied::CaseAdded(id) = edit(
        &mut lead,
        Edit::AddCase {
            case_type: "alpha".into(),
        },
    ) else {
        panic!("no case added");
    };
    assert_eq!(id, "case-5");
    let back = through_a_file(&lead);
    assert_eq!(
        back.case("case-5").map(|c| c.case_type.as_str()),
        Some("alpha")
    );
    let stored =
        cpsa::domain::format::to_storage(&lead, "2026-01-01T00:00:00Z".parse().unwrap(), 3)
            .unwrap();
    assert!(cpsa::domain::format::import_stored(stored.as_bytes(), &common::catalogue()).is_ok());
    // The old case's work comes back as work on a deleted case, for the lead
    // to choose; the new case is untouched.
    let m = bring_back(&lead, &ash, &none()).unwrap();
    let old = m.cases.iter().find(|c| c.case == "case-3").unwrap();
    assert_eq!(old.outcome, Outcome::Conflict(ConflictKind::DeletedHere));
    assert_eq!(
        m.merged.case("case-5").unwrap().answer_value("C1"),
        Unanswered
    );
}

/// Found in review: a case with no counts of changes (from a file of format
/// 1 to 4, or never changed) was not remembered when deleted, so an older
/// copy brought back added it again without asking.
#[test]
fn a_deleted_case_without_counts_stays_deleted_when_an_older_copy_comes_back() {
    let mut a = assessment();
    a.cases
        .push(common::case("case-1", "alpha", &[("C1", Met)]).into());
    let backup = through_a_file(&a);
    let mut lead = backup.clone();
    edit(
        &mut lead,
        Edit::DeleteCase {
            case: "case-1".into(),
        },
    );
    let m = bring_back(&lead, &backup, &none()).unwrap();
    assert_eq!(m.cases[0].outcome, Outcome::StillDeleted);
    assert!(m.merged.case("case-1").is_none());
}

/// Found in review: a count of changes as large as a file may give it
/// overflowed when the lead's choice counted one more (a panic in a debug
/// build, a count back to 0 in a release one).
#[test]
fn a_count_of_changes_at_its_largest_stays_there_when_the_lead_chooses() {
    let mut lead = team();
    answer(&mut lead, "case-1", "K1", Met);
    let mut theirs = through_a_file(&lead);
    answer(&mut theirs, "case-1", "K1", NotMet);
    std::sync::Arc::make_mut(theirs.cases.iter_mut().find(|c| c.id == "case-1").unwrap())
        .versions
        .insert(LEAD.into(), u64::MAX);
    let theirs = through_a_file(&theirs);
    // Changed on both sides: the lead's copy counts a change the file has not seen.
    std::sync::Arc::make_mut(lead.cases.iter_mut().find(|c| c.id == "case-1").unwrap())
        .versions
        .insert("member-1".into(), 1);
    let choices = [("case-1".to_owned(), Choice::Theirs)]
        .into_iter()
        .collect();
    let m = bring_back(&lead, &theirs, &choices).unwrap();
    assert_eq!(m.cases[0].outcome, Outcome::Resolved(Choice::Theirs));
    let c = m.merged.case("case-1").unwrap();
    assert_eq!(c.answer_value("K1"), NotMet);
    assert_eq!(c.versions.get(LEAD), Some(&u64::MAX));
}

/// Found in review: an auditor's pack took in an older pack for the same
/// member (picked by mistake from the downloads), its older frame replacing
/// the newer one's service standards, team and plan without a word.
#[test]
fn a_pack_refuses_an_older_pack_for_the_same_member() {
    let mut lead = team();
    let ash = member(&lead, "member-1");
    let old = through_a_file(&pack_for(
        &lead,
        &ash,
        Some("2026-01-01T09:00:00Z".parse().unwrap()),
    ));
    edit(
        &mut lead,
        Edit::SetServiceStandard {
            interval: "i1".into(),
            minutes: Some(30),
        },
    );
    let new = through_a_file(&pack_for(
        &lead,
        &ash,
        Some("2026-02-01T09:00:00Z".parse().unwrap()),
    ));
    let err = bring_back(&new, &old, &none()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the file is a work pack the lead made on 1 January 2026, before the one open here (made on 1 February 2026): a work pack takes in only the lead's newer one"
    );
    // The newer one is still taken into the older, and the same one again.
    let m = bring_back(&old, &new, &none()).unwrap();
    assert_eq!(m.merged.service_standards, new.service_standards);
    assert!(bring_back(&new, &new, &none()).is_ok());
}

/// Found in review: a removed member's id goes to the next member added
/// (when it was the highest), so the removed member's pack was read as the
/// new member's: a reviewer's grades as an auditor's work, or an auditor's
/// work ignored as a reviewer's ("nothing to bring back").
#[test]
fn a_pack_for_a_removed_member_is_refused_though_their_id_was_given_to_another() {
    let mut lead = team();
    let mut review = through_a_file(&pack_for(&lead, &member(&lead, "member-3"), None));
    regrade(&mut review, "case-1", CaseGrade::Inadequate);
    edit(
        &mut lead,
        Edit::RemoveMember {
            member: "member-3".into(),
        },
    );
    edit(
        &mut lead,
        Edit::AddMember {
            name: "DS Cedar".into(),
            role: Role::Auditor,
        },
    );
    assert_eq!(member(&lead, "member-3").name, "DS Cedar");
    let err = bring_back(&lead, &review, &none()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the file is a work pack for \"Peer reviewer\", who is not in this assessment's team: taken off it since the pack was made, or added to another copy of the assessment"
    );
    // Taken off with no one added since: named, not by an id the lead never
    // sees (found in review, the twenty-first session).
    let mut lead = team();
    let birch = through_a_file(&pack_for(&lead, &member(&lead, "member-2"), None));
    edit(
        &mut lead,
        Edit::RemoveMember {
            member: "member-2".into(),
        },
    );
    assert_eq!(
        bring_back(&lead, &birch, &none()).unwrap_err().to_string(),
        "the file is a work pack for \"DS Birch\", who is not in this assessment's team: taken off it since the pack was made, or added to another copy of the assessment"
    );
}

/// `member`'s pack, as a file, opened on `device` (which gives its copy an
/// id of its own).
fn opened_on(lead: &Assessment, member_id: &str, device: &str) -> Assessment {
    let mut copy = through_a_file(&pack_for(lead, &member(lead, member_id), None));
    copy.copy_id = device.into();
    copy
}

fn choose(case: &str, choice: Choice) -> BTreeMap<String, Choice> {
    [(case.to_owned(), choice)].into_iter().collect()
}

/// "Keep both" keeps two copies of a case's audit. Found in review: given
/// for a deleted case or a reviewer grade, where there is no second copy to
/// keep, it was taken as "keep the lead's", a choice the lead did not make.
/// The conflict now still waits.
#[test]
fn keep_both_where_there_is_nothing_to_keep_twice_leaves_the_conflict_waiting() {
    // A reviewer grade, on its own.
    let mut lead = team();
    let mut review = through_a_file(&pack_for(&lead, &member(&lead, "member-3"), None));
    regrade(&mut review, "case-2", CaseGrade::Good);
    regrade(&mut lead, "case-2", CaseGrade::RequiresImprovement);
    let m = bring_back(&lead, &review, &choose("case-2", Choice::Both)).unwrap();
    assert_eq!(
        review_outcomes(&m),
        [(
            "case-2",
            &Outcome::Conflict(ConflictKind::ReviewerGrade {
                ours: CaseGrade::RequiresImprovement,
                theirs: CaseGrade::Good
            })
        )]
    );
    assert_eq!(m.merged, lead);

    // A case the lead deleted, worked on in the pack since.
    let mut lead = team();
    let mut ash = through_a_file(&pack_for(&lead, &member(&lead, "member-1"), None));
    answer(&mut ash, "case-2", "K1", Met);
    edit(
        &mut lead,
        Edit::DeleteCase {
            case: "case-2".into(),
        },
    );
    let m = bring_back(&lead, &ash, &choose("case-2", Choice::Both)).unwrap();
    assert_eq!(
        m.cases[1].outcome,
        Outcome::Conflict(ConflictKind::DeletedHere)
    );
    assert_eq!(m.merged, lead);
}

/// A whole copy whose case is in conflict in its audit and its reviewer
/// grade: "keep both" adds the copy's audit as a case of its own and keeps
/// the lead's case, its grade with it.
#[test]
fn keep_both_on_a_case_whose_audit_and_grade_are_in_conflict_keeps_the_leads_case_whole() {
    let mut lead = team();
    let mut copy = through_a_file(&lead);
    copy.copy_id = "laptop".into();
    answer(&mut copy, "case-1", "K1", Met);
    regrade(&mut copy, "case-1", CaseGrade::Good);
    answer(&mut lead, "case-1", "K1", NotMet);
    regrade(&mut lead, "case-1", CaseGrade::Inadequate);
    let steps = bring_back_all(&lead, &[("laptop.json", &copy)], &none()).unwrap();
    assert_eq!(steps[0].merge.waiting().count(), 2);
    let both = choose("case-1", Choice::Both);
    let under_both = bring_back_all(&lead, &[("laptop.json", &copy)], &both).unwrap();
    assert!(both_applies(&under_both, "case-1"));
    let m = bring_back(&lead, &copy, &choose("case-1", Choice::Both)).unwrap();
    assert_eq!(m.waiting().count(), 0);
    assert_eq!(
        review_outcomes(&m),
        [("case-1", &Outcome::Resolved(Choice::Both))]
    );
    let kept = m.merged.case("case-1").unwrap();
    assert_eq!(kept.answer_value("K1"), NotMet);
    assert_eq!(kept.reviewer_grade, reviewer_grade(CaseGrade::Inadequate));
    let added = m
        .merged
        .case(m.cases[0].added_as.as_deref().unwrap())
        .unwrap();
    assert_eq!(added.answer_value("K1"), Met);
}

/// Several files at once: a conflict set against an earlier file's work
/// names that file, so a page does not call it "this assessment's"; and
/// "keep both" is offered only where it resolves every conflict of a case.
/// Found in review: the bring-back page said "This assessment has the
/// reviewer grade Good" of a grade an earlier file of the same batch gave.
#[test]
fn a_conflict_with_an_earlier_files_work_names_that_file() {
    let mut lead = team();
    let (mut office, mut home) = (
        opened_on(&lead, "member-3", "office"),
        opened_on(&lead, "member-3", "home"),
    );
    regrade(&mut office, "case-1", CaseGrade::Good);
    regrade(&mut home, "case-1", CaseGrade::Inadequate);
    let (office, home) = (through_a_file(&office), through_a_file(&home));
    let files = [("office.json", &office), ("home.json", &home)];
    let steps = bring_back_all(&lead, &files, &none()).unwrap();
    assert_eq!(
        review_outcomes(&steps[0].merge),
        [("case-1", &Outcome::Taken)]
    );
    let waiting: Vec<_> = steps[1].merge.waiting().collect();
    assert_eq!(waiting.len(), 1);
    assert_eq!(set_against(&steps, 1, waiting[0]), Some(0));
    // One case has one reviewer grade: "both" resolves nothing here.
    let under_both = bring_back_all(&lead, &files, &choose("case-1", Choice::Both)).unwrap();
    assert!(!both_applies(&under_both, "case-1"));
    assert!(!both_applies(&under_both, "case-2"));

    // Against the lead's own work, no file is named.
    regrade(&mut lead, "case-1", CaseGrade::RequiresImprovement);
    let steps = bring_back_all(&lead, &files[1..], &none()).unwrap();
    let waiting: Vec<_> = steps[0].merge.waiting().collect();
    assert_eq!(waiting.len(), 1);
    assert_eq!(set_against(&steps, 0, waiting[0]), None);
}

/// Two files each in conflict with the lead over one case. Found in review:
/// `cpsa merge` listed both conflicts for a choice, then refused the choice
/// "theirs" the list suggested. It is refused at once, and whatever is
/// chosen: one choice would settle two files' copies neither seen beside
/// the other.
#[test]
fn two_files_in_conflict_with_the_lead_over_one_case_are_refused_before_a_choice() {
    let mut lead = team();
    let (mut laptop, mut desktop) = (
        opened_on(&lead, "member-1", "laptop"),
        opened_on(&lead, "member-1", "desktop"),
    );
    answer(&mut laptop, "case-1", "K1", Met);
    answer(&mut desktop, "case-1", "K1", PartlyMet);
    answer(&mut lead, "case-1", "K1", NotMet);
    let (laptop, desktop) = (through_a_file(&laptop), through_a_file(&desktop));
    let files = [("laptop.json", &laptop), ("desktop.json", &desktop)];
    for choices in [
        none(),
        choose("case-1", Choice::Theirs),
        choose("case-1", Choice::Ours),
        choose("case-1", Choice::Both),
    ] {
        let Err((file, refusal)) = bring_back_each(&lead, &files, &choices) else {
            panic!("refused, with {choices:?}");
        };
        assert_eq!(file, "desktop.json");
        assert!(
            matches!(&refusal, Refusal::ChangedInTwoFiles { first, .. } if first == "laptop.json"),
            "{refusal:?}"
        );
    }
    // The app's page shows both files' copies, and asks.
    let steps = bring_back_all(&lead, &files, &none()).unwrap();
    assert_eq!(
        steps
            .iter()
            .map(|s| s.merge.waiting().count())
            .sum::<usize>(),
        2
    );
    let under_both = bring_back_all(&lead, &files, &choose("case-1", Choice::Both)).unwrap();
    assert!(both_applies(&under_both, "case-1"));
}

/// A choice for one file counts as a change of the lead's, so it can turn
/// a later file's copy, taken when nothing was chosen, into a conflict the
/// same choice settles unseen. Found in review: with a pack made after the
/// lead's change, `--keep lead` for the first file's conflict dropped the
/// second file's answer, which the run without a choice had listed as
/// taken. The run is refused from the first, listing nothing.
#[test]
fn a_choice_that_would_settle_a_later_files_copy_unseen_is_refused_before_it_is_asked() {
    let mut lead = team();
    let mut laptop = opened_on(&lead, "member-1", "laptop");
    answer(&mut laptop, "case-1", "K1", Met);
    answer(&mut lead, "case-1", "K1", NotMet);
    // The lead hands out the pack again, with the change; the second
    // computer answers another criterion of the case.
    let mut desktop = opened_on(&lead, "member-1", "desktop");
    answer(&mut desktop, "case-1", "C1", Met);
    let (laptop, desktop) = (through_a_file(&laptop), through_a_file(&desktop));
    let files = [("laptop.json", &laptop), ("desktop.json", &desktop)];
    let quiet = bring_back_all(&lead, &files, &none()).unwrap();
    assert_eq!(quiet[1].merge.cases[0].outcome, Outcome::Taken);
    let lead_kept = bring_back_all(&lead, &files, &choose("case-1", Choice::Ours)).unwrap();
    assert_eq!(
        lead_kept[1].merge.cases[0].outcome,
        Outcome::Resolved(Choice::Ours)
    );
    for choice in [None, Some(Choice::Ours), Some(Choice::Theirs)] {
        let choices = choice.map_or_else(none, |c| choose("case-1", c));
        let refused = bring_back_each(&lead, &files, &choices);
        assert!(
            matches!(&refused, Err((file, Refusal::ChangedInTwoFiles { first, .. })) if file == "desktop.json" && first == "laptop.json"),
            "{choice:?}: {:?}",
            refused.map(|_| ())
        );
    }
}

/// "Keep both" judged under that choice: keeping both audits of a case
/// counts as the lead's change to its grade too, so a reviewer's grade a
/// later file brings, taken with no choice made, would wait as a conflict
/// "both" cannot settle. Found in review: the page offered "keep both",
/// then, chosen, took the option away and reported a conflict waiting.
#[test]
fn keep_both_is_not_offered_where_choosing_it_would_leave_a_conflict_waiting() {
    let mut lead = team();
    let mut copy = through_a_file(&lead);
    copy.copy_id = "laptop".into();
    answer(&mut copy, "case-1", "K1", Met);
    regrade(&mut copy, "case-1", CaseGrade::Good);
    answer(&mut lead, "case-1", "K1", NotMet);
    regrade(&mut lead, "case-1", CaseGrade::Inadequate);
    let mut review = through_a_file(&pack_for(&lead, &member(&lead, "member-3"), None));
    regrade(&mut review, "case-1", CaseGrade::RequiresImprovement);
    let review = through_a_file(&review);
    let files = [("laptop.json", &copy), ("review.json", &review)];
    let quiet = bring_back_all(&lead, &files, &none()).unwrap();
    assert_eq!(
        review_outcomes(&quiet[1].merge),
        [("case-1", &Outcome::Taken)]
    );
    let under_both = bring_back_all(&lead, &files, &choose("case-1", Choice::Both)).unwrap();
    assert!(!both_applies(&under_both, "case-1"));
    // Alone, the full copy's conflicts are settled by "both".
    let alone = bring_back_all(&lead, &files[..1], &choose("case-1", Choice::Both)).unwrap();
    assert!(both_applies(&alone, "case-1"));
}

/// A later file whose copy of the case holds every change of the earlier
/// file's (the same file given twice, a later export of the same pack) sets
/// no work against other work, whatever is chosen: it is not refused.
/// Found in review: the same file given twice was refused with no choice
/// and taken with one; an interim and a final export were refused always.
#[test]
fn a_later_copy_holding_all_of_an_earlier_files_work_is_not_refused() {
    let mut lead = team();
    let mut interim = opened_on(&lead, "member-1", "laptop");
    answer(&mut interim, "case-1", "K1", Met);
    let mut last = interim.clone();
    answer(&mut last, "case-1", "C1", Met);
    answer(&mut lead, "case-1", "K1", NotMet);
    let (interim, last) = (through_a_file(&interim), through_a_file(&last));
    for files in [
        [("ash.json", &interim), ("ash (1).json", &interim)],
        [("ash-interim.json", &interim), ("ash-final.json", &last)],
    ] {
        for choices in [none(), choose("case-1", Choice::Theirs)] {
            let steps = bring_back_each(&lead, &files, &choices);
            assert!(steps.is_ok(), "{:?} {choices:?}", files.map(|f| f.0));
        }
    }
    let steps = bring_back_each(
        &lead,
        &[("ash-interim.json", &interim), ("ash-final.json", &last)],
        &choose("case-1", Choice::Theirs),
    )
    .unwrap();
    let c = steps[1].merge.merged.case("case-1").unwrap().clone();
    assert_eq!((c.answer_value("K1"), c.answer_value("C1")), (Met, Met));
}

/// Calibration by auditor counts a grade under who gave it, and an
/// auditor's cases are those audited. Found in review (2026-12-07):
/// reallocating a graded case moved its drift to the new auditor, and cases
/// allocated but not begun counted as the auditor's.
#[test]
fn calibration_by_auditor_counts_the_grades_each_gave_and_the_cases_each_audited() {
    use cpsa::domain::assessment::ReviewerGrade;
    use cpsa::domain::grade::CaseGrade::Inadequate;
    use cpsa::domain::results::{GradeBasis, Results};
    let fw = test_framework();
    let mut a = assessment();
    for name in ["DS Ash", "DS Birch"] {
        edit(
            &mut a,
            Edit::AddMember {
                name: name.into(),
                role: Role::Auditor,
            },
        );
    }
    edit(
        &mut a,
        Edit::AllocateByType {
            case_type: "alpha".into(),
            count: 5,
            member: "member-1".into(),
        },
    );
    assert_eq!(a.case("case-1").unwrap().auditor, "DS Ash");
    for k in ["K1", "C1", "C2", "C3"] {
        answer(&mut a, "case-1", k, Met);
    }
    edit(
        &mut a,
        Edit::ConfirmGrade {
            case: "case-1".into(),
        },
    );
    edit(
        &mut a,
        Edit::SetReviewerGrade {
            case: "case-1".into(),
            grade: Some(ReviewerGrade {
                grade: Inadequate,
                reviewer: "Peer".into(),
                note: String::new(),
            }),
        },
    );
    // Ash graded one case; four are allocated and not begun.
    let r = Results::compute(&fw, &a, GradeBasis::Final);
    let ash = r
        .calibration
        .by_auditor
        .iter()
        .find(|x| x.auditor == "DS Ash")
        .unwrap();
    assert_eq!((ash.cases, ash.n, ash.drift), (1, 1, Some(2.0)));

    // The graded case goes to Birch, and so does one not begun: the grade
    // stays Ash's; the case not begun follows the allocation.
    for case in ["case-1", "case-2"] {
        edit(
            &mut a,
            Edit::Allocate {
                case: case.into(),
                member: Some("member-2".into()),
            },
        );
    }
    assert_eq!(a.case("case-1").unwrap().auditor, "DS Ash");
    assert_eq!(a.case("case-2").unwrap().auditor, "DS Birch");
    // So does one answered and not graded: its answers are Ash's work (found
    // in a review of the fix, which kept only a graded case's name).
    answer(&mut a, "case-3", "K1", Met);
    edit(
        &mut a,
        Edit::Allocate {
            case: "case-3".into(),
            member: Some("member-2".into()),
        },
    );
    assert_eq!(a.case("case-3").unwrap().auditor, "DS Ash");
    let r = Results::compute(&fw, &a, GradeBasis::Final);
    let row = |name: &str| r.calibration.by_auditor.iter().find(|x| x.auditor == name);
    assert!(row("DS Birch").is_none(), "{:?}", r.calibration.by_auditor);
    let ash = row("DS Ash").unwrap();
    assert_eq!((ash.cases, ash.n, ash.drift), (2, 1, Some(2.0)));
}

/// Found in review (the twenty-second session): an auditor's pack offered
/// the blind review, took a grade, and the lead's bring-back dropped it
/// unsaid. The pack refuses it now, a reviewer's pack refuses all but its
/// grades with its own words, and a file that holds such grades all the
/// same (made before the refusal, or by hand) says which were not taken.
#[test]
fn an_auditors_pack_gives_no_blind_grade_and_a_file_holding_one_says_it_was_not_taken() {
    let lead = team();
    let fw = test_framework();
    let mut ash = through_a_file(&pack_for(&lead, &member(&lead, "member-1"), None));
    let grade = Edit::SetReviewerGrade {
        case: "case-1".into(),
        grade: reviewer_grade(CaseGrade::Inadequate),
    };
    assert_eq!(apply(&mut ash, &fw, grade), Err(EditError::AuditorsPack));
    assert!(EditError::AuditorsPack
        .to_string()
        .contains("reviewer's pack"));
    let mut reviewer = through_a_file(&pack_for(&lead, &member(&lead, "member-3"), None));
    assert_eq!(
        apply(
            &mut reviewer,
            &fw,
            Edit::DeleteCase {
                case: "case-1".into()
            }
        ),
        Err(EditError::ReviewerOnly)
    );
    // A grade in an auditor's file, as an earlier version let it be given.
    ash.case_mut("case-1").unwrap().reviewer_grade = reviewer_grade(CaseGrade::Inadequate);
    answer(&mut ash, "case-1", "K1", Met);
    let m = bring_back(&lead, &ash, &none()).unwrap();
    assert_eq!(m.review_not_taken, vec![ash.cases[0].label()]);
    assert_eq!(m.merged.case("case-1").unwrap().reviewer_grade, None);
    // The audit itself comes back.
    assert_eq!(m.merged.case("case-1").unwrap().answer_value("K1"), Met);
    // Nothing to say of a file whose grades are this assessment's already,
    // nor of the lead's own newer pack taken into the auditor's.
    let mut graded = lead.clone();
    graded.case_mut("case-1").unwrap().reviewer_grade = reviewer_grade(CaseGrade::Inadequate);
    assert!(bring_back(&graded, &ash, &none())
        .unwrap()
        .review_not_taken
        .is_empty());
}

/// Found in review (the twenty-second session): a grade taken back with
/// "Remove my grade" went nowhere. The lead kept the grade a file brought
/// earlier, and the lead's newer pack put it back in the reviewer's; a grade
/// the lead took back came in again with the next bring-back of the file.
/// The counts of changes decide a removal as they decide a grade.
#[test]
fn a_reviewer_grade_taken_back_comes_back_as_taken_back() {
    let fw = test_framework();
    let take_back = |a: &mut Assessment| {
        apply(
            a,
            &fw,
            Edit::SetReviewerGrade {
                case: "case-1".into(),
                grade: None,
            },
        )
        .unwrap();
    };
    let mut lead = team();
    let mut review = through_a_file(&pack_for(&lead, &member(&lead, "member-3"), None));
    regrade(&mut review, "case-1", CaseGrade::Inadequate);
    lead = bring_back(&lead, &review, &none()).unwrap().merged;
    assert!(lead.case("case-1").unwrap().reviewer_grade.is_some());
    // The reviewer takes it back: the lead's copy follows.
    take_back(&mut review);
    let m = bring_back(&lead, &review, &none()).unwrap();
    assert_eq!(review_outcomes(&m), [("case-1", &Outcome::Taken)]);
    assert_eq!(m.merged.case("case-1").unwrap().reviewer_grade, None);
    // The lead's newer pack does not put it back in the reviewer's.
    let newer = through_a_file(&pack_for(&lead, &member(&lead, "member-3"), None));
    let back = bring_back(&review, &newer, &none()).unwrap().merged;
    assert_eq!(back.case("case-1").unwrap().reviewer_grade, None);
    // The lead takes back a grade a file brought: the file, brought back
    // again, does not bring it in again.
    let mut lead = team();
    let mut review = through_a_file(&pack_for(&lead, &member(&lead, "member-3"), None));
    regrade(&mut review, "case-2", CaseGrade::Good);
    lead = bring_back(&lead, &review, &none()).unwrap().merged;
    apply(
        &mut lead,
        &fw,
        Edit::SetReviewerGrade {
            case: "case-2".into(),
            grade: None,
        },
    )
    .unwrap();
    let again = bring_back(&lead, &review, &none()).unwrap();
    assert_eq!(again.merged.case("case-2").unwrap().reviewer_grade, None);
    // A grade the reviewer gives again after the lead took it back is new work.
    regrade(&mut review, "case-2", CaseGrade::RequiresImprovement);
    let revised = bring_back(&lead, &review, &none()).unwrap();
    assert_eq!(
        revised.merged.case("case-2").unwrap().reviewer(),
        Some(CaseGrade::RequiresImprovement)
    );
}

/// Found in review (the twenty-third session): an auditor's pack holds no
/// reviewer's grades, so a grade moved to the reviewer's in a pack made
/// after the review came back as blind and raised the agreement unseen.
/// The pack now marks the grade as one the force has seen the reviewer's
/// beside, and the grade from before comes back with the change.
#[test]
fn a_grade_changed_in_a_pack_made_after_the_review_keeps_the_grade_from_before() {
    let mut lead = team();
    answer(&mut lead, "case-1", "K1", Met);
    let force = |a: &mut Assessment, g: CaseGrade| {
        edit(
            a,
            Edit::OverrideGrade {
                case: "case-1".into(),
                grade: g,
                reason: "As the file shows.".into(),
            },
        );
    };
    force(&mut lead, CaseGrade::Good);
    regrade(&mut lead, "case-1", CaseGrade::Inadequate);
    // The lead saves the same grade again, as the grade page does on the
    // way to check answers: no change, so no false conflict later.
    let before = lead.case("case-1").unwrap().clone();
    force(&mut lead, CaseGrade::Good);
    assert_eq!(lead.case("case-1").unwrap(), &before);

    let mut ash = through_a_file(&pack_for(&lead, &member(&lead, "member-1"), None));
    assert_eq!(ash.case("case-1").unwrap().reviewer_grade, None);
    force(&mut ash, CaseGrade::Inadequate);
    let m = bring_back(&lead, &ash, &none()).unwrap();
    assert_eq!(m.waiting().count(), 0);
    let c = m.merged.case("case-1").unwrap();
    assert_eq!(c.force(), Some(CaseGrade::Inadequate));
    assert_eq!(c.force_blind(), Some(CaseGrade::Good));

    // A pack returned untouched is no change to the lead's copy.
    let untouched = through_a_file(&pack_for(&lead, &member(&lead, "member-1"), None));
    let m = bring_back(&lead, &untouched, &none()).unwrap();
    assert!(m
        .cases
        .iter()
        .all(|c| matches!(c.outcome, Outcome::Unchanged)));
}
