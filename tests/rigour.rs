//! The audit is hard to soften (issue 18): the version 2 rule does not call
//! a failing case good, key answers need their reasons, the timeline
//! challenges answers it contradicts, and an older file's complete cases
//! that lack those reasons are reopened rather than refused.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::sync::Arc;

use common::{
    assessment, case, catalogue, completed, framework_version, latest_framework, referred_back,
    test_framework,
};
use cpsa::domain::assessment::{Answer, Assessment, Case, ServiceStandard, TimelineEntry};
use cpsa::domain::date::LocalTime;
use cpsa::domain::edit::{apply, Edit, EditError};
use cpsa::domain::format::{export, import};
use cpsa::domain::framework::Framework;
use cpsa::domain::grade::{completeness, suggest, AnswerValue::*, CaseGrade, Reason};
use cpsa::domain::timeline::{challenges, readings, LimitSource};

/// A case of `case_type` with every criterion that applies met, with a
/// note, and then the first `not_met` non-key criteria not met.
fn with_not_met(fw: &Framework, case_type: &str, not_met: usize) -> Case {
    let mut c = Case::new("c".into(), case_type.into());
    c.reference = "24/100".into();
    let criteria: Vec<_> = fw.criteria_for(case_type).collect();
    let mut left = not_met;
    for k in criteria {
        let value = if left > 0 && !k.is_key_for(case_type) {
            left -= 1;
            NotMet
        } else {
            Met
        };
        c.answers.insert(
            k.id.clone(),
            Answer {
                value,
                note: "Seen in the file.".into(),
                changed_at: None,
                stands_against: Vec::new(),
            },
        );
    }
    assert_eq!(left, 0, "{case_type} has too few non-key criteria");
    c
}

fn share_of(fw: &Framework, case_type: &str, share: f64) -> usize {
    (fw.criteria_count_for(case_type) as f64 * share).ceil() as usize
}

#[test]
fn no_case_type_comes_out_good_with_15_per_cent_of_its_criteria_not_met() {
    for id in ["child-journey", "ncpi-2024"] {
        let fw = latest_framework(id);
        for t in &fw.case_types {
            let n = share_of(fw, &t.id, 0.15);
            let s = suggest(fw, &with_not_met(fw, &t.id, n));
            assert_eq!(
                s.grade,
                Some(CaseGrade::RequiresImprovement),
                "{id} {}: {n} not met",
                t.id
            );
            assert!(
                s.reasons
                    .iter()
                    .any(|r| matches!(r, Reason::Shortfall { not_met, .. } if *not_met == n)),
                "{:?}",
                s.reasons
            );
        }
    }
}

#[test]
fn the_first_version_keeps_its_kinder_rule_for_the_assessments_made_with_it() {
    let fw = framework_version("child-journey", "1.0.0");
    let n = share_of(fw, "domestic-abuse", 0.15);
    let s = suggest(fw, &with_not_met(fw, "domestic-abuse", n));
    assert_eq!(s.grade, Some(CaseGrade::Good));
}

#[test]
fn every_criterion_met_stays_good_one_shortfall_is_allowed_and_a_key_failure_stays_inadequate() {
    let fw = latest_framework("ncpi-2024");
    for t in &fw.case_types {
        assert_eq!(
            suggest(fw, &with_not_met(fw, &t.id, 0)).grade,
            Some(CaseGrade::Good),
            "{}",
            t.id
        );
        assert_eq!(
            suggest(fw, &with_not_met(fw, &t.id, 1)).grade,
            Some(CaseGrade::Good),
            "{}",
            t.id
        );
        let mut c = with_not_met(fw, &t.id, 0);
        let key = fw
            .criteria_for(&t.id)
            .find(|k| k.is_key_for(&t.id))
            .expect("a key criterion");
        c.answers.get_mut(&key.id).unwrap().value = NotMet;
        let s = suggest(fw, &c);
        assert_eq!(s.grade, Some(CaseGrade::Inadequate), "{}", t.id);
        assert_eq!(
            s.reasons[0],
            Reason::KeyNotMet {
                criterion: key.id.clone()
            }
        );
    }
}

#[test]
fn two_partly_met_are_one_shortfall_and_three_are_too_many() {
    let fw = latest_framework("child-journey");
    let mut c = with_not_met(fw, "domestic-abuse", 0);
    let soft: Vec<String> = fw
        .criteria_for("domestic-abuse")
        .filter(|k| !k.is_key_for("domestic-abuse"))
        .take(3)
        .map(|k| k.id.clone())
        .collect();
    for id in &soft[..2] {
        c.answers.get_mut(id).unwrap().value = PartlyMet;
    }
    assert_eq!(suggest(fw, &c).grade, Some(CaseGrade::Good));
    c.answers.get_mut(&soft[2]).unwrap().value = PartlyMet;
    let s = suggest(fw, &c);
    assert_eq!(s.grade, Some(CaseGrade::RequiresImprovement));
    let words: Vec<String> = s.reasons.iter().map(|r| r.describe(fw)).collect();
    assert!(
        words.iter().any(|w| w
            == "0 criteria not met and 3 criteria partly met: a good case falls short on at most one criterion: one not met, or two partly met, so this case cannot be good."),
        "{words:?}"
    );
}

#[test]
fn key_criteria_count_twice_in_the_score() {
    let fw = latest_framework("child-journey");
    let mut c = with_not_met(fw, "custody", 0);
    let key = fw
        .criteria_for("custody")
        .find(|k| k.is_key_for("custody"))
        .unwrap();
    c.answers.get_mut(&key.id).unwrap().value = PartlyMet;
    // Every key criterion weighs 2: the total weight is the criteria plus
    // the key ones again, and the partly met key criterion loses 1 of it.
    let n = fw.criteria_count_for("custody") as f64;
    let keys = fw
        .criteria_for("custody")
        .filter(|k| k.is_key_for("custody"))
        .count() as f64;
    let weight = n + keys;
    let s = suggest(fw, &c);
    assert!((s.score.unwrap() - (weight - 1.0) / weight).abs() < 1e-12);
    assert!(s.reasons[0]
        .describe(fw)
        .contains("key criteria count twice"));
}

