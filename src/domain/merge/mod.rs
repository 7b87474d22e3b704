//! Bringing work back: a work pack an auditor or a reviewer returns (or any
//! export of the same assessment) merged into the lead's, case by case.
//!
//! Each case counts its changes per device ([`Versions`]). Of the lead's
//! copy of a case and the incoming one:
//! - the same audit: nothing to do;
//! - one has every change the other has, and more: that one is kept or
//!   taken;
//! - each has changes the other lacks: a conflict, which only the lead's
//!   choice resolves (keep ours, take theirs, or keep both as two cases).
//!
//! A case the lead lacks is added, unless the lead deleted it since: then,
//! if the incoming copy holds work done after, that is a conflict too. A
//! reviewer's grades merge on their own: taken where the lead has none, a
//! conflict where it has a different one. Nothing is guessed and nothing
//! is overwritten without a choice; the same file brought back twice changes
//! nothing the second time.
//!
//! [`Versions`]: super::assessment::Versions

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use serde::Serialize;

use super::assessment::{Answer, Assessment, Case, Deleted, Role};
use super::date::Timestamp;
use super::edit::reopen_if_challenged;
use super::framework::Framework;
use super::grade::CaseGrade;
use super::team::{covers, join, pack_member, writer};

/// Whether `a` is a reviewer's file as versions before work packs wrote it
/// ("Download your grades"): cases, each with a reviewer grade and nothing
/// of the force's. Such files still come back, as a reviewer's pack does.
pub fn is_reviewer_copy(a: &Assessment) -> bool {
    a.pack.is_none()
        && !a.cases.is_empty()
        && a.cases.iter().all(|c| {
            c.reviewer_grade.is_some()
                && c.answers.is_empty()
                && c.force_grade.is_none()
                && c.refer_back.is_none()
        })
}

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
                "the file is a work pack for {member:?}, who is not in this assessment's team"
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
                super::format::MAX_CASES
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
    fn audit(t: &Case, outcome: Outcome) -> CaseResult {
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

/// What a file brings: an auditor's work, a reviewer's grades, or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Audit,
    Review,
    Everything,
}

/// Brings `theirs` into `ours`, taking `choices` (by case id) for the
/// conflicts. Refuses a file of another assessment or framework version.
pub fn bring_back(
    fw: &Framework,
    ours: &Assessment,
    theirs: &Assessment,
    choices: &BTreeMap<String, Choice>,
) -> Result<Merge, Refusal> {
    bring_back_in(fw, ours, theirs, choices, &[theirs])
}

