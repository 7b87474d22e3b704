//! Results as tables and a chart. The chart is a picture of the table beside
//! it; its text alternative says the same in words.

use crate::app::components::{table, TableProps};
use yew::prelude::*;

use crate::domain::grade::percent;
use crate::domain::results::{CombinedTypeRow, GradeCounts, Overall, StageRow, TypeRow};

#[derive(Properties, PartialEq)]
pub struct GradeTableProps {
    pub caption: AttrValue,
    pub rows: Vec<TypeRow>,
    #[prop_or_default]
    pub combined: Vec<CombinedTypeRow>,
    pub overall: Overall,
}

/// Good / requires improvement / inadequate per case type, in the shape of
/// the reports' per-type figures.
pub fn grade_table(p: &GradeTableProps) -> Html {
    let row = |label: &str, c: &GradeCounts, ungraded: Option<u32>| {
        let cells = html! {
            <>
                <td class="table__numeric">{c.good}</td>
                <td class="table__numeric">{c.requires_improvement}</td>
                <td class="table__numeric">{c.inadequate}</td>
                <td class="table__numeric">{c.total()}</td>
                <td class="table__numeric">{ungraded.map(|u| u.to_string()).unwrap_or_default()}</td>
            </>
        };
        html! { <tr><th scope="row">{label}</th>{cells}</tr> }
    };
    html! {
        { table(&yew::props!(TableProps {
            id: "grades-by-type",
            caption: p.caption.clone(),
            children: html! { <><thead>
                <tr>
                    <th scope="col">{"Case type"}</th>
                    <th scope="col" class="table__numeric">{"Good"}</th>
                    <th scope="col" class="table__numeric">{"Requires improvement"}</th>
                    <th scope="col" class="table__numeric">{"Inadequate"}</th>
                    <th scope="col" class="table__numeric">{"Total"}</th>
                    <th scope="col" class="table__numeric">{"Not graded"}</th>
                </tr>
            </thead>
            <tbody>
                { for p.rows.iter().map(|r| row(&r.name, &r.counts, Some(r.ungraded))) }
                { for p.combined.iter().map(|r| row(&format!("{} (together)", r.name), &r.counts, None)) }
            </tbody>
            <tfoot>
                {row("All cases", &p.overall.counts, Some(p.overall.ungraded))}
            </tfoot></> },
        })) }
    }
}

#[derive(Properties, PartialEq)]
pub struct GradeChartProps {
    pub rows: Vec<TypeRow>,
}

const GRADES: [(&str, &str, &str); 3] = [
    ("good", "#00703c", "#ffffff"),
    ("requires-improvement", "#ffdd00", "#0b0c0c"),
    ("inadequate", "#d4351c", "#ffffff"),
];

/// A stacked bar per case type. The counts are written on the bars, and the
/// whole chart has a text alternative, so colour is never the only carrier.
pub fn grade_chart(p: &GradeChartProps) -> Html {
    let rows: Vec<&TypeRow> = p.rows.iter().filter(|r| r.total > 0).collect();
    if rows.is_empty() {
        return html! { <p>{"No case has a grade yet, so there is nothing to chart."}</p> };
    }
    let label_w = 260.0;
    let bar_w = 480.0;
    let row_h = 32.0;
    let width = label_w + bar_w + 20.0;
    let height = row_h * rows.len() as f64 + 10.0;
    let max = rows.iter().map(|r| r.total).max().unwrap_or(1).max(1) as f64;
    let description = rows
        .iter()
        .map(|r| {
            format!(
                "{}: {} good, {} requires improvement, {} inadequate",
                r.name, r.counts.good, r.counts.requires_improvement, r.counts.inadequate
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    html! {
        <figure class="no-break">
            <svg class="chart" viewBox={format!("0 0 {width} {height}")} role="img"
                aria-labelledby="grade-chart-title grade-chart-desc" xmlns="http://www.w3.org/2000/svg">
                <title id="grade-chart-title">{"Grades by case type, as stacked bars"}</title>
                <desc id="grade-chart-desc">{format!("{description}.")}</desc>
                { for rows.iter().enumerate().map(|(i, r)| {
                    let y = 5.0 + i as f64 * row_h;
                    let mut x = label_w;
                    let counts = [r.counts.good, r.counts.requires_improvement, r.counts.inadequate];
                    html! {
                        <g>
                            <text x={(label_w - 8.0).to_string()} y={(y + row_h * 0.62).to_string()} text-anchor="end"
                                font-size="14" fill="#0b0c0c">{&r.name}</text>
                            { for counts.iter().zip(GRADES.iter()).filter(|(n, _)| **n > 0).map(|(n, (_, fill, ink))| {
                                let w = f64::from(*n) / max * bar_w;
                                let seg = html! {
                                    <>
                                        <rect x={x.to_string()} y={y.to_string()} width={w.to_string()} height={(row_h - 6.0).to_string()}
                                            fill={*fill} stroke="#0b0c0c" stroke-width="1" />
                                        <text x={(x + w / 2.0).to_string()} y={(y + row_h * 0.58).to_string()} text-anchor="middle"
                                            font-size="13" font-weight="700" fill={*ink}>{n}</text>
                                    </>
                                };
                                x += w;
                                seg
                            }) }
                        </g>
                    }
                }) }
            </svg>
            <figcaption>
                <ul class="chart__legend">
                    <li><span class="chart__swatch swatch--good" aria-hidden="true"></span>{"Good"}</li>
                    <li><span class="chart__swatch swatch--requires-improvement" aria-hidden="true"></span>{"Requires improvement"}</li>
                    <li><span class="chart__swatch swatch--inadequate" aria-hidden="true"></span>{"Inadequate"}</li>
                </ul>
            </figcaption>
        </figure>
    }
}

#[derive(Properties, PartialEq)]
pub struct StageTableProps {
    pub rows: Vec<StageRow>,
}

/// Criteria met per stage of the child's journey.
pub fn stage_table(p: &StageTableProps) -> Html {
    html! {
        { table(&yew::props!(TableProps {
            id: "criteria-by-stage",
            caption: "Criteria met by stage",
            children: html! { <><thead>
                <tr>
                    <th scope="col">{"Stage"}</th>
                    <th scope="col" class="table__numeric">{"Met"}</th>
                    <th scope="col" class="table__numeric">{"Partly met"}</th>
                    <th scope="col" class="table__numeric">{"Not met"}</th>
                    <th scope="col" class="table__numeric">{"Not applicable"}</th>
                    <th scope="col" class="table__numeric">{"Met, of those judged"}</th>
                </tr>
            </thead>
            <tbody>
                { for p.rows.iter().map(|s| html! {
                    <tr>
                        <th scope="row">{&s.name}</th>
                        <td class="table__numeric">{s.answers.met}</td>
                        <td class="table__numeric">{s.answers.partly_met}</td>
                        <td class="table__numeric">{s.answers.not_met}</td>
                        <td class="table__numeric">{s.answers.not_applicable}</td>
                        <td class="table__numeric">{s.share_met.map(percent).unwrap_or_else(|| "–".into())}</td>
                    </tr>
                }) }
            </tbody></> },
        })) }
    }
}
