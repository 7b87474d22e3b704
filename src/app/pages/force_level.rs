//! The force-level half of the self-assessment: each statement of what good
//! looks like for the force as a whole, answered with the evidence the force
//! holds (the 2024 topics' statements on each topic's page, the child's-
//! journey framework's management and leadership on a page of its own).

use yew::prelude::*;
use yew_router::prelude::*;

use super::frame::{assessment_frame, gate, FrameProps, OpenProps, Section};
use super::tasks::IdProps;
use crate::app::components::{
    error_for, field_setter, radios, tag, text_input, textarea, Choice, ErrorSummary, Page,
    RadiosProps, SavedStatus, TextInputProps, TextareaProps,
};
use crate::app::drafts::use_draft;
use crate::app::hooks::use_open;
use crate::app::state::{use_store, Action, Flash};
use crate::app::Route;
use crate::domain::assessment::{EvidenceKind, StatementValue};
use crate::domain::edit::Edit;
use crate::domain::forms::{evidence_field, EvidenceForm, FieldError, StatementForm};
use crate::domain::statements::{answer, counts, missing_evidence, to_do};

fn value_tag(v: Option<StatementValue>) -> Html {
    match v {
        None => tag("Not answered", Some("grey")),
        Some(StatementValue::Met) => tag("Met", Some("green")),
        Some(StatementValue::PartlyMet) => tag("Partly met", Some("yellow")),
        Some(StatementValue::NotMet) => tag("Not met", Some("red")),
        Some(StatementValue::NotApplicable) => tag("Not applicable", Some("grey")),
    }
}

#[derive(Properties, PartialEq)]
pub struct StatementListProps {
    pub open: std::rc::Rc<crate::app::state::OpenAssessment>,
    /// The topic or area whose statements to list.
    pub group: AttrValue,
    /// Links to answer each (false in print).
    #[prop_or(true)]
    pub links: bool,
}

/// A group's statements with their answers, evidence and what is missing.
pub fn statement_list(p: &StatementListProps) -> Html {
    let fw = &p.open.framework;
    let a = &p.open.assessment;
    let groups = fw.statement_groups();
    let Some(group) = groups.iter().find(|g| g.id == p.group.as_str()) else {
        return html! {};
    };
    let c = counts(a, group);
    html! {
        <>
            <p class="hint" id={format!("statements-{}-counts", group.id)}>{format!(
                "{} of {} answered: {} met, {} partly met, {} not met, {} not applicable.",
                c.answered(), c.total(), c.met, c.partly_met, c.not_met, c.not_applicable
            )}</p>
            <ul class="task-list" id={format!("statements-{}", group.id)}>
                { for group.statements.iter().map(|s| {
                    let ans = answer(a, &s.id);
                    let missing = ans.and_then(missing_evidence);
                    let held = ans.map_or(0, |x| x.evidence.len());
                    html! {
                        <li class="task-list__item" key={s.id.clone()}>
                            <span class="task-list__name">
                                if p.links {
                                    <Link<Route> to={Route::Statement { id: a.id.clone(), statement: s.id.clone() }}>{format!("{} {}", s.id, s.text)}</Link<Route>>
                                } else {
                                    {format!("{} {}", s.id, s.text)}
                                }
                                <span class="hint task-list__hint">
                                    { match held { 0 => String::new(), 1 => "1 item of evidence. ".to_owned(), n => format!("{n} items of evidence. ") } }
                                    { missing.unwrap_or_default() }
                                </span>
                            </span>
                            <span class="task-list__status">{value_tag(ans.and_then(|x| x.value))}</span>
                        </li>
                    }
                }) }
            </ul>
        </>
    }
}

