//! Minifies the built-in framework files into OUT_DIR, so the binary carries
//! their data without the indentation (`src/domain/framework/catalogue.rs` embeds
//! them from there). The files stay readable in `src/frameworks/`.

// A build script that cannot read its inputs should stop the build loudly.
#![allow(clippy::panic)]

use std::path::Path;

fn main() {
    let out = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
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
        let minified = serde_json::from_str::<serde_json::Value>(&text)
            .ok()
            .and_then(|v| serde_json::to_string(&v).ok())
            .unwrap_or(text);
        if let Err(e) = std::fs::write(Path::new(&out).join(name), minified) {
            panic!("cannot write {name} to {out}: {e}");
        }
    }
}
