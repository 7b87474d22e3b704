//! The bad-import corpus (tests/bad-imports/): every file gives the message
//! expected.json names, through the library and through the command-line
//! tool, and a refused file changes nothing.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::{Path, PathBuf};

use common::cpsa;
use cpsa::domain::format;
use cpsa::domain::framework::Catalogue;
use serde_json::Value;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad-imports")
}

fn expected() -> Value {
    let text = std::fs::read_to_string(corpus_dir().join("expected.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// (file name, expectation) for every stored file.
fn stored() -> Vec<(String, Value)> {
    let e = expected();
    e["files"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// "at: message", as the tool prints a problem.
fn problem_line(v: &Value) -> String {
    format!(
        "{}: {}",
        v["at"].as_str().unwrap(),
        v["message"].as_str().unwrap()
    )
}

#[test]
fn the_corpus_lists_every_file_it_holds_and_covers_at_least_40_refusals() {
    let listed: Vec<String> = stored().into_iter().map(|(k, _)| k).collect();
    let mut on_disk: Vec<String> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "expected.json" && n != "make.py")
        .collect();
    on_disk.sort();
    assert_eq!(listed, on_disk);
    let refused = stored()
        .iter()
        .filter(|(_, v)| v.get("accepted").is_none())
        .count();
    assert!(refused >= 40, "only {refused} refused files");
}

#[test]
fn every_file_gives_its_own_message_through_the_library() {
    let catalogue = Catalogue::builtin().unwrap();
    let mut wrong = Vec::new();
    for (name, want) in stored() {
        let bytes = std::fs::read(corpus_dir().join(&name)).unwrap();
        let got = match format::import(&bytes, catalogue) {
            Ok(imported) => match want.get("note") {
                Some(note) if imported.markup_note().as_deref() == note.as_str() => continue,
                _ => format!("accepted, note {:?}", imported.markup_note()),
            },
            Err(e) => {
                let first = e.problems[0].to_string();
                if want.get("accepted").is_none() && first == problem_line(&want) {
                    continue;
                }
                first
            }
        };
        wrong.push(format!("{name}: got {got:?}, expected {want}"));
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_file_far_over_the_limit_is_refused_by_size() {
    let e = expected();
    let (name, want) = e["generated"].as_object().unwrap().iter().next().unwrap();
    assert_eq!(name, "far-over-the-size-limit.json");
    let size = want["bytes"].as_u64().unwrap();
    let mut bytes = vec![b' '; size as usize];
    bytes[0] = b'{';
    let err = format::import(&bytes, Catalogue::builtin().unwrap()).unwrap_err();
    assert_eq!(err.problems.len(), 1);
    assert_eq!(err.problems[0].to_string(), problem_line(want));
}

#[test]
fn every_file_gives_its_own_message_through_the_tool_and_a_merge_writes_nothing() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("corpus");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("merged.json");
    let good = "tests/fixtures/small-export.json";
    let mut wrong = Vec::new();
    for (name, want) in stored() {
        let file = format!("tests/bad-imports/{name}");
        let o = cpsa(&["validate", &file]);
        let stderr = String::from_utf8_lossy(&o.stderr);
        let ok = match want.get("note") {
            Some(note) => {
                o.status.success()
                    && stderr.contains(&format!("note: {file}: {}", note.as_str().unwrap()))
            }
            None => {
                o.status.code() == Some(1)
                    && stderr.contains(&format!("\n- {}\n", problem_line(&want)))
            }
        };
        if !ok {
            wrong.push(format!(
                "{name}: exit {:?}, stderr {stderr}",
                o.status.code()
            ));
        }
        if want.get("note").is_none() {
            // A merge with the bad file on either side leaves its output as it was.
            std::fs::write(&out, "before").unwrap();
            for args in [[good, file.as_str()], [file.as_str(), good]] {
                let o = cpsa(&["merge", args[0], args[1], "-o", out.to_str().unwrap()]);
                if o.status.success() || std::fs::read_to_string(&out).unwrap() != "before" {
                    wrong.push(format!("{name}: merge {args:?} changed its output"));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_tool_refuses_a_file_far_over_the_limit() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("corpus-size");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let want = &expected()["generated"]["far-over-the-size-limit.json"];
    let file = dir.join("far-over-the-size-limit.json");
    // A sparse file: its size is what counts, not its content.
    std::fs::File::create(&file)
        .unwrap()
        .set_len(want["bytes"].as_u64().unwrap())
        .unwrap();
    let o = cpsa(&["validate", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains(&problem_line(want)));
}
