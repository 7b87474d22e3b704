//! The audit as a team: the members the lead shares cases out to, the work
//! pack each takes away, and how far each has got. Work packs come back
//! through [`super::merge`].

use std::sync::Arc;

use serde::Serialize;

use super::assessment::{Assessment, Case, Member, Pack, Role, Versions};
use super::date::Timestamp;
use super::framework::Framework;
use super::progress::{CaseLine, CaseStatus};

/// Whose changes the lead's own copy counts: see [`writer`].
pub const LEAD: &str = "lead";

/// The key this copy of the assessment counts its changes under in a case's
/// [`Versions`]: the lead's, or the member's a work pack is for, then the
/// copy's own id (`lead@3f2a…`, `member-1@9c0d…`), so two devices never
/// count under one key. A copy without an id counts under the role alone.
pub fn writer(a: &Assessment) -> String {
    let who = a.pack.as_ref().map_or(LEAD, |p| p.member.as_str());
    if a.copy_id.is_empty() {
        who.to_owned()
    } else {
        format!("{who}@{}", a.copy_id)
    }
}

/// The member a work pack is for, if this copy is one and the member is
/// known.
pub fn pack_member(a: &Assessment) -> Option<&Member> {
    let p = a.pack.as_ref()?;
    a.team.iter().find(|m| m.id == p.member)
}

/// The role of the member a work pack is for: `None` for the lead's own
/// assessment (or a pack for someone the team does not know).
pub fn pack_role(a: &Assessment) -> Option<Role> {
    pack_member(a).map(|m| m.role)
}

/// Whom a work pack is for, by name (by id if the team does not know them).
pub fn pack_name(a: &Assessment) -> Option<&str> {
    let p = a.pack.as_ref()?;
    Some(pack_member(a).map_or(p.member.as_str(), |m| m.name.as_str()))
}

/// Whether one case's counts are all at least the other's.
pub fn covers(a: &Versions, b: &Versions) -> bool {
    b.iter().all(|(k, n)| a.get(k).is_some_and(|m| m >= n))
}

/// The larger of each count.
pub fn join(a: &Versions, b: &Versions) -> Versions {
    let mut out = a.clone();
    for (k, n) in b {
        let e = out.entry(k.clone()).or_insert(0);
        *e = (*e).max(*n);
    }
    out
}

/// The work pack for one member: the assessment's frame (framework, force,
/// period, sample plan, team, service standards) and the member's cases.
/// An auditor gets the cases allocated to them, whole; a reviewer gets every
/// case, carrying only what identifies it and the reviewer's own grade, so
/// the review stays blind.
pub fn pack_for(a: &Assessment, member: &Member, made_at: Option<Timestamp>) -> Assessment {
    let cases = a
        .cases
        .iter()
        .filter(|c| {
            member.role == Role::Reviewer || c.allocated_to.as_deref() == Some(member.id.as_str())
        })
        .map(|c| match member.role {
            Role::Auditor => {
                let mut c = Case::clone(c);
                if c.reviewer_grade.take().is_some() {
                    if let Some(d) = &mut c.force_grade {
                        d.seen_review();
                    }
                }
                Arc::new(c)
            }
            Role::Reviewer => {
                let mut out = Case::new(c.id.clone(), c.case_type.clone());
                out.reference = c.reference.clone();
                out.dates = c.dates;
                out.conditions = c.conditions.clone();
                out.conditions_unanswered = c.conditions_unanswered.clone();
                out.allocated_to = c.allocated_to.clone();
                out.reviewer_grade = c.reviewer_grade.clone();
                out.review_versions = c.review_versions.clone();
                Arc::new(out)
            }
        })
        .collect();
    Assessment {
        id: a.id.clone(),
        force: a.force.clone(),
        framework: a.framework.clone(),
        period: a.period,
        assessors: a.assessors.clone(),
        sample_plan: a.sample_plan.clone(),
        cases,
        topic_judgments: Vec::new(),
        actions: Vec::new(),
        action_plan: a.action_plan,
        baseline: None,
        service_standards: a.service_standards.clone(),
        provenance: None,
        team: a.team.clone(),
        pack: Some(Pack {
            member: member.id.clone(),
            made_at,
        }),
        // The member's device gives its copy an id when it opens the pack.
        copy_id: String::new(),
        deleted: Vec::new(),
        // The force-level half and the inspection's follow-up are the lead's.
        statements: std::collections::BTreeMap::new(),
        recommendations: Vec::new(),
        dip_records: Vec::new(),
    }
}

/// How far one member has got: an auditor with the cases allocated to
/// them, a reviewer with every case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberProgress {
    pub member: String,
    pub name: String,
    pub role: Role,
    pub allocated: u32,
    pub started: u32,
    pub completed: u32,
    /// Cases with a reviewer grade.
    pub graded: u32,
}

/// Each member's allocated, started and completed cases, in team order.
pub fn progress(fw: &Framework, a: &Assessment) -> Vec<MemberProgress> {
    progress_of_lines(a, &CaseLine::all(fw, a))
}

/// [`progress`] from the cases' lines; `a` gives the team.
pub fn progress_of_lines(a: &Assessment, lines: &[CaseLine]) -> Vec<MemberProgress> {
    a.team
        .iter()
        .map(|m| {
            let mine = lines.iter().filter(|c| {
                m.role == Role::Reviewer || c.allocated_to.as_deref() == Some(m.id.as_str())
            });
            let count = |f: &dyn Fn(&CaseLine) -> bool| {
                u32::try_from(mine.clone().filter(|c| f(c)).count()).unwrap_or(u32::MAX)
            };
            MemberProgress {
                member: m.id.clone(),
                name: m.name.clone(),
                role: m.role,
                allocated: count(&|_| true),
                // Begun by the auditor: a reference alone may be the lead's.
                started: count(&|c| c.audited),
                completed: count(&|c| c.status == CaseStatus::Completed),
                graded: count(&|c| c.reviewed),
            }
        })
        .collect()
}
