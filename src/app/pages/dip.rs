//! Dip samples: records checked beside the main case sample, each against
//! its sample's short questions; listed on the task list, one page each.

use yew::prelude::*;
use yew_router::prelude::*;

use super::frame::OpenProps;
use crate::app::components::{
    error_for, field_setter, radios, table, text_input, textarea, Choice, ErrorSummary, Page,
    RadiosProps, SavedStatus, TableProps, TextInputProps, TextareaProps,
};
use crate::app::drafts::use_draft;
use crate::app::hooks::use_open;
use crate::app::pages::frame::gate;
use crate::app::state::{use_store, Action, Flash};
use crate::app::Route;
use crate::domain::dip::{records, row, summary, DipSampleRow};
use crate::domain::edit::Edit;
use crate::domain::forms::{DipRecordForm, FieldError};
use crate::domain::grade::AnswerValue;

/// The answers a dip question takes.
const ANSWERS: [(AnswerValue, &str); 3] = [
    (AnswerValue::Met, "Yes"),
    (AnswerValue::NotMet, "No"),
    (AnswerValue::NotApplicable, "Not applicable"),
];

fn answer_label(v: Option<&AnswerValue>) -> &'static str {
    ANSWERS
        .iter()
        .find(|(a, _)| Some(a) == v)
        .map_or("–", |(_, l)| *l)
}

/// The samples on the task list: each with how many records are checked.
pub fn dip_samples(p: &OpenProps) -> Html {
    let fw = &p.open.framework;
    let a = &p.open.assessment;
    if fw.dip_samples.is_empty() || a.pack.is_some() {
        return html! {};
    }
    html! {
        <section aria-labelledby="dip-samples-heading" id="dip-samples">
            <h2 class="heading-m" id="dip-samples-heading">{"Dip samples"}</h2>
            <p class="hint">{"Beside the main sample, the inspection checks a few records of some kinds against short questions. Check the same records before it does."}</p>
            <ul class="task-list">
                { for summary(fw, a).into_iter().map(|s| html! {
                    <li class="task-list__item" key={s.sample.clone()}>
                        <span class="task-list__name">
                            <Link<Route> to={Route::DipSample { id: a.id.clone(), sample: s.sample.clone() }}>{&s.name}</Link<Route>>
                        </span>
                        <span class="task-list__status">
                            <strong class={classes!("tag", (s.checked < s.count).then_some("tag--grey"), (s.checked >= s.count).then_some("tag--green"))}>
                                {format!("{} of {} checked", s.checked, s.count)}
                            </strong>
                        </span>
                    </li>
                }) }
            </ul>
        </section>
    }
}

/// The dip sample a page is about (route::Pages gives it from the address).
pub struct DipSampleProps {
    pub id: AttrValue,
    pub sample: AttrValue,
}