#[test]
fn a_key_criterion_met_or_not_applicable_needs_a_note_before_the_case_is_complete() {
    let fw = test_framework();
    let mut c = case(
        "c",
        "alpha",
        &[("K1", Met), ("C1", Met), ("C2", NotApplicable), ("C3", Met)],
    );
    c.answers.get_mut("K1").unwrap().note = "  ".into();
    c.answers.get_mut("C2").unwrap().note.clear();
    let done = completeness(&fw, &[], &c);
    // C2 is not key: not applicable needs no reason there.
    assert_eq!(done.missing_key_notes, ["K1"]);
    c.answers.get_mut("K1").unwrap().value = NotApplicable;
    assert_eq!(completeness(&fw, &[], &c).missing_key_notes, ["K1"]);
    c.answers.get_mut("K1").unwrap().note =
        "No child at the address: the call was about a neighbour.".into();
    assert!(completeness(&fw, &[], &c).missing_key_notes.is_empty());
}

#[test]
fn marking_complete_is_refused_while_a_key_answer_has_no_note_and_says_which() {
    let fw = test_framework();
    let mut a = assessment();
    let mut c = case(
        "c",
        "alpha",
        &[("K1", Met), ("C1", Met), ("C2", Met), ("C3", Met)],
    );
    c.answers.get_mut("K1").unwrap().note.clear();
    a.cases.push(Arc::new(c));
    apply(&mut a, &fw, Edit::ConfirmGrade { case: "c".into() }).unwrap();
    match apply(&mut a, &fw, Edit::MarkComplete { case: "c".into() }) {
        Err(EditError::Incomplete(done)) => assert_eq!(done.missing_key_notes, ["K1"]),
        other => panic!("{other:?}"),
    }
    apply(
        &mut a,
        &fw,
        Edit::SetNote {
            case: "c".into(),
            criterion: "K1".into(),
            note: "Seen alone in the kitchen, body-worn video 14:02.".into(),
        },
    )
    .unwrap();
    apply(&mut a, &fw, Edit::MarkComplete { case: "c".into() }).unwrap();
    assert!(a.cases[0].completed);
}

fn at(s: &str) -> LocalTime {
    s.parse().expect("a time")
}

fn timed(c: &mut Case, event: &str, time: &str) {
    c.timeline.push(TimelineEntry {
        event: event.into(),
        at: at(time),
    });
}

#[test]
fn local_times_read_as_a_date_and_time_field_gives_them_and_nothing_else() {
    assert_eq!(at("2025-03-01T09:05").to_string(), "2025-03-01T09:05");
    assert_eq!(at("2025-03-01T09:05:00").to_string(), "2025-03-01T09:05");
    assert_eq!(
        at("2025-03-01T23:00").minutes_until(at("2025-03-02T01:30")),
        150
    );
    assert_eq!(
        at("2025-03-02T01:30").minutes_until(at("2025-03-01T23:00")),
        -150
    );
    for bad in [
        "2025-03-01",
        "2025-03-01T24:00",
        "2025-03-01T9:05",
        "2025-02-30T10:00",
        "2025-03-01 10:00",
    ] {
        assert!(bad.parse::<LocalTime>().is_err(), "{bad}");
    }
}

/// An interval is the time that passed in England and Wales, across a
/// change of the clocks too. Found in review (2026-12-07): times were
/// subtracted as the clock shows them, so a 45-minute response on the
/// night the clocks go forward read as 1 hour 45 minutes, over an hour's
/// standard, and 2 hours 20 minutes on the night they go back read as 80
/// minutes, within 90.
#[test]
fn an_interval_across_a_change_of_the_clocks_is_the_time_that_passed() {
    let minutes = |from: &str, to: &str| at(from).minutes_until(at(to));
    // 2025: forward on Sunday 30 March, back on Sunday 26 October.
    assert_eq!(minutes("2025-03-30T00:30", "2025-03-30T02:15"), 45);
    assert_eq!(minutes("2025-10-26T00:40", "2025-10-26T02:00"), 140);
    assert_eq!(minutes("2025-10-26T02:00", "2025-10-26T00:40"), -140);
    // A day on either side, and a whole season, as the clocks count them.
    assert_eq!(minutes("2025-03-29T00:30", "2025-03-29T02:15"), 105);
    assert_eq!(minutes("2025-03-31T00:30", "2025-03-31T02:15"), 105);
    assert_eq!(minutes("2025-10-27T00:40", "2025-10-27T02:00"), 80);
    assert_eq!(minutes("2025-07-01T09:00", "2025-07-02T09:00"), 1440);
    assert_eq!(
        minutes("2025-03-01T12:00", "2025-04-01T12:00"),
        31 * 1440 - 60
    );
    assert_eq!(
        minutes("2025-10-01T12:00", "2025-11-01T12:00"),
        31 * 1440 + 60
    );
    // A time in the hour the clock skips is read as the moment of the
    // change, so no interval across it is negative; the hour it shows
    // twice is read as the first time.
    assert_eq!(minutes("2025-03-30T01:30", "2025-03-30T03:00"), 60);
    assert_eq!(minutes("2025-03-30T01:30", "2025-03-30T02:15"), 15);
    assert_eq!(minutes("2025-03-30T00:30", "2025-03-30T01:30"), 30);
    assert_eq!(minutes("2025-03-30T01:00", "2025-03-30T02:00"), 0);
    assert_eq!(minutes("2025-10-26T01:30", "2025-10-26T02:30"), 120);
    // Another year's Sundays: 2026 forward on 29 March, back on 25 October.
    assert_eq!(minutes("2026-03-29T00:30", "2026-03-29T02:15"), 45);
    assert_eq!(minutes("2026-10-25T00:40", "2026-10-25T02:00"), 140);

    // The spring night's 45 minutes raise no challenge against an hour.
    let fw = test_framework();
    let mut c = case("c", "alpha", &[("C1", Met)]);
    timed(&mut c, "E1", "2025-03-30T00:30");
    timed(&mut c, "E2", "2025-03-30T02:15");
    let standards = [ServiceStandard {
        interval: "i1".into(),
        minutes: 60,
    }];
    assert!(challenges(&fw, &standards, &c).is_empty());
    timed(&mut c, "E2", "2025-03-30T02:45");
    c.timeline.remove(1);
    assert_eq!(challenges(&fw, &standards, &c).len(), 1);
}

