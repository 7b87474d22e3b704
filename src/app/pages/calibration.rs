//! Calibration: the force's grades set against an independent reviewer's, in
//! the shape of the 2018 report's Figure 1, case by case, by case type, and
//! how often auditors changed the suggested grade.

use crate::app::components::{table, TableProps};
use yew::prelude::*;
use yew_router::prelude::*;

use super::frame::{assessment_frame, gate, FrameProps, OpenProps, Section};
use super::tasks::IdProps;
use crate::app::hooks::use_open;
use crate::app::Route;
use crate::domain::assessment::{ConstructedFigure, Role};
use crate::domain::forms::count;
use crate::domain::grade::{drift_words, percent, two_places, CaseGrade};
use crate::domain::results::{
    cross_row, same_grade, Calibration, GradeBasis, GradeCounts, Results,
};
use crate::domain::team::pack_role;

fn counts_row(who: &str, c: &GradeCounts) -> Html {
    html! {
        <tr>
            <th scope="row">{who.to_owned()}</th>
            <td class="table__numeric">{c.good}</td>
            <td class="table__numeric">{c.requires_improvement}</td>
            <td class="table__numeric">{c.inadequate}</td>
            <td class="table__numeric">{c.total()}</td>
        </tr>
    }
}

fn grade_head() -> Html {
    html! {
        <>
            <th scope="col" class="table__numeric">{"Good"}</th>
            <th scope="col" class="table__numeric">{"Requires improvement"}</th>
            <th scope="col" class="table__numeric">{"Inadequate"}</th>
        </>
    }
}

/// A table of grades against grades, case by case, the diagonal (the same
/// grade) in bold.
fn cross_table(
    id: &'static str,
    caption: &'static str,
    corner: &'static str,
    cross: &[[u32; 3]; 3],
) -> Html {
    table(&yew::props!(TableProps {
        id,
        caption,
        children: html! { <><thead><tr><th scope="col">{corner}</th>{grade_head()}</tr></thead>
        <tbody>
            { for CaseGrade::ALL.iter().map(|g| html! {
                <tr>
                    <th scope="row">{g.label()}</th>
                    { for cross_row(cross, g.rank()).into_iter().enumerate().map(|(j, n)| html! {
                        <td class="table__numeric">{ if j == g.rank() { html! { <strong>{n}</strong> } } else { html! { {n} } } }</td>
                    }) }
                </tr>
            }) }
        </tbody></> },
    }))
}