/// [`bring_back`], one of `batch` (every file brought back with it): a copy
/// kept beside the lead's takes an id none of them uses.
fn bring_back_in(
    fw: &Framework,
    ours: &Assessment,
    theirs: &Assessment,
    choices: &BTreeMap<String, Choice>,
    batch: &[&Assessment],
) -> Result<Merge, Refusal> {
    // Into a pack goes only the lead's newer pack for the same member.
    let update = match (&ours.pack, &theirs.pack) {
        (None, _) => false,
        (Some(p), Some(q)) if p.member == q.member => match (p.made_at, q.made_at) {
            (Some(o), Some(t)) if t < o => return Err(Refusal::OlderPack { ours: o, theirs: t }),
            _ => true,
        },
        (Some(_), _) => return Err(Refusal::IntoAPack),
    };
    if ours.id != theirs.id {
        let name = |a: &Assessment| {
            format!(
                "{}, {} to {}",
                a.force,
                a.period.start.long(),
                a.period.end.long()
            )
        };
        return Err(Refusal::DifferentAssessment {
            ours: name(ours),
            theirs: name(theirs),
        });
    }
    if ours.framework != theirs.framework {
        return Err(Refusal::DifferentFramework {
            ours: ours.framework.to_string(),
            theirs: theirs.framework.to_string(),
        });
    }
    let kind = match &theirs.pack {
        Some(_) if update => Kind::Everything,
        Some(p) => match ours.team.iter().find(|m| m.id == p.member) {
            None => {
                return Err(Refusal::UnknownMember {
                    member: p.member.clone(),
                })
            }
            // The member the pack was made for was removed, and their id
            // given to someone added since: as the pack's own team names them.
            Some(m)
                if theirs
                    .team
                    .iter()
                    .any(|t| t.id == m.id && (t.name != m.name || t.role != m.role)) =>
            {
                let name = theirs
                    .team
                    .iter()
                    .find(|t| t.id == m.id)
                    .map(|t| t.name.clone());
                return Err(Refusal::UnknownMember {
                    member: name.unwrap_or_else(|| p.member.clone()),
                });
            }
            Some(m) if m.role == Role::Reviewer => Kind::Review,
            Some(_) => Kind::Audit,
        },
        None if is_reviewer_copy(theirs) => Kind::Review,
        None => Kind::Everything,
    };
    let by = writer(ours);
    let reviewers_pack = update && pack_member(ours).is_some_and(|m| m.role == Role::Reviewer);
    let mut merged = ours.clone();
    if update {
        // The lead's frame, as it stands now.
        merged.team = theirs.team.clone();
        merged.sample_plan = theirs.sample_plan.clone();
        merged.service_standards = theirs.service_standards.clone();
        merged.assessors = theirs.assessors.clone();
        merged.pack = theirs.pack.clone();
    }
    let mut cases = Vec::new();
    // Where the last case was found: a file's cases mostly come in the
    // lead's order, so the next is looked for after it first.
    let mut from = 0;
    for t in &theirs.cases {
        let choice = choices.get(&t.id).copied();
        let result = |part, outcome| CaseResult {
            case: t.id.clone(),
            label: t.label(),
            part,
            outcome,
            added_as: None,
            conflict: None,
        };
        let Some(position) = find_case(&merged.cases, &t.id, from) else {
            if kind == Kind::Review {
                // Only a grade is worth saying it cannot be placed.
                if t.reviewer_grade.is_some() {
                    cases.push(result(Part::Review, Outcome::Unknown));
                }
            } else {
                cases.push(absent(&mut merged, t, choice, &by));
            }
            continue;
        };
        from = position + 1;
        // Who a case is given to is the lead's, as the newer pack has it.
        if update
            && merged
                .cases
                .get(position)
                .is_some_and(|c| c.allocated_to != t.allocated_to)
        {
            if let Some(c) = case_at(&mut merged, position) {
                c.allocated_to = t.allocated_to.clone();
            }
        }
        let mut audit_as_two = false;
        if reviewers_pack {
            // A reviewer's pack cannot change the audit (edit::apply refuses):
            // the lead's newer copy of it is taken as it is.
            cases.push(take_leads_audit(&mut merged, position, t));
        } else if kind != Kind::Review {
            let mut r = audit(&mut merged, position, t, choice, &by, batch);
            audit_as_two = r.outcome == Outcome::Resolved(Choice::Both);
            if let Some(added) = r.added_as.as_ref() {
                r.label = merged.case(added).map_or(r.label, Case::label);
            }
            cases.push(r);
        }
        if kind != Kind::Audit {
            let before = merged.cases.get(position).and_then(|c| c.reviewer());
            // "Both" keeps the lead's grade only with the lead's case, beside
            // the file's audit added as a case of its own.
            let choice = choice.filter(|c| *c != Choice::Both || audit_as_two);
            if let Some(outcome) = review(&mut merged, position, t, choice, &by) {
                let mut r = result(Part::Review, outcome);
                r.conflict = match (&r.outcome, before, t.reviewer()) {
                    (Outcome::Conflict(k), _, _) => Some(*k),
                    (Outcome::Resolved(_), Some(ours), Some(theirs)) => {
                        Some(ConflictKind::ReviewerGrade { ours, theirs })
                    }
                    _ => None,
                };
                cases.push(r);
            }
        }
    }
    // A case given to someone this team does not have (a case another copy
    // of the assessment added and gave out, or one the lead's newer pack no
    // longer holds, given to someone who has left) is given to no one: the
    // team is the lead's, and the assessment would not open again.
    let auditors: Vec<&str> = merged
        .team
        .iter()
        .filter(|m| m.role == Role::Auditor)
        .map(|m| m.id.as_str())
        .collect();
    let stray: Vec<usize> = (0..merged.cases.len())
        .filter(|&i| {
            merged
                .cases
                .get(i)
                .and_then(|c| c.allocated_to.as_deref())
                .is_some_and(|m| !auditors.contains(&m))
        })
        .collect();
    for i in stray {
        if let Some(c) = case_at(&mut merged, i) {
            c.allocated_to = None;
        }
    }
    if merged.cases.len() > super::format::MAX_CASES {
        return Err(Refusal::TooManyCases {
            cases: merged.cases.len(),
        });
    }
    let reopened = reopen_challenged(fw, &mut merged, ours, theirs, update, &cases, &by);
    Ok(Merge {
        merged,
        cases,
        reopened,
    })
}

