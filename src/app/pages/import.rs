use std::collections::BTreeMap;

use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use super::bring_back::{BringBack, File};
use super::case::{summary_row, SummaryRowProps};
use super::frame::{assessment_frame, gate, FrameProps, Section};
use crate::app::components::{
    date_time, radios, warning_text, Choice, Page, RadiosProps, WarningTextProps,
};
use crate::app::components::{error_for, focus_field, text_input, ErrorSummary, TextInputProps};
use crate::app::hooks::use_open;
use crate::app::state::{use_store, Action, Boot, Flash, Origin, Store};
use crate::app::{catalogue, new_id, Route, SharedFramework};
use crate::domain::assessment::Assessment;
use crate::domain::baseline::snapshot;
use crate::domain::edit::Edit;
use crate::domain::format::{self, ImportError, Imported};
use crate::domain::forms::count;
use crate::domain::forms::FieldError;
use crate::domain::merge::{bring_back, is_reviewer_copy};
use crate::domain::sealed::{self, Sealed};
use crate::domain::team::pack_name;

/// What the import page is about (route::Pages gives it from the address).
pub struct ImportProps {
    /// The open assessment the import may replace or add grades to.
    pub id: Option<AttrValue>,
}

/// What the page is showing.
#[derive(Clone, PartialEq)]
enum Step {
    Choose,
    Reading(String),
    Invalid {
        file: String,
        error: ImportError,
    },
    /// An encrypted export, waiting for its passphrase.
    Locked {
        file: String,
        sealed: Box<Sealed>,
    },
    Preview {
        file: String,
        imported: Box<Imported>,
    },
    ConfirmReplace {
        imported: Box<Imported>,
    },
    /// Files of the open assessment, their work to bring back.
    BringBack(Vec<File>),
}

/// Opens an imported (or merged) assessment and goes to its task list,
/// with a message there.
/// Opens `a`, made here (`origin`: from the open copy, for work brought
/// back into it; otherwise to take the stored copy's place).
fn finish(
    store: &Store,
    navigator: &Option<Navigator>,
    a: Assessment,
    origin: Origin,
    flash: Flash,
) {
    let Some(fw) = catalogue().find(&a.framework) else {
        return;
    };
    let id = a.id.clone();
    // Replacing or merging into a stored assessment builds on its stored
    // revision, so the save is not taken for an older tab's.
    let stored = store
        .open
        .as_ref()
        .filter(|o| o.assessment.id == id)
        .map(|o| o.stored)
        .or_else(|| {
            store
                .summaries
                .iter()
                .find(|s| s.id == id)
                .map(|s| s.revision)
        })
        .unwrap_or(0);
    store.dispatch(Action::Open {
        backup: crate::app::storage::backup_marks(&id),
        assessment: a,
        framework: SharedFramework(fw.clone()),
        saved_at: None,
        dirty: true,
        stored,
        origin,
    });
    store.dispatch(Action::FlashNext(flash));
    if let Some(nav) = navigator {
        nav.push(&Route::Assessment { id });
    }
}

/// The engine's import, timed as `cpsa:import`.
fn timed_import(bytes: &[u8]) -> Result<Imported, ImportError> {
    crate::app::perf::start("cpsa:import");
    let imported = format::import(bytes, catalogue());
    crate::app::perf::finish("cpsa:import");
    imported
}

/// The preview of an export's bytes, or what is wrong with them.
fn checked(file: String, bytes: &[u8]) -> Step {
    match timed_import(bytes) {
        Ok(imported) => Step::Preview {
            file,
            imported: Box::new(imported),
        },
        Err(error) => Step::Invalid { file, error },
    }
}

