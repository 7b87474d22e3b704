//! The catalogue of frameworks: the built-in files, and resolving a file
//! that extends another.

use std::sync::{Arc, OnceLock};

use super::file::FrameworkFile;
use super::*;

/// The built-in framework files, in the order they are resolved (a file may
/// extend only one listed before it): each file's name and the compact form
/// `build.rs` writes of `src/frameworks/<name>`, read without a JSON reader,
/// so the browser carries none for frameworks; the sections only the lead's
/// pages show in full have their longer texts left empty, and so have the
/// texts only a stage of a case shows besides. The list is `build.rs`'s.
const BUILTIN: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/builtin.rs"));

/// Those sections of each built-in file, whole, in the same order
/// (`file::LeadTexts`): read only by [`Catalogue::builtin`], so in the browser
/// only the lead's part carries them.
const BUILTIN_LEAD: &[&[u8]] = include!(concat!(env!("OUT_DIR"), "/builtin-lead.rs"));

/// The texts only a stage of a case and the lead's pages show, of each
/// built-in file in the same order (`file::AnswerTexts`): read only by
/// [`Catalogue::builtin`] and [`Catalogue::builtin_for_answers`], so in the
/// browser only the answers' part and the lead's carry them.
const BUILTIN_ANSWERS: &[&[u8]] = include!(concat!(env!("OUT_DIR"), "/builtin-answers.rs"));

/// Each built-in file's id, version and title, written by `build.rs` from the
/// files themselves.
const BUILTIN_TITLES: &[(&str, &str, &str)] =
    include!(concat!(env!("OUT_DIR"), "/builtin-titles.rs"));

/// The frameworks available: the built-in ones, and any custom ones loaded.
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    frameworks: Vec<Arc<Framework>>,
    /// Each framework's file, as read: another file may rebase on it.
    files: Vec<Arc<FrameworkFile>>,
}

impl Catalogue {
    /// A catalogue with no frameworks.
    pub fn empty() -> Self {
        Catalogue::default()
    }

    /// The built-in frameworks, complete, read once from their compact
    /// form; validated too, but for in the browser.
    ///
    /// Natively (the tests and the command-line tool) every built-in file is
    /// validated, so the test suite proves the very values the app embeds
    /// (and a test that they are the JSON files' values).
    /// The browser trusts those same values rather than carry the checks
    /// (`framework::validate`, 13.7 KB of code before wasm-opt) in what a
    /// case's page downloads, and run them at every start. An error means an
    /// embedded file is broken, and the app shows the message rather than
    /// panicking.
    pub fn builtin() -> Result<&'static Catalogue, &'static FrameworkError> {
        static BUILT: OnceLock<Result<Catalogue, FrameworkError>> = OnceLock::new();
        BUILT
            .get_or_init(|| read_builtin(Some(BUILTIN_ANSWERS), Some(BUILTIN_LEAD)))
            .as_ref()
    }

    /// The built-in frameworks as a stage of a case needs them: complete but
    /// for the longer texts of the sections only the lead's pages show (the
    /// topics', leadership statements', follow-up's and dip samples'
    /// descriptions, statements, questions and citations), which are empty.
    /// Ids, names and everything checks and grades read are there, so an
    /// assessment is read, checked and edited against these as against
    /// [`Catalogue::builtin`]. In the browser, what a stage of a case
    /// downloads is 7 KB smaller for it (gzipped). Never validated: the texts are
    /// missing on purpose, and the native tests check that nothing else is.
    pub fn builtin_for_answers() -> Result<&'static Catalogue, &'static FrameworkError> {
        static BUILT: OnceLock<Result<Catalogue, FrameworkError>> = OnceLock::new();
        BUILT
            .get_or_init(|| read_builtin(Some(BUILTIN_ANSWERS), None))
            .as_ref()
    }

    /// The built-in frameworks as the other audit pages need them:
    /// [`Catalogue::builtin_for_answers`] without the texts only a stage of a
    /// case shows as well (each criterion's "good looks like", citations and
    /// why it is key, and the glossary), which are empty. An assessment is
    /// read, checked, graded and edited against these as against the others;
    /// only the answers' part and the lead's show those texts, and bring
    /// them. In the browser, what the task list and a case's other pages
    /// download is 15.6 KB smaller for it (gzipped). Never validated, as the
    /// other.
    pub fn builtin_without_texts() -> Result<&'static Catalogue, &'static FrameworkError> {
        static BUILT: OnceLock<Result<Catalogue, FrameworkError>> = OnceLock::new();
        BUILT.get_or_init(|| read_builtin(None, None)).as_ref()
    }

