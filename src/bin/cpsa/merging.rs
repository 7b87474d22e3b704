//! What `merge` says of each file brought back, and of each conflict that
//! waits for a choice.

use cpsa::domain::forms::count;
use cpsa::domain::merge::{CaseResult, ConflictKind, Merge, Outcome, Part};

use crate::text::shown;

/// "2 cases added, 1 taken, 0 kept, 3 unchanged; 4 reviewer grades taken;
/// 1 conflict".
pub(crate) fn merge_counts(m: &Merge) -> String {
    let n = |part: Part, f: &dyn Fn(&Outcome) -> bool| {
        m.cases
            .iter()
            .filter(|c| c.part == part && f(&c.outcome))
            .count()
    };
    let audit = |o: Outcome| n(Part::Audit, &|x| *x == o);
    let mut text = format!(
        "{} added, {} taken, {} kept, {} unchanged",
        count(audit(Outcome::Added), "case"),
        audit(Outcome::Taken),
        audit(Outcome::Kept),
        audit(Outcome::Unchanged)
    );
    let deleted = audit(Outcome::StillDeleted);
    if deleted > 0 {
        text.push_str(&format!(
            ", {deleted} deleted in the lead's copy with nothing newer in the file"
        ));
    }
    let grades = n(Part::Review, &|x| *x == Outcome::Taken);
    if m.cases.iter().any(|c| c.part == Part::Review) {
        text.push_str(&format!("; {} taken", count(grades, "reviewer grade")));
    }
    let unknown = n(Part::Review, &|x| *x == Outcome::Unknown);
    if unknown > 0 {
        text.push_str(&format!(
            "; {} for cases the lead's copy does not have, not taken",
            count(unknown, "reviewer grade")
        ));
    }
    let resolved = m.count(|x| matches!(x, Outcome::Resolved(_)));
    if resolved > 0 {
        text.push_str(&format!("; {resolved} chosen"));
    }
    let waiting = m.waiting().count();
    if waiting > 0 {
        text.push_str(&format!("; {} waiting", count(waiting, "conflict")));
    }
    if !m.reopened.is_empty() {
        text.push_str(&format!(
            "; {} reopened, the timeline over a limit the lead's service standards set with no note saying why: {}",
            count(m.reopened.len(), "complete case"),
            shown(&m.reopened_labels().join(", "))
        ));
    }
    for (cases, what) in [
        (
            &m.withdrawn,
            "taken out, the lead's newer pack not holding them",
        ),
        (
            &m.withdrawn_kept,
            "kept though the lead's newer pack does not hold them, as they hold the member's work",
        ),
        (
            &m.review_not_taken,
            "whose blind-review grade in this auditor's pack was not taken (a blind review comes in a reviewer's pack)",
        ),
    ] {
        if !cases.is_empty() {
            text.push_str(&format!(
                "; {} {what}: {}",
                count(cases.len(), "case"),
                shown(&cases.join(", "))
            ));
        }
    }
    text
}

/// A conflict and the choices that resolve it; `chosen` when the run
/// gave a choice for the case that does not resolve it ("both", for a
/// deleted case or a reviewer grade).
/// `into_pack`: the lead's newer pack taken into a member's, where
/// "both" does not apply (a pack adds no case).
pub(crate) fn waiting_line(c: &CaseResult, chosen: bool, into_pack: bool) -> String {
    let line = waiting_choices(c, into_pack);
    if chosen {
        format!("{line} (\"both\" does not apply to it)")
    } else {
        line
    }
}

pub(crate) fn waiting_choices(c: &CaseResult, into_pack: bool) -> String {
    // The label is the file's text: a line break in it would split the list.
    let (label, case) = (shown(&c.label), shown(&c.case));
    match c.outcome {
        Outcome::Conflict(ConflictKind::BothChanged) => format!(
            "case {label} ({case}): changed in both copies since they parted; --keep lead|theirs{} {case}",
            if into_pack { "" } else { "|both" }
        ),
        Outcome::Conflict(ConflictKind::DeletedHere) => format!(
            "case {label} ({case}): deleted in the lead's copy but changed in the file since; --keep lead {case} to leave it deleted, --keep theirs {case} to restore it"
        ),
        Outcome::Conflict(ConflictKind::ReviewerGrade { ours, theirs }) => format!(
            "case {label} ({case}): the reviewer grade is {ours} in the lead's copy and {theirs} in the file; --keep lead|theirs {case}"
        ),
        _ => format!("case {label} ({case})"),
    }
}
