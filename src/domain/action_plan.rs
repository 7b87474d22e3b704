//! The action plan: actions suggested from the criteria not met in a stated
//! share of cases and from the force's areas for improvement, and the date
//! the plan is due.

use serde::Serialize;

use super::assessment::{Action, ActionStatus, Assessment, StatementValue, Timescale};
use super::date::Date;
use super::framework::Framework;
use super::grade::{percent, percent_against};
use super::results::Results;
use super::topics::judgment;

impl Timescale {
    pub const ALL: [Timescale; 3] = [
        Timescale::Immediately,
        Timescale::WithinThreeMonths,
        Timescale::WithinSixMonths,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Timescale::Immediately => "immediately",
            Timescale::WithinThreeMonths => "within-three-months",
            Timescale::WithinSixMonths => "within-six-months",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Timescale::Immediately => "Immediately",
            Timescale::WithinThreeMonths => "Within three months",
            Timescale::WithinSixMonths => "Within six months",
        }
    }

    pub fn from_id(id: &str) -> Option<Timescale> {
        Timescale::ALL.into_iter().find(|t| t.id() == id)
    }
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 3] = [
        ActionStatus::NotStarted,
        ActionStatus::InProgress,
        ActionStatus::Done,
    ];

    pub fn id(self) -> &'static str {
        match self {
            ActionStatus::NotStarted => "not-started",
            ActionStatus::InProgress => "in-progress",
            ActionStatus::Done => "done",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ActionStatus::NotStarted => "Not started",
            ActionStatus::InProgress => "In progress",
            ActionStatus::Done => "Done",
        }
    }

    pub fn from_id(id: &str) -> Option<ActionStatus> {
        ActionStatus::ALL.into_iter().find(|s| s.id() == id)
    }
}

/// An action the tool suggests; the user adds it to the plan and edits it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// Stable while the evidence stands: `criterion:<id>` or
    /// `topic:<id>:<n>`, so the page can key its buttons.
    pub key: String,
    pub action: Action,
    /// Why it is suggested.
    pub why: String,
}

/// The share of cases not meeting a criterion from which the plan suggests
/// an action, 0 to 1.
fn not_met_threshold(a: &Assessment) -> f64 {
    f64::from(a.action_plan.not_met_percent) / 100.0
}

/// A criterion's share of cases not met, as the results and the report show
/// it: set against the plan's threshold, so that a share the plan leaves out
/// never reads as reaching it (5 of 8 against 63% reads "62%", not the "63%"
/// that plain rounding gives 62.5%).
pub fn share_not_met_in_words(a: &Assessment, share: f64) -> String {
    percent_against(share, &[not_met_threshold(a)])
}

