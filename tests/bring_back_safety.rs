//! Bringing work back leaves an assessment that opens again, asks only where
//! two people's work really differs, and never takes a case's id for another.
//! Each of these was a defect found by a review (2026-12-07), written as a
//! failing test first.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::BTreeMap;

use common::merge::bring_back;
use common::{answer, assessment, test_framework};
use cpsa::domain::assessment::{Assessment, Role};
use cpsa::domain::edit::{apply, apply_at, Edit};
use cpsa::domain::format::{export, import};
use cpsa::domain::grade::{completeness, AnswerValue::*};
use cpsa::domain::merge::{differences, Choice, Outcome};
use cpsa::domain::team::pack_for;

fn edit(a: &mut Assessment, e: Edit) {
    apply(a, &test_framework(), e).unwrap();
}

/// The assessment as a file would carry it.
fn through_a_file(a: &Assessment) -> Assessment {
    import(export(a, None, 0).unwrap().as_bytes(), &common::catalogue())
        .unwrap()
        .assessment
}

/// Whether the assessment passes the checks it is read with when opened.
fn opens_again(a: &Assessment) -> Result<(), String> {
    import(export(a, None, 0).unwrap().as_bytes(), &common::catalogue())
        .map(|_| ())
        .map_err(|e| e.to_string())
}

fn none() -> BTreeMap<String, Choice> {
    BTreeMap::new()
}

/// The lead's copy on the device "desk", with `members` in its team and
/// `allocated` (member, count) cases of type alpha given out, each case with
/// a reference.
fn lead(members: &[(&str, Role)], allocated: &[(&str, u32)]) -> Assessment {
    let mut a = assessment();
    for (name, role) in members {
        edit(
            &mut a,
            Edit::AddMember {
                name: (*name).into(),
                role: *role,
            },
        );
    }
    for (member, count) in allocated {
        edit(
            &mut a,
            Edit::AllocateByType {
                case_type: "alpha".into(),
                count: *count,
                member: (*member).into(),
            },
        );
    }
    for c in a.cases.clone() {
        reference(&mut a, &c.id, &format!("24/{}", c.id));
    }
    a.copy_id = "desk".into();
    a
}

fn reference(a: &mut Assessment, case: &str, reference: &str) {
    let c = a.case(case).unwrap().clone();
    edit(
        a,
        Edit::SetCaseDetails {
            case: case.into(),
            reference: reference.into(),
            case_type: c.case_type,
            dates: c.dates,
            auditor: c.auditor,
            conditions: c.conditions,
            unanswered: c.conditions_unanswered,
        },
    );
}

/// The work pack of the team's member at `i`, made on `day` March 2026 and
/// opened on the device "laptop".
fn pack(a: &Assessment, i: usize, day: u8) -> Assessment {
    let at = format!("2026-03-{day:02}T10:00:00Z").parse().unwrap();
    let mut p = through_a_file(&pack_for(a, &a.team[i], Some(at)));
    p.copy_id = "laptop".into();
    p
}

/// Case 1 audited and marked complete, all met, with 45 minutes between
/// events E1 and E2 (interval i1: 60 minutes by default, within it).
fn complete_in_45_minutes(a: &mut Assessment) {
    for (event, at) in [("E1", "2025-06-02T10:00"), ("E2", "2025-06-02T10:45")] {
        edit(
            a,
            Edit::SetTime {
                case: "case-1".into(),
                event: event.into(),
                at: Some(at.parse().unwrap()),
            },
        );
    }
    for k in ["K1", "C1", "C2", "C3"] {
        answer(a, "case-1", k, Met);
    }
    edit(
        a,
        Edit::SetNote {
            case: "case-1".into(),
            criterion: "K1".into(),
            note: "On file.".into(),
        },
    );
    edit(
        a,
        Edit::ConfirmGrade {
            case: "case-1".into(),
        },
    );
    edit(
        a,
        Edit::MarkComplete {
            case: "case-1".into(),
        },
    );
}

#[test]
fn a_case_from_another_copy_allocated_to_someone_this_team_lacks_still_opens() {
    let desk = lead(&[("DS Ash", Role::Auditor)], &[]);
    let mut laptop = through_a_file(&desk);
    laptop.copy_id = "laptop".into();
    edit(
        &mut laptop,
        Edit::AddMember {
            name: "DS Birch".into(),
            role: Role::Auditor,
        },
    );
    edit(
        &mut laptop,
        Edit::AddCase {
            case_type: "alpha".into(),
        },
    );
    edit(
        &mut laptop,
        Edit::Allocate {
            case: "case-1".into(),
            member: Some("member-2".into()),
        },
    );
    let m = bring_back(&desk, &through_a_file(&laptop), &none()).unwrap();
    assert_eq!(m.count(|o| *o == Outcome::Added), 1);
    assert_eq!(opens_again(&m.merged), Ok(()));
    // The team is the lead's: the case comes in, given out to no one.
    assert_eq!(m.merged.case("case-1").unwrap().allocated_to, None);
}