/// Reads chosen or dropped files: one as before; several, each checked, to
/// bring their work back into the open assessment.
fn read_all(step: UseStateHandle<Step>, list: web_sys::FileList, target: Option<Assessment>) {
    let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
    match files.as_slice() {
        [] => {}
        [one] => read(step, one.clone()),
        _ => {
            let n = files.len();
            step.set(Step::Reading(format!("{n} files")));
            spawn_local(async move {
                let mut read = Vec::new();
                for file in files {
                    let name = file.name();
                    let problem = |message: String| Step::Invalid {
                        file: name.clone(),
                        error: ImportError {
                            problems: vec![format::Problem {
                                at: format::Location::File,
                                message,
                            }],
                        },
                    };
                    if let Some(error) = format::too_large(file.size() as u64) {
                        step.set(Step::Invalid { file: name, error });
                        return;
                    }
                    let bytes =
                        match gloo::file::futures::read_as_bytes(&gloo::file::File::from(file))
                            .await
                        {
                            Ok(b) => b,
                            Err(e) => {
                                step.set(problem(format!("the browser could not read it ({e})")));
                                return;
                            }
                        };
                    if sealed::read(&bytes).is_some() {
                        step.set(problem(
                            "it is protected with a passphrase: open protected files one at a time"
                                .into(),
                        ));
                        return;
                    }
                    match timed_import(&bytes) {
                        Ok(imported) => read.push(File {
                            name,
                            assessment: imported.assessment,
                            reopened: imported.reopened,
                        }),
                        Err(error) => {
                            step.set(Step::Invalid { file: name, error });
                            return;
                        }
                    }
                }
                // Into the lead's assessment; a file of another one is
                // refused there, by name.
                let lead = target.as_ref().is_some_and(|t| t.pack.is_none());
                step.set(match lead {
                    true => Step::BringBack(read),
                    false => Step::Invalid {
                        file: format!("{} files", read.len()),
                        error: ImportError {
                            problems: vec![format::Problem {
                                at: format::Location::File,
                                message: "several files at once are for bringing the team's work back into the lead's assessment: open it and import them from its Import page, or import one file at a time".into(),
                            }],
                        },
                    },
                });
            });
        }
    }
}

/// Reads a chosen or dropped file and checks it with the engine.
fn read(step: UseStateHandle<Step>, file: web_sys::File) {
    let name = file.name();
    // Refused before reading when the browser already knows it is too big.
    if let Some(error) = format::too_large(file.size() as u64) {
        step.set(Step::Invalid { file: name, error });
        return;
    }
    step.set(Step::Reading(name.clone()));
    spawn_local(async move {
        let file = gloo::file::File::from(file);
        let next = match gloo::file::futures::read_as_bytes(&file).await {
            Ok(bytes) => match sealed::read(&bytes) {
                Some(Ok(s)) => Step::Locked {
                    file: name,
                    sealed: Box::new(s),
                },
                Some(Err(error)) => Step::Invalid { file: name, error },
                None => checked(name, &bytes),
            },
            Err(e) => Step::Invalid {
                file: name,
                error: ImportError {
                    problems: vec![format::Problem {
                        at: format::Location::File,
                        message: format!("the browser could not read it ({e})"),
                    }],
                },
            },
        };
        step.set(next);
    });
}

/// Import a JSON export: pick or drop a file, see what it holds, then open it
/// as a new assessment, replace the open one, or add a reviewer's grades to
/// it. An invalid file shows every problem with its place, and nothing
/// changes.
/// What to do with a file that was read: the import page's choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Use {
    /// Open it as an assessment (a copy beside one already here) or a work pack.
    Open,
    /// Bring its work back into the assessment it belongs to.
    Bring,
    /// Put it in place of the open assessment.
    Replace,
    /// Keep its figures as the baseline for progress.
    Baseline,
}

impl Use {
    const ALL: [Use; 4] = [Use::Open, Use::Bring, Use::Replace, Use::Baseline];

