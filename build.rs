//! Minifies the built-in framework files into OUT_DIR, so the binary carries
//! their data without the indentation (`src/domain/framework/catalogue.rs` embeds
//! them from there). The files stay readable in `src/frameworks/`.
//!
//! Also writes `builtin-titles.rs`, each file's id, version and title: the
//! start page names an assessment's framework from it without the frameworks
//! themselves, which the app loads only with the pages that need them.

// A build script that cannot read its inputs should stop the build loudly.
#![allow(clippy::panic)]

use std::path::Path;

fn main() {
    let out = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    let mut titles = String::from("&[\n");
    for name in [
        "child-journey.json",
        "ncpi-2024.json",
        "child-journey-2.json",
        "ncpi-2024-2.json",
    ] {
        let source = Path::new("src/frameworks").join(name);
        println!("cargo:rerun-if-changed={}", source.display());
        let text = match std::fs::read_to_string(&source) {
            Ok(t) => t,
            Err(e) => panic!("cannot read {}: {e}", source.display()),
        };
        // A file that is not JSON is copied as it is: the framework loader
        // then reports the problem with its line and column, and the tests
        // fail on it.
        // The build script is not part of the app: serde_json's own reader.
        #[allow(clippy::disallowed_methods)]
        let value = serde_json::from_str::<serde_json::Value>(&text).ok();
        if let Some(v) = &value {
            let field = |k: &str| v.get(k).and_then(|f| f.as_str());
            if let (Some(id), Some(version), Some(title)) =
                (field("id"), field("version"), field("title"))
            {
                titles.push_str(&format!("    ({id:?}, {version:?}, {title:?}),\n"));
            }
        }
        let minified = value
            .and_then(|v| serde_json::to_string(&v).ok())
            .unwrap_or(text);
        if let Err(e) = std::fs::write(Path::new(&out).join(name), minified) {
            panic!("cannot write {name} to {out}: {e}");
        }
    }
    titles.push(']');
    if let Err(e) = std::fs::write(Path::new(&out).join("builtin-titles.rs"), titles) {
        panic!("cannot write builtin-titles.rs to {out}: {e}");
    }
}