#[test]
fn an_answer_the_timeline_contradicts_is_challenged_and_needs_a_note_but_is_never_changed() {
    let fw = test_framework();
    let mut c = case(
        "c",
        "alpha",
        &[("K1", Met), ("C1", NotApplicable), ("C2", Met), ("C3", Met)],
    );
    timed(&mut c, "E1", "2025-03-01T10:00");
    timed(&mut c, "E2", "2025-03-01T12:00");
    // E1 to E2 (2 hours) judges C1 against the force's standard, an hour
    // until the force sets its own; E2 to E3 is not recorded yet.
    let found = challenges(&fw, &[], &c);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].criterion, "C1");
    assert!(matches!(
        found[0].reading.limit.source,
        LimitSource::Suggested { .. }
    ));
    assert_eq!(
        found[0].describe(),
        "The timeline shows 2 hours for first to second, over the 1 hour limit (the tool's starting value for the force's own standard (not yet set)), yet the answer is not applicable."
    );
    c.answers.get_mut("C1").unwrap().note.clear();
    assert_eq!(completeness(&fw, &[], &c).unexplained_challenges, ["C1"]);
    assert_eq!(c.answer_value("C1"), NotApplicable);

    // The force's own standard of three hours: no challenge.
    let standards = [ServiceStandard {
        interval: "i1".into(),
        minutes: 180,
    }];
    assert!(challenges(&fw, &standards, &c).is_empty());
    assert_eq!(
        readings(&fw, &standards, &c)[0].limit.source,
        LimitSource::ForceSet
    );

    // A cited limit: 45 minutes from E2 to E3 is over 30; K1 met is challenged.
    timed(&mut c, "E3", "2025-03-01T12:45");
    let found = challenges(&fw, &standards, &c);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].criterion, "K1");
    assert!(matches!(
        found[0].reading.limit.source,
        LimitSource::Cited(_)
    ));
    // Not met is what the timeline says already: no challenge.
    c.answers.get_mut("K1").unwrap().value = NotMet;
    assert!(challenges(&fw, &standards, &c).is_empty());
}

#[test]
fn an_interval_run_backwards_is_within_any_limit() {
    let fw = test_framework();
    let mut c = case("c", "alpha", &[("C1", Met)]);
    timed(&mut c, "E1", "2025-03-01T12:00");
    timed(&mut c, "E2", "2025-03-01T10:00");
    assert_eq!(readings(&fw, &[], &c)[0].minutes, -120);
    assert!(challenges(&fw, &[], &c).is_empty());
}

#[test]
fn times_and_service_standards_are_edits_and_a_limit_in_law_cannot_be_changed() {
    let fw = latest_framework("child-journey");
    let mut a = common::assessment_in(fw);
    let id = match apply(
        &mut a,
        fw,
        Edit::AddCase {
            case_type: "missing".into(),
        },
    )
    .unwrap()
    {
        cpsa::domain::edit::Applied::CaseAdded(id) => id,
        other => panic!("{other:?}"),
    };
    for (event, time) in [
        ("attended", "2025-03-01T23:00"),
        ("reported", "2025-03-01T18:00"),
    ] {
        apply(
            &mut a,
            fw,
            Edit::SetTime {
                case: id.clone(),
                event: event.into(),
                at: Some(at(time)),
            },
        )
        .unwrap();
    }
    // Kept in the framework's order of events, whatever order they came in.
    let events: Vec<&str> = a.cases[0]
        .timeline
        .iter()
        .map(|e| e.event.as_str())
        .collect();
    assert_eq!(events, ["reported", "attended"]);
    assert_eq!(
        apply(
            &mut a,
            fw,
            Edit::SetTime {
                case: id.clone(),
                event: "sunrise".into(),
                at: None
            }
        ),
        Err(EditError::UnknownEvent("sunrise".into()))
    );
    apply(
        &mut a,
        fw,
        Edit::SetServiceStandard {
            interval: "attendance".into(),
            minutes: Some(360),
        },
    )
    .unwrap();
    assert_eq!(a.service_standards[0].minutes, 360);
    assert_eq!(
        apply(
            &mut a,
            fw,
            Edit::SetServiceStandard {
                interval: "police-protection".into(),
                minutes: Some(10)
            }
        ),
        Err(EditError::LimitIsFixed("police-protection".into()))
    );
    apply(
        &mut a,
        fw,
        Edit::SetServiceStandard {
            interval: "attendance".into(),
            minutes: None,
        },
    )
    .unwrap();
    assert!(a.service_standards.is_empty());
}

/// The ids of the criteria that apply to a case, in framework order.
fn applying(fw: &Framework, c: &Case) -> Vec<String> {
    c.criteria(fw).map(|k| k.id.clone()).collect()
}

