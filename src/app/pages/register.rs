//! The refer-back register: every case referred back, open or closed, with
//! overdue ones first and marked.

use crate::app::components::{table, TableProps};
use yew::prelude::*;
use yew_router::prelude::*;

use super::frame::{assessment_frame, gate, FrameProps, Section};
use super::tasks::IdProps;
use crate::app::components::today;
use crate::app::Route;
use crate::domain::forms::count;
use crate::domain::register::{register, summary, Entry, Standing};

#[derive(Properties, PartialEq)]
pub struct RegisterTableProps {
    pub entries: Vec<Entry>,
    /// The assessment, to link each case to its refer-back; none in print.
    #[prop_or_default]
    pub link_to: Option<String>,
}

/// The register as a table: case, reason, owner, deadline, where it stands.
pub fn register_table(p: &RegisterTableProps) -> Html {
    let standing = |e: &Entry| match e.standing {
        Standing::Overdue { days } => html! {
            <strong class="tag tag--red">{format!("Overdue by {}", count(days.unsigned_abs() as usize, "day"))}</strong>
        },
        Standing::Open => html! { <span class="tag tag--yellow">{"Open"}</span> },
        Standing::Closed { on } => html! {
            <>
                <span class="tag tag--green">{"Closed"}</span>
                <span class="hint">{format!(" {}: {}", on.long(), e.closure_note)}</span>
            </>
        },
    };
    let case = |e: &Entry| match &p.link_to {
        Some(id) => html! {
            <Link<Route> to={Route::ReferBack { id: id.clone(), case: e.case.clone() }}>{&e.reference}</Link<Route>>
        },
        None => html! { {&e.reference} },
    };
    html! {
        { table(&yew::props!(TableProps {
            id: "refer-back-register",
            caption: "Refer-backs, overdue first",
            children: html! { <><thead>
                <tr>
                    <th scope="col">{"Case"}</th>
                    <th scope="col">{"Why it was referred back"}</th>
                    <th scope="col">{"Owner"}</th>
                    <th scope="col">{"Deadline"}</th>
                    <th scope="col">{"Status"}</th>
                </tr>
            </thead>
            <tbody>
                { for p.entries.iter().map(|e| html! {
                    <tr>
                        <th scope="row"><span class="table__text">{case(e)}</span><span class="hint">{format!(" {}", e.case_type)}</span></th>
                        <td class="table__text">{&e.reason}</td>
                        <td>{&e.owner}</td>
                        <td>{e.deadline.map_or_else(|| "None set".to_owned(), |d| d.long())}</td>
                        <td>{standing(e)}</td>
                    </tr>
                }) }
            </tbody></> },
        })) }
    }
}

/// Every refer-back of the assessment, as it stands today.
#[hook]
pub fn use_refer_backs_page(p: &IdProps) -> Html {
    let open = match gate(crate::app::hooks::use_open(&p.id)) {
        Ok(o) => o,
        Err(page) => return page,
    };
    let entries = register(&open.assessment, &open.framework, today());
    html! {
        { assessment_frame(&yew::props!(FrameProps {
            open: open.clone(),
            title: "Refer-backs",
            section: Section::ReferBacks,
            children: html! { <><p>{"Every case referred back for urgent action, open or closed. A refer-back past its deadline is marked overdue. Open a case to update or close its refer-back."}</p>
            <p class="body-l" id="register-summary">{summary(&entries)}</p>
            if !entries.is_empty() {
                { register_table(&yew::props!(RegisterTableProps { entries: entries, link_to: Some(open.assessment.id.clone()) })) }
            }</> },
        })) }
    }
}
