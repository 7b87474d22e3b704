//! A case's timeline read against its framework: how long each interval
//! took, the limit it is held to, and the answers it contradicts.
//!
//! An interval bears on criteria; when it runs over its limit, an answer
//! of met or not applicable to one of those criteria is challenged. The
//! tool never changes the answer: the auditor either changes it or writes
//! why it stands, and the challenge stays on show in the results.

use super::assessment::{Case, ServiceStandard};
use super::framework::{Framework, Interval};
use super::scale::AnswerValue;

/// The limit an interval is held to, and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit<'a> {
    pub minutes: u32,
    pub source: LimitSource<'a>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitSource<'a> {
    /// A figure the reports or statutory guidance give, with its sources.
    Cited(&'a [String]),
    /// The force's own standard, set in the assessment.
    ForceSet,
    /// The framework's starting value, until the force sets its own.
    Suggested { basis: &'a str },
}

impl Limit<'_> {
    /// Where the limit comes from, in words.
    pub fn describe(&self) -> String {
        match self.source {
            LimitSource::Cited(citations) => format!("limit from {}", citations.join("; ")),
            LimitSource::ForceSet => "the force's own service standard".into(),
            LimitSource::Suggested { .. } => {
                "the tool's starting value for the force's own standard (not yet set)".into()
            }
        }
    }
}

/// The limit for an interval in this assessment.
pub fn limit<'a>(interval: &'a Interval, standards: &[ServiceStandard]) -> Option<Limit<'a>> {
    if let Some(l) = &interval.limit {
        return Some(Limit {
            minutes: l.minutes,
            source: LimitSource::Cited(&l.citations),
        });
    }
    let f = interval.force_standard.as_ref()?;
    Some(match standards.iter().find(|s| s.interval == interval.id) {
        Some(s) => Limit {
            minutes: s.minutes,
            source: LimitSource::ForceSet,
        },
        None => Limit {
            minutes: f.suggested_minutes,
            source: LimitSource::Suggested { basis: &f.basis },
        },
    })
}

/// One interval of a case, measured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading<'a> {
    pub interval: &'a Interval,
    /// From the first event to the second; negative when the second came
    /// first (within any limit, but asked to be checked: [`Self::reversed`]).
    pub minutes: i64,
    pub limit: Limit<'a>,
}

impl Reading<'_> {
    pub fn over(&self) -> bool {
        self.minutes > i64::from(self.limit.minutes)
    }

    /// The second event recorded before the first. It can be so (a local
    /// authority asked for accommodation before the child was charged), so
    /// it is no challenge and does not stop a case being completed; but a
    /// mistyped date reads the same, and would hide a challenge, so the
    /// reading asks for both times to be checked wherever it is shown.
    pub fn reversed(&self) -> bool {
        self.minutes < 0
    }

    /// What identifies this reading for a note written against it: the
    /// interval, its length and its limit, `attendance:300>60`. Recording
    /// other times or setting another standard gives another signature.
    pub fn signature(&self) -> String {
        format!(
            "{}:{}>{}",
            self.interval.id, self.minutes, self.limit.minutes
        )
    }

    /// "Report to officers arriving: 5 hours, over the 1 hour limit (the
    /// force's own service standard)."
    pub fn describe(&self) -> String {
        use super::date::minutes_in_words;
        if self.reversed() {
            return format!(
                "{}: the second time is {} before the first. Check both times: if one was mistyped, this interval is not being held to its {} limit.",
                self.interval.name,
                minutes_in_words(self.minutes),
                minutes_in_words(i64::from(self.limit.minutes)),
            );
        }
        let took = minutes_in_words(self.minutes);
        format!(
            "{}: {took}, {} the {} limit ({}).",
            self.interval.name,
            if self.over() { "over" } else { "within" },
            minutes_in_words(i64::from(self.limit.minutes)),
            self.limit.describe()
        )
    }
}

/// A reading over its limit named by its signature (`attendance:300>60`),
/// in words: "Report to officers arriving: 5 hours, against a 1 hour
/// limit". A signature the framework has no interval for, or that is no
/// reading over its limit, is given as it is.
pub fn signature_in_words(fw: &Framework, signature: &str) -> String {
    use super::date::minutes_in_words;
    let parsed = signature.rsplit_once(':').and_then(|(id, span)| {
        let (minutes, limit) = span.split_once('>')?;
        Some((
            fw.timeline.interval(id)?,
            minutes.parse::<u32>().ok()?,
            limit.parse::<u32>().ok()?,
        ))
    });
    match parsed {
        Some((interval, minutes, limit)) => format!(
            "{}: {}, against a {} limit",
            interval.name,
            minutes_in_words(minutes.into()),
            minutes_in_words(limit.into())
        ),
        None => signature.to_owned(),
    }
}

