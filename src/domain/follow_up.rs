//! The inspection's follow-up: what the force owes the inspectorate after
//! the report, when, and how far it has got.
//!
//! The framework lists the follow-ups the report triggers (`follow_up`):
//! the child's-journey framework an update on the immediate
//! recommendations and an action plan six weeks after publication, and a
//! revisit within six months (N18 "Next steps"); the 2024 framework an
//! action plan on the areas for improvement within eight weeks (N25 "Next
//! steps"). The lead enters the report's date and its recommendations.
//!
//! The rules:
//! - a recommendation's own date is the report's date for "immediately",
//!   three or six calendar months after it for the other timescales, and
//!   none for an area for improvement (the report gives none);
//! - a recommendation is **open** until it has actions and all of them are
//!   done;
//! - what a follow-up needs of each recommendation it covers: an update,
//!   an action at least started (something done to report); an action plan,
//!   at least one action planned; a revisit, the recommendation done;
//! - a follow-up or a recommendation is **overdue** once its date has passed
//!   (`today` later than it) and that is not yet so.

use serde::Serialize;

use super::assessment::{
    Action, ActionStatus, Assessment, Recommendation, RecommendationKind, Timescale,
};
use super::date::Date;
use super::framework::{Covers, FollowUp, FollowUpKind, Framework};

/// When a follow-up is due after a report published on `published`.
pub fn due(f: &FollowUp, published: Date) -> Option<Date> {
    if f.months > 0 {
        published.plus_months(f.months)
    } else {
        published.plus_days(i64::from(f.weeks) * 7)
    }
}

/// How long after the report a follow-up falls due, in words: "6 weeks".
pub fn interval_words(f: &FollowUp) -> String {
    if f.months > 0 {
        super::text::count(f.months, "month")
    } else {
        super::text::count(f.weeks, "week")
    }
}

/// The date a recommendation's timescale gives, after a report published on
/// `published`; none for an area for improvement.
pub fn deadline_date(deadline: Option<Timescale>, published: Date) -> Option<Date> {
    match deadline? {
        Timescale::Immediately => Some(published),
        Timescale::WithinThreeMonths => published.plus_months(3),
        Timescale::WithinSixMonths => published.plus_months(6),
    }
}

/// The actions that answer a recommendation, in plan order.
pub fn actions_for<'a>(a: &'a Assessment, recommendation: &str) -> Vec<&'a Action> {
    a.actions
        .iter()
        .filter(|x| x.recommendations.iter().any(|r| r == recommendation))
        .collect()
}

/// Whether a recommendation is done: it has actions and all are done.
pub fn is_done(a: &Assessment, recommendation: &str) -> bool {
    let actions = actions_for(a, recommendation);
    !actions.is_empty() && actions.iter().all(|x| x.status == ActionStatus::Done)
}

fn covers(c: Covers, r: &Recommendation) -> bool {
    let immediate = r.deadline == Some(Timescale::Immediately);
    match c {
        Covers::Immediate => immediate,
        Covers::Others => !immediate,
        Covers::All => true,
    }
}

/// Whether a recommendation has what a follow-up of this kind needs of it.
fn ready(a: &Assessment, kind: FollowUpKind, r: &Recommendation) -> bool {
    let actions = actions_for(a, &r.id);
    match kind {
        FollowUpKind::Update => actions.iter().any(|x| x.status != ActionStatus::NotStarted),
        FollowUpKind::ActionPlan => !actions.is_empty(),
        FollowUpKind::Revisit => is_done(a, &r.id),
    }
}

/// One recommendation with its date and state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecommendationRow {
    pub id: String,
    pub deadline: Option<Timescale>,
    pub due: Option<Date>,
    /// The ids of the actions that answer it.
    pub actions: Vec<String>,
    pub done: bool,
    pub overdue: bool,
}

/// One follow-up with its date and what is still missing for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FollowUpRow {
    pub id: String,
    pub kind: FollowUpKind,
    pub name: String,
    pub due: Option<Date>,
    /// The recommendations it covers, in the report's order.
    pub covers: Vec<String>,
    /// Those of them without what it needs (see the module's rules).
    pub outstanding: Vec<String>,
    pub overdue: bool,
    pub citations: Vec<String>,
}

