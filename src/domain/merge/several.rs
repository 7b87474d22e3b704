//! Several files brought back one after another: each file's step, the
//! earlier file a conflict is set against, and the refusal of a case two
//! files both changed.

use std::collections::BTreeMap;

use super::{bring_back_in, CaseResult, Choice, Merge, Outcome, Part, Refusal};
use crate::domain::assessment::Assessment;
use crate::domain::framework::Framework;
use crate::domain::team::covers;

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

/// How many cases bringing the files of `steps` back changed: work taken,
/// a case added or restored, a copy kept beside the lead's, a reviewer's
/// grade taken, or a complete case reopened; each case once, however many
/// files changed it; and, in a pack taking the lead's newer one, each case
/// taken out of it. Keeping this assessment's copy, or leaving a case
/// deleted, changes nothing (found in review: both counted, and a case once
/// per file).
pub fn cases_changed(steps: &[Step]) -> usize {
    let mut changed: Vec<&str> = Vec::new();
    for s in steps {
        let cases = s.merge.cases.iter().filter(|c| {
            matches!(
                c.outcome,
                Outcome::Added
                    | Outcome::Taken
                    | Outcome::Resolved(Choice::Theirs)
                    | Outcome::Resolved(Choice::Both)
            )
        });
        for id in cases
            .map(|c| c.case.as_str())
            .chain(s.merge.reopened.iter().map(String::as_str))
        {
            if !changed.contains(&id) {
                changed.push(id);
            }
        }
    }
    changed.len() + steps.iter().map(|s| s.merge.withdrawn.len()).sum::<usize>()
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
