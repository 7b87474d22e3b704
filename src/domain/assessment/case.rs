//! One audited case: its details, timeline, answers with their history,
//! grades, refer-back and closure.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{unique_keys, Versions};
use crate::domain::date::{Date, LocalTime, Timestamp};
use crate::domain::framework::{Criterion, Framework};
use crate::domain::scale::{AnswerValue, CaseGrade};

schema! {
/// One audited case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// Unique within the assessment; a reviewer's grades merge back by it.
    pub id: String,
    /// The force's own case reference (never a child's name).
    pub reference: String,
    pub case_type: String,
    #[serde(default)]
    pub dates: CaseDates,
    /// Who audited the case.
    #[serde(default)]
    pub auditor: String,
    /// The framework's conditions whose criteria apply to this case (format
    /// 4): those answered yes and, from format 8, those not answered yet.
    #[serde(default)]
    pub conditions: Vec<String>,
    /// The conditions asked for the case type and not answered yet (format
    /// 8), each listed in `conditions` too: until the auditor says no, a
    /// condition's criteria are audited, so one never answered cannot leave
    /// them out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions_unanswered: Vec<String>,
    /// The times of the events the case file records (format 4).
    #[serde(default)]
    pub timeline: Vec<TimelineEntry>,
    /// The team member the lead allocated the case to (format 5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allocated_to: Option<String>,
    /// How many times each device has changed the case (format 5): see
    /// [`Versions`].
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "unique_keys"
    )]
    pub versions: Versions,
    /// How many times each device has changed the reviewer's grade, counted
    /// apart from the audit's changes, since the two are brought back apart.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "unique_keys"
    )]
    pub review_versions: Versions,
    /// One entry per answered criterion; criteria not listed are unanswered.
    #[serde(
        default,
        serialize_with = "answers_as_list",
        deserialize_with = "answers_from_list"
    )]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Vec<AnswerEntry>"))]
    pub answers: BTreeMap<String, Answer>,
    /// The force's grade: the suggestion confirmed, or overridden with a reason.
    #[serde(default)]
    pub force_grade: Option<GradeDecision>,
    /// An independent reviewer's grade, kept apart from the force's.
    #[serde(default)]
    pub reviewer_grade: Option<ReviewerGrade>,
    #[serde(default)]
    pub refer_back: Option<ReferBack>,
    /// Marked complete after the auditor checked the answers, only with
    /// every condition question its type asks answered
    /// (`conditions_unanswered` empty).
    #[serde(default)]
    pub completed: bool,
}

/// Dates that place a case.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseDates {
    /// When the incident or referral was first reported.
    #[serde(default)]
    pub reported: Option<Date>,
    /// When the case was audited.
    #[serde(default)]
    pub audited: Option<Date>,
}

/// When one event of the case happened, as the case file records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineEntry {
    pub event: String,
    pub at: LocalTime,
}

/// An answer to one criterion, with its evidence.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub value: AnswerValue,
    /// The evidence from the case file: needed for not met and partly met,
    /// and on a key criterion for met and not applicable too.
    #[serde(default)]
    pub note: String,
    /// When the answer or its note last changed (format 5; none for
    /// answers made before).
    #[serde(default)]
    pub changed_at: Option<Timestamp>,
    /// The timeline's readings over their limits that the note was written
    /// against (see [`super::timeline::Reading::signature`]): the note says
    /// why the answer stands against these, and only these. A note written
    /// before the times were recorded, or before a standard was tightened,
    /// explains nothing the timeline shows now.
    #[serde(default)]
    pub stands_against: Vec<String>,
}

/// An answer as written in a file, naming its criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerEntry {
    pub criterion: String,
    pub value: AnswerValue,
    #[serde(default)]
    pub note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stands_against: Vec<String>,
}

/// The force's grade for a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeDecision {
    pub grade: CaseGrade,
    /// What the rule suggested when the grade was decided (none if nothing
    /// was scored then).
    #[serde(default)]
    pub suggested: Option<CaseGrade>,
    /// Why the grade differs from the suggestion; required when it does.
    #[serde(default)]
    pub reason: String,
    /// The grade was decided with a reviewer's blind grade for the case
    /// already in the assessment (format 7); `before_review` is then the
    /// force's grade from before (none if it had not graded the case), which
    /// calibration sets against the reviewer's. Without it, a force that
    /// moved its grades to the reviewer's would raise its own agreement
    /// unseen.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub after_review: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before_review: Option<CaseGrade>,
}

/// A reviewer's blind grade for a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewerGrade {
    pub grade: CaseGrade,
    /// Who reviewed (a name, a unit or a partner agency).
    #[serde(default)]
    pub reviewer: String,
    #[serde(default)]
    pub note: String,
}

/// A case flagged for urgent action, independent of its grade.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferBack {
    /// What prompted it.
    #[serde(default)]
    pub triggers: Vec<ReferBackTrigger>,
    /// The concern, in the auditor's words.
    pub reason: String,
    /// Who must act.
    pub owner: String,
    #[serde(default)]
    pub raised: Option<Date>,
    #[serde(default)]
    pub deadline: Option<Date>,
    /// How and when it was closed; open while absent.
    #[serde(default)]
    pub closure: Option<Closure>,
}