#[test]
fn a_condition_never_answered_keeps_its_criteria_in_the_audit() {
    // N18 chapter 5 audits how the first call was handled; the 2024
    // framework brings the missing episode of a criminally exploited child
    // in (N25). A question left as it was must not take them out.
    let fw = latest_framework("child-journey");
    let mut a = common::assessment_in(fw);
    apply(
        &mut a,
        fw,
        Edit::AddCase {
            case_type: "custody".into(),
        },
    )
    .unwrap();
    let call = ["IC1", "IC2", "IC5", "IC17"];
    let c = a.cases[0].clone();
    assert_eq!(c.conditions, ["began-with-call"]);
    assert_eq!(c.conditions_unanswered, ["began-with-call"]);
    assert!(call
        .iter()
        .all(|k| applying(fw, &c).contains(&(*k).to_owned())));
    // Completing it needs them answered.
    let done = completeness(fw, &[], &c);
    assert!(
        call.iter()
            .all(|k| done.unanswered.contains(&(*k).to_owned())),
        "{done:?}"
    );

    let details = |conditions: &[&str], unanswered: &[&str]| Edit::SetCaseDetails {
        case: c.id.clone(),
        reference: "24/1".into(),
        case_type: "custody".into(),
        dates: Default::default(),
        auditor: "DS A".into(),
        conditions: conditions.iter().map(|k| (*k).to_owned()).collect(),
        unanswered: unanswered.iter().map(|k| (*k).to_owned()).collect(),
    };
    // Details saved with the question still open keep it open.
    apply(
        &mut a,
        fw,
        details(&["began-with-call"], &["began-with-call"]),
    )
    .unwrap();
    assert_eq!(a.cases[0].conditions_unanswered, ["began-with-call"]);
    // Yes: the criteria stay, and the question is answered.
    apply(&mut a, fw, details(&["began-with-call"], &[])).unwrap();
    assert_eq!(a.cases[0].conditions, ["began-with-call"]);
    assert!(a.cases[0].conditions_unanswered.is_empty());
    assert!(applying(fw, &a.cases[0]).contains(&"IC1".to_owned()));
    // No: only now do they leave the audit.
    apply(&mut a, fw, details(&[], &[])).unwrap();
    assert!(a.cases[0].conditions.is_empty());
    assert!(!applying(fw, &a.cases[0]).contains(&"IC1".to_owned()));
    // On the form, a question not answered there or before stays open,
    // as one asked only once the case type is changed to custody does.
    let form = cpsa::domain::forms::CaseDetailsForm {
        reference: "24/2".into(),
        case_type: "custody".into(),
        ..Default::default()
    };
    assert_eq!(form.check(fw).unwrap().unanswered, ["began-with-call"]);
    let form = cpsa::domain::forms::CaseDetailsForm {
        answered: vec!["began-with-call".into()],
        ..form
    };
    assert!(form.check(fw).unwrap().unanswered.is_empty());
    // A type that asks no question has nothing open.
    apply(
        &mut a,
        fw,
        Edit::AddCase {
            case_type: "domestic-abuse".into(),
        },
    )
    .unwrap();
    assert!(a.cases[1].conditions_unanswered.is_empty());

    // The unanswered question goes to a file and back, and to the CSV.
    let mut open = a.clone();
    Arc::make_mut(&mut open.cases[0]).conditions = vec!["began-with-call".into()];
    Arc::make_mut(&mut open.cases[0]).conditions_unanswered = vec!["began-with-call".into()];
    let back = import(export(&open, None, 0).unwrap().as_bytes(), &catalogue()).unwrap();
    assert_eq!(
        back.assessment.cases[0].conditions_unanswered,
        ["began-with-call"]
    );
    // Two copies that differ only in it hold different audits.
    let mut answered = (*open.cases[0]).clone();
    answered.conditions_unanswered.clear();
    assert!(!cpsa::domain::merge::same_audit(&open.cases[0], &answered));
    let csv = cpsa::domain::csv::cases(fw, &open);
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let row: Vec<&str> = csv.lines().nth(1).unwrap().split(',').collect();
    let at = |name: &str| header.iter().position(|h| *h == name).unwrap();
    assert_eq!(row[at("conditions")], "");
    assert_eq!(row[at("conditions_not_answered")], "began-with-call");

    // A file of format 7 knew no unanswered question: a condition it does
    // not list reads as answered no, as that version showed it.
    let mut v: serde_json::Value = serde_json::from_str(&export(&a, None, 0).unwrap()).unwrap();
    v["version"] = 7.into();
    let back = import(v.to_string().as_bytes(), &catalogue()).unwrap();
    assert_eq!(back.migrated_from, Some(7));
    assert!(back.assessment.cases[0].conditions_unanswered.is_empty());
    assert!(!applying(fw, &back.assessment.cases[0]).contains(&"IC1".to_owned()));
}

#[test]
fn answering_no_to_a_condition_drops_the_answers_it_brought_in() {
    let fw = latest_framework("child-journey");
    let mut a = common::assessment_in(fw);
    let mut c = Case::new("c".into(), "custody".into());
    c.conditions = vec!["began-with-call".into()];
    c.answers.insert(
        "IC1".into(),
        Answer {
            value: Met,
            note: "Graded prompt.".into(),
            changed_at: None,
            stands_against: Vec::new(),
        },
    );
    c.answers.insert(
        "PD4".into(),
        Answer {
            value: Met,
            note: "Seen in 40 minutes.".into(),
            changed_at: None,
            stands_against: Vec::new(),
        },
    );
    a.cases.push(Arc::new(c));
    apply(
        &mut a,
        fw,
        Edit::SetCaseDetails {
            case: "c".into(),
            reference: "24/9".into(),
            case_type: "custody".into(),
            dates: Default::default(),
            auditor: "DS A".into(),
            conditions: vec!["not-asked-here".into()],
            unanswered: vec!["not-asked-here".into()],
        },
    )
    .unwrap();
    let kept: Vec<&String> = a.cases[0].answers.keys().collect();
    assert_eq!(kept, ["PD4"]);
    assert!(a.cases[0].conditions.is_empty());
}

