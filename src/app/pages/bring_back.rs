//! Bringing the team's work back: what each file would add, take and keep,
//! and each case changed on both sides shown side by side, criterion by
//! criterion, until the lead chooses what to keep. Nothing changes until
//! the lead brings the work in.

use crate::app::components::{table, TableProps};
use std::collections::BTreeMap;
use std::rc::Rc;

use yew::prelude::*;

use crate::app::components::{radios, Choice as Option_, ErrorSummary, RadiosProps};
use crate::app::state::OpenAssessment;
use crate::app::SharedFramework;
use crate::domain::assessment::{Assessment, Case};
use crate::domain::format::{reopened_intro, Reopened};
use crate::domain::forms::{count, FieldError};
use crate::domain::framework::Framework;
use crate::domain::merge::{
    answer_side, both_applies, bring_back_all, bring_back_choosing, cases_changed, differences,
    set_against, CaseResult, Choice, ConflictKind, Merge, Outcome, Part, Step,
};

/// One file to bring back: its name and what it holds.
#[derive(Clone, PartialEq)]
pub struct File {
    pub name: String,
    pub assessment: Assessment,
    /// Cases the file holds complete that reading it reopened, as this
    /// version asks for more before a case is complete.
    pub reopened: Vec<Reopened>,
}

#[derive(Properties, PartialEq)]
pub struct BringBackProps {
    pub open: Rc<OpenAssessment>,
    pub files: Vec<File>,
    /// The assessment with the work brought in, and what to say.
    pub onfinish: Callback<(Assessment, String)>,
    pub oncancel: Callback<()>,
}

/// The files by name, as the merge takes them.
fn named(files: &[File]) -> Vec<(&str, &Assessment)> {
    files
        .iter()
        .map(|f| (f.name.as_str(), &f.assessment))
        .collect()
}

/// "1 case added, 2 taken, ...": what a file does.
fn summary(m: &Merge) -> String {
    let n = |part: Part, o: Outcome| {
        m.cases
            .iter()
            .filter(|c| c.part == part && c.outcome == o)
            .count()
    };
    let mut parts = Vec::new();
    for (o, word) in [
        (Outcome::Added, "added"),
        (Outcome::Taken, "taken, newer than this assessment's"),
        (Outcome::Kept, "kept, this assessment's being newer"),
        (Outcome::Unchanged, "the same already"),
        (
            Outcome::StillDeleted,
            "deleted here, with nothing newer in the file",
        ),
    ] {
        let k = n(Part::Audit, o);
        if k > 0 {
            parts.push(format!("{} {word}", count(k, "case")));
        }
    }
    let grades = n(Part::Review, Outcome::Taken);
    if grades > 0 {
        parts.push(format!("{} taken", count(grades, "reviewer grade")));
    }
    let kept = n(Part::Review, Outcome::Kept);
    if kept > 0 {
        parts.push(format!(
            "{} kept, this assessment's being newer",
            count(kept, "reviewer grade")
        ));
    }
    let unknown = n(Part::Review, Outcome::Unknown);
    if unknown > 0 {
        parts.push(format!(
            "{} for cases this assessment does not have, not taken",
            count(unknown, "reviewer grade")
        ));
    }
    let chosen = m.count(|o| matches!(o, Outcome::Resolved(_)));
    if chosen > 0 {
        parts.push(format!("{} as you chose", count(chosen, "conflict")));
    }
    let waiting = m.waiting().count();
    if waiting > 0 {
        parts.push(format!(
            "{} waiting for your choice",
            count(waiting, "conflict")
        ));
    }
    if !m.reopened.is_empty() {
        parts.push(format!(
            "{} reopened, every answer kept, as the timeline is over a limit this assessment's service standards now set, with no note saying why the answer stands: {}",
            count(m.reopened.len(), "case"),
            m.reopened_labels().join(", ")
        ));
    }
    // Taking the lead's newer pack: cases the lead gave someone else or
    // deleted since.
    if !m.withdrawn.is_empty() {
        parts.push(format!(
            "{} taken off your list, the lead having given them to someone else or deleted them: {}",
            count(m.withdrawn.len(), "case"),
            m.withdrawn.join(", ")
        ));
    }
    if !m.withdrawn_kept.is_empty() {
        parts.push(format!(
            "{} the lead has given to someone else or deleted, kept on your list as they hold your work: if you have not returned it, return your file; do no more on them: {}",
            count(m.withdrawn_kept.len(), "case"),
            m.withdrawn_kept.join(", ")
        ));
    }
    if !m.review_not_taken.is_empty() {
        parts.push(format!(
            "{} whose blind-review grade in this auditor's pack was not taken, as an auditor's pack returns the audit and a blind review comes in a reviewer's pack: {}",
            count(m.review_not_taken.len(), "case"),
            m.review_not_taken.join(", ")
        ));
    }
    if parts.is_empty() {
        "nothing in it to bring back".into()
    } else {
        parts.join("; ")
    }
}

