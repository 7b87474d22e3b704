//! Results: counts by case type and overall, calibration, overrides and
//! refer-backs; and the 2018 Northamptonshire figures from case-level data.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{assessment, case, date, test_framework};
use cpsa::domain::assessment::{
    Assessment, Case, Closure, GradeDecision, ReferBack, ReviewerGrade,
};
use cpsa::domain::format::import;
use cpsa::domain::framework::Catalogue;
use cpsa::domain::grade::{AnswerValue::*, CaseGrade, CaseGrade::*};
use cpsa::domain::results::{linear_weighted_kappa, GradeBasis, GradeCounts, Results};

fn counts(good: u32, requires_improvement: u32, inadequate: u32) -> GradeCounts {
    GradeCounts {
        good,
        requires_improvement,
        inadequate,
    }
}

fn n18() -> Assessment {
    let bytes = include_bytes!("fixtures/n18-northamptonshire-2018.json");
    import(bytes, Catalogue::builtin().unwrap())
        .expect("the fixture is a valid export")
        .assessment
}

fn n18_results(basis: GradeBasis) -> Results {
    let fw = Catalogue::builtin()
        .unwrap()
        .find(&n18().framework)
        .unwrap()
        .clone();
    let r = Results::compute(&fw, &n18(), basis);
    r.check().expect("the totals add up");
    r
}

#[test]
fn n18_figure_1_force_and_inspectors_on_the_same_33_cases() {
    let cal = n18_results(GradeBasis::Final).calibration;
    assert_eq!(cal.n, 33);
    assert_eq!(cal.force, counts(25, 8, 0));
    assert_eq!(cal.reviewer, counts(6, 12, 15));
}

#[test]
fn n18_figure_2_the_48_cases_only_inspectors_graded() {
    let cal = n18_results(GradeBasis::Final).calibration;
    assert_eq!(cal.reviewer_only, counts(16, 13, 19));
    assert_eq!(cal.force_only, counts(0, 0, 0));
}

#[test]
fn n18_overall_22_25_34_of_81() {
    let r = n18_results(GradeBasis::Final);
    assert_eq!(r.overall.counts, counts(22, 25, 34));
    assert_eq!(r.overall.total, 81);
}

#[test]
fn n18_figures_3_to_10_by_case_type() {
    let r = n18_results(GradeBasis::Final);
    let row = |id: &str| {
        r.by_case_type
            .iter()
            .find(|t| t.case_type == id)
            .map(|t| t.counts)
            .unwrap()
    };
    assert_eq!(row("s47-enquiry"), counts(3, 5, 5)); // Figure 3
    assert_eq!(row("domestic-abuse"), counts(3, 5, 2)); // Figure 4
    assert_eq!(row("general-concern"), counts(0, 3, 5)); // Figure 5
    assert_eq!(row("missing"), counts(0, 1, 6)); // Figure 7
    assert_eq!(row("police-protection"), counts(1, 2, 4)); // Figure 8
    assert_eq!(row("sex-offender"), counts(0, 1, 5)); // Figure 9
    assert_eq!(row("custody"), counts(2, 3, 4)); // Figure 10
                                                 // Figure 6 joins sexual exploitation online and offline: both, and the join.
    assert_eq!(row("cse").total() + row("online-sexual-abuse").total(), 21);
    assert_eq!(r.combined.len(), 1);
    assert_eq!(r.combined[0].case_types, ["cse", "online-sexual-abuse"]);
    assert_eq!(r.combined[0].counts, counts(13, 5, 3));
}

#[test]
fn n18_agreement_and_kappa_come_from_the_cross_table() {
    let cal = n18_results(GradeBasis::Final).calibration;
    let same: u32 = (0..3).map(|i| cal.cross[i][i]).sum();
    assert_eq!(cal.exact_agreement, Some(f64::from(same) / 33.0));
    assert_eq!(cal.weighted_kappa, linear_weighted_kappa(&cal.cross));
    // Every case the force graded inadequate... there were none; every
    // two-apart case is force good against reviewer inadequate.
    let two_apart = cal.disagreements.iter().filter(|d| d.apart == 2).count();
    assert_eq!(two_apart as u32, cal.cross[0][2]);
    assert!(cal.drift.unwrap() > 0.0, "the force was kinder");
}