/// How many recommendations have one deadline, and its date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeadlineCount {
    /// None: areas for improvement, or recommendations with no timescale.
    pub deadline: Option<Timescale>,
    pub count: u32,
    pub due: Option<Date>,
}

/// The follow-up of the inspection, as of `today`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FollowUpSummary {
    /// The report's publication date, once entered.
    pub published: Option<Date>,
    pub follow_ups: Vec<FollowUpRow>,
    /// Immediately, within three months, within six months, then none;
    /// deadlines no recommendation has are left out.
    pub by_deadline: Vec<DeadlineCount>,
    pub recommendations: Vec<RecommendationRow>,
}

impl FollowUpSummary {
    /// Whether there is anything to show: a report date or a recommendation.
    pub fn is_empty(&self) -> bool {
        self.published.is_none() && self.recommendations.is_empty()
    }
}

/// The follow-up of the inspection, as of `today` (none: nothing is
/// overdue).
pub fn summary(fw: &Framework, a: &Assessment, today: Option<Date>) -> FollowUpSummary {
    let published = a.action_plan.report_date;
    let past = |d: Option<Date>| matches!((today, d), (Some(t), Some(d)) if t > d);
    let recommendations: Vec<RecommendationRow> = a
        .recommendations
        .iter()
        .map(|r| {
            let due = published.and_then(|p| deadline_date(r.deadline, p));
            let done = is_done(a, &r.id);
            RecommendationRow {
                id: r.id.clone(),
                deadline: r.deadline,
                due,
                actions: actions_for(a, &r.id).iter().map(|x| x.id.clone()).collect(),
                done,
                overdue: !done && past(due),
            }
        })
        .collect();
    let follow_ups = fw
        .follow_up
        .iter()
        .map(|f| {
            let due = published.and_then(|p| due(f, p));
            let covered: Vec<&Recommendation> = a
                .recommendations
                .iter()
                .filter(|r| covers(f.covers, r))
                .collect();
            let outstanding: Vec<String> = covered
                .iter()
                .filter(|r| !ready(a, f.kind, r))
                .map(|r| r.id.clone())
                .collect();
            FollowUpRow {
                id: f.id.clone(),
                kind: f.kind,
                name: f.name.clone(),
                due,
                covers: covered.iter().map(|r| r.id.clone()).collect(),
                overdue: !outstanding.is_empty() && past(due),
                outstanding,
                citations: f.citations.clone(),
            }
        })
        .collect();
    let deadlines = Timescale::ALL.into_iter().map(Some).chain([None]);
    let by_deadline = deadlines
        .filter_map(|deadline| {
            let count = a
                .recommendations
                .iter()
                .filter(|r| r.deadline == deadline)
                .count();
            (count > 0).then(|| DeadlineCount {
                deadline,
                count: u32::try_from(count).unwrap_or(u32::MAX),
                due: published.and_then(|p| deadline_date(deadline, p)),
            })
        })
        .collect();
    FollowUpSummary {
        published,
        follow_ups,
        by_deadline,
        recommendations,
    }
}

/// The update the inspectorate asks for: each recommendation to act on
/// immediately, in the report's order, with the actions taken against it.
pub fn update(a: &Assessment) -> Vec<(&Recommendation, Vec<&Action>)> {
    a.recommendations
        .iter()
        .filter(|r| r.deadline == Some(Timescale::Immediately))
        .map(|r| (r, actions_for(a, &r.id)))
        .collect()
}

impl RecommendationKind {
    pub const ALL: [RecommendationKind; 2] = [
        RecommendationKind::Recommendation,
        RecommendationKind::AreaForImprovement,
    ];

    pub fn id(self) -> &'static str {
        match self {
            RecommendationKind::Recommendation => "recommendation",
            RecommendationKind::AreaForImprovement => "area-for-improvement",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RecommendationKind::Recommendation => "Recommendation",
            RecommendationKind::AreaForImprovement => "Area for improvement",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.id() == id)
    }
}