/// The intervals of a case whose two events it records and that bear on a
/// criterion applying to it, in framework order.
pub fn readings<'a>(
    fw: &'a Framework,
    standards: &[ServiceStandard],
    case: &Case,
) -> Vec<Reading<'a>> {
    fw.timeline
        .intervals
        .iter()
        .filter(|i| bears_on_case(fw, i, case))
        .filter_map(|i| {
            let from = case.time_of(&i.from)?;
            let to = case.time_of(&i.to)?;
            Some(Reading {
                interval: i,
                minutes: from.minutes_until(to),
                limit: limit(i, standards)?,
            })
        })
        .collect()
}

fn bears_on_case(fw: &Framework, interval: &Interval, case: &Case) -> bool {
    interval
        .criteria
        .iter()
        .filter_map(|id| fw.criterion(id))
        .any(|c| case.applies(fw, c))
}

/// The signatures of the readings over their limits that bear on one
/// criterion of a case: what a note on it, written now, stands against.
pub fn over_limit_for(
    fw: &Framework,
    standards: &[ServiceStandard],
    case: &Case,
    criterion: &str,
) -> Vec<String> {
    readings(fw, standards, case)
        .into_iter()
        .filter(|r| r.over() && r.interval.criteria.iter().any(|c| c == criterion))
        .map(|r| r.signature())
        .collect()
}

/// Whether the answer's note says why it stands against this challenge:
/// a note written while the timeline showed this very reading.
pub fn explained(case: &Case, challenge: &Challenge<'_>) -> bool {
    case.answer(challenge.criterion).is_some_and(|a| {
        !a.note.trim().is_empty() && a.stands_against.contains(&challenge.reading.signature())
    })
}

/// The events worth recording for a case: those of the intervals that bear
/// on its criteria, in the framework's order.
pub fn events_for<'a>(fw: &'a Framework, case: &Case) -> Vec<&'a super::framework::TimelineEvent> {
    let intervals: Vec<&Interval> = fw
        .timeline
        .intervals
        .iter()
        .filter(|i| bears_on_case(fw, i, case))
        .collect();
    fw.timeline
        .events
        .iter()
        .filter(|e| intervals.iter().any(|i| i.from == e.id || i.to == e.id))
        .collect()
}

/// An answer the timeline contradicts: met or not applicable, where an
/// interval that bears on the criterion ran over its limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge<'a> {
    pub criterion: &'a str,
    pub value: AnswerValue,
    pub reading: Reading<'a>,
}

impl Challenge<'_> {
    /// "The timeline shows 5 hours from report to officers arriving, over the
    /// 1 hour limit (the force's own service standard), yet the answer is met."
    pub fn describe(&self) -> String {
        use super::date::minutes_in_words;
        format!(
            "The timeline shows {} for {}, over the {} limit ({}), yet the answer is {}.",
            minutes_in_words(self.reading.minutes),
            self.reading.interval.name.to_ascii_lowercase(),
            minutes_in_words(i64::from(self.reading.limit.minutes)),
            self.reading.limit.describe(),
            self.value.label().to_ascii_lowercase()
        )
    }
}

/// Every answer of the case the timeline contradicts, by interval then
/// criterion.
pub fn challenges<'a>(
    fw: &'a Framework,
    standards: &[ServiceStandard],
    case: &Case,
) -> Vec<Challenge<'a>> {
    let mut out = Vec::new();
    for reading in readings(fw, standards, case)
        .into_iter()
        .filter(Reading::over)
    {
        for id in &reading.interval.criteria {
            let Some(c) = fw.criterion(id).filter(|c| case.applies(fw, c)) else {
                continue;
            };
            let value = case.answer_value(&c.id);
            if matches!(value, AnswerValue::Met | AnswerValue::NotApplicable) {
                out.push(Challenge {
                    criterion: &c.id,
                    value,
                    reading: reading.clone(),
                });
            }
        }
    }
    out
}
