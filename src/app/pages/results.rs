use crate::app::components::{table, TableProps};
use yew::prelude::*;
use yew_router::prelude::*;

use super::frame::{assessment_frame, gate, FrameProps, OpenProps, Section};
use super::tasks::{open_refer_backs, IdProps};
use crate::app::components::{
    grade_chart, grade_table, radios, stage_table, Choice, GradeChartProps, GradeTableProps,
    RadiosProps, StageTableProps,
};
use crate::app::hooks::use_open;
use crate::app::state::OpenAssessment;
use crate::app::Route;
use crate::domain::action_plan::share_not_met_in_words;
use crate::domain::assessment::Assessment;
use crate::domain::forms::count;
use crate::domain::results::{Contradiction, CriterionRow, GradeBasis, Results};
use std::rc::Rc;

/// The criteria most often not met, as the results page and the printed
/// report list them.
pub(super) fn most_not_met(a: &Assessment, most: &[&CriterionRow]) -> Html {
    if most.is_empty() {
        return html! { <p>{"No criterion has been answered not met."}</p> };
    }
    html! {
        <ol class="list list--number" id="most-not-met">
            { for most.iter().map(|c| html! {
                <li>
                    <strong>{&c.criterion}</strong>{" "}{&c.text}
                    if c.key { <strong class="tag tag--key">{"Key criterion"}</strong> }
                    <span class="hint">{format!(
                        "Not met in {} of {} where it was judged{}",
                        c.answers.not_met,
                        count(c.answers.scored() as usize, "case"),
                        c.share_not_met.map(|s| format!(" ({})", share_not_met_in_words(a, s))).unwrap_or_default()
                    )}</span>
                </li>
            }) }
        </ol>
    }
}

/// Results of an assessment: open refer-backs first, then grades by case
/// type (table and chart), criteria met per stage, the criteria most often
/// not met, and a link to the calibration.
#[hook]
pub fn use_results_page(p: &IdProps) -> Html {
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
            { assessment_frame(&yew::props!(FrameProps {
                open: open.clone(),
                title: "Results",
                section: Section::Results,
                children: results_fault(&wrong),
            })) }
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
    html! {
        { assessment_frame(&yew::props!(FrameProps {
            open: open.clone(),
            title: "Results",
            section: Section::Results,
            children: html! { <>{ open_refer_backs(&yew::props!(OpenProps { open: open.clone() })) }
            <p>
                {format!("{} of {} cases have a grade.", r.overall.total, r.overall.cases)}
                {" How much has been looked at is on the cases page; this page is about how good it was."}
            </p>
            if has_reviewer {
                { radios(&yew::props!(RadiosProps { name: "basis", legend: html! { "Whose grades to count" }, inline: true, choices: vec![
                        Choice::new("final", "Final (the reviewer's where there is one)"),
                        Choice::new("force", "The force's"),
                        Choice::new("reviewer", "The reviewer's"),
                    ], selected: Some(AttrValue::Static(basis_id)), onchange: onbasis })) }
            }
            <h2 class="heading-l">{"Grades by case type"}</h2>
            { grade_table(&yew::props!(GradeTableProps { caption: AttrValue::from(format!("Grades by case type ({})", r.basis.describe())), rows: r.by_case_type.clone(), combined: r.combined.clone(), overall: r.overall.clone() })) }
            { grade_chart(&yew::props!(GradeChartProps { rows: r.by_case_type.clone() })) }

            <h2 class="heading-l">{"Criteria"}</h2>
            { stage_table(&yew::props!(StageTableProps { rows: r.by_stage.clone() })) }
            <h3 class="heading-m">{"The criteria most often not met"}</h3>
            { most_not_met(a, &most) }

            <h2 class="heading-l" id="contradictions-heading">{"Answers the timeline contradicts"}</h2>
            { contradictions(&yew::props!(ContradictionsProps { open: open.clone(), rows: r.rigour.contradictions.clone(), links: true })) }

            <h2 class="heading-l">{"Calibration"}</h2>
            <p>
                {"How the force's grades compare with an independent reviewer's, case by case and by case type, and how often auditors changed the suggested grade: "}
                <Link<Route> to={Route::Calibration { id: a.id.clone() }}>{"see the calibration"}</Link<Route>>{"."}
            </p></> },
        })) }
    }
}

#[derive(Properties, PartialEq)]
pub struct ContradictionsProps {
    pub open: Rc<OpenAssessment>,
    pub rows: Vec<Contradiction>,
    /// On its own page: cases link to their stage.
    #[prop_or_default]
    pub links: bool,
}

/// What shows instead of figures that do not add up (`Results::check`), on
/// the results page and in the printed report.
pub fn results_fault(wrong: &[crate::domain::results::Inconsistency]) -> Html {
    html! {
        <div class="error-summary" role="alert">
            <h2 class="error-summary__title">{"The results do not add up"}</h2>
            <p>{"This is a fault in the tool. Export the assessment and send it to whoever supports the tool."}</p>
            <ul>{ for wrong.iter().map(|w| html! { <li>{w.to_string()}</li> }) }</ul>
        </div>
    }
}

/// Every answer of met or not applicable where the case's timeline shows an
/// interval over its limit, and whether a note says why it stands.
pub fn contradictions(p: &ContradictionsProps) -> Html {
    let a = &p.open.assessment;
    let fw = &p.open.framework;
    if p.rows.is_empty() {
        return html! {
            <p id="contradictions">{"No answer is contradicted by a case's timeline: wherever the times recorded show an interval over its limit, the answer says so."}</p>
        };
    }
    let (answers, unexplained) = crate::domain::results::answers_contradicted(&p.rows);
    html! {
        <>
            <p>{format!(
                "{} of met or not applicable where the case's own times show the interval over its limit; {} no note saying why the answer stands.",
                crate::domain::forms::count(answers, "answer"),
                if unexplained == 1 { "1 has".to_owned() } else { format!("{unexplained} have") }
            )}</p>
            { table(&yew::props!(TableProps {
                id: "contradictions",
                caption: "Answers the timeline contradicts",
                hidden_caption: true,
                children: html! { <><thead><tr>
                    <th scope="col">{"Case"}</th><th scope="col">{"Criterion"}</th><th scope="col">{"Answer"}</th>
                    <th scope="col">{"What the timeline shows"}</th><th scope="col">{"Why it stands"}</th>
                </tr></thead>
                <tbody>
                    { for p.rows.iter().map(|r| {
                        let stage = fw.criterion(&r.criterion).map(|c| c.stage.clone()).unwrap_or_default();
                        let note = a.case(&r.case).and_then(|c| c.answer(&r.criterion)).map(|x| x.note.clone()).unwrap_or_default();
                        html! {
                            <tr>
                                <th scope="row">
                                    if p.links {
                                        <Link<Route> to={Route::Stage { id: a.id.clone(), case: r.case.clone(), stage }}>{&r.label}</Link<Route>>
                                    } else {
                                        {&r.label}
                                    }
                                </th>
                                <td>{&r.criterion}</td>
                                <td>{r.value.label()}</td>
                                <td>{&r.challenge}</td>
                                <td class="summary-list__value">{if r.explained { note } else { "No note yet".to_owned() }}</td>
                            </tr>
                        }
                    }) }
                </tbody></> },
            })) }
        </>
    }
}
