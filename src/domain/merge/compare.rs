//! Whether two copies of a case hold the same audit, and how they differ,
//! as the page sets a conflict's two sides beside each other.

use crate::domain::assessment::{Answer, Case};
use crate::domain::framework::Framework;

/// Whether two copies of a case hold the same audit: everything but the
/// reviewer's grade, the allocation and the counts of changes.
pub fn same_audit(a: &Case, b: &Case) -> bool {
    a.reference == b.reference
        && a.case_type == b.case_type
        && a.dates == b.dates
        && a.auditor == b.auditor
        && a.conditions == b.conditions
        && a.conditions_unanswered == b.conditions_unanswered
        && a.timeline == b.timeline
        && a.answers.len() == b.answers.len()
        && a.answers
            .iter()
            .zip(&b.answers)
            .all(|((i, x), (j, y))| i == j && same_answer(x, y))
        && crate::domain::assessment::GradeDecision::same(
            a.force_grade.as_ref(),
            b.force_grade.as_ref(),
        )
        && a.refer_back == b.refer_back
        && a.completed == b.completed
}

/// Whether two answers say the same: the value, the note and the readings
/// the note stands against. When each was given is left out: the same answer
/// given on both sides, at different times, is the same work.
fn same_answer(a: &Answer, b: &Answer) -> bool {
    a.value == b.value && a.note == b.note && a.stands_against == b.stands_against
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
    use crate::domain::grade::AnswerValue;
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
            .map(|s| crate::domain::timeline::signature_in_words(fw, s))
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
