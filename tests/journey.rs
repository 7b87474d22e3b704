//! The guided journey's rules: edits, form checks, progress, the name
//! warning and glossary terms.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{assessment, case, catalogue, referred_back, test_framework};
use cpsa::domain::assessment::{CaseDates, Closure, PlannedCount, ReferBack, ReferBackTrigger};
use cpsa::domain::date::Date;
use cpsa::domain::edit::{apply, Applied, Edit, EditError};
use cpsa::domain::forms::{
    check_plan, looks_like_a_name, CaseDetailsForm, NewAssessmentForm, ReferBackForm,
};
use cpsa::domain::framework::Catalogue;
use cpsa::domain::glossary::terms_in;
use cpsa::domain::grade::grade_is_stale;
use cpsa::domain::grade::{AnswerValue::*, CaseGrade};
use cpsa::domain::progress::{CaseStatus, Progress};
use std::sync::Arc;

fn edit(a: &mut cpsa::domain::assessment::Assessment, e: Edit) -> Result<Applied, EditError> {
    apply(a, &test_framework(), e)
}

fn answer(case: &str, criterion: &str, value: cpsa::domain::grade::AnswerValue) -> Edit {
    Edit::SetAnswer {
        case: case.into(),
        criterion: criterion.into(),
        value,
    }
}

#[test]
fn adding_cases_gives_each_a_fresh_id() {
    let mut a = assessment();
    assert_eq!(
        edit(
            &mut a,
            Edit::AddCase {
                case_type: "alpha".into()
            }
        ),
        Ok(Applied::CaseAdded("case-1".into()))
    );
    assert_eq!(
        edit(
            &mut a,
            Edit::AddCase {
                case_type: "beta".into()
            }
        ),
        Ok(Applied::CaseAdded("case-2".into()))
    );
    edit(
        &mut a,
        Edit::DeleteCase {
            case: "case-1".into(),
        },
    )
    .unwrap();
    assert_eq!(
        edit(
            &mut a,
            Edit::AddCase {
                case_type: "alpha".into()
            }
        ),
        Ok(Applied::CaseAdded("case-3".into()))
    );
    assert_eq!(
        edit(
            &mut a,
            Edit::AddCase {
                case_type: "gamma".into()
            }
        ),
        Err(EditError::UnknownCaseType("gamma".into()))
    );
}

#[test]
fn an_answer_to_a_criterion_that_does_not_apply_is_refused_and_changes_nothing() {
    let mut a = assessment();
    a.cases.push(case("c", "beta", &[]).into());
    let before = a.clone();
    assert_eq!(
        edit(&mut a, answer("c", "C2", Met)),
        Err(EditError::NotApplicable {
            criterion: "C2".into(),
            case_type: "beta".into()
        })
    );
    assert_eq!(a, before);
}

/// The app edits a copy of the assessment while the page still holds the
/// one before: the edit must leave that one as it was, and the copy must
/// share every case the edit did not touch, so a change costs the same at
/// any number of cases.
#[test]
fn an_edit_to_a_copy_changes_only_the_copy_and_copies_only_its_case() {
    let mut before = assessment();
    before.cases = vec![
        case("a", "alpha", &[("K1", Met)]).into(),
        case("b", "alpha", &[("K1", Met)]).into(),
    ];
    let mut after = before.clone();
    edit(&mut after, answer("b", "K1", NotMet)).unwrap();
    assert_eq!(before.case("b").unwrap().answer("K1").unwrap().value, Met);
    assert_eq!(after.case("b").unwrap().answer("K1").unwrap().value, NotMet);
    assert!(Arc::ptr_eq(&before.cases[0], &after.cases[0]));
    assert!(!Arc::ptr_eq(&before.cases[1], &after.cases[1]));
}

