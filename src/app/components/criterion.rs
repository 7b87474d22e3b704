use std::rc::Rc;

use yew::prelude::*;

use crate::app::components::{Choice, Radios, Textarea};
use crate::app::state::{use_store, Action, OpenAssessment};
use crate::domain::edit::Edit;
use crate::domain::framework::Criterion;
use crate::domain::glossary::terms_in;
use crate::domain::grade::AnswerValue;

#[derive(Properties, PartialEq)]
pub struct CriterionAnswerProps {
    pub open: Rc<OpenAssessment>,
    pub case: AttrValue,
    pub criterion: Criterion,
    /// Whether the criterion is key for this case's type.
    pub is_key: bool,
}

/// One criterion: the question, what good looks like and its source, the
/// terms it uses explained, the answer, and the evidence note.
#[component]
pub fn CriterionAnswer(p: &CriterionAnswerProps) -> Html {
    let store = use_store();
    let c = &p.criterion;
    let fw = &p.open.framework;
    let answer = p
        .open
        .assessment
        .case(&p.case)
        .and_then(|case| case.answer(&c.id))
        .cloned()
        .unwrap_or_default();
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
    let needs_note = answer.value.needs_note() && answer.note.trim().is_empty();
    let legend = html! {
        <>
            <span class="criterion__id">{&c.id}</span>
            {" "}
            {&c.text}
            if p.is_key { {" "}<strong class="tag tag--key">{"Key criterion"}</strong> }
        </>
    };
    let hint = html! {
        <>
            {format!("Good looks like: {}", c.good)}
            <span class="criterion__source">{format!("Source: {}", c.citations.join("; "))}</span>
        </>
    };
    let note = html! {
                <Textarea id={format!("{}-note", c.id)} label={format!("Evidence for {}", c.id)}
                    value={answer.note.clone()} {oninput} rows={2}
                    hint={Some(AttrValue::from(if needs_note {
                        "Needed: say what in the case file shows this. A case cannot be completed without it."
                    } else {
                        "What in the case file shows this. Needed for partly met and not met."
                    }))} />
    };
    html! {
        <div class="criterion" id={format!("criterion-{}", c.id)}>
            <Radios name={c.id.clone()} {legend} {choices} {selected} {onchange} inline=true hint={Some(hint)} after={note}>
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
                }
            </Radios>
        </div>
    }
}