    /// The title of a built-in framework, without loading the frameworks:
    /// what the start page names an assessment's framework by.
    pub fn builtin_title(reference: &FrameworkRef) -> Option<&'static str> {
        BUILTIN_TITLES
            .iter()
            .find(|(id, version, _)| *id == reference.id && *version == reference.version)
            .map(|(_, _, title)| *title)
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

    /// The newest version of a framework: the last loaded with this id.
    pub fn latest(&self, id: &str) -> Option<&Arc<Framework>> {
        self.frameworks.iter().rev().find(|f| f.id == id)
    }

    /// The newest version of each framework, in the order their ids were
    /// first loaded: what a new assessment is offered.
    pub fn current(&self) -> impl Iterator<Item = &Arc<Framework>> {
        self.frameworks.iter().enumerate().filter_map(|(i, f)| {
            let first = self.frameworks.iter().position(|g| g.id == f.id) == Some(i);
            first.then(|| self.latest(&f.id)).flatten()
        })
    }

    /// Whether any version of a framework with this id is loaded.
    pub fn knows_id(&self, id: &str) -> bool {
        self.frameworks.iter().any(|f| f.id == id)
    }

    /// Parses, resolves and validates a framework file, and adds it.
    pub fn load(&mut self, text: &str) -> Result<Arc<Framework>, FrameworkError> {
        self.add(parse(text)?, Check::Validate)
    }

    /// [`Catalogue::load`] for a file's bytes, read as an export's are: a
    /// UTF-8 byte-order mark is ignored, UTF-16 or bytes that are not UTF-8
    /// are refused, saying where.
    pub fn load_bytes(&mut self, bytes: &[u8]) -> Result<Arc<Framework>, FrameworkError> {
        let text = crate::domain::format::utf8_text(bytes, FRAMEWORK_TEXT).map_err(|p| {
            FrameworkError::Parse {
                message: match p.at {
                    crate::domain::format::Location::File => p.message,
                    _ => p.to_string(),
                },
            }
        })?;
        self.load(text)
    }

    fn add(&mut self, file: FrameworkFile, check: Check) -> Result<Arc<Framework>, FrameworkError> {
        let file = Arc::new(file);
        let framework = Arc::new(self.resolve_file(FrameworkFile::clone(&file), check)?);
        if self.find(&framework.reference()).is_some() {
            return Err(FrameworkError::Duplicate {
                framework: framework.reference(),
            });
        }
        self.frameworks.push(Arc::clone(&framework));
        self.files.push(file);
        Ok(framework)
    }

    /// Parses a framework file and resolves `extends` (and `rebases`)
    /// against this catalogue, then validates the result. Adds nothing.
    pub fn resolve(&self, text: &str) -> Result<Framework, FrameworkError> {
        self.resolve_file(parse(text)?, Check::Validate)
    }

    fn resolve_file(&self, file: FrameworkFile, check: Check) -> Result<Framework, FrameworkError> {
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
                conditions: Vec::new(),
                timeline: Timeline::default(),
                topic_grades: Vec::new(),
                topics: Vec::new(),
                glossary: Vec::new(),
                grading: GradingRule::default(),
                leadership: Vec::new(),
                follow_up: Vec::new(),
                dip_samples: Vec::new(),
                topic_grading: TopicGradingRule::default(),
                index: Index::default(),
            },
            Some(base) => match self.find(base) {
                Some(base) => Framework::clone(base),
                None => return Err(FrameworkError::UnknownBase { base: base.clone() }),
            },
        };
        let mut problems = Vec::new();
        if let Some(reference) = &file.rebases {
            let Some(i) = self.position(reference) else {
                return Err(FrameworkError::UnknownBase {
                    base: reference.clone(),
                });
            };
            let Some(rebased) = self.files.get(i) else {
                return Err(FrameworkError::UnknownBase {
                    base: reference.clone(),
                });
            };
            let rebased = FrameworkFile::clone(rebased);
            // What a file may rebase: checked like the rest of the file, so
            // not for the built-in files in the browser.
            if check == Check::Validate {
                if reference.id != file.id {
                    problems.push(FrameworkProblem {
                        at: "rebases".into(),
                        message: format!(
                            "{reference} is another framework: a file rebases only an earlier version of itself ({})",
                            file.id
                        ),
                    });
                }
                if rebased.rebases.is_some() {
                    problems.push(FrameworkProblem {
                        at: "rebases".into(),
                        message: format!("{reference} itself rebases another framework; name that one's own base instead"),
                    });
                }
            }
            apply(&mut framework, rebased, &mut problems);
        }
        framework.id = file.id.clone();
        framework.version = file.version.clone();
        framework.title = file.title.clone();
        apply(&mut framework, file, &mut problems);
        framework.build_index();
        if check == Check::Validate {
            problems.extend(validate(&framework));
        }
        if problems.is_empty() {
            Ok(framework)
        } else {
            Err(FrameworkError::Invalid { problems })
        }
    }

    fn position(&self, reference: &FrameworkRef) -> Option<usize> {
        self.frameworks
            .iter()
            .position(|f| f.id == reference.id && f.version == reference.version)
    }
}