#[test]
fn a_reviewers_newer_pack_after_an_auditor_left_still_opens() {
    let mut desk = lead(
        &[("DS Ash", Role::Auditor), ("Peer", Role::Reviewer)],
        &[("member-1", 1)],
    );
    let review = pack(&desk, 1, 1);
    edit(
        &mut desk,
        Edit::RemoveMember {
            member: "member-1".into(),
        },
    );
    let newer = pack(&desk, 0, 8);
    let m = bring_back(&review, &newer, &none()).unwrap();
    assert_eq!(opens_again(&m.merged), Ok(()));
    // The allocation is the lead's, as the newer pack has it.
    assert_eq!(m.merged.case("case-1").unwrap().allocated_to, None);
}

#[test]
fn a_reviewers_newer_pack_takes_the_leads_changes_to_a_case_without_a_conflict() {
    let mut desk = lead(&[("Peer", Role::Reviewer)], &[]);
    edit(
        &mut desk,
        Edit::AddCase {
            case_type: "alpha".into(),
        },
    );
    let review = pack(&desk, 0, 1);
    reference(&mut desk, "case-1", "24/0001");
    let m = bring_back(&review, &pack(&desk, 0, 8), &none()).unwrap();
    assert_eq!(m.waiting().count(), 0, "{:?}", m.cases);
    assert_eq!(m.merged.case("case-1").unwrap().reference, "24/0001");
}

#[test]
fn the_same_answer_given_on_both_sides_at_different_times_is_no_conflict() {
    let mut desk = lead(&[("DS Ash", Role::Auditor)], &[("member-1", 1)]);
    let mut ash = pack(&desk, 0, 1);
    for (a, at) in [
        (&mut desk, "2026-03-02T10:00:00Z"),
        (&mut ash, "2026-03-02T11:30:00Z"),
    ] {
        apply_at(
            a,
            &test_framework(),
            Edit::SetAnswer {
                case: "case-1".into(),
                criterion: "C1".into(),
                value: Met,
            },
            Some(at.parse().unwrap()),
        )
        .unwrap();
    }
    let m = bring_back(&desk, &through_a_file(&ash), &none()).unwrap();
    assert!(differences(desk.case("case-1").unwrap(), ash.case("case-1").unwrap()).is_empty());
    assert_eq!(m.waiting().count(), 0, "{:?}", m.cases);
    // Brought back again, it is the same: the counts of changes were joined.
    let again = bring_back(&m.merged, &through_a_file(&ash), &none()).unwrap();
    assert!(!again.changes_anything(&m.merged));
}

#[test]
fn keep_both_does_not_apply_in_a_work_pack_which_adds_no_case() {
    let mut desk = lead(
        &[("DS Ash", Role::Auditor), ("DS Birch", Role::Auditor)],
        &[("member-1", 2), ("member-2", 1)],
    );
    let mut ash = pack(&desk, 0, 1);
    answer(&mut desk, "case-1", "C1", Met);
    answer(&mut ash, "case-1", "C1", NotMet);
    let both: BTreeMap<String, Choice> = [("case-1".to_owned(), Choice::Both)].into();
    let m = bring_back(&ash, &pack(&desk, 0, 8), &both).unwrap();
    // The conflict still waits: "both" would add a case, under an id the
    // lead may have given another auditor's case.
    assert_eq!(m.waiting().count(), 1, "{:?}", m.cases);
    assert_eq!(m.merged.cases.len(), ash.cases.len());
    let back = bring_back(&desk, &through_a_file(&m.merged), &none()).unwrap();
    assert!(back
        .cases
        .iter()
        .filter(|c| c.case == "case-3")
        .all(|c| c.outcome == Outcome::Unchanged));
}

#[test]
fn work_completed_under_a_standard_the_lead_has_since_tightened_comes_back_reopened() {
    let fw = test_framework();
    let mut desk = lead(&[("DS Ash", Role::Auditor)], &[("member-1", 1)]);
    let mut ash = pack(&desk, 0, 1);
    edit(
        &mut desk,
        Edit::SetServiceStandard {
            interval: "i1".into(),
            minutes: Some(30),
        },
    );
    complete_in_45_minutes(&mut ash);
    let m = bring_back(&desk, &through_a_file(&ash), &none()).unwrap();
    let c = m.merged.case("case-1").unwrap();
    let unexplained = completeness(&fw, &m.merged.service_standards, c).unexplained_challenges;
    assert_eq!(unexplained, ["C1"]);
    assert!(!c.completed, "complete, yet C1 is challenged with no note");
    assert_eq!(m.reopened, ["case-1"]);
    assert_eq!(m.reopened_labels(), ["24/case-1"]);
    // Every answer is kept, and the same file brought back again finds this
    // copy newer: nothing to choose, nothing changed.
    assert_eq!(c.answers, ash.case("case-1").unwrap().answers);
    let again = bring_back(&m.merged, &through_a_file(&ash), &none()).unwrap();
    assert_eq!(again.waiting().count(), 0, "{:?}", again.cases);
    assert!(!again.changes_anything(&m.merged));
}