/// The usual reasons a case is referred back (reference section 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReferBackTrigger {
    /// A child is at immediate risk of significant harm now.
    ImmediateRisk,
    /// Child protection procedures were not followed.
    ProceduresNotFollowed,
    /// An offender posing a risk is not managed, located or circulated.
    OffenderNotManaged,
    /// An investigation has stalled with suspects untraced.
    InvestigationStalled,
    /// A missing child's risk is graded too low.
    MissingRiskTooLow,
}

/// How a refer-back was closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Closure {
    pub on: Date,
    /// What was done: an updated assessment, or the action taken.
    pub note: String,
}
}

fn answers_as_list<S: Serializer>(
    answers: &BTreeMap<String, Answer>,
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_seq(answers.iter().map(|(criterion, a)| AnswerEntry {
        criterion: criterion.clone(),
        value: a.value,
        note: a.note.clone(),
        changed_at: a.changed_at,
        stands_against: a.stands_against.clone(),
    }))
}

fn answers_from_list<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<String, Answer>, D::Error> {
    /// Refuses a criterion answered twice once the whole list is read,
    /// before the reader leaves it, so the problem is placed on the list.
    struct Answers;
    impl<'de> serde::de::Visitor<'de> for Answers {
        type Value = BTreeMap<String, Answer>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a sequence")
        }

        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Self::Value, A::Error> {
            let mut entries = Vec::new();
            while let Some(e) = seq.next_element::<AnswerEntry>()? {
                entries.push(e);
            }
            let mut answers = BTreeMap::new();
            for e in entries {
                if answers.contains_key(&e.criterion) {
                    return Err(serde::de::Error::custom(format!(
                        "criterion {:?} is answered more than once",
                        e.criterion
                    )));
                }
                answers.insert(
                    e.criterion,
                    Answer {
                        value: e.value,
                        note: e.note,
                        changed_at: e.changed_at,
                        stands_against: e.stands_against,
                    },
                );
            }
            Ok(answers)
        }
    }
    d.deserialize_seq(Answers)
}

impl Case {
    /// How the case is named to users: its reference, or "Case 3 (no
    /// reference yet)" before it has one.
    pub fn label(&self) -> String {
        if self.reference.trim().is_empty() {
            format!("{} (no reference yet)", self.id.replace("case-", "Case "))
        } else {
            self.reference.clone()
        }
    }

    /// A new, empty case.
    pub fn new(id: String, case_type: String) -> Case {
        Case {
            id,
            reference: String::new(),
            case_type,
            dates: CaseDates::default(),
            auditor: String::new(),
            conditions: Vec::new(),
            conditions_unanswered: Vec::new(),
            timeline: Vec::new(),
            allocated_to: None,
            versions: Versions::new(),
            review_versions: Versions::new(),
            answers: BTreeMap::new(),
            force_grade: None,
            reviewer_grade: None,
            refer_back: None,
            completed: false,
        }
    }

    /// A new case's conditions: each asked for its type, not answered yet.
    pub fn ask_conditions(&mut self, fw: &Framework) {
        self.conditions = fw.condition_ids(&self.case_type, &|_| true);
        self.conditions_unanswered = self.conditions.clone();
    }