/// Reopens the complete cases that the merged assessment's service standards
/// challenge with no note, as changing a standard does (`edit::apply`): work
/// done under a file's own, looser, standards, or (taking the lead's newer
/// pack) under the pack's old ones. The change is counted as this copy's, so
/// the same file brought back again finds this copy newer. Only where the
/// standards differ, and only the cases the file brought in (every case, for
/// a newer pack): each is judged as the import judged it.
fn reopen_challenged(
    fw: &Framework,
    merged: &mut Assessment,
    ours: &Assessment,
    theirs: &Assessment,
    update: bool,
    cases: &[CaseResult],
    by: &str,
) -> Vec<String> {
    let done_under = if update { ours } else { theirs };
    if done_under.service_standards == merged.service_standards {
        return Vec::new();
    }
    let standards = merged.service_standards.clone();
    let brought: Vec<&str> = cases
        .iter()
        .filter(|r| {
            r.part == Part::Audit
                && matches!(
                    r.outcome,
                    Outcome::Added | Outcome::Taken | Outcome::Resolved(Choice::Theirs)
                )
        })
        .map(|r| r.case.as_str())
        .chain(cases.iter().filter_map(|r| r.added_as.as_deref()))
        .collect();
    let mut reopened = Vec::new();
    for c in &mut merged.cases {
        if (update || brought.contains(&c.id.as_str()))
            && reopen_if_challenged(fw, &standards, c, by)
        {
            reopened.push(c.id.clone());
        }
    }
    reopened
}

/// The audit of a case in a reviewer's pack, from the lead's newer pack.
fn take_leads_audit(merged: &mut Assessment, at: usize, t: &Case) -> CaseResult {
    let mut r = CaseResult::audit(t, Outcome::Unchanged);
    let Some(o) = merged.cases.get(at) else {
        return r;
    };
    let changed = !same_audit(o, t);
    if changed || o.versions != t.versions {
        if let Some(c) = case_at(merged, at) {
            take_audit(c, t);
            c.versions = t.versions.clone();
        }
    }
    if changed {
        r.outcome = Outcome::Taken;
    }
    r
}

/// Where the case `id` is in `cases`: looked for from `from` to the end,
/// then from the start. Each id is in a list once (a check of import), so
/// the first found is the one.
fn find_case(cases: &[Arc<Case>], id: &str, from: usize) -> Option<usize> {
    let (before, after) = cases.split_at(from.min(cases.len()));
    match after.iter().position(|c| c.id == id) {
        Some(i) => Some(before.len() + i),
        None => before.iter().position(|c| c.id == id),
    }
}

/// An incoming case the lead does not have.
fn absent(merged: &mut Assessment, t: &Case, choice: Option<Choice>, by: &str) -> CaseResult {
    let mut r = CaseResult::audit(t, Outcome::Added);
    let gone = merged.deleted.iter().position(|d| d.case == t.id);
    match gone.and_then(|i| merged.deleted.get(i).map(|d| (i, d))) {
        None => merged.cases.push(Arc::new(t.clone())),
        Some((_, d)) if covers(&d.versions, &t.versions) => {
            r.outcome = Outcome::StillDeleted;
        }
        Some((i, _)) => {
            r.conflict = Some(ConflictKind::DeletedHere);
            match choice {
                // "Both" does not apply: there is one case, deleted or not.
                None | Some(Choice::Both) => {
                    r.outcome = Outcome::Conflict(ConflictKind::DeletedHere);
                }
                Some(Choice::Ours) => {
                    // Stays deleted, and now knows of this work.
                    if let Some(d) = merged.deleted.get_mut(i) {
                        d.versions = bumped(&join(&d.versions, &t.versions), by);
                    }
                    r.outcome = Outcome::Resolved(Choice::Ours);
                }
                Some(Choice::Theirs) => {
                    let d: Deleted = merged.deleted.remove(i);
                    let mut restored = t.clone();
                    restored.versions = bumped(&join(&d.versions, &t.versions), by);
                    merged.cases.push(Arc::new(restored));
                    r.outcome = Outcome::Resolved(Choice::Theirs);
                }
            }
        }
    }
    r
}

