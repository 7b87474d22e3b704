//! The case timeline: the times the case file records, the intervals the
//! tool works out from them against their limits, and the answers they
//! contradict; and the force's own service standards for the intervals the
//! reports give no figure for.

use crate::app::components::{table, TableProps};
use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use super::case::{case_caption, case_gate, CaseProps};
use super::frame::{assessment_frame, gate, FrameProps};
use super::tasks::IdProps;
use crate::app::components::{
    error_for, event_value, focus_after_render, on_leave, text_input, warning_text, ErrorSummary,
    Page, SavedStatus, TextInputProps, WarningTextProps,
};
use crate::app::drafts::use_draft;
use crate::app::hooks::use_open;
use crate::app::state::{use_store, Action, Flash, OpenAssessment};
use crate::app::Route;
use crate::domain::date::{minutes_in_words, LocalTime};
use crate::domain::edit::Edit;
use crate::domain::forms::{count, standard_field, FieldError, StandardsForm, INCOMPLETE};
use crate::domain::timeline::{challenges, events_for, explained, limit, readings, LimitSource};

#[derive(Properties, PartialEq)]
pub struct TimelineSummaryProps {
    pub open: Rc<OpenAssessment>,
    pub case: AttrValue,
}

/// What the timeline shows for a case: each interval against its limit,
/// and the answers it contradicts.
pub fn timeline_summary(p: &TimelineSummaryProps) -> Html {
    let a = &p.open.assessment;
    let fw = &p.open.framework;
    let Some(case) = a.case(&p.case) else {
        return html! {};
    };
    let found = readings(fw, &a.service_standards, case);
    let contradicted = challenges(fw, &a.service_standards, case);
    html! {
        <div class="timeline">
            if found.is_empty() {
                <p>{"No interval can be worked out yet: each needs the times of both its events."}</p>
            } else {
                <ul class="list">
                    { for found.iter().map(|r| html! {
                        <li class={classes!((r.over() || r.reversed()).then_some("timeline__over"))}>{r.describe()}</li>
                    }) }
                </ul>
            }
            { for contradicted.iter().map(|c| {
                // As the check page judges it: a note stands only against the
                // readings it was written against (found in review: any note
                // was said to stand, and the check then refused it).
                let noted = case.answer(c.criterion).is_some_and(|x| !x.note.trim().is_empty());
                html! {
                    { warning_text(&yew::props!(WarningTextProps {
                        children: html! { <>{format!("{}: {} {}", c.criterion, c.describe(), if explained(case, c) {
                            "A note says why it stands."
                        } else if noted {
                            "Its note was written before these times or this limit: change the answer, or say in the note why it stands against them."
                        } else {
                            "Change the answer, or write in its note why it stands."
                        })}</> },
                    })) }
                }
            }) }
        </div>
    }
}

