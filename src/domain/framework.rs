//! Frameworks: the versioned catalogues a force assesses itself against.
//!
//! A framework is data, not code. The built-in ones live in `src/frameworks/`
//! as JSON and are embedded in the binary at build time, so a new framework
//! version is a data change. A framework file may extend another (the 2024
//! framework is the child's-journey case audit plus two case types and the
//! five topics); [`Catalogue`] resolves that and [`validate`] checks the result.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use super::grade::{CaseGrade, TopicGrade};

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

/// A framework's identity, as recorded in every assessment made with it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FrameworkRef {
    pub id: String,
    pub version: String,
}

impl fmt::Display for FrameworkRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} version {}", self.id, self.version)
    }
}

/// A resolved, validated criteria catalogue.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Framework {
    pub id: String,
    pub version: String,
    pub title: String,
    /// The documents the framework is built from, cited by code (e.g. `N18`).
    pub sources: Vec<Source>,
    /// The case grade scale: good, requires improvement, inadequate.
    pub case_grades: Vec<ScaleLevel>,
    /// The kinds of case audited, in the order of the standard sample.
    pub case_types: Vec<CaseType>,
    /// Case types the reports count together in one row.
    pub combined_rows: Vec<CombinedRow>,
    /// The stages of the child's journey, in order.
    pub stages: Vec<Stage>,
    pub criteria: Vec<Criterion>,
    /// The five-point topic scale; empty when the framework has no topics.
    pub topic_grades: Vec<ScaleLevel>,
    /// Force-level judgment topics (2024 framework).
    pub topics: Vec<Topic>,
    pub glossary: Vec<GlossaryEntry>,
    /// The thresholds of the suggested-grade rule.
    pub grading: GradingRule,
    /// When the force's action plan is due after the report.
    pub response: Response,
    #[serde(skip)]
    index: Index,
}

/// Lookups built once when a framework is resolved.
#[derive(Debug, Clone, Default, PartialEq)]
struct Index {
    criterion: HashMap<String, usize>,
    case_type: HashMap<String, usize>,
    stage: HashMap<String, usize>,
    topic: HashMap<String, usize>,
    /// For each case type, the indices of the criteria that apply to it, in
    /// framework order.
    applicable: HashMap<String, Vec<usize>>,
}

/// A document a framework draws on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Short code used in citations, e.g. `N14`.
    pub id: String,
    pub title: String,
}

/// One level of a grading scale, with what it means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleLevel {
    pub id: String,
    pub name: String,
    pub meaning: String,
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
    /// Where the case type comes from: each citation starts with a source
    /// code, e.g. `N18 Figure 4`.
    pub citations: Vec<String>,
}

/// Case types a report counts together, e.g. N18 Figure 6 joins child
/// sexual exploitation online and offline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CombinedRow {
    pub name: String,
    pub case_types: Vec<String>,
    pub citations: Vec<String>,
}

/// A stage of the child's journey.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub id: String,
    pub name: String,
    pub description: String,
    pub citations: Vec<String>,
}

/// One question an auditor answers from the case file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// Stable id, recorded in every answer.
    pub id: String,
    pub stage: String,
    /// The question, phrased so that "yes" is good practice.
    pub text: String,
    /// What good looks like.
    pub good: String,
    pub applies_to: AppliesTo,
    /// A key criterion not met makes the suggested grade inadequate.
    pub key: bool,
    pub citations: Vec<String>,
}

/// The case types a criterion applies to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawAppliesTo", into = "RawAppliesTo")]
pub enum AppliesTo {
    /// Every case type of the framework, including any an extension adds.
    All,
    Only(Vec<String>),
}

#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum RawAppliesTo {
    Word(String),
    List(Vec<String>),
}