/// Found and left in the twenty-fourth session: a case could be marked
/// complete with a condition question still open. Its criteria were
/// audited, but the finished record said "Not answered" to whether the case
/// began with a call (N18 chapter 5 audits how that call was handled).
#[test]
fn a_case_with_a_condition_question_open_is_not_complete_until_it_is_answered() {
    use cpsa::domain::grade::{completeness_now, Completeness};
    let fw = latest_framework("child-journey");
    let mut a = cpsa::domain::generate::generate(fw, 40, 7);
    // A generated case that asks the question: complete, answered no.
    let i = a
        .cases
        .iter()
        .position(|c| !fw.condition_ids(&c.case_type, &|_| true).is_empty())
        .expect("a custody or sex-offender case");
    let id = a.cases[i].id.clone();
    assert!(a.cases[i].completed);
    {
        // The question open, so the call's criteria apply: answered, with
        // the notes a key criterion needs.
        let c = Arc::make_mut(&mut a.cases[i]);
        c.conditions = vec!["began-with-call".into()];
        c.conditions_unanswered = vec!["began-with-call".into()];
        for k in ["IC1", "IC2", "IC5", "IC17"] {
            c.answers.insert(
                k.into(),
                Answer {
                    value: NotApplicable,
                    note: "The call was taken and graded by another force.".into(),
                    changed_at: None,
                    stands_against: Vec::new(),
                },
            );
        }
        c.completed = false;
    }
    let done = completeness_now(fw, &a.service_standards, &a.cases[i]);
    assert_eq!(done.open_questions, ["began-with-call"]);
    let rest = Completeness {
        open_questions: Vec::new(),
        ..done.clone()
    };
    assert!(rest.is_complete(), "only the question is missing: {done:?}");
    assert!(matches!(
        apply(&mut a, fw, Edit::MarkComplete { case: id.clone() }),
        Err(EditError::Incomplete(_))
    ));

    // Stored complete with the question open (as format 8 allowed until
    // now): reading reopens it, and says so.
    Arc::make_mut(&mut a.cases[i]).completed = true;
    let back = import(export(&a, None, 0).unwrap().as_bytes(), &catalogue()).unwrap();
    assert!(!back.assessment.cases[i].completed);
    let reopened: Vec<_> = back.reopened.iter().filter(|r| r.case == id).collect();
    assert_eq!(reopened.len(), 1);
    assert!(reopened[0].other);

    // Answered yes: it completes.
    let mut a = back.assessment;
    let c = a.cases[i].clone();
    let details = |unanswered: &[&str]| Edit::SetCaseDetails {
        case: id.clone(),
        reference: c.reference.clone(),
        case_type: c.case_type.clone(),
        dates: c.dates,
        auditor: c.auditor.clone(),
        conditions: vec!["began-with-call".into()],
        unanswered: unanswered.iter().map(|k| (*k).to_owned()).collect(),
    };
    apply(&mut a, fw, details(&[])).unwrap();
    apply(&mut a, fw, Edit::MarkComplete { case: id.clone() }).unwrap();
    assert!(a.cases[i].completed);
    // Details saved with the question open again (the same type and
    // conditions, so nothing else reopens it) reopen it.
    apply(&mut a, fw, details(&["began-with-call"])).unwrap();
    assert!(!a.cases[i].completed);
}

/// Found in review (the twenty-fourth session): the details page warned
/// that saving would remove the answers to a condition's criteria when the
/// case type changed to one asking the same question, not yet answered,
/// though saving keeps them. The warning now counts what the save removes.
#[test]
fn the_details_form_counts_the_answers_saving_would_remove_as_the_save_does() {
    let fw = latest_framework("child-journey");
    let mut a = common::assessment_in(fw);
    let mut c = Case::new("c".into(), "custody".into());
    c.conditions = vec!["began-with-call".into()];
    c.conditions_unanswered = vec!["began-with-call".into()];
    for (k, note) in [("IC1", "Graded prompt."), ("PD4", "Seen in 40 minutes.")] {
        c.answers.insert(
            k.into(),
            Answer {
                value: Met,
                note: note.into(),
                changed_at: None,
                stands_against: Vec::new(),
            },
        );
    }
    a.cases.push(Arc::new(c.clone()));
    // What saving the form removes, and what stays.
    let saved = |form: &cpsa::domain::forms::CaseDetailsForm| {
        let d = form.check(fw).expect("the form is complete");
        let mut after = a.clone();
        apply(
            &mut after,
            fw,
            Edit::SetCaseDetails {
                case: "c".into(),
                reference: d.reference,
                case_type: d.case_type,
                dates: d.dates,
                auditor: d.auditor,
                conditions: d.conditions,
                unanswered: d.unanswered,
            },
        )
        .unwrap();
        let kept: Vec<String> = after.cases[0].answers.keys().cloned().collect();
        (c.answers.len() - kept.len(), kept)
    };
    let form =
        |case_type: &str, yes: &[&str], answered: &[&str]| cpsa::domain::forms::CaseDetailsForm {
            reference: "24/9".into(),
            case_type: case_type.into(),
            auditor: "DS A".into(),
            conditions: yes.iter().map(|k| (*k).to_owned()).collect(),
            answered: answered.iter().map(|k| (*k).to_owned()).collect(),
            ..Default::default()
        };
    for (f, removed, kept_ic1) in [
        // The question still open: nothing goes.
        (form("custody", &[], &[]), Some(0), true),
        // Answered yes: nothing goes.
        (
            form("custody", &["began-with-call"], &["began-with-call"]),
            Some(0),
            true,
        ),
        // Answered no: the call's criterion goes.
        (form("custody", &[], &["began-with-call"]), Some(1), false),
        // Another type asking the same question, not answered there: the
        // call's criterion stays (the warning had counted it).
        (form("sex-offender", &[], &[]), None, true),
        // ... and answered no there: it goes.
        (form("sex-offender", &[], &["began-with-call"]), None, false),
        // A type that does not ask it, whose cases all begin with a call:
        // the criterion applies there of itself (the framework's IC1).
        (form("domestic-abuse", &[], &[]), None, true),
    ] {
        let (gone, kept) = saved(&f);
        assert_eq!(
            f.answers_removed(&c, fw),
            gone,
            "{} {:?}",
            f.case_type,
            f.answered
        );
        if let Some(removed) = removed {
            assert_eq!(gone, removed, "{}", f.case_type);
        }
        assert_eq!(
            kept.contains(&"IC1".to_owned()),
            kept_ic1,
            "{}",
            f.case_type
        );
    }
}

