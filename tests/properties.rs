//! Properties over generated assessments: export then import gives the same
//! assessment, a file in every older format version migrates to it, and
//! results always add up.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{assessment, catalogue, test_framework};
use cpsa::domain::assessment::{
    Action, ActionPlanSettings, ActionStatus, Answer, Assessment, Baseline, BaselineCaseType,
    BaselineStage, BaselineTopic, Case, Closure, GradeDecision, Period, ReferBack,
    ReferBackTrigger, ReviewerGrade, ServiceStandard, TimelineEntry, Timescale,
};
use cpsa::domain::date::{Date, LocalTime, Timestamp};
use cpsa::domain::format::{export, import, FORMAT_VERSION, OLDEST_FORMAT_VERSION};
use cpsa::domain::framework::FrameworkRef;
use cpsa::domain::grade::{completeness_now, suggest, AnswerValue, CaseGrade, TopicGrade};
use cpsa::domain::results::{GradeBasis, Results};
use cpsa::domain::save;
use cpsa::domain::timeline::over_limit_for;
use proptest::prelude::*;
use std::collections::BTreeMap;

fn grade() -> impl Strategy<Value = CaseGrade> {
    prop::sample::select(CaseGrade::ALL.to_vec())
}

fn value() -> impl Strategy<Value = AnswerValue> {
    prop::sample::select(AnswerValue::ALL.to_vec())
}

fn date() -> impl Strategy<Value = Date> {
    (2000i32..2030, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| Date::from_ymd(y, m, d).unwrap())
}

/// Any text, including markup, quotes and non-ASCII.
fn text() -> impl Strategy<Value = String> {
    "\\PC{0,30}"
}

/// Text that is not blank, for the fields a case must have.
fn required() -> impl Strategy<Value = String> {
    "\\PC{0,29}\\S"
}

fn case(index: usize) -> impl Strategy<Value = Case> {
    (
        prop::bool::ANY,
        required(),
        prop::collection::vec((0usize..5, value(), text()), 0..6),
        prop::option::of((grade(), prop::option::of(grade()), text())),
        prop::option::of((grade(), text())),
        prop::option::of((
            required(),
            required(),
            prop::option::of(date()),
            prop::option::of((date(), text())),
        )),
        prop::bool::ANY,
        (
            prop::bool::ANY,
            prop::collection::vec((0usize..3, date(), 0u8..24, 0u8..60), 0..4),
        ),
    )
        .prop_map(
            move |(
                beta,
                reference,
                answers,
                force,
                reviewer,
                refer,
                completed,
                (c2_too, times),
            )| {
                let case_type = if beta { "beta" } else { "alpha" };
                let applicable: &[&str] = match (beta, c2_too) {
                    (true, false) => &["K1", "C1", "B1"],
                    (true, true) => &["K1", "C1", "B1", "C2"],
                    (false, _) => &["K1", "C1", "C2", "C3"],
                };
                let mut c = Case::new(format!("case-{index}"), case_type.into());
                c.reference = reference;
                if beta && c2_too {
                    c.conditions = vec!["c2-too".into()];
                    // Every other such case has not answered it yet.
                    if index % 2 == 0 {
                        c.conditions_unanswered = c.conditions.clone();
                    }
                }
                for (e, day, hour, minute) in times {
                    let event = ["E1", "E2", "E3"][e].to_owned();
                    if c.time_of(&event).is_none() {
                        let at = LocalTime::new(day, hour, minute).unwrap();
                        c.timeline.push(TimelineEntry { event, at });
                    }
                }
                for (i, value, note) in answers {
                    c.answers.insert(
                        applicable[i % applicable.len()].into(),
                        Answer {
                            value,
                            note,
                            changed_at: None,
                            stands_against: Vec::new(),
                        },
                    );
                }
                c.force_grade = force.map(|(grade, suggested, reason)| GradeDecision {
                    grade,
                    suggested,
                    reason,
                    after_review: false,
                    before_review: None,
                });
                c.reviewer_grade = reviewer.map(|(grade, note)| ReviewerGrade {
                    grade,
                    reviewer: "Peer".into(),
                    note,
                });
                c.refer_back = refer.map(|(reason, owner, deadline, closure)| ReferBack {
                    triggers: vec![ReferBackTrigger::ImmediateRisk],
                    reason,
                    owner,
                    raised: None,
                    deadline,
                    closure: closure.map(|(on, note)| Closure { on, note }),
                });
                // A case to be complete is audited through: every criterion
                // answered with a note, and the grade suggested confirmed.
                if completed {
                    for id in applicable {
                        let answer = c.answers.entry((*id).into()).or_default();
                        if answer.value == AnswerValue::Unanswered {
                            answer.value = AnswerValue::Met;
                        }
                        if answer.note.trim().is_empty() {
                            answer.note = "Seen in the file.".into();
                        }
                    }
                    if let Some(grade) = suggest(&test_framework(), &c).grade {
                        c.force_grade = Some(GradeDecision {
                            grade,
                            suggested: Some(grade),
                            reason: String::new(),
                            after_review: false,
                            before_review: None,
                        });
                    }
                }
                // As the app allows: complete only when nothing is missing
                // (reading reopens a case stored complete that is not).
                c.completed =
                    completed && completeness_now(&test_framework(), &[], &c).is_complete();
                c
            },
        )
}

