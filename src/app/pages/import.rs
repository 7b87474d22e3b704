use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use super::case::SummaryRow;
use super::frame::{gate, Frame, Section};
use crate::app::components::{date_time, Choice, Page, Radios, WarningText};
use crate::app::components::{error_for, ErrorSummary, TextInput};
use crate::app::hooks::use_open;
use crate::app::state::{use_store, Action, Boot, Flash, Store};
use crate::app::{catalogue, new_id, Route, SharedFramework};
use crate::domain::assessment::Assessment;
use crate::domain::baseline::snapshot;
use crate::domain::edit::Edit;
use crate::domain::format::{self, ImportError, Imported};
use crate::domain::forms::FieldError;
use crate::domain::forms::{capitalise, count};
use crate::domain::merge::{is_reviewer_copy, merge_reviewer};
use crate::domain::sealed::{self, Sealed};

#[derive(Properties, PartialEq)]
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
}

/// Opens an imported (or merged) assessment and goes to its task list,
/// with a message there.
fn finish(store: &Store, navigator: &Option<Navigator>, a: Assessment, flash: Flash) {
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
#[component]
pub fn ImportPage(p: &ImportProps) -> Html {
    let store = use_store();
    let navigator = use_navigator();
    let step = use_state(|| Step::Choose);
    let choice = use_state(|| "new".to_owned());
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

    let onfile = {
        let step = step.clone();
        Callback::from(move |e: Event| {
            let input = e.target_dyn_into::<web_sys::HtmlInputElement>();
            if let Some(file) = input
                .as_ref()
                .and_then(|i| i.files())
                .and_then(|f| f.get(0))
            {
                read(step.clone(), file);
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
            if let Some(file) = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0))
            {
                read(step.clone(), file);
            }
        })
    };

    let picker = html! {
        <div class={classes!("drop-zone", dragging.then_some("drop-zone--active"))}
            {ondragover} {ondragleave} {ondrop}>
            <div class="form-group">
                <label class="label" for="import-file">{"Choose an exported assessment (a .json file)"}</label>
                <div class="hint" id="import-file-hint">{"Or drop the file here."}</div>
                <input class="file-upload" type="file" id="import-file" name="import-file"
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
            // A reviewer's grades alone can only be added to an assessment:
            // replacing with them, or keeping their figures, would lose work.
            let reviewer_file = is_reviewer_copy(a);
            let mut choices = Vec::new();
            if !reviewer_file {
                choices.push(Choice::new(
                    "new",
                    if exists {
                        "Open it as a copy, beside the one already on this device"
                    } else {
                        "Open it as a new assessment"
                    },
                ));
            }
            if let Some(t) = &target {
                if !reviewer_file {
                    choices.push(Choice::new(
                        "replace",
                        format!("Replace the assessment for {} with it", t.assessment.force),
                    ));
                }
                choices.push(Choice::new("merge", format!("Add its reviewer grades to the assessment for {}", t.assessment.force))
                    .hint("Only reviewer grades are taken, by case. Anything that does not match is listed, never guessed."));
                if !reviewer_file {
                    choices.push(Choice::new("baseline", format!("Use it as the baseline for the assessment for {}, to show progress since", t.assessment.force))
                        .hint("Only its figures are kept: grades by case type, criteria met by stage and topic grades. It replaces any earlier baseline."));
                }
            }
            let chosen = if choices.iter().any(|c| c.value == (*choice).as_str()) {
                (*choice).clone()
            } else {
                choices
                    .first()
                    .map(|c| c.value.to_string())
                    .unwrap_or_default()
            };
            let onchoice = {
                let choice = choice.clone();
                Callback::from(move |v: String| choice.set(v))
            };
            let oncontinue = {
                let choice = chosen.clone();
                let step = step.clone();
                let imported = imported.clone();
                let target = target.clone();
                let store = store.clone();
                let navigator = navigator.clone();
                Callback::from(move |e: SubmitEvent| {
                    e.prevent_default();
                    match (choice.as_str(), &target) {
                        ("replace", Some(_)) => step.set(Step::ConfirmReplace {
                            imported: imported.clone(),
                        }),
                        ("baseline", Some(t)) => {
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
                        ("merge", Some(t)) => {
                            let outcome = merge_reviewer(&t.assessment, &imported.assessment);
                            let conflicts: Vec<String> = outcome
                                .conflicts
                                .iter()
                                .map(|c| capitalise(&c.to_string()))
                                .collect();
                            if outcome.taken.is_empty() && !conflicts.is_empty() {
                                // Nothing to take: stay here and say why.
                                store.dispatch(Action::Flash(Flash::problem(
                                    format!(
                                        "No reviewer grades were taken: {} did not match",
                                        conflicts.len()
                                    ),
                                    conflicts.join(". "),
                                )));
                            } else if conflicts.is_empty() {
                                finish(
                                    &store,
                                    &navigator,
                                    outcome.merged,
                                    Flash::success(format!(
                                        "{} added",
                                        count(outcome.taken.len(), "reviewer grade")
                                    )),
                                );
                            } else {
                                let heading = format!(
                                    "{} added; {} did not match and {} not taken",
                                    count(outcome.taken.len(), "reviewer grade"),
                                    conflicts.len(),
                                    if conflicts.len() == 1 { "was" } else { "were" }
                                );
                                finish(
                                    &store,
                                    &navigator,
                                    outcome.merged,
                                    Flash::problem(heading, conflicts.join(". ")),
                                );
                            }
                        }
                        _ => {
                            let mut a = imported.assessment.clone();
                            if exists {
                                a.id = new_id();
                                a.force = format!("{} (imported copy)", a.force);
                            }
                            finish(&store, &navigator, a, Flash::success("Assessment imported"));
                        }
                    }
                })
            };
            html! {
                <>
                    <h2 class="heading-m" tabindex="-1" ref={result.clone()}>{format!("What {file} holds")}</h2>
                    <dl class="summary-list" id="import-preview">
                        <SummaryRow key_text="Force" value={a.force.clone()} />
                        <SummaryRow key_text="Framework" value={fw.map(|f| format!("{} (version {})", f.title, f.version)).unwrap_or_default()} />
                        <SummaryRow key_text="Period" value={format!("{} to {}", a.period.start.long(), a.period.end.long())} />
                        <SummaryRow key_text="Cases" value={a.cases.len().to_string()} />
                        <SummaryRow key_text="Reviewer grades" value={if reviewer == 0 { "None".to_owned() } else { format!("{reviewer} of {} cases", a.cases.len()) }} />
                        if let Some(at) = imported.exported_at {
                            <SummaryRow key_text="Exported" value={date_time(at)} />
                        }
                    </dl>
                    if let Some(note) = imported.markup_note() {
                        <WarningText id="import-markup">{note}</WarningText>
                    }
                    if !imported.reopened.is_empty() {
                        <div class="inset-text" id="import-reopened">
                            <p>{format!("This file was made by an earlier version. {} complete there will be reopened, every answer kept:", crate::domain::forms::count(imported.reopened.len(), "case"))}</p>
                            <ul class="list list--bullet">
                                { for imported.reopened.iter().map(|r| html! { <li>{r.describe()}</li> }) }
                            </ul>
                        </div>
                    }
                    if reviewer_file {
                        <p id="reviewer-file">{"This file holds only a reviewer's grades, by case. They can be added to the assessment they were given on, and nothing else of it is kept."}</p>
                    }
                    if choices.is_empty() {
                        <p>{"Open that assessment, then import this file from its Import page."}</p>
                        <button type="button" class="link-button" onclick={choose_again.clone()}>{"Choose another file"}</button>
                    } else {
                        <form onsubmit={oncontinue} novalidate=true>
                            <Radios name="import-choice" legend={html! { "What do you want to do with it?" }} legend_m=true
                                {choices} selected={Some(AttrValue::from(chosen.clone()))} onchange={onchoice} />
                            <div class="button-group">
                                <button type="submit" class="button">{"Continue"}</button>
                                <button type="button" class="link-button" onclick={choose_again.clone()}>{"Choose another file"}</button>
                            </div>
                        </form>
                    }
                </>
            }
        }
        Step::ConfirmReplace { imported } => {
            let Some(t) = target.clone() else {
                return html! {};
            };
            let onclick = {
                // It takes the place of the open assessment, under its id.
                let mut a = imported.assessment.clone();
                a.id = t.assessment.id.clone();
                let store = store.clone();
                let navigator = navigator.clone();
                Callback::from(move |_: MouseEvent| {
                    finish(
                        &store,
                        &navigator,
                        a.clone(),
                        Flash::success("Assessment replaced"),
                    )
                })
            };
            html! {
                <>
                    <div tabindex="-1" ref={result.clone()}>
                        <WarningText>{format!(
                            "This replaces everything in the assessment for {} ({}) with the file's {}. It cannot be undone.",
                            t.assessment.force, count(t.assessment.cases.len(), "case"), count(imported.assessment.cases.len(), "case")
                        )}</WarningText>
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
            <Frame {open} title="Import" section={Section::Import}>
                <p>{"Import a file exported from this tool: a backup, a copy from another device, or a reviewer's grades."}</p>
                {body}
            </Frame>
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
    html! {
        <>
            <h2 class="heading-m">{format!("{} is protected with a passphrase", p.file)}</h2>
            <p>{"Enter the passphrase it was exported with. Nothing changes on this device until you choose what to do with what it holds."}</p>
            if !errors.is_empty() {
                <ErrorSummary errors={(*errors).clone()} attempt={*attempt} />
            }
            <form {onsubmit} novalidate=true>
                <TextInput id="import-passphrase" label="Passphrase" kind="password" autocomplete="current-password"
                    value={(*passphrase).clone()} {oninput}
                    error={error_for(&errors, "import-passphrase").map(|m| AttrValue::from(m.to_owned()))} />
                <button type="submit" class="button" disabled={*busy}>
                    { if *busy { "Opening…" } else { "Open the file" } }
                </button>
            </form>
        </>
    }
}
