//! Blind review: a reviewer grades each case from its file without seeing
//! the force's grade, which is shown only once they have graded it. Their
//! grades export on their own and merge back into the force's assessment.

use crate::app::components::{table, TableProps};
use yew::prelude::*;
use yew_router::prelude::*;

use super::case::{case_gate, kind_caption, CaseProps};
use super::export::download_json;
use super::frame::{assessment_frame, gate, FrameProps, Section};
use super::tasks::IdProps;
use crate::app::components::{
    confirm_button, error_for, focus_after_render, radios, text_input, textarea, Choice,
    ConfirmButtonProps, ErrorSummary, Page, RadiosProps, SavedStatus, TextInputProps,
    TextareaProps,
};
use crate::app::drafts::use_draft;
use crate::app::hooks::use_open;
use crate::app::state::{use_store, Action, Flash};
use crate::app::Route;
use crate::domain::assessment::Role;
use crate::domain::edit::Edit;
use crate::domain::forms::{check_review, count, FieldError};
use crate::domain::grade::CaseGrade;
use crate::domain::team::{pack_name, pack_role};

/// The cases to review, which are done, and the reviewer's file.
#[hook]
pub fn use_review_page(p: &IdProps) -> Html {
    let store = use_store();
    let open = match gate(use_open(&p.id)) {
        Ok(o) => o,
        Err(page) => return page,
    };
    let fw = &open.framework;
    let a = &open.assessment;
    let done = a
        .cases
        .iter()
        .filter(|c| c.reviewer_grade.is_some())
        .count();
    let is_pack = a.pack.is_some();
    let role = pack_role(a);
    let return_work = {
        let (a, revision) = (a.clone(), open.revision);
        let label = format!("{} review", a.force);
        Callback::from(move |_: MouseEvent| download_json(&store, &a, &label, 0, revision))
    };
    html! {
        { assessment_frame(&yew::props!(FrameProps {
            open: open.clone(),
            title: "Blind review",
            section: Section::Review,
            children: html! { <>
            if role == Some(Role::Auditor) {
                <p id="review-not-here">{AUDITORS_PACK}</p>
            } else {
            if role == Some(Role::Reviewer) {
                <p>{"Grade each case from its case file. Your pack holds none of the force's grades, so your review stays blind: the lead sets your grades beside the force's once you send them back."}</p>
            } else {
                <p>{"An independent reviewer grades the same cases from the case files, without seeing the force's grades. Each case shows the force's grade only after you have given yours."}</p>
                <div class="inset-text">
                    <p>{"Reviewers: stay on these pages until you have finished. The cases, results and calibration pages show the force's grades."}</p>
                </div>
            }
            <p id="review-progress" class="body-l">{format!("You have graded {done} of {}.", count(a.cases.len(), "case"))}</p>
            if a.cases.is_empty() {
                <p>{"There are no cases to review yet."}</p>
            } else {
                { table(&yew::props!(TableProps { id: "review-cases", caption: "Cases to review", children: html! { <><thead><tr>
                        <th scope="col">{"Case"}</th>
                        <th scope="col">{"Case type"}</th>
                        <th scope="col">{"Your grade"}</th>
                    </tr></thead>
                    <tbody>
                        { for a.cases.iter().map(|c| html! {
                            <tr key={c.id.clone()}>
                                <th scope="row">
                                    <Link<Route> to={Route::ReviewCase { id: a.id.clone(), case: c.id.clone() }}>{c.label()}</Link<Route>>
                                </th>
                                <td>{fw.case_type(&c.case_type).map_or(c.case_type.clone(), |t| t.name.clone())}</td>
                                <td>{c.reviewer_grade.as_ref().map_or_else(|| "Not graded yet".to_owned(), |g| g.grade.label().to_owned())}</td>
                            </tr>
                        }) }
                    </tbody></> } })) }
            }
            <h2 class="heading-m">{"Send your grades back"}</h2>
            if is_pack {
                <p>{"Download your work and send the file to the lead. It holds your grades, by case; the lead brings them into the assessment, and a grade that differs from one already there is shown to the lead, never overwritten. Download it again whenever you have graded more: the same grades are never taken twice."}</p>
                <button type="button" class="button button--secondary" onclick={return_work}>{"Download your grades to return (JSON)"}</button>
            } else {
                <p>
                    {"Grades given here are the assessment's already. A reviewer working on their own computer takes a blind review pack from "}
                    <Link<Route> to={Route::Team { id: a.id.clone() }}>{"the team page"}</Link<Route>>
                    {", and their grades come back on the Import page."}
                </p>
            }
            }</> },
        })) }
    }
}

/// Said in an auditor's pack, which returns the audit only.
const AUDITORS_PACK: &str = "This is an auditor's work pack: it returns your audit of the cases allocated to you. The blind review is given by a reviewer, in a reviewer's pack the lead makes, so no grade can be given here.";