#[test]
fn an_older_files_complete_case_without_key_notes_is_reopened_with_its_answers_and_said_so() {
    let mut a = assessment();
    let mut c = case(
        "c",
        "alpha",
        &[("K1", Met), ("C1", Met), ("C2", Met), ("C3", Met)],
    );
    c.answers.get_mut("K1").unwrap().note.clear();
    let c = completed(c);
    a.cases.push(Arc::new(c.clone()));
    let mut v: serde_json::Value = serde_json::from_str(&export(&a, None, 3).unwrap()).unwrap();
    v["version"] = 3.into();
    let back = import(v.to_string().as_bytes(), &catalogue()).expect("a version 3 file reads");
    assert!(!back.assessment.cases[0].completed);
    assert_eq!(back.assessment.cases[0].answers, c.answers);
    assert_eq!(back.reopened.len(), 1);
    assert_eq!(
        back.reopened[0].describe(),
        "REF/c was complete and is reopened: key criterion K1 needs a note saying what in the file shows it (met) or why it does not apply (not applicable), which this version asks for before a case is complete."
    );
    // The same in the current version is refused, saying where.
    v["version"] = 4.into();
    let err = import(v.to_string().as_bytes(), &catalogue()).unwrap_err();
    assert_eq!(
        err.problems[0].at.to_string(),
        "$.assessment.cases[0].completed"
    );
}

/// Found in review (the twentieth session): a case referred back after it
/// was completed stayed complete, its grade confirmed against a suggestion
/// the refer-back had changed. Such a case, stored or in a file, reads
/// reopened, as does one missing anything else completing asks for; one
/// complete as it stands reads as it was.
#[test]
fn a_case_stored_complete_that_is_not_complete_as_it_stands_reads_reopened() {
    let mut a = assessment();
    let done = || {
        completed(case(
            "c",
            "alpha",
            &[("K1", Met), ("C1", Met), ("C2", Met), ("C3", Met)],
        ))
    };
    let complete = Case {
        id: "complete".into(),
        ..done()
    };
    let referred = Case {
        id: "referred".into(),
        reference: "REF/referred".into(),
        refer_back: Some(referred_back()),
        ..done()
    };
    let mut unanswered = Case {
        id: "unanswered".into(),
        reference: "REF/unanswered".into(),
        ..done()
    };
    unanswered.answers.remove("C3");
    // Found in review: a case with no grade at all read "the force's grade
    // needs confirming", as if there were one.
    let ungraded = Case {
        id: "ungraded".into(),
        reference: "REF/ungraded".into(),
        force_grade: None,
        ..done()
    };
    for c in [&complete, &referred, &unanswered, &ungraded] {
        a.cases.push(Arc::new(c.clone()));
    }
    let back = import(export(&a, None, 3).unwrap().as_bytes(), &catalogue()).unwrap();
    let completed: Vec<bool> = back.assessment.cases.iter().map(|c| c.completed).collect();
    assert_eq!(completed, [true, false, false, false]);
    assert_eq!(back.assessment.cases[1].answers, referred.answers);
    let said: Vec<String> = back.reopened.iter().map(|r| r.describe()).collect();
    assert_eq!(
        said,
        [
            "REF/referred was complete and is reopened: the force's grade needs confirming against the grade suggested as the case now stands.",
            "REF/unanswered was complete and is reopened: it lacks something else a complete case needs, which its check page lists.",
            "REF/ungraded was complete and is reopened: the force has not graded it.",
        ]
    );
}

#[test]
fn suggestions_ignore_answers_to_criteria_a_condition_has_not_brought_in() {
    let fw = test_framework();
    let mut c = case("c", "beta", &[("K1", Met), ("C1", Met), ("B1", Met)]);
    let before = suggest(&fw, &c);
    assert_eq!(before.grade, Some(CaseGrade::Good));
    c.conditions = vec!["c2-too".into()];
    c.answers.insert(
        "C2".into(),
        Answer {
            value: NotMet,
            note: "Missed.".into(),
            changed_at: None,
            stands_against: Vec::new(),
        },
    );
    let after = suggest(&fw, &c);
    assert_eq!(after.score, Some(0.75));
    assert_eq!(completeness(&fw, &[], &c).applicable, 4);
}