/// The case at `at`, to change (copied first if shared).
fn case_at(merged: &mut Assessment, at: usize) -> Option<&mut Case> {
    merged.cases.get_mut(at).map(Arc::make_mut)
}

/// The audit of a case both have.
fn audit(
    merged: &mut Assessment,
    at: usize,
    t: &Case,
    choice: Option<Choice>,
    by: &str,
    batch: &[&Assessment],
) -> CaseResult {
    let mut r = CaseResult::audit(t, Outcome::Unchanged);
    // `at` is where the case was found: it is there.
    let Some(o) = merged.cases.get(at).map(Arc::clone) else {
        return r;
    };
    r.label = o.label();
    let ours_newer = covers(&o.versions, &t.versions);
    let theirs_newer = covers(&t.versions, &o.versions);
    if same_audit(&o, t) {
        if !ours_newer {
            // Record that this copy has the other's changes, so no later
            // round sees a false conflict.
            if let Some(c) = case_at(merged, at) {
                c.versions = join(&o.versions, &t.versions);
            }
        }
        return r;
    }
    let joined = join(&o.versions, &t.versions);
    match (ours_newer, theirs_newer) {
        (true, false) => r.outcome = Outcome::Kept,
        (false, true) => {
            if let Some(c) = case_at(merged, at) {
                take_audit(c, t);
                c.versions = t.versions.clone();
            }
            r.outcome = Outcome::Taken;
        }
        // Changes on both sides (or the same counts with different work).
        _ => {
            r.conflict = Some(ConflictKind::BothChanged);
            match choice {
                None => r.outcome = Outcome::Conflict(ConflictKind::BothChanged),
                Some(Choice::Ours) => {
                    if let Some(c) = case_at(merged, at) {
                        c.versions = bumped(&joined, by);
                    }
                    r.outcome = Outcome::Resolved(Choice::Ours);
                }
                Some(Choice::Theirs) => {
                    if let Some(c) = case_at(merged, at) {
                        take_audit(c, t);
                        c.versions = bumped(&joined, by);
                    }
                    r.outcome = Outcome::Resolved(Choice::Theirs);
                }
                // A work pack adds no case: a copy kept beside would take an
                // id the lead may have given a case of someone else's.
                Some(Choice::Both) if merged.pack.is_some() => {
                    r.outcome = Outcome::Conflict(ConflictKind::BothChanged);
                }
                Some(Choice::Both) => {
                    if let Some(c) = case_at(merged, at) {
                        c.versions = bumped(&joined, by);
                    }
                    let mut copy = t.clone();
                    copy.id = merged.next_case_id_beside(batch);
                    copy.completed = false;
                    copy.reviewer_grade = None;
                    copy.versions = [(by.to_owned(), 1)].into_iter().collect();
                    r.added_as = Some(copy.id.clone());
                    merged.cases.push(Arc::new(copy));
                    r.outcome = Outcome::Resolved(Choice::Both);
                }
            }
        }
    }
    r
}