/// The statements still to do across the framework: evidence missing or
/// incomplete, listed apart from the findings.
pub fn evidence_to_do(p: &OpenProps) -> Html {
    let fw = &p.open.framework;
    let a = &p.open.assessment;
    let items = to_do(fw, a, false);
    if items.is_empty() {
        return html! {};
    }
    // On its own page a section of the page; in the report, one of the
    // force-level findings, under their heading.
    let heading = if p.links { "h2" } else { "h3" };
    html! {
        <section aria-labelledby="evidence-to-do-heading" id="evidence-to-do">
            <@{heading} class="heading-m" id="evidence-to-do-heading">{format!("Evidence to find ({})", items.len())}</@>
            <p>{"These statements are answered, but the evidence behind them is missing or incomplete. They count as answered; find the evidence before an inspector asks for it."}</p>
            <ul class="list list--bullet">
                { for items.iter().map(|t| html! {
                    <li key={t.statement.clone()}>
                        if p.links {
                            <Link<Route> to={Route::Statement { id: a.id.clone(), statement: t.statement.clone() }}>{&t.statement}</Link<Route>>
                        } else {
                            {&t.statement}
                        }
                        {format!(": {}", t.missing.clone().unwrap_or_default())}
                    </li>
                }) }
            </ul>
        </section>
    }
}

/// The child's-journey framework's management and leadership, by area.
#[hook]
pub fn use_leadership_page(p: &IdProps) -> Html {
    let open = match gate(use_open(&p.id)) {
        Ok(o) => o,
        Err(page) => return page,
    };
    let fw = &open.framework;
    html! {
        { assessment_frame(&yew::props!(FrameProps {
            open: open.clone(),
            title: "Management and leadership",
            section: Section::Leadership,
            children: html! { <>if fw.leadership.is_empty() {
                <p>{format!("{} has no management-and-leadership statements: its force-level statements are on each topic's page.", fw.title)}</p>
            } else {
                <p>{"The inspection looks at how the force is led and managed as well as at its cases. Answer each statement for the force as a whole, and record what the force holds that shows it: a document, a data set, minutes, an audit, who holds it and its date."}</p>
                { evidence_to_do(&yew::props!(OpenProps { open: open.clone(), links: true })) }
                { for fw.leadership.iter().map(|area| html! {
                    <section key={area.id.clone()} aria-labelledby={format!("area-{}", area.id)}>
                        <h2 class="heading-m" id={format!("area-{}", area.id)}>{&area.name}</h2>
                        <p>{&area.description}<span class="hint">{format!(" ({})", area.citations.join("; "))}</span></p>
                        { statement_list(&yew::props!(StatementListProps { open: open.clone(), group: area.id.clone() })) }
                    </section>
                }) }
            }</> },
        })) }
    }
}

/// The leadership statement a page is about (route::Pages gives it from the address).
pub struct StatementProps {
    pub id: AttrValue,
    pub statement: AttrValue,
}