#[test]
fn n18_on_the_forces_grades_alone_leaves_the_inspectors_extra_cases_ungraded() {
    let r = n18_results(GradeBasis::Force);
    assert_eq!(r.overall.counts, counts(25, 8, 0));
    assert_eq!(r.overall.ungraded, 48);
}

fn decided(
    id: &str,
    grade: cpsa::domain::grade::CaseGrade,
    suggested: cpsa::domain::grade::CaseGrade,
) -> cpsa::domain::assessment::Case {
    let mut c = case(id, "alpha", &[("K1", Met)]);
    c.force_grade = Some(GradeDecision {
        grade,
        suggested: Some(suggested),
        reason: "r".into(),
        after_review: false,
        before_review: None,
    });
    c
}

#[test]
fn overrides_are_counted_by_direction() {
    let mut a = assessment();
    a.cases = vec![
        decided("1", Good, Good).into(),
        decided("2", Good, RequiresImprovement).into(),
        decided("3", RequiresImprovement, Inadequate).into(),
        decided("4", Inadequate, Good).into(),
    ];
    let r = Results::compute(&test_framework(), &a, GradeBasis::Force);
    assert_eq!((r.overrides.decided, r.overrides.confirmed), (4, 1));
    assert_eq!((r.overrides.kinder, r.overrides.harsher), (2, 1));
}

fn both(id: &str, case_type: &str, force: CaseGrade, reviewer: CaseGrade) -> Case {
    let mut c = decided(id, force, force);
    c.case_type = case_type.into();
    c.reviewer_grade = Some(ReviewerGrade {
        grade: reviewer,
        reviewer: "Peer force".into(),
        note: String::new(),
    });
    c
}

#[test]
fn calibration_lists_two_apart_first_and_drift_per_case_type() {
    let mut a = assessment();
    a.cases = vec![
        both("1", "alpha", Good, RequiresImprovement).into(),
        both("2", "alpha", Good, Inadequate).into(),
        both("3", "alpha", Good, Good).into(),
        both("4", "beta", Inadequate, RequiresImprovement).into(),
        both("5", "beta", RequiresImprovement, RequiresImprovement).into(),
        both("6", "alpha", RequiresImprovement, Inadequate).into(),
    ];
    let r = Results::compute(&test_framework(), &a, GradeBasis::Final);
    r.check().expect("the totals add up");
    let cal = &r.calibration;
    let order: Vec<(&str, usize)> = cal
        .disagreements
        .iter()
        .map(|d| (d.case.as_str(), d.apart))
        .collect();
    assert_eq!(order, [("2", 2), ("1", 1), ("4", 1), ("6", 1)]);
    assert!(cal.disagreements[0].force_kinder());
    assert!(!cal.disagreements[2].force_kinder());

    let alpha = &cal.by_case_type[0];
    assert_eq!(alpha.case_type, "alpha");
    assert_eq!(
        (alpha.n, alpha.same, alpha.kinder, alpha.harsher),
        (4, 1, 3, 0)
    );
    // (1 + 2 + 0 + 1) / 4 grades kinder.
    assert!((alpha.drift - 1.0).abs() < 1e-12);
    let beta = &cal.by_case_type[1];
    assert_eq!((beta.n, beta.same, beta.kinder, beta.harsher), (2, 1, 0, 1));
    assert!((beta.drift + 0.5).abs() < 1e-12);
}

#[test]
fn calibration_by_case_type_leaves_out_types_with_no_case_graded_by_both() {
    let mut a = assessment();
    a.cases = vec![
        both("1", "beta", Good, Good).into(),
        decided("2", Good, Good).into(),
    ];
    let r = Results::compute(&test_framework(), &a, GradeBasis::Final);
    let types: Vec<&str> = r
        .calibration
        .by_case_type
        .iter()
        .map(|t| t.case_type.as_str())
        .collect();
    assert_eq!(types, ["beta"]);
}