#[test]
fn clearing_an_answer_with_no_note_removes_it_but_a_note_is_kept() {
    let mut a = assessment();
    a.cases
        .push(cpsa::domain::assessment::Case::new("c".into(), "alpha".into()).into());
    edit(&mut a, answer("c", "C1", NotMet)).unwrap();
    edit(&mut a, answer("c", "C1", Unanswered)).unwrap();
    assert!(a.cases[0].answers.is_empty());
    edit(
        &mut a,
        Edit::SetNote {
            case: "c".into(),
            criterion: "C1".into(),
            note: "Seen at school".into(),
        },
    )
    .unwrap();
    edit(&mut a, answer("c", "C1", Met)).unwrap();
    edit(&mut a, answer("c", "C1", Unanswered)).unwrap();
    assert_eq!(a.cases[0].answer("C1").unwrap().note, "Seen at school");
}

/// An assessment with one case, "c", every criterion met, graded good as
/// suggested and marked complete, as the app does it.
fn completed_good() -> cpsa::domain::assessment::Assessment {
    let mut a = assessment();
    a.cases.push(
        case(
            "c",
            "alpha",
            &[("K1", Met), ("C1", Met), ("C2", Met), ("C3", Met)],
        )
        .into(),
    );
    edit(&mut a, Edit::ConfirmGrade { case: "c".into() }).unwrap();
    edit(&mut a, Edit::MarkComplete { case: "c".into() }).unwrap();
    a
}

/// Case "c", reopened with its grade gone stale: it cannot be completed
/// until the grade is confirmed again, now inadequate.
fn confirmed_again_as_inadequate(a: &mut cpsa::domain::assessment::Assessment) {
    assert!(grade_is_stale(&test_framework(), &a.cases[0]));
    match edit(a, Edit::MarkComplete { case: "c".into() }) {
        Err(EditError::Incomplete(done)) => assert!(done.missing_grade),
        other => panic!("{other:?}"),
    }
    edit(a, Edit::ConfirmGrade { case: "c".into() }).unwrap();
    assert_eq!(a.cases[0].force(), Some(CaseGrade::Inadequate));
}

#[test]
fn changing_an_answer_reopens_a_completed_case_and_makes_its_grade_stale() {
    let fw = test_framework();
    let mut a = completed_good();
    assert!(a.cases[0].completed);
    assert_eq!(a.cases[0].force(), Some(CaseGrade::Good));

    edit(&mut a, answer("c", "K1", NotMet)).unwrap();
    assert!(!a.cases[0].completed, "an answer change reopens the case");
    confirmed_again_as_inadequate(&mut a);
    assert!(!grade_is_stale(&fw, &a.cases[0]));
}

/// Found in review (the twentieth session): referring a completed case back
/// made its suggestion inadequate but left it complete, its grade stale
/// and still counted as the force's confirmed grade.
#[test]
fn referring_a_completed_case_back_reopens_it_and_its_grade_is_to_confirm_again() {
    let fw = test_framework();
    let mut a = completed_good();
    let referred = referred_back();
    let refer = |r: Option<ReferBack>| Edit::SetReferBack {
        case: "c".into(),
        refer_back: r,
    };
    edit(&mut a, refer(Some(referred.clone()))).unwrap();
    assert!(!a.cases[0].completed, "the refer-back reopens the case");
    confirmed_again_as_inadequate(&mut a);
    edit(&mut a, Edit::MarkComplete { case: "c".into() }).unwrap();

    // Closing the refer-back changes no suggestion: the case stays complete.
    let closed = ReferBack {
        closure: Some(Closure {
            on: Date::from_ymd(2026, 3, 9).unwrap(),
            note: "Child seen with a social worker".into(),
        }),
        ..referred
    };
    edit(&mut a, refer(Some(closed))).unwrap();
    assert!(a.cases[0].completed);
    // Withdrawing it changes the suggestion back: reopened again.
    edit(&mut a, refer(None)).unwrap();
    assert!(!a.cases[0].completed);
    assert!(grade_is_stale(&fw, &a.cases[0]));
}

