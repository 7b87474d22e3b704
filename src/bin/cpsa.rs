//! `cpsa`: the command-line tool over the same domain code as the app.
//!
//! Exit codes (also in `docs/cli.md`):
//! - 0: done;
//! - 1: the input file is not a valid assessment or framework (problems on stderr);
//! - 2: the command line is wrong (usage on stderr);
//! - 3: `merge` found conflicts (listed on stderr; nothing written);
//! - 4: a file (or standard output) could not be read or written, or the
//!   export would be too large to open again (nothing written).

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::path::{Path, PathBuf};
    use std::process::ExitCode;

    use clap::{Parser, Subcommand, ValueEnum};
    use cpsa::domain::assessment::{Assessment, ConstructedFigure};
    use cpsa::domain::date::{Date, Timestamp};
    use cpsa::domain::format::{self, ExportFile, FORMAT_VERSION};
    use cpsa::domain::forms::count;
    use cpsa::domain::framework::{Catalogue, Framework, FrameworkRef};
    use cpsa::domain::generate::generate;
    use cpsa::domain::grade::{percent, CaseGrade};
    use cpsa::domain::merge::{
        bring_back_each, CaseResult, Choice, ConflictKind, Merge, Outcome, Part,
    };
    use cpsa::domain::results::{
        answers_contradicted, cross_row, same_grade, GradeBasis, GradeCounts, Results,
    };
    use cpsa::domain::scale::TopicGrade;
    use cpsa::domain::sealed;
    use cpsa::domain::{csv, dip, follow_up, statements, topics};
    use std::collections::BTreeMap;

    #[derive(Parser)]
    #[command(
        name = "cpsa",
        version,
        about = "Child protection self-assessment: check, summarise, convert and merge assessment exports"
    )]
    struct Cli {
        /// Also load this framework file (repeatable), for assessments made
        /// with a custom framework.
        #[arg(long = "framework-file", global = true, value_name = "FILE")]
        framework_files: Vec<PathBuf>,
        /// The passphrase of encrypted exports (to read them, and for `seal`):
        /// the first line of this file.
        #[arg(long = "passphrase-file", global = true, value_name = "FILE")]
        passphrase_file: Option<PathBuf>,
        #[command(subcommand)]
        command: Command,
    }

    #[derive(Subcommand)]
    enum Command {
        /// Check an export file; prints what it holds, or every problem with its place.
        Validate { file: PathBuf },
        /// Results: grades by case type and overall, force against reviewer, agreement.
        Summary {
            file: PathBuf,
            /// Print one JSON object instead of tables.
            #[arg(long)]
            json: bool,
            /// Whose grades the per-type and overall counts use.
            #[arg(long, value_enum, default_value_t = Basis::Final)]
            grades: Basis,
            /// The day the follow-up's overdue dates are judged on
            /// (YYYY-MM-DD); today when not given.
            #[arg(long)]
            today: Option<Date>,
        },
        /// CSV: one row per case, or with --answers one row per case and
        /// criterion, or with --actions one row per action of the plan.
        /// With --statements one row per force-level statement, with
        /// --recommendations one per recommendation of the report, with
        /// --update the update on the immediate recommendations.
        Csv {
            file: PathBuf,
            #[arg(long, group = "table")]
            answers: bool,
            #[arg(long, group = "table")]
            actions: bool,
            #[arg(long, group = "table")]
            statements: bool,
            #[arg(long, group = "table")]
            recommendations: bool,
            #[arg(long, group = "table")]
            update: bool,
            /// Write here instead of standard output.
            #[arg(short, long, value_name = "OUT")]
            output: Option<PathBuf>,
        },
        /// Bring auditors' and reviewers' work back into the lead's
        /// assessment, case by case; writes nothing while a conflict waits.
        Merge {
            lead: PathBuf,
            /// Work packs returned, reviewers' files, or other exports of
            /// the same assessment, taken in this order.
            #[arg(required = true)]
            files: Vec<PathBuf>,
            #[arg(short, long, value_name = "OUT")]
            output: PathBuf,
            /// For a case changed on both sides: keep the lead's copy, take
            /// the file's, or keep both as two cases (repeatable).
            #[arg(long, num_args = 2, value_names = ["lead|theirs|both", "CASE"], action = clap::ArgAction::Append)]
            keep: Vec<String>,
        },
        /// Write a generated assessment with every criterion answered.
        Generate {
            #[arg(long, default_value_t = 33)]
            cases: usize,
            #[arg(long, default_value_t = 1)]
            seed: u64,
            /// Framework id and version, e.g. child-journey@1.0.0 (default: the
            /// newest version of the first built-in).
            #[arg(long, value_name = "ID@VERSION")]
            framework: Option<String>,
            #[arg(short, long, value_name = "OUT")]
            output: Option<PathBuf>,
        },
        /// Encrypt an export with the passphrase in --passphrase-file, as the
        /// app's "protect with a passphrase" does (AES-256-GCM, PBKDF2-SHA-256).
        Seal {
            file: PathBuf,
            #[arg(short, long, value_name = "OUT")]
            output: PathBuf,
        },
        /// List the frameworks available; with --criteria, one framework's
        /// criteria: where each applies, where it is key, its question.
        Frameworks {
            #[arg(long, value_name = "ID@VERSION")]
            criteria: Option<String>,
        },
        /// Print the export format's JSON Schema.
        Schema,
    }

    #[derive(Clone, Copy, ValueEnum)]
    enum Basis {
        /// The reviewer's grade where there is one, otherwise the force's.
        Final,
        /// The force's grades.
        Force,
        /// The reviewer's grades.
        Reviewer,
    }

    impl From<Basis> for GradeBasis {
        fn from(b: Basis) -> Self {
            match b {
                Basis::Final => GradeBasis::Final,
                Basis::Force => GradeBasis::Force,
                Basis::Reviewer => GradeBasis::Reviewer,
            }
        }
    }

    /// A failure with its exit code; the message goes to stderr.
    struct Failure {
        code: u8,
        message: String,
    }

    const INVALID: u8 = 1;
    const CONFLICTS: u8 = 3;
    const IO: u8 = 4;

    fn fail(code: u8, message: impl Into<String>) -> Failure {
        Failure {
            code,
            message: message.into(),
        }
    }

    pub fn main() -> ExitCode {
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

    fn run(cli: Cli) -> Result<(), Failure> {
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
                output,
            } => {
                let (a, fw) = load(&file, &catalogue, passphrase)?;
                let text = if answers {
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
                    let choice: Choice =
                        which.parse().map_err(|e| fail(2, format!("--keep {e}")))?;
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
                let text = format::export_to_open_again(&a, None, 0, &catalogue)
                    .map_err(|e| fail(IO, e))?;
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
                let text = format::export_to_open_again(&a, now(), 0, &catalogue)
                    .map_err(|e| fail(IO, e))?;
                if let Some(refused) = sealed::too_large(text.len(), a.cases.len()) {
                    return Err(fail(IO, refused));
                }
                let s =
                    sealed::native::seal(text.as_bytes(), passphrase).map_err(|e| fail(IO, e))?;
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

    /// Refuses, before anything is read or written, an `-o` that names one
    /// of the files read (by any name: paths are compared once resolved),
    /// which the output would replace. That includes `merge`'s lead file,
    /// the only copy of the lead's work until the merge has been checked.
    fn refuse_output_onto_input(cli: &Cli) -> Result<(), Failure> {
        let (output, mut inputs): (&Path, Vec<&Path>) = match &cli.command {
            Command::Csv {
                file,
                output: Some(output),
                ..
            }
            | Command::Seal { file, output } => (output, vec![file]),
            Command::Merge {
                lead,
                files,
                output,
                ..
            } => (
                output,
                std::iter::once(lead).chain(files).map(|f| &**f).collect(),
            ),
            Command::Generate {
                output: Some(output),
                ..
            } => (output, Vec::new()),
            _ => return Ok(()),
        };
        inputs.extend(cli.framework_files.iter().map(|f| &**f));
        inputs.extend(cli.passphrase_file.as_deref());
        // An output not there yet is no input.
        let Ok(resolved) = std::fs::canonicalize(output) else {
            return Ok(());
        };
        match inputs
            .into_iter()
            .find(|i| std::fs::canonicalize(i).is_ok_and(|i| i == resolved))
        {
            Some(input) => Err(fail(
                2,
                format!(
                    "-o {} is the same file as the input {}, which the output would replace: write to another file. Nothing was read or written",
                    output.display(),
                    input.display()
                ),
            )),
            None => Ok(()),
        }
    }

    /// The framework `ID@VERSION` names.
    fn find_framework<'c>(
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

    /// One line per criterion: id, stage, the case types it applies to (with
    /// `*` where it is key, and `?` where a condition brings it in), the question.
    fn criteria_table(fw: &Framework) -> String {
        let mut out = format!(
            "{}@{}: * key for that case type; ? applies when a condition holds\n",
            shown(&fw.id),
            shown(&fw.version)
        );
        for c in &fw.criteria {
            let types: Vec<String> = fw
                .case_types
                .iter()
                .filter_map(|t| {
                    let conditional = !c.applies_to.includes(&t.id)
                        && fw.conditions_for(&t.id).any(|k| k.criteria.contains(&c.id));
                    (c.applies_to.includes(&t.id) || conditional).then(|| {
                        format!(
                            "{}{}{}",
                            t.id,
                            if c.is_key_for(&t.id) { "*" } else { "" },
                            if conditional { "?" } else { "" }
                        )
                    })
                })
                .collect();
            // Tab-separated: a tab in a field is shown as a space.
            out.push_str(&format!(
                "{}\t{}\t{}\t{}\n",
                shown(&c.id),
                shown(&c.stage),
                shown(&types.join(",")),
                shown(&c.text)
            ));
        }
        out
    }

    /// "2 cases added, 1 taken, 0 kept, 3 unchanged; 4 reviewer grades taken;
    /// 1 conflict".
    fn merge_counts(m: &Merge) -> String {
        let n = |part: Part, f: &dyn Fn(&Outcome) -> bool| {
            m.cases
                .iter()
                .filter(|c| c.part == part && f(&c.outcome))
                .count()
        };
        let audit = |o: Outcome| n(Part::Audit, &|x| *x == o);
        let mut text = format!(
            "{} added, {} taken, {} kept, {} unchanged",
            count(audit(Outcome::Added), "case"),
            audit(Outcome::Taken),
            audit(Outcome::Kept),
            audit(Outcome::Unchanged)
        );
        let deleted = audit(Outcome::StillDeleted);
        if deleted > 0 {
            text.push_str(&format!(
                ", {deleted} deleted in the lead's copy with nothing newer in the file"
            ));
        }
        let grades = n(Part::Review, &|x| *x == Outcome::Taken);
        if m.cases.iter().any(|c| c.part == Part::Review) {
            text.push_str(&format!("; {} taken", count(grades, "reviewer grade")));
        }
        let unknown = n(Part::Review, &|x| *x == Outcome::Unknown);
        if unknown > 0 {
            text.push_str(&format!(
                "; {} for cases the lead's copy does not have, not taken",
                count(unknown, "reviewer grade")
            ));
        }
        let resolved = m.count(|x| matches!(x, Outcome::Resolved(_)));
        if resolved > 0 {
            text.push_str(&format!("; {resolved} chosen"));
        }
        let waiting = m.waiting().count();
        if waiting > 0 {
            text.push_str(&format!("; {} waiting", count(waiting, "conflict")));
        }
        if !m.reopened.is_empty() {
            text.push_str(&format!(
                "; {} reopened, the timeline over a limit the lead's service standards set with no note saying why: {}",
                count(m.reopened.len(), "complete case"),
                shown(&m.reopened_labels().join(", "))
            ));
        }
        text
    }

    /// A conflict and the choices that resolve it; `chosen` when the run
    /// gave a choice for the case that does not resolve it ("both", for a
    /// deleted case or a reviewer grade).
    /// `into_pack`: the lead's newer pack taken into a member's, where
    /// "both" does not apply (a pack adds no case).
    fn waiting_line(c: &CaseResult, chosen: bool, into_pack: bool) -> String {
        let line = waiting_choices(c, into_pack);
        if chosen {
            format!("{line} (\"both\" does not apply to it)")
        } else {
            line
        }
    }

    fn waiting_choices(c: &CaseResult, into_pack: bool) -> String {
        // The label is the file's text: a line break in it would split the list.
        let (label, case) = (shown(&c.label), shown(&c.case));
        match c.outcome {
            Outcome::Conflict(ConflictKind::BothChanged) => format!(
                "case {label} ({case}): changed in both copies since they parted; --keep lead|theirs{} {case}",
                if into_pack { "" } else { "|both" }
            ),
            Outcome::Conflict(ConflictKind::DeletedHere) => format!(
                "case {label} ({case}): deleted in the lead's copy but changed in the file since; --keep lead {case} to leave it deleted, --keep theirs {case} to restore it"
            ),
            Outcome::Conflict(ConflictKind::ReviewerGrade { ours, theirs }) => format!(
                "case {label} ({case}): the reviewer grade is {ours} in the lead's copy and {theirs} in the file; --keep lead|theirs {case}"
            ),
            _ => format!("case {label} ({case})"),
        }
    }

    fn now() -> Option<Timestamp> {
        let ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_millis();
        Timestamp::from_unix_millis(i64::try_from(ms).ok()?)
    }

    fn catalogue(files: &[PathBuf]) -> Result<Catalogue, Failure> {
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

    /// The passphrase: the first line of the file, after the byte-order
    /// mark some Windows editors add.
    fn read_passphrase(path: &Path) -> Result<String, Failure> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| fail(IO, format!("cannot read {}: {e}", path.display())))?;
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
        Ok(text.lines().next().unwrap_or_default().to_owned())
    }

    fn load<'c>(
        path: &Path,
        catalogue: &'c Catalogue,
        passphrase: Option<&str>,
    ) -> Result<(Assessment, &'c Framework), Failure> {
        open(path, read_export(path)?, catalogue, passphrase)
    }

    /// An export's bytes, as they are on disk (protected or not).
    fn read_export(path: &Path) -> Result<Vec<u8>, Failure> {
        let cannot_read =
            |e: std::io::Error| fail(IO, format!("cannot read {}: {e}", path.display()));
        // Refuse a file over the limit before reading it into memory.
        let size = std::fs::metadata(path).map_err(cannot_read)?.len();
        if let Some(e) = format::too_large(size) {
            return Err(refused(path, e));
        }
        std::fs::read(path).map_err(cannot_read)
    }

    fn refused(path: &Path, e: format::ImportError) -> Failure {
        let problems: Vec<String> = e
            .problems
            .iter()
            .map(|p| format!("- {}", shown(&p.to_string())))
            .collect();
        fail(
            INVALID,
            format!(
                "{} is not a valid assessment export:\n{}",
                path.display(),
                problems.join("\n")
            ),
        )
    }

    /// The assessment in an export's bytes (opened with the passphrase if
    /// the file is protected) and its framework. What reading it changed
    /// (complete cases reopened) is noted on stderr.
    fn open<'c>(
        path: &Path,
        bytes: Vec<u8>,
        catalogue: &'c Catalogue,
        passphrase: Option<&str>,
    ) -> Result<(Assessment, &'c Framework), Failure> {
        let loaded = open_loaded(path, bytes, catalogue, passphrase)?;
        if !loaded.reopened.is_empty() {
            let lines: Vec<_> = loaded
                .changes(Tense::Are)
                .iter()
                .map(|l| shown(l).into_owned())
                .collect();
            eprintln!(
                "cpsa: note: {}: {}",
                shown(&path.display().to_string()),
                lines.join("\n")
            );
        }
        Ok((loaded.assessment, loaded.framework))
    }

    /// An export as read: its assessment and framework, and what reading
    /// it changed.
    struct Loaded<'c> {
        assessment: Assessment,
        framework: &'c Framework,
        /// The older format version it was written in.
        migrated_from: Option<u32>,
        /// The cases marked complete in the file that are reopened.
        reopened: Vec<format::Reopened>,
    }

    /// Whether reopening is to come (validate, as the app's import page
    /// says before importing) or done (the commands that use the file).
    #[derive(Clone, Copy)]
    enum Tense {
        WillBe,
        Are,
    }

    impl Loaded<'_> {
        /// What reading the file changed, in the app's import page's
        /// words: the older format version it was read from, and each case
        /// reopened, one a line.
        fn changes(&self, tense: Tense) -> Vec<String> {
            let mut lines = Vec::new();
            let mut head = Vec::new();
            if let Some(v) = self.migrated_from {
                head.push(format!(
                    "It is in format version {v}, older than this tool writes ({FORMAT_VERSION}): it is read as version {FORMAT_VERSION}."
                ));
            }
            let n = self.reopened.len();
            if n > 0 {
                let verb = match tense {
                    Tense::WillBe => "will be",
                    Tense::Are if n == 1 => "is",
                    Tense::Are => "are",
                };
                head.push(format!(
                    "{} marked complete in the file {verb} reopened, every answer kept, because this version asks for more before a case is complete:",
                    count(n, "case")
                ));
            }
            if !head.is_empty() {
                lines.push(head.join(" "));
            }
            lines.extend(self.reopened.iter().map(|r| format!("- {}", r.describe())));
            lines
        }
    }

    /// [`open`], with what reading the file changed for the caller to say.
    fn open_loaded<'c>(
        path: &Path,
        mut bytes: Vec<u8>,
        catalogue: &'c Catalogue,
        passphrase: Option<&str>,
    ) -> Result<Loaded<'c>, Failure> {
        let refused = |e: format::ImportError| refused(path, e);
        if let Some(envelope) = sealed::read(&bytes) {
            let envelope = envelope.map_err(refused)?;
            let Some(passphrase) = passphrase else {
                return Err(fail(
                    INVALID,
                    format!(
                        "{} is protected with a passphrase: give it with --passphrase-file",
                        path.display()
                    ),
                ));
            };
            bytes = sealed::native::unseal(&envelope, passphrase).ok_or_else(|| {
                fail(
                    INVALID,
                    format!("{}: {}", path.display(), sealed::WRONG_PASSPHRASE),
                )
            })?;
        }
        let imported = format::import(&bytes, catalogue).map_err(refused)?;
        if let Some(note) = imported.markup_note() {
            eprintln!(
                "cpsa: note: {}",
                shown(&format!("{}: {note}", path.display()))
            );
        }
        let framework = catalogue
            .find(&imported.assessment.framework)
            .ok_or_else(|| fail(INVALID, "the framework vanished"))?;
        Ok(Loaded {
            assessment: imported.assessment,
            framework,
            migrated_from: imported.migrated_from,
            reopened: imported.reopened,
        })
    }

    fn write_out(path: Option<&Path>, text: &str) -> Result<(), Failure> {
        match path {
            None => print_out(text),
            Some(p) => write_whole(p, text)
                .map_err(|e| fail(IO, format!("cannot write {}: {e}", p.display()))),
        }
    }

    /// Prints results on standard output. A reader that has stopped
    /// reading (`| head`) ends the output quietly, as for any command line
    /// tool; any other failure (a full disk) is a failure to write.
    fn print_out(text: &str) -> Result<(), Failure> {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        match write!(out, "{text}").and_then(|()| out.flush()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                Err(fail(IO, format!("cannot write to standard output: {e}")))
            }
            _ => Ok(()),
        }
    }

    /// Writes `text` to `path` whole or not at all: into a new file in the
    /// same directory, then renamed over `path`. A write that fails part-way
    /// (a full disk) removes the new file and leaves what was at `path`.
    fn write_whole(path: &Path, text: &str) -> std::io::Result<()> {
        use std::io::Write;
        // Through a symbolic link to the file it names, as a plain write goes.
        let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        match std::fs::metadata(&target) {
            // A device, a pipe or standard output (`-o /dev/stdout`) is
            // written to as it is: there is no file to replace.
            Ok(m) if !m.is_file() && !m.is_dir() => return std::fs::write(&target, text),
            // A file its owner made read-only is not replaced behind it.
            Ok(m) if m.is_file() && m.permissions().readonly() => {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::PermissionDenied,
                    "it is read-only",
                ))
            }
            _ => {}
        }
        let name = target.file_name().ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::InvalidInput, "it is not a file name")
        })?;
        let dir = target
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let mut temporary = std::ffi::OsString::from(".");
        temporary.push(name);
        temporary.push(format!(".{}.cpsa-tmp", std::process::id()));
        let temporary = dir.join(temporary);
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)?;
        let written = (|| {
            // The file replaced keeps who may read it (a protected export's
            // owner-only mode, say).
            if let Some(was) = std::fs::metadata(&target).ok().filter(|m| m.is_file()) {
                file.set_permissions(was.permissions())?;
            }
            file.write_all(text.as_bytes())?;
            file.sync_all()?;
            std::fs::rename(&temporary, &target)
        })();
        if written.is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
        written
    }

    fn summary_json(
        fw: &Framework,
        a: &Assessment,
        r: &Results,
        today: Option<Date>,
    ) -> Result<String, Failure> {
        let value = serde_json::json!({
            "force": a.force,
            "framework": { "id": fw.id, "version": fw.version, "title": fw.title },
            "period": a.period,
            "grades": r.basis,
            "by_case_type": r.by_case_type,
            "combined": r.combined,
            "overall": r.overall,
            "calibration": r.calibration,
            "overrides": r.overrides,
            "by_stage": r.by_stage,
            "most_not_met": r.most_not_met(10),
            "open_refer_backs": r.open_refer_backs,
            "refer_backs": r.refer_backs,
            "contradictions": r.rigour.contradictions,
            "awaiting_reasons": r.rigour.awaiting_reasons,
            "suggestion_vs_reviewer": r.rigour.suggestion_vs_reviewer,
            "constructed": a.provenance.as_ref().map(|p| &p.constructed),
            "force_level": force_level(fw, a, r),
            "topic_overrides": topics::overrides(a),
            "follow_up": follow_up::summary(fw, a, today),
            "dip_samples": dip::summary(fw, a),
        });
        serde_json::to_string_pretty(&value)
            .map(|s| s + "\n")
            .map_err(|e| fail(IO, format!("the summary could not be written: {e}")))
    }

    /// Each group of force-level statements with its answers counted, and
    /// for a topic the rule's suggestion and the force's grade.
    fn force_level(fw: &Framework, a: &Assessment, r: &Results) -> serde_json::Value {
        let groups: Vec<serde_json::Value> = fw
            .statement_groups()
            .iter()
            .map(|g| {
                let mut v = serde_json::json!({
                    "id": g.id,
                    "name": g.name,
                    "statements": statements::counts(a, g),
                });
                if let Some(t) = fw.topic(g.id) {
                    let e = topics::evidence(fw, a, r, t);
                    let s = topics::suggest(fw, a, &e, t);
                    if let Some(o) = v.as_object_mut() {
                        o.insert("suggested".into(), serde_json::json!(s.grade));
                        o.insert("reasons".into(), serde_json::json!(s.reasons));
                        let grade = topics::judgment(a, g.id).and_then(|j| j.grade);
                        o.insert("grade".into(), serde_json::json!(grade));
                        // The grade was weighed against another suggestion:
                        // to be judged again (the app flags it too).
                        let changed = topics::suggestion_changed(fw, a, &e, t)
                            .map(|c| serde_json::json!({ "was": c.was, "now": c.now }));
                        o.insert("suggestion_changed".into(), serde_json::json!(changed));
                    }
                }
                v
            })
            .collect();
        serde_json::json!({
            "groups": groups,
            "to_do": statements::to_do(fw, a, false),
        })
    }

    fn summary_text(fw: &Framework, a: &Assessment, r: &Results, today: Option<Date>) -> String {
        let mut out = String::new();
        // Every line once, each as one line: file text in it shown.
        let mut line = |s: String| {
            out.push_str(&shown(&s));
            out.push('\n');
        };
        line(format!("{} — {}", a.force, fw.title));
        line(format!(
            "Framework {}; period {} to {}; {} cases",
            fw.reference(),
            a.period.start,
            a.period.end,
            r.overall.cases
        ));
        if let Some(p) = &a.provenance {
            line(format!(
                "Figures marked [constructed] rest on case-level data made up to match published totals, not on records. {}",
                p.note
            ));
        }
        // " [constructed]" after a figure the file says rests on constructed data.
        let mark = |figure: ConstructedFigure| {
            if a.provenance
                .as_ref()
                .is_some_and(|p| p.constructed.contains(&figure))
            {
                " [constructed]"
            } else {
                ""
            }
        };
        line(String::new());

        line(format!(
            "Refer-backs: {} in all, {} open{}",
            r.refer_backs,
            r.open_refer_backs.len(),
            if r.refer_backs > 0 {
                mark(ConstructedFigure::ReferBackCases)
            } else {
                ""
            }
        ));
        if !r.open_refer_backs.is_empty() {
            for rb in &r.open_refer_backs {
                line(format!(
                    "  {} ({}, {}): {} — owner {}{}",
                    rb.reference,
                    rb.case,
                    rb.case_type,
                    rb.reason,
                    rb.owner,
                    rb.deadline.map(|d| format!(", by {d}")).unwrap_or_default()
                ));
            }
        }
        line(String::new());

        line(format!("Grades by case type ({})", r.basis.describe()));
        let header = [
            "Case type",
            "Good",
            "Requires improvement",
            "Inadequate",
            "Total",
        ];
        let mut rows: Vec<Vec<String>> = r
            .by_case_type
            .iter()
            .map(|t| counts_row(&t.name, &t.counts))
            .collect();
        for row in &r.combined {
            rows.push(counts_row(&format!("{} (together)", row.name), &row.counts));
        }
        rows.push(counts_row("Overall", &r.overall.counts));
        out_table(&mut line, &header, &rows);
        if r.overall.ungraded > 0 {
            line(format!("{} case(s) have no grade yet.", r.overall.ungraded));
        }
        line(String::new());

        let cal = &r.calibration;
        line(format!(
            "Cases graded by both the force and the reviewer (n = {})",
            cal.n
        ));
        let header = ["", "Good", "Requires improvement", "Inadequate", "Total"];
        out_table(
            &mut line,
            &header,
            &[
                counts_row("Force", &cal.force),
                counts_row("Reviewer", &cal.reviewer),
            ],
        );
        line(String::new());
        line(format!(
            "Cases graded only by the reviewer ({})",
            cal.reviewer_only.total()
        ));
        out_table(
            &mut line,
            &header,
            &[counts_row("Reviewer", &cal.reviewer_only)],
        );
        if cal.force_only.total() > 0 {
            line(String::new());
            line(format!(
                "Cases graded only by the force ({})",
                cal.force_only.total()
            ));
            out_table(&mut line, &header, &[counts_row("Force", &cal.force_only)]);
        }
        line(String::new());
        line(format!(
            "Case by case (rows: the force's grade; columns: the reviewer's){}",
            mark(ConstructedFigure::CrossTable)
        ));
        let cross_rows: Vec<Vec<String>> = CaseGrade::ALL
            .iter()
            .map(|g| {
                let mut row = vec![g.label().to_owned()];
                row.extend(cross_row(&cal.cross, g.rank()).iter().map(u32::to_string));
                row
            })
            .collect();
        out_table(
            &mut line,
            &[
                "Force \\ Reviewer",
                "Good",
                "Requires improvement",
                "Inadequate",
            ],
            &cross_rows,
        );
        let same = same_grade(&cal.cross);
        match (cal.exact_agreement, cal.weighted_kappa) {
            (Some(agree), kappa) => line(format!(
                "Exact agreement: {same} of {} ({}){}. Linear-weighted kappa: {} (n = {}){}.",
                cal.n,
                percent(agree),
                mark(ConstructedFigure::ExactAgreement),
                kappa.map_or("not defined".to_owned(), |k| format!("{k:.2}")),
                cal.n,
                mark(ConstructedFigure::WeightedKappa)
            )),
            (None, _) => line("Agreement: no case has both a force and a reviewer grade.".into()),
        }
        if let Some(d) = cal.drift {
            let way = if d > 0.0 {
                "kinder than"
            } else if d < 0.0 {
                "harsher than"
            } else {
                "the same as"
            };
            line(format!(
                "Drift: on average the force graded {:.2} grades {way} the reviewer.",
                d.abs()
            ));
        }
        let two_apart: Vec<&str> = cal
            .disagreements
            .iter()
            .filter(|d| d.apart == 2)
            .map(|d| d.label.as_str())
            .collect();
        if !two_apart.is_empty() {
            line(format!(
                "Two grades apart{}: {}",
                mark(ConstructedFigure::Disagreements),
                two_apart.join(", ")
            ));
        }
        for t in &cal.by_case_type {
            line(format!(
                "{}: {} of {} graded the same, {} kinder, {} harsher by the force (drift {:+.2}){}.",
                t.name,
                t.same,
                t.n,
                t.kinder,
                t.harsher,
                t.drift,
                mark(ConstructedFigure::DriftByCaseType)
            ));
        }
        line(String::new());

        let o = &r.overrides;
        line(format!(
            "Suggested grades: {} confirmed, {} overridden kinder, {} overridden harsher (of {}).",
            o.confirmed, o.kinder, o.harsher, o.decided
        ));
        line(String::new());

        if !cal.by_auditor.is_empty() {
            line(format!(
                "Calibration by auditor, kindest first{}",
                mark(ConstructedFigure::DriftByAuditor)
            ));
            let rows: Vec<Vec<String>> = cal
                .by_auditor
                .iter()
                .map(|x| {
                    vec![
                        if x.auditor.is_empty() {
                            "(not recorded)".to_owned()
                        } else {
                            truncate(&x.auditor, 30)
                        },
                        x.cases.to_string(),
                        x.n.to_string(),
                        x.exact_agreement.map(percent).unwrap_or_else(|| "–".into()),
                        x.drift
                            .map(|d| format!("{d:+.2}"))
                            .unwrap_or_else(|| "–".into()),
                        format!(
                            "{} / {} / {}",
                            x.overrides.confirmed, x.overrides.kinder, x.overrides.harsher
                        ),
                        match x.share_key_met_without_evidence {
                            Some(s) => format!(
                                "{} of {} ({})",
                                x.key_met_without_evidence,
                                x.key_met,
                                percent(s)
                            ),
                            None => "–".into(),
                        },
                    ]
                })
                .collect();
            out_table(
                &mut line,
                &[
                    "Auditor",
                    "Cases",
                    "Graded by both",
                    "Agreement",
                    "Drift",
                    "Suggestion confirmed / kinder / harsher",
                    "Key met without evidence",
                ],
                &rows,
            );
            line(String::new());
        }

        let agree = &r.rigour.suggestion_vs_reviewer;
        if let Some(share) = agree.agreement {
            line(format!(
                "The suggested grade against the reviewer's (n = {}): the same in {} ({}); the suggestion kinder in {}, harsher in {}.{}",
                agree.n,
                agree.same,
                percent(share),
                agree.suggestion_kinder,
                agree.suggestion_harsher,
                mark(ConstructedFigure::SuggestionVsReviewer)
            ));
            let rows: Vec<Vec<String>> = CaseGrade::ALL
                .iter()
                .map(|g| {
                    let mut row = vec![g.label().to_owned()];
                    row.extend(cross_row(&agree.cross, g.rank()).iter().map(u32::to_string));
                    row
                })
                .collect();
            out_table(
                &mut line,
                &[
                    "Suggested \\ Reviewer",
                    "Good",
                    "Requires improvement",
                    "Inadequate",
                ],
                &rows,
            );
            line(String::new());
        }

        let contradictions = &r.rigour.contradictions;
        if !contradictions.is_empty() {
            line(format!(
                "Answers the timeline contradicts: {}",
                answers_contradicted(contradictions).0
            ));
            for c in contradictions {
                line(format!(
                    "  {} ({}), {}: {} {}",
                    c.label,
                    c.case,
                    c.criterion,
                    c.challenge,
                    if c.explained {
                        "A note says why it stands."
                    } else {
                        "No note says why."
                    }
                ));
            }
            line(String::new());
        }
        let awaiting = &r.rigour.awaiting_reasons;
        if !awaiting.is_empty() {
            // What the rule suggests for them as they stand: how many a
            // kind audit would still carry to good once the reasons exist.
            let by = |g: CaseGrade| awaiting.iter().filter(|w| w.suggested == Some(g)).count();
            line(format!(
                "Cases that cannot be completed until reasons are written: {} (suggested good {}, requires improvement {}, inadequate {})",
                awaiting.len(),
                by(CaseGrade::Good),
                by(CaseGrade::RequiresImprovement),
                by(CaseGrade::Inadequate)
            ));
            for w in awaiting {
                let mut asked = Vec::new();
                if !w.notes.is_empty() {
                    asked.push(format!(
                        "{} not met or partly met with no evidence",
                        w.notes.join(", ")
                    ));
                }
                if !w.key_notes.is_empty() {
                    asked.push(format!(
                        "key {} met or not applicable with no note",
                        w.key_notes.join(", ")
                    ));
                }
                if !w.challenges.is_empty() {
                    asked.push(format!(
                        "{} challenged by the timeline with no note",
                        w.challenges.join(", ")
                    ));
                }
                line(format!(
                    "  {} ({}), suggested {}: {}.",
                    w.label,
                    w.case,
                    w.suggested
                        .map_or("nothing yet".to_owned(), |g| g.label().to_ascii_lowercase()),
                    asked.join("; ")
                ));
            }
            line(String::new());
        }

        let f = follow_up::summary(fw, a, today);
        if !f.is_empty() {
            line(match f.published {
                Some(p) => format!("Follow-up of the report published {}", p.long()),
                None => "Follow-up: the report's date is not entered yet".into(),
            });
            for x in &f.follow_ups {
                line(format!(
                    "  {}: due {}{}; {} of {} recommendations still need it{}",
                    x.name,
                    x.due.map_or("once the date is entered".into(), Date::long),
                    if x.overdue { " (overdue)" } else { "" },
                    x.outstanding.len(),
                    x.covers.len(),
                    if x.outstanding.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", x.outstanding.join(", "))
                    }
                ));
            }
            for d in &f.by_deadline {
                line(format!(
                    "  {}: {} recommendation{}{}",
                    d.deadline.map_or("No deadline", |t| t.label()),
                    d.count,
                    if d.count == 1 { "" } else { "s" },
                    d.due
                        .map(|d| format!(", by {}", d.long()))
                        .unwrap_or_default()
                ));
            }
            line(String::new());
        }

        let answered: u32 = r.by_stage.iter().map(|s| s.answers.total()).sum();
        if answered == 0 {
            line("Criteria: no answers recorded.".into());
            return out;
        }
        line("Criteria met by stage".into());
        let stage_rows: Vec<Vec<String>> = r
            .by_stage
            .iter()
            .map(|s| {
                vec![
                    s.name.clone(),
                    s.answers.met.to_string(),
                    s.answers.partly_met.to_string(),
                    s.answers.not_met.to_string(),
                    s.share_met.map(percent).unwrap_or_else(|| "–".into()),
                ]
            })
            .collect();
        out_table(
            &mut line,
            &["Stage", "Met", "Partly met", "Not met", "Met share"],
            &stage_rows,
        );
        line(String::new());

        let moved: Vec<String> = fw
            .topics
            .iter()
            .filter_map(|t| {
                let c = topics::suggestion_changed(fw, a, &topics::evidence(fw, a, r, t), t)?;
                let grade = |g: Option<TopicGrade>| g.map_or("none", TopicGrade::label);
                Some(format!(
                    "  {}: suggested {} when judged, {} now",
                    t.name,
                    grade(c.was),
                    grade(c.now)
                ))
            })
            .collect();
        if !moved.is_empty() {
            line("Topic grades to judge again: the evidence has moved the suggestion since".into());
            for m in moved {
                line(m);
            }
            line(String::new());
        }

        let most = r.most_not_met(10);
        if !most.is_empty() {
            line("Criteria most often not met".into());
            let rows: Vec<Vec<String>> = most
                .iter()
                .map(|c| {
                    vec![
                        format!("{}{}", c.criterion, if c.key { " (key)" } else { "" }),
                        c.answers.not_met.to_string(),
                        c.answers.scored().to_string(),
                        truncate(&c.text, 70),
                    ]
                })
                .collect();
            out_table(
                &mut line,
                &["Criterion", "Not met", "Of", "Question"],
                &rows,
            );
        }
        out
    }

    /// Text from a file as the terminal is to show it: a line break (`\n`,
    /// `\r\n`, `\r`) or tab as a space, and any other control character
    /// (C0, DEL, C1), line or paragraph separator (U+2028, U+2029) or
    /// bidirectional override or isolate (U+202A to U+202E, U+2066 to
    /// U+2069) as a `\u{..}` escape, so that no text in a file can clear
    /// the screen, colour it, reorder what follows or start a line of its
    /// own. The file keeps it as typed; JSON and CSV output escape it by
    /// their own rules.
    fn shown(text: &str) -> std::borrow::Cow<'_, str> {
        use std::fmt::Write;
        let hidden = |c: char| {
            c.is_control()
                || matches!(
                    c,
                    '\u{2028}'
                        | '\u{2029}'
                        | '\u{202a}'..='\u{202e}'
                        | '\u{2066}'..='\u{2069}'
                        // The marks that set a direction: left-to-right,
                        // right-to-left and Arabic letter.
                        | '\u{200e}'
                        | '\u{200f}'
                        | '\u{61c}'
                )
        };
        if !text.chars().any(hidden) {
            return text.into();
        }
        let mut out = String::with_capacity(text.len() + 16);
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                // "\r\n" is one break: its '\n' makes the space.
                '\r' if chars.peek() == Some(&'\n') => {}
                '\n' | '\r' | '\t' => out.push(' '),
                c if hidden(c) => {
                    let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
                }
                c => out.push(c),
            }
        }
        out.into()
    }

    /// [`shown`] line by line, for a message whose lines are its own: what
    /// every failure goes through, after the file text in it was shown.
    fn shown_lines(text: &str) -> String {
        let lines: Vec<_> = text.split('\n').map(shown).collect();
        lines.join("\n")
    }

    fn counts_row(label: &str, c: &GradeCounts) -> Vec<String> {
        vec![
            label.to_owned(),
            c.good.to_string(),
            c.requires_improvement.to_string(),
            c.inadequate.to_string(),
            c.total().to_string(),
        ]
    }

    fn truncate(s: &str, max: usize) -> String {
        if s.chars().count() <= max {
            s.to_owned()
        } else {
            format!("{}…", s.chars().take(max - 1).collect::<String>())
        }
    }

    /// A plain text table: the first column left-aligned, the rest right-aligned.
    fn out_table(line: &mut impl FnMut(String), header: &[&str], rows: &[Vec<String>]) {
        // Shown before they are measured, so the columns line up.
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|row| row.iter().map(|cell| shown(cell).into_owned()).collect())
            .collect();
        let rows = rows.as_slice();
        let cols = header.len();
        let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
        for row in rows {
            for (width, cell) in widths.iter_mut().zip(row.iter()).take(cols) {
                *width = (*width).max(cell.chars().count());
            }
        }
        let render = |cells: Vec<&str>| {
            let mut s = String::new();
            for (i, cell) in cells.iter().enumerate() {
                let pad = widths
                    .get(i)
                    .map_or(0, |w| w.saturating_sub(cell.chars().count()));
                if i == 0 {
                    s.push_str(cell);
                    s.push_str(&" ".repeat(pad));
                } else {
                    s.push_str("  ");
                    s.push_str(&" ".repeat(pad));
                    s.push_str(cell);
                }
            }
            s.trim_end().to_owned()
        };
        line(render(header.to_vec()));
        for row in rows {
            line(render(row.iter().map(String::as_str).collect()));
        }
    }
}