#[component]
pub fn BringBack(p: &BringBackProps) -> Html {
    let choices = use_state(BTreeMap::<String, Choice>::new);
    let errors = use_state(Vec::<FieldError>::new);
    let attempts = use_state(|| 0u32);
    let ours = &p.open.assessment;
    let files = named(&p.files);
    let merges = bring_back_all(&p.open.framework, ours, &files, &choices);
    let conflicts = merges
        .as_ref()
        .map_or_else(|_| Vec::new(), |m| by_case(&p.files, m));
    // The files brought back with every case in conflict set to one choice,
    // to say what that choice does: "keep both" is offered only where it
    // resolves every conflict of the case, and "keep this assessment's
    // copy" names the files whose work it keeps. A case's outcome depends
    // only on its own choice, so this depends on which cases are in
    // conflict and not on the choices made: worked out when they change,
    // or the assessment (another tab's save read in) or the files do, not
    // at each choice (a third of the work a choice took).
    let cases: Vec<String> = conflicts.iter().map(|(case, _)| case.clone()).collect();
    let inputs = (p.open.revision, p.open.stored, p.files.as_ptr() as usize);
    let under = use_memo((cases, inputs), |(cases, _)| {
        let under = |choice: Choice| {
            if cases.is_empty() {
                return Vec::new();
            }
            bring_back_choosing(
                &p.open.framework,
                ours,
                &files,
                &BTreeMap::new(),
                cases,
                choice,
            )
            .unwrap_or_default()
        };
        (under(Choice::Both), under(Choice::Ours))
    });
    let (under_both, under_lead) = (&under.0, &under.1);
    let merges = match merges {
        Ok(m) => m,
        Err((file, refusal)) => {
            let cancel = p.oncancel.reform(|_: MouseEvent| ());
            return html! {
                <>
                    <div class="error-summary" role="alert" tabindex="-1" aria-labelledby="bring-refused">
                        <h2 class="error-summary__title" id="bring-refused">{format!("{file} cannot be brought back")}</h2>
                        <p>{crate::domain::forms::capitalise(&refusal.to_string())}{"."}</p>
                        <p>{"Nothing has been changed."}</p>
                    </div>
                    <button type="button" class="link-button" onclick={cancel}>{"Choose other files"}</button>
                </>
            };
        }
    };
    let onsubmit = {
        let (errors, attempts) = (errors.clone(), attempts.clone());
        let merges = merges.clone();
        let onfinish = p.onfinish.clone();
        let files = p.files.len();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let waiting: Vec<FieldError> = merges
                .iter()
                .flat_map(|s| s.merge.waiting())
                .map(|c| FieldError {
                    field: format!("keep-{}", c.case),
                    message: format!("Choose what to keep of case {}", c.label),
                })
                .collect();
            if !waiting.is_empty() {
                attempts.set(*attempts + 1);
                errors.set(waiting);
                return;
            }
            let Some(last) = merges.last() else {
                return;
            };
            let brought = cases_changed(&merges);
            onfinish.emit((
                last.merge.merged.clone(),
                format!(
                    "Work brought back from {}: {} changed",
                    count(files, "file"),
                    count(brought, "case")
                ),
            ));
        })
    };
    let cancel = p.oncancel.reform(|_: MouseEvent| ());
    html! {
        <>
            <ErrorSummary errors={(*errors).clone()} attempt={*attempts} />
            <h2 class="heading-m" id="bring-back">{"What bringing the work back does"}</h2>
            <ul class="list" id="bring-back-summary">
                { for p.files.iter().zip(&merges).map(|(f, s)| html! {
                    <li>
                        <strong>{format!("{}: ", f.name)}</strong>{summary(&s.merge)}
                        if !f.reopened.is_empty() {
                            <p>{reopened_intro(f.reopened.len())}</p>
                            <ul class="list list--bullet">
                                { for f.reopened.iter().map(|r| html! { <li>{r.describe()}</li> }) }
                            </ul>
                        }
                    </li>
                }) }
            </ul>
            <form {onsubmit} novalidate=true>
                { for conflicts.into_iter().map(|(case, conflicts)| html! {
                    <key={case.clone()}>{ conflict_view(&yew::props!(ConflictProps {
                        both: both_applies(under_both, &case),
                        kept_with: kept_with(&p.files, under_lead, &case),
                        conflicts,
                        framework: p.open.framework.clone(),
                        choices: choices.clone(),
                        error: errors.iter().find(|e| e.field == format!("keep-{case}")).map(|e| AttrValue::from(e.message.clone())),
                    })) }</>
                }) }
                <div class="button-group">
                    <button type="submit" class="button">{"Bring the work in"}</button>
                    <button type="button" class="link-button" onclick={cancel}>{"Cancel: change nothing"}</button>
                </div>
            </form>
        </>
    }
}