    /// The radio button's value.
    fn value(self) -> &'static str {
        match self {
            Use::Open => "new",
            Use::Bring => "bring",
            Use::Replace => "replace",
            Use::Baseline => "baseline",
        }
    }

    fn from_value(v: &str) -> Option<Use> {
        Use::ALL.into_iter().find(|u| u.value() == v)
    }
}

#[hook]
pub fn use_import_page(p: &ImportProps) -> Html {
    let store = use_store();
    let navigator = use_navigator();
    let step = use_state(|| Step::Choose);
    let choice = use_state(|| Use::Open);
    let dragging = use_state(|| false);
    // Each new step's result takes focus, as the input that had it is gone.
    let result = use_node_ref();
    {
        let result = result.clone();
        let moved = !matches!(*step, Step::Choose);
        use_effect_with((*step).clone(), move |_| {
            if moved {
                if let Some(el) = result.cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }
    let target = use_open(p.id.as_deref().unwrap_or_default());
    let target = match (&p.id, target) {
        (None, _) => None,
        (Some(_), opening) => match gate(opening) {
            Ok(o) => Some(o),
            Err(page) => return page,
        },
    };

    let ours = target.as_ref().map(|t| t.assessment.clone());
    let onfile = {
        let step = step.clone();
        let ours = ours.clone();
        Callback::from(move |e: Event| {
            let input = e.target_dyn_into::<web_sys::HtmlInputElement>();
            if let Some(files) = input.as_ref().and_then(|i| i.files()) {
                read_all(step.clone(), files, ours.clone());
            }
            // Let the same file be chosen again after fixing it.
            if let Some(i) = input {
                i.set_value("");
            }
        })
    };
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let ondrop = {
        let dragging = dragging.clone();
        let step = step.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            if let Some(files) = e.data_transfer().and_then(|d| d.files()) {
                read_all(step.clone(), files, ours.clone());
            }
        })
    };

    let picker = html! {
        <div class={classes!("drop-zone", dragging.then_some("drop-zone--active"))}
            {ondragover} {ondragleave} {ondrop}>
            <div class="form-group">
                <label class="label" for="import-file">{"Choose an exported assessment (a .json file)"}</label>
                <div class="hint" id="import-file-hint">{
                    if target.as_ref().is_some_and(|t| t.assessment.pack.is_none()) {
                        "Or drop it here. To bring the team's work back, choose or drop all their files at once."
                    } else {
                        "Or drop the file here."
                    }
                }</div>
                <input class="file-upload" type="file" id="import-file" name="import-file" multiple=true
                    accept=".json,application/json" aria-describedby="import-file-hint" onchange={onfile} />
            </div>
        </div>
    };
    let choose_again = {
        let step = step.clone();
        Callback::from(move |_: MouseEvent| step.set(Step::Choose))
    };

    let body = match (*step).clone() {
        // Which assessments are already here decides what an import may do.
        _ if store.boot == Boot::Loading => {
            html! { <p role="status">{"Checking what is saved on this device…"}</p> }
        }
        Step::Choose => picker,
        Step::Reading(file) => html! { <p role="status">{format!("Reading {file}…")}</p> },
        Step::Locked { file, sealed } => {
            let step = step.clone();
            html! {
                <>
                    <Unlock file={file.clone()} sealed={sealed.clone()} onopen={Callback::from(move |s| step.set(s))} />
                    <button type="button" class="link-button" onclick={choose_again.clone()}>{"Choose another file"}</button>
                </>
            }
        }
        Step::Invalid { file, error } => html! {
            <>
                <div class="error-summary" role="alert" tabindex="-1" aria-labelledby="import-error-title" ref={result.clone()}>
                    <h2 class="error-summary__title" id="import-error-title">{format!("{file} cannot be imported")}</h2>
                    <p>{"Nothing has been changed. The problems found:"}</p>
                    <ul class="error-summary__list error-summary__list--plain">
                        { for error.problems.iter().map(|pr| html! { <li><strong>{pr.at.to_string()}</strong>{": "}{&pr.message}</li> }) }
                    </ul>
                </div>
                {picker}
            </>
        },
        Step::Preview { file, imported } => {
            let a = &imported.assessment;
            let fw = catalogue().find(&a.framework);
            let reviewer = a
                .cases
                .iter()
                .filter(|c| c.reviewer_grade.is_some())
                .count();
            let exists = store.summaries.iter().any(|s| s.id == a.id);
            // A reviewer's grades alone, or a work pack, only come back into
            // the assessment they belong to: replacing with them, or keeping
            // their figures, would lose work; a copy under a new id could
            // never come back.
            let reviewer_file = is_reviewer_copy(a);
            let pack = a.pack.as_ref();
            let partial = reviewer_file || pack.is_some();
            let mut choices = Vec::new();
            // Why the file cannot come back into the open assessment, when it
            // is work for it (or says it is) and cannot.
            let refused = target.as_ref().and_then(|t| {
                let lead = t.assessment.pack.is_none();
                let same = t.assessment.id == a.id;
                // Into a pack: the lead's newer pack for its member is
                // checked here too, so an older one is refused before
                // Continue (found in review).
                let into_pack = matches!((&t.assessment.pack, pack), (Some(p), Some(q)) if p.member == q.member);
                ((lead && (partial || same)) || (same && into_pack))
                    .then(|| bring_back(&t.framework, &t.assessment, a, &BTreeMap::new()).err())
                    .flatten()
                    .map(|r| (t.assessment.force.clone(), r))
            });
            if let Some(t) = target.as_ref().filter(|_| refused.is_none()) {
                let same = t.assessment.id == a.id;
                let lead = t.assessment.pack.is_none();
                let newer_pack = matches!((&t.assessment.pack, pack), (Some(p), Some(q)) if p.member == q.member);
                if same && (lead || newer_pack) {
                    choices.push(if lead {
                        Choice::new(Use::Bring.value(), format!("Bring its work back into the assessment for {}", t.assessment.force))
                            .hint("Case by case: what is newer in the file is taken, what is newer here is kept, and a case changed on both sides waits for your choice. Nothing is overwritten without it.")
                    } else {
                        Choice::new(Use::Bring.value(), "Take the lead's new work pack into yours")
                            .hint("Your work is kept; new cases and the lead's changes come in, and a case changed on both sides waits for your choice.")
                    });
                }
            }
            if pack.is_some() && !exists {
                choices.push(Choice::new(
                    Use::Open.value(),
                    "Open this work pack on this device",
                ));
            } else if !partial {
                choices.push(Choice::new(
                    Use::Open.value(),
                    if exists {
                        "Open it as a copy, beside the one already on this device"
                    } else {
                        "Open it as a new assessment"
                    },
                ));
            }
            if let Some(t) = target
                .as_ref()
                .filter(|t| !partial && t.assessment.pack.is_none())
            {
                choices.push(Choice::new(
                    Use::Replace.value(),
                    format!("Replace the assessment for {} with it", t.assessment.force),
                ));
                choices.push(Choice::new(Use::Baseline.value(), format!("Use it as the baseline for the assessment for {}, to show progress since", t.assessment.force))
                    .hint("Only its figures are kept: grades by case type, criteria met by stage and topic grades. It replaces any earlier baseline."));
            }
            // The choice made, while it is offered; otherwise the first offered.
            let chosen = if choices.iter().any(|c| c.value == choice.value()) {
                *choice
            } else {
                choices
                    .first()
                    .and_then(|c| Use::from_value(&c.value))
                    .unwrap_or(Use::Open)
            };
            let onchoice = {
                let choice = choice.clone();
                Callback::from(move |v: String| {
                    if let Some(u) = Use::from_value(&v) {
                        choice.set(u);
                    }
                })
            };
            let oncontinue = {
                let choice = chosen;
                let step = step.clone();
                let file = file.clone();
                let imported = imported.clone();
                let target = target.clone();
                let store = store.clone();
                let navigator = navigator.clone();
                Callback::from(move |e: SubmitEvent| {
                    e.prevent_default();
                    match (choice, &target) {
                        (Use::Replace, Some(_)) => step.set(Step::ConfirmReplace {
                            imported: imported.clone(),
                        }),
                        (Use::Baseline, Some(t)) => {
                            let Some(fw) = catalogue().find(&imported.assessment.framework) else {
                                return;
                            };
                            let b = snapshot(fw, &imported.assessment);
                            let what = format!(
                                "Baseline set: {}, {} to {}",
                                b.force,
                                b.period.start.long(),
                                b.period.end.long()
                            );
                            store.dispatch(Action::EditThen(
                                Edit::SetBaseline(Some(b)),
                                Flash::success(what),
                            ));
                            if let Some(nav) = &navigator {
                                nav.push(&Route::Progress {
                                    id: t.assessment.id.clone(),
                                });
                            }
                        }
                        (Use::Bring, Some(_)) => step.set(Step::BringBack(vec![File {
                            name: file.clone(),
                            assessment: imported.assessment.clone(),
                            reopened: imported.reopened.clone(),
                        }])),
                        _ => {
                            let mut a = imported.assessment.clone();
                            // A copy of its own on this device: its changes
                            // count apart from any other copy of the file.
                            a.copy_id = new_id();
                            let what = if a.pack.is_some() {
                                "Work pack opened"
                            } else {
                                if exists {
                                    a.id = new_id();
                                    a.force = format!("{} (imported copy)", a.force);
                                }
                                "Assessment imported"
                            };
                            finish(&store, &navigator, a, Origin::Made, Flash::success(what));
                        }
                    }
                })
            };
            html! {
                <>
                    <h2 class="heading-m" tabindex="-1" ref={result.clone()}>{format!("What {file} holds")}</h2>
                    <dl class="summary-list" id="import-preview">
                        { summary_row(&yew::props!(SummaryRowProps {
                            key_text: "Force",
                            value: a.force.clone(),
                        })) }
                        { summary_row(&yew::props!(SummaryRowProps {
                            key_text: "Framework",
                            value: fw.map(|f| format!("{} (version {})", f.title, f.version)).unwrap_or_default(),
                        })) }
                        { summary_row(&yew::props!(SummaryRowProps {
                            key_text: "Period",
                            value: format!("{} to {}", a.period.start.long(), a.period.end.long()),
                        })) }
                        { summary_row(&yew::props!(SummaryRowProps {
                            key_text: "Cases",
                            value: a.cases.len().to_string(),
                        })) }
                        { summary_row(&yew::props!(SummaryRowProps {
                            key_text: "Reviewer grades",
                            value: if reviewer == 0 { "None".to_owned() } else { format!("{reviewer} of {} cases", a.cases.len()) },
                        })) }
                        if let Some(at) = imported.exported_at {
                            { summary_row(&yew::props!(SummaryRowProps {
                                key_text: "Exported",
                                value: date_time(at),
                            })) }
                        }
                    </dl>
                    if let Some(note) = imported.markup_note() {
                        { warning_text(&yew::props!(WarningTextProps {
                            id: "import-markup",
                            children: html! { <>{note}</> },
                        })) }
                    }
                    if !imported.reopened.is_empty() {
                        <div class="inset-text" id="import-reopened">
                            <p>{format::reopened_intro(imported.reopened.len())}</p>
                            <ul class="list list--bullet">
                                { for imported.reopened.iter().map(|r| html! { <li>{r.describe()}</li> }) }
                            </ul>
                        </div>
                    }
                    if reviewer_file {
                        <p id="reviewer-file">{"This file holds only a reviewer's grades, by case. They can be added to the assessment they were given on, and nothing else of it is kept."}</p>
                    }
                    if let Some(p) = pack {
                        <p id="pack-file">{format!(
                            "This is a work pack for {}: the cases of the assessment allocated to them. It comes back into the assessment it was made from.",
                            pack_name(a).unwrap_or(p.member.as_str())
                        )}</p>
                    }
                    if let Some((force, r)) = &refused {
                        { warning_text(&yew::props!(WarningTextProps {
                            id: "import-refused",
                            children: html! { <>{format!("It cannot be brought back into the assessment for {force}: {r}.")}</> },
                        })) }
                    }
                    if choices.is_empty() {
                        // Refused into the open assessment, the warning says
                        // why: not to open it, the page the lead is on.
                        if refused.is_none() {
                            <p>{if pack.is_some() && exists {
                                "This device already holds the assessment this work pack belongs to. To bring its work back, open that assessment and import the file from its Import page; to work on the pack, open it on the computer it is for."
                            } else {
                                "Open that assessment, then import this file from its Import page."
                            }}</p>
                        }
                        <button type="button" class="link-button" onclick={choose_again.clone()}>{"Choose another file"}</button>
                    } else {
                        <form onsubmit={oncontinue} novalidate=true>
                            { radios(&yew::props!(RadiosProps {
                                name: "import-choice",
                                legend: html! { "What do you want to do with it?" },
                                legend_m: true,
                                choices,
                                selected: Some(AttrValue::from(chosen.value())),
                                onchange: onchoice,
                            })) }
                            <div class="button-group">
                                <button type="submit" class="button">{"Continue"}</button>
                                <button type="button" class="link-button" onclick={choose_again.clone()}>{"Choose another file"}</button>
                            </div>
                        </form>
                    }
                </>
            }
        }
        Step::BringBack(files) => match target.clone() {
            None => html! {},
            Some(open) => {
                let onfinish = {
                    let (store, navigator) = (store.clone(), navigator.clone());
                    // The work brought back goes into the open copy: it is
                    // still that copy, for its saves.
                    let origin = Origin::Of(open.opened);
                    Callback::from(move |(a, what): (Assessment, String)| {
                        finish(&store, &navigator, a, origin, Flash::success(what))
                    })
                };
                let oncancel = {
                    let step = step.clone();
                    Callback::from(move |_: ()| step.set(Step::Choose))
                };
                html! {
                    <div tabindex="-1" ref={result.clone()}>
                        <BringBack {open} {files} {onfinish} {oncancel} />
                    </div>
                }
            }
        },
        Step::ConfirmReplace { imported } => {
            let Some(t) = target.clone() else {
                return html! {};
            };
            let onclick = {
                // It takes the place of the open assessment, under its id.
                let mut a = imported.assessment.clone();
                a.id = t.assessment.id.clone();
                a.copy_id = new_id();
                let store = store.clone();
                let navigator = navigator.clone();
                Callback::from(move |_: MouseEvent| {
                    // What was typed into the replaced assessment's forms
                    // goes with it (found in review: it stayed, and showed
                    // on the file's cases).
                    crate::app::drafts::discard_under(&[&a.id]);
                    finish(
                        &store,
                        &navigator,
                        a.clone(),
                        Origin::Made,
                        Flash::success("Assessment replaced"),
                    )
                })
            };
            html! {
                <>
                    <div tabindex="-1" ref={result.clone()}>
                        { warning_text(&yew::props!(WarningTextProps { children: html! { <>{format!(
                            "This replaces everything in the assessment for {} ({}) with the file's {}. It cannot be undone.",
                            t.assessment.force, count(t.assessment.cases.len(), "case"), count(imported.assessment.cases.len(), "case")
                        )}</> } })) }
                    </div>
                    <p><Link<Route> to={Route::Export { id: t.assessment.id.clone() }}>{"Export the current assessment first"}</Link<Route>>{" if you might need it."}</p>
                    <div class="button-group">
                        <button type="button" class="button button--warning" {onclick}>{"Yes, replace it"}</button>
                        <button type="button" class="link-button" onclick={choose_again}>{"Cancel"}</button>
                    </div>
                </>
            }
        }
    };
    match target {
        Some(open) => html! {
            { assessment_frame(&yew::props!(FrameProps {
                open,
                title: "Import",
                section: Section::Import,
                children: html! { <><p>{"Import a file exported from this tool: a backup, a copy from another device, or the team's work to bring back."}</p>
                {body}</> },
            })) }
        },
        None => html! {
            <Page title="Import an assessment" back={Route::Home}>
                <p>{"Import a file exported from this tool, for example a backup or a copy from another device."}</p>
                {body}
            </Page>
        },
    }
}

#[derive(Properties, PartialEq)]
struct UnlockProps {
    file: String,
    sealed: Box<Sealed>,
    /// The next step once the file is open: its preview, or its problems.
    onopen: Callback<Step>,
}

/// Asks for an encrypted export's passphrase, and opens it. A wrong
/// passphrase says so, and nothing changes.
#[component]
fn Unlock(p: &UnlockProps) -> Html {
    let passphrase = use_state(String::new);
    let errors = use_state(Vec::<FieldError>::new);
    let attempt = use_state(|| 0u32);
    let busy = use_state(|| false);
    let onsubmit = {
        let (passphrase, errors, attempt, busy) = (
            passphrase.clone(),
            errors.clone(),
            attempt.clone(),
            busy.clone(),
        );
        let (file, sealed, onopen) = (p.file.clone(), p.sealed.clone(), p.onopen.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            let fail = {
                let (errors, attempt) = (errors.clone(), attempt.clone());
                move |message: String| {
                    errors.set(vec![FieldError {
                        field: "import-passphrase".into(),
                        message,
                    }]);
                    attempt.set(*attempt + 1);
                }
            };
            if passphrase.is_empty() {
                fail("Enter the passphrase the file was protected with".into());
                return;
            }
            busy.set(true);
            let (secret, file, sealed, onopen, busy) = (
                (*passphrase).clone(),
                file.clone(),
                sealed.clone(),
                onopen.clone(),
                busy.clone(),
            );
            spawn_local(async move {
                match crate::app::sealing::unseal(&sealed, &secret).await {
                    Ok(Some(plain)) => onopen.emit(checked(file, &plain)),
                    Ok(None) => fail(sealed::WRONG_PASSPHRASE.into()),
                    Err(e) => fail(e),
                }
                busy.set(false);
            });
        })
    };
    let oninput = {
        let passphrase = passphrase.clone();
        Callback::from(move |v: String| passphrase.set(v))
    };
    // The file input that had focus is gone: the passphrase is what is asked
    // for next, and its hint says why.
    use_effect_with((), |_| focus_field("import-passphrase"));
    html! {
        <>
            <h2 class="heading-m">{format!("{} is protected with a passphrase", p.file)}</h2>
            if !errors.is_empty() {
                <ErrorSummary errors={(*errors).clone()} attempt={*attempt} />
            }
            <form {onsubmit} novalidate=true>
                { text_input(&yew::props!(TextInputProps {
                    id: "import-passphrase",
                    label: "Passphrase",
                    kind: "password",
                    autocomplete: "current-password",
                    hint: Some(AttrValue::Static("The passphrase chosen when it was exported. Nothing changes on this device until you choose what to do with what it holds.")),
                    value: (*passphrase).clone(),
                    oninput,
                    error: error_for(&errors, "import-passphrase").map(|m| AttrValue::from(m.to_owned())),
                })) }
                // Marked busy, not disabled: a disabled button drops the keyboard
                // focus to the page (a second press is ignored while busy).
                <button type="submit" class="button" aria-disabled={(*busy).then_some("true")}>
                    { if *busy { "Opening…" } else { "Open the file" } }
                </button>
            </form>
        </>
    }
}
