//! The team: who the lead shares the cases out to, how far each has got,
//! their work packs to download, and cases allocated by type and count.

use crate::app::components::{table, TableProps};
use yew::prelude::*;
use yew_router::prelude::*;

use super::frame::{assessment_frame, gate, FrameProps};
use super::tasks::{role_name, IdProps};
use crate::app::components::{
    error_for, focus_after_render, radios, text_input, today, warning_text, Choice, ErrorSummary,
    RadiosProps, TextInputProps, WarningTextProps,
};
use crate::app::download::{download, file_name};
use crate::app::hooks::use_open;
use crate::app::state::{now, use_store, Action, Flash};
use crate::app::Route;
use crate::domain::assessment::Role;
use crate::domain::edit::Edit;
use crate::domain::format;
use crate::domain::forms::{count, FieldError};
use crate::domain::forms::{AllocateForm, MemberForm};
use crate::domain::team::{pack_for, progress};

/// The lead's page for the team.
#[hook]
pub fn use_team_page(p: &IdProps) -> Html {
    let store = use_store();
    let member_form = use_state(MemberForm::default);
    let allocate_form = use_state(|| AllocateForm {
        count: "1".into(),
        ..Default::default()
    });
    let errors = use_state(Vec::<FieldError>::new);
    let attempts = use_state(|| 0u32);
    // The member whose taking off waits for a second press, by id and
    // name: if another tab takes them off and gives the id to someone new,
    // the question closes rather than turn to them (found in review).
    let removing = use_state(|| None::<(String, String)>);
    let open = match gate(use_open(&p.id)) {
        Ok(o) => o,
        Err(page) => return page,
    };
    let a = &open.assessment;
    let fw = open.framework.clone();
    if a.pack.is_some() {
        return html! {
            { assessment_frame(&yew::props!(FrameProps {
                open: open.clone(),
                title: "The team",
                back: Some(Route::Assessment { id: a.id.clone() }),
                children: html! { <><p>{"This is a work pack: the lead shares the cases out and makes the packs."}</p></> },
            })) }
        };
    }
    let rows = progress(&open.framework, a);
    let auditors: Vec<_> = a.team.iter().filter(|m| m.role == Role::Auditor).collect();

    let add_member = {
        let store = store.clone();
        let form = member_form.clone();
        let errors = errors.clone();
        let attempts = attempts.clone();
        let a = a.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match form.check(&a) {
                Err(found) => {
                    attempts.set(*attempts + 1);
                    errors.set(found);
                }
                Ok((name, role)) => {
                    store.dispatch(Action::EditHere(
                        Edit::AddMember {
                            name: name.clone(),
                            role,
                        },
                        Flash::success(format!("{name} added to the team")),
                    ));
                    errors.set(Vec::new());
                    form.set(MemberForm::default());
                    focus_after_render("member-name".into());
                }
            }
        })
    };
    let allocate = {
        let store = store.clone();
        let form = allocate_form.clone();
        let errors = errors.clone();
        let attempts = attempts.clone();
        let a = a.clone();
        let fw = fw.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match form.check(&fw, &a) {
                Err(found) => {
                    attempts.set(*attempts + 1);
                    errors.set(found);
                }
                Ok((member, case_type, n)) => {
                    let name = a
                        .team
                        .iter()
                        .find(|m| m.id == member)
                        .map(|m| m.name.clone())
                        .unwrap_or_default();
                    let kind = fw
                        .case_type(&case_type)
                        .map(|t| t.name.to_ascii_lowercase())
                        .unwrap_or_default();
                    store.dispatch(Action::EditHere(
                        Edit::AllocateByType {
                            case_type,
                            count: n,
                            member,
                        },
                        Flash::success(format!(
                            "{} of {kind} allocated to {name}",
                            count(n as usize, "case")
                        )),
                    ));
                    errors.set(Vec::new());
                }
            }
        })
    };
    let pack = |member: &crate::domain::assessment::Member| {
        let (store, a, member) = (store.clone(), a.clone(), member.clone());
        Callback::from(move |_: MouseEvent| {
            let pack = pack_for(&a, &member, Some(now()));
            match format::export(&pack, Some(now()), 0) {
                Ok(text) => download(
                    &file_name(
                        &format!("{} work pack {}", a.force, member.name),
                        &today().to_string(),
                        "json",
                    ),
                    "application/json",
                    &text,
                ),
                Err(e) => store.dispatch(Action::Flash(Flash::problem(
                    "The work pack could not be made",
                    e,
                ))),
            }
        })
    };
    // Taking someone off the team asks first (found in review): the work
    // pack they hold can no longer come back once they are off it.
    let ask_remove = |id: String, name: String| {
        let removing = removing.clone();
        Callback::from(move |_: MouseEvent| {
            removing.set(Some((id.clone(), name.clone())));
            focus_after_render("remove-member".into());
        })
    };
    let cancel_remove = |id: String| {
        let removing = removing.clone();
        Callback::from(move |_: MouseEvent| {
            removing.set(None);
            focus_after_render(format!("remove-{id}"));
        })
    };
    let remove = |id: String, name: String| {
        let store = store.clone();
        let removing = removing.clone();
        Callback::from(move |_: MouseEvent| {
            removing.set(None);
            store.dispatch(Action::EditHere(
                Edit::RemoveMember { member: id.clone() },
                Flash::success(format!(
                    "{name} taken off the team; their cases are no longer allocated"
                )),
            ));
            focus_after_render("member-name".into());
        })
    };
    let set_member = |f: fn(&mut MemberForm, String)| {
        let form = member_form.clone();
        Callback::from(move |v: String| {
            let mut next = (*form).clone();
            f(&mut next, v);
            form.set(next);
        })
    };
    let set_allocate = |f: fn(&mut AllocateForm, String)| {
        let form = allocate_form.clone();
        Callback::from(move |v: String| {
            let mut next = (*form).clone();
            f(&mut next, v);
            form.set(next);
        })
    };
    html! {
        { assessment_frame(&yew::props!(FrameProps {
            open: open.clone(),
            title: "The team",
            back: Some(Route::Assessment { id: a.id.clone() }),
            children: html! { <><ErrorSummary errors={(*errors).clone()} attempt={*attempts} />
            <p>{"Share the cases out: each auditor takes a work pack of the cases allocated to them to their own computer, and sends their work back as a file; a reviewer takes a blind pack of every case. Bring the files back on the Import page: each case is merged on its own, and a case changed on both sides waits for your choice."}</p>
            if rows.is_empty() {
                <p id="team-empty">{"No one is in the team yet."}</p>
            } else {
                { table(&yew::props!(TableProps { id: "team", caption: "The team", children: html! { <><thead><tr>
                        <th scope="col">{"Member"}</th>
                        <th scope="col" class="table__numeric">{"Allocated"}</th>
                        <th scope="col" class="table__numeric">{"Started"}</th>
                        <th scope="col" class="table__numeric">{"Complete"}</th>
                        <th scope="col">{"Work pack"}</th>
                    </tr></thead>
                    <tbody>
                        { for rows.iter().zip(&a.team).map(|(r, m)| html! {
                            <tr key={m.id.clone()}>
                                <th scope="row">{format!("{} ({})", m.name, role_name(m.role))}</th>
                                <td class="table__numeric">{r.allocated}</td>
                                <td class="table__numeric">{if m.role == Role::Reviewer { format!("{} graded", r.graded) } else { r.started.to_string() }}</td>
                                <td class="table__numeric">{if m.role == Role::Reviewer { "–".to_owned() } else { r.completed.to_string() }}</td>
                                <td>
                                    <button type="button" class="button button--secondary button--small" onclick={pack(m)}>
                                        {"Download the work pack"}<span class="visually-hidden">{format!(" for {}", m.name)}</span>
                                    </button>
                                    {" "}
                                    <button type="button" class="link-button" id={format!("remove-{}", m.id)} onclick={ask_remove(m.id.clone(), m.name.clone())}
                                        aria-label={format!("Take off the team: {}", m.name)}>
                                        {"Take off the team"}
                                    </button>
                                </td>
                            </tr>
                        }) }
                    </tbody></> } })) }
            }
            if let Some((m, r)) = removing.as_ref().and_then(|(id, name)| a.team.iter().zip(&rows).find(|(m, _)| m.id == *id && m.name == *name)) {
                <div class="inset-text" id="remove-member" tabindex="-1" role="group" aria-labelledby="remove-member-warning">
                    { warning_text(&yew::props!(WarningTextProps {
                        id: "remove-member-warning",
                        children: html! { <>{format!(
                            "Once {} is off the team, the work pack they hold can no longer be brought back: bring their work back first.{}",
                            m.name,
                            if m.role == Role::Auditor && r.allocated > 0 {
                                format!(" Their {} will be allocated to no one.", count(r.allocated as usize, "case"))
                            } else {
                                String::new()
                            }
                        )}</> },
                    })) }
                    <div class="button-group">
                        <button type="button" class="button button--warning" onclick={remove(m.id.clone(), m.name.clone())}>{format!("Yes, take {} off the team", m.name)}</button>
                        <button type="button" class="link-button" onclick={cancel_remove(m.id.clone())}>{"Cancel"}</button>
                    </div>
                </div>
            }

            <h2 class="heading-m">{"Add someone to the team"}</h2>
            <form onsubmit={add_member} novalidate=true>
                { text_input(&yew::props!(TextInputProps { id: "member-name", label: "Name or role", value: member_form.name.clone(), hint: AttrValue::Static("As the team knows them, for example DS Ash or Peer reviewer, Northshire Police"), error: error_for(&errors, "member-name").map(AttrValue::from), oninput: set_member(|f, v| f.name = v) })) }
                { radios(&yew::props!(RadiosProps { name: "member-role", legend: html! { "What do they do?" }, choices: vec![
                        Choice::new("auditor", "Audits the cases allocated to them"),
                        Choice::new("reviewer", "Reviews every case, blind"),
                    ], selected: (!member_form.role.is_empty()).then(|| AttrValue::from(member_form.role.clone())), error: error_for(&errors, "member-role").map(AttrValue::from), onchange: set_member(|f, v| f.role = v) })) }
                <button type="submit" class="button">{"Add to the team"}</button>
            </form>

            if !auditors.is_empty() {
                <h2 class="heading-m">{"Allocate cases"}</h2>
                <p>{"By case type and count: cases of that type already added, that no one holds and no one has started, go first; new planned cases make up the number, for the auditor to fill in. To allocate one particular case, change its details."}</p>
                <form onsubmit={allocate} novalidate=true>
                    { radios(&yew::props!(RadiosProps { name: "allocate-member", legend: html! { "To which auditor?" }, choices: auditors.iter().map(|m| Choice::new(m.id.clone(), m.name.clone())).collect::<Vec<_>>(), selected: (!allocate_form.member.is_empty()).then(|| AttrValue::from(allocate_form.member.clone())), error: error_for(&errors, "allocate-member").map(AttrValue::from), onchange: set_allocate(|f, v| f.member = v) })) }
                    { radios(&yew::props!(RadiosProps { name: "allocate-type", legend: html! { "Which case type?" }, choices: fw.case_types.iter().map(|t| Choice::new(t.id.clone(), t.name.clone())).collect::<Vec<_>>(), selected: (!allocate_form.case_type.is_empty()).then(|| AttrValue::from(allocate_form.case_type.clone())), error: error_for(&errors, "allocate-type").map(AttrValue::from), onchange: set_allocate(|f, v| f.case_type = v) })) }
                    { text_input(&yew::props!(TextInputProps { id: "allocate-count", label: "How many cases?", value: allocate_form.count.clone(), width: "width-3", inputmode: "numeric", error: error_for(&errors, "allocate-count").map(AttrValue::from), oninput: set_allocate(|f, v| f.count = v) })) }
                    <button type="submit" class="button">{"Allocate the cases"}</button>
                </form>
            }
            <p><Link<Route> to={Route::ImportInto { id: a.id.clone() }}>{"Bring work back from the team's files"}</Link<Route>></p></> },
        })) }
    }
}