#[test]
fn open_refer_backs_come_soonest_deadline_first_and_closed_ones_drop_out() {
    let mut a = assessment();
    let refer = |deadline: Option<&str>, closed: bool| ReferBack {
        triggers: vec![],
        reason: "Child at risk".into(),
        owner: "DI Jones".into(),
        raised: Some(date("2025-03-01")),
        deadline: deadline.map(date),
        closure: closed.then(|| Closure {
            on: date("2025-03-05"),
            note: "Strategy discussion held".into(),
        }),
    };
    for (id, deadline, closed) in [
        ("late", Some("2025-03-20"), false),
        ("none", None, false),
        ("soon", Some("2025-03-08"), false),
        ("shut", Some("2025-03-02"), true),
    ] {
        let mut c = case(id, "alpha", &[]);
        c.refer_back = Some(refer(deadline, closed));
        a.cases.push(c.into());
    }
    let r = Results::compute(&test_framework(), &a, GradeBasis::Final);
    let order: Vec<&str> = r.open_refer_backs.iter().map(|x| x.case.as_str()).collect();
    assert_eq!(order, ["soon", "late", "none"]);
}

#[test]
fn criteria_met_per_stage_and_the_criteria_most_often_not_met() {
    let mut a = assessment();
    a.cases = vec![
        case(
            "1",
            "alpha",
            &[("K1", Met), ("C1", NotMet), ("C2", NotMet), ("C3", Met)],
        )
        .into(),
        case(
            "2",
            "alpha",
            &[("K1", Met), ("C1", NotMet), ("C2", PartlyMet)],
        )
        .into(),
        case(
            "3",
            "beta",
            &[("K1", NotApplicable), ("C1", Met), ("B1", NotMet)],
        )
        .into(),
    ];
    let r = Results::compute(&test_framework(), &a, GradeBasis::Final);
    r.check().unwrap();
    let s1 = &r.by_stage[0];
    // Stage one: K1 met twice, n/a once; C1 not met twice, met once.
    assert_eq!(
        (
            s1.answers.met,
            s1.answers.not_met,
            s1.answers.not_applicable
        ),
        (3, 2, 1)
    );
    assert_eq!(s1.share_met, Some(0.6));
    let s2 = &r.by_stage[1];
    // Stage two: C2 not met + partly, C3 met + unanswered, B1 not met.
    assert_eq!(
        (
            s2.answers.met,
            s2.answers.partly_met,
            s2.answers.not_met,
            s2.answers.unanswered
        ),
        (1, 1, 2, 1)
    );
    let most: Vec<(&str, u32)> = r
        .most_not_met(2)
        .iter()
        .map(|c| (c.criterion.as_str(), c.answers.not_met))
        .collect();
    assert_eq!(most, [("C1", 2), ("B1", 1)]);
}

#[test]
fn a_case_with_only_a_reviewer_grade_counts_on_the_final_basis_only() {
    let mut a = assessment();
    let mut c = case("1", "beta", &[]);
    c.reviewer_grade = Some(ReviewerGrade {
        grade: Inadequate,
        reviewer: "Peer".into(),
        note: String::new(),
    });
    a.cases.push(c.into());
    let fw = test_framework();
    assert_eq!(
        Results::compute(&fw, &a, GradeBasis::Final).overall.counts,
        counts(0, 0, 1)
    );
    assert_eq!(
        Results::compute(&fw, &a, GradeBasis::Force)
            .overall
            .ungraded,
        1
    );
}

/// A case audited by `auditor`, graded by the force and the reviewer.
fn by(
    auditor: &str,
    id: &str,
    force: CaseGrade,
    suggested: CaseGrade,
    reviewer: CaseGrade,
) -> Case {
    let mut c = both(id, "alpha", force, reviewer);
    c.auditor = auditor.into();
    c.force_grade.as_mut().unwrap().suggested = Some(suggested);
    c
}

#[test]
fn calibration_by_auditor_shows_whose_audits_need_a_second_look() {
    let mut a = assessment();
    let mut unevidenced = by("DS Kind", "1", Good, RequiresImprovement, Inadequate);
    unevidenced.answers.get_mut("K1").unwrap().note.clear();
    a.cases = vec![
        unevidenced.into(),
        by("DS Kind", "2", Good, Good, RequiresImprovement).into(),
        by("DS Fair", "3", Inadequate, Inadequate, Inadequate).into(),
        by(
            "DS Fair",
            "4",
            RequiresImprovement,
            RequiresImprovement,
            Good,
        )
        .into(),
        // Not graded by the reviewer: counted as audited, not compared.
        decided("5", Good, Good).into(),
    ];
    let r = Results::compute(&test_framework(), &a, GradeBasis::Final);
    r.check().expect("the totals add up");
    let rows: Vec<(&str, u32, u32, u32, Option<f64>)> = r
        .calibration
        .by_auditor
        .iter()
        .map(|x| (x.auditor.as_str(), x.cases, x.n, x.same, x.drift))
        .collect();
    // Kindest first: DS Kind averages 1.5 grades kinder than the reviewer.
    assert_eq!(
        rows,
        [
            ("DS Kind", 2, 2, 0, Some(1.5)),
            ("DS Fair", 2, 2, 1, Some(-0.5)),
            ("", 1, 0, 0, None),
        ]
    );
    let kind = &r.calibration.by_auditor[0];
    assert_eq!((kind.overrides.confirmed, kind.overrides.kinder), (1, 1));
    assert_eq!((kind.key_met, kind.key_met_without_evidence), (2, 1));
    assert_eq!(kind.share_key_met_without_evidence, Some(0.5));
    assert_eq!(kind.exact_agreement, Some(0.0));
}

