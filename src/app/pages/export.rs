use crate::app::components::{checkboxes, table, CheckboxesProps, Choice, TableProps};
use crate::domain::assessment::Role;
use crate::domain::forms::count;
use crate::domain::team::pack_role;
use yew::prelude::*;
use yew_router::prelude::*;

use super::action_plan::plan_table;
use super::calibration::CalibrationReport;
use super::dip::dip_sample_tables;
use super::force_level::force_level_findings;
use super::frame::{assessment_frame, gate, FrameProps, OpenProps, Section};
use super::inspection::{follow_up_table, recommendations_table};
use super::progress::ProgressTables;
use super::register::{register_table, RegisterTableProps};
use super::results::{contradictions, most_not_met, ContradictionsProps};
use super::tasks::IdProps;
use super::timeline::{timeline_summary, TimelineSummaryProps};
use super::topics::{judgment_details, our_judgments};
use crate::app::components::{date_time, print_page, today};
use crate::app::components::{
    error_for, grade_chart, grade_table, stage_table, text_input, ErrorSummary, GradeChartProps,
    GradeTableProps, StageTableProps, TextInputProps,
};
use crate::app::download::{download, file_name};
use crate::app::hooks::use_open;
use crate::app::state::{now, use_store, Action, Flash, Store};
use crate::app::Route;
use crate::domain::assessment::Assessment;
use crate::domain::follow_up;
use crate::domain::forms::FieldError;
use crate::domain::framework::Framework;
use crate::domain::grade::AnswerValue;
use crate::domain::register::{register, summary as register_summary};
use crate::domain::results::{GradeBasis, Results};
use crate::domain::team::pack_name;
use crate::domain::{csv, format, sealed};

/// Downloads the assessment's complete JSON export, named from `label` and
/// today's date, on the stored revision `stored`; a file that cannot be made
/// says so on a banner.
pub(super) fn download_json(
    store: &Store,
    a: &Assessment,
    label: &str,
    stored: u64,
    revision: u64,
) {
    match format::export(a, Some(now()), stored) {
        Ok(text) => {
            download(
                &file_name(label, &today().to_string(), "json"),
                "application/json",
                &text,
            );
            // The work is safe in the user's hands now, even if saving
            // fails; and the backup reminder starts again from here.
            store.dispatch(Action::Exported {
                backup: crate::app::storage::note_export(&a.id, now()),
                id: a.id.clone(),
                revision,
            });
        }
        Err(e) => store.dispatch(Action::Flash(Flash::problem(
            "The JSON file could not be made",
            e,
        ))),
    }
}

