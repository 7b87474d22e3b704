//! Writes the built-in framework files in their compact form into OUT_DIR
//! (`src/domain/framework/catalogue.rs` embeds them from there): the values
//! of `src/frameworks/*.json` read into the catalogue's own types
//! (`src/domain/framework/file.rs`, included here by path) and written with
//! postcard, fields by position, so the browser reads them without a JSON
//! reader. The JSON files stay the source; a file that does not read stops
//! the build with serde_json's message, line and column.
//!
//! Each file is written in three: the file with the longer texts of the
//! sections only the lead's pages show left empty, and the texts only a
//! stage of a case and the lead's pages show too (`<name>.postcard`); those
//! sections whole (`<name>.lead.postcard`, `file::LeadTexts`); and those
//! texts (`<name>.answers.postcard`, `file::AnswerTexts`), so a case's other
//! pages do not download them.
//!
//! The list below is the one list of built-in files, in the order they are
//! resolved (a file may extend only one listed before it). From it the build
//! also writes `builtin.rs`, each file's name and compact bytes,
//! `builtin-lead.rs`, each file's lead sections, and `builtin-answers.rs`,
//! each file's answer texts, in the same order, which the catalogue embeds,
//! and `builtin-titles.rs`, each file's id, version and title: the start
//! page names an assessment's framework from it without the frameworks
//! themselves, which the app loads only with the pages that need them.

// A build script that cannot read its inputs should stop the build loudly.
#![allow(clippy::panic)]

use std::path::Path;

use serde::{Deserialize, Serialize};

// The catalogue's types, as the crate has them. Methods the build has no use
// for are dead here.
#[allow(dead_code)]
#[path = "src/domain/framework/file.rs"]
mod file;
#[allow(dead_code)]
#[path = "src/domain/framework/timeline.rs"]
mod timeline;

/// `domain::framework::FrameworkRef`'s fields, which `file` names as its
/// parent's (the crate's type also derives a JSON Schema, which the build
/// does not need).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameworkRef {
    pub id: String,
    pub version: String,
}

fn main() {
    let out = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    println!("cargo:rerun-if-changed=src/domain/framework/file.rs");
    println!("cargo:rerun-if-changed=src/domain/framework/timeline.rs");
    let mut titles = String::from("&[\n");
    let mut builtin = String::from("&[\n");
    let mut lead_texts = String::from("&[\n");
    let mut answer_texts = String::from("&[\n");
    for name in [
        "child-journey",
        "ncpi-2024",
        "child-journey-2",
        "ncpi-2024-2",
    ] {
        let source = Path::new("src/frameworks").join(format!("{name}.json"));
        println!("cargo:rerun-if-changed={}", source.display());
        let text = match std::fs::read_to_string(&source) {
            Ok(t) => t,
            Err(e) => panic!("cannot read {}: {e}", source.display()),
        };
        // The build script is not part of the app: serde_json's own reader.
        #[allow(clippy::disallowed_methods)]
        let mut framework: file::FrameworkFile = match serde_json::from_str(&text) {
            Ok(f) => f,
            Err(e) => panic!("{}: {e}", source.display()),
        };
        titles.push_str(&format!(
            "    ({:?}, {:?}, {:?}),\n",
            framework.id, framework.version, framework.title
        ));
        let lead = framework.take_lead_texts();
        let answers = framework.take_answer_texts();
        write_compact(&out, &format!("{name}.postcard"), &framework);
        write_compact(&out, &format!("{name}.lead.postcard"), &lead);
        write_compact(&out, &format!("{name}.answers.postcard"), &answers);
        builtin.push_str(&format!(
            "    ({:?}, include_bytes!(concat!(env!(\"OUT_DIR\"), {:?}))),\n",
            format!("{name}.json"),
            format!("/{name}.postcard"),
        ));
        lead_texts.push_str(&format!(
            "    include_bytes!(concat!(env!(\"OUT_DIR\"), {:?})),\n",
            format!("/{name}.lead.postcard"),
        ));
        answer_texts.push_str(&format!(
            "    include_bytes!(concat!(env!(\"OUT_DIR\"), {:?})),\n",
            format!("/{name}.answers.postcard"),
        ));
    }
    builtin.push(']');
    if let Err(e) = std::fs::write(Path::new(&out).join("builtin.rs"), builtin) {
        panic!("cannot write builtin.rs to {out}: {e}");
    }
    lead_texts.push(']');
    if let Err(e) = std::fs::write(Path::new(&out).join("builtin-lead.rs"), lead_texts) {
        panic!("cannot write builtin-lead.rs to {out}: {e}");
    }
    answer_texts.push(']');
    if let Err(e) = std::fs::write(Path::new(&out).join("builtin-answers.rs"), answer_texts) {
        panic!("cannot write builtin-answers.rs to {out}: {e}");
    }
    titles.push(']');
    if let Err(e) = std::fs::write(Path::new(&out).join("builtin-titles.rs"), titles) {
        panic!("cannot write builtin-titles.rs to {out}: {e}");
    }
}

/// Writes `value` in the compact form into `out/name`.
fn write_compact<T: Serialize>(out: &str, name: &str, value: &T) {
    let compact = match postcard::to_allocvec(value) {
        Ok(b) => b,
        Err(e) => panic!("cannot write {name} compactly: {e}"),
    };
    let target = Path::new(out).join(name);
    if let Err(e) = std::fs::write(&target, compact) {
        panic!("cannot write {}: {e}", target.display());
    }
}