#[test]
fn one_auditor_is_one_calibration_row_however_the_name_was_typed() {
    let mut a = assessment();
    a.cases = vec![
        by("DS Kind", "1", Good, Good, RequiresImprovement).into(),
        by("ds  kind ", "2", Good, Good, Inadequate).into(),
        by("DS Fair", "3", Inadequate, Inadequate, Inadequate).into(),
    ];
    let r = Results::compute(&test_framework(), &a, GradeBasis::Final);
    let rows: Vec<(&str, u32, u32)> = r
        .calibration
        .by_auditor
        .iter()
        .map(|x| (x.auditor.as_str(), x.cases, x.n))
        .collect();
    // The spelling first seen names the row; both cases count towards it.
    assert_eq!(rows, [("DS Kind", 2, 2), ("DS Fair", 1, 1)]);
    assert_eq!(r.calibration.by_auditor[0].drift, Some(1.5));
}

#[test]
fn results_list_the_answers_the_timeline_contradicts_and_the_suggestion_against_the_reviewer() {
    use cpsa::domain::assessment::TimelineEntry;
    let mut a = assessment();
    let mut c = both("1", "alpha", Good, Inadequate);
    for (k, v) in [("C1", Met), ("C2", Met), ("C3", Met)] {
        c.answers.insert(
            k.into(),
            cpsa::domain::assessment::Answer {
                value: v,
                note: String::new(),
                changed_at: None,
                stands_against: Vec::new(),
            },
        );
    }
    for (event, at) in [("E1", "2025-03-01T10:00"), ("E2", "2025-03-01T13:30")] {
        c.timeline.push(TimelineEntry {
            event: event.into(),
            at: at.parse().unwrap(),
        });
    }
    a.cases = vec![c.into()];
    let r = Results::compute(&test_framework(), &a, GradeBasis::Final);
    r.check().expect("the totals add up");
    let found = &r.rigour.contradictions;
    assert_eq!(found.len(), 1);
    assert_eq!(
        (
            found[0].criterion.as_str(),
            found[0].minutes,
            found[0].limit_minutes
        ),
        ("C1", 210, 60)
    );
    assert!(!found[0].explained);
    let waiting = &r.rigour.awaiting_reasons;
    assert_eq!(waiting[0].challenges, ["C1"]);
    assert!(waiting[0].key_notes.is_empty());
    // All met: the rule suggests good where the reviewer said inadequate.
    let agree = &r.rigour.suggestion_vs_reviewer;
    assert_eq!((agree.n, agree.same, agree.suggestion_kinder), (1, 0, 1));
    assert_eq!(agree.cross[0][2], 1);
}

/// A share of a half percent rounds up, as the reports give their shares
/// (N18: 5 of 8 is 63%) and as the shares set against thresholds do. Found
/// in review (2026-12-07): a float's own formatting rounded a half to even,
/// so 5 of 8 read "62%" and 1 of 8 "12%".
/// Drift and kappa to two places round a half away from zero, as the
/// percentages beside them do (found in review: 1/8 read "0.12").
#[test]
fn a_figure_to_two_places_rounds_a_half_away_from_zero() {
    use cpsa::domain::grade::two_places;
    assert_eq!(two_places(1.0 / 8.0), "0.13");
    assert_eq!(two_places(-1.0 / 8.0), "-0.13");
    assert_eq!(two_places(1.5), "1.50");
    assert_eq!(two_places(2.0 / 3.0), "0.67");
    assert_eq!(two_places(-0.001), "0.00");
    assert_eq!(two_places(0.0), "0.00");
    assert_eq!(two_places(-1.0), "-1.00");
    // 0.285 as a float is a hair under its half.
    assert_eq!(two_places(57.0 / 200.0), "0.29");
}

