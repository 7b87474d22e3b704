//! What bringing a file back comes to: each case's outcome, the conflicts
//! that wait for a choice, the choices, and why a file is refused.

use std::fmt;

use serde::Serialize;

use crate::domain::assessment::{Assessment, Case};
use crate::domain::date::Timestamp;
use crate::domain::grade::CaseGrade;

/// Why a file cannot be brought into an assessment at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The file is of another assessment: each named by force and period.
    DifferentAssessment { ours: String, theirs: String },
    /// The file was made from another framework or version.
    DifferentFramework { ours: String, theirs: String },
    /// A work pack for someone not in this assessment's team.
    UnknownMember { member: String },
    /// Work is brought back into the lead's assessment; a pack takes only
    /// a newer pack for the same member.
    IntoAPack,
    /// A pack for the same member that the lead made before this one (the
    /// dates it was made on): taken in, its older frame would replace the
    /// newer one's team, plan and service standards.
    OlderPack { ours: Timestamp, theirs: Timestamp },
    /// A case an earlier file of the same bring-back changed, changed in
    /// this file too: a choice between this file's copy and "this
    /// assessment's" would be a choice against the earlier file's work, not
    /// the lead's. `case` is its label and id; `first` the earlier file.
    ChangedInTwoFiles { case: String, first: String },
    /// More cases than one assessment may hold once the file's are added:
    /// saved, the assessment would not open again.
    TooManyCases { cases: usize },
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::DifferentAssessment { ours, theirs } => write!(
                f,
                "the file is from a different assessment ({theirs}), not this one ({ours})"
            ),
            Refusal::DifferentFramework { ours, theirs } => write!(
                f,
                "the file was made with {theirs}, but this assessment uses {ours}"
            ),
            Refusal::UnknownMember { member } => write!(
                f,
                "the file is a work pack for {member:?}, who is not in this assessment's team: taken off it since the pack was made, or added to another copy of the assessment"
            ),
            Refusal::IntoAPack => f.write_str(
                "this is a work pack: it takes only a newer work pack for the same person; other work is brought back into the lead's assessment",
            ),
            Refusal::OlderPack { ours, theirs } => {
                let (o, t) = (ours.date().long(), theirs.date().long());
                let when = if o == t {
                    format!("on {t}, earlier than the one open here")
                } else {
                    format!("on {t}, before the one open here (made on {o})")
                };
                write!(
                    f,
                    "the file is a work pack the lead made {when}: a work pack takes in only the lead's newer one"
                )
            }
            Refusal::ChangedInTwoFiles { case, first } => write!(
                f,
                "case {case} was changed in {first} too, since this assessment's copy: bring back {first} on its own first, then this file, so that the choice between the two is made with both in view"
            ),
            Refusal::TooManyCases { cases } => write!(
                f,
                "with this file's cases the assessment would hold {cases}, more than the {} one assessment may hold",
                crate::domain::format::MAX_CASES
            ),
        }
    }
}

/// Which part of a case an outcome is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Part {
    /// The audit: details, timeline, answers, the force's grade, refer-back.
    Audit,
    /// The reviewer's grade.
    Review,
}

/// What happened to one case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// A case the lead did not have.
    Added,
    /// The incoming copy was newer.
    Taken,
    /// The lead's copy was newer.
    Kept,
    /// The same on both sides.
    Unchanged,
    /// The lead deleted the case, and the incoming copy holds nothing newer.
    StillDeleted,
    /// A reviewer's grade for a case the lead does not have: nothing taken.
    Unknown,
    /// Changed on both sides: waits for the lead's choice.
    Conflict(ConflictKind),
    /// A conflict the lead chose for.
    Resolved(Choice),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConflictKind {
    /// Each copy has changes the other lacks.
    BothChanged,
    /// The lead deleted the case; the incoming copy changed it since.
    DeletedHere,
    /// Two different reviewer grades.
    ReviewerGrade { ours: CaseGrade, theirs: CaseGrade },
}