#[test]
fn an_override_needs_a_reason_and_records_the_suggestion() {
    let mut a = assessment();
    a.cases.push(case("c", "alpha", &[("K1", NotMet)]).into());
    assert_eq!(
        edit(
            &mut a,
            Edit::OverrideGrade {
                case: "c".into(),
                grade: CaseGrade::Good,
                reason: "  ".into()
            }
        ),
        Err(EditError::ReasonRequired)
    );
    edit(
        &mut a,
        Edit::OverrideGrade {
            case: "c".into(),
            grade: CaseGrade::RequiresImprovement,
            reason: "Child seen next day".into(),
        },
    )
    .unwrap();
    let d = a.cases[0].force_grade.clone().unwrap();
    assert_eq!(
        (d.grade, d.suggested),
        (CaseGrade::RequiresImprovement, Some(CaseGrade::Inadequate))
    );
    assert!(d.is_override());
    assert_eq!(
        d.describe(),
        "Requires improvement (the suggestion was inadequate). Reason: Child seen next day"
    );
    // Found in review: a reason ending in a full stop printed "..", as the
    // report and the case page end the line with one of their own.
    let stopped = cpsa::domain::assessment::GradeDecision {
        reason: "Child seen next day.".into(),
        ..d.clone()
    };
    assert_eq!(stopped.describe(), d.describe());
}

#[test]
fn nothing_answered_means_nothing_to_confirm() {
    let mut a = assessment();
    a.cases.push(case("c", "alpha", &[]).into());
    assert_eq!(
        edit(&mut a, Edit::ConfirmGrade { case: "c".into() }),
        Err(EditError::NothingToConfirm)
    );
}

#[test]
fn changing_the_case_type_drops_answers_that_no_longer_apply() {
    let mut a = assessment();
    a.cases
        .push(case("c", "alpha", &[("K1", Met), ("C2", NotMet)]).into());
    edit(
        &mut a,
        Edit::SetCaseDetails {
            case: "c".into(),
            reference: "24/1".into(),
            case_type: "beta".into(),
            dates: CaseDates::default(),
            auditor: "DS A".into(),
            conditions: Vec::new(),
            unanswered: Vec::new(),
        },
    )
    .unwrap();
    let kept: Vec<&String> = a.cases[0].answers.keys().collect();
    assert_eq!(kept, ["K1"]);
}

#[test]
fn progress_counts_planned_started_and_completed_apart_from_grades() {
    let fw = test_framework();
    let mut a = assessment();
    a.cases = vec![
        case("1", "alpha", &[("K1", Met)]).into(),
        cpsa::domain::assessment::Case::new("2".into(), "alpha".into()).into(),
        case("3", "beta", &[]).into(),
    ];
    Arc::make_mut(&mut a.cases[2]).completed = true;
    let p = Progress::compute(&fw, &a);
    assert_eq!((p.planned, p.cases, p.started, p.completed), (3, 3, 2, 1));
    let alpha = &p.by_case_type[0];
    assert_eq!(
        (alpha.planned, alpha.cases, alpha.started, alpha.completed),
        (2, 2, 1, 0)
    );
    assert_eq!(CaseStatus::of(&a.cases[1]), CaseStatus::NotStarted);
    assert_eq!(CaseStatus::of(&a.cases[0]), CaseStatus::InProgress);
}

#[test]
fn the_new_assessment_form_names_each_problem_by_field() {
    let c = catalogue();
    let errors = NewAssessmentForm {
        force: " ".into(),
        framework: "nope@1".into(),
        start: "2025-02-30".into(),
        end: String::new(),
        assessors: String::new(),
    }
    .check(&c)
    .unwrap_err();
    let got: Vec<(&str, &str)> = errors
        .iter()
        .map(|e| (e.field.as_str(), e.message.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("force", "Enter the name of the force"),
            ("framework", "Select the framework to assess against"),
            ("start", "The date the period starts must be a real date"),
            ("end", "Enter the date the period ends"),
        ]
    );
    let ok = NewAssessmentForm {
        force: " Testshire Police ".into(),
        framework: "test@1".into(),
        start: "2025-01-01".into(),
        end: "2025-12-31".into(),
        assessors: "DI One\n\n DS Two \n".into(),
    }
    .check(&c)
    .unwrap();
    assert_eq!(ok.force, "Testshire Police");
    assert_eq!(ok.assessors, ["DI One", "DS Two"]);
}

#[test]
fn a_period_that_ends_before_it_starts_is_an_error_on_the_end_date() {
    let errors = NewAssessmentForm {
        force: "F".into(),
        framework: "test@1".into(),
        start: "2025-06-01".into(),
        end: "2025-01-01".into(),
        assessors: String::new(),
    }
    .check(&catalogue())
    .unwrap_err();
    assert_eq!(errors[0].field, "end");
    assert!(errors[0].message.contains("same as or after"));
}

