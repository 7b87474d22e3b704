use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::components::{
    error_for, radios, text_input, textarea, Choice, ErrorSummary, Page, RadiosProps,
    TextInputProps, TextareaProps,
};
use crate::app::state::{use_store, Action, Origin};
use crate::app::{catalogue, new_id, Route, SharedFramework};
use crate::domain::assessment::Assessment;
use crate::domain::forms::{FieldError, NewAssessmentForm};

/// Start an assessment: force, framework, period and assessors. The sample
/// plan starts as the framework's standard one and can be changed later.
#[hook]
pub fn use_new_assessment_page() -> Html {
    let store = use_store();
    let navigator = use_navigator();
    let form = use_state(|| NewAssessmentForm {
        framework: catalogue()
            .current()
            .next()
            .map(|f| format!("{}@{}", f.id, f.version))
            .unwrap_or_default(),
        ..Default::default()
    });
    let errors = use_state(Vec::<FieldError>::new);
    let attempts = use_state(|| 0u32);

    let set = |f: fn(&mut NewAssessmentForm, String)| {
        let form = form.clone();
        Callback::from(move |v: String| {
            let mut next = (*form).clone();
            f(&mut next, v);
            form.set(next);
        })
    };

    let onsubmit = {
        let form = form.clone();
        let errors = errors.clone();
        let attempts = attempts.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match form.check(catalogue()) {
                Err(found) => {
                    attempts.set(*attempts + 1);
                    errors.set(found);
                }
                Ok(new) => {
                    let Some(fw) = catalogue().find(&new.framework) else {
                        return;
                    };
                    let mut a = Assessment::new(new_id(), new.force, fw, new.period);
                    a.copy_id = new_id();
                    a.assessors = new.assessors;
                    let id = a.id.clone();
                    store.dispatch(Action::Open {
                        assessment: a,
                        framework: SharedFramework(fw.clone()),
                        saved_at: None,
                        dirty: true,
                        // A new assessment: nothing to back up until it changes.
                        backup: Default::default(),
                        stored: 0,
                        origin: Origin::Made,
                    });
                    if let Some(nav) = &navigator {
                        nav.push(&Route::Assessment { id });
                    }
                }
            }
        })
    };

    // New assessments use the newest version of each framework; older
    // versions stay readable for the assessments made with them.
    let choices: Vec<Choice> = catalogue()
        .current()
        .map(|f| {
            Choice::new(
                format!("{}@{}", f.id, f.version),
                format!("{} (version {})", f.title, f.version),
            )
            .hint(format!(
                "{} case types, {} criteria{}",
                f.case_types.len(),
                f.criteria.len(),
                if f.topics.is_empty() {
                    String::new()
                } else {
                    format!(", {} topics graded on a five-point scale", f.topics.len())
                }
            ))
        })
        .collect();

    html! {
        <Page title="Start a new assessment" back={Route::Home}>
            <ErrorSummary errors={(*errors).clone()} attempt={*attempts} />
            <form {onsubmit} novalidate=true>
                { text_input(&yew::props!(TextInputProps {
                    id: "force",
                    label: "Force",
                    value: form.force.clone(),
                    hint: AttrValue::Static("For example, Northamptonshire Police"),
                    error: error_for(&errors, "force").map(AttrValue::from),
                    oninput: set(|f, v| f.force = v),
                    autocomplete: AttrValue::Static("organization"),
                })) }
                { radios(&yew::props!(RadiosProps {
                    name: "framework",
                    legend: html! { "Framework" },
                    choices,
                    selected: Some(AttrValue::from(form.framework.clone())),
                    hint: Some(html! { "The criteria the cases are audited against. The 2024 framework adds child criminal exploitation, child deaths and five graded topics." }),
                    error: error_for(&errors, "framework").map(AttrValue::from),
                    onchange: set(|f, v| f.framework = v),
                })) }
                { text_input(&yew::props!(TextInputProps {
                    id: "start",
                    label: "Period starts",
                    kind: "date",
                    width: "width-date",
                    value: form.start.clone(),
                    hint: AttrValue::Static("The first day of the period the sampled cases come from"),
                    error: error_for(&errors, "start").map(AttrValue::from),
                    oninput: set(|f, v| f.start = v),
                })) }
                { text_input(&yew::props!(TextInputProps {
                    id: "end",
                    label: "Period ends",
                    kind: "date",
                    width: "width-date",
                    value: form.end.clone(),
                    error: error_for(&errors, "end").map(AttrValue::from),
                    oninput: set(|f, v| f.end = v),
                })) }
                { textarea(&yew::props!(TextareaProps {
                    id: "assessors",
                    label: "Who is assessing (optional)",
                    value: form.assessors.clone(),
                    hint: AttrValue::Static("One name or role on each line"),
                    error: error_for(&errors, "assessors").map(AttrValue::from),
                    oninput: set(|f, v| f.assessors = v),
                })) }
                <button type="submit" class="button">{"Start the assessment"}</button>
            </form>
        </Page>
    }
}
