//! Shared by the native integration tests.
#![allow(dead_code)]

use std::process::{Command, Output};
use std::sync::Arc;

use cpsa::domain::assessment::{Answer, Assessment, Case, Period};
use cpsa::domain::date::Date;
use cpsa::domain::framework::{Catalogue, Framework};
use cpsa::domain::grade::AnswerValue;

/// A small framework whose figures are easy to reason about: case type
/// "alpha" has criteria K1 (key), C1, C2, C3; "beta" has K1, C1, B1, and C2
/// when its condition "c2-too" holds. Good at 75% or more, inadequate below
/// 50%. The timeline: events E1, E2, E3; E1 to E2 judges C1 against the
/// force's own standard (an hour to start with), E2 to E3 judges K1 against
/// a cited limit of 30 minutes.
pub const TEST_FRAMEWORK: &str = r#"{
  "id": "test", "version": "1", "title": "Test framework",
  "sources": [{ "id": "T", "title": "Test source" }],
  "case_grades": [
    { "id": "good", "name": "Good", "meaning": "g" },
    { "id": "requires-improvement", "name": "Requires improvement", "meaning": "r" },
    { "id": "inadequate", "name": "Inadequate", "meaning": "i" }
  ],
  "case_types": [
    { "id": "alpha", "name": "Alpha", "description": "d", "default_count": 2, "citations": ["T 1"] },
    { "id": "beta", "name": "Beta", "description": "d", "default_count": 1, "citations": ["T 1"] }
  ],
  "stages": [
    { "id": "s1", "name": "Stage one", "description": "d", "citations": ["T 1"] },
    { "id": "s2", "name": "Stage two", "description": "d", "citations": ["T 1"] }
  ],
  "criteria": [
    { "id": "K1", "stage": "s1", "text": "Key one?", "good": "g", "applies_to": "all", "key": true, "citations": ["T 2"] },
    { "id": "C1", "stage": "s1", "text": "One?", "good": "g", "applies_to": "all", "key": false, "citations": ["T 2"] },
    { "id": "C2", "stage": "s2", "text": "Two?", "good": "g", "applies_to": ["alpha"], "key": false, "citations": ["T 2"] },
    { "id": "C3", "stage": "s2", "text": "Three?", "good": "g", "applies_to": ["alpha"], "key": false, "citations": ["T 2"] },
    { "id": "B1", "stage": "s2", "text": "Beta one?", "good": "g", "applies_to": ["beta"], "key": false, "citations": ["T 2"] }
  ],
  "conditions": [
    { "id": "c2-too", "question": "Does C2 apply?", "case_types": ["beta"], "criteria": ["C2"], "citations": ["T 3"] }
  ],
  "timeline": {
    "events": [
      { "id": "E1", "name": "First" }, { "id": "E2", "name": "Second" }, { "id": "E3", "name": "Third" }
    ],
    "intervals": [
      { "id": "i1", "name": "First to second", "from": "E1", "to": "E2", "criteria": ["C1"],
        "force_standard": { "suggested_minutes": 60, "basis": "The tool's starting value." } },
      { "id": "i2", "name": "Second to third", "from": "E2", "to": "E3", "criteria": ["K1"],
        "limit": { "minutes": 30, "citations": ["T 4"] } }
    ]
  },
  "grading": { "good_at_least": 0.75, "inadequate_below": 0.5 },
  "follow_up": [
    { "id": "plan", "kind": "action-plan", "name": "Action plan", "weeks": 6, "covers": "all", "citations": ["T"] }
  ]
}"#;

/// A catalogue holding the built-in frameworks and the test framework.
pub fn catalogue() -> Catalogue {
    let mut c = Catalogue::builtin()
        .expect("built-in frameworks load")
        .clone();
    c.load(TEST_FRAMEWORK).expect("the test framework loads");
    c
}

/// The newest version of a built-in framework.
pub fn latest_framework(id: &str) -> &'static Framework {
    Catalogue::builtin()
        .expect("built-in frameworks load")
        .latest(id)
        .unwrap_or_else(|| panic!("framework {id} is built in"))
}

/// A built-in framework by id and version.
pub fn framework_version(id: &str, version: &str) -> &'static Framework {
    Catalogue::builtin()
        .expect("built-in frameworks load")
        .all()
        .find(|f| f.id == id && f.version == version)
        .unwrap_or_else(|| panic!("framework {id} {version} is built in"))
}