fn action(index: usize) -> impl Strategy<Value = Action> {
    (
        required(),
        prop::sample::subsequence(vec!["K1", "C1", "C2", "B1"], 0..3),
        prop::sample::select(vec![
            Timescale::Immediately,
            Timescale::WithinThreeMonths,
            Timescale::WithinSixMonths,
        ]),
        text(),
        prop::option::of(date()),
        prop::sample::select(vec![
            ActionStatus::NotStarted,
            ActionStatus::InProgress,
            ActionStatus::Done,
        ]),
        text(),
    )
        .prop_map(
            move |(text, criteria, timescale, owner, due, status, evidence)| Action {
                id: format!("action-{index}"),
                text,
                criteria: criteria.into_iter().map(String::from).collect(),
                topics: Vec::new(),
                recommendations: Vec::new(),
                statements: Vec::new(),
                timescale,
                owner,
                due,
                status,
                evidence,
            },
        )
}

fn baseline() -> impl Strategy<Value = Baseline> {
    (
        required(),
        (0u32..10, 0u32..10, 0u32..10),
        (0u32..50, 0u32..50, 0u32..50),
        prop::option::of(prop::sample::select(TopicGrade::ALL.to_vec())),
    )
        .prop_map(
            |(force, (g, r, i), (met, partly_met, not_met), topic)| Baseline {
                force,
                period: Period {
                    start: Date::from_ymd(2023, 1, 1).unwrap(),
                    end: Date::from_ymd(2023, 12, 31).unwrap(),
                },
                framework: FrameworkRef {
                    id: "child-journey".into(),
                    version: "1".into(),
                },
                by_case_type: vec![BaselineCaseType {
                    case_type: "alpha".into(),
                    good: g,
                    requires_improvement: r,
                    inadequate: i,
                }],
                by_stage: vec![BaselineStage {
                    stage: "s1".into(),
                    met,
                    partly_met,
                    not_met,
                }],
                topics: vec![BaselineTopic {
                    topic: "leadership".into(),
                    grade: topic,
                }],
            },
        )
}