/// Reads the built-in files from their compact form, with their answer
/// texts put back when `answers` is given and their lead sections when
/// `lead` is, and resolves them in order; validated natively when complete.
/// In the browser the checks are never called, so the build leaves them
/// out. The texts are arguments, not read here, so that in the browser only
/// the parts whose code names them carry them.
fn read_builtin(
    answers: Option<&[&[u8]]>,
    lead: Option<&[&[u8]]>,
) -> Result<Catalogue, FrameworkError> {
    let check = if cfg!(target_arch = "wasm32") || answers.is_none() || lead.is_none() {
        Check::Trusted
    } else {
        Check::Validate
    };
    let broken = |name: &str, e: postcard::Error| FrameworkError::Parse {
        message: format!("{name}: {e}"),
    };
    let missing = |name: &str, what: &str| FrameworkError::Parse {
        message: format!("{name}: its {what} are missing"),
    };
    let mut catalogue = Catalogue::empty();
    for (i, (name, bytes)) in BUILTIN.iter().enumerate() {
        let mut file = postcard::from_bytes::<FrameworkFile>(bytes).map_err(|e| broken(name, e))?;
        if let Some(answers) = answers {
            let texts = answers
                .get(i)
                .ok_or_else(|| missing(name, "answer texts"))?;
            if !file.put_answer_texts(postcard::from_bytes(texts).map_err(|e| broken(name, e))?) {
                return Err(missing(name, "answer texts"));
            }
        }
        if let Some(lead) = lead {
            let texts = lead.get(i).ok_or_else(|| missing(name, "lead sections"))?;
            file.put_lead_texts(postcard::from_bytes(texts).map_err(|e| broken(name, e))?);
        }
        catalogue.add(file, check)?;
    }
    Ok(catalogue)
}

/// Whether a resolved framework is validated: always, but for the built-in
/// files in the browser ([`Catalogue::builtin`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Check {
    Validate,
    Trusted,
}

/// A framework file, for the messages about its encoding.
const FRAMEWORK_TEXT: crate::domain::format::TextKind = crate::domain::format::TextKind {
    plural: "framework files",
    one: "a framework file",
};

fn parse(text: &str) -> Result<FrameworkFile, FrameworkError> {
    crate::domain::json::from_str(text).map_err(|e| FrameworkError::Parse {
        message: e.to_string(),
    })
}

