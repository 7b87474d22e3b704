//! The catalogue of frameworks: the built-in files, and resolving a file
//! that extends another.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use serde::Deserialize;

use super::*;

/// The built-in framework files, in the order they are resolved (a file may
/// extend only one listed before it). `build.rs` minifies them from
/// `src/frameworks/` into OUT_DIR.
const BUILTIN: &[(&str, &str)] = &[
    (
        "child-journey.json",
        include_str!(concat!(env!("OUT_DIR"), "/child-journey.json")),
    ),
    (
        "ncpi-2024.json",
        include_str!(concat!(env!("OUT_DIR"), "/ncpi-2024.json")),
    ),
];

/// A framework file as written: either complete, or extending another.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrameworkFile {
    id: String,
    version: String,
    title: String,
    #[serde(default)]
    extends: Option<FrameworkRef>,
    #[serde(default)]
    sources: Vec<Source>,
    #[serde(default)]
    case_grades: Vec<ScaleLevel>,
    #[serde(default)]
    case_types: Vec<CaseType>,
    #[serde(default)]
    combined_rows: Vec<CombinedRow>,
    #[serde(default)]
    stages: Vec<Stage>,
    #[serde(default)]
    criteria: Vec<Criterion>,
    /// Extra case types that criteria of the extended framework apply to.
    #[serde(default)]
    applies_to_added: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    topic_grades: Vec<ScaleLevel>,
    #[serde(default)]
    topics: Vec<Topic>,
    #[serde(default)]
    glossary: Vec<GlossaryEntry>,
    #[serde(default)]
    grading: Option<GradingRule>,
    #[serde(default)]
    response: Option<Response>,
}

/// The frameworks available: the built-in ones, and any custom ones loaded.
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    frameworks: Vec<Arc<Framework>>,
}

impl Catalogue {
    /// A catalogue with no frameworks.
    pub fn empty() -> Self {
        Catalogue::default()
    }

    /// The built-in frameworks, parsed and validated once.
    ///
    /// An error means an embedded file is broken; the test suite checks them,
    /// and the app shows the message rather than panicking.
    pub fn builtin() -> Result<&'static Catalogue, &'static FrameworkError> {
        static BUILT: OnceLock<Result<Catalogue, FrameworkError>> = OnceLock::new();
        BUILT
            .get_or_init(|| {
                let mut catalogue = Catalogue::empty();
                for (name, text) in BUILTIN {
                    catalogue.load(text).map_err(|e| match e {
                        FrameworkError::Parse { message } => FrameworkError::Parse {
                            message: format!("{name}: {message}"),
                        },
                        other => other,
                    })?;
                }
                Ok(catalogue)
            })
            .as_ref()
    }

    /// All frameworks, in the order they were loaded.
    pub fn all(&self) -> impl Iterator<Item = &Arc<Framework>> {
        self.frameworks.iter()
    }

    /// The framework with this id and version.
    pub fn find(&self, reference: &FrameworkRef) -> Option<&Arc<Framework>> {
        self.frameworks
            .iter()
            .find(|f| f.id == reference.id && f.version == reference.version)
    }

    /// Whether any version of a framework with this id is loaded.
    pub fn knows_id(&self, id: &str) -> bool {
        self.frameworks.iter().any(|f| f.id == id)
    }

    /// Parses, resolves and validates a framework file, and adds it.
    pub fn load(&mut self, text: &str) -> Result<Arc<Framework>, FrameworkError> {
        let framework = Arc::new(self.resolve(text)?);
        if self.find(&framework.reference()).is_some() {
            return Err(FrameworkError::Duplicate {
                framework: framework.reference(),
            });
        }
        self.frameworks.push(Arc::clone(&framework));
        Ok(framework)
    }

    /// Parses a framework file and resolves `extends` against this catalogue,
    /// then validates the result. Adds nothing.
    pub fn resolve(&self, text: &str) -> Result<Framework, FrameworkError> {
        let file: FrameworkFile =
            serde_json::from_str(text).map_err(|e| FrameworkError::Parse {
                message: e.to_string(),
            })?;
        let mut framework = match &file.extends {
            None => Framework {
                id: String::new(),
                version: String::new(),
                title: String::new(),
                sources: Vec::new(),
                case_grades: Vec::new(),
                case_types: Vec::new(),
                combined_rows: Vec::new(),
                stages: Vec::new(),
                criteria: Vec::new(),
                topic_grades: Vec::new(),
                topics: Vec::new(),
                glossary: Vec::new(),
                grading: GradingRule::default(),
                response: Response::default(),
                index: Index::default(),
            },
            Some(base) => match self.find(base) {
                Some(base) => Framework::clone(base),
                None => return Err(FrameworkError::UnknownBase { base: base.clone() }),
            },
        };
        let mut problems = Vec::new();
        framework.id = file.id;
        framework.version = file.version;
        framework.title = file.title;
        framework.sources.extend(file.sources);
        // Scales and the grading rule are replaced when given, else inherited.
        if !file.case_grades.is_empty() {
            framework.case_grades = file.case_grades;
        }
        if !file.topic_grades.is_empty() {
            framework.topic_grades = file.topic_grades;
        }
        if let Some(rule) = file.grading {
            framework.grading = rule;
        }
        if let Some(response) = file.response {
            framework.response = response;
        }
        framework.case_types.extend(file.case_types);
        framework.combined_rows.extend(file.combined_rows);
        framework.stages.extend(file.stages);
        framework.criteria.extend(file.criteria);
        framework.topics.extend(file.topics);
        framework.glossary.extend(file.glossary);
        for (criterion, added) in file.applies_to_added {
            match framework.criteria.iter_mut().find(|c| c.id == criterion) {
                None => problems.push(FrameworkProblem {
                    at: format!("applies_to_added {criterion:?}"),
                    message: "names a criterion the framework does not have".into(),
                }),
                Some(c) => {
                    if let AppliesTo::Only(ids) = &mut c.applies_to {
                        for id in added {
                            if !ids.contains(&id) {
                                ids.push(id);
                            }
                        }
                    }
                }
            }
        }
        framework.build_index();
        problems.extend(validate(&framework));
        if problems.is_empty() {
            Ok(framework)
        } else {
            Err(FrameworkError::Invalid { problems })
        }
    }
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
        let json = r#"{"id":"x","version":"1","title":"t","extra":1}"#;
        let err = Framework::from_json(json).unwrap_err();
        assert!(err.to_string().contains("unknown field `extra`"), "{err}");
    }

    #[test]
    fn applies_to_accepts_all_or_a_list_and_nothing_else() {
        let all: AppliesTo = serde_json::from_str("\"all\"").unwrap();
        assert_eq!(all, AppliesTo::All);
        let some: AppliesTo = serde_json::from_str("[\"missing\"]").unwrap();
        assert!(some.includes("missing") && !some.includes("custody"));
        let err = serde_json::from_str::<AppliesTo>("\"every\"").unwrap_err();
        assert!(err.to_string().contains("\"all\" or a list"), "{err}");
    }
}