/// The reviewer's grade of a case both have; `None` when the file holds none.
/// Its own counts of changes decide, as for the audit: a grade the reviewer
/// revised since is taken, one the lead changed (or chose) since is kept. A
/// file from before the counts (a reviewer's file with none) decides nothing
/// by them: a different grade there is always the lead's choice.
fn review(
    merged: &mut Assessment,
    at: usize,
    t: &Case,
    choice: Option<Choice>,
    by: &str,
) -> Option<Outcome> {
    let theirs = t.reviewer_grade.as_ref()?;
    // Decided on the shared copy, which is copied only if something of it
    // changes: a reviewer's file often holds many cases the same as here.
    let o = merged.cases.get(at)?;
    let joined = join(&o.review_versions, &t.review_versions);
    let counted = !t.review_versions.is_empty();
    let ours_newer = counted && covers(&o.review_versions, &t.review_versions);
    let theirs_newer = counted && covers(&t.review_versions, &o.review_versions);
    let (outcome, grade, versions) = match &o.reviewer_grade {
        None => (Outcome::Taken, Some(theirs), Some(joined)),
        Some(ours) if ours == theirs => {
            let changed = joined != o.review_versions;
            (Outcome::Unchanged, None, changed.then_some(joined))
        }
        Some(_) if ours_newer => (Outcome::Kept, None, None),
        Some(_) if theirs_newer => (
            Outcome::Taken,
            Some(theirs),
            Some(t.review_versions.clone()),
        ),
        Some(ours) => match choice {
            None => (
                Outcome::Conflict(ConflictKind::ReviewerGrade {
                    ours: ours.grade,
                    theirs: theirs.grade,
                }),
                None,
                None,
            ),
            // The choice is a change of its own, newer than both.
            Some(chosen) => (
                Outcome::Resolved(chosen),
                (chosen == Choice::Theirs).then_some(theirs),
                Some(bumped(&joined, by)),
            ),
        },
    };
    if grade.is_some() || versions.is_some() {
        let c = case_at(merged, at)?;
        if let Some(g) = grade {
            c.reviewer_grade = Some(g.clone());
        }
        if let Some(v) = versions {
            c.review_versions = v;
        }
    }
    Some(outcome)
}

/// `versions` with one more change counted for `by`.
fn bumped(versions: &super::assessment::Versions, by: &str) -> super::assessment::Versions {
    let mut v = versions.clone();
    let n = v.entry(by.to_owned()).or_insert(0);
    *n = n.saturating_add(1);
    v
}

/// Whether two copies of a case hold the same audit: everything but the
/// reviewer's grade, the allocation and the counts of changes.
pub fn same_audit(a: &Case, b: &Case) -> bool {
    a.reference == b.reference
        && a.case_type == b.case_type
        && a.dates == b.dates
        && a.auditor == b.auditor
        && a.conditions == b.conditions
        && a.timeline == b.timeline
        && a.answers.len() == b.answers.len()
        && a.answers
            .iter()
            .zip(&b.answers)
            .all(|((i, x), (j, y))| i == j && same_answer(x, y))
        && a.force_grade == b.force_grade
        && a.refer_back == b.refer_back
        && a.completed == b.completed
}

/// Whether two answers say the same: the value, the note and the readings
/// the note stands against. When each was given is left out: the same answer
/// given on both sides, at different times, is the same work.
fn same_answer(a: &Answer, b: &Answer) -> bool {
    a.value == b.value && a.note == b.note && a.stands_against == b.stands_against
}

/// Takes the audit of `from` into `into`, keeping `into`'s reviewer grade
/// and allocation, which are the lead's.
fn take_audit(into: &mut Case, from: &Case) {
    into.reference = from.reference.clone();
    into.case_type = from.case_type.clone();
    into.dates = from.dates;
    into.auditor = from.auditor.clone();
    into.conditions = from.conditions.clone();
    into.timeline = from.timeline.clone();
    into.answers = from.answers.clone();
    into.force_grade = from.force_grade.clone();
    into.refer_back = from.refer_back.clone();
    into.completed = from.completed;
}

/// The answers of two copies of a case, criterion by criterion, where they
/// differ: (criterion, ours, theirs), for showing a conflict side by side.
pub fn differences<'a>(
    ours: &'a Case,
    theirs: &'a Case,
) -> Vec<(&'a str, Option<&'a Answer>, Option<&'a Answer>)> {
    let mut ids: Vec<&str> = ours.answers.keys().map(String::as_str).collect();
    for k in theirs.answers.keys() {
        if !ids.contains(&k.as_str()) {
            ids.push(k);
        }
    }
    ids.sort_unstable();
    ids.into_iter()
        .filter_map(|id| {
            let (o, t) = (ours.answers.get(id), theirs.answers.get(id));
            let same = match (o, t) {
                (Some(a), Some(b)) => same_answer(a, b),
                (None, None) => true,
                _ => false,
            };
            (!same).then_some((id, o, t))
        })
        .collect()
}

