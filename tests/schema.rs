//! docs/format-v8.schema.json is the JSON Schema of the export format. It is
//! generated from the types (`cpsa schema`), so this test fails when the two
//! drift apart; and real exports must validate against it.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use cpsa::domain::format::{export, ExportFile};
use cpsa::domain::framework::Catalogue;
use cpsa::domain::generate::generate;
use serde_json::Value;

fn documented() -> Value {
    serde_json::from_str(include_str!("../docs/format-v8.schema.json")).expect("the schema is JSON")
}

#[test]
fn the_documented_schema_is_the_one_the_types_produce() {
    let derived = serde_json::to_value(schemars::schema_for!(ExportFile)).unwrap();
    assert!(
        derived == documented(),
        "docs/format-v8.schema.json is out of step with the export types; regenerate it with\n    cargo run --bin cpsa -- schema > docs/format-v8.schema.json"
    );
}

fn validator() -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(&documented())
        .expect("the schema is a valid JSON Schema")
}

fn errors(instance: &Value) -> Vec<String> {
    validator()
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn exports_validate_against_the_documented_schema() {
    let catalogue = Catalogue::builtin().unwrap();
    for fw in catalogue.all() {
        let a = generate(fw, 40, 3);
        let text = export(&a, Some("2025-01-01T00:00:00Z".parse().unwrap()), 0).unwrap();
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(errors(&v), Vec::<String>::new(), "{}", fw.id);
    }
    let fixture: Value =
        serde_json::from_str(include_str!("fixtures/n18-northamptonshire-2018.json")).unwrap();
    assert_eq!(errors(&fixture), Vec::<String>::new());
}

#[test]
fn the_schema_refuses_what_import_refuses() {
    let a = generate(&common::test_framework(), 3, 1);
    let mut v: Value = serde_json::from_str(&export(&a, None, 0).unwrap()).unwrap();
    v["assessment"]["cases"][0]["answers"][0]["value"] = "yes".into();
    v["assessment"]["period"]["start"] = "2025-02-30".into();
    v["version"] = 9.into();
    let found = errors(&v);
    assert_eq!(found.len(), 3, "{found:?}");
}