impl TryFrom<RawAppliesTo> for AppliesTo {
    type Error = String;
    fn try_from(raw: RawAppliesTo) -> Result<Self, Self::Error> {
        match raw {
            RawAppliesTo::Word(w) if w == "all" => Ok(AppliesTo::All),
            RawAppliesTo::Word(w) => Err(format!(
                "applies_to must be \"all\" or a list of case type ids, not {w:?}"
            )),
            RawAppliesTo::List(ids) => Ok(AppliesTo::Only(ids)),
        }
    }
}

impl From<AppliesTo> for RawAppliesTo {
    fn from(a: AppliesTo) -> Self {
        match a {
            AppliesTo::All => RawAppliesTo::Word("all".into()),
            AppliesTo::Only(ids) => RawAppliesTo::List(ids),
        }
    }
}

impl AppliesTo {
    pub fn includes(&self, case_type: &str) -> bool {
        match self {
            AppliesTo::All => true,
            AppliesTo::Only(ids) => ids.iter().any(|id| id == case_type),
        }
    }
}

/// A force-level judgment topic of the 2024 programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub id: String,
    pub name: String,
    /// The heading the 2025 report gives the section, where it differs.
    pub report_heading: String,
    pub description: String,
    /// The stages whose case evidence bears on this topic.
    pub stages: Vec<String>,
    /// What "good" looks like for the force on this topic.
    pub good: Vec<TopicCriterion>,
    pub citations: Vec<String>,
}

/// A force-level statement of good practice for a topic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicCriterion {
    pub id: String,
    pub text: String,
    pub citations: Vec<String>,
}

/// A term explained wherever it appears.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryEntry {
    pub term: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expansion: Option<String>,
    pub meaning: String,
    /// Other spellings or names that mean the same.
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub citations: Vec<String>,
}

/// The thresholds of the suggested-grade rule (see `grade::suggest`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradingRule {
    /// A score at least this (and no key criterion short of met) suggests good.
    pub good_at_least: f64,
    /// A score below this suggests inadequate.
    pub inadequate_below: f64,
}

impl Default for GradingRule {
    fn default() -> Self {
        GradingRule {
            good_at_least: 0.8,
            inadequate_below: 0.5,
        }
    }
}

/// How long after the inspection report the force's written response (its
/// action plan) is due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    pub weeks: u32,
    pub citations: Vec<String>,
}

impl Default for Response {
    fn default() -> Self {
        Response {
            weeks: 6,
            citations: Vec::new(),
        }
    }
}

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

/// One thing wrong with a framework: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameworkProblem {
    /// The item at fault, e.g. `criterion "IC4"` or `case type "missing"`.
    pub at: String,
    pub message: String,
}

impl fmt::Display for FrameworkProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

/// Why a framework could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrameworkError {
    /// The text is not a framework file; the message gives the line and column.
    Parse { message: String },
    /// The file extends a framework that is not available.
    UnknownBase { base: FrameworkRef },
    /// A framework with this id and version is already loaded.
    Duplicate { framework: FrameworkRef },
    /// The framework is inconsistent: every problem found.
    Invalid { problems: Vec<FrameworkProblem> },
}