/// The ways an assessment leaves the device, each started by the user:
/// complete JSON (imports again), CSV for analysts, and a printable report.
#[hook]
pub fn use_export_page(p: &IdProps) -> Html {
    let store = use_store();
    let open = match gate(use_open(&p.id)) {
        Ok(o) => o,
        Err(page) => return page,
    };
    let a = open.assessment.clone();
    let fw = open.framework.clone();
    let today = today().to_string();
    let json = {
        let (store, a) = (store.clone(), a.clone());
        let (stored, revision) = (open.stored, open.revision);
        // A returned pack says whose work it is, so the lead's several files
        // do not share one name.
        let label = match pack_name(&a) {
            Some(name) => format!("{} work of {name}", a.force),
            None => a.force.clone(),
        };
        Callback::from(move |_: MouseEvent| download_json(&store, &a, &label, stored, revision))
    };
    let table_csv = |name: &'static str, write: fn(&Framework, &Assessment) -> String| {
        let (a, fw, today) = (a.clone(), fw.clone(), today.clone());
        Callback::from(move |_: MouseEvent| {
            download(
                &file_name(&format!("{} {name}", a.force), &today, "csv"),
                "text/csv",
                &write(&fw, &a),
            )
        })
    };
    let cases_csv = table_csv("cases", csv::cases);
    let answers_csv = table_csv("answers", csv::answers);
    let statements_csv = table_csv("force-level statements", csv::statements);
    let recommendations_csv = table_csv("recommendations", csv::recommendations);
    html! {
        { assessment_frame(&yew::props!(FrameProps {
            open: open.clone(),
            title: "Export and print",
            section: Section::Export,
            children: html! { <><p>{"Nothing leaves this device unless you export it. The files are saved by your browser, like any download."}</p>
            if a.pack.is_some() {
                <h2 class="heading-m">{"Your work, to return"}</h2>
                <p id="pack-return">{"This is a work pack. Download it and send the file to the lead, who brings your work back into the assessment case by case. Download it again whenever you have done more: nothing is taken twice, and nothing of yours is overwritten without the lead's choice. It is also your backup."}</p>
            } else {
                <h2 class="heading-m">{"The complete assessment"}</h2>
                <p>{"A JSON file with everything in the assessment. Keep it as a backup, or import it on another device or into another browser."}</p>
            }
            <button type="button" class="button" onclick={json}>{if a.pack.is_some() { "Download your work to return (JSON)" } else { "Download the assessment (JSON)" }}</button>
            <ProtectedExport open={open.clone()} />
            <h2 class="heading-m">{"For analysts"}</h2>
            <p>{"Spreadsheet files (CSV): one row per case; per case and criterion; per force-level statement with its evidence; per recommendation of the report with its deadline and state."}</p>
            <div class="button-group">
                <button type="button" class="button button--secondary" onclick={cases_csv}>{"Download cases (CSV)"}</button>
                <button type="button" class="button button--secondary" onclick={answers_csv}>{"Download answers (CSV)"}</button>
                if !fw.statement_groups().is_empty() {
                    <button type="button" class="button button--secondary" onclick={statements_csv}>{"Download force-level statements (CSV)"}</button>
                }
                if !a.recommendations.is_empty() {
                    <button type="button" class="button button--secondary" onclick={recommendations_csv}>{"Download recommendations (CSV)"}</button>
                }
            </div>
            <h2 class="heading-m">{"Printable report"}</h2>
            <p>{"The summary a chief officer reads: results, calibration, force-level findings, topic judgments, the inspection's follow-up, the action plan and progress; and, if you ask for it, each case with its answered criteria. Your browser can save it as a PDF."}</p>
            <Link<Route> to={Route::Report { id: a.id.clone() }} classes="button button--secondary">{"Open the printable report"}</Link<Route>></> },
        })) }
    }
}

