//! Progress: how much of the sample has been looked at, kept apart from how
//! good it was.

use serde::Serialize;

use super::assessment::{Assessment, Case};
use super::framework::Framework;

/// Where an auditor is with one case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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

impl Progress {
    pub fn compute(fw: &Framework, a: &Assessment) -> Progress {
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
        for case in &a.cases {
            if let Some(row) = fw
                .case_type_position(&case.case_type)
                .and_then(|i| rows.get_mut(i))
            {
                row.cases += 1;
                match CaseStatus::of(case) {
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
