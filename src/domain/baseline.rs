//! Progress over time: an earlier assessment's results kept as a baseline,
//! and the change since, per case type, per stage and per topic.

use serde::Serialize;

use super::assessment::{Assessment, Baseline, BaselineCaseType, BaselineStage, BaselineTopic};
use super::framework::Framework;
use super::grade::TopicGrade;
use super::results::{share, AnswerCounts, GradeBasis, GradeCounts, Results};
use super::topics::judgment;

/// The figures of `a` (made with `fw`) to keep as a later assessment's
/// baseline: final grades by case type, answers by stage, topic grades.
pub fn snapshot(fw: &Framework, a: &Assessment) -> Baseline {
    let r = Results::compute(fw, a, GradeBasis::Final);
    Baseline {
        force: a.force.clone(),
        period: a.period,
        framework: a.framework.clone(),
        by_case_type: r
            .by_case_type
            .iter()
            .filter(|t| t.total > 0)
            .map(|t| BaselineCaseType::new(t.case_type.clone(), t.counts))
            .collect(),
        by_stage: r
            .by_stage
            .iter()
            .filter(|s| s.answers.scored() > 0)
            .map(|s| BaselineStage {
                stage: s.stage.clone(),
                met: s.answers.met,
                partly_met: s.answers.partly_met,
                not_met: s.answers.not_met,
            })
            .collect(),
        topics: fw
            .topics
            .iter()
            .filter_map(|t| {
                let grade = judgment(a, &t.id)?.grade?;
                Some(BaselineTopic {
                    topic: t.id.clone(),
                    grade: Some(grade),
                })
            })
            .collect(),
    }
}

/// Which way a figure moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    Better,
    Same,
    Worse,
    /// More graded good and more graded inadequate, or fewer of both.
    Mixed,
    /// One side has no figure.
    NotComparable,
}

impl Direction {
    pub fn label(self) -> &'static str {
        match self {
            Direction::Better => "Better",
            Direction::Same => "No change",
            Direction::Worse => "Worse",
            Direction::Mixed => "Mixed",
            Direction::NotComparable => "Not comparable",
        }
    }

    fn of_shares(then: Option<f64>, now: Option<f64>, higher_is_better: bool) -> Direction {
        match (then, now) {
            (Some(t), Some(n)) if (n - t).abs() < 1e-9 => Direction::Same,
            (Some(t), Some(n)) if (n > t) == higher_is_better => Direction::Better,
            (Some(_), Some(_)) => Direction::Worse,
            _ => Direction::NotComparable,
        }
    }
}

/// Grades of one case type then and now.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypeChange {
    pub case_type: String,
    pub name: String,
    pub then: GradeCounts,
    pub now: GradeCounts,
    /// Share graded good, then and now.
    pub good_then: Option<f64>,
    pub good_now: Option<f64>,
    /// Judged on the shares graded good and graded inadequate: better when
    /// more are good and no more inadequate, or fewer inadequate and no
    /// fewer good; worse the other way; mixed when both shares rose or
    /// both fell.
    pub direction: Direction,
}

/// Criteria met in one stage then and now.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageChange {
    pub stage: String,
    pub name: String,
    pub met_then: Option<f64>,
    pub met_now: Option<f64>,
    pub direction: Direction,
}

/// The force's grade on one topic then and now.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicChange {
    pub topic: String,
    pub name: String,
    pub then: Option<TopicGrade>,
    pub now: Option<TopicGrade>,
    pub direction: Direction,
}

/// The change from a baseline to now.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    pub by_case_type: Vec<TypeChange>,
    pub by_stage: Vec<StageChange>,
    pub by_topic: Vec<TopicChange>,
}