/// The times of the events the case file records, one field each, saved as
/// they are entered.
#[hook]
pub fn use_timeline_page(p: &CaseProps) -> Html {
    let store = use_store();
    // A time that could not be read, by event, with what was typed.
    let problems = use_state(Vec::<FieldError>::new);
    let (open, case) = match case_gate(gate(use_open(&p.id)), &p.case) {
        Ok(x) => x,
        Err(page) => return page,
    };
    let fw = &open.framework;
    let id = open.assessment.id.clone();
    let events = events_for(fw, &case);
    let fields = events.iter().map(|e| {
        let field = format!("time-{}", e.id);
        let onchange = {
            let store = store.clone();
            let problems = problems.clone();
            let case = case.id.clone();
            let event = e.id.clone();
            let field = field.clone();
            let name = e.name.clone();
            Callback::from(move |text: String| {
                let mut found = (*problems).clone();
                found.retain(|x| x.field != field);
                let at = if text.trim().is_empty() {
                    Some(None)
                } else {
                    text.parse::<LocalTime>().ok().map(Some)
                };
                match at {
                    Some(at) => store.dispatch(Action::Edit(Edit::SetTime {
                        case: case.clone(),
                        event: event.clone(),
                        at,
                    })),
                    // Typed in part: the time saved stays until it is
                    // typed in full or cleared.
                    None => found.push(FieldError {
                        field: field.clone(),
                        message: format!(
                            "Enter the date and time for \"{}\" in full: day, month, year, hours and minutes. Until then the time saved stays as it was.",
                            name.to_ascii_lowercase()
                        ),
                    }),
                }
                problems.set(found);
            })
        };
        let error = error_for(&problems, &field).map(str::to_owned);
        // A time typed in part into an empty field, or cleared after one
        // was, fires no change: leaving the field tells (`on_leave`).
        let onblur = on_leave(
            &onchange,
            &AttrValue::Static(if error.is_some() { INCOMPLETE } else { "" }),
        );
        let onchange = {
            let onchange = onchange.clone();
            Callback::from(move |ev: Event| onchange.emit(event_value(&ev)))
        };
        // A field with a problem holds a time typed in part: drawn with no
        // value, it keeps what was typed (Yew writes a value to the input
        // only when it differs from the input's own, which is then empty).
        let value = match &error {
            Some(_) => String::new(),
            None => case.time_of(&e.id).map(|t| t.to_string()).unwrap_or_default(),
        };
        let hint_id = format!("{field}-hint");
        let error_id = format!("{field}-error");
        let described = if error.is_some() { format!("{hint_id} {error_id}") } else { hint_id.clone() };
        html! {
            <div key={e.id.clone()} class={classes!("form-group", error.as_ref().map(|_| "form-group--error"))}>
                <label class="label" for={field.clone()}>{&e.name}</label>
                <div class="hint" id={hint_id}>
                    {if e.hint.is_empty() { "Day, month, year and time, from the case file. Leave blank if the file does not say.".to_owned() } else { format!("{} Leave blank if the file does not say.", e.hint) }}
                </div>
                if let Some(message) = &error {
                    <p class="error-message" id={error_id}><span class="visually-hidden">{"Error: "}</span>{message}</p>
                }
                <input class={classes!("input", "input--width-datetime", error.as_ref().map(|_| "input--error"))}
                    type="datetime-local" id={field.clone()} name={field} {value} {onchange} {onblur}
                    aria-describedby={described} />
            </div>
        }
    });
    html! {
        <Page title="Case timeline" caption={case_caption(&open, &case)}
            back={Route::Case { id: id.clone(), case: case.id.clone() }}>
            <SavedStatus />
            <ErrorSummary errors={(*problems).clone()} take_focus={false} />
            <p>{"Record when each event happened, as the case file shows it. The tool works out how long each step took and holds it to its limit: a figure from the reports or the law where they give one, otherwise your force's own service standard. Where an answer says met or not applicable but the timeline is over its limit, the criterion says so and the case needs a note saying why the answer stands. The tool never changes an answer."}</p>
            if events.is_empty() {
                <p>{"No criterion of this case type is judged on the timeline."}</p>
            } else {
                <form novalidate=true onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    { for fields }
                </form>
                <h2 class="heading-m">{"What the timeline shows"}</h2>
                <div aria-live="polite">
                    { timeline_summary(&yew::props!(TimelineSummaryProps {
                        open: open.clone(),
                        case: case.id.clone(),
                    })) }
                </div>
            }
            <p><Link<Route> to={Route::Standards { id: id.clone() }}>{"See the limits and your force's service standards"}</Link<Route>></p>
            <div class="button-group">
                <Link<Route> to={Route::Case { id, case: case.id.clone() }} classes="button">{"Back to the case"}</Link<Route>>
            </div>
        </Page>
    }
}

