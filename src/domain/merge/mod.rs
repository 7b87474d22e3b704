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
use std::sync::Arc;

use super::assessment::{Assessment, Case, Deleted, Role};
use super::edit::reopen_if_challenged;
use super::framework::Framework;
use super::team::{covers, join, pack_member, pack_name, writer};

mod compare;
mod outcome;
mod several;

pub use compare::*;
pub use outcome::*;
pub use several::*;

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
            // Named as the pack's own team names them (found in review: the
            // lead read "member-2", an id they never see).
            None => {
                return Err(Refusal::UnknownMember {
                    member: pack_name(theirs).unwrap_or(&p.member).to_owned(),
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
    let mut review_not_taken = Vec::new();
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
        if kind == Kind::Audit {
            // Said only of the member's file: the lead's newer pack is the
            // lead's to make.
            if !update
                && t.reviewer_grade.is_some()
                && merged
                    .cases
                    .get(position)
                    .is_some_and(|c| c.reviewer_grade != t.reviewer_grade)
            {
                review_not_taken.push(t.label());
            }
        } else {
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
    // A case of the member's that the lead's newer pack no longer holds
    // (given to someone else, or deleted) is no longer theirs. With no work
    // of theirs on it, it leaves the pack, so they do not start on what
    // another auditor now has; with some, it stays (a pack holds only its
    // member's cases, so as theirs), to go back with their file, and the
    // page says so.
    let mut withdrawn = Vec::new();
    let mut withdrawn_kept = Vec::new();
    if let (true, Some(member)) = (update, ours.pack.as_ref().map(|p| p.member.as_str())) {
        // A reviewer's pack holds every case: one the newer pack lacks, the
        // lead deleted.
        let reviewer = pack_member(ours).is_some_and(|m| m.role == Role::Reviewer);
        let mut held: Vec<&str> = theirs.cases.iter().map(|c| c.id.as_str()).collect();
        held.sort_unstable();
        let mine = |k: &String| {
            k.strip_prefix(member)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('@'))
        };
        merged.cases.retain(|c| {
            let theirs_too = held.binary_search(&c.id.as_str()).is_ok();
            let own = match reviewer {
                true => c.review_versions.keys().any(mine),
                false => c.versions.keys().any(mine),
            };
            if theirs_too || !(reviewer || c.allocated_to.as_deref() == Some(member)) {
                true
            } else if own {
                withdrawn_kept.push(c.label());
                true
            } else {
                withdrawn.push(c.label());
                false
            }
        });
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
        withdrawn,
        withdrawn_kept,
        review_not_taken,
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

/// The reviewer's grade of a case both have. Its own counts of changes
/// decide, as for the audit: a grade the reviewer revised (or took back)
/// since is taken, one the lead changed (or chose) since is kept. A file
/// from before the counts (a reviewer's file with none) decides nothing by
/// them: a different grade there is always the lead's choice, and a case it
/// holds no grade for says nothing. `None` when there is nothing to say.
fn review(
    merged: &mut Assessment,
    at: usize,
    t: &Case,
    choice: Option<Choice>,
    by: &str,
) -> Option<Outcome> {
    // Decided on the shared copy, which is copied only if something of it
    // changes: a reviewer's file often holds many cases the same as here.
    let o = merged.cases.get(at)?;
    let joined = join(&o.review_versions, &t.review_versions);
    let counted = !t.review_versions.is_empty();
    let ours_newer = counted && covers(&o.review_versions, &t.review_versions);
    let theirs_newer = counted && covers(&t.review_versions, &o.review_versions);
    let (outcome, grade, versions) = match (&o.reviewer_grade, t.reviewer_grade.as_ref()) {
        (None, None) => return None,
        // Found in review (the twenty-second session): a grade taken back
        // ("Remove my grade") was never carried by a file, and a file
        // still holding it put it back. Taken back since: taken.
        (Some(_), None) if theirs_newer && !ours_newer => {
            (Outcome::Taken, Some(None), Some(t.review_versions.clone()))
        }
        (Some(_), None) => return None,
        // Taken back here since the file's grade: this assessment's stands.
        (None, Some(_)) if ours_newer && !o.review_versions.is_empty() => return None,
        (None, Some(theirs)) => (Outcome::Taken, Some(Some(theirs)), Some(joined)),
        (Some(ours), Some(theirs)) if ours == theirs => {
            let changed = joined != o.review_versions;
            (Outcome::Unchanged, None, changed.then_some(joined))
        }
        (Some(_), Some(_)) if ours_newer => (Outcome::Kept, None, None),
        (Some(_), Some(theirs)) if theirs_newer => (
            Outcome::Taken,
            Some(Some(theirs)),
            Some(t.review_versions.clone()),
        ),
        (Some(ours), Some(theirs)) => match choice {
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
                (chosen == Choice::Theirs).then_some(Some(theirs)),
                Some(bumped(&joined, by)),
            ),
        },
    };
    if grade.is_some() || versions.is_some() {
        let c = case_at(merged, at)?;
        if let Some(g) = grade {
            c.reviewer_grade = g.cloned();
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

/// Takes the audit of `from` into `into`, keeping `into`'s reviewer grade
/// and allocation, which are the lead's.
fn take_audit(into: &mut Case, from: &Case) {
    into.reference = from.reference.clone();
    into.case_type = from.case_type.clone();
    into.dates = from.dates;
    into.auditor = from.auditor.clone();
    into.conditions = from.conditions.clone();
    into.conditions_unanswered = from.conditions_unanswered.clone();
    into.timeline = from.timeline.clone();
    into.answers = from.answers.clone();
    into.force_grade = from.force_grade.clone();
    into.refer_back = from.refer_back.clone();
    into.completed = from.completed;
}
