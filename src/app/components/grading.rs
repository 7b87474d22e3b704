use std::rc::Rc;

use yew::prelude::*;

use crate::app::state::OpenAssessment;
use crate::domain::grade::{percent, suggest, CaseGrade};

/// The colour of a grade's tag.
pub fn grade_colour(g: CaseGrade) -> &'static str {
    match g {
        CaseGrade::Good => "green",
        CaseGrade::RequiresImprovement => "yellow",
        CaseGrade::Inadequate => "red",
    }
}

#[derive(Properties, PartialEq)]
pub struct SuggestedGradeProps {
    pub open: Rc<OpenAssessment>,
    pub case: AttrValue,
}

/// The grade the rule suggests from the answers so far, and why. Updates as
/// answers change; the grade line is announced politely to screen readers.
#[component]
pub fn SuggestedGrade(p: &SuggestedGradeProps) -> Html {
    // After each render with a new version: a changed answer is on screen.
    use_effect_with(p.open.revision, |_| crate::app::perf::change_shown());
    let fw = &p.open.framework;
    let Some(case) = p.open.assessment.case(&p.case) else {
        return html! {};
    };
    let s = suggest(fw, case);
    html! {
        <div class="panel" id="suggested-grade">
            <h2 class="panel__title">{"Suggested grade"}</h2>
            <p aria-live="polite" aria-atomic="true" id="suggested-grade-value">
                { match s.grade {
                    Some(g) => html! {
                        <>
                            <strong class={classes!("tag", format!("tag--{}", grade_colour(g)))}>{g.label()}</strong>
                            if let Some(score) = s.score { {format!(" Score {}", percent(score))} }
                        </>
                    },
                    None => html! { {"None yet"} },
                } }
            </p>
            <ul class="list list--bullet">
                { for s.reasons.iter().map(|r| html! { <li>{r.describe(fw)}</li> }) }
            </ul>
        </div>
    }
}
