//! The command line: the commands and their options (clap).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use cpsa::domain::date::Date;
use cpsa::domain::results::GradeBasis;

#[derive(Parser)]
#[command(
    name = "cpsa",
    version,
    about = "Child protection self-assessment: check, summarise, convert and merge assessment exports"
)]
pub(crate) struct Cli {
    /// Also load this framework file (repeatable), for assessments made
    /// with a custom framework.
    #[arg(long = "framework-file", global = true, value_name = "FILE")]
    pub(crate) framework_files: Vec<PathBuf>,
    /// The passphrase of encrypted exports (to read them, and for `seal`):
    /// the first line of this file.
    #[arg(long = "passphrase-file", global = true, value_name = "FILE")]
    pub(crate) passphrase_file: Option<PathBuf>,
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Subcommand)]
pub(crate) enum Command {
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
        /// Start with a byte-order mark, so that Excel reads the file as
        /// UTF-8 (the app's downloads have one).
        #[arg(long)]
        bom: bool,
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
pub(crate) enum Basis {
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
