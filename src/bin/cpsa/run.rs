//! Running a command: each command's steps, the exit codes of a failure,
//! and the frameworks it may use.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use cpsa::domain::assessment::Assessment;
use cpsa::domain::csv;
use cpsa::domain::date::Timestamp;
use cpsa::domain::format::{self, ExportFile};
use cpsa::domain::forms::count;
use cpsa::domain::framework::{Catalogue, Framework, FrameworkRef};
use cpsa::domain::generate::generate;
use cpsa::domain::merge::{bring_back_each, Choice};
use cpsa::domain::results::Results;
use cpsa::domain::sealed;
use std::collections::BTreeMap;

use crate::args::{Cli, Command};
use crate::files::{
    load, open, open_loaded, print_out, read_export, read_passphrase, refuse_output_onto_input,
    write_out, Tense,
};
use crate::merging::{merge_counts, waiting_line};
use crate::summary::{summary_json, summary_text};
use crate::text::{criteria_table, shown, shown_lines};

/// A failure with its exit code; the message goes to stderr.
pub(crate) struct Failure {
    pub(crate) code: u8,
    pub(crate) message: String,
}

pub(crate) const INVALID: u8 = 1;

pub(crate) const CONFLICTS: u8 = 3;

pub(crate) const IO: u8 = 4;

pub(crate) fn fail(code: u8, message: impl Into<String>) -> Failure {
    Failure {
        code,
        message: message.into(),
    }
}

pub(crate) fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            // Its lines as written, anything else in them shown.
            eprintln!("cpsa: {}", shown_lines(&f.message));
            ExitCode::from(f.code)
        }
    }
}