/// Actions suggested by the assessment and not yet in the plan:
/// - each criterion not met in at least the plan's stated share of the cases
///   that judged it (immediately where it is key for the type of a case
///   that did not meet it, otherwise within three months), most not-met
///   first;
/// - each recommendation of the report with no action answering it (by its
///   deadline, or within three months for an area for improvement);
/// - each force-level statement answered not met or partly met with no
///   action naming it (within three months);
/// - each area for improvement the force recorded on a topic (within three
///   months).
///
/// A criterion suggestion is left out once an action names that criterion;
/// an area for improvement once an action for its topic has the same text.
pub fn suggestions(fw: &Framework, a: &Assessment, results: &Results) -> Vec<Suggestion> {
    let threshold = not_met_threshold(a);
    let mut out = Vec::new();
    for row in results.most_not_met(usize::MAX) {
        let Some(share) = row.share_not_met.filter(|s| *s >= threshold - 1e-9) else {
            continue;
        };
        if a.actions
            .iter()
            .any(|x| x.criteria.contains(&row.criterion))
        {
            continue;
        }
        let Some(c) = fw.criterion(&row.criterion) else {
            continue;
        };
        let stage = fw
            .stage(&c.stage)
            .map_or(c.stage.as_str(), |s| s.name.as_str());
        out.push(Suggestion {
            key: format!("criterion:{}", c.id),
            action: Action {
                id: String::new(),
                text: format!(
                    "{} ({stage}): make this the practice in every case. {}",
                    c.id, c.good
                ),
                criteria: vec![c.id.clone()],
                topics: Vec::new(),
                recommendations: Vec::new(),
                statements: Vec::new(),
                timescale: if row.key {
                    Timescale::Immediately
                } else {
                    Timescale::WithinThreeMonths
                },
                owner: String::new(),
                due: None,
                status: ActionStatus::NotStarted,
                evidence: String::new(),
            },
            why: format!(
                "{}Not met in {} of {} cases that judged it ({}).",
                if !row.key {
                    String::new()
                } else if row.key_not_met == row.answers.not_met {
                    "Key criterion. ".to_owned()
                } else {
                    format!(
                        "Key criterion for {} of the {} cases that did not meet it. ",
                        row.key_not_met, row.answers.not_met
                    )
                },
                row.answers.not_met,
                row.answers.scored(),
                percent(share)
            ),
        });
    }
    for r in &a.recommendations {
        if a.actions.iter().any(|x| x.recommendations.contains(&r.id)) {
            continue;
        }
        out.push(Suggestion {
            key: format!("recommendation:{}", r.id),
            action: Action {
                id: String::new(),
                text: r.text.clone(),
                criteria: Vec::new(),
                topics: r.topics.clone(),
                recommendations: vec![r.id.clone()],
                statements: Vec::new(),
                timescale: r.deadline.unwrap_or(Timescale::WithinThreeMonths),
                owner: String::new(),
                due: None,
                status: ActionStatus::NotStarted,
                evidence: String::new(),
            },
            why: format!(
                "{} {} of the inspection report has no action yet.",
                r.kind.label(),
                r.id
            ),
        });
    }
    for (_, st) in fw.statements() {
        let value = a.statements.get(&st.id).and_then(|x| x.value);
        let short = match value {
            Some(StatementValue::NotMet) => "not met",
            Some(StatementValue::PartlyMet) => "partly met",
            _ => continue,
        };
        if a.actions.iter().any(|x| x.statements.contains(&st.id)) {
            continue;
        }
        out.push(Suggestion {
            key: format!("statement:{}", st.id),
            action: Action {
                id: String::new(),
                text: format!("{}: make this true of the force. {}", st.id, st.text),
                criteria: Vec::new(),
                topics: Vec::new(),
                recommendations: Vec::new(),
                statements: vec![st.id.clone()],
                timescale: Timescale::WithinThreeMonths,
                owner: String::new(),
                due: None,
                status: ActionStatus::NotStarted,
                evidence: String::new(),
            },
            why: format!("A force-level statement you answered {short}."),
        });
    }
    for t in &fw.topics {
        let Some(j) = judgment(a, &t.id) else {
            continue;
        };
        for (n, area) in j.areas_for_improvement.iter().enumerate() {
            let area = area.trim();
            if area.is_empty()
                || a.actions
                    .iter()
                    .any(|x| x.topics.contains(&t.id) && x.text.trim() == area)
            {
                continue;
            }
            out.push(Suggestion {
                key: format!("topic:{}:{n}", t.id),
                action: Action {
                    id: String::new(),
                    text: area.to_owned(),
                    criteria: Vec::new(),
                    topics: vec![t.id.clone()],
                    recommendations: Vec::new(),
                    statements: Vec::new(),
                    timescale: Timescale::WithinThreeMonths,
                    owner: String::new(),
                    due: None,
                    status: ActionStatus::NotStarted,
                    evidence: String::new(),
                },
                why: format!("An area for improvement you recorded under {}.", t.name),
            });
        }
    }
    out
}

/// When the plan is due: the framework's action-plan follow-up after the
/// report date.
pub fn plan_due(fw: &Framework, a: &Assessment) -> Option<Date> {
    super::follow_up::due(fw.action_plan_follow_up()?, a.action_plan.report_date?)
}

/// Actions by timescale, in plan order within each: the printed plan's order.
pub fn by_timescale(a: &Assessment) -> Vec<(Timescale, Vec<&Action>)> {
    Timescale::ALL
        .iter()
        .map(|&t| (t, a.actions.iter().filter(|x| x.timescale == t).collect()))
        .filter(|(_, actions): &(Timescale, Vec<&Action>)| !actions.is_empty())
        .collect()
}