#[test]
fn a_note_explains_a_challenge_only_if_written_against_the_times_and_limit_it_answers() {
    let fw = test_framework();
    let mut a = assessment();
    let mut c = case(
        "c",
        "alpha",
        &[("K1", Met), ("C1", Met), ("C2", Met), ("C3", Met)],
    );
    c.completed = true;
    a.cases.push(Arc::new(c));
    let go = |a: &mut cpsa::domain::assessment::Assessment, e: Edit| apply(a, &fw, e).unwrap();
    let unexplained = |a: &cpsa::domain::assessment::Assessment| {
        completeness(&fw, &a.service_standards, &a.cases[0]).unexplained_challenges
    };
    let time = |event: &str, t: &str| Edit::SetTime {
        case: "c".into(),
        event: event.into(),
        at: Some(at(t)),
    };
    let note = |criterion: &str, text: &str| Edit::SetNote {
        case: "c".into(),
        criterion: criterion.into(),
        note: text.into(),
    };
    // K1's note was written before any time was recorded. The times then
    // show 45 minutes against a cited 30: the old note explains nothing.
    go(&mut a, time("E2", "2025-03-01T12:00"));
    go(&mut a, time("E3", "2025-03-01T12:45"));
    assert_eq!(unexplained(&a), ["K1"]);
    assert!(!a.cases[0].completed, "recording a time reopens the case");
    // A note written now, with the times in view, stands against them.
    go(
        &mut a,
        note(
            "K1",
            "The delay was a handover; the file shows the child safe throughout.",
        ),
    );
    assert!(unexplained(&a).is_empty());
    // Other times are another reading: the note must be looked at again.
    go(&mut a, time("E3", "2025-03-01T14:00"));
    assert_eq!(unexplained(&a), ["K1"]);
    go(
        &mut a,
        note(
            "K1",
            "The delay was a handover; the file shows the child safe throughout. Two hours.",
        ),
    );
    assert!(unexplained(&a).is_empty());

    // C1 (E1 to E2, the force's own standard): two hours, over the starting
    // value of one; explained against that.
    go(&mut a, time("E1", "2025-03-01T10:00"));
    go(
        &mut a,
        note(
            "C1",
            "Officers were diverted to a higher-risk call, as the log shows.",
        ),
    );
    assert!(unexplained(&a).is_empty());
    Arc::make_mut(&mut a.cases[0]).completed = true;
    let before = a.cases[0].versions.get("lead").copied().unwrap_or(0);
    // Loosening the standard past the reading leaves nothing to explain;
    // tightening it is a new reading: the complete case reopens, as the
    // lead's change.
    go(
        &mut a,
        Edit::SetServiceStandard {
            interval: "i1".into(),
            minutes: Some(180),
        },
    );
    assert!(a.cases[0].completed);
    go(
        &mut a,
        Edit::SetServiceStandard {
            interval: "i1".into(),
            minutes: Some(30),
        },
    );
    assert_eq!(unexplained(&a), ["C1"]);
    assert!(!a.cases[0].completed);
    assert_eq!(a.cases[0].versions.get("lead").copied(), Some(before + 1));
}

#[test]
fn an_older_files_notes_still_explain_its_challenges_and_a_complete_case_left_unexplained_is_reopened(
) {
    let fw = test_framework();
    let mut a = assessment();
    let mut c = case(
        "c",
        "alpha",
        &[("K1", Met), ("C1", Met), ("C2", Met), ("C3", Met)],
    );
    timed(&mut c, "E2", "2025-03-01T12:00");
    timed(&mut c, "E3", "2025-03-01T12:45");
    a.cases.push(Arc::new(completed(c)));
    // Format 4 took any note as the reason: the migration keeps that.
    let mut v: serde_json::Value = serde_json::from_str(&export(&a, None, 3).unwrap()).unwrap();
    v["version"] = 4.into();
    let back = import(v.to_string().as_bytes(), &catalogue()).expect("a version 4 file reads");
    assert!(back.reopened.is_empty());
    assert!(back.assessment.cases[0].completed);
    assert!(completeness(&fw, &[], &back.assessment.cases[0])
        .unexplained_challenges
        .is_empty());
    // A current file whose complete case has a note written against no
    // reading (as when the work came back after the lead changed a
    // standard) is reopened, and the import says why.
    v["version"] = 5.into();
    let back = import(v.to_string().as_bytes(), &catalogue()).expect("a version 5 file reads");
    assert!(!back.assessment.cases[0].completed);
    assert_eq!(
        back.reopened[0].describe(),
        "REF/c was complete and is reopened: the timeline contradicts the answer to K1, and no note says why it stands against the times and limits as they now are."
    );
}

/// An answer judged by two intervals, both over their limits, is one answer
/// the timeline contradicts, with a row for each interval. Found in review:
/// the results page and `cpsa summary` counted the rows as answers (AH1 of
/// child-journey 2.0.0 is judged by both PPN intervals).
#[test]
fn an_answer_over_two_intervals_is_one_answer_the_timeline_contradicts() {
    use cpsa::domain::results::{answers_contradicted, GradeBasis, Results};
    let fw = latest_framework("child-journey");
    let case_type = fw
        .case_types
        .iter()
        .map(|t| t.id.clone())
        .find(|t| {
            Case::new("p".into(), t.clone())
                .criteria(fw)
                .any(|c| c.id == "AH1")
        })
        .expect("a case type AH1 applies to");
    let mut a = common::assessment_in(fw);
    let mut c = case("c1", &case_type, &[("AH1", Met)]);
    timed(&mut c, "attended", "2025-03-01T09:00");
    timed(&mut c, "ppn-submitted", "2025-03-04T09:00");
    timed(&mut c, "ppn-shared", "2025-03-07T09:00");
    a.cases.push(c.into());
    let r = Results::compute(fw, &a, GradeBasis::Final);
    let rows = &r.rigour.contradictions;
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows.iter().all(|x| x.criterion == "AH1"));
    assert_eq!(answers_contradicted(rows), (1, 1));

    let file = std::env::temp_dir().join(format!("cpsa-rigour-{}.json", std::process::id()));
    std::fs::write(&file, export(&a, None, 0).unwrap()).unwrap();
    let out = common::cpsa(&["summary", file.to_str().unwrap()]);
    let _ = std::fs::remove_file(&file);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("Answers the timeline contradicts: 1\n"),
        "{text}"
    );
}