impl fmt::Display for FrameworkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FrameworkError::Parse { message } => {
                write!(f, "the framework file could not be read: {message}")
            }
            FrameworkError::UnknownBase { base } => write!(
                f,
                "the framework extends {base}, which is not available on this device"
            ),
            FrameworkError::Duplicate { framework } => {
                write!(f, "framework {framework} is already loaded")
            }
            FrameworkError::Invalid { problems } => {
                write!(f, "the framework has {} problem", problems.len())?;
                if problems.len() != 1 {
                    write!(f, "s")?;
                }
                for p in problems {
                    write!(f, "\n- {p}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for FrameworkError {}

impl Framework {
    pub fn reference(&self) -> FrameworkRef {
        FrameworkRef {
            id: self.id.clone(),
            version: self.version.clone(),
        }
    }

    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.index.criterion.get(id).map(|&i| &self.criteria[i])
    }

    pub fn case_type(&self, id: &str) -> Option<&CaseType> {
        self.index.case_type.get(id).map(|&i| &self.case_types[i])
    }

    pub fn stage(&self, id: &str) -> Option<&Stage> {
        self.index.stage.get(id).map(|&i| &self.stages[i])
    }

    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.index.topic.get(id).map(|&i| &self.topics[i])
    }

    /// The position of a criterion in framework order.
    pub fn criterion_position(&self, id: &str) -> Option<usize> {
        self.index.criterion.get(id).copied()
    }

    /// The position of a case type in framework order.
    pub fn case_type_position(&self, id: &str) -> Option<usize> {
        self.index.case_type.get(id).copied()
    }

    /// The criteria that apply to a case type, in framework order (stage by
    /// stage). Empty for an unknown case type.
    pub fn criteria_for(&self, case_type: &str) -> impl Iterator<Item = &Criterion> + '_ {
        self.index
            .applicable
            .get(case_type)
            .into_iter()
            .flatten()
            .map(|&i| &self.criteria[i])
    }

    /// The positions (in `criteria`) of the criteria that apply to a case
    /// type, stage by stage. Empty for an unknown case type.
    pub fn applicable_positions(&self, case_type: &str) -> &[usize] {
        self.index
            .applicable
            .get(case_type)
            .map_or(&[], Vec::as_slice)
    }

    /// The criteria of one stage that apply to a case type.
    pub fn criteria_in_stage<'a>(
        &'a self,
        case_type: &'a str,
        stage: &'a str,
    ) -> impl Iterator<Item = &'a Criterion> + 'a {
        self.criteria_for(case_type)
            .filter(move |c| c.stage == stage)
    }

    /// How many criteria apply to a case type.
    pub fn criteria_count_for(&self, case_type: &str) -> usize {
        self.index.applicable.get(case_type).map_or(0, Vec::len)
    }

    /// The number of cases in the standard sample: the sum of the default counts.
    pub fn default_sample_size(&self) -> u32 {
        self.case_types.iter().map(|t| t.default_count).sum()
    }

    /// The label and meaning of a case grade on this framework's scale.
    pub fn case_grade_level(&self, grade: CaseGrade) -> Option<&ScaleLevel> {
        self.case_grades.iter().find(|l| l.id == grade.id())
    }

    /// The label and meaning of a topic grade on this framework's scale.
    pub fn topic_grade_level(&self, grade: TopicGrade) -> Option<&ScaleLevel> {
        self.topic_grades.iter().find(|l| l.id == grade.id())
    }

    /// Parses, resolves and validates a complete framework file (one that
    /// extends nothing).
    pub fn from_json(text: &str) -> Result<Self, FrameworkError> {
        Catalogue::empty().resolve(text)
    }

    fn build_index(&mut self) {
        let mut index = Index::default();
        for (i, c) in self.criteria.iter().enumerate() {
            index.criterion.entry(c.id.clone()).or_insert(i);
        }
        for (i, t) in self.case_types.iter().enumerate() {
            index.case_type.entry(t.id.clone()).or_insert(i);
            let applicable = self
                .criteria
                .iter()
                .enumerate()
                .filter(|(_, c)| c.applies_to.includes(&t.id))
                .map(|(i, _)| i);
            // Stage by stage, keeping file order within a stage.
            let mut applicable: Vec<usize> = applicable.collect();
            let stage_pos = |i: &usize| {
                self.stages
                    .iter()
                    .position(|s| s.id == self.criteria[*i].stage)
            };
            super::order::sort_by_key(&mut applicable, |i| (stage_pos(i), *i));
            index.applicable.insert(t.id.clone(), applicable);
        }
        for (i, s) in self.stages.iter().enumerate() {
            index.stage.entry(s.id.clone()).or_insert(i);
        }
        for (i, t) in self.topics.iter().enumerate() {
            index.topic.entry(t.id.clone()).or_insert(i);
        }
        self.index = index;
    }
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