/// One statement: how far the force meets it, why, and what shows it.
#[hook]
pub fn use_statement_page(p: &StatementProps) -> Html {
    let store = use_store();
    let navigator = use_navigator();
    let form = use_draft::<StatementForm>(&[&p.id, "statement", &p.statement]);
    let errors = use_state(Vec::<FieldError>::new);
    let attempts = use_state(|| 0u32);
    let open = match gate(use_open(&p.id)) {
        Ok(o) => o,
        Err(page) => return page,
    };
    let fw = open.framework.clone();
    let a = &open.assessment;
    let Some((group, statement)) = fw.statement(&p.statement) else {
        return html! {
            <Page title="Statement not found" back={Route::Assessment { id: a.id.clone() }}>
                <p>{"This assessment's framework has no such force-level statement."}</p>
            </Page>
        };
    };
    let back = if group.topic {
        Route::Topic {
            id: a.id.clone(),
            topic: group.id.to_owned(),
        }
    } else {
        Route::Leadership { id: a.id.clone() }
    };
    let current = form.current(StatementForm::from_answer(answer(a, &statement.id)));
    let set = |f: fn(&mut StatementForm, String)| field_setter(&form, &current, f);
    let set_item = |i: usize, f: fn(&mut EvidenceForm, String)| {
        let (form, current) = (form.clone(), current.clone());
        Callback::from(move |v: String| {
            let mut next = current.clone();
            if let Some(e) = next.evidence.get_mut(i) {
                f(e, v);
            }
            form.set(Some(next));
        })
    };
    let onvalue = {
        let (form, current) = (form.clone(), current.clone());
        Callback::from(move |v: String| {
            let mut next = current.clone();
            next.value = StatementValue::from_id(&v);
            form.set(Some(next));
        })
    };
    let add_item = {
        let (form, current) = (form.clone(), current.clone());
        Callback::from(move |_: MouseEvent| {
            let mut next = current.clone();
            next.evidence.push(EvidenceForm::default());
            let at = evidence_field(next.evidence.len() - 1, "what");
            form.set(Some(next));
            crate::app::components::focus_after_render(at);
        })
    };
    let remove_item = |i: usize| {
        let (form, current) = (form.clone(), current.clone());
        Callback::from(move |_: MouseEvent| {
            let mut next = current.clone();
            if i < next.evidence.len() {
                next.evidence.remove(i);
            }
            if next.evidence.is_empty() {
                next.evidence.push(EvidenceForm::default());
            }
            form.set(Some(next));
            crate::app::components::focus_after_render("add-evidence".into());
        })
    };
    let onsubmit = {
        let (current, errors, attempts, back, id) = (
            current.clone(),
            errors.clone(),
            attempts.clone(),
            back.clone(),
            statement.id.clone(),
        );
        let form = form.clone();
        Callback::from(move |ev: SubmitEvent| {
            ev.prevent_default();
            match current.check() {
                Err(found) => {
                    attempts.set(*attempts + 1);
                    errors.set(found);
                }
                Ok(answer) => {
                    form.set(None);
                    store.dispatch(Action::EditThen(
                        Edit::SetStatement {
                            statement: id.clone(),
                            answer: Some(answer),
                        },
                        Flash::success("Statement saved"),
                    ));
                    if let Some(nav) = &navigator {
                        nav.push(&back);
                    }
                }
            }
        })
    };
    let choices: Vec<Choice> = StatementValue::ALL
        .iter()
        .map(|v| Choice::new(v.id(), v.label()))
        .collect();
    let kinds: Vec<Choice> = EvidenceKind::ALL
        .iter()
        .map(|k| Choice::new(k.id(), k.label()))
        .collect();
    html! {
        <Page title={format!("Statement {}", statement.id)} caption={AttrValue::from(format!("{} – {}", a.force, group.name))} back={back}>
            <SavedStatus />
            <ErrorSummary errors={(*errors).clone()} attempt={*attempts} />
            { form.notice() }
            <p class="lead" id="statement-text">{&statement.text}</p>
            <p class="hint">{format!("Source: {}", statement.citations.join("; "))}</p>
            <form {onsubmit} novalidate=true>
                { radios(&yew::props!(RadiosProps {
                    name: "statement-value",
                    legend: html! { "How far does the force meet it?" },
                    inline: true,
                    choices,
                    selected: current.value.map(|v| AttrValue::Static(v.id())),
                    error: error_for(&errors, "statement-value").map(AttrValue::from),
                    onchange: onvalue,
                })) }
                { textarea(&yew::props!(TextareaProps {
                    id: "statement-note",
                    label: "Why",
                    value: current.note.clone(),
                    rows: 4,
                    hint: Some(AttrValue::Static("What the force does, and where it falls short. Needed when the statement is partly met, not met or not applicable.")),
                    error: error_for(&errors, "statement-note").map(AttrValue::from),
                    oninput: set(|f, v| f.note = v),
                })) }
                <h2 class="heading-m">{"Evidence"}</h2>
                <p class="hint">{"What the force holds that shows it. A statement answered without evidence still counts, and is listed as evidence to find."}</p>
                { for current.evidence.iter().enumerate().map(|(i, e)| {
                    let n = i + 1;
                    html! {
                        <fieldset class="fieldset evidence-item" key={i}>
                            <legend class="fieldset__legend">{format!("Item {n}")}</legend>
                            <div class="form-group">
                                <label class="label" for={evidence_field(i, "kind")}>{format!("Item {n}: kind")}</label>
                                <select class="select" id={evidence_field(i, "kind")}
                                    onchange={{
                                        let cb = set_item(i, |e, v| e.kind = EvidenceKind::from_id(&v).unwrap_or(EvidenceKind::Other));
                                        Callback::from(move |ev: Event| cb.emit(crate::app::components::event_value(&ev)))
                                    }}>
                                    { for kinds.iter().map(|k| html! {
                                        <option value={k.value.clone()} selected={k.value.as_str() == e.kind.id()}>{k.label.clone()}</option>
                                    }) }
                                </select>
                            </div>
                            { text_input(&yew::props!(TextInputProps {
                                id: evidence_field(i, "what"),
                                label: AttrValue::from(format!("Item {n}: what it is")),
                                value: e.what.clone(),
                                hint: AttrValue::Static("For example: Vulnerability board minutes, March 2025"),
                                error: error_for(&errors, &evidence_field(i, "what")).map(AttrValue::from),
                                oninput: set_item(i, |e, v| e.what = v),
                            })) }
                            { text_input(&yew::props!(TextInputProps {
                                id: evidence_field(i, "holder"),
                                label: AttrValue::from(format!("Item {n}: who holds it")),
                                value: e.holder.clone(),
                                error: error_for(&errors, &evidence_field(i, "holder")).map(AttrValue::from),
                                oninput: set_item(i, |e, v| e.holder = v),
                            })) }
                            { text_input(&yew::props!(TextInputProps {
                                id: evidence_field(i, "date"),
                                label: AttrValue::from(format!("Item {n}: its date")),
                                kind: "date",
                                width: "width-date",
                                value: e.date.clone(),
                                error: error_for(&errors, &evidence_field(i, "date")).map(AttrValue::from),
                                oninput: set_item(i, |e, v| e.date = v),
                            })) }
                            <button type="button" class="button button--secondary" onclick={remove_item(i)}>{format!("Remove item {n}")}</button>
                        </fieldset>
                    }
                }) }
                <div class="button-group">
                    <button type="button" class="button button--secondary" id="add-evidence" onclick={add_item}>{"Add another item"}</button>
                </div>
                <button type="submit" class="button">{"Save the statement"}</button>
            </form>
        </Page>
    }
}

