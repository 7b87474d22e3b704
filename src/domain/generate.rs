//! Generated assessments, for benchmarks and for trying the tool out: every
//! applicable criterion answered, grades confirmed (a few overridden), some
//! reviewer grades and refer-backs. The same seed gives the same assessment.

use std::sync::Arc;

use super::assessment::{
    Answer, Assessment, Case, CaseDates, GradeDecision, Period, ReferBack, ReferBackTrigger,
    ReviewerGrade,
};
use super::date::Date;
use super::framework::Framework;
use super::grade::{suggest, AnswerValue, CaseGrade};

/// Builds an assessment of `cases` cases spread over the framework's case
/// types in proportion to the standard sample.
pub fn generate(fw: &Framework, cases: usize, seed: u64) -> Assessment {
    let mut rng = fastrand::Rng::with_seed(seed);
    let start = Date::from_time(time::macros::date!(2025 - 04 - 01));
    let end = Date::from_time(time::macros::date!(2026 - 03 - 31));
    let mut a = Assessment::new(
        format!("generated-{seed}-{cases}"),
        "Generated Constabulary".into(),
        fw,
        Period { start, end },
    );
    a.assessors = vec!["DI Example".into(), "DS Example".into()];

    // Case types in proportion to their default counts, round robin.
    let weights: Vec<(&str, u32)> = fw
        .case_types
        .iter()
        .map(|t| (t.id.as_str(), t.default_count.max(1)))
        .collect();
    let cycle: Vec<&str> = weights
        .iter()
        .flat_map(|(id, n)| std::iter::repeat_n(*id, *n as usize))
        .collect();

    for (i, case_type) in (0..cases).zip(cycle.iter().copied().cycle()) {
        let mut case = Case::new(format!("case-{}", i + 1), case_type.to_owned());
        case.reference = format!("GC/{:05}/{}", 10_000 + i, 25);
        case.auditor = if i % 2 == 0 {
            "DS Example"
        } else {
            "DI Example"
        }
        .into();
        let reported = start.plus_days(rng.i64(0..300)).unwrap_or(start);
        case.dates = CaseDates {
            reported: Some(reported),
            audited: end.plus_days(rng.i64(1..30)),
        };
        // Each case has its own quality, so grades spread across the scale.
        let quality = rng.f64();
        for c in fw.criteria_for(case_type) {
            let roll = rng.f64();
            let value = if roll < 0.08 {
                AnswerValue::NotApplicable
            } else if roll < 0.08 + quality * 0.8 {
                AnswerValue::Met
            } else if roll < 0.08 + quality * 0.8 + 0.1 {
                AnswerValue::PartlyMet
            } else {
                AnswerValue::NotMet
            };
            let note = match value {
                AnswerValue::Met => "Recorded on the crime report and checked.".into(),
                AnswerValue::NotApplicable => "Did not arise in this case.".into(),
                _ => format!(
                    "Gap found on review of the case file for {}: see the supervisor's entry.",
                    c.id
                ),
            };
            case.answers.insert(
                c.id.clone(),
                Answer {
                    value,
                    note,
                    changed_at: None,
                    stands_against: Vec::new(),
                },
            );
        }
        if i % 97 == 5 {
            case.refer_back = Some(ReferBack {
                triggers: vec![ReferBackTrigger::ProceduresNotFollowed],
                reason: "No strategy discussion recorded; child still at home with the suspect."
                    .into(),
                owner: "DCI Public Protection".into(),
                raised: case.dates.audited,
                deadline: case.dates.audited.and_then(|d| d.plus_days(7)),
                closure: None,
            });
        }
        let suggestion = suggest(fw, &case).grade;
        let grade = match suggestion {
            // One case in ten is overridden, mostly to a kinder grade.
            Some(g) if i % 10 == 3 => kinder(g),
            Some(g) => g,
            None => CaseGrade::RequiresImprovement,
        };
        case.force_grade = Some(GradeDecision {
            grade,
            suggested: suggestion,
            reason: if Some(grade) == suggestion {
                String::new()
            } else {
                "The auditor weighed the prompt initial response more heavily.".into()
            },
            after_review: false,
            before_review: None,
        });
        if i % 3 == 0 {
            let harsher = if rng.bool() { worse(grade) } else { grade };
            case.reviewer_grade = Some(ReviewerGrade {
                grade: harsher,
                reviewer: "Peer force reviewer".into(),
                note: String::new(),
            });
        }
        case.completed = true;
        a.cases.push(Arc::new(case));
    }
    a
}

fn kinder(g: CaseGrade) -> CaseGrade {
    match g {
        CaseGrade::Inadequate => CaseGrade::RequiresImprovement,
        _ => CaseGrade::Good,
    }
}

fn worse(g: CaseGrade) -> CaseGrade {
    match g {
        CaseGrade::Good => CaseGrade::RequiresImprovement,
        _ => CaseGrade::Inadequate,
    }
}
