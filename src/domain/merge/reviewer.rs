//! Merging a reviewer's grades into the force's assessment by case id.
//! Anything that does not line up is a conflict, listed and never guessed.

use std::fmt;
use std::sync::Arc;

use crate::domain::assessment::{Assessment, Case};
use crate::domain::grade::CaseGrade;

/// Something that stops a reviewer's grade being taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict {
    /// The two files are different assessments: each named by its force
    /// and period.
    DifferentAssessment { force: String, reviewer: String },
    /// The two files use different frameworks or versions.
    DifferentFramework { force: String, reviewer: String },
    /// The reviewer graded a case the force's assessment does not have.
    UnknownCase { reference: String },
    /// The case's reference or type differs between the files; `case` is
    /// the force's reference for it.
    CaseDiffers {
        case: String,
        field: &'static str,
        force: String,
        reviewer: String,
    },
    /// The force's file already holds a different reviewer grade.
    AlreadyGraded {
        case: String,
        existing: CaseGrade,
        incoming: CaseGrade,
    },
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Conflict::DifferentAssessment { force, reviewer } => write!(
                f,
                "the files are different assessments: the force's is {force}, the reviewer's is {reviewer}"
            ),
            Conflict::DifferentFramework { force, reviewer } => write!(
                f,
                "the force's file uses {force} but the reviewer's uses {reviewer}"
            ),
            Conflict::UnknownCase { reference } => write!(
                f,
                "case {reference} is in the reviewer's file but not in the force's"
            ),
            Conflict::CaseDiffers {
                case,
                field,
                force,
                reviewer,
            } => write!(
                f,
                "case {case}: the {field} is {force:?} in the force's file but {reviewer:?} in the reviewer's"
            ),
            Conflict::AlreadyGraded {
                case,
                existing,
                incoming,
            } => write!(
                f,
                "case {case} already has a different reviewer grade or note ({existing}); the reviewer's file gives {incoming}"
            ),
        }
    }
}

/// What a merge did, and what it could not do.
#[derive(Debug, Clone, PartialEq)]
pub struct MergeOutcome {
    /// The force's assessment with every non-conflicting reviewer grade taken.
    pub merged: Assessment,
    /// Cases whose reviewer grade was taken.
    pub taken: Vec<String>,
    /// Cases whose reviewer grade was already the same.
    pub unchanged: Vec<String>,
    pub conflicts: Vec<Conflict>,
}

/// The reviewer's work on its own, to export and merge back: the same
/// assessment, and each case the reviewer graded (by id, reference and type)
/// with only the reviewer's grade. The force's answers, grades, refer-backs,
/// topic judgments, action plan and baseline, and the cases not yet reviewed,
/// are left out.
pub fn reviewer_copy(a: &Assessment) -> Assessment {
    Assessment {
        id: a.id.clone(),
        force: a.force.clone(),
        framework: a.framework.clone(),
        period: a.period,
        assessors: Vec::new(),
        sample_plan: a.sample_plan.clone(),
        cases: a
            .cases
            .iter()
            .filter(|c| c.reviewer_grade.is_some())
            .map(|c| {
                let mut out = Case::new(c.id.clone(), c.case_type.clone());
                out.reference = c.reference.clone();
                out.reviewer_grade = c.reviewer_grade.clone();
                Arc::new(out)
            })
            .collect(),
        topic_judgments: Vec::new(),
        actions: Vec::new(),
        action_plan: Default::default(),
        service_standards: Vec::new(),
        provenance: None,
        baseline: None,
        team: Vec::new(),
        pack: None,
        deleted: Vec::new(),
    }
}

/// Whether `a` is a reviewer's file as [`reviewer_copy`] writes it: cases,
/// each with a reviewer grade and nothing of the force's.
pub fn is_reviewer_copy(a: &Assessment) -> bool {
    !a.cases.is_empty()
        && a.cases.iter().all(|c| {
            c.reviewer_grade.is_some()
                && c.answers.is_empty()
                && c.force_grade.is_none()
                && c.refer_back.is_none()
        })
}

/// Takes the reviewer's grades into the force's assessment by case id.
///
/// Only reviewer grades move; the force's answers and grades are untouched.
/// If the files are different assessments or frameworks nothing is taken.
pub fn merge_reviewer(force: &Assessment, reviewer: &Assessment) -> MergeOutcome {
    let mut merged = force.clone();
    let mut taken = Vec::new();
    let mut unchanged = Vec::new();
    let mut conflicts = Vec::new();
    if force.id != reviewer.id {
        let name = |a: &Assessment| {
            format!(
                "{} ({} to {})",
                a.force,
                a.period.start.long(),
                a.period.end.long()
            )
        };
        conflicts.push(Conflict::DifferentAssessment {
            force: name(force),
            reviewer: name(reviewer),
        });
    }
    if force.framework != reviewer.framework {
        conflicts.push(Conflict::DifferentFramework {
            force: force.framework.to_string(),
            reviewer: reviewer.framework.to_string(),
        });
    }
    if !conflicts.is_empty() {
        return MergeOutcome {
            merged,
            taken,
            unchanged,
            conflicts,
        };
    }
    for incoming in &reviewer.cases {
        let Some(grade) = &incoming.reviewer_grade else {
            continue;
        };
        let Some(case) = merged.case_mut(&incoming.id) else {
            conflicts.push(Conflict::UnknownCase {
                reference: incoming.reference.clone(),
            });
            continue;
        };
        let mut differs = false;
        for (field, ours, theirs) in [
            ("reference", &case.reference, &incoming.reference),
            ("case type", &case.case_type, &incoming.case_type),
        ] {
            if ours != theirs {
                differs = true;
                conflicts.push(Conflict::CaseDiffers {
                    case: case.reference.clone(),
                    field,
                    force: ours.clone(),
                    reviewer: theirs.clone(),
                });
            }
        }
        if differs {
            continue;
        }
        match &case.reviewer_grade {
            Some(existing) if existing == grade => unchanged.push(case.id.clone()),
            Some(existing) => conflicts.push(Conflict::AlreadyGraded {
                case: case.reference.clone(),
                existing: existing.grade,
                incoming: grade.grade,
            }),
            None => {
                case.reviewer_grade = Some(grade.clone());
                taken.push(case.id.clone());
            }
        }
    }
    MergeOutcome {
        merged,
        taken,
        unchanged,
        conflicts,
    }
}