/// Compares `a` (made with `fw`, its results computed on the final basis as
/// the baseline's were) with its baseline. Rows are the current framework's
/// case types, stages and topics that either side has figures for, then any
/// only the baseline has, so nothing of the baseline is hidden: named from
/// `earlier` (the baseline's framework, when it is on the device), else by id.
pub fn compare(
    fw: &Framework,
    a: &Assessment,
    results: &Results,
    b: &Baseline,
    earlier: Option<&Framework>,
) -> Progress {
    let type_name = |id: &str| {
        earlier
            .and_then(|f| f.case_type(id))
            .map_or(id.to_owned(), |t| t.name.clone())
    };
    let stage_name = |id: &str| {
        earlier
            .and_then(|f| f.stage(id))
            .map_or(id.to_owned(), |s| s.name.clone())
    };
    let topic_name = |id: &str| {
        earlier
            .and_then(|f| f.topic(id))
            .map_or(id.to_owned(), |t| t.name.clone())
    };
    let mut by_case_type = Vec::new();
    for t in &results.by_case_type {
        let then = b
            .by_case_type
            .iter()
            .find(|x| x.case_type == t.case_type)
            .map(BaselineCaseType::grades)
            .unwrap_or_default();
        if then.total() == 0 && t.total == 0 {
            continue;
        }
        by_case_type.push(type_change(&t.case_type, &t.name, then, t.counts));
    }
    for x in &b.by_case_type {
        if fw.case_type(&x.case_type).is_none() {
            by_case_type.push(type_change(
                &x.case_type,
                &type_name(&x.case_type),
                x.grades(),
                GradeCounts::default(),
            ));
        }
    }

    let mut by_stage = Vec::new();
    let stage_then = |id: &str| {
        b.by_stage
            .iter()
            .find(|x| x.stage == id)
            .map(|x| AnswerCounts {
                met: x.met,
                partly_met: x.partly_met,
                not_met: x.not_met,
                ..AnswerCounts::default()
            })
    };
    for s in &results.by_stage {
        let then = stage_then(&s.stage).and_then(|c| c.share_met());
        if then.is_none() && s.share_met.is_none() {
            continue;
        }
        by_stage.push(StageChange {
            stage: s.stage.clone(),
            name: s.name.clone(),
            met_then: then,
            met_now: s.share_met,
            direction: Direction::of_shares(then, s.share_met, true),
        });
    }
    for x in &b.by_stage {
        if fw.stage(&x.stage).is_none() {
            by_stage.push(StageChange {
                stage: x.stage.clone(),
                name: stage_name(&x.stage),
                met_then: stage_then(&x.stage).and_then(|c| c.share_met()),
                met_now: None,
                direction: Direction::NotComparable,
            });
        }
    }

    let rank = |g: TopicGrade| TopicGrade::ALL.iter().position(|x| *x == g);
    let topic_then = |id: &str| {
        b.topics
            .iter()
            .find(|x| x.topic == id)
            .and_then(|x| x.grade)
    };
    let mut by_topic = Vec::new();
    for t in &fw.topics {
        let then = topic_then(&t.id);
        let now = judgment(a, &t.id).and_then(|j| j.grade);
        if then.is_none() && now.is_none() {
            continue;
        }
        let direction = match (then.and_then(rank), now.and_then(rank)) {
            (Some(t), Some(n)) if t == n => Direction::Same,
            (Some(t), Some(n)) if n < t => Direction::Better,
            (Some(_), Some(_)) => Direction::Worse,
            _ => Direction::NotComparable,
        };
        by_topic.push(TopicChange {
            topic: t.id.clone(),
            name: t.name.clone(),
            then,
            now,
            direction,
        });
    }
    for x in &b.topics {
        if fw.topic(&x.topic).is_none() {
            by_topic.push(TopicChange {
                topic: x.topic.clone(),
                name: topic_name(&x.topic),
                then: x.grade,
                now: None,
                direction: Direction::NotComparable,
            });
        }
    }
    Progress {
        by_case_type,
        by_stage,
        by_topic,
    }
}

fn type_change(id: &str, name: &str, then: GradeCounts, now: GradeCounts) -> TypeChange {
    let good_then = share(then.good, then.total());
    let good_now = share(now.good, now.total());
    let inadequate_then = share(then.inadequate, then.total());
    let inadequate_now = share(now.inadequate, now.total());
    let good = Direction::of_shares(good_then, good_now, true);
    let inadequate = Direction::of_shares(inadequate_then, inadequate_now, false);
    let direction = match (good, inadequate) {
        (Direction::NotComparable, _) | (_, Direction::NotComparable) => Direction::NotComparable,
        (g, i) if g == i => g,
        (Direction::Same, other) | (other, Direction::Same) => other,
        _ => Direction::Mixed,
    };
    TypeChange {
        case_type: id.to_owned(),
        name: name.to_owned(),
        then,
        now,
        good_then,
        good_now,
        direction,
    }
}