/// The first version of a built-in framework.
pub fn builtin_framework(id: &str) -> &'static Framework {
    Catalogue::builtin()
        .expect("built-in frameworks load")
        .all()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("framework {id} is built in"))
}

pub fn test_framework() -> Arc<Framework> {
    Arc::new(Framework::from_json(TEST_FRAMEWORK).expect("the test framework loads"))
}

pub fn date(s: &str) -> Date {
    s.parse().expect("a valid date")
}

/// An empty assessment made with the test framework.
pub fn assessment() -> Assessment {
    assessment_in(&test_framework())
}

/// An empty assessment of Testshire Police for 2025 made with `fw`.
pub fn assessment_in(fw: &Framework) -> Assessment {
    Assessment::new(
        "a-1".into(),
        "Testshire Police".into(),
        fw,
        Period {
            start: date("2025-01-01"),
            end: date("2025-12-31"),
        },
    )
}

/// A case of `case_type` with the given answers (notes filled in).
pub fn case(id: &str, case_type: &str, answers: &[(&str, AnswerValue)]) -> Case {
    let mut c = Case::new(id.into(), case_type.into());
    c.reference = format!("REF/{id}");
    for (criterion, value) in answers {
        c.answers.insert(
            (*criterion).into(),
            Answer {
                value: *value,
                note: "Evidence from the file.".into(),
                changed_at: None,
                stands_against: Vec::new(),
            },
        );
    }
    c
}

/// `c` with the grade suggested confirmed and marked complete, as the app
/// completes a case once nothing is missing.
pub fn completed(mut c: Case) -> Case {
    let grade = cpsa::domain::grade::suggest(&test_framework(), &c).grade;
    c.force_grade = grade.map(|grade| cpsa::domain::assessment::GradeDecision {
        grade,
        suggested: Some(grade),
        reason: String::new(),
        after_review: false,
        before_review: None,
    });
    c.completed = true;
    c
}

/// An open refer-back: a child at immediate risk, with a reason and an owner.
pub fn referred_back() -> cpsa::domain::assessment::ReferBack {
    cpsa::domain::assessment::ReferBack {
        triggers: vec![cpsa::domain::assessment::ReferBackTrigger::ImmediateRisk],
        reason: "The child was not seen".into(),
        owner: "DI Patel".into(),
        raised: None,
        deadline: None,
        closure: None,
    }
}

/// Gives the answer `value` to a criterion of a case, as the app does.
pub fn answer(a: &mut Assessment, case: &str, criterion: &str, value: AnswerValue) {
    cpsa::domain::edit::apply(
        a,
        &test_framework(),
        cpsa::domain::edit::Edit::SetAnswer {
            case: case.into(),
            criterion: criterion.into(),
            value,
        },
    )
    .expect("the edit applies");
}

/// Bringing work back (`cpsa::domain::merge`) into assessments made with the
/// test framework: the merge's functions with that framework given.
pub mod merge {
    use std::collections::BTreeMap;

    use cpsa::domain::assessment::Assessment;
    use cpsa::domain::merge::{self as m, Choice, Merge, Refusal, Step};

    use super::test_framework;

    pub fn bring_back(
        ours: &Assessment,
        theirs: &Assessment,
        choices: &BTreeMap<String, Choice>,
    ) -> Result<Merge, Refusal> {
        m::bring_back(&test_framework(), ours, theirs, choices)
    }

    pub fn bring_back_all(
        ours: &Assessment,
        files: &[(&str, &Assessment)],
        choices: &BTreeMap<String, Choice>,
    ) -> Result<Vec<Step>, (String, Refusal)> {
        m::bring_back_all(&test_framework(), ours, files, choices)
    }

    pub fn bring_back_each(
        ours: &Assessment,
        files: &[(&str, &Assessment)],
        choices: &BTreeMap<String, Choice>,
    ) -> Result<Vec<Step>, (String, Refusal)> {
        m::bring_back_each(&test_framework(), ours, files, choices)
    }
}

/// Runs the `cpsa` command-line tool, as a user would, from the crate root.
pub fn cpsa(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cpsa"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cpsa runs")
}