/// The earlier files whose work on `case` the copy each conflict over it
/// is set against holds, in `steps`: under "keep this assessment's copy",
/// what that choice keeps.
fn kept_with(files: &[File], steps: &[Step], case: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for (at, s) in steps.iter().enumerate() {
        for c in s
            .merge
            .cases
            .iter()
            .filter(|c| c.case == case && c.is_conflict())
        {
            if let Some(f) = set_against(steps, at, c).and_then(|i| files.get(i)) {
                if !names.contains(&f.name) {
                    names.push(f.name.clone());
                }
            }
        }
    }
    names
}

/// One conflict of a case: in which file, what it is, and the two copies.
#[derive(Clone, PartialEq)]
struct Conflict {
    result: CaseResult,
    ours: Option<Case>,
    theirs: Option<Case>,
    file: String,
    /// The earlier file whose work `ours` is, if it is not this assessment's.
    earlier: Option<String>,
}

/// The conflicts of every file, by case in the order they first come: the
/// lead's choice for a case holds for each file and for its audit and its
/// reviewer grade alike, so each case is asked about once.
fn by_case(files: &[File], steps: &[Step]) -> Vec<(String, Vec<Conflict>)> {
    let mut out: Vec<(String, Vec<Conflict>)> = Vec::new();
    for (at, (f, s)) in files.iter().zip(steps).enumerate() {
        for c in s.merge.cases.iter().filter(|c| c.is_conflict()) {
            let conflict = Conflict {
                result: c.clone(),
                ours: s.before.case(&c.case).cloned(),
                theirs: f.assessment.case(&c.case).cloned(),
                file: f.name.clone(),
                earlier: set_against(steps, at, c)
                    .and_then(|i| files.get(i))
                    .map(|e| e.name.clone()),
            };
            match out.iter_mut().find(|(case, _)| *case == c.case) {
                Some((_, list)) => list.push(conflict),
                None => out.push((c.case.clone(), vec![conflict])),
            }
        }
    }
    out
}

