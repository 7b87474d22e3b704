//! A framework file as written: the types the catalogue reads a file into.
//!
//! The build script reads this module too (`build.rs` includes it by path),
//! to write the built-in files in their compact form, so it depends on
//! nothing but `serde`, the standard library, and two items of its parent:
//! [`FrameworkRef`] and the [`Timeline`]'s module.
//!
//! Two forms are read. A framework file is JSON: `applies_to` may be `"all"`,
//! a list or `{"except": [...]}`, a key marking may be `true`. The compact
//! form the build writes (postcard: fields by position, which is what lets
//! the browser do without a JSON reader for frameworks) does not describe
//! itself, so there the same values are written as tagged variants. Each
//! type with a choice of shapes asks its format which it is
//! (`is_human_readable`).

use std::collections::BTreeMap;
use std::fmt;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::timeline::Timeline;
use super::FrameworkRef;

/// A framework file as written: either complete, or extending another.
/// Everything but the id, version, title and the two references is added
/// to (or, for scales and rules, replaces) what the base has.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FrameworkFile {
    pub(super) id: String,
    pub(super) version: String,
    pub(super) title: String,
    /// The framework this one builds on.
    #[serde(default)]
    pub(super) extends: Option<FrameworkRef>,
    /// A framework whose own file is applied on top of `extends` before this
    /// one: how a new version of an extension (the 2024 framework) follows a
    /// new version of its base without repeating its own content.
    #[serde(default)]
    pub(super) rebases: Option<FrameworkRef>,
    #[serde(default)]
    pub(super) sources: Vec<Source>,
    #[serde(default)]
    pub(super) case_grades: Vec<ScaleLevel>,
    #[serde(default)]
    pub(super) case_types: Vec<CaseType>,
    #[serde(default)]
    pub(super) combined_rows: Vec<CombinedRow>,
    #[serde(default)]
    pub(super) stages: Vec<Stage>,
    #[serde(default)]
    pub(super) criteria: Vec<Criterion>,
    /// Extra case types that criteria of the extended framework apply to.
    #[serde(default)]
    pub(super) applies_to_added: BTreeMap<String, Vec<String>>,
    /// Extra case types that key markings of the extended framework cover.
    #[serde(default)]
    pub(super) key_for_added: BTreeMap<String, Vec<String>>,
    /// Criteria of the base with new applicability or key markings.
    #[serde(default)]
    pub(super) amend: BTreeMap<String, Amendment>,
    #[serde(default)]
    pub(super) conditions: Vec<Condition>,
    #[serde(default)]
    pub(super) timeline: Timeline,
    #[serde(default)]
    pub(super) topic_grades: Vec<ScaleLevel>,
    #[serde(default)]
    pub(super) topics: Vec<Topic>,
    #[serde(default)]
    pub(super) glossary: Vec<GlossaryEntry>,
    #[serde(default)]
    pub(super) grading: Option<GradingRule>,
    /// Replaces the base's when given (the 2024 framework gives none: its
    /// topics take their place).
    #[serde(default)]
    pub(super) leadership: Option<Vec<StatementArea>>,
    /// Replaces the base's when given.
    #[serde(default)]
    pub(super) follow_up: Option<Vec<FollowUp>>,
    #[serde(default)]
    pub(super) dip_samples: Vec<DipSample>,
    #[serde(default)]
    pub(super) topic_grading: Option<TopicGradingRule>,
}

/// The sections of a file that only the lead's pages show in full: the
/// topics, the leadership statements, the follow-up and the dip samples, as
/// written. The browser's audit pages carry a copy of each built-in file with
/// these sections' longer texts left empty ([`FrameworkFile::take_lead_texts`]);
/// the lead's part carries these and puts them back.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LeadTexts {
    topics: Vec<Topic>,
    leadership: Option<Vec<StatementArea>>,
    follow_up: Option<Vec<FollowUp>>,
    dip_samples: Vec<DipSample>,
}

/// The texts of a file that only a stage of a case shows, and the lead's
/// action plan: each criterion's "good looks like", its citations and why
/// it is key, the reasons of the key markings an amendment gives, and the
/// glossary. The browser's other audit pages carry a copy of each built-in
/// file with these left empty ([`FrameworkFile::take_answer_texts`]); the
/// answers' part and the lead's carry them and put them back.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct AnswerTexts {
    /// One for each criterion, in the file's order.
    criteria: Vec<CriterionTexts>,
    /// One for each amendment, in the map's order.
    amend: Vec<KeyTexts>,
    glossary: Vec<GlossaryEntry>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CriterionTexts {
    good: String,
    citations: Vec<String>,
    key: KeyTexts,
}