/// The complete file, encrypted with a passphrase the user sets here.
#[component]
pub fn ProtectedExport(p: &OpenProps) -> Html {
    let store = use_store();
    let passphrase = use_state(String::new);
    let repeat = use_state(String::new);
    let errors = use_state(Vec::<FieldError>::new);
    let attempt = use_state(|| 0u32);
    let busy = use_state(|| false);
    let onsubmit = {
        let (passphrase, repeat, errors, attempt, busy) = (
            passphrase.clone(),
            repeat.clone(),
            errors.clone(),
            attempt.clone(),
            busy.clone(),
        );
        let open = p.open.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            let found = sealed::check_new_passphrase(&passphrase, &repeat);
            if !found.is_empty() {
                errors.set(found);
                attempt.set(*attempt + 1);
                return;
            }
            errors.set(Vec::new());
            // Refused before the passphrase is used: the export too large
            // to open again, or its protected file (base64, a third larger).
            let text =
                match format::export(&open.assessment, Some(now()), open.stored).and_then(|t| {
                    match sealed::too_large(t.len(), open.assessment.cases.len()) {
                        Some(refused) => Err(refused),
                        None => Ok(t),
                    }
                }) {
                    Ok(t) => t,
                    Err(e) => {
                        store.dispatch(Action::Flash(Flash::problem(
                            "The protected file could not be made",
                            e,
                        )));
                        return;
                    }
                };
            busy.set(true);
            let (store, open, busy, passphrase, repeat) = (
                store.clone(),
                open.clone(),
                busy.clone(),
                passphrase.clone(),
                repeat.clone(),
            );
            let secret = (*passphrase).clone();
            yew::platform::spawn_local(async move {
                match crate::app::sealing::seal(&text, &secret).await {
                    Ok(s) => {
                        download(
                            &file_name(
                                &format!("{} protected", open.assessment.force),
                                &today().to_string(),
                                "json",
                            ),
                            "application/json",
                            &sealed::write(&s),
                        );
                        store.dispatch(Action::Exported {
                            backup: crate::app::storage::note_export(&open.assessment.id, now()),
                            id: open.assessment.id.clone(),
                            revision: open.revision,
                        });
                        // The passphrase does not stay in the page.
                        passphrase.set(String::new());
                        repeat.set(String::new());
                        store.dispatch(Action::Flash(Flash::success(
                            "Protected file downloaded: keep the passphrase safe, apart from the file",
                        )));
                    }
                    Err(e) => store.dispatch(Action::Flash(Flash::problem(
                        "The protected file could not be made",
                        e,
                    ))),
                }
                busy.set(false);
            });
        })
    };
    let set = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |v: String| state.set(v))
    };
    html! {
        <>
            <h2 class="heading-m">{"Protected with a passphrase"}</h2>
            <p>{"The same complete file, encrypted (AES-256-GCM, with a key made from the passphrase). Importing it asks for the passphrase. Without the passphrase nobody can open the file, you included: keep it safe, and apart from the file."}</p>
            if !errors.is_empty() {
                <ErrorSummary errors={(*errors).clone()} attempt={*attempt} />
            }
            <form onsubmit={onsubmit} novalidate=true>
                { text_input(&yew::props!(TextInputProps {
                    id: "passphrase",
                    label: "Passphrase",
                    kind: "password",
                    autocomplete: "new-password",
                    hint: format!("At least {} characters. Three or four unrelated words are easy to type and hard to guess.", sealed::MIN_PASSPHRASE_CHARS),
                    value: (*passphrase).clone(),
                    oninput: set(&passphrase),
                    error: error_for(&errors, "passphrase").map(|m| AttrValue::from(m.to_owned())),
                })) }
                { text_input(&yew::props!(TextInputProps {
                    id: "passphrase-repeat",
                    label: "The passphrase again",
                    kind: "password",
                    autocomplete: "new-password",
                    value: (*repeat).clone(),
                    oninput: set(&repeat),
                    error: error_for(&errors, "passphrase-repeat").map(|m| AttrValue::from(m.to_owned())),
                })) }
                // Marked busy, not disabled: a disabled button drops the keyboard
                // focus to the page (a second press is ignored while busy).
                <button type="submit" class="button button--secondary" aria-disabled={(*busy).then_some("true")}>
                    { if *busy { "Encrypting…" } else { "Download the assessment, protected (JSON)" } }
                </button>
            </form>
        </>
    }
}