#[derive(Properties, PartialEq)]
struct ConflictProps {
    /// One case's conflicts, at least one.
    conflicts: Vec<Conflict>,
    /// Whether "keep both" resolves every one (`merge::both_applies`).
    both: bool,
    /// The earlier files whose work "keep this assessment's copy" keeps.
    kept_with: Vec<String>,
    framework: SharedFramework,
    choices: UseStateHandle<BTreeMap<String, Choice>>,
    error: Option<AttrValue>,
}

/// One case changed on both sides: the two copies side by side, and the
/// lead's choice.
fn conflict_view(p: &ConflictProps) -> Html {
    let Some(first) = p.conflicts.first() else {
        return html! {};
    };
    let c = &first.result;
    let onchange = {
        let (choices, id) = (p.choices.clone(), c.case.clone());
        Callback::from(move |v: String| {
            if let Ok(choice) = v.parse::<Choice>() {
                let mut next = (*choices).clone();
                next.insert(id.clone(), choice);
                choices.set(next);
            }
        })
    };
    let selected = p.choices.get(&c.case).map(|ch| {
        AttrValue::from(match ch {
            Choice::Ours => "lead",
            Choice::Theirs => "theirs",
            Choice::Both => "both",
        })
    });
    let ours = if p.kept_with.is_empty() {
        "Keep this assessment's copy".to_owned()
    } else {
        format!(
            "Keep this assessment's copy, with the work {} brought",
            p.kept_with.join(" and ")
        )
    };
    let mut options = match c.conflict {
        _ if p.conflicts.len() > 1 => vec![
            Option_::new("lead", ours),
            Option_::new("theirs", "Take the files' copies").hint(
                "In the order the files are listed: where they differ, the last one's stands.",
            ),
        ],
        Some(ConflictKind::DeletedHere) => vec![
            Option_::new("lead", "Leave it deleted"),
            Option_::new("theirs", "Restore it, with the file's work"),
        ],
        Some(ConflictKind::ReviewerGrade { ours, theirs }) => vec![
            Option_::new("lead", format!("Keep {ours}")),
            Option_::new("theirs", format!("Take {theirs}")),
        ],
        _ => vec![
            Option_::new("lead", ours),
            Option_::new("theirs", "Take the file's copy"),
        ],
    };
    if p.both {
        options.push(
            Option_::new("both", "Keep both, as two cases")
                .hint("The file's copy is added as a case of its own, to reconcile by hand."),
        );
    }
    let heading_id = format!("conflict-{}", c.case);
    html! {
        <section class="conflict" aria-labelledby={heading_id.clone()}>
            <h3 class="heading-s" id={heading_id}>{format!("Case {}", c.label)}</h3>
            { for p.conflicts.iter().map(|x| conflict_detail(&p.framework, x)) }
            { radios(&yew::props!(RadiosProps {
                name: format!("keep-{}", c.case),
                legend: html! { {format!("What to keep of case {}", c.label)} },
                choices: options,
                selected,
                onchange,
                error: p.error.clone(),
            })) }
        </section>
    }
}

