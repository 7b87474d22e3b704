//! Frameworks: the versioned catalogues a force assesses itself against.
//!
//! A framework is data, not code. The built-in ones live in `src/frameworks/`
//! as JSON and are embedded in the binary at build time, so a new framework
//! version is a data change.

use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// The child's-journey case-audit framework used from 2014 to 2023.
const CHILD_JOURNEY_JSON: &str = include_str!("../frameworks/child-journey.json");

/// A criteria catalogue with its identity and provenance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// Stable identifier recorded in every assessment made with it.
    pub id: String,
    /// Version of this catalogue; assessments record it too.
    pub version: String,
    pub title: String,
    /// The documents the framework is built from, cited by code (e.g. `N18`).
    pub sources: Vec<Source>,
    /// The kinds of case audited, in the order of the standard sample.
    pub case_types: Vec<CaseType>,
}

/// A document a framework draws on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Short code used in citations, e.g. `N14`.
    pub id: String,
    pub title: String,
}

/// A kind of case in the audit sample.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseType {
    pub id: String,
    pub name: String,
    pub description: String,
    /// Other names the inspection reports use for this case type.
    #[serde(default)]
    pub also_known_as: Vec<String>,
    /// How many cases of this type the standard sample audits.
    pub default_count: u32,
    /// Where the case type and its count come from: each citation starts
    /// with a source code, e.g. `N18 Figure 4`.
    pub citations: Vec<String>,
}

impl Framework {
    /// Parses a framework from JSON text.
    pub fn from_json(text: &str) -> Result<Self, FrameworkError> {
        serde_json::from_str(text).map_err(|e| FrameworkError::Parse {
            message: e.to_string(),
        })
    }

    /// The number of cases in the standard sample: the sum of the default counts.
    pub fn default_sample_size(&self) -> u32 {
        self.case_types.iter().map(|t| t.default_count).sum()
    }
}

/// Why a framework could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrameworkError {
    /// The text is not a framework file; the message gives the line and column.
    Parse { message: String },
}

impl fmt::Display for FrameworkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FrameworkError::Parse { message } => {
                write!(f, "the framework file could not be read: {message}")
            }
        }
    }
}

impl std::error::Error for FrameworkError {}

/// The built-in child's-journey framework, parsed once.
///
/// An error here means the embedded file is broken; the test suite checks it,
/// and the app shows the message rather than panicking.
pub fn child_journey() -> Result<&'static Framework, &'static FrameworkError> {
    static PARSED: OnceLock<Result<Framework, FrameworkError>> = OnceLock::new();
    PARSED
        .get_or_init(|| Framework::from_json(CHILD_JOURNEY_JSON))
        .as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_framework_reports_line_and_column() {
        let err = Framework::from_json("{\n  \"id\": 7\n}").unwrap_err();
        let text = err.to_string();
        assert!(text.contains("line 2"), "{text}");
        assert!(text.contains("column"), "{text}");
    }

    #[test]
    fn unknown_fields_are_refused_rather_than_ignored() {
        let json = r#"{"id":"x","version":"1","title":"t","sources":[],"case_types":[],"extra":1}"#;
        let err = Framework::from_json(json).unwrap_err();
        assert!(err.to_string().contains("unknown field `extra`"), "{err}");
    }
}