/// A key marking's reason and citations; empty where there is no marking.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyTexts {
    why: String,
    citations: Vec<String>,
}

impl KeyTexts {
    fn take(marking: Option<&mut KeyMarking>) -> Self {
        marking.map_or_else(KeyTexts::default, |k| KeyTexts {
            why: std::mem::take(&mut k.why),
            citations: std::mem::take(&mut k.citations),
        })
    }

    fn put(self, marking: Option<&mut KeyMarking>) {
        if let Some(k) = marking {
            k.why = self.why;
            k.citations = self.citations;
        }
    }
}

impl FrameworkFile {
    /// Takes out the texts only a stage of a case and the lead's pages show
    /// ([`AnswerTexts`]), leaving them empty. Called by `build.rs` only: the
    /// crate reads what it wrote.
    #[allow(dead_code)]
    pub(super) fn take_answer_texts(&mut self) -> AnswerTexts {
        AnswerTexts {
            criteria: self
                .criteria
                .iter_mut()
                .map(|c| CriterionTexts {
                    good: std::mem::take(&mut c.good),
                    citations: std::mem::take(&mut c.citations),
                    key: KeyTexts::take(c.key.as_mut()),
                })
                .collect(),
            amend: self
                .amend
                .values_mut()
                .map(|a| KeyTexts::take(a.key.as_mut().and_then(Option::as_mut)))
                .collect(),
            glossary: std::mem::take(&mut self.glossary),
        }
    }

    /// Puts back what [`FrameworkFile::take_answer_texts`] took; `false`,
    /// changing nothing, when they are not this file's (another count of
    /// criteria or amendments).
    pub(super) fn put_answer_texts(&mut self, texts: AnswerTexts) -> bool {
        if texts.criteria.len() != self.criteria.len() || texts.amend.len() != self.amend.len() {
            return false;
        }
        for (c, t) in self.criteria.iter_mut().zip(texts.criteria) {
            c.good = t.good;
            c.citations = t.citations;
            t.key.put(c.key.as_mut());
        }
        for (a, t) in self.amend.values_mut().zip(texts.amend) {
            t.put(a.key.as_mut().and_then(Option::as_mut));
        }
        self.glossary = texts.glossary;
        true
    }

    /// Takes the lead's sections out whole, and leaves in their place their
    /// structure (ids, names, stages, counts, what a follow-up covers and
    /// when): all that checks, grades and the audit's pages read of them.
    /// Descriptions, statements' and questions' texts, headings and
    /// citations are left empty. Called by `build.rs` only: the crate reads
    /// what it wrote.
    #[allow(dead_code)]
    pub(super) fn take_lead_texts(&mut self) -> LeadTexts {
        let lead = LeadTexts {
            topics: self.topics.clone(),
            leadership: self.leadership.clone(),
            follow_up: self.follow_up.clone(),
            dip_samples: self.dip_samples.clone(),
        };
        let bare = |items: &mut Vec<TopicCriterion>| {
            for c in items {
                c.text.clear();
                c.citations.clear();
            }
        };
        for t in &mut self.topics {
            t.report_heading.clear();
            t.description.clear();
            t.citations.clear();
            bare(&mut t.good);
        }
        for a in self.leadership.iter_mut().flatten() {
            a.description.clear();
            a.citations.clear();
            bare(&mut a.statements);
        }
        for f in self.follow_up.iter_mut().flatten() {
            f.citations.clear();
        }
        for d in &mut self.dip_samples {
            d.description.clear();
            d.count_note.clear();
            d.citations.clear();
            bare(&mut d.criteria);
        }
        lead
    }

    /// Puts back what [`FrameworkFile::take_lead_texts`] took.
    pub(super) fn put_lead_texts(&mut self, lead: LeadTexts) {
        self.topics = lead.topics;
        self.leadership = lead.leadership;
        self.follow_up = lead.follow_up;
        self.dip_samples = lead.dip_samples;
    }
}

/// A change to a criterion of the base: where it applies, whether it is key.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Amendment {
    #[serde(default)]
    pub(super) applies_to: Option<AppliesTo>,
    /// `false` makes it no longer key; a marking replaces the base's.
    #[serde(default, deserialize_with = "amended_key")]
    pub(super) key: Option<Option<KeyMarking>>,
}

/// Absent: unchanged; `false`: not key; a marking (or `true`): key. The
/// compact form holds both levels as written.
fn amended_key<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Option<KeyMarking>>, D::Error> {
    if !d.is_human_readable() {
        return Option::deserialize(d);
    }
    key_marking(d).map(Some)
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
    /// Where the criterion is key, and why: not met, it makes the suggested
    /// grade inadequate; answered met or not applicable, it needs a note.
    #[serde(default, deserialize_with = "key_marking")]
    pub key: Option<KeyMarking>,
    pub citations: Vec<String>,
}