/// The force-level findings, for the printed report: each group with its
/// answers counted and the statements not fully met with their notes, then
/// the evidence still to find.
pub fn force_level_findings(p: &OpenProps) -> Html {
    let fw = &p.open.framework;
    let a = &p.open.assessment;
    html! {
        <>
            { for fw.statement_groups().into_iter().map(|g| {
                let c = counts(a, &g);
                let short: Vec<(String, String, StatementValue, String)> = g
                    .statements
                    .iter()
                    .filter_map(|s| {
                        let x = answer(a, &s.id)?;
                        let v = x.value.filter(|v| matches!(v, StatementValue::PartlyMet | StatementValue::NotMet))?;
                        Some((s.id.clone(), s.text.clone(), v, x.note.clone()))
                    })
                    .collect();
                html! {
                    <section class="report-topic" key={g.id}>
                        <h3 class="heading-m">{g.name}</h3>
                        <p>{format!(
                            "{} of {} statements answered: {} met, {} partly met, {} not met, {} not applicable.",
                            c.answered(), c.total(), c.met, c.partly_met, c.not_met, c.not_applicable
                        )}</p>
                        if !short.is_empty() {
                            <ul class="list list--bullet">
                                { for short.iter().map(|(id, text, v, note)| html! {
                                    <li>
                                        <strong>{format!("{id} ({}): ", v.label().to_ascii_lowercase())}</strong>{text}
                                        if !note.is_empty() { <br /><span class="hint">{note}</span> }
                                    </li>
                                }) }
                            </ul>
                        }
                    </section>
                }
            }) }
            { evidence_to_do(&yew::props!(OpenProps { open: p.open.clone(), links: p.links })) }
        </>
    }
}