#[test]
fn the_plan_form_wants_whole_numbers_up_to_a_thousand() {
    let fw = test_framework();
    let typed = |a: &str, b: &str| {
        vec![
            ("alpha".to_string(), a.to_string()),
            ("beta".to_string(), b.to_string()),
        ]
    };
    assert_eq!(
        check_plan(&fw, &typed("4", " 0 ")).unwrap(),
        [
            PlannedCount {
                case_type: "alpha".into(),
                planned: 4
            },
            PlannedCount {
                case_type: "beta".into(),
                planned: 0
            }
        ]
    );
    let errors = check_plan(&fw, &typed("2.5", "1001")).unwrap_err();
    assert_eq!(errors[0].field, "plan-alpha");
    assert_eq!(
        errors[0].message,
        "The number of alpha cases must be a whole number, like 3"
    );
    assert_eq!(
        errors[1].message,
        "The number of beta cases must be 1000 or fewer"
    );
}

#[test]
fn case_details_need_a_reference_and_sensible_dates() {
    let fw = test_framework();
    let errors = CaseDetailsForm {
        reference: String::new(),
        case_type: "alpha".into(),
        reported: "2025-03-02".into(),
        audited: "2025-03-01".into(),
        auditor: String::new(),
        conditions: Vec::new(),
        answered: Vec::new(),
        allocated_to: String::new(),
    }
    .check(&fw)
    .unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["reference", "audited"]);
}

#[test]
fn a_refer_back_needs_a_reason_and_an_owner_and_a_closure_needs_both_parts() {
    let form = ReferBackForm {
        triggers: vec![ReferBackTrigger::ImmediateRisk],
        reason: "Child at home with the suspect".into(),
        owner: "DI Jones".into(),
        raised: "2025-03-01".into(),
        deadline: "2025-03-03".into(),
        closed_on: String::new(),
        closure_note: String::new(),
    };
    let open = form.check().unwrap();
    assert!(open.closure.is_none());
    let missing = ReferBackForm {
        reason: String::new(),
        owner: String::new(),
        ..form.clone()
    }
    .check()
    .unwrap_err();
    let fields: Vec<&str> = missing.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["refer-reason", "refer-owner"]);
    let half_closed = ReferBackForm {
        closed_on: "2025-03-02".into(),
        ..form.clone()
    }
    .check()
    .unwrap_err();
    assert_eq!(half_closed[0].field, "refer-closure-note");
    let closed = ReferBackForm {
        closed_on: "2025-03-02".into(),
        closure_note: "Strategy discussion held".into(),
        ..form
    }
    .check()
    .unwrap();
    assert_eq!(closed.closure.unwrap().on.to_string(), "2025-03-02");
}

#[test]
fn references_that_look_like_names_are_flagged_and_real_references_are_not() {
    for name in [
        "John Smith",
        "Smith, John",
        "J. Smith",
        "case of Amy O'Neil",
        "Mary-Jane Watson",
    ] {
        assert!(looks_like_a_name(name), "{name}");
    }
    for reference in [
        "24/123456/DA",
        "NP-2025-0042",
        "Op Encompass 12",
        "North Division 4471",
        "DA referral",
        "MASH 2291",
        "",
    ] {
        assert!(!looks_like_a_name(reference), "{reference}");
    }
}

#[test]
fn glossary_terms_are_found_as_whole_words_in_order() {
    let catalogue = Catalogue::builtin().unwrap();
    let fw = catalogue.all().next().unwrap();
    let terms: Vec<&str> = terms_in(
        fw,
        "Was a PPN sent to the MASH, and was a strategy discussion held under s.47?",
    )
    .iter()
    .map(|g| g.term.as_str())
    .collect();
    assert_eq!(terms, ["PPN", "MASH", "strategy discussion", "s.47"]);
    // Inside other words, or in the wrong case for an abbreviation, nothing matches.
    assert!(terms_in(fw, "The happy masher ppn").is_empty());
    // Aliases count: "section 46" is s.46.
    let alias: Vec<&str> = terms_in(fw, "Powers under section 46 were used.")
        .iter()
        .map(|g| g.term.as_str())
        .collect();
    assert_eq!(alias, ["s.46"]);
}