#[test]
fn a_share_of_one_half_percent_rounds_up() {
    use cpsa::domain::grade::{percent, percent_against};
    assert_eq!(percent(5.0 / 8.0), "63%");
    assert_eq!(percent(1.0 / 8.0), "13%");
    assert_eq!(percent(2.0 / 3.0), "67%");
    assert_eq!(percent(0.0), "0%");
    assert_eq!(percent(1.0), "100%");
    assert_eq!(percent(5.0 / 8.0), percent_against(5.0 / 8.0, &[]));
    // Halves the float lands a hair under (found in a review of the fix).
    assert_eq!(percent(23.0 / 40.0), "58%");
    assert_eq!(percent(29.0 / 200.0), "15%");
    assert_eq!(percent(57.0 / 200.0), "29%");
    // Every count of every total to 400, against whole-number arithmetic.
    for total in 1..=400u32 {
        for count in 0..=total {
            let want = (200 * count + total) / (2 * total);
            let share = f64::from(count) / f64::from(total);
            assert_eq!(percent(share), format!("{want}%"), "{count} of {total}");
        }
    }
}

/// Found in review (the twenty-second session): the suggested grade set
/// against the reviewer's counted suggestions worked out from a case with
/// one criterion answered, as from one audited through, and said nothing of
/// it; the N18 fixture's "8 of 8" came from eight cases with no answer at
/// all. The figure stands, and says how many of its cases are part-audited.
#[test]
fn the_suggestion_against_the_reviewer_says_how_many_cases_are_part_audited() {
    let mut a = assessment();
    // K1 alone answered of alpha's four criteria.
    let part = both("1", "alpha", Good, RequiresImprovement);
    let mut whole = both("2", "alpha", Good, Good);
    for k in ["C1", "C2", "C3"] {
        whole.answers.insert(
            k.into(),
            cpsa::domain::assessment::Answer {
                value: Met,
                note: String::new(),
                changed_at: None,
                stands_against: Vec::new(),
            },
        );
    }
    a.cases = vec![part.into(), whole.into()];
    let r = Results::compute(&test_framework(), &a, GradeBasis::Final);
    let agree = &r.rigour.suggestion_vs_reviewer;
    assert_eq!((agree.n, agree.partial), (2, 1));
    assert_eq!(
        agree.partial_words().as_deref(),
        Some("1 of these cases still has criteria unanswered: its suggestion rests on part of the audit, and may change.")
    );
    let n18 = n18_results(GradeBasis::Final);
    let agree = &n18.rigour.suggestion_vs_reviewer;
    assert_eq!((agree.n, agree.partial), (8, 8));
    a.cases.truncate(0);
    assert_eq!(
        Results::compute(&test_framework(), &a, GradeBasis::Final)
            .rigour
            .suggestion_vs_reviewer
            .partial_words(),
        None
    );
}

/// Found in review (the twenty-second session): the reviewer's reasons were
/// kept and shown nowhere the lead reads them; the cases graded
/// differently carry both sides' reasons now, and the printed report's
/// appendix the reviewer's.
#[test]
fn the_cases_graded_differently_carry_the_force_s_and_the_reviewer_s_reasons() {
    let mut a = assessment();
    let mut c = both("1", "alpha", Good, Inadequate);
    c.reviewer_grade.as_mut().unwrap().note = "No strategy discussion was held.".into();
    a.cases = vec![c.clone().into(), both("2", "alpha", Good, Good).into()];
    let r = Results::compute(&test_framework(), &a, GradeBasis::Final);
    let d = &r.calibration.disagreements;
    assert_eq!(d.len(), 1);
    assert_eq!(
        (d[0].force_reason.as_str(), d[0].reviewer_reasons.as_str()),
        ("r", "No strategy discussion was held.")
    );
    assert_eq!(
        c.reviewer_grade.unwrap().describe(),
        "Inadequate, by Peer force. Reasons: No strategy discussion was held"
    );
    let plain = ReviewerGrade {
        grade: Good,
        reviewer: " ".into(),
        note: String::new(),
    };
    assert_eq!(plain.describe(), "Good");
}