/// Checks a framework for consistency: unique ids, every reference resolves,
/// every case type has criteria, scales match the engine's. Returns every
/// problem found, each naming the item at fault.
pub fn validate(fw: &Framework) -> Vec<FrameworkProblem> {
    let mut problems = Vec::new();
    let mut problem = |at: String, message: String| problems.push(FrameworkProblem { at, message });

    for (field, value) in [
        ("id", &fw.id),
        ("version", &fw.version),
        ("title", &fw.title),
    ] {
        if value.trim().is_empty() {
            problem(format!("framework {field}"), "is empty".into());
        }
    }

    let source_ids: HashSet<&str> = fw.sources.iter().map(|s| s.id.as_str()).collect();
    let check_citations =
        |at: &str, citations: &[String], problem: &mut dyn FnMut(String, String)| {
            if citations.is_empty() {
                problem(at.to_owned(), "cites no source".into());
            }
            for c in citations {
                let code = c.split_whitespace().next().unwrap_or_default();
                if !source_ids.contains(code) {
                    problem(
                        at.to_owned(),
                        format!("cites {c:?}, but {code:?} is not one of the framework's sources"),
                    );
                }
            }
        };

    duplicates(
        "source",
        fw.sources.iter().map(|s| s.id.as_str()),
        &mut problem,
    );
    duplicates(
        "case type",
        fw.case_types.iter().map(|t| t.id.as_str()),
        &mut problem,
    );
    duplicates(
        "stage",
        fw.stages.iter().map(|s| s.id.as_str()),
        &mut problem,
    );
    duplicates(
        "criterion",
        fw.criteria.iter().map(|c| c.id.as_str()),
        &mut problem,
    );
    duplicates(
        "topic",
        fw.topics.iter().map(|t| t.id.as_str()),
        &mut problem,
    );
    duplicates(
        "topic criterion",
        fw.topics
            .iter()
            .flat_map(|t| t.good.iter().map(|g| g.id.as_str())),
        &mut problem,
    );
    let lowered: Vec<String> = fw
        .glossary
        .iter()
        .map(|g| g.term.to_ascii_lowercase())
        .collect();
    duplicates(
        "glossary term",
        lowered.iter().map(String::as_str),
        &mut problem,
    );

    check_scale(
        "case grade scale",
        &fw.case_grades,
        &CaseGrade::ALL.map(CaseGrade::id),
        &mut problem,
    );
    if !fw.topics.is_empty() || !fw.topic_grades.is_empty() {
        check_scale(
            "topic grade scale",
            &fw.topic_grades,
            &TopicGrade::ALL.map(TopicGrade::id),
            &mut problem,
        );
    }

    let rule = fw.grading;
    if !(0.0..=1.0).contains(&rule.inadequate_below)
        || !(0.0..=1.0).contains(&rule.good_at_least)
        || rule.inadequate_below > rule.good_at_least
    {
        problem(
            "grading".into(),
            format!(
                "thresholds must satisfy 0 <= inadequate_below ({}) <= good_at_least ({}) <= 1",
                rule.inadequate_below, rule.good_at_least
            ),
        );
    }

    if fw.case_types.is_empty() {
        problem("framework".into(), "has no case types".into());
    }
    for t in &fw.case_types {
        let at = format!("case type {:?}", t.id);
        if t.id.trim().is_empty() || t.name.trim().is_empty() {
            problem(at.clone(), "needs an id and a name".into());
        }
        if t.default_count > MAX_DEFAULT_COUNT {
            problem(
                at.clone(),
                format!(
                    "default_count {} is over {MAX_DEFAULT_COUNT}",
                    t.default_count
                ),
            );
        }
        if fw.criteria_count_for(&t.id) == 0 {
            problem(at.clone(), "has no criteria that apply to it".into());
        }
        check_citations(&at, &t.citations, &mut problem);
    }

    for row in &fw.combined_rows {
        let at = format!("combined row {:?}", row.name);
        if row.case_types.len() < 2 {
            problem(at.clone(), "must join at least two case types".into());
        }
        for id in &row.case_types {
            if fw.case_type(id).is_none() {
                problem(
                    at.clone(),
                    format!("joins case type {id:?}, which the framework does not define"),
                );
            }
        }
        check_citations(&at, &row.citations, &mut problem);
    }

    for s in &fw.stages {
        let at = format!("stage {:?}", s.id);
        if !fw.criteria.iter().any(|c| c.stage == s.id) {
            problem(at.clone(), "has no criteria".into());
        }
        check_citations(&at, &s.citations, &mut problem);
    }

    for c in &fw.criteria {
        let at = format!("criterion {:?}", c.id);
        if c.id.trim().is_empty() {
            problem(at.clone(), "has an empty id".into());
        }
        if c.text.trim().is_empty() || c.good.trim().is_empty() {
            problem(at.clone(), "needs a text and a \"good\" description".into());
        }
        if fw.stage(&c.stage).is_none() {
            problem(
                at.clone(),
                format!(
                    "is in stage {:?}, which the framework does not define",
                    c.stage
                ),
            );
        }
        if let AppliesTo::Only(ids) = &c.applies_to {
            if ids.is_empty() {
                problem(at.clone(), "applies to no case type".into());
            }
            let mut seen = HashSet::new();
            for id in ids {
                if fw.case_type(id).is_none() {
                    problem(
                        at.clone(),
                        format!("applies to case type {id:?}, which the framework does not define"),
                    );
                }
                if !seen.insert(id) {
                    problem(at.clone(), format!("lists case type {id:?} twice"));
                }
            }
        }
        check_citations(&at, &c.citations, &mut problem);
    }

    for t in &fw.topics {
        let at = format!("topic {:?}", t.id);
        for s in &t.stages {
            if fw.stage(s).is_none() {
                problem(
                    at.clone(),
                    format!("draws on stage {s:?}, which the framework does not define"),
                );
            }
        }
        if t.good.is_empty() {
            problem(at.clone(), "has no criteria for good".into());
        }
        check_citations(&at, &t.citations, &mut problem);
        for g in &t.good {
            check_citations(
                &format!("topic criterion {:?}", g.id),
                &g.citations,
                &mut problem,
            );
        }
    }

    if !(1..=52).contains(&fw.response.weeks) {
        problem(
            "response".into(),
            format!("{} weeks is not from 1 to 52", fw.response.weeks),
        );
    }
    // The default (six weeks) needs no source; a stated one does.
    if fw.response != Response::default() {
        check_citations("response", &fw.response.citations, &mut problem);
    }

    for g in &fw.glossary {
        if g.term.trim().is_empty() || g.meaning.trim().is_empty() {
            problem(
                format!("glossary term {:?}", g.term),
                "needs a term and a meaning".into(),
            );
        }
    }
    problems
}

/// The most cases of one type a plan may ask for.
pub const MAX_DEFAULT_COUNT: u32 = 1000;

fn duplicates<'a>(
    kind: &str,
    ids: impl Iterator<Item = &'a str>,
    problem: &mut dyn FnMut(String, String),
) {
    let mut seen = HashSet::new();
    let mut reported = HashSet::new();
    for id in ids {
        if !seen.insert(id) && reported.insert(id) {
            problem(format!("{kind} {id:?}"), "is defined more than once".into());
        }
    }
}

fn check_scale(
    what: &str,
    levels: &[ScaleLevel],
    expected: &[&str],
    problem: &mut dyn FnMut(String, String),
) {
    let ids: Vec<&str> = levels.iter().map(|l| l.id.as_str()).collect();
    if ids != expected {
        problem(
            what.to_owned(),
            format!("must have the levels {expected:?} in that order, but has {ids:?}"),
        );
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