/// The report as it prints: a cover and the summary a chief officer reads
/// (results, calibration, judgments, the plan, progress); then, only when
/// asked for, the case appendix, with each case's answered criteria and
/// their evidence.
#[hook]
pub fn use_report_page(p: &IdProps) -> Html {
    let appendix = use_state(|| false);
    let open = match gate(use_open(&p.id)) {
        Ok(o) => o,
        Err(page) => return page,
    };
    let fw = &open.framework;
    let a = &open.assessment;
    let reviewers_pack = pack_role(a) == Some(Role::Reviewer);
    let r = Results::compute(fw, a, GradeBasis::Final);
    if let Err(wrong) = r.check() {
        // Never print figures that do not add up.
        return html! {
            <crate::app::components::Page title="Self-assessment report" back={Route::Export { id: a.id.clone() }}>
                { super::results::results_fault(&wrong) }
            </crate::app::components::Page>
        };
    }
    let referred = register(a, fw, today());
    html! {
        <>
            <crate::app::components::Page title="Self-assessment report" caption={AttrValue::from(a.force.clone())}
                back={Route::Export { id: a.id.clone() }}>
                <div class="report-cover">
                    <dl class="summary-list">
                        <div class="summary-list__row"><dt class="summary-list__key">{"Force"}</dt><dd class="summary-list__value">{&a.force}</dd></div>
                        <div class="summary-list__row"><dt class="summary-list__key">{"Period"}</dt><dd class="summary-list__value">{format!("{} to {}", a.period.start.long(), a.period.end.long())}</dd></div>
                        <div class="summary-list__row"><dt class="summary-list__key">{"Framework"}</dt><dd class="summary-list__value">{format!("{} (version {})", fw.title, fw.version)}</dd></div>
                        <div class="summary-list__row"><dt class="summary-list__key">{"Assessors"}</dt><dd class="summary-list__value">{if a.assessors.is_empty() { "Not recorded".to_owned() } else { a.assessors.join(", ") }}</dd></div>
                        <div class="summary-list__row"><dt class="summary-list__key">{"Printed"}</dt><dd class="summary-list__value">{today().long()}</dd></div>
                    </dl>
                    <div class="no-print">
                        { checkboxes(&yew::props!(CheckboxesProps {
                            name: "report-parts",
                            legend: "What to print",
                            hint: AttrValue::from("The summary always prints. The appendix adds every case with its answered criteria and their evidence: a page or more per case."),
                            choices: vec![Choice::new("appendix", format!("Include the case appendix ({})", count(a.cases.len(), "case")))],
                            checked: if *appendix { vec![AttrValue::from("appendix")] } else { Vec::new() },
                            ontoggle: { let appendix = appendix.clone(); Callback::from(move |(_, on): (String, bool)| appendix.set(on)) },
                        })) }
                    </div>
                    <button type="button" class="button" onclick={print_page()}>{"Print or save as PDF"}</button>
                </div>

                <section class="report-section" aria-labelledby="report-results">
                    <h2 class="heading-l" id="report-results">{"Results"}</h2>
                    if !referred.is_empty() {
                        <h3 class="heading-m">{"Refer-backs"}</h3>
                        <p>{register_summary(&referred)}</p>
                        { register_table(&yew::props!(RegisterTableProps {
                            entries: referred.clone(),
                        })) }
                    }
                    { grade_table(&yew::props!(GradeTableProps {
                        caption: AttrValue::from(format!("Grades by case type ({})", r.basis.describe())),
                        rows: r.by_case_type.clone(),
                        combined: r.combined.clone(),
                        overall: r.overall.clone(),
                    })) }
                    { grade_chart(&yew::props!(GradeChartProps { rows: r.by_case_type.clone() })) }
                    { stage_table(&yew::props!(StageTableProps { rows: r.by_stage.clone() })) }
                    <h3 class="heading-m">{"The criteria most often not met"}</h3>
                    { most_not_met(a, &r.most_not_met(10)) }
                    <h3 class="heading-m">{"Answers the timeline contradicts"}</h3>
                    { contradictions(&yew::props!(ContradictionsProps {
                        open: open.clone(),
                        rows: r.rigour.contradictions.clone(),
                    })) }
                </section>

                <section class="report-section" aria-labelledby="report-calibration">
                    <h2 class="heading-l" id="report-calibration">{"Calibration"}</h2>
                    <CalibrationReport open={open.clone()} />
                </section>

                if !fw.statement_groups().is_empty() {
                    <section class="report-section" aria-labelledby="report-force-level">
                        <h2 class="heading-l" id="report-force-level">{"Force-level findings"}</h2>
                        { force_level_findings(&yew::props!(OpenProps { open: open.clone() })) }
                    </section>
                }

                if !a.dip_records.is_empty() {
                    <section class="report-section" aria-labelledby="report-dip">
                        <h2 class="heading-l" id="report-dip">{"Dip samples"}</h2>
                        { dip_sample_tables(&yew::props!(OpenProps { open: open.clone() })) }
                    </section>
                }

                if !fw.topics.is_empty() {
                    <section class="report-section" aria-labelledby="report-topics">
                        <h2 class="heading-l" id="report-topics">{"Topic judgments"}</h2>
                        { our_judgments(&yew::props!(OpenProps { open: open.clone() })) }
                        { judgment_details(&yew::props!(OpenProps { open: open.clone() })) }
                    </section>
                }

                if !follow_up::summary(fw, a, None).is_empty() {
                    <section class="report-section" aria-labelledby="report-follow-up">
                        <h2 class="heading-l" id="report-follow-up">{"The inspection's follow-up"}</h2>
                        { follow_up_table(&yew::props!(OpenProps { open: open.clone() })) }
                        { recommendations_table(&yew::props!(OpenProps { open: open.clone() })) }
                    </section>
                }

                <section class="report-section" aria-labelledby="report-plan">
                    <h2 class="heading-l" id="report-plan">{"Action plan"}</h2>
                    { plan_table(&yew::props!(OpenProps { open: open.clone() })) }
                </section>

                if a.baseline.is_some() {
                    <section class="report-section" aria-labelledby="report-progress">
                        <h2 class="heading-l" id="report-progress">{"Progress since the baseline"}</h2>
                        <ProgressTables open={open.clone()} />
                    </section>
                }

                if *appendix {
                <section class="report-section" aria-labelledby="report-cases">
                    <h2 class="heading-l" id="report-cases">{"Case appendix"}</h2>
                    <p>{"Each case with the criteria answered and their evidence; criteria not yet answered are left out."}</p>
                    { for a.cases.iter().map(|c| {
                        let answered: Vec<_> = c
                            .criteria(fw)
                            .filter_map(|k| c.answer(&k.id).filter(|x| x.value != AnswerValue::Unanswered).map(|x| (k, x)))
                            .collect();
                        let type_name = fw.case_type(&c.case_type).map(|t| t.name.clone()).unwrap_or_default();
                        html! {
                            <article class="report-case" key={c.id.clone()} aria-labelledby={format!("report-{}", c.id)}>
                                <h3 class="heading-m" id={format!("report-{}", c.id)}>{format!("{} – {}", c.label(), type_name)}</h3>
                                <p>
                                    if !c.auditor.trim().is_empty() {
                                        {format!("Audited by {}{}. ", c.auditor, c.dates.audited.map(|d| format!(" on {}", d.long())).unwrap_or_default())}
                                    }
                                    // A reviewer's pack holds no force grades to report.
                                    if !reviewers_pack {
                                        {format!("Force grade: {}. ", c.force_grade.as_ref().map_or_else(|| "not confirmed".to_owned(), |d| d.describe()))}
                                    }
                                    {c.reviewer_grade.as_ref().map(|rg| format!("Reviewer grade: {}. ", rg.describe())).unwrap_or_default()}
                                    {c.refer_back.as_ref().map(|rb| format!("Referred back: {}", rb.describe())).unwrap_or_default()}
                                </p>
                                if answered.is_empty() {
                                    <p>{"No criterion answered yet."}</p>
                                } else {
                                { table(&yew::props!(TableProps {
                                    caption: format!("Criteria answered for case {}", c.label()),
                                    hidden_caption: true,
                                    children: html! { <><thead><tr><th scope="col">{"Criterion"}</th><th scope="col">{"Answer"}</th><th scope="col">{"Evidence"}</th></tr></thead>
                                    <tbody>
                                        { for answered.iter().map(|(k, x)| html! {
                                            <tr>
                                                <th scope="row">{format!("{} {}", k.id, k.text)}</th>
                                                <td>{x.value.label()}</td>
                                                <td class="summary-list__value table__text">
                                                    {x.note.clone()}
                                                    if let Some(t) = x.changed_at {
                                                        <span class="hint">{format!(" Last changed {}.", date_time(t))}</span>
                                                    }
                                                </td>
                                            </tr>
                                        }) }
                                    </tbody></> },
                                })) }
                                }
                                if c.timeline.len() > 1 {
                                    { timeline_summary(&yew::props!(TimelineSummaryProps {
                                        open: open.clone(),
                                        case: c.id.clone(),
                                    })) }
                                }
                            </article>
                        }
                    }) }
                </section>
                }
            </crate::app::components::Page>
        </>
    }
}