/// Everything the calibration page shows, also printed in the report. A
/// component, not a function: it computes the results, and its props compare
/// equal until the assessment changes, so redrawing the page around it (the
/// report's choices) does not compute them again.
#[component]
pub fn CalibrationReport(p: &OpenProps) -> Html {
    let fw = &p.open.framework;
    let a = &p.open.assessment;
    let r = Results::compute(fw, a, GradeBasis::Final);
    let cal = &r.calibration;
    let o = &r.overrides;
    // Sections of the page; subsections of the report's "Calibration".
    let heading = if p.links { "h2" } else { "h3" };
    let type_name = |id: &str| fw.case_type(id).map_or(id.to_owned(), |t| t.name.clone());
    let force_graded = a.cases.iter().filter(|c| c.force_grade.is_some()).count();
    let overrides = html! { <p id="overrides">{o.words(force_graded)}</p> };
    let auditors = by_auditor(cal, heading);
    let agree = &r.rigour.suggestion_vs_reviewer;
    // How far the rule itself agrees with an independent grade
    // (docs/grading.md, Results).
    let suggestion = html! {
        <>
            <@{heading} class="heading-m">{"The suggested grade against the reviewer's"}</@>
            if agree.n == 0 {
                <p id="suggestion-vs-reviewer">{"No case has both a suggested grade and a reviewer's grade yet."}</p>
            } else {
                <p id="suggestion-vs-reviewer">{format!(
                    "The grade the tool suggested was the reviewer's in {} of {} ({}); it was kinder in {} and harsher in {}.",
                    agree.same,
                    count(agree.n as usize, "case"),
                    agree.agreement.map(percent).unwrap_or_default(),
                    agree.suggestion_kinder,
                    agree.suggestion_harsher
                )}
                {agree.partial_words().map(|w| format!(" {w}")).unwrap_or_default()}</p>
                { cross_table("suggestion-cross", "Case by case: the suggested grade (rows) against the reviewer's (columns)", "Suggested \u{2193} / Reviewer \u{2192}", &agree.cross) }
            }
        </>
    };
    let provenance = a.provenance.as_ref().map(|pv| html! {
        <div class="inset-text" id="provenance">
            <p>{format!(
                "Some of this assessment's case-level data was made up to match published totals, so these figures are illustrations, not records: {}.",
                pv.constructed.iter().map(|f| constructed_name(*f)).collect::<Vec<_>>().join(", ")
            )}</p>
            if !pv.note.is_empty() { <p>{&pv.note}</p> }
        </div>
    });
    // Grades given or changed after the reviewer's came in: the figures
    // use the force's from before, and say so with the cases.
    let after_review = cal.after_review_words().map(|words| {
        html! {
            <div class="inset-text" id="after-review">
                <p>{words}</p>
                <ul class="list">
                    { for cal.after_review.iter().map(|x| html! { <li>{x.describe()}</li> }) }
                </ul>
            </div>
        }
    });
    if cal.n == 0 {
        return html! {
                    <>
                        {provenance}
                        {auditors}
                        {after_review}
        if cal.after_review.is_empty() {
                                            <p id="calibration-none">{"No case has both a force grade and a reviewer grade yet. A reviewer grades the cases blind on the review pages, on this device or on their own copy, and their grades are merged here by case."}</p>
                        } else {
                            <p id="calibration-none">{"No case has both a reviewer's grade and a force grade from before it: the force graded the cases above only after the reviewer's came in."}</p>
                        }
                        if cal.reviewer_only.total() > 0 {
                            <p>{format!("The reviewer has graded {} the force has not graded yet.", count(cal.reviewer_only.total() as usize, "case"))}</p>
                        }
                        if cal.force_only.total() > 0 {
                            <p>{format!("The force has graded {} the reviewer has not graded yet.", count(cal.force_only.total() as usize, "case"))}</p>
                        }
                        <@{heading} class="heading-m">{"Suggested grades changed"}</@>
                        {overrides}
                        {suggestion}
                    </>
                };
    }
    let same = same_grade(&cal.cross);
    let case_cell = |case: &str, reference: &str| {
        if p.links {
            html! { <Link<Route> to={Route::Case { id: a.id.clone(), case: case.to_owned() }}>{reference.to_owned()}</Link<Route>> }
        } else {
            html! { {reference.to_owned()} }
        }
    };
    html! {
        <>
            {provenance}
            { table(&yew::props!(TableProps {
                id: "calibration",
                caption: format!("Cases graded by both ({})", cal.n),
                children: html! { <><thead><tr><th scope="col">{"Grade given by"}</th>{grade_head()}<th scope="col" class="table__numeric">{"Total"}</th></tr></thead>
                <tbody>
                    {counts_row("The force", &cal.force)}
                    {counts_row("The reviewer", &cal.reviewer)}
                </tbody></> },
            })) }
            { one_side("reviewer-only", "the reviewer", "The reviewer", &cal.reviewer_only) }
            // What still waits for the blind review.
            { one_side("force-only", "the force", "The force", &cal.force_only) }
            <p id="agreement">
                {format!("Same grade in {same} of {} ({}). ", count(cal.n as usize, "case"), cal.exact_agreement.map(percent).unwrap_or_default())}
                {match cal.weighted_kappa {
                    Some(k) => format!("Linear-weighted kappa {} (n = {}).", two_places(k), cal.n),
                    None => format!("Kappa is not defined for these grades (n = {}): every case has the same grade from both.", cal.n),
                }}
                {cal.drift.map(|d| format!(" On average the force graded {}.", drift_words(d))).unwrap_or_default()}
            </p>
            <p class="hint">{"Kappa measures agreement beyond what chance alone would give: 1 is full agreement, 0 no better than chance. Linear weights count grades one apart as half agreeing. With few cases it moves a lot with each one."}</p>
            {after_review}

            { cross_table("cross-table", "Case by case: the force's grade (rows) against the reviewer's (columns)", "Force \u{2193} / Reviewer \u{2192}", &cal.cross) }

            <@{heading} class="heading-m">{"Cases graded differently"}</@>
            if cal.disagreements.is_empty() {
                <p>{"The force and the reviewer gave every case the same grade."}</p>
            } else {
                { table(&yew::props!(TableProps {
                    id: "disagreements",
                    caption: format!("{} graded differently, two grades apart first", count(cal.disagreements.len(), "case")),
                    children: html! { <><thead><tr>
                        <th scope="col">{"Case"}</th>
                        <th scope="col">{"Force"}</th>
                        <th scope="col">{"Reviewer"}</th>
                        <th scope="col">{"Apart"}</th>
                        <th scope="col">{"Reasons given"}</th>
                    </tr></thead>
                    <tbody>
                        { for cal.disagreements.iter().map(|d| html! {
                            <tr>
                                <th scope="row">{case_cell(&d.case, &d.label)}<span class="hint">{format!(" {}", type_name(&d.case_type))}</span></th>
                                <td>{d.force.label()}</td>
                                <td>{d.reviewer.label()}</td>
                                <td>
                                    if d.apart == 2 {
                                        <strong class="tag tag--red">{"Two grades"}</strong>
                                    } else {
                                        <span class="tag tag--yellow">{"One grade"}</span>
                                    }
                                    <span class="hint">{if d.force_kinder() { " force kinder" } else { " force harsher" }}</span>
                                </td>
                                <td class="table__text">
                                    if d.force_reason.is_empty() && d.reviewer_reasons.is_empty() {
                                        {"None"}
                                    }
                                    if !d.force_reason.is_empty() {
                                        <p>{format!("The force: {}.", d.force_reason.trim_end_matches('.'))}</p>
                                    }
                                    if !d.reviewer_reasons.is_empty() {
                                        <p>{format!("The reviewer: {}.", d.reviewer_reasons.trim_end_matches('.'))}</p>
                                    }
                                </td>
                            </tr>
                        }) }
                    </tbody></> },
                })) }
            }

            <@{heading} class="heading-m">{"Drift by case type"}</@>
            <p>{"The reports find the gap differs by case type: read each type on its own rather than the average."}</p>
            { table(&yew::props!(TableProps {
                id: "drift-by-type",
                caption: "How much kinder the force is than the reviewer, by case type",
                children: html! { <><thead><tr>
                    <th scope="col">{"Case type"}</th>
                    <th scope="col" class="table__numeric">{"Graded by both"}</th>
                    <th scope="col" class="table__numeric">{"Same"}</th>
                    <th scope="col" class="table__numeric">{"Force kinder"}</th>
                    <th scope="col" class="table__numeric">{"Force harsher"}</th>
                    <th scope="col">{"On average the force graded"}</th>
                </tr></thead>
                <tbody>
                    { for cal.by_case_type.iter().map(|t| html! {
                        <tr>
                            <th scope="row">{&t.name}</th>
                            <td class="table__numeric">{t.n}</td>
                            <td class="table__numeric">{t.same}</td>
                            <td class="table__numeric">{t.kinder}</td>
                            <td class="table__numeric">{t.harsher}</td>
                            <td>{drift_words(t.drift)}</td>
                        </tr>
                    }) }
                </tbody></> },
            })) }

            {auditors}

            <@{heading} class="heading-m">{"Suggested grades changed"}</@>
            {overrides}
            {suggestion}
        </>
    }
}