/// Adds what a file holds to a framework: lists are extended, scales and
/// rules replaced when given, criteria of the base amended.
fn apply(framework: &mut Framework, file: FrameworkFile, problems: &mut Vec<FrameworkProblem>) {
    framework.sources.extend(file.sources);
    if !file.case_grades.is_empty() {
        framework.case_grades = file.case_grades;
    }
    if !file.topic_grades.is_empty() {
        framework.topic_grades = file.topic_grades;
    }
    if let Some(rule) = file.grading {
        framework.grading = rule;
    }
    if let Some(leadership) = file.leadership {
        framework.leadership = leadership;
    }
    if let Some(follow_up) = file.follow_up {
        framework.follow_up = follow_up;
    }
    if let Some(rule) = file.topic_grading {
        framework.topic_grading = rule;
    }
    framework.dip_samples.extend(file.dip_samples);
    framework.case_types.extend(file.case_types);
    framework.combined_rows.extend(file.combined_rows);
    framework.stages.extend(file.stages);
    framework.criteria.extend(file.criteria);
    framework.conditions.extend(file.conditions);
    framework.timeline.events.extend(file.timeline.events);
    framework.timeline.intervals.extend(file.timeline.intervals);
    framework.topics.extend(file.topics);
    framework.glossary.extend(file.glossary);
    let mut problem = |what: &str, criterion: &str, message: &str| {
        problems.push(FrameworkProblem {
            at: format!("{what} {criterion:?}"),
            message: message.into(),
        })
    };
    let absent = "names a criterion the framework does not have";
    for (criterion, added) in file.applies_to_added {
        let Some(c) = framework.criteria.iter_mut().find(|c| c.id == criterion) else {
            problem("applies_to_added", &criterion, absent);
            continue;
        };
        widen(&mut c.applies_to, added);
    }
    for (criterion, amendment) in file.amend {
        let Some(c) = framework.criteria.iter_mut().find(|c| c.id == criterion) else {
            problem("amend", &criterion, absent);
            continue;
        };
        if let Some(applies_to) = amendment.applies_to {
            c.applies_to = applies_to;
        }
        if let Some(key) = amendment.key {
            c.key = key;
        }
    }
    for (criterion, added) in file.key_for_added {
        match framework.criteria.iter_mut().find(|c| c.id == criterion) {
            Some(c) if c.key.is_some() => {
                if let Some(k) = &mut c.key {
                    widen(&mut k.case_types, added);
                }
            }
            Some(_) => problem(
                "key_for_added",
                &criterion,
                "names a criterion that is not key",
            ),
            None => problem("key_for_added", &criterion, absent),
        }
    }
}