pub(crate) fn run(cli: Cli) -> Result<(), Failure> {
    refuse_output_onto_input(&cli)?;
    let catalogue = catalogue(&cli.framework_files)?;
    let passphrase = cli
        .passphrase_file
        .as_deref()
        .map(read_passphrase)
        .transpose()?;
    let passphrase = passphrase.as_deref();
    match cli.command {
        Command::Validate { file } => {
            let loaded = open_loaded(&file, read_export(&file)?, &catalogue, passphrase)?;
            let (a, fw) = (&loaded.assessment, loaded.framework);
            let mut out = format!(
                "{}: valid. {} assessed against {} ({}); {}, {} with a reviewer grade.\n",
                shown(&file.display().to_string()),
                shown(&a.force),
                shown(&fw.title),
                shown(&fw.reference().to_string()),
                count(a.cases.len(), "case"),
                a.cases
                    .iter()
                    .filter(|c| c.reviewer_grade.is_some())
                    .count()
            );
            // What import does to it, as the app's import page says before it.
            for note in loaded.changes(Tense::WillBe) {
                out.push_str(&shown(&note));
                out.push('\n');
            }
            print_out(&out)
        }
        Command::Summary {
            file,
            json,
            grades,
            today,
        } => {
            let today = today.or_else(|| now().map(Timestamp::date));
            let (a, fw) = load(&file, &catalogue, passphrase)?;
            let results = Results::compute(fw, &a, grades.into());
            if let Err(wrong) = results.check() {
                let list: Vec<String> = wrong.iter().map(|w| w.to_string()).collect();
                return Err(fail(
                    INVALID,
                    format!("the results do not add up (a bug): {}", list.join("; ")),
                ));
            }
            let out = if json {
                summary_json(fw, &a, &results, today)?
            } else {
                summary_text(fw, &a, &results, today)
            };
            print_out(&out)
        }
        Command::Csv {
            file,
            answers,
            actions,
            statements,
            recommendations,
            update,
            bom,
            output,
        } => {
            let (a, fw) = load(&file, &catalogue, passphrase)?;
            let mut text = if answers {
                csv::answers(fw, &a)
            } else if actions {
                csv::actions(&a)
            } else if statements {
                csv::statements(fw, &a)
            } else if recommendations {
                csv::recommendations(fw, &a)
            } else if update {
                csv::update(&a)
            } else {
                csv::cases(fw, &a)
            };
            if bom {
                text.insert_str(0, csv::BOM);
            }
            write_out(output.as_deref(), &text)
        }
        Command::Merge {
            lead,
            files,
            output,
            keep,
        } => {
            let mut choices = BTreeMap::new();
            for pair in keep.chunks(2) {
                let [which, case] = pair else {
                    return Err(fail(
                        2,
                        "--keep takes two values: lead, theirs or both, and a case id",
                    ));
                };
                let choice: Choice = which.parse().map_err(|e| fail(2, format!("--keep {e}")))?;
                if choices.insert(case.clone(), choice).is_some() {
                    return Err(fail(
                        2,
                        format!("--keep is given more than once for case {case}: give one choice for it"),
                    ));
                }
            }
            let (lead_assessment, lead_fw) = load(&lead, &catalogue, passphrase)?;
            let mut loaded = Vec::new();
            for file in &files {
                let (theirs, _) = load(file, &catalogue, passphrase)?;
                loaded.push((file.display().to_string(), theirs));
            }
            let named: Vec<(&str, &Assessment)> =
                loaded.iter().map(|(n, a)| (n.as_str(), a)).collect();
            let merges = bring_back_each(lead_fw, &lead_assessment, &named, &choices).map_err(
                |(file, e)| {
                    fail(
                        INVALID,
                        format!("{file}: {}; nothing was written", shown(&e.to_string())),
                    )
                },
            )?;
            let mut waiting = Vec::new();
            let into_pack = lead_assessment.pack.is_some();
            for ((name, _), step) in loaded.iter().zip(&merges) {
                let m = &step.merge;
                eprintln!("cpsa: {name}: {}", merge_counts(m));
                waiting.extend(m.waiting().map(|c| {
                    format!(
                        "- {name}: {}",
                        waiting_line(c, choices.contains_key(&c.case), into_pack)
                    )
                }));
            }
            let merged = merges
                .into_iter()
                .last()
                .map_or(lead_assessment, |step| step.merge.merged);
            if !waiting.is_empty() {
                return Err(fail(
                    CONFLICTS,
                    format!(
                        "{} {} for a choice; nothing was written. Choose for each with --keep and merge again:\n{}",
                        count(waiting.len(), "conflict"),
                        if waiting.len() == 1 { "waits" } else { "wait" },
                        waiting.join("\n")
                    ),
                ));
            }
            let text = format::export_to_open_again(&merged, now(), 0, &catalogue)
                .map_err(|e| fail(IO, e))?;
            write_out(Some(&output), &text)?;
            eprintln!("cpsa: wrote {}", output.display());
            Ok(())
        }
        Command::Generate {
            cases,
            seed,
            framework,
            output,
        } => {
            let fw = match framework {
                None => catalogue
                    .current()
                    .next()
                    .ok_or_else(|| fail(INVALID, "no framework is available"))?,
                Some(spec) => find_framework(&catalogue, &spec, "--framework")?,
            };
            if cases > format::MAX_CASES {
                return Err(fail(2, format!("--cases is at most {}", format::MAX_CASES)));
            }
            let a = generate(fw, cases, seed);
            let text =
                format::export_to_open_again(&a, None, 0, &catalogue).map_err(|e| fail(IO, e))?;
            write_out(output.as_deref(), &text)
        }
        Command::Seal { file, output } => {
            let Some(passphrase) = passphrase else {
                return Err(fail(2, "seal needs --passphrase-file"));
            };
            if let Some(e) = sealed::check_new_passphrase(passphrase, passphrase).first() {
                return Err(fail(2, e.message.clone()));
            }
            let bytes = read_export(&file)?;
            if sealed::read(&bytes).is_some() {
                return Err(fail(
                    INVALID,
                    format!(
                        "{} is already protected with a passphrase: it need not be sealed again",
                        file.display()
                    ),
                ));
            }
            let (a, _) = open(&file, bytes, &catalogue, None)?;
            let text =
                format::export_to_open_again(&a, now(), 0, &catalogue).map_err(|e| fail(IO, e))?;
            if let Some(refused) = sealed::too_large(text.len(), a.cases.len()) {
                return Err(fail(IO, refused));
            }
            let s = sealed::native::seal(text.as_bytes(), passphrase).map_err(|e| fail(IO, e))?;
            write_out(Some(&output), &sealed::write(&s))
        }
        Command::Frameworks {
            criteria: Some(spec),
        } => {
            let fw = find_framework(&catalogue, &spec, "--criteria")?;
            print_out(&criteria_table(fw))
        }
        Command::Frameworks { criteria: None } => {
            let mut list = String::new();
            for fw in catalogue.all() {
                list.push_str(&format!(
                    "{}@{}  {}  ({} case types, {} stages, {} criteria, {} topics)\n",
                    shown(&fw.id),
                    shown(&fw.version),
                    shown(&fw.title),
                    fw.case_types.len(),
                    fw.stages.len(),
                    fw.criteria.len(),
                    fw.topics.len()
                ));
            }
            print_out(&list)
        }
        Command::Schema => {
            let schema = schemars::schema_for!(ExportFile);
            let text = serde_json::to_string_pretty(&schema)
                .map_err(|e| fail(IO, format!("the schema could not be written: {e}")))?;
            print_out(&(text + "\n"))
        }
    }
}

/// The framework `ID@VERSION` names.
pub(crate) fn find_framework<'c>(
    catalogue: &'c Catalogue,
    spec: &str,
    option: &str,
) -> Result<&'c Framework, Failure> {
    let (id, version) = spec
        .split_once('@')
        .ok_or_else(|| fail(2, format!("{option} takes ID@VERSION, not {spec:?}")))?;
    let r = FrameworkRef {
        id: id.into(),
        version: version.into(),
    };
    catalogue
        .find(&r)
        .map(|f| &**f)
        .ok_or_else(|| fail(INVALID, format!("framework {r} is not available")))
}

pub(crate) fn now() -> Option<Timestamp> {
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_millis();
    Timestamp::from_unix_millis(i64::try_from(ms).ok()?)
}

pub(crate) fn catalogue(files: &[PathBuf]) -> Result<Catalogue, Failure> {
    let mut catalogue = Catalogue::builtin()
        .map_err(|e| fail(INVALID, format!("the built-in frameworks are broken: {e}")))?
        .clone();
    for path in files {
        let bytes = std::fs::read(path)
            .map_err(|e| fail(IO, format!("cannot read {}: {e}", path.display())))?;
        catalogue
            .load_bytes(&bytes)
            .map_err(|e| fail(INVALID, format!("{}: {e}", path.display())))?;
    }
    Ok(catalogue)
}