/// One side of an answer two copies of a case give differently, as the
/// bring-back page shows it: the value and the note and, where the other
/// side's note was written against other readings of the timeline, the
/// readings this one's was written against. Without them two sides that
/// differ only there would read the same.
pub fn answer_side(fw: &Framework, this: Option<&Answer>, other: Option<&Answer>) -> String {
    use super::grade::AnswerValue;
    let Some(a) = this else {
        return AnswerValue::Unanswered.label().to_owned();
    };
    let mut text = if a.note.trim().is_empty() {
        a.value.label().to_owned()
    } else {
        format!("{}: {}", a.value.label(), a.note)
    };
    if other.is_some_and(|o| o.stands_against != a.stands_against) {
        let readings: Vec<String> = a
            .stands_against
            .iter()
            .map(|s| super::timeline::signature_in_words(fw, s))
            .collect();
        if readings.is_empty() {
            text.push_str(" (the note was written against no reading over its limit)");
        } else {
            text.push_str(&format!(
                " (the note was written against {})",
                readings.join("; ")
            ));
        }
    }
    text
}

/// One of several files brought back in turn.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The assessment this file was brought into: the lead's, with the
    /// earlier files' work.
    pub before: Assessment,
    pub merge: Merge,
}

/// Several files (by name) brought back one after another, the same choices
/// for all: each file's step. Refused, naming the file, when a file cannot
/// be brought back.
pub fn bring_back_all(
    fw: &Framework,
    ours: &Assessment,
    files: &[(&str, &Assessment)],
    choices: &BTreeMap<String, Choice>,
) -> Result<Vec<Step>, (String, Refusal)> {
    let batch: Vec<&Assessment> = files.iter().map(|&(_, a)| a).collect();
    let mut before = ours.clone();
    let mut steps = Vec::new();
    for &(name, theirs) in files {
        let merge = bring_back_in(fw, &before, theirs, choices, &batch)
            .map_err(|e| (name.to_owned(), e))?;
        let next = merge.merged.clone();
        steps.push(Step { before, merge });
        before = next;
    }
    Ok(steps)
}

/// [`bring_back_all`] with each of `cases` set to `choice`, over the
/// `choices` made: what that choice would do. A case's outcome depends on
/// its own choice only, so one run answers for every case at once.
pub fn bring_back_choosing<'a>(
    fw: &Framework,
    ours: &Assessment,
    files: &[(&str, &Assessment)],
    choices: &BTreeMap<String, Choice>,
    cases: impl IntoIterator<Item = &'a String>,
    choice: Choice,
) -> Result<Vec<Step>, (String, Refusal)> {
    let mut all = choices.clone();
    all.extend(cases.into_iter().map(|case| (case.clone(), choice)));
    bring_back_all(fw, ours, files, &all)
}

/// Whether `step` brought its file's work on `part` of `case` in: took it,
/// added the case, or restored it (a case added or restored comes whole,
/// its reviewer's grade too).
fn brought(step: &Step, case: &str, part: Part) -> bool {
    step.merge.cases.iter().any(|r| {
        let taken = matches!(
            r.outcome,
            Outcome::Taken | Outcome::Added | Outcome::Resolved(Choice::Theirs)
        );
        r.case == case
            && taken
            && (r.part == part
                || part == Part::Review
                    && step.before.case(case).is_none()
                    && step
                        .merge
                        .merged
                        .case(case)
                        .is_some_and(|c| c.reviewer_grade.is_some()))
    })
}

/// The earlier step (by index) whose file's work the copy `c` of step `at`
/// is set against, if it is not the lead's: a page showing the conflict
/// names that file, so that "this assessment's copy" is not said of another
/// file's work.
pub fn set_against(steps: &[Step], at: usize, c: &CaseResult) -> Option<usize> {
    steps
        .get(..at)?
        .iter()
        .rposition(|s| brought(s, &c.case, c.part))
}