/// A figure that can rest on constructed data, in words.
fn constructed_name(f: ConstructedFigure) -> &'static str {
    match f {
        ConstructedFigure::CrossTable => "the case-by-case table",
        ConstructedFigure::ExactAgreement => "exact agreement",
        ConstructedFigure::WeightedKappa => "kappa",
        ConstructedFigure::Disagreements => "the cases graded differently",
        ConstructedFigure::DriftByCaseType => "drift by case type",
        ConstructedFigure::DriftByAuditor => "calibration by auditor",
        ConstructedFigure::ReferBackCases => "which cases were referred back",
        ConstructedFigure::SuggestionVsReviewer => "the suggested grade against the reviewer's",
    }
}

/// Each auditor's cases against the reviewer's grades, kindest first, with
/// how they treated the suggestion and how often their key answers of met
/// stand without evidence.
/// The grades of the cases only one side has graded, if any.
fn one_side(id: &'static str, who: &str, row: &'static str, counts: &GradeCounts) -> Html {
    if counts.total() == 0 {
        return html! {};
    }
    table(&yew::props!(TableProps {
        id,
        caption: format!("Cases only {who} graded ({})", counts.total()),
        children: html! { <><thead><tr><th scope="col">{"Grade given by"}</th>{grade_head()}<th scope="col" class="table__numeric">{"Total"}</th></tr></thead>
        <tbody>{counts_row(row, counts)}</tbody></> },
    }))
}