/// The case types a criterion is key for, why, and where the reports say so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyMarking {
    /// A subset of the case types the criterion applies to; "all" is every
    /// one it applies to.
    #[serde(rename = "for")]
    pub case_types: AppliesTo,
    /// Why the reports treat it as decisive. Empty only where a framework
    /// marks a criterion key with `true`, as version 1.0.0 files do.
    pub why: String,
    pub citations: Vec<String>,
}

/// `"key": true` (the form of framework files before key markings gave
/// their reasons), `false`, or a [`KeyMarking`].
///
/// The compact form of the built-in files holds the marking or nothing.
fn key_marking<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<KeyMarking>, D::Error> {
    if !d.is_human_readable() {
        return Option::deserialize(d);
    }
    struct Raw;
    impl<'de> Visitor<'de> for Raw {
        type Value = Option<KeyMarking>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(
                "true, false or a key marking ({\"for\": ..., \"why\": ..., \"citations\": [...]})",
            )
        }
        fn visit_bool<E: de::Error>(self, key: bool) -> Result<Self::Value, E> {
            Ok(key.then(|| KeyMarking {
                case_types: AppliesTo::All,
                why: String::new(),
                citations: Vec::new(),
            }))
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            KeyMarking::deserialize(MapAccessDeserializer::new(map)).map(Some)
        }
    }
    d.deserialize_any(Raw)
}

/// The case types a criterion applies to.
///
/// In a framework file: `"all"`, a list of ids, or `{"except": [...]}`. In
/// the compact form the build writes of the built-in files (see
/// [`Catalogue`]), a tagged variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppliesTo {
    /// Every case type of the framework, including any an extension adds.
    All,
    Only(Vec<String>),
    /// Every case type but these, including any an extension adds.
    AllExcept(Vec<String>),
}

#[derive(Serialize)]
#[serde(untagged)]
enum RawAppliesTo {
    Word(String),
    List(Vec<String>),
    Except { except: Vec<String> },
}

/// Read by shape, as `key_marking` is, not as `#[serde(untagged)]` would:
/// that tries each variant on a buffered copy of the value, which reads a
/// struct from a list by position (the object form is the only one), and
/// when nothing fits says only that.
impl<'de> Deserialize<'de> for RawAppliesTo {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Except {
            except: Vec<String>,
        }
        struct Raw;
        impl<'de> Visitor<'de> for Raw {
            type Value = RawAppliesTo;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("\"all\", a list of case type ids or {\"except\": [...]}")
            }
            fn visit_str<E: de::Error>(self, word: &str) -> Result<Self::Value, E> {
                Ok(RawAppliesTo::Word(word.to_owned()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                Vec::deserialize(SeqAccessDeserializer::new(seq)).map(RawAppliesTo::List)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                let Except { except } = Except::deserialize(MapAccessDeserializer::new(map))?;
                Ok(RawAppliesTo::Except { except })
            }
        }
        d.deserialize_any(Raw)
    }
}

impl TryFrom<RawAppliesTo> for AppliesTo {
    type Error = String;
    fn try_from(raw: RawAppliesTo) -> Result<Self, Self::Error> {
        match raw {
            RawAppliesTo::Word(w) if w == "all" => Ok(AppliesTo::All),
            RawAppliesTo::Word(w) => Err(format!(
                "applies_to must be \"all\", a list of case type ids or {{\"except\": [...]}}, not {w:?}"
            )),
            RawAppliesTo::List(ids) => Ok(AppliesTo::Only(ids)),
            RawAppliesTo::Except { except } => Ok(AppliesTo::AllExcept(except)),
        }
    }
}

impl From<AppliesTo> for RawAppliesTo {
    fn from(a: AppliesTo) -> Self {
        match a {
            AppliesTo::All => RawAppliesTo::Word("all".into()),
            AppliesTo::Only(ids) => RawAppliesTo::List(ids),
            AppliesTo::AllExcept(except) => RawAppliesTo::Except { except },
        }
    }
}

/// The compact form's `AppliesTo`: a format that does not describe itself
/// cannot tell the file's three shapes apart, so the variant is named.
#[derive(Serialize, Deserialize)]
#[serde(remote = "AppliesTo")]
enum TaggedAppliesTo {
    All,
    Only(Vec<String>),
    AllExcept(Vec<String>),
}

impl Serialize for AppliesTo {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            RawAppliesTo::from(self.clone()).serialize(s)
        } else {
            TaggedAppliesTo::serialize(self, s)
        }
    }
}