/// The lead's choice for a conflicting case. "Both" applies to a case
/// changed on both sides: the lead's case stays as it is, and the file's
/// audit is added as a case of its own. It does not apply to a deleted case
/// (there is no second case to keep), nor to a reviewer grade on its own
/// (one case has one reviewer grade): there the conflict still waits, rather
/// than "both" be read as "lead". A reviewer grade in conflict in the same
/// file as the case's audit, kept as two, stays the lead's with the lead's
/// case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Choice {
    /// Keep the lead's copy (for a deleted case: keep it deleted).
    Ours,
    /// Take the incoming copy (for a deleted case: restore it).
    Theirs,
    /// Keep the lead's, and add the incoming as a case of its own.
    Both,
}

impl std::str::FromStr for Choice {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "lead" | "ours" => Ok(Choice::Ours),
            "theirs" => Ok(Choice::Theirs),
            "both" => Ok(Choice::Both),
            _ => Err(format!("{s:?} is not one of lead, theirs, both")),
        }
    }
}

/// One case's outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseResult {
    pub case: String,
    /// The case's reference, or its label before it has one.
    pub label: String,
    pub part: Part,
    pub outcome: Outcome,
    /// For a case kept as two: the id the incoming copy was added under.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub added_as: Option<String>,
    /// What the conflict was, whether it still waits or was chosen for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conflict: Option<ConflictKind>,
}

impl CaseResult {
    /// The outcome for the audit of the incoming case `t`.
    pub(super) fn audit(t: &Case, outcome: Outcome) -> CaseResult {
        CaseResult {
            case: t.id.clone(),
            label: t.label(),
            part: Part::Audit,
            outcome,
            added_as: None,
            conflict: None,
        }
    }

    /// Whether the case is in conflict, still waiting or chosen for.
    pub fn is_conflict(&self) -> bool {
        matches!(self.outcome, Outcome::Conflict(_) | Outcome::Resolved(_))
    }
}

/// The lead's assessment with the file's work brought in, and what became
/// of each case.
#[derive(Debug, Clone, PartialEq)]
pub struct Merge {
    /// Everything that needed no choice, and every conflict chosen for.
    /// A conflict still waiting leaves the lead's copy as it was.
    pub merged: Assessment,
    pub cases: Vec<CaseResult>,
    /// Complete cases reopened, by id:
    /// the timeline is over a limit this assessment's service standards
    /// set, tighter than those the work was done under, with no note saying
    /// why the answer stands.
    pub reopened: Vec<String>,
    /// Taking the lead's newer pack: the member's cases it no longer holds
    /// (given to someone else, or deleted), by label, taken out of the pack
    /// as no work of the member's is on them...
    pub withdrawn: Vec<String>,
    /// ... and those kept, as they hold the member's work, to go back with
    /// their file.
    pub withdrawn_kept: Vec<String>,
    /// An auditor's pack: the cases whose blind-review grade in the file is
    /// not this assessment's, by label. They are not taken: an auditor's
    /// pack returns the audit, and the blind review comes in a reviewer's.
    pub review_not_taken: Vec<String>,
}

impl Merge {
    /// The conflicts still waiting for a choice.
    pub fn waiting(&self) -> impl Iterator<Item = &CaseResult> {
        self.cases
            .iter()
            .filter(|c| matches!(c.outcome, Outcome::Conflict(_)))
    }

    /// The labels of the cases reopened.
    pub fn reopened_labels(&self) -> Vec<String> {
        self.reopened
            .iter()
            .filter_map(|id| self.merged.case(id).map(Case::label))
            .collect()
    }

    /// How many cases had this outcome.
    pub fn count(&self, f: impl Fn(&Outcome) -> bool) -> usize {
        self.cases.iter().filter(|c| f(&c.outcome)).count()
    }

    /// Whether merging changed the lead's assessment.
    pub fn changes_anything(&self, ours: &Assessment) -> bool {
        self.merged != *ours
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod tests {
    use super::*;

    #[test]
    fn a_choice_reads_as_the_command_line_writes_it() {
        assert_eq!("lead".parse::<Choice>(), Ok(Choice::Ours));
        assert_eq!("theirs".parse::<Choice>(), Ok(Choice::Theirs));
        assert_eq!("both".parse::<Choice>(), Ok(Choice::Both));
        assert!("mine".parse::<Choice>().is_err());
    }
}
