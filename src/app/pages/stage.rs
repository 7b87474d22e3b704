use yew::prelude::*;
use yew_router::prelude::*;

use super::case::{case_caption, case_gate};
use super::frame::gate;
use crate::app::components::{CriterionAnswer, Page, SavedStatus, SuggestedGrade};
use crate::app::hooks::use_open;
use crate::app::Route;

#[derive(Properties, PartialEq)]
pub struct StageProps {
    pub id: AttrValue,
    pub case: AttrValue,
    pub stage: AttrValue,
}

/// The criteria of one stage that apply to the case's type, each answered
/// with evidence, beside the suggested grade as it changes.
#[component]
pub fn StagePage(p: &StageProps) -> Html {
    let (open, case) = match case_gate(gate(use_open(&p.id)), &p.case) {
        Ok(x) => x,
        Err(page) => return page,
    };
    let fw = open.framework.clone();
    let id = open.assessment.id.clone();
    let Some(stage) = fw.stage(&p.stage) else {
        return html! {
            <Page title="Stage not found" back={Route::Case { id, case: case.id.clone() }}>
                <p>{"The framework has no such stage."}</p>
            </Page>
        };
    };
    let criteria: Vec<_> = case
        .criteria(&fw)
        .filter(|c| c.stage == stage.id)
        .cloned()
        .collect();
    // The next stage that has criteria for this case type.
    let next = fw
        .stages
        .iter()
        .skip_while(|s| s.id != stage.id)
        .skip(1)
        .find(|s| case.criteria(&fw).any(|c| c.stage == s.id));
    html! {
        <Page title={stage.name.clone()} caption={case_caption(&open, &case)}
            back={Route::Case { id: id.clone(), case: case.id.clone() }}>
            <SavedStatus />
            <p>{&stage.description}</p>
            <p class="hint">{"Answer each criterion from the case file. Every answer is saved as you go. Partly met and not met need evidence."}</p>
            <div class="grid-row">
                <div class="grid-main">
                    if criteria.is_empty() {
                        <p>{"No criteria of this stage apply to this case type."}</p>
                    }
                    { for criteria.into_iter().map(|c| {
                        let id = c.id.clone();
                        let is_key = c.is_key_for(&case.case_type);
                        html! { <CriterionAnswer key={id} open={open.clone()} case={case.id.clone()} criterion={c} {is_key} /> }
                    }) }
                </div>
                <div class="grid-side">
                    <div class="sticky">
                        <SuggestedGrade open={open.clone()} case={case.id.clone()} />
                    </div>
                </div>
            </div>
            <div class="button-group">
                { match next {
                    Some(n) => html! {
                        <Link<Route> to={Route::Stage { id: id.clone(), case: case.id.clone(), stage: n.id.clone() }} classes="button">
                            {format!("Next stage: {}", n.name)}
                        </Link<Route>>
                    },
                    None => html! {
                        <Link<Route> to={Route::Grade { id: id.clone(), case: case.id.clone() }} classes="button">
                            {"Next: the grade"}
                        </Link<Route>>
                    },
                } }
                <Link<Route> to={Route::Case { id, case: case.id.clone() }}>{"Back to the case"}</Link<Route>>
            </div>
        </Page>
    }
}