/// An answer over two intervals has a note that stands against each or not:
/// it is explained only when every row of it is. Found in review: the last
/// row decided.
#[test]
fn an_answer_is_explained_only_when_its_note_stands_against_every_interval() {
    use cpsa::domain::results::{answers_contradicted, Contradiction};
    let row = |interval: &str, explained: bool| Contradiction {
        case: "c1".into(),
        label: "C1".into(),
        case_type: "alpha".into(),
        criterion: "AH1".into(),
        value: Met,
        interval: interval.into(),
        minutes: 90,
        limit_minutes: 60,
        limit: "an hour".into(),
        explained,
        challenge: String::new(),
    };
    for rows in [
        [row("first", false), row("second", true)],
        [row("first", true), row("second", false)],
    ] {
        assert_eq!(answers_contradicted(&rows), (1, 1));
    }
    assert_eq!(
        answers_contradicted(&[row("first", true), row("second", true)]),
        (1, 0)
    );
}

/// Found and left in the eighteenth session: a case stored complete that
/// reading reopened was reopened silently on opening from the device (the
/// import page said so). Opening now says so too: one case, or the first
/// three in full and how many more.
#[test]
fn the_note_on_opening_names_the_cases_reading_reopened() {
    use cpsa::domain::format::{reopened_note, GradeLack, Reopened};
    assert_eq!(reopened_note(&[]), None);
    let r = |i: usize| Reopened {
        case: format!("c{i}"),
        label: format!("REF/{i}"),
        criteria: vec!["K1".into()],
        challenges: Vec::new(),
        grade: None,
        other: false,
    };
    let (heading, body) = reopened_note(&[r(1)]).unwrap();
    assert_eq!(
        heading,
        "A case marked complete was reopened, every answer kept"
    );
    assert_eq!(body, r(1).describe());
    let five: Vec<Reopened> = (1..=5).map(r).collect();
    let (heading, body) = reopened_note(&five).unwrap();
    assert_eq!(
        heading,
        "5 cases marked complete were reopened, every answer kept"
    );
    assert!(
        body.starts_with("REF/1 was complete and is reopened"),
        "{body}"
    );
    assert!(
        body.contains("REF/3 was complete") && !body.contains("REF/4"),
        "{body}"
    );
    assert!(
        body.ends_with(" And 2 more: the task list shows which."),
        "{body}"
    );
    // Every reason at once, as a list.
    let every = Reopened {
        challenges: vec!["C1".into()],
        grade: Some(GradeLack::Stale),
        other: true,
        ..r(1)
    };
    assert_eq!(
        every.describe(),
        "REF/1 was complete and is reopened: key criterion K1 needs a note saying what in the file shows it (met) or why it does not apply (not applicable), which this version asks for before a case is complete; the timeline contradicts the answer to C1, and no note says why it stands against the times and limits as they now are; the force's grade needs confirming against the grade suggested as the case now stands; and it lacks something else a complete case needs, which its check page lists."
    );
}

/// Found in review (the twenty-second session): a time typed in part into
/// an empty field and cleared sent "no time" for an event with none, and a
/// complete case reopened though nothing had changed. Setting a time to the
/// one it has is no change.
#[test]
fn setting_a_time_to_the_one_a_case_has_leaves_a_complete_case_complete() {
    let fw = test_framework();
    let mut a = assessment();
    let mut c = case("1", "alpha", &[("K1", Met)]);
    c.completed = true;
    c.timeline.push(TimelineEntry {
        event: "E1".into(),
        at: "2025-03-01T10:00".parse().unwrap(),
    });
    a.cases = vec![c.into()];
    let set = |a: &mut Assessment, event: &str, at: Option<&str>| {
        apply(
            a,
            &fw,
            Edit::SetTime {
                case: "1".into(),
                event: event.into(),
                at: at.map(|t| t.parse::<LocalTime>().unwrap()),
            },
        )
        .unwrap();
    };
    set(&mut a, "E2", None);
    set(&mut a, "E1", Some("2025-03-01T10:00"));
    assert!(a.case("1").unwrap().completed, "nothing changed");
    set(&mut a, "E1", None);
    assert!(
        !a.case("1").unwrap().completed,
        "a time removed is a change"
    );
}

/// Found in review (the twenty-second session), left, then mended in the
/// twenty-third: two times in the wrong order read "the second came
/// first" beside "within the limit", so a mistyped date hid a challenge
/// without a word. The order can be right (a local authority asked for
/// accommodation before charge), so it is still no challenge; the
/// reading now asks for both times to be checked, wherever it is shown.
#[test]
fn times_in_the_wrong_order_are_no_challenge_but_ask_for_both_to_be_checked() {
    let fw = test_framework();
    let mut c = case("c", "alpha", &[("C1", Met)]);
    // Two hours, over the one-hour limit, with the second time's date
    // mistyped a day early.
    timed(&mut c, "E1", "2025-03-01T10:00");
    timed(&mut c, "E2", "2025-02-28T12:00");
    let found = readings(&fw, &[], &c);
    assert_eq!(found.len(), 1);
    assert!(found[0].reversed());
    assert!(!found[0].over());
    assert!(challenges(&fw, &[], &c).is_empty());
    assert_eq!(
        found[0].describe(),
        "First to second: the second time is 22 hours before the first. Check both times: if one was mistyped, this interval is not being held to its 1 hour limit."
    );
    // The date put right: the challenge the mistake hid.
    c.timeline.pop();
    timed(&mut c, "E2", "2025-03-01T12:00");
    let found = readings(&fw, &[], &c);
    assert!(!found[0].reversed());
    assert_eq!(challenges(&fw, &[], &c).len(), 1);
}