/// Found in review (the twenty-second session): with no case naming its
/// auditor, the calibration page left "By auditor" out while `cpsa summary`
/// printed one row "(not recorded)"; drift of zero read "0.00 grades the
/// same as" in one and "no kinder or harsher" in the other; and the
/// overrides of a file with no suggestions read "0 confirmed (of 0)" in
/// one. Each is said by one function now.
#[test]
fn calibration_s_words_are_one_function_s_for_the_page_the_report_and_the_tool() {
    use cpsa::domain::grade::drift_words;
    let n18 = n18_results(GradeBasis::Final);
    assert!(n18
        .calibration
        .no_auditor_named()
        .is_some_and(|w| w.starts_with("No case names its auditor")));
    assert_eq!(
        n18.overrides.words(33),
        "The force's 33 grades recorded no suggested grade to compare with, so there is nothing to say about changes to the suggested grade."
    );
    let mut a = assessment();
    let mut named = both("1", "alpha", Good, Inadequate);
    named.auditor = "DS Kind".into();
    a.cases = vec![named.into(), both("2", "alpha", Good, Good).into()];
    let r = Results::compute(&test_framework(), &a, GradeBasis::Final);
    assert_eq!(r.calibration.no_auditor_named(), None);
    assert_eq!(
        r.overrides.words(2),
        "Of 2 grades confirmed, 2 took the suggestion, 0 changed it to a better grade and 0 to a worse one."
    );
    assert_eq!(drift_words(0.0), "no kinder or harsher than the reviewer");
    assert_eq!(drift_words(0.004), "no kinder or harsher than the reviewer");
    assert_eq!(
        drift_words(1.0 / 8.0),
        "0.13 grades kinder than the reviewer"
    );
    assert_eq!(drift_words(-0.5), "0.50 grades harsher than the reviewer");
}