/// Adds case types to a set of them.
fn widen(set: &mut AppliesTo, added: Vec<String>) {
    match set {
        AppliesTo::All => {}
        AppliesTo::Only(ids) => {
            for id in added {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        AppliesTo::AllExcept(ids) => ids.retain(|id| !added.contains(id)),
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod tests {
    use super::*;
    use std::path::Path;

    /// The compact form the app reads is the JSON files, value for value:
    /// each built-in framework resolved from its JSON file equals the one
    /// the catalogue resolves from the compact form; and no file in
    /// `src/frameworks` is left out of the list.
    #[test]
    fn the_compact_built_in_files_hold_what_the_json_files_do() {
        let frameworks = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/frameworks");
        let mut from_json = Catalogue::empty();
        for (name, _) in BUILTIN {
            from_json
                .load(&std::fs::read_to_string(frameworks.join(name)).unwrap())
                .unwrap();
        }
        // Every framework file in the folder is built in.
        let files = std::fs::read_dir(&frameworks).unwrap().count();
        assert_eq!(BUILTIN.len(), files);
        let builtin = Catalogue::builtin().unwrap();
        assert_eq!(builtin.all().count(), BUILTIN.len());
        for (compact, json) in builtin.all().zip(from_json.all()) {
            assert_eq!(compact, json, "{}", json.reference());
        }
    }

    /// What a stage of a case reads is the complete catalogue with the lead
    /// sections' longer texts empty, and nothing else missing: ids, names,
    /// stages, counts and when follow-up is due are all there.
    #[test]
    fn the_catalogue_for_answers_lacks_only_the_lead_texts() {
        let full = Catalogue::builtin().unwrap();
        let bare = Catalogue::builtin_for_answers().unwrap();
        assert_eq!(bare.all().count(), full.all().count());
        let mut emptied = 0;
        for (bare, full) in bare.all().zip(full.all()) {
            let mut expected = Framework::clone(full);
            let blank = |items: &mut Vec<TopicCriterion>| {
                for c in items {
                    c.text.clear();
                    c.citations.clear();
                }
            };
            for t in &mut expected.topics {
                t.report_heading.clear();
                t.description.clear();
                t.citations.clear();
                blank(&mut t.good);
            }
            for a in &mut expected.leadership {
                a.description.clear();
                a.citations.clear();
                blank(&mut a.statements);
            }
            for f in &mut expected.follow_up {
                f.citations.clear();
            }
            for d in &mut expected.dip_samples {
                d.description.clear();
                d.count_note.clear();
                d.citations.clear();
                blank(&mut d.criteria);
            }
            assert_eq!(**bare, expected, "{}", full.reference());
            emptied += usize::from(**bare != **full);
        }
        // Every built-in framework has lead sections with texts to leave out.
        assert_eq!(emptied, full.all().count());
    }

    /// What the other audit pages read is the catalogue a stage of a case
    /// reads with each criterion's "good looks like", citations and key
    /// reason, and the glossary, empty, and nothing else missing: every
    /// criterion is there, key where it was, for the same case types.
    #[test]
    fn the_catalogue_without_texts_lacks_only_what_a_stage_shows_besides() {
        let answers = Catalogue::builtin_for_answers().unwrap();
        let bare = Catalogue::builtin_without_texts().unwrap();
        assert_eq!(bare.all().count(), answers.all().count());
        for (bare, answers) in bare.all().zip(answers.all()) {
            let mut expected = Framework::clone(answers);
            for c in &mut expected.criteria {
                assert!(!c.good.is_empty() && !c.citations.is_empty(), "{}", c.id);
                c.good.clear();
                c.citations.clear();
                if let Some(k) = &mut c.key {
                    k.why.clear();
                    k.citations.clear();
                }
            }
            assert!(!expected.glossary.is_empty(), "{}", answers.reference());
            expected.glossary.clear();
            assert_eq!(**bare, expected, "{}", answers.reference());
        }
        // The key reasons an amendment gives come back too: the 2.0.0
        // framework's are not the 1.0.0 file's `true`.
        let v2 = answers
            .find(&FrameworkRef {
                id: "child-journey".into(),
                version: "2.0.0".into(),
            })
            .unwrap();
        assert!(v2
            .criteria
            .iter()
            .filter_map(|c| c.key.as_ref())
            .all(|k| !k.why.is_empty() && !k.citations.is_empty()));
    }

    /// Answer texts that are not the file's (another count of criteria)
    /// are refused whole, and the file is left as it was.
    #[test]
    fn answer_texts_of_another_file_are_refused() {
        let mut file: FrameworkFile = postcard::from_bytes(BUILTIN[0].1).unwrap();
        let before = format!("{file:?}");
        let other = postcard::from_bytes(BUILTIN_ANSWERS[2]).unwrap();
        assert!(!file.put_answer_texts(other));
        assert_eq!(format!("{file:?}"), before);
        assert!(file.put_answer_texts(postcard::from_bytes(BUILTIN_ANSWERS[0]).unwrap()));
        assert_ne!(format!("{file:?}"), before);
    }

    /// Each shape of a choice survives the compact form: the three of
    /// `applies_to`, a marking, and an amendment's "no longer key".
    #[test]
    fn the_compact_form_keeps_every_shape_of_applies_to_and_key() {
        let json = r#"{"id":"x","version":"2","title":"t",
            "criteria":[
              {"id":"a","stage":"s","text":"t","good":"g","applies_to":"all","key":true,"citations":[]},
              {"id":"b","stage":"s","text":"t","good":"g","applies_to":["custody"],"citations":[]},
              {"id":"c","stage":"s","text":"t","good":"g","applies_to":{"except":["custody"]},
               "key":{"for":["missing"],"why":"w","citations":["N18"]},"citations":[]}],
            "amend":{"a":{"key":false},"b":{"applies_to":"all"}}}"#;
        let file = parse(json).unwrap();
        let bytes = postcard::to_allocvec(&file).unwrap();
        let back: FrameworkFile = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(format!("{back:?}"), format!("{file:?}"));
        let [a, b, c] = &back.criteria[..] else {
            panic!("three criteria")
        };
        assert_eq!(a.applies_to, AppliesTo::All);
        assert!(a.is_key_for("custody"));
        assert_eq!(b.applies_to, AppliesTo::Only(vec!["custody".into()]));
        assert_eq!(b.key, None);
        assert!(!c.applies_to.includes("custody") && c.is_key_for("missing"));
        assert_eq!(back.amend["a"].key, Some(None));
        assert_eq!(back.amend["b"].key, None);
        assert_eq!(back.amend["b"].applies_to, Some(AppliesTo::All));
    }

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
    fn applies_to_accepts_all_a_list_or_all_except_a_list_and_nothing_else() {
        let all: AppliesTo = crate::domain::json::from_str("\"all\"").unwrap();
        assert_eq!(all, AppliesTo::All);
        let some: AppliesTo = crate::domain::json::from_str("[\"missing\"]").unwrap();
        assert!(some.includes("missing") && !some.includes("custody"));
        let but: AppliesTo = crate::domain::json::from_str("{\"except\": [\"custody\"]}").unwrap();
        assert!(but.includes("missing") && !but.includes("custody"));
        let err = crate::domain::json::from_str::<AppliesTo>("\"every\"").unwrap_err();
        assert!(err.to_string().contains("\"all\", a list"), "{err}");
    }
}