impl<'de> Deserialize<'de> for AppliesTo {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        if d.is_human_readable() {
            AppliesTo::try_from(RawAppliesTo::deserialize(d)?).map_err(serde::de::Error::custom)
        } else {
            TaggedAppliesTo::deserialize(d)
        }
    }
}

impl AppliesTo {
    pub fn includes(&self, case_type: &str) -> bool {
        match self {
            AppliesTo::All => true,
            AppliesTo::Only(ids) => ids.iter().any(|id| id == case_type),
            AppliesTo::AllExcept(ids) => !ids.iter().any(|id| id == case_type),
        }
    }

    /// The case type ids it names, whether listed or excepted.
    pub fn named(&self) -> &[String] {
        match self {
            AppliesTo::All => &[],
            AppliesTo::Only(ids) | AppliesTo::AllExcept(ids) => ids,
        }
    }
}

/// A question about a case that, answered yes, brings further criteria in
/// for some case types: a custody case that began with a call is judged on
/// how the call was handled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub id: String,
    /// Phrased so that "yes" brings the criteria in.
    pub question: String,
    #[serde(default)]
    pub hint: String,
    /// The case types it is asked for.
    pub case_types: Vec<String>,
    /// The criteria it brings in for those case types.
    pub criteria: Vec<String>,
    pub citations: Vec<String>,
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
    #[serde(default)]
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
    /// How many times a key criterion counts in the score (1 in frameworks
    /// written before the weight existed).
    #[serde(default = "one")]
    pub key_weight: f64,
    /// The most a good case may fall short: each criterion not met counts
    /// 1, each partly met 0.5. None: no limit, as in version 1.0.0.
    #[serde(default)]
    pub good_max_shortfall: Option<f64>,
}

fn one() -> f64 {
    1.0
}

impl Default for GradingRule {
    fn default() -> Self {
        GradingRule {
            good_at_least: 0.8,
            inadequate_below: 0.5,
            key_weight: 1.0,
            good_max_shortfall: None,
        }
    }
}

/// An area of the force-level management-and-leadership statements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatementArea {
    pub id: String,
    pub name: String,
    pub description: String,
    pub statements: Vec<TopicCriterion>,
    pub citations: Vec<String>,
}

/// Something the force owes the inspectorate after the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    pub id: String,
    pub kind: FollowUpKind,
    /// What it is, e.g. "Update on the immediate recommendations".
    pub name: String,
    /// How long after the report's publication it is due: weeks or
    /// calendar months.
    #[serde(default)]
    pub weeks: u32,
    #[serde(default)]
    pub months: u32,
    /// The recommendations it answers for.
    pub covers: Covers,
    pub citations: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FollowUpKind {
    /// The force's update on what it has done.
    Update,
    /// The force's action plan.
    ActionPlan,
    /// The inspectorate's revisit.
    Revisit,
}

/// Which of the report's recommendations a follow-up answers for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Covers {
    /// Those to act on immediately.
    Immediate,
    /// Every other recommendation, and every area for improvement.
    Others,
    All,
}

/// A sample of records checked beside the main case sample.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DipSample {
    pub id: String,
    pub name: String,
    pub description: String,
    /// The topic its findings bear on.
    pub topic: String,
    /// How many records the sample asks for.
    pub count: u32,
    /// Where the count comes from, when the report gives none.
    #[serde(default)]
    pub count_note: String,
    /// Yes-or-no questions asked of each record.
    pub criteria: Vec<TopicCriterion>,
    pub citations: Vec<String>,
}

/// The thresholds of the suggested topic-grade rule (see
/// `topics::suggest`). Scores run from 0 to 1: a statement or case answer
/// met scores 1, partly met 0.5, not met 0.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicGradingRule {
    /// Every statement met, the case score at least this, no key failure
    /// and promising practice recorded suggests outstanding.
    pub outstanding_at_least: f64,
    /// Both scores at least this, with no key failure, suggests good.
    pub good_at_least: f64,
    /// Both scores at least this suggests adequate.
    pub adequate_at_least: f64,
    /// Either score below this suggests inadequate.
    pub inadequate_below: f64,
    /// A share of cases with a key criterion not met at least this suggests
    /// requires improvement at best.
    pub key_share_requires_improvement: f64,
    /// A share of cases with a key criterion not met at least this suggests
    /// inadequate.
    pub key_share_inadequate: f64,
}

impl Default for TopicGradingRule {
    fn default() -> Self {
        TopicGradingRule {
            outstanding_at_least: 0.9,
            good_at_least: 0.8,
            adequate_at_least: 0.65,
            inadequate_below: 0.5,
            key_share_requires_improvement: 0.1,
            key_share_inadequate: 0.25,
        }
    }
}
