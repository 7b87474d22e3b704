use std::rc::Rc;

use yew::prelude::*;

use crate::app::components::{
    radios, textarea, warning_text, Choice, RadiosProps, TextareaProps, WarningTextProps,
};
use crate::app::state::{use_store, Action, OpenAssessment};
use crate::domain::edit::Edit;
use crate::domain::framework::Criterion;
use crate::domain::glossary::terms_in;
use crate::domain::grade::{note_needed, AnswerValue};
use crate::domain::timeline::{challenges, explained, readings};

#[derive(Properties, PartialEq)]
pub struct CriterionAnswerProps {
    pub open: Rc<OpenAssessment>,
    pub case: AttrValue,
    pub criterion: Criterion,
    /// Whether the criterion is key for this case's type.
    pub is_key: bool,
}

/// One criterion: the question, what good looks like and its source, why it
/// is key, the terms it uses explained, what the case's timeline shows for
/// it (and a challenge when the answer contradicts it), the answer, and the
/// evidence note.
#[component]
pub fn CriterionAnswer(p: &CriterionAnswerProps) -> Html {
    let store = use_store();
    let c = &p.criterion;
    let fw = &p.open.framework;
    let a = &p.open.assessment;
    let case = a.case(&p.case);
    let answer = case
        .and_then(|case| case.answer(&c.id))
        .cloned()
        .unwrap_or_default();
    let (timeline, challenge) = match case {
        Some(case) => (
            readings(fw, &a.service_standards, case)
                .into_iter()
                .filter(|r| r.interval.criteria.contains(&c.id))
                .map(|r| r.describe())
                .collect::<Vec<_>>(),
            challenges(fw, &a.service_standards, case)
                .into_iter()
                .find(|x| x.criterion == c.id)
                .map(|x| (x.describe(), explained(case, &x))),
        ),
        None => (Vec::new(), None),
    };
    let onchange = {
        let store = store.clone();
        let case = p.case.to_string();
        let criterion = c.id.clone();
        Callback::from(move |v: String| {
            if let Some(value) = AnswerValue::ALL.into_iter().find(|a| a.id() == v) {
                crate::app::perf::change_started();
                store.dispatch(Action::Edit(Edit::SetAnswer {
                    case: case.clone(),
                    criterion: criterion.clone(),
                    value,
                }));
            }
        })
    };
    let oninput = {
        let case = p.case.to_string();
        let criterion = c.id.clone();
        Callback::from(move |note: String| {
            store.dispatch(Action::Edit(Edit::SetNote {
                case: case.clone(),
                criterion: criterion.clone(),
                note,
            }));
        })
    };
    let choices = [
        AnswerValue::Met,
        AnswerValue::PartlyMet,
        AnswerValue::NotMet,
        AnswerValue::NotApplicable,
    ]
    .into_iter()
    .map(|v| Choice::new(v.id(), v.label()))
    .collect::<Vec<_>>();
    let selected =
        (answer.value != AnswerValue::Unanswered).then(|| AttrValue::from(answer.value.id()));
    let terms = terms_in(fw, &format!("{} {}", c.text, c.good));
    let needed = note_needed(answer.value, p.is_key, challenge.is_some());
    let unexplained = challenge.as_ref().is_some_and(|(_, explained)| !explained);
    let missing = needed.filter(|_| answer.note.trim().is_empty() || unexplained);
    let legend = html! {
        <>
            <span class="criterion__id">{&c.id}</span>
            {" "}
            {&c.text}
            if p.is_key { {" "}<strong class="tag tag--key">{"Key criterion"}</strong> }
        </>
    };
    let why_key = c.key.as_ref().filter(|k| p.is_key && !k.why.is_empty());
    let hint = html! {
        <>
            {format!("Good looks like: {}", c.good)}
            <span class="criterion__source">{format!("Source: {}", c.citations.join("; "))}</span>
            if let Some(k) = why_key {
                <span class="criterion__key">
                    {format!("Key because: {} ({})", k.why, k.citations.join("; "))}
                    {" Met and not applicable need a note too."}
                </span>
            }
        </>
    };
    let note_hint = match (missing, needed) {
        (Some(what), _) => format!("Needed: {what}. The case cannot be completed without it."),
        (None, Some(what)) => format!("The note must {what}."),
        (None, None) => {
            if p.is_key {
                "What in the case file shows this. Needed for every answer to a key criterion."
                    .to_owned()
            } else {
                "What in the case file shows this. Needed for partly met and not met.".to_owned()
            }
        }
    };
    let note = html! {
        <>
            // Always there, so a challenge that appears when the answer
            // changes is announced.
            <div aria-live="polite" id={format!("{}-timeline", c.id)}>
                if let Some((text, explained)) = &challenge {
                    { warning_text(&yew::props!(WarningTextProps {
                        children: html! { <>{if *explained {
                            format!("The timeline contradicts this answer. {text} The note says why it stands.")
                        } else if answer.note.trim().is_empty() {
                            format!("The timeline contradicts this answer. {text} Change the answer, or write in the note why it stands.")
                        } else {
                            format!("The timeline contradicts this answer. {text} The note was written before these times or this limit: change the answer, or say in the note why it stands against them.")
                        }}</> },
                    })) }
                }
            </div>
            { textarea(&yew::props!(TextareaProps {
                id: format!("{}-note", c.id),
                label: format!("Evidence for {}", c.id),
                value: answer.note.clone(),
                oninput,
                rows: 2,
                hint: Some(AttrValue::from(note_hint)),
                // A longer note would be refused by the edit; the box stops
                // at it, counting as the browser does (UTF-16 units, never
                // fewer than characters).
                long_text: true,
                // The timeline's challenge to the answer is what the note
                // has to meet: read with the box, not only as it appears.
                warning: challenge.is_some().then(|| AttrValue::from(format!("{}-timeline", c.id))),
            })) }
        </>
    };
    html! {
        <div class="criterion" id={format!("criterion-{}", c.id)}>
            { radios(&yew::props!(RadiosProps {
                name: c.id.clone(),
                legend,
                choices,
                selected,
                onchange,
                inline: true,
                hint: Some(hint),
                after: note,
                children: html! { <>if !timeline.is_empty() {
                    <ul class="list criterion__timeline">
                        { for timeline.iter().map(|t| html! { <li>{format!("Timeline: {t}")}</li> }) }
                    </ul>
                }
                if !terms.is_empty() {
                    <details class="details">
                        <summary class="details__summary">
                            {format!("Terms used: {}", terms.iter().map(|t| t.term.as_str()).collect::<Vec<_>>().join(", "))}
                        </summary>
                        <div class="details__text">
                            <dl>
                                { for terms.iter().map(|t| html! {
                                    <>
                                        <dt>{&t.term}{t.expansion.as_ref().map(|e| format!(" ({e})")).unwrap_or_default()}</dt>
                                        <dd>{&t.meaning}</dd>
                                    </>
                                }) }
                            </dl>
                        </div>
                    </details>
                }</> },
            })) }
        </div>
    }
}