fn any_assessment() -> impl Strategy<Value = Assessment> {
    (
        (0usize..25).prop_flat_map(|n| (0..n).map(case).collect::<Vec<_>>()),
        (0usize..4).prop_flat_map(|n| (0..n).map(action).collect::<Vec<_>>()),
        (prop::option::of(date()), 1u32..=100),
        prop::option::of(baseline()),
        prop::option::of(1u32..10_000),
    )
        .prop_map(
            |(cases, actions, (report_date, not_met_percent), baseline, standard)| {
                let mut a = assessment();
                a.service_standards = standard
                    .map(|minutes| ServiceStandard {
                        interval: "i1".into(),
                        minutes,
                    })
                    .into_iter()
                    .collect();
                // As the app holds them: each note stands against the
                // timeline as it reads (as writing it does), and a case is
                // complete only with every challenge explained.
                let fw = test_framework();
                a.cases = cases
                    .into_iter()
                    .map(|mut c| {
                        let over: Vec<(String, Vec<String>)> = c
                            .answers
                            .keys()
                            .map(|k| (k.clone(), over_limit_for(&fw, &a.service_standards, &c, k)))
                            .collect();
                        for (k, signatures) in over {
                            let answer = c.answers.get_mut(&k).unwrap();
                            if !answer.note.trim().is_empty() {
                                answer.stands_against = signatures;
                            }
                        }
                        c.completed = c.completed
                            && completeness_now(&fw, &a.service_standards, &c).is_complete();
                        std::sync::Arc::new(c)
                    })
                    .collect();
                a.actions = actions;
                a.action_plan = ActionPlanSettings {
                    report_date,
                    not_met_percent,
                };
                a.baseline = baseline;
                a
            },
        )
}

