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
    run::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod args;
#[cfg(not(target_arch = "wasm32"))]
mod files;
#[cfg(not(target_arch = "wasm32"))]
mod merging;
#[cfg(not(target_arch = "wasm32"))]
mod run;
#[cfg(not(target_arch = "wasm32"))]
mod summary;
#[cfg(not(target_arch = "wasm32"))]
mod text;