/// Whether "both" resolves every conflict over `case`, judged from
/// `steps_under_both`: the files brought back with "both" chosen for it.
/// Judged under that choice, not the one made so far: keeping both copies
/// of an audit counts as a change of the lead's, so a later file's copy of
/// the case (a reviewer's grade taken, with no choice made) can turn into a
/// conflict "both" does not resolve (see [`Choice`]). A page offers "keep
/// both" only when this holds.
pub fn both_applies(steps_under_both: &[Step], case: &str) -> bool {
    let results = || {
        steps_under_both
            .iter()
            .flat_map(|s| s.merge.cases.iter().filter(|c| c.case == case))
    };
    results().any(|c| c.outcome == Outcome::Resolved(Choice::Both))
        && !results().any(|c| matches!(c.outcome, Outcome::Conflict(_)))
}

/// [`bring_back_all`] for a caller that cannot show each file's copy beside
/// the copy it is set against (the command-line tool; the app's bring-back
/// page shows every file's copy of a case in conflict, and says that where
/// they differ the last one's stands). Also refused when a file conflicts
/// over a part of a case that an earlier file of the same run brought in or
/// was in conflict over too, whatever was chosen: a blind choice would then
/// be between two files' work ("the lead's" copy being the earlier file's),
/// and whichever came last would win; and a choice for the first file counts
/// as a change of the lead's, which can turn the second file's copy, taken
/// when nothing was chosen, into a conflict the same choice then settles
/// unseen. Asked for no choice, two conflicts are refused at once, not
/// listed for a choice the next run would refuse.
pub fn bring_back_each(
    fw: &Framework,
    ours: &Assessment,
    files: &[(&str, &Assessment)],
    choices: &BTreeMap<String, Choice>,
) -> Result<Vec<Step>, (String, Refusal)> {
    let steps = bring_back_all(fw, ours, files, choices)?;
    in_two_files(files, &steps)?;
    // A conflict is listed for a choice only if no choice it lists would be
    // refused: were any, the run is refused now.
    let waiting: Vec<String> = steps
        .iter()
        .flat_map(|s| s.merge.waiting().map(|c| c.case.clone()))
        .collect();
    if !waiting.is_empty() {
        for choice in [Choice::Ours, Choice::Theirs, Choice::Both] {
            in_two_files(
                files,
                &bring_back_choosing(fw, ours, files, choices, &waiting, choice)?,
            )?;
        }
    }
    Ok(steps)
}

/// The refusal of [`bring_back_each`]: a file in conflict over a part of a
/// case an earlier file brought in or was in conflict over, unless its copy
/// of that part holds every change of the earlier file's (the same file
/// given twice, or a later export of the same work): then whichever is
/// chosen, no work of one file is set against the other's.
fn in_two_files(files: &[(&str, &Assessment)], steps: &[Step]) -> Result<(), (String, Refusal)> {
    let holds = |later: usize, earlier: usize, c: &CaseResult| {
        let copy = |i: usize| files.get(i).and_then(|f| f.1.case(&c.case));
        match (copy(later), copy(earlier)) {
            // A file from before the counts says nothing of what it holds.
            (Some(l), Some(e)) if c.part == Part::Audit => {
                !e.versions.is_empty() && covers(&l.versions, &e.versions)
            }
            (Some(l), Some(e)) => {
                !e.review_versions.is_empty() && covers(&l.review_versions, &e.review_versions)
            }
            _ => false,
        }
    };
    for (at, step) in steps.iter().enumerate() {
        for c in step.merge.cases.iter().filter(|c| c.is_conflict()) {
            let contested = |s: &Step| {
                s.merge
                    .cases
                    .iter()
                    .any(|w| w.case == c.case && w.part == c.part && w.is_conflict())
            };
            let first = set_against(steps, at, c)
                .or_else(|| steps.get(..at)?.iter().position(contested))
                .filter(|&i| !holds(at, i, c));
            if let Some(&(first, _)) = first.and_then(|i| files.get(i)) {
                return Err((
                    files.get(at).map_or_else(String::new, |f| f.0.to_owned()),
                    Refusal::ChangedInTwoFiles {
                        case: format!("{} ({})", c.label, c.case),
                        first: first.to_owned(),
                    },
                ));
            }
        }
    }
    Ok(())
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
