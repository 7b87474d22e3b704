use yew::prelude::*;
use yew_router::prelude::*;

use super::case::{
    case_caption, case_gate, name_warning, summary_row, CaseProps, NameWarningProps,
    SummaryRowProps,
};
use super::frame::gate;
use super::timeline::{timeline_summary, TimelineSummaryProps};
use crate::app::components::{date_time, ErrorTitle, Page, SavedStatus};
use crate::app::hooks::use_open;
use crate::app::state::{use_store, Action, Flash};
use crate::app::Route;
use crate::domain::edit::Edit;
use crate::domain::forms::count;
use crate::domain::grade::{completeness_now, grade_is_stale, note_needed, AnswerValue};
use crate::domain::timeline::{challenges, events_for};

/// Check your answers: everything about the case on one page, what is still
/// missing, and the button that marks it complete.
#[hook]
pub fn use_check_page(p: &CaseProps) -> Html {
    let store = use_store();
    let navigator = use_navigator();
    // How many times "mark complete" was pressed: each press with problems
    // moves focus to the list of them.
    let tried = use_state(|| 0u32);
    let problems_ref = use_node_ref();
    {
        let problems_ref = problems_ref.clone();
        use_effect_with(*tried, move |tried| {
            if *tried > 0 {
                if let Some(el) = problems_ref.cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }
    let (open, case) = match case_gate(gate(use_open(&p.id)), &p.case) {
        Ok(x) => x,
        Err(page) => return page,
    };
    let fw = open.framework.clone();
    let id = open.assessment.id.clone();
    let done = completeness_now(&fw, &open.assessment.service_standards, &case);
    let contradicted = challenges(&fw, &open.assessment.service_standards, &case);
    let stale = grade_is_stale(&fw, &case);
    let stage_of = |criterion: &str| {
        fw.criterion(criterion)
            .map(|c| c.stage.clone())
            .unwrap_or_default()
    };
    let to_stage = |criterion: &str| Route::Stage {
        id: id.clone(),
        case: case.id.clone(),
        stage: stage_of(criterion),
    };
    // Each problem, the page that mends it, and the field there (focused on
    // arriving: the first choice of a question, or the box to type in).
    let mut problems: Vec<(String, Route, String)> = Vec::new();
    if done.missing_reference {
        problems.push((
            "Enter the case reference".into(),
            Route::CaseDetails {
                id: id.clone(),
                case: case.id.clone(),
            },
            "reference".into(),
        ));
    }
    for k in fw
        .conditions
        .iter()
        .filter(|k| done.open_questions.contains(&k.id))
    {
        problems.push((
            format!("Answer on the case's details: {}", k.question),
            Route::CaseDetails {
                id: id.clone(),
                case: case.id.clone(),
            },
            format!("condition-{}", k.id),
        ));
    }
    for c in &done.unanswered {
        problems.push((format!("Answer criterion {c}"), to_stage(c), c.clone()));
    }
    for c in &done.missing_notes {
        problems.push((
            format!("Add the evidence for criterion {c}"),
            to_stage(c),
            format!("{c}-note"),
        ));
    }
    for c in &done.missing_key_notes {
        let what = note_needed(case.answer_value(c), true, false).unwrap_or("add a note");
        problems.push((
            format!(
                "Key criterion {c} is answered {}: {what}",
                case.answer_value(c).label().to_ascii_lowercase()
            ),
            to_stage(c),
            format!("{c}-note"),
        ));
    }
    for c in &done.unexplained_challenges {
        if !done.missing_key_notes.contains(c) {
            let noted = case.answer(c).is_some_and(|a| !a.note.trim().is_empty());
            problems.push((
                if noted {
                    format!("The timeline contradicts the answer to {c}, and its note was written before these times or this limit: change the answer, or say in the note why it stands against them")
                } else {
                    format!("The timeline contradicts the answer to {c}: change it, or say in its note why it stands")
                },
                to_stage(c),
                format!("{c}-note"),
            ));
        }
    }
    if done.missing_grade || done.missing_override_reason {
        let text = if stale {
            "Confirm the grade again: the answers have changed since it was given"
        } else if done.missing_override_reason {
            "Give the reason the grade differs from the suggestion"
        } else {
            "Confirm the force's grade"
        };
        problems.push((
            text.into(),
            Route::Grade {
                id: id.clone(),
                case: case.id.clone(),
            },
            if done.missing_override_reason && !stale {
                "grade-reason"
            } else {
                "grade"
            }
            .into(),
        ));
    }
    if done.incomplete_refer_back {
        let reason = case
            .refer_back
            .as_ref()
            .is_none_or(|r| r.reason.trim().is_empty());
        problems.push((
            "Give the refer-back a reason and an owner".into(),
            Route::ReferBack {
                id: id.clone(),
                case: case.id.clone(),
            },
            if reason {
                "refer-reason"
            } else {
                "refer-owner"
            }
            .into(),
        ));
    }
    let links = html! {
        { for problems.iter().map(|(text, to, field)| html! { <li>{problem_link(text, to, field)}</li> }) }
    };

    let onclick = {
        let case_id = case.id.clone();
        let id = id.clone();
        let tried = tried.clone();
        let complete = problems.is_empty();
        Callback::from(move |_: MouseEvent| {
            tried.set(*tried + 1);
            if complete {
                store.dispatch(Action::EditThen(
                    Edit::MarkComplete {
                        case: case_id.clone(),
                    },
                    Flash::success("Case complete"),
                ));
                if let Some(nav) = &navigator {
                    nav.push(&Route::Assessment { id: id.clone() });
                }
            }
        })
    };
    let summary = if problems.is_empty() {
        html! {}
    } else if *tried > 0 {
        html! {
            <div class="error-summary" role="alert" tabindex="-1" aria-labelledby="check-problems" ref={problems_ref.clone()}>
                <ErrorTitle />
                <h2 class="error-summary__title" id="check-problems">{"The case cannot be completed yet"}</h2>
                <ul class="error-summary__list">
                    { links }
                </ul>
            </div>
        }
    } else {
        html! {
            <div class="panel">
                <h2 class="panel__title">{format!("{} to do before the case is complete", count(problems.len(), "thing"))}</h2>
                <ul class="list">
                    { links }
                </ul>
            </div>
        }
    };

    let grade_text = case
        .force_grade
        .as_ref()
        .map_or_else(|| "Not confirmed".to_owned(), |d| d.describe());
    html! {
        <Page title="Check your answers" caption={case_caption(&open, &case)}
            back={Route::Case { id: id.clone(), case: case.id.clone() }}>
            <SavedStatus />
            {summary}
            { name_warning(&yew::props!(NameWarningProps {
                reference: AttrValue::from(case.reference.clone()),
            })) }
            <h2 class="heading-m">{"Case details"}</h2>
            <dl class="summary-list">
                { summary_row(&yew::props!(SummaryRowProps {
                    key_text: "Reference",
                    value: case.reference.clone(),
                    change: Some(Route::CaseDetails { id: id.clone(), case: case.id.clone() }),
                    what: "the case details",
                })) }
                { summary_row(&yew::props!(SummaryRowProps {
                    key_text: "Case type",
                    value: fw.case_type(&case.case_type).map(|t| t.name.clone()).unwrap_or_default(),
                })) }
                { summary_row(&yew::props!(SummaryRowProps {
                    key_text: "Reported",
                    value: case.dates.reported.map(|d| d.long()).unwrap_or_else(|| "Not given".into()),
                })) }
                { summary_row(&yew::props!(SummaryRowProps {
                    key_text: "Audited",
                    value: case.dates.audited.map(|d| d.long()).unwrap_or_else(|| "Not given".into()),
                })) }
                { summary_row(&yew::props!(SummaryRowProps {
                    key_text: "Auditor",
                    value: if case.auditor.is_empty() { "Not given".to_owned() } else { case.auditor.clone() },
                })) }
            </dl>
            { for fw.stages.iter().filter_map(|s| {
                let criteria: Vec<_> = case.criteria(&fw).filter(|c| c.stage == s.id).collect();
                if criteria.is_empty() {
                    return None;
                }
                Some(html! {
                    <section key={s.id.clone()} aria-labelledby={format!("check-{}", s.id)}>
                        <h2 class="heading-m" id={format!("check-{}", s.id)}>{&s.name}</h2>
                        <dl class="summary-list">
                            { for criteria.iter().map(|c| {
                                let answer = case.answer(&c.id);
                                let value = answer.map(|a| a.value).unwrap_or_default();
                                let note = answer.map(|a| a.note.clone()).unwrap_or_default();
                                let mut text = if note.trim().is_empty() {
                                    value.label().to_owned()
                                } else {
                                    format!("{}: {note}", value.label())
                                };
                                for ch in contradicted.iter().filter(|x| x.criterion == c.id) {
                                    text.push_str(&format!(" (Challenged: {})", ch.describe()));
                                }
                                if c.is_key_for(&case.case_type) {
                                    text.push_str(" (Key criterion.)");
                                }
                                if let Some(t) = answer.and_then(|a| a.changed_at) {
                                    text.push_str(&format!(" (Last changed {}.)", date_time(t)));
                                }
                                html! {
                                    <key={c.id.clone()}>{ summary_row(&yew::props!(SummaryRowProps {
                                        key_text: format!("{} {}", c.id, c.text),
                                        value: if value == AnswerValue::Unanswered { "Not answered".to_owned() } else { text },
                                        change: Some(Route::Stage { id: id.clone(), case: case.id.clone(), stage: s.id.clone() }),
                                        what: AttrValue::from(format!("the answer to {}", c.id)),
                                    })) }</>
                                }
                            }) }
                        </dl>
                    </section>
                })
            }) }
            if !events_for(&fw, &case).is_empty() {
                <h2 class="heading-m">{"Timeline"}</h2>
                <dl class="summary-list">
                    { for events_for(&fw, &case).into_iter().map(|e| html! {
                        <key={e.id.clone()}>{ summary_row(&yew::props!(SummaryRowProps {
                            key_text: e.name.clone(),
                            value: case.time_of(&e.id).map_or_else(|| "Not recorded".to_owned(), |t| t.long()),
                            change: Some(Route::Timeline { id: id.clone(), case: case.id.clone() }),
                            what: AttrValue::from(format!("the time: {}", e.name.to_ascii_lowercase())),
                        })) }</>
                    }) }
                </dl>
                { timeline_summary(&yew::props!(TimelineSummaryProps {
                    open: open.clone(),
                    case: case.id.clone(),
                })) }
            }
            <h2 class="heading-m">{"Grade and refer-back"}</h2>
            <dl class="summary-list">
                { summary_row(&yew::props!(SummaryRowProps {
                    key_text: "Force grade",
                    value: grade_text,
                    change: Some(Route::Grade { id: id.clone(), case: case.id.clone() }),
                    what: "the grade",
                })) }
                { summary_row(&yew::props!(SummaryRowProps {
                    key_text: "Refer-back",
                    value: case.refer_back.as_ref().map_or_else(|| "Not referred back".to_owned(), |r| r.describe()),
                    change: Some(Route::ReferBack { id: id.clone(), case: case.id.clone() }),
                    what: "the refer-back",
                })) }
            </dl>
            if case.completed {
                <p><strong>{"This case is complete."}</strong>{" Changing an answer reopens it."}</p>
            } else {
                <button type="button" class="button" {onclick}>{"Mark the case complete"}</button>
            }
        </Page>
    }
}

/// A link to the page that mends a problem, arriving at its field (when it
/// opens in this tab: not with a key held to open it in another).
fn problem_link(text: &str, to: &Route, field: &str) -> Html {
    let onclick = {
        let (to, field) = (to.clone(), field.to_owned());
        Callback::from(move |e: MouseEvent| {
            if !(e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key()) && e.button() == 0 {
                crate::app::focus::arrive_at(&to, &field);
            }
        })
    };
    html! { <a href={format!("#{}", to.to_path())} {onclick}>{text}</a> }
}
