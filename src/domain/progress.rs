//! Progress: how much of the sample has been looked at, kept apart from how
//! good it was.

use serde::{Deserialize, Serialize};

use super::assessment::{Assessment, Case};
use super::framework::Framework;
use super::grade::grade_is_stale;
use super::grade::CaseGrade;

/// Where an auditor is with one case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CaseStatus {
    NotStarted,
    InProgress,
    Completed,
}

impl CaseStatus {
    pub fn of(case: &Case) -> CaseStatus {
        if case.completed {
            CaseStatus::Completed
        } else if case.is_started() {
            CaseStatus::InProgress
        } else {
            CaseStatus::NotStarted
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CaseStatus::NotStarted => "Not started",
            CaseStatus::InProgress => "In progress",
            CaseStatus::Completed => "Completed",
        }
    }
}

/// Progress on one case type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TypeProgress {
    pub case_type: String,
    pub name: String,
    pub planned: u32,
    /// Cases added.
    pub cases: u32,
    /// Cases with any answer, grade or reference, including completed ones.
    pub started: u32,
    pub completed: u32,
}

/// Progress on the whole sample.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub by_case_type: Vec<TypeProgress>,
    pub planned: u32,
    pub cases: u32,
    pub started: u32,
    pub completed: u32,
}

/// What the task list shows of one case, and all it counts: worked out from
/// the case alone, so storage keeps it beside the case's record and the task
/// list of a large assessment is drawn before its answers are read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseLine {
    pub id: String,
    /// [`Case::label`].
    pub label: String,
    pub case_type: String,
    pub status: CaseStatus,
    /// The force's grade, and whether the answers have changed the
    /// suggestion since it was confirmed ([`grade_is_stale`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<CaseGrade>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub stale: bool,
    /// The open refer-back, described; `None` when there is none or it is closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refer_back: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allocated_to: Option<String>,
    /// Begun by its auditor: an answer or a grade (a reference alone may be
    /// the lead's).
    #[serde(default, skip_serializing_if = "is_false")]
    pub audited: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub reviewed: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl CaseLine {
    pub fn of(fw: &Framework, case: &Case) -> CaseLine {
        CaseLine {
            id: case.id.clone(),
            label: case.label(),
            case_type: case.case_type.clone(),
            status: CaseStatus::of(case),
            grade: case.force(),
            stale: grade_is_stale(fw, case),
            refer_back: case
                .refer_back
                .as_ref()
                .filter(|r| r.closure.is_none())
                .map(|r| r.describe()),
            allocated_to: case.allocated_to.clone(),
            audited: case.is_audited(),
            reviewed: case.reviewer_grade.is_some(),
        }
    }

    /// Every case's line, in the assessment's order.
    pub fn all(fw: &Framework, a: &Assessment) -> Vec<CaseLine> {
        a.cases.iter().map(|c| CaseLine::of(fw, c)).collect()
    }
}

impl Progress {
    pub fn compute(fw: &Framework, a: &Assessment) -> Progress {
        Progress::of_lines(fw, a, &CaseLine::all(fw, a))
    }

    /// Progress from the cases' lines; `a` gives the plan.
    pub fn of_lines(fw: &Framework, a: &Assessment, lines: &[CaseLine]) -> Progress {
        let mut rows: Vec<TypeProgress> = fw
            .case_types
            .iter()
            .map(|t| TypeProgress {
                case_type: t.id.clone(),
                name: t.name.clone(),
                planned: a.planned(&t.id),
                cases: 0,
                started: 0,
                completed: 0,
            })
            .collect();
        for line in lines {
            if let Some(row) = fw
                .case_type_position(&line.case_type)
                .and_then(|i| rows.get_mut(i))
            {
                row.cases += 1;
                match line.status {
                    CaseStatus::NotStarted => {}
                    CaseStatus::InProgress => row.started += 1,
                    CaseStatus::Completed => {
                        row.started += 1;
                        row.completed += 1;
                    }
                }
            }
        }
        let sum = |f: fn(&TypeProgress) -> u32| rows.iter().map(f).sum();
        Progress {
            planned: sum(|r| r.planned),
            cases: sum(|r| r.cases),
            started: sum(|r| r.started),
            completed: sum(|r| r.completed),
            by_case_type: rows,
        }
    }
}
