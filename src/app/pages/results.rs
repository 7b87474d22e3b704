use yew::prelude::*;

use super::frame::{gate, Frame, Section};
use super::tasks::{IdProps, OpenReferBacks};
use crate::app::components::{Choice, GradeChart, GradeTable, Radios, StageTable};
use crate::app::hooks::use_open;
use crate::domain::grade::percent;
use crate::domain::results::{GradeBasis, Results};

/// Results of an assessment: open refer-backs first, then grades by case
/// type (table and chart), criteria met per stage, the criteria most often
/// not met, the force against any reviewer, and overrides.
#[component]
pub fn ResultsPage(p: &IdProps) -> Html {
    let basis = use_state(|| GradeBasis::Final);
    let open = match gate(use_open(&p.id)) {
        Ok(o) => o,
        Err(page) => return page,
    };
    let fw = &open.framework;
    let a = &open.assessment;
    let r = Results::compute(fw, a, *basis);
    if let Err(wrong) = r.check() {
        // Never show figures that do not add up.
        return html! {
            <Frame open={open.clone()} title="Results" section={Section::Results}>
                <div class="error-summary" role="alert">
                    <h2 class="error-summary__title">{"The results do not add up"}</h2>
                    <p>{"This is a fault in the tool. Export the assessment and send it to whoever supports the tool."}</p>
                    <ul>{ for wrong.iter().map(|w| html! { <li>{w.to_string()}</li> }) }</ul>
                </div>
            </Frame>
        };
    }
    let has_reviewer = a.cases.iter().any(|c| c.reviewer_grade.is_some());
    let onbasis = {
        let basis = basis.clone();
        Callback::from(move |v: String| {
            if let Ok(b) = v.parse() {
                basis.set(b);
            }
        })
    };
    let basis_id = match *basis {
        GradeBasis::Final => "final",
        GradeBasis::Force => "force",
        GradeBasis::Reviewer => "reviewer",
    };
    let most = r.most_not_met(10);
    let cal = &r.calibration;
    let o = &r.overrides;
    html! {
        <Frame open={open.clone()} title="Results" section={Section::Results}>
            <OpenReferBacks open={open.clone()} />
            <p>
                {format!("{} of {} cases have a grade.", r.overall.total, r.overall.cases)}
                {" How much has been looked at is on the cases page; this page is about how good it was."}
            </p>
            if has_reviewer {
                <Radios name="basis" legend={html! { "Whose grades to count" }} inline=true
                    choices={vec![
                        Choice::new("final", "Final (the reviewer's where there is one)"),
                        Choice::new("force", "The force's"),
                        Choice::new("reviewer", "The reviewer's"),
                    ]}
                    selected={Some(AttrValue::Static(basis_id))} onchange={onbasis} />
            }
            <h2 class="heading-l">{"Grades by case type"}</h2>
            <GradeTable caption={AttrValue::from(format!("Grades by case type ({})", r.basis.describe()))}
                rows={r.by_case_type.clone()} combined={r.combined.clone()} overall={r.overall.clone()} />
            <GradeChart rows={r.by_case_type.clone()} />

            <h2 class="heading-l">{"Criteria"}</h2>
            <StageTable rows={r.by_stage.clone()} />
            <h3 class="heading-m">{"The criteria most often not met"}</h3>
            if most.is_empty() {
                <p>{"No criterion has been answered not met."}</p>
            } else {
                <ol class="list list--number" id="most-not-met">
                    { for most.iter().map(|c| html! {
                        <li>
                            <strong>{&c.criterion}</strong>{" "}{&c.text}
                            if c.key { <strong class="tag tag--key">{"Key criterion"}</strong> }
                            <span class="hint">{format!(
                                "Not met in {} of {} cases where it was judged{}",
                                c.answers.not_met,
                                c.answers.scored(),
                                c.share_not_met.map(|s| format!(" ({})", percent(s))).unwrap_or_default()
                            )}</span>
                        </li>
                    }) }
                </ol>
            }

            if cal.n > 0 {
                <h2 class="heading-l">{"The force against the reviewer"}</h2>
                <table class="table" id="calibration">
                    <caption class="table__caption">{format!("Cases graded by both ({})", cal.n)}</caption>
                    <thead><tr>
                        <th scope="col">{"Grade given by"}</th>
                        <th scope="col" class="table__numeric">{"Good"}</th>
                        <th scope="col" class="table__numeric">{"Requires improvement"}</th>
                        <th scope="col" class="table__numeric">{"Inadequate"}</th>
                    </tr></thead>
                    <tbody>
                        <tr><th scope="row">{"The force"}</th><td class="table__numeric">{cal.force.good}</td><td class="table__numeric">{cal.force.requires_improvement}</td><td class="table__numeric">{cal.force.inadequate}</td></tr>
                        <tr><th scope="row">{"The reviewer"}</th><td class="table__numeric">{cal.reviewer.good}</td><td class="table__numeric">{cal.reviewer.requires_improvement}</td><td class="table__numeric">{cal.reviewer.inadequate}</td></tr>
                    </tbody>
                </table>
                <p>
                    {format!("Same grade in {} of {} cases ({}). ", (0..3).map(|i| cal.cross[i][i]).sum::<u32>(), cal.n, cal.exact_agreement.map(percent).unwrap_or_default())}
                    {match cal.weighted_kappa {
                        Some(k) => format!("Linear-weighted kappa {k:.2} (n = {}).", cal.n),
                        None => "Kappa is not defined for these grades.".into(),
                    }}
                </p>
                <p class="hint">{"Kappa measures agreement beyond what chance alone would give: 1 is full agreement, 0 no better than chance. Linear weights count grades one apart as half agreeing."}</p>
            }

            <h2 class="heading-l">{"Suggested grades changed"}</h2>
            if o.decided == 0 {
                <p>{"No grade has been confirmed yet."}</p>
            } else {
                <p id="overrides">{format!(
                    "Of {} grades confirmed, {} took the suggestion, {} were changed to a better grade and {} to a worse one.",
                    o.decided, o.confirmed, o.kinder, o.harsher
                )}</p>
            }
        </Frame>
    }
}