#[test]
fn a_new_case_id_never_overflows_even_after_an_imported_huge_one() {
    let mut a = assessment();
    a.cases
        .push(case("case-18446744073709551615", "alpha", &[]).into());
    a.cases.push(case("case-1", "alpha", &[]).into());
    assert_eq!(a.next_case_id(), "case-2");
}

#[test]
fn the_grade_form_confirms_the_suggestion_and_wants_a_reason_to_differ() {
    use cpsa::domain::forms::check_grade;
    use cpsa::domain::grade::CaseGrade::*;
    assert_eq!(
        check_grade("c", Some(Good), Some(Good), ""),
        Ok(Edit::ConfirmGrade { case: "c".into() })
    );
    assert_eq!(
        check_grade("c", Some(Good), None, "").unwrap_err().field,
        "grade"
    );
    let no_reason = check_grade("c", Some(Good), Some(Inadequate), "  ").unwrap_err();
    assert_eq!(
        (no_reason.field.as_str(), no_reason.message.as_str()),
        (
            "grade-reason",
            "Enter why the grade differs from the suggestion"
        )
    );
    assert_eq!(
        check_grade("c", None, Some(Inadequate), " Child left at risk "),
        Ok(Edit::OverrideGrade {
            case: "c".into(),
            grade: Inadequate,
            reason: "Child left at risk".into()
        })
    );
}

mod backups {
    use cpsa::domain::backup::{check_reminder_days, BackupMarks};
    use cpsa::domain::date::Timestamp;

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn a_reminder_falls_due_when_the_first_unexported_change_has_waited_long_enough() {
        let mut marks = BackupMarks::default();
        assert_eq!(
            marks.overdue(at("2025-03-10T00:00:00Z"), 7),
            None,
            "nothing changed yet"
        );
        marks.changed(at("2025-03-01T09:00:00Z"));
        marks.changed(at("2025-03-05T09:00:00Z"));
        assert_eq!(
            marks.overdue(at("2025-03-08T08:59:00Z"), 7),
            None,
            "six days and 23 hours"
        );
        assert_eq!(
            marks.overdue(at("2025-03-09T10:00:00Z"), 7),
            Some(8),
            "counted from the first change"
        );
        assert_eq!(
            marks.overdue(at("2025-03-09T10:00:00Z"), 30),
            None,
            "the setting decides"
        );
        marks.exported(at("2025-03-09T10:05:00Z"));
        assert_eq!(
            marks.overdue(at("2025-04-30T00:00:00Z"), 7),
            None,
            "an export clears it"
        );
        marks.changed(at("2025-04-01T00:00:00Z"));
        assert_eq!(marks.overdue(at("2025-04-30T00:00:00Z"), 7), Some(29));
    }

    #[test]
    fn the_reminder_setting_is_a_whole_number_of_days_from_1_to_365() {
        assert_eq!(check_reminder_days(" 14 "), Ok(14));
        assert_eq!(
            check_reminder_days("0").unwrap_err().message,
            "The number of days must be between 1 and 365"
        );
        assert_eq!(
            check_reminder_days("a week").unwrap_err().field,
            "reminder-days"
        );
        assert_eq!(
            check_reminder_days("").unwrap_err().message,
            "Enter a number of days"
        );
    }
}

/// Found in review: a date input typed in part (a day and month, no year)
/// gives no value, as if empty; read as empty, a date saved before was
/// quietly removed. The app passes it on as `INCOMPLETE`, an error.
#[test]
fn a_date_typed_in_part_is_an_error_even_where_the_date_is_optional() {
    use cpsa::domain::forms::INCOMPLETE;
    let fw = test_framework();
    let form = CaseDetailsForm {
        reference: "24/0001".into(),
        case_type: "alpha".into(),
        reported: INCOMPLETE.into(),
        ..Default::default()
    };
    let errors = form.check(&fw).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].field, "reported");
    assert_eq!(
        errors[0].message,
        "Enter the date the case was reported in full: day, month and year"
    );
}