/// What one conflict is, and where the copies differ.
fn conflict_detail(fw: &Framework, x: &Conflict) -> Html {
    let c = &x.result;
    let what = match c.conflict {
        Some(ConflictKind::DeletedHere) => format!(
            "You deleted this case, and {} holds work done on it since.",
            x.file
        ),
        Some(ConflictKind::ReviewerGrade { ours, theirs }) => match &x.earlier {
            Some(e) => format!(
                "{e} gives the reviewer grade {ours}; {} gives {theirs}.",
                x.file
            ),
            None => format!(
                "This assessment has the reviewer grade {ours}; {} gives {theirs}.",
                x.file
            ),
        },
        _ => match &x.earlier {
            Some(e) => format!("Changed in {e} and in {} since the pack was made.", x.file),
            None => format!("Changed here and in {} since the pack was made.", x.file),
        },
    };
    let ours_name = x
        .earlier
        .as_ref()
        .map_or_else(|| "this assessment".to_owned(), |e| e.clone());
    let rows = match (&x.ours, &x.theirs) {
        (Some(o), Some(t)) if c.part == Part::Audit => side_by_side(fw, o, t),
        _ => Vec::new(),
    };
    html! {
        <>
            <p>{what}</p>
            if !rows.is_empty() {
                { table(&yew::props!(TableProps {
                    caption: format!("Case {}: the copy in {ours_name} and that in {}, where they differ", c.label, x.file),
                    hidden_caption: true,
                    children: html! { <><thead><tr>
                        <th scope="col">{"What differs"}</th>
                        <th scope="col">{format!("In {ours_name}")}</th>
                        <th scope="col">{format!("In {}", x.file)}</th>
                    </tr></thead>
                    <tbody>
                        { for rows.into_iter().map(|(what, ours, theirs)| html! {
                            <tr><th scope="row">{what}</th><td class="summary-list__value">{ours}</td><td class="summary-list__value">{theirs}</td></tr>
                        }) }
                    </tbody></> },
                })) }
            }
        </>
    }
}

/// The differences between two copies of a case, in words: its details,
/// then criterion by criterion, then the grade.
fn side_by_side(fw: &Framework, o: &Case, t: &Case) -> Vec<(String, String, String)> {
    let mut rows = Vec::new();
    let mut field = |what: &str, a: String, b: String| {
        if a != b {
            rows.push((what.to_owned(), a, b));
        }
    };
    field("Reference", o.reference.clone(), t.reference.clone());
    let case_type = |c: &Case| {
        fw.case_type(&c.case_type)
            .map_or_else(|| c.case_type.clone(), |t| t.name.clone())
    };
    field("Case type", case_type(o), case_type(t));
    let date = |d: Option<crate::domain::date::Date>| {
        d.map_or_else(|| "Not given".to_owned(), |d| d.long())
    };
    field("Reported", date(o.dates.reported), date(t.dates.reported));
    field("Audited", date(o.dates.audited), date(t.dates.audited));
    field("Auditor", o.auditor.clone(), t.auditor.clone());
    let conditions = |c: &Case| {
        let held: Vec<String> = c
            .conditions
            .iter()
            .map(|k| {
                let q = fw
                    .condition(k)
                    .map_or_else(|| k.clone(), |k| k.question.clone());
                if c.conditions_unanswered.contains(k) {
                    format!("{q} (not answered)")
                } else {
                    q
                }
            })
            .collect();
        if held.is_empty() {
            "None".to_owned()
        } else {
            held.join("; ")
        }
    };
    field(
        "Conditions whose criteria apply",
        conditions(o),
        conditions(t),
    );
    let times = |c: &Case| {
        c.timeline
            .iter()
            .map(|e| {
                let name = fw
                    .timeline
                    .event(&e.event)
                    .map_or(e.event.as_str(), |v| v.name.as_str());
                format!("{name}: {}", e.at.long())
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    field("Timeline", times(o), times(t));
    let refer = |c: &Case| {
        c.refer_back
            .as_ref()
            .map_or_else(|| "None".to_owned(), |r| r.describe())
    };
    field("Refer-back", refer(o), refer(t));
    for (criterion, a, b) in differences(o, t) {
        rows.push((
            criterion.to_owned(),
            answer_side(fw, a, b),
            answer_side(fw, b, a),
        ));
    }
    let grade = |c: &Case| {
        c.force_grade
            .as_ref()
            .map_or_else(|| "Not confirmed".to_owned(), |d| d.describe())
    };
    rows.extend((grade(o) != grade(t)).then(|| ("Force grade".to_owned(), grade(o), grade(t))));
    let done = |c: &Case| {
        if c.completed {
            "Complete"
        } else {
            "Not complete"
        }
        .to_owned()
    };
    rows.extend((done(o) != done(t)).then(|| ("Complete".to_owned(), done(o), done(t))));
    rows
}
