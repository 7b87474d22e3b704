//! Reading and writing files: an export read and checked as the app's
//! import reads it, what reading changed, and output written whole or not
//! at all, never over a file read.

use std::path::Path;

use cpsa::domain::assessment::Assessment;
use cpsa::domain::format::{self, FORMAT_VERSION};
use cpsa::domain::forms::count;
use cpsa::domain::framework::{Catalogue, Framework};
use cpsa::domain::sealed;

use crate::args::{Cli, Command};
use crate::run::{fail, Failure, INVALID, IO};
use crate::text::shown;

/// Refuses, before anything is read or written, an `-o` that names one
/// of the files read (by any name: paths are compared once resolved),
/// which the output would replace. That includes `merge`'s lead file,
/// the only copy of the lead's work until the merge has been checked.
pub(crate) fn refuse_output_onto_input(cli: &Cli) -> Result<(), Failure> {
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

/// The passphrase: the first line of the file, after the byte-order
/// mark some Windows editors add.
pub(crate) fn read_passphrase(path: &Path) -> Result<String, Failure> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| fail(IO, format!("cannot read {}: {e}", path.display())))?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
    Ok(text.lines().next().unwrap_or_default().to_owned())
}

pub(crate) fn load<'c>(
    path: &Path,
    catalogue: &'c Catalogue,
    passphrase: Option<&str>,
) -> Result<(Assessment, &'c Framework), Failure> {
    open(path, read_export(path)?, catalogue, passphrase)
}

/// An export's bytes, as they are on disk (protected or not).
pub(crate) fn read_export(path: &Path) -> Result<Vec<u8>, Failure> {
    let cannot_read = |e: std::io::Error| fail(IO, format!("cannot read {}: {e}", path.display()));
    // Refuse a file over the limit before reading it into memory.
    let size = std::fs::metadata(path).map_err(cannot_read)?.len();
    if let Some(e) = format::too_large(size) {
        return Err(refused(path, e));
    }
    std::fs::read(path).map_err(cannot_read)
}

pub(crate) fn refused(path: &Path, e: format::ImportError) -> Failure {
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
pub(crate) fn open<'c>(
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
pub(crate) struct Loaded<'c> {
    pub(crate) assessment: Assessment,
    pub(crate) framework: &'c Framework,
    /// The older format version it was written in.
    pub(crate) migrated_from: Option<u32>,
    /// The cases marked complete in the file that are reopened.
    pub(crate) reopened: Vec<format::Reopened>,
}

/// Whether reopening is to come (validate, as the app's import page
/// says before importing) or done (the commands that use the file).
#[derive(Clone, Copy)]
pub(crate) enum Tense {
    WillBe,
    Are,
}

impl Loaded<'_> {
    /// What reading the file changed, in the app's import page's
    /// words: the older format version it was read from, and each case
    /// reopened, one a line.
    pub(crate) fn changes(&self, tense: Tense) -> Vec<String> {
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
pub(crate) fn open_loaded<'c>(
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

pub(crate) fn write_out(path: Option<&Path>, text: &str) -> Result<(), Failure> {
    match path {
        None => print_out(text),
        Some(p) => {
            write_whole(p, text).map_err(|e| fail(IO, format!("cannot write {}: {e}", p.display())))
        }
    }
}

/// Prints results on standard output. A reader that has stopped
/// reading (`| head`) ends the output quietly, as for any command line
/// tool; any other failure (a full disk) is a failure to write.
pub(crate) fn print_out(text: &str) -> Result<(), Failure> {
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
pub(crate) fn write_whole(path: &Path, text: &str) -> std::io::Result<()> {
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