    /// The criteria that apply to this case, in framework order.
    pub fn criteria<'a>(&'a self, fw: &'a Framework) -> impl Iterator<Item = &'a Criterion> + 'a {
        fw.case_criteria(&self.case_type, &self.conditions)
    }

    /// Whether a criterion applies to this case.
    pub fn applies(&self, fw: &Framework, criterion: &Criterion) -> bool {
        fw.applies(criterion, &self.case_type, &self.conditions)
    }

    /// When an event happened, if the case records it.
    pub fn time_of(&self, event: &str) -> Option<LocalTime> {
        self.timeline
            .iter()
            .find(|e| e.event == event)
            .map(|e| e.at)
    }

    pub fn answer(&self, criterion: &str) -> Option<&Answer> {
        self.answers.get(criterion)
    }

    /// The answer's value; unanswered when there is none.
    pub fn answer_value(&self, criterion: &str) -> AnswerValue {
        self.answers
            .get(criterion)
            .map(|a| a.value)
            .unwrap_or_default()
    }

    /// Whether the case has been audited, in part at least: any answer or
    /// a grade. A reference alone may be the lead's.
    pub fn is_audited(&self) -> bool {
        !self.answers.is_empty() || self.force_grade.is_some()
    }

    /// Whether the auditor has begun: any answer, grade or reference.
    pub fn is_started(&self) -> bool {
        self.is_audited() || !self.reference.trim().is_empty()
    }

    /// The grade results count: the force's confirmed grade.
    pub fn force(&self) -> Option<CaseGrade> {
        self.force_grade.as_ref().map(|d| d.grade)
    }

    /// The force's grade as it stood before the reviewer's grade came in:
    /// what calibration sets against the reviewer's. None where the force
    /// graded the case only after the reviewer's grade was in.
    pub fn force_blind(&self) -> Option<CaseGrade> {
        self.force_grade.as_ref()?.blind()
    }

    /// The force's grade decided now, with or without a reviewer's grade in
    /// the assessment: `after_review` records the grade from before the
    /// reviewer's came in, kept through every later change.
    pub fn decide(&mut self, grade: CaseGrade, suggested: Option<CaseGrade>, reason: String) {
        // The same grade saved again is no change (found in review: with a
        // reviewer's grade in, it marked the case changed, and a pack
        // brought back met a conflict that was none).
        if self
            .force_grade
            .as_ref()
            .is_some_and(|d| d.grade == grade && d.suggested == suggested && d.reason == reason)
        {
            return;
        }
        // Once recorded, the grade from before stays: through a reviewer's
        // grade taken back, and through an auditor's pack, which holds no
        // reviewer's grades.
        let (after_review, before_review) = match &self.force_grade {
            Some(d) if d.after_review => (true, d.before_review),
            _ if self.reviewer_grade.is_some() => (true, self.force()),
            _ => (false, None),
        };
        self.force_grade = Some(GradeDecision {
            grade,
            suggested,
            reason,
            after_review,
            before_review,
        });
    }

    pub fn reviewer(&self) -> Option<CaseGrade> {
        self.reviewer_grade.as_ref().map(|r| r.grade)
    }

    /// Whether the refer-back, if any, is still open.
    pub fn has_open_refer_back(&self) -> bool {
        self.refer_back
            .as_ref()
            .is_some_and(|r| r.closure.is_none())
    }
}

impl ReviewerGrade {
    /// "Inadequate, by Ms Reid. Reasons: …", as [`GradeDecision::describe`]
    /// leaves the reasons' own full stop for the sentence it ends.
    pub fn describe(&self) -> String {
        let mut out = self.grade.label().to_owned();
        if !self.reviewer.trim().is_empty() {
            out.push_str(&format!(", by {}", self.reviewer.trim()));
        }
        if !self.note.trim().is_empty() {
            out.push_str(&format!(
                ". Reasons: {}",
                self.note.trim().trim_end_matches('.')
            ));
        }
        out
    }
}

impl GradeDecision {
    /// The force's grade from before the reviewer's came in, as calibration
    /// reads it: none where the force graded only after.
    pub fn blind(&self) -> Option<CaseGrade> {
        if self.after_review {
            self.before_review
        } else {
            Some(self.grade)
        }
    }

    /// Whether two copies record the same decision: a record of the grade
    /// from before that is the grade itself says nothing a copy without it
    /// does not.
    pub fn same(a: Option<&GradeDecision>, b: Option<&GradeDecision>) -> bool {
        match (a, b) {
            (Some(a), Some(b)) => {
                a.grade == b.grade
                    && a.suggested == b.suggested
                    && a.reason == b.reason
                    && a.blind() == b.blind()
            }
            (a, b) => a.is_none() && b.is_none(),
        }
    }

    /// Marks the grade as one the force has seen the reviewer's beside,
    /// where not already: an auditor's pack, which holds no reviewer's
    /// grades, then keeps the grade from before through any change made in
    /// it (found in review: a grade moved to the reviewer's in a pack made
    /// after the review came back as blind).
    pub fn seen_review(&mut self) {
        if !self.after_review {
            self.after_review = true;
            self.before_review = Some(self.grade);
        }
    }

    /// The grade differs from what the rule suggested.
    pub fn is_override(&self) -> bool {
        self.suggested.is_some_and(|s| s != self.grade)
    }

    /// "Good, as suggested", or "Requires improvement (the suggestion was
    /// inadequate). Reason: …", the reason's own full stop left for the
    /// sentence it ends (found in review: the report printed "..").
    pub fn describe(&self) -> String {
        match self.suggested {
            Some(s) if s != self.grade => format!(
                "{} (the suggestion was {}). Reason: {}",
                self.grade.label(),
                s.label().to_ascii_lowercase(),
                self.reason.trim_end_matches('.')
            ),
            Some(_) => format!("{}, as suggested", self.grade.label()),
            None if self.reason.is_empty() => self.grade.label().to_owned(),
            None => format!(
                "{}. Reason: {}",
                self.grade.label(),
                self.reason.trim_end_matches('.')
            ),
        }
    }
}

impl ReferBack {
    /// The reason, owner, deadline and closure in one line.
    pub fn describe(&self) -> String {
        let mut text = format!(
            "{} Owner: {}.",
            self.reason.trim_end_matches('.').to_owned() + ".",
            self.owner
        );
        if let Some(d) = self.deadline {
            text.push_str(&format!(" Deadline: {}.", d.long()));
        }
        if let Some(c) = &self.closure {
            text.push_str(&format!(" Closed on {}: {}", c.on.long(), c.note));
        }
        text
    }
}