fn by_auditor(cal: &Calibration, heading: &'static str) -> Html {
    if cal.by_auditor.is_empty() {
        return html! {};
    }
    if let Some(words) = cal.no_auditor_named() {
        return html! {
            <>
                <@{heading} class="heading-m">{"By auditor"}</@>
                <p id="by-auditor-none">{words}</p>
            </>
        };
    }
    let share = |part: u32, whole: Option<f64>| match whole {
        Some(s) => format!("{part} ({})", percent(s)),
        None => "–".to_owned(),
    };
    html! {
        <>
            <@{heading} class="heading-m">{"By auditor"}</@>
            <p>{"Whose audits need a second look: the kindest against the reviewer first. Key criteria answered met without a note saying what in the file shows it are the audit's weakest evidence."}</p>
            { table(&yew::props!(TableProps {
                id: "by-auditor",
                caption: "Each auditor's cases against the reviewer's grades",
                children: html! { <><thead><tr>
                    <th scope="col">{"Auditor"}</th>
                    <th scope="col" class="table__numeric">{"Cases"}</th>
                    <th scope="col" class="table__numeric">{"Graded by both"}</th>
                    <th scope="col" class="table__numeric">{"Same grade"}</th>
                    <th scope="col">{"On average graded"}</th>
                    <th scope="col">{"Suggestion taken, changed kinder, changed harsher"}</th>
                    <th scope="col">{"Key met without evidence"}</th>
                </tr></thead>
                <tbody>
                    { for cal.by_auditor.iter().map(|x| html! {
                        <tr>
                            <th scope="row">{if x.auditor.is_empty() { "Not recorded".to_owned() } else { x.auditor.clone() }}</th>
                            <td class="table__numeric">{x.cases}</td>
                            <td class="table__numeric">{x.n}</td>
                            <td class="table__numeric">{share(x.same, x.exact_agreement)}</td>
                            <td>{x.drift.map_or_else(|| "No case graded by both yet".to_owned(), drift_words)}</td>
                            <td>{format!("{}, {}, {}", x.overrides.confirmed, x.overrides.kinder, x.overrides.harsher)}</td>
                            <td>{match x.share_key_met_without_evidence {
                                Some(s) => format!("{} of {} ({})", x.key_met_without_evidence, x.key_met, percent(s)),
                                None => "No key criterion met".to_owned(),
                            }}</td>
                        </tr>
                    }) }
                </tbody></> },
            })) }
        </>
    }
}

/// The calibration page.
#[hook]
pub fn use_calibration_page(p: &IdProps) -> Html {
    let open = match gate(use_open(&p.id)) {
        Ok(o) => o,
        Err(page) => return page,
    };
    html! {
        { assessment_frame(&yew::props!(FrameProps {
            open: open.clone(),
            title: "Calibration",
            section: Section::Calibration,
            children: html! { <><p>{"Forces grade their own cases more kindly than inspectors do: of 33 cases Northamptonshire Police assessed for its 2018 inspection, the force judged 25 good and none inadequate, and HMICFRS 6 good and 15 inadequate (Northamptonshire National Child Protection Inspection, 2018, figure 1). This page sets the force's grades beside an independent reviewer's, so the gap shows before an inspection does."}</p>
            // A reviewer's pack holds none of the force's grades: set beside
            // nothing, the reviewer's would read as grades the force lacks.
            if pack_role(&open.assessment) == Some(Role::Reviewer) {
                <p id="calibration-not-here">{"Your review pack holds none of the force's grades, so there is nothing here to set yours beside. The lead sees the calibration once your grades are brought back."}</p>
            } else {
                <CalibrationReport open={open.clone()} links=true />
            }</> },
        })) }
    }
}