/// A current export rewritten as format `version` wrote it: each older
/// version's writer, as it was. A new format version must add its own here,
/// or the migration property below fails for it.
fn written_as(current: &serde_json::Value, version: u32) -> serde_json::Value {
    let mut v = current.clone();
    let file = v.as_object_mut().unwrap();
    if !(1..=7).contains(&version) {
        panic!("no writer for format version {version}: add it to written_as");
    }
    let assessment = file["assessment"].as_object_mut().unwrap();
    // Versions 1 to 7 had no conditions left unanswered (the assessments
    // given here have none to lose).
    for case in assessment["cases"].as_array_mut().unwrap() {
        case.as_object_mut()
            .unwrap()
            .remove("conditions_unanswered");
    }
    if version == 7 {
        file.insert("version".into(), version.into());
        return v;
    }
    // Versions 1 to 6 did not record a force grade given after a reviewer's
    // (the assessments given here have none to lose).
    for case in assessment["cases"].as_array_mut().unwrap() {
        if let Some(grade) = case
            .get_mut("force_grade")
            .and_then(serde_json::Value::as_object_mut)
        {
            grade.remove("after_review");
            grade.remove("before_review");
        }
    }
    if version == 6 {
        file.insert("version".into(), version.into());
        return v;
    }
    // Versions 1 to 5 had no force-level statements, recommendations, dip
    // records, suggested topic grades or actions linked to recommendations
    // and statements (the assessments given here have none to lose).
    for field in ["statements", "recommendations", "dip_records"] {
        assessment.remove(field);
    }
    for judgment in assessment["topic_judgments"].as_array_mut().unwrap() {
        judgment.as_object_mut().unwrap().remove("suggested");
    }
    for action in assessment["actions"].as_array_mut().unwrap() {
        let action = action.as_object_mut().unwrap();
        action.remove("recommendations");
        action.remove("statements");
    }
    if version == 5 {
        file.insert("version".into(), version.into());
        return v;
    }
    // Versions 1 to 4 had no team, packs, deleted cases, allocations,
    // counts of changes, answer times or the readings notes stand against
    // (the assessments given here have
    // none to lose).
    for field in ["team", "pack", "deleted"] {
        assessment.remove(field);
    }
    for case in assessment["cases"].as_array_mut().unwrap() {
        let case = case.as_object_mut().unwrap();
        case.remove("allocated_to");
        case.remove("versions");
        for answer in case["answers"].as_array_mut().unwrap() {
            let answer = answer.as_object_mut().unwrap();
            answer.remove("changed_at");
            answer.remove("stands_against");
        }
    }
    if version == 4 {
        file.insert("version".into(), version.into());
        return v;
    }
    // Versions 1 to 3 had no service standards, provenance, case conditions
    // or timeline (the assessments given here have none to lose).
    assessment.remove("service_standards");
    assessment.remove("provenance");
    for case in assessment["cases"].as_array_mut().unwrap() {
        let case = case.as_object_mut().unwrap();
        case.remove("conditions");
        case.remove("timeline");
    }
    // Versions 1 and 2 had no action plan settings or baseline.
    if version < 3 {
        assessment.remove("action_plan");
        assessment.remove("baseline");
    }
    // Version 1 had no revision.
    if version == 1 {
        file.remove("revision");
    }
    file.insert("version".into(), version.into());
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn an_assessment_indented_reads_as_serde_json_would_pretty_print_it(a in any_assessment()) {
        let compact = serde_json::to_string(&a).unwrap();
        prop_assert_eq!(cpsa::domain::format::indent(&compact), serde_json::to_string_pretty(&a).unwrap());
    }

    #[test]
    fn export_then_import_gives_the_same_assessment(a in any_assessment(), revision in 0u64..1000) {
        let text = export(&a, None, revision).unwrap();
        let back = import(text.as_bytes(), &catalogue()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back.assessment, a);
        prop_assert_eq!(back.revision, revision);
        prop_assert_eq!(back.migrated_from, None);
    }

    #[test]
    fn every_older_format_version_migrates_to_the_same_assessment(
        a in any_assessment(),
        pretty in any::<bool>(),
        unnoted in prop::collection::vec(0usize..25, 0..4),
    ) {
        // Only what version 3 could hold: no conditions, timeline or
        // standards (answers a condition brought in go with it).
        let mut a = a;
        a.service_standards.clear();
        for c in &mut a.cases {
            let c = std::sync::Arc::make_mut(c);
            c.conditions.clear();
            c.conditions_unanswered.clear();
            c.timeline.clear();
            for answer in c.answers.values_mut() {
                answer.stands_against.clear();
            }
            if c.case_type == "beta" {
                c.answers.remove("C2");
            }
            // Without its condition's answer a case may be complete no more.
            c.completed = c.completed && completeness_now(&test_framework(), &[], c).is_complete();
        }
        let plain = a.clone();
        // Versions before 4 let a case be complete with a key criterion met
        // and no note: such a case reads reopened, its answers kept.
        let mut reopened = Vec::new();
        for i in unnoted {
            if let Some(c) = a.cases.get_mut(i) {
                let c = std::sync::Arc::make_mut(c);
                c.answers.insert("K1".into(), Answer { value: AnswerValue::Met, note: String::new(), changed_at: None, stands_against: Vec::new() });
                c.completed = true;
                reopened.push(c.id.clone());
            }
        }
        let file = |a: &Assessment| serde_json::to_value(cpsa::domain::format::ExportFile {
            format: "cpsa-assessment".into(),
            version: FORMAT_VERSION,
            revision: 7,
            exported_at: None,
            generator: None,
            assessment: a.clone(),
        }).unwrap();
        for version in OLDEST_FORMAT_VERSION..FORMAT_VERSION {
            let (a, reopened) = if version >= 4 { (&plain, Vec::new()) } else { (&a, reopened.clone()) };
            let old = written_as(&file(a), version);
            let text = if pretty { serde_json::to_string_pretty(&old) } else { serde_json::to_string(&old) }.unwrap();
            let back = import(text.as_bytes(), &catalogue())
                .map_err(|e| TestCaseError::fail(format!("version {version}: {e}")))?;
            // What an older version could not hold reads as its default.
            let mut expected = Assessment {
                action_plan: if version < 3 { ActionPlanSettings::default() } else { a.action_plan },
                baseline: if version < 3 { None } else { a.baseline.clone() },
                ..a.clone()
            };
            for c in &mut expected.cases {
                if reopened.contains(&c.id) {
                    std::sync::Arc::make_mut(c).completed = false;
                }
            }
            let mut said: Vec<&str> = back.reopened.iter().map(|r| r.case.as_str()).collect();
            said.sort();
            said.dedup();
            let mut want: Vec<&str> = reopened.iter().map(String::as_str).collect();
            want.sort();
            want.dedup();
            prop_assert_eq!(said, want);
            prop_assert_eq!(&back.assessment, &expected);
            prop_assert_eq!(back.migrated_from, Some(version));
            // Version 1 did not record revisions: it reads as "never saved".
            prop_assert_eq!(back.revision, if version == 1 { 0 } else { 7 });
        }
    }

    #[test]
    fn a_save_drawing_on_what_is_known_stored_stores_what_a_fresh_save_does(
        a in any_assessment(),
        b in any_assessment(),
        kept in 0usize..6,
    ) {
        let fw = test_framework();
        let at: Timestamp = "2025-03-01T08:00:00Z".parse().unwrap();
        let first = save::plan(&a, &fw, at, 1, None).unwrap();
        let mut records: BTreeMap<String, String> =
            first.cases.iter().map(|w| (w.id.clone(), w.record.clone())).collect();
        let first_order = first.order.clone();
        let mut known = None;
        first.committed(&mut known);
        // Some of the last save's cases, shared, among others.
        let mut next = b.clone();
        next.cases = a.cases.iter().take(kept).cloned().collect();
        for c in &b.cases {
            let mut c = (**c).clone();
            c.id = format!("b-{}", c.id);
            next.cases.push(std::sync::Arc::new(c));
        }
        let second = save::plan(&next, &fw, at, 2, known.as_ref()).unwrap();
        prop_assert!(!second.clear);
        prop_assert_eq!(second.cases.len(), b.cases.len());
        prop_assert_eq!(second.removed.len(), a.cases.len() - kept.min(a.cases.len()));
        for id in &second.removed {
            records.remove(id);
        }
        records.extend(second.cases.iter().map(|w| (w.id.clone(), w.record.clone())));
        // Case by case, what is stored is what a fresh save writes, apart
        // from the revision each was written at; so are the frame and the
        // order (written again only when it changed).
        let fresh = save::plan(&next, &fw, at, 2, None).unwrap();
        let case_of = |text: &str| text.split_once(",\"case\":").map(|(_, c)| c.to_owned());
        let stored: BTreeMap<String, Option<String>> =
            records.iter().map(|(k, v)| (k.clone(), case_of(v))).collect();
        let written: BTreeMap<String, Option<String>> =
            fresh.cases.iter().map(|w| (w.id.clone(), case_of(&w.record))).collect();
        prop_assert_eq!(stored, written);
        prop_assert_eq!(&second.frame, &fresh.frame);
        prop_assert_eq!(second.order.as_ref().or(first_order.as_ref()), fresh.order.as_ref());
    }

    #[test]
    fn results_always_add_up(a in any_assessment()) {
        let fw = test_framework();
        for basis in [GradeBasis::Final, GradeBasis::Force, GradeBasis::Reviewer] {
            let r = Results::compute(&fw, &a, basis);
            prop_assert!(r.check().is_ok(), "{:?}", r.check());
            prop_assert_eq!(r.overall.cases as usize, a.cases.len());
            let both = a.cases.iter().filter(|c| c.force().is_some() && c.reviewer().is_some()).count();
            prop_assert_eq!(r.calibration.n as usize, both);
            if let Some(k) = r.calibration.weighted_kappa {
                prop_assert!((-1.0..=1.0 + 1e-9).contains(&k), "kappa {}", k);
            }
        }
    }

    #[test]
    fn a_grade_is_suggested_exactly_when_something_is_scored_or_the_case_is_referred_back(a in any_assessment()) {
        let fw = test_framework();
        for c in &a.cases {
            let s = suggest(&fw, c);
            let scored = c.criteria(&fw).any(|k| c.answer_value(&k.id).score().is_some());
            prop_assert_eq!(s.grade.is_some(), scored || c.refer_back.is_some());
            prop_assert!(!s.reasons.is_empty());
        }
    }
}