/// Found in the twenty-second session's review and left until the
/// twenty-third: a force that moved its grades to the reviewer's raised its
/// own agreement unseen. A grade given with the reviewer's already in the
/// assessment records the force's from before (`GradeDecision::after_review`),
/// which calibration sets against the reviewer's, and the cases are listed.
#[test]
fn a_force_grade_changed_after_the_reviewer_s_came_in_does_not_raise_the_agreement() {
    use cpsa::domain::edit::{apply, Edit};
    let fw = test_framework();
    let mut a = assessment();
    a.cases = vec![
        case("1", "alpha", &[("K1", Met)]).into(),
        case("2", "alpha", &[("K1", Met)]).into(),
        case("3", "alpha", &[("K1", Met)]).into(),
    ];
    let grade = |a: &mut Assessment, case: &str, grade| {
        apply(
            a,
            &fw,
            Edit::OverrideGrade {
                case: case.into(),
                grade,
                reason: "As the file shows.".into(),
            },
        )
        .unwrap();
    };
    let review = |a: &mut Assessment, case: &str, grade| {
        apply(
            a,
            &fw,
            Edit::SetReviewerGrade {
                case: case.into(),
                grade: Some(ReviewerGrade {
                    grade,
                    reviewer: "Peer force".into(),
                    note: String::new(),
                }),
            },
        )
        .unwrap();
    };
    // The force grades 1 and 2 good, blind; the reviewer finds 1 and 3
    // inadequate, and 2 good.
    grade(&mut a, "1", Good);
    grade(&mut a, "2", Good);
    review(&mut a, "1", Inadequate);
    review(&mut a, "2", Good);
    review(&mut a, "3", Inadequate);
    let before = Results::compute(&fw, &a, GradeBasis::Force).calibration;
    assert_eq!((before.n, before.exact_agreement), (2, Some(0.5)));
    assert!(before.after_review.is_empty());
    assert_eq!(before.after_review_words(), None);

    // Then the force moves 1 to the reviewer's grade, grades 3 as the
    // reviewer did, and confirms 2 again as it was.
    grade(&mut a, "1", Inadequate);
    grade(&mut a, "3", Inadequate);
    grade(&mut a, "2", Good);
    let d = a.case("1").unwrap().force_grade.clone().unwrap();
    assert_eq!((d.after_review, d.before_review), (true, Some(Good)));
    // A second change keeps the grade from before the review.
    grade(&mut a, "1", RequiresImprovement);
    grade(&mut a, "1", Inadequate);
    assert_eq!(a.case("1").unwrap().force_blind(), Some(Good));
    assert_eq!(a.case("3").unwrap().force_blind(), None);

    let r = Results::compute(&fw, &a, GradeBasis::Force);
    let cal = &r.calibration;
    // The agreement is as it was: case 1 still disagrees two grades apart,
    // and case 3, graded only after, is in none of the figures.
    assert_eq!((cal.n, cal.exact_agreement), (2, Some(0.5)));
    assert_eq!(cal.force, before.force);
    assert_eq!(cal.reviewer_only.total(), 0);
    assert_eq!(cal.disagreements.len(), 1);
    assert_eq!(
        (cal.disagreements[0].force, cal.disagreements[0].apart),
        (Good, 2)
    );
    // The reason given is for the grade now, not the one compared.
    assert_eq!(cal.disagreements[0].force_reason, "");
    let listed: Vec<String> = cal.after_review.iter().map(|x| x.describe()).collect();
    assert_eq!(
        listed,
        [
            "REF/1: good before the reviewer's grade came in, inadequate now; the reviewer's: inadequate.",
            "REF/3: not graded before the reviewer's grade came in, inadequate now; the reviewer's: inadequate.",
        ]
    );
    assert_eq!(
        cal.after_review_words().unwrap(),
        "2 cases were graded by the force, or graded again differently, after the reviewer's grade was in the assessment, 2 of them to the reviewer's grade. The figures here set the reviewer's grades against the force's from before; a case the force had not graded before is not in them."
    );
    // The results themselves count the force's grades as they are now.
    assert_eq!(r.overall.counts.inadequate, 2);
    // So does the cases CSV, with the grade from before in its last column
    // (found in review: an analyst working agreement out from the CSV got
    // the raised figure).
    let csv = cpsa::domain::csv::cases(&fw, &a);
    let mut lines = csv.trim_start_matches('\u{feff}').lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |name: &str| head.iter().position(|h| *h == name).unwrap();
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let grades: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r[col("force_grade")], r[col("force_grade_before_review")]))
        .collect();
    assert_eq!(
        grades,
        [("inadequate", "good"), ("good", "good"), ("inadequate", "")]
    );

    // The record is written in the file, and read back.
    let d = a.case("3").unwrap().force_grade.clone().unwrap();
    let text = serde_json::to_string(&d).unwrap();
    assert!(text.contains(r#""after_review":true}"#), "{text}");
    assert_eq!(
        cpsa::domain::json::from_str::<GradeDecision>(&text).unwrap(),
        d
    );
    let text = serde_json::to_string(&a.case("1").unwrap().force_grade).unwrap();
    assert!(
        text.contains(r#""after_review":true,"before_review":"good"}"#),
        "{text}"
    );
}

/// The grade from before the review stays once recorded: an auditor's pack
/// holds no reviewer's grades, and a grade confirmed there must not make
/// the force's changed grade look blind.
#[test]
fn the_force_s_grade_from_before_the_review_survives_a_pack_and_a_review_taken_back() {
    use cpsa::domain::edit::{apply, Edit};
    let fw = test_framework();
    let mut a = assessment();
    a.cases = vec![case("1", "alpha", &[("K1", Met)]).into()];
    let grade = |a: &mut Assessment, grade| {
        apply(
            a,
            &fw,
            Edit::OverrideGrade {
                case: "1".into(),
                grade,
                reason: "As the file shows.".into(),
            },
        )
        .unwrap();
    };
    let review = |a: &mut Assessment, grade: Option<CaseGrade>| {
        apply(
            a,
            &fw,
            Edit::SetReviewerGrade {
                case: "1".into(),
                grade: grade.map(|grade| ReviewerGrade {
                    grade,
                    reviewer: "Peer force".into(),
                    note: String::new(),
                }),
            },
        )
        .unwrap();
    };
    grade(&mut a, Good);
    review(&mut a, Some(Inadequate));
    grade(&mut a, Inadequate);
    // The reviewer's grade taken back (as an auditor's pack leaves it out),
    // and the force's confirmed again there.
    review(&mut a, None);
    grade(&mut a, Inadequate);
    assert_eq!(a.case("1").unwrap().force_blind(), Some(Good));
    review(&mut a, Some(Inadequate));
    let cal = Results::compute(&fw, &a, GradeBasis::Force).calibration;
    assert_eq!((cal.n, cal.exact_agreement), (1, Some(0.0)));
}