/// One case, graded blind; the force's grade appears once the reviewer's is saved.
#[hook]
pub fn use_review_case_page(p: &CaseProps) -> Html {
    let store = use_store();
    // The grade chosen, the reviewer's name and the reasons typed, until saved.
    let form = use_draft::<(Option<String>, String, String)>(&[&p.id, "case", &p.case, "review"]);
    let editing = use_state(|| false);
    let errors = use_state(Vec::<FieldError>::new);
    let attempts = use_state(|| 0u32);
    let removing = use_state(|| false);
    let (open, case) = match case_gate(gate(use_open(&p.id)), &p.case) {
        Ok(x) => x,
        Err(page) => return page,
    };
    let fw = open.framework.clone();
    let a = &open.assessment;
    let current = case.reviewer_grade.clone();
    // The name last used on any case, so a reviewer types it once.
    let last_reviewer = a
        .cases
        .iter()
        .filter_map(|c| c.reviewer_grade.as_ref())
        .map(|g| g.reviewer.clone())
        .next_back()
        // On a reviewer's pack, the name the lead gave them.
        .or_else(|| pack_name(a).map(str::to_owned))
        .unwrap_or_default();
    // A reviewer's pack holds no force grades: the review stays blind, and
    // the lead sets the two grades side by side. An auditor's pack gives no
    // blind grade at all.
    let role = pack_role(a);
    let blind = role == Some(Role::Reviewer);
    let list = Route::Review { id: a.id.clone() };
    if role == Some(Role::Auditor) {
        return html! {
            <Page title={format!("Review case {}", case.label())} caption={kind_caption(&open, &case)} back={list}>
                <p id="review-not-here">{AUDITORS_PACK}</p>
            </Page>
        };
    }
    let (selected, reviewer_text, note_text) = form.current((
        current.as_ref().map(|g| g.grade.id().to_owned()),
        current
            .as_ref()
            .map_or(last_reviewer.clone(), |g| g.reviewer.clone()),
        current.as_ref().map(|g| g.note.clone()).unwrap_or_default(),
    ));
    // Typing kept from an earlier visit shows the form again.
    let show_form = current.is_none() || *editing || form.kept();
    let position = a.cases.iter().position(|c| c.id == case.id).unwrap_or(0);
    let next = a.cases.get(position + 1).map(|c| c.id.clone());

    let onsubmit = {
        let store = store.clone();
        let (errors, attempts, editing) = (errors.clone(), attempts.clone(), editing.clone());
        let (reviewer_text, note_text, case_id) =
            (reviewer_text.clone(), note_text.clone(), case.id.clone());
        let grade = selected.as_deref().and_then(CaseGrade::from_id);
        let form = form.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match check_review(grade, &reviewer_text, &note_text) {
                Err(found) => {
                    attempts.set(*attempts + 1);
                    errors.set(found);
                }
                Ok(g) => {
                    errors.set(Vec::new());
                    editing.set(false);
                    form.set(None);
                    // The form gives way to the comparison: focus its heading.
                    focus_after_render("review-comparison-heading".to_owned());
                    store.dispatch(Action::EditHere(
                        Edit::SetReviewerGrade {
                            case: case_id.clone(),
                            grade: Some(g),
                        },
                        Flash::success("Your grade is saved"),
                    ));
                }
            }
        })
    };
    // Taking a grade back (given to the wrong case, say): the case is as
    // if never reviewed, and the form is offered again.
    let remove = {
        let (store, case_id, removing) = (store.clone(), case.id.clone(), removing.clone());
        let form = form.clone();
        Callback::from(move |()| {
            removing.set(false);
            form.set(None);
            focus_after_render("review-reviewer".to_owned());
            store.dispatch(Action::EditHere(
                Edit::SetReviewerGrade {
                    case: case_id.clone(),
                    grade: None,
                },
                Flash::success("Your grade is removed"),
            ));
        })
    };
    let choices: Vec<Choice> = CaseGrade::ALL
        .iter()
        .map(|g| {
            let meaning = fw
                .case_grade_level(*g)
                .map(|l| l.meaning.clone())
                .unwrap_or_default();
            Choice::new(g.id(), g.label()).hint(meaning)
        })
        .collect();

    let comparison = current.as_ref().filter(|_| !show_form).map(|g| {
        let force = case.force_grade.as_ref().filter(|_| !blind);
        let apart = force.map(|f| f.grade.rank().abs_diff(g.grade.rank()));
        html! {
            <div class="panel" id="review-comparison">
                <h2 class="heading-m" id="review-comparison-heading" tabindex="-1">{if blind { "Your grade is saved" } else { "Your grade and the force's" }}</h2>
                <dl class="summary-list">
                    <div class="summary-list__row"><dt class="summary-list__key">{"Your grade"}</dt><dd class="summary-list__value">{g.grade.label()}</dd></div>
                    if !g.note.trim().is_empty() {
                        <div class="summary-list__row"><dt class="summary-list__key">{"Your reasons"}</dt><dd class="summary-list__value">{g.note.clone()}</dd></div>
                    }
                    if !blind {
                        <div class="summary-list__row"><dt class="summary-list__key">{"The force's grade"}</dt><dd class="summary-list__value">{force.map_or_else(|| "Not graded by the force yet".to_owned(), |f| f.describe())}</dd></div>
                    }
                </dl>
                if blind {
                    <p>{"Your review pack holds no force grades. The lead sees yours beside the force's once your grades are brought back."}</p>
                }
                {match apart {
                    Some(0) => html! { <p>{"You and the force gave the same grade."}</p> },
                    Some(2) => html! { <p><strong class="tag tag--red">{"Two grades apart"}</strong>{" This case is listed first on the calibration page."}</p> },
                    Some(_) => html! { <p>{"You and the force are one grade apart."}</p> },
                    None => html! {},
                }}
                <div class="button-group">
                    if let Some(next) = next.clone() {
                        <Link<Route> to={Route::ReviewCase { id: a.id.clone(), case: next }} classes="button">{"Review the next case"}</Link<Route>>
                    }
                    <Link<Route> to={list.clone()} classes="button button--secondary">{"Back to the cases to review"}</Link<Route>>
                    <button type="button" class="button button--secondary" onclick={{ let (editing, removing) = (editing.clone(), removing.clone()); Callback::from(move |_: MouseEvent| {
                        focus_after_render("review-reviewer".to_owned());
                        // A removal half asked for is dropped with the grade it was for.
                        removing.set(false);
                        editing.set(true);
                    }) }}>{"Change my grade"}</button>
                    { confirm_button(&yew::props!(ConfirmButtonProps { confirming: removing.clone(), label: "Remove my grade", confirm: "Yes, remove my grade", onconfirm: remove.clone() })) }
                </div>
            </div>
        }
    });

    html! {
        <Page title={format!("Review case {}", case.label())} caption={kind_caption(&open, &case)} back={list.clone()}>
            <SavedStatus />
            <ErrorSummary errors={(*errors).clone()} attempt={*attempts} />
            { form.notice() }
            if let Some(c) = comparison {
                {c}
            } else {
                <p>{"Grade the quality of police practice in this case from its file, against the criteria below, not the outcome for the child. "}
                    {if blind { "The force's grades are not in your review pack." } else { "The force's grade is shown once you have saved yours." }}</p>
                <h2 class="heading-m">{"What to look for"}</h2>
                { for fw.stages.iter().filter_map(|s| {
                    let criteria: Vec<_> = case.criteria(&fw).filter(|c| c.stage == s.id).collect();
                    (!criteria.is_empty()).then(|| html! {
                        <details class="details">
                            <summary class="details__summary">{format!("{} ({} {})", s.name, criteria.len(), if criteria.len() == 1 { "criterion" } else { "criteria" })}</summary>
                            <ul class="list list--bullet details__text">
                                { for criteria.iter().map(|k| html! {
                                    <li>
                                        <strong>{&k.id}</strong>{" "}{&k.text}
                                        if k.is_key_for(&case.case_type) { {" "}<strong class="tag tag--key">{"Key criterion"}</strong> }
                                    </li>
                                }) }
                            </ul>
                        </details>
                    })
                }) }
                <form {onsubmit} novalidate=true>
                    { text_input(&yew::props!(TextInputProps {
                        id: "review-reviewer",
                        label: "Who is reviewing",
                        value: reviewer_text.clone(),
                        hint: AttrValue::Static("A name, a unit or a partner agency"),
                        error: error_for(&errors, "review-reviewer").map(AttrValue::from),
                        oninput: { let (form, g, n) = (form.clone(), selected.clone(), note_text.clone()); Callback::from(move |v: String| form.set(Some((g.clone(), v, n.clone())))) },
                    })) }
                    { radios(&yew::props!(RadiosProps {
                        name: "review-grade",
                        legend: html! { "Your grade for this case" },
                        legend_m: true,
                        choices,
                        selected: selected.clone().map(AttrValue::from),
                        error: error_for(&errors, "review-grade").map(AttrValue::from),
                        onchange: { let (form, r, n) = (form.clone(), reviewer_text.clone(), note_text.clone()); Callback::from(move |v: String| form.set(Some((Some(v), r.clone(), n.clone())))) },
                    })) }
                    { textarea(&yew::props!(TextareaProps {
                        id: "review-note",
                        label: "Your reasons (optional)",
                        value: note_text.clone(),
                        error: error_for(&errors, "review-note").map(AttrValue::from),
                        oninput: { let (form, g, r) = (form.clone(), selected.clone(), reviewer_text.clone()); Callback::from(move |v: String| form.set(Some((g.clone(), r.clone(), v)))) },
                    })) }
                    <button type="submit" class="button">{"Save my grade"}</button>
                </form>
            }
        </Page>
    }
}