/// One sample: its questions counted over the records, the records, and a
/// form to add one.
#[hook]
pub fn use_dip_sample_page(p: &DipSampleProps) -> Html {
    let store = use_store();
    let form = use_draft::<DipRecordForm>(&[&p.id, "dip", &p.sample]);
    let errors = use_state(Vec::<FieldError>::new);
    let attempts = use_state(|| 0u32);
    let open = match gate(use_open(&p.id)) {
        Ok(o) => o,
        Err(page) => return page,
    };
    let fw = open.framework.clone();
    let a = &open.assessment;
    let back = Route::Assessment { id: a.id.clone() };
    let Some(sample) = fw.dip_sample(&p.sample).cloned() else {
        return html! {
            <Page title="Dip sample not found" back={back}>
                <p>{"This assessment's framework has no such dip sample."}</p>
            </Page>
        };
    };
    let counted = row(a, &sample);
    let current = form.current(DipRecordForm::default());
    let set = |f: fn(&mut DipRecordForm, String)| field_setter(&form, &current, f);
    let answer = |criterion: String| {
        let (form, current) = (form.clone(), current.clone());
        Callback::from(move |v: String| {
            let mut next = current.clone();
            if let Some((value, _)) = ANSWERS.iter().find(|(x, _)| x.id() == v) {
                next.answers.insert(criterion.clone(), *value);
            }
            form.set(Some(next));
        })
    };
    let onsubmit = {
        let (current, errors, attempts, form, sample, store) = (
            current.clone(),
            errors.clone(),
            attempts.clone(),
            form.clone(),
            sample.clone(),
            store.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match current.check(&sample, "") {
                Err(found) => {
                    attempts.set(*attempts + 1);
                    errors.set(found);
                }
                Ok(record) => {
                    errors.set(Vec::new());
                    form.set(None);
                    store.dispatch(Action::EditHere(
                        Edit::AddDipRecord(record),
                        Flash::success("Record added to the sample"),
                    ));
                    crate::app::components::focus_after_render("dip-reference".into());
                }
            }
        })
    };
    let remove = |id: String| {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| {
            store.dispatch(Action::EditHere(
                Edit::DeleteDipRecord { record: id.clone() },
                Flash::success("Record removed from the sample"),
            ));
            // The button went with its row: focus goes to the count, which
            // says what is left.
            crate::app::components::focus_after_render("dip-count".into());
        })
    };
    let choices: Vec<Choice> = ANSWERS
        .iter()
        .map(|(v, l)| Choice::new(v.id(), *l))
        .collect();
    let list = records(a, &sample.id);
    html! {
        <Page title={sample.name.clone()} caption={AttrValue::from(format!("{} – dip sample", a.force))} back={back}>
            <SavedStatus />
            <ErrorSummary errors={(*errors).clone()} attempt={*attempts} />
            { form.notice() }
            <p>{&sample.description}<span class="hint">{format!(" ({})", sample.citations.join("; "))}</span></p>
            <p id="dip-count" tabindex="-1">{format!("{} of {} records checked.", counted.checked, counted.count)}
                if !sample.count_note.is_empty() { <span class="hint">{format!(" {}", sample.count_note)}</span> }
            </p>
            { questions_table(&yew::props!(QuestionsTableProps {
                row: counted.clone(),
                id: "dip-criteria",
                caption: "The questions, over the records checked",
            })) }
            if !list.is_empty() {
                { table(&yew::props!(TableProps {
                    id: "dip-records",
                    caption: "The records checked",
                    children: html! { <><thead><tr>
                        <th scope="col">{"Reference"}</th>
                        { for sample.criteria.iter().map(|c| html! { <th scope="col">{&c.id}</th> }) }
                        <th scope="col">{"Note"}</th>
                        <th scope="col"><span class="visually-hidden">{"Remove"}</span></th>
                    </tr></thead>
                    <tbody>
                        { for list.iter().map(|r| html! {
                            <tr key={r.id.clone()}>
                                <th scope="row">{&r.reference}</th>
                                { for sample.criteria.iter().map(|c| html! { <td>{answer_label(r.answers.get(&c.id))}</td> }) }
                                <td class="table__text">{&r.note}</td>
                                <td>
                                    <button type="button" class="button button--secondary" onclick={remove(r.id.clone())}
                                        aria-label={format!("Remove record {}", r.reference)}>{"Remove"}</button>
                                </td>
                            </tr>
                        }) }
                    </tbody></> },
                })) }
            }
            <h2 class="heading-m">{"Add a record"}</h2>
            <form {onsubmit} novalidate=true>
                { text_input(&yew::props!(TextInputProps {
                    id: "dip-reference",
                    label: "The record's reference",
                    value: current.reference.clone(),
                    hint: AttrValue::Static("For example its crime, PPN or missing-person report number"),
                    error: error_for(&errors, "dip-reference").map(AttrValue::from),
                    oninput: set(|f, v| f.reference = v),
                })) }
                { for sample.criteria.iter().map(|c| html! {
                    <key={c.id.clone()}>{ radios(&yew::props!(RadiosProps {
                        name: format!("dip-{}", c.id),
                        legend: html! { {format!("{} {}", c.id, c.text)} },
                        inline: true,
                        choices: choices.clone(),
                        selected: current.answers.get(&c.id).map(|v| AttrValue::Static(v.id())),
                        error: error_for(&errors, &format!("dip-{}", c.id)).map(AttrValue::from),
                        onchange: answer(c.id.clone()),
                    })) }</>
                }) }
                { textarea(&yew::props!(TextareaProps {
                    id: "dip-note",
                    label: "Note (optional)",
                    value: current.note.clone(),
                    rows: 3,
                    error: error_for(&errors, "dip-note").map(AttrValue::from),
                    oninput: set(|f, v| f.note = v),
                })) }
                <button type="submit" class="button">{"Add the record"}</button>
            </form>
        </Page>
    }
}

#[derive(Properties, PartialEq)]
struct QuestionsTableProps {
    row: DipSampleRow,
    id: AttrValue,
    caption: AttrValue,
}

/// A sample's questions with their answers counted over its records.
fn questions_table(p: &QuestionsTableProps) -> Html {
    html! {
        { table(&yew::props!(TableProps {
            id: p.id.clone(),
            caption: p.caption.clone(),
            children: html! { <><thead><tr>
                <th scope="col">{"Question"}</th>
                <th scope="col" class="table__numeric">{"Yes"}</th>
                <th scope="col" class="table__numeric">{"No"}</th>
                <th scope="col" class="table__numeric">{"Not applicable"}</th>
            </tr></thead>
            <tbody>
                { for p.row.criteria.iter().map(|c| html! {
                    <tr key={c.criterion.clone()}>
                        <th scope="row">{format!("{} {}", c.criterion, c.text)}</th>
                        <td class="table__numeric">{c.yes}</td>
                        <td class="table__numeric">{c.no}</td>
                        <td class="table__numeric">{c.not_applicable}</td>
                    </tr>
                }) }
            </tbody></> },
        })) }
    }
}

/// The dip samples for the printed report: each with its records checked
/// and each question's answers.
pub fn dip_sample_tables(p: &OpenProps) -> Html {
    let fw = &p.open.framework;
    let a = &p.open.assessment;
    html! {
        { for summary(fw, a).into_iter().filter(|s| s.checked > 0).map(|s| {
            let caption = format!("{}: {} of {} records checked", s.name, s.checked, s.count);
            let id = format!("report-dip-{}", s.sample);
            let key = s.sample.clone();
            html! { <key={key}>{ questions_table(&yew::props!(QuestionsTableProps {
                row: s,
                id,
                caption,
            })) }</> }
        }) }
    }
}