#[test]
fn an_auditors_complete_case_a_newer_pack_with_a_tighter_standard_challenges_is_reopened() {
    let mut desk = lead(&[("DS Ash", Role::Auditor)], &[("member-1", 1)]);
    let mut ash = pack(&desk, 0, 1);
    complete_in_45_minutes(&mut ash);
    // The lead tightens the standard and sends a newer pack.
    edit(
        &mut desk,
        Edit::SetServiceStandard {
            interval: "i1".into(),
            minutes: Some(30),
        },
    );
    let m = bring_back(&ash, &pack(&desk, 0, 8), &none()).unwrap();
    let c = m.merged.case("case-1").unwrap();
    assert_eq!(m.merged.service_standards, desk.service_standards);
    assert!(!c.completed);
    assert_eq!(m.reopened, ["case-1"]);
    assert_eq!(c.answers, ash.case("case-1").unwrap().answers);
    assert_eq!(opens_again(&m.merged), Ok(()));
    // The pack comes back to the lead reopened, and the lead takes it.
    let back = bring_back(&desk, &through_a_file(&m.merged), &none()).unwrap();
    assert_eq!(back.waiting().count(), 0, "{:?}", back.cases);
    assert!(!back.merged.case("case-1").unwrap().completed);
}

/// Two copies whose answer differs only in the readings its note was
/// written against are a conflict: each side now says which readings, so
/// the two sides no longer read the same. Left open by the seventeenth
/// session's review, fixed in the eighteenth.
#[test]
fn a_conflict_in_what_a_note_stands_against_reads_differently_on_each_side() {
    use cpsa::domain::assessment::Answer;
    use cpsa::domain::merge::answer_side;
    let fw = test_framework();
    let note = |against: &[&str]| Answer {
        value: NotMet,
        note: "Officers were diverted to a higher-risk call.".into(),
        changed_at: None,
        stands_against: against.iter().map(|s| (*s).to_owned()).collect(),
    };
    let (ours, theirs) = (note(&["i1:90>60"]), note(&[]));
    let left = answer_side(&fw, Some(&ours), Some(&theirs));
    let right = answer_side(&fw, Some(&theirs), Some(&ours));
    assert_ne!(left, right);
    assert_eq!(
        left,
        "Not met: Officers were diverted to a higher-risk call. (the note was written against \
         First to second: 1 hour 30 minutes, against a 1 hour limit)"
    );
    assert_eq!(
        right,
        "Not met: Officers were diverted to a higher-risk call. (the note was written against \
         no reading over its limit)"
    );
    // Where the readings are the same, or one side has no answer, the side
    // says the answer only, as before; a signature of no interval the
    // framework has is shown as it is.
    assert_eq!(
        answer_side(&fw, Some(&ours), Some(&ours)),
        "Not met: Officers were diverted to a higher-risk call."
    );
    assert_eq!(answer_side(&fw, None, Some(&ours)), "Unanswered");
    assert!(
        answer_side(&fw, Some(&note(&["gone:5>1"])), Some(&theirs)).ends_with("against gone:5>1)")
    );
}

/// Bringing work back never leaves more cases than an assessment may hold:
/// saved, it would not open again. Found in a review (2026-12-07) of the
/// edits' limit, which the merge did not share.
#[test]
fn a_file_that_would_take_the_assessment_past_its_most_cases_is_refused() {
    use cpsa::domain::assessment::Case;
    use cpsa::domain::format::MAX_CASES;
    use cpsa::domain::merge::Refusal;
    use std::sync::Arc;
    let mut ours = assessment();
    ours.cases = (0..MAX_CASES - 1)
        .map(|i| Arc::new(Case::new(format!("case-{i}"), "alpha".into())))
        .collect();
    let mut theirs = ours.clone();
    // Another copy of the assessment added two cases.
    for id in ["extra-1", "extra-2"] {
        theirs
            .cases
            .push(Arc::new(Case::new(id.into(), "alpha".into())));
    }
    let refused = bring_back(&ours, &theirs, &none()).unwrap_err();
    assert_eq!(
        refused,
        Refusal::TooManyCases {
            cases: MAX_CASES + 1
        }
    );
    assert_eq!(
        refused.to_string(),
        "with this file's cases the assessment would hold 20001, more than the 20000 one assessment may hold"
    );
    // One added case is within the limit.
    theirs.cases.pop();
    assert_eq!(
        bring_back(&ours, &theirs, &none())
            .unwrap()
            .merged
            .cases
            .len(),
        MAX_CASES
    );
}