/// The limits the timeline is held to: those the reports or the law give,
/// fixed and cited, and the force's own service standards, which it sets
/// here once for the whole assessment.
#[hook]
pub fn use_standards_page(p: &IdProps) -> Html {
    let store = use_store();
    let form = use_draft::<StandardsForm>(&[&p.id, "standards"]);
    let errors = use_state(Vec::<FieldError>::new);
    let attempts = use_state(|| 0u32);
    // The complete cases as the last save found them: those it reopened are
    // said below (found in review: only "Service standards saved" was said).
    let complete_before = use_state(|| None::<Vec<String>>);
    let open = match gate(use_open(&p.id)) {
        Ok(o) => o,
        Err(page) => return page,
    };
    let fw = open.framework.clone();
    let a = &open.assessment;
    let current = form.current(StandardsForm::from_assessment(&fw, a));
    let reopened: Vec<String> = complete_before
        .as_ref()
        .map(|ids| {
            ids.iter()
                .filter_map(|id| a.case(id))
                .filter(|c| !c.completed)
                .map(|c| c.label())
                .collect()
        })
        .unwrap_or_default();
    let onsubmit = {
        let store = store.clone();
        let current = current.clone();
        let errors = errors.clone();
        let attempts = attempts.clone();
        let form = form.clone();
        let fw = fw.clone();
        let complete: Vec<String> = a
            .cases
            .iter()
            .filter(|c| c.completed)
            .map(|c| c.id.clone())
            .collect();
        let complete_before = complete_before.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match current.check(&fw) {
                Err(found) => {
                    attempts.set(*attempts + 1);
                    errors.set(found);
                }
                Ok(values) => {
                    complete_before.set(Some(complete.clone()));
                    let last = values.len().saturating_sub(1);
                    for (i, (interval, minutes)) in values.into_iter().enumerate() {
                        let edit = Edit::SetServiceStandard {
                            interval,
                            minutes: Some(minutes),
                        };
                        store.dispatch(if i == last {
                            Action::EditHere(edit, Flash::success("Service standards saved"))
                        } else {
                            Action::Edit(edit)
                        });
                    }
                    errors.set(Vec::new());
                    form.set(None);
                }
            }
        })
    };
    let first = fw
        .timeline
        .intervals
        .iter()
        .find(|i| i.force_standard.is_some())
        .map(|i| i.id.clone())
        .unwrap_or_default();
    let onreset = {
        let fw = fw.clone();
        let form = form.clone();
        let errors = errors.clone();
        Callback::from(move |_: MouseEvent| {
            for i in fw
                .timeline
                .intervals
                .iter()
                .filter(|i| i.force_standard.is_some())
            {
                store.dispatch(Action::Edit(Edit::SetServiceStandard {
                    interval: i.id.clone(),
                    minutes: None,
                }));
            }
            errors.set(Vec::new());
            form.set(None);
            // The button goes once nothing is set: keep keyboard users in the form.
            focus_after_render(standard_field(&first));
        })
    };
    let criteria = |ids: &[String]| ids.join(", ");
    let fixed: Vec<_> = fw
        .timeline
        .intervals
        .iter()
        .filter(|i| i.limit.is_some())
        .collect();
    let inputs = fw.timeline.intervals.iter().filter_map(|i| {
        let standard = i.force_standard.as_ref()?;
        let field = standard_field(&i.id);
        let value = current.values.iter().find(|(x, _)| *x == i.id).map(|(_, v)| v.clone()).unwrap_or_default();
        let oninput = {
            let form = form.clone();
            let current = current.clone();
            let id = i.id.clone();
            Callback::from(move |v: String| {
                let mut next = current.clone();
                if let Some(slot) = next.values.iter_mut().find(|(x, _)| *x == id) {
                    slot.1 = v;
                }
                form.set(Some(next));
            })
        };
        let status = match limit(i, &a.service_standards).map(|l| l.source) {
            Some(LimitSource::ForceSet) => "Your force's own standard.".to_owned(),
            _ => format!("Not set yet: the tool's starting value of {} applies until you save.", minutes_in_words(i64::from(standard.suggested_minutes))),
        };
        Some(html! {
            <key={i.id.clone()}>{ text_input(&yew::props!(TextInputProps {
                id: field.clone(),
                label: format!("{} (judges {})", i.name, criteria(&i.criteria)),
                value,
                oninput,
                width: "width-5",
                hint: Some(AttrValue::from(format!("{status} {} Hours, or hours and minutes: 24, or 1:30.", standard.basis))),
                error: error_for(&errors, &field).map(AttrValue::from),
            })) }</>
        })
    });
    html! {
        { assessment_frame(&yew::props!(FrameProps {
            open: open.clone(),
            title: "Service standards for the case timeline",
            back: Some(Route::Assessment { id: a.id.clone() }),
            children: html! { <><ErrorSummary errors={(*errors).clone()} attempt={*attempts} />
            { form.notice() }
            if !reopened.is_empty() {
                { warning_text(&yew::props!(WarningTextProps {
                    id: Some(AttrValue::Static("standards-reopened")),
                    children: html! { <>{format!(
                        "The standards saved reopened {}, every answer kept: {}. Each has an answer the timeline now puts over its limit, with no note saying why it stands; check its answers again to complete it.",
                        count(reopened.len(), "complete case"),
                        reopened.join(", ")
                    )}</> },
                })) }
            }
            <p>{"Each interval of a case's timeline is held to a limit. Where the reports or the law give a figure, the limit is fixed and cited. Where they do not, the limit is your force's own service standard, set here once for this assessment; until you set it, the tool's starting value applies and is shown as such on every case."}</p>
            if !fixed.is_empty() {
                { table(&yew::props!(TableProps { id: "fixed-limits", caption: "Limits from the reports or the law", children: html! { <><thead><tr><th scope="col">{"Interval"}</th><th scope="col">{"Criteria"}</th><th scope="col">{"Limit"}</th><th scope="col">{"Source"}</th></tr></thead>
                    <tbody>
                        { for fixed.iter().map(|i| {
                            let l = i.limit.as_ref().map(|l| (minutes_in_words(i64::from(l.minutes)), l.citations.join("; "))).unwrap_or_default();
                            html! { <tr><th scope="row">{&i.name}</th><td>{criteria(&i.criteria)}</td><td>{l.0}</td><td>{l.1}</td></tr> }
                        }) }
                    </tbody></> } })) }
            }
            if a.pack.is_some() {
                <h2 class="heading-m">{"Your force's service standards"}</h2>
                <p>{"The lead sets these for the whole assessment; a work pack carries them as they were when it was made."}</p>
                <ul class="list" id="pack-standards">
                    { for fw.timeline.intervals.iter().filter_map(|i| {
                        let l = limit(i, &a.service_standards).filter(|_| i.force_standard.is_some())?;
                        Some(html! { <li>{format!("{}: {} ({})", i.name, minutes_in_words(i64::from(l.minutes)), l.describe())}</li> })
                    }) }
                </ul>
            } else {
                <form {onsubmit} novalidate=true>
                    <h2 class="heading-m">{"Your force's service standards"}</h2>
                    { for inputs }
                    <div class="button-group">
                        <button type="submit" class="button">{"Save the service standards"}</button>
                        if !a.service_standards.is_empty() {
                            <button type="button" class="button button--secondary" onclick={onreset}>{"Go back to the tool's starting values"}</button>
                        }
                    </div>
                </form>
            }</> },
        })) }
    }
}
