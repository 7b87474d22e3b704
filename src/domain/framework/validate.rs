//! Checking a resolved framework for consistency.

use std::collections::HashSet;

use super::*;

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
        "force-level statement",
        fw.statements().map(|(_, st)| st.id.as_str()),
        &mut problem,
    );
    duplicates(
        "management-and-leadership area",
        fw.leadership.iter().map(|a| a.id.as_str()),
        &mut problem,
    );
    duplicates(
        "dip sample",
        fw.dip_samples.iter().map(|d| d.id.as_str()),
        &mut problem,
    );
    duplicates(
        "dip-sample criterion",
        fw.dip_samples
            .iter()
            .flat_map(|d| d.criteria.iter().map(|c| c.id.as_str())),
        &mut problem,
    );
    duplicates(
        "follow-up",
        fw.follow_up.iter().map(|f| f.id.as_str()),
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
    if !(1.0..=10.0).contains(&rule.key_weight) {
        problem(
            "grading".into(),
            format!("key_weight {} is not from 1 to 10", rule.key_weight),
        );
    }
    if rule
        .good_max_shortfall
        .is_some_and(|m| !(0.0..=100.0).contains(&m))
    {
        problem(
            "grading".into(),
            "good_max_shortfall must be from 0 to 100".into(),
        );
    }
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
        if matches!(&c.applies_to, AppliesTo::Only(ids) if ids.is_empty()) {
            problem(at.clone(), "applies to no case type".into());
        }
        check_case_types(&at, "applies to", c.applies_to.named(), fw, &mut problem);
        if let Some(k) = &c.key {
            check_case_types(&at, "is key for", k.case_types.named(), fw, &mut problem);
            // `"key": true`, as version 1.0.0 files write it, gives no reason.
            let legacy =
                k.why.is_empty() && k.citations.is_empty() && k.case_types == AppliesTo::All;
            if !legacy {
                if k.why.trim().is_empty() {
                    problem(at.clone(), "is key without saying why (key.why)".into());
                }
                check_citations(&format!("{at} key marking"), &k.citations, &mut problem);
            }
            if let AppliesTo::Only(ids) = &k.case_types {
                for id in ids {
                    let can_apply = c.applies_to.includes(id)
                        || fw
                            .conditions
                            .iter()
                            .any(|k| k.case_types.contains(id) && k.criteria.contains(&c.id));
                    if fw.case_type(id).is_some() && !can_apply {
                        problem(
                            at.clone(),
                            format!("is key for case type {id:?}, where it does not apply"),
                        );
                    }
                }
            }
        }
        check_citations(&at, &c.citations, &mut problem);
    }

    duplicates(
        "condition",
        fw.conditions.iter().map(|k| k.id.as_str()),
        &mut problem,
    );
    for k in &fw.conditions {
        let at = format!("condition {:?}", k.id);
        if k.question.trim().is_empty() {
            problem(at.clone(), "needs a question".into());
        }
        if k.case_types.is_empty() || k.criteria.is_empty() {
            problem(
                at.clone(),
                "must name case types and the criteria it brings in".into(),
            );
        }
        check_case_types(&at, "is asked for", &k.case_types, fw, &mut problem);
        for id in &k.criteria {
            match fw.criterion(id) {
                None => problem(
                    at.clone(),
                    format!("brings in criterion {id:?}, which the framework does not define"),
                ),
                Some(c) => {
                    for t in k.case_types.iter().filter(|t| c.applies_to.includes(t)) {
                        problem(
                            at.clone(),
                            format!("brings in criterion {id:?} for case type {t:?}, where it applies already"),
                        );
                    }
                }
            }
        }
        check_citations(&at, &k.citations, &mut problem);
    }

    let timeline = &fw.timeline;
    duplicates(
        "timeline event",
        timeline.events.iter().map(|e| e.id.as_str()),
        &mut problem,
    );
    duplicates(
        "timeline interval",
        timeline.intervals.iter().map(|i| i.id.as_str()),
        &mut problem,
    );
    for e in &timeline.events {
        if e.id.trim().is_empty() || e.name.trim().is_empty() {
            problem(
                format!("timeline event {:?}", e.id),
                "needs an id and a name".into(),
            );
        }
    }
    for i in &timeline.intervals {
        let at = format!("timeline interval {:?}", i.id);
        if i.name.trim().is_empty() {
            problem(at.clone(), "needs a name".into());
        }
        for end in [&i.from, &i.to] {
            if timeline.event(end).is_none() {
                problem(
                    at.clone(),
                    format!("runs from or to event {end:?}, which the timeline does not define"),
                );
            }
        }
        if i.from == i.to {
            problem(at.clone(), "runs from an event to itself".into());
        }
        if i.criteria.is_empty() {
            problem(at.clone(), "bears on no criterion".into());
        }
        for id in &i.criteria {
            if fw.criterion(id).is_none() {
                problem(
                    at.clone(),
                    format!("bears on criterion {id:?}, which the framework does not define"),
                );
            }
        }
        match (&i.limit, &i.force_standard) {
            (Some(l), None) => {
                if l.minutes == 0 {
                    problem(at.clone(), "has a limit of 0 minutes".into());
                }
                check_citations(&format!("{at} limit"), &l.citations, &mut problem);
            }
            (None, Some(f)) => {
                if f.suggested_minutes == 0 {
                    problem(at.clone(), "suggests a standard of 0 minutes".into());
                }
                if f.basis.trim().is_empty() {
                    problem(
                        at.clone(),
                        "does not say where its starting value comes from (force_standard.basis)"
                            .into(),
                    );
                }
                if !f.citations.is_empty() {
                    check_citations(&format!("{at} force standard"), &f.citations, &mut problem);
                }
            }
            _ => problem(
                at.clone(),
                "needs exactly one of limit (a figure with its source) and force_standard".into(),
            ),
        }
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

    for area in &fw.leadership {
        let at = format!("management-and-leadership area {:?}", area.id);
        if area.statements.is_empty() {
            problem(at.clone(), "has no statements".into());
        }
        check_citations(&at, &area.citations, &mut problem);
        for st in &area.statements {
            check_citations(
                &format!("statement {:?}", st.id),
                &st.citations,
                &mut problem,
            );
        }
    }

    for f in &fw.follow_up {
        let at = format!("follow-up {:?}", f.id);
        match (f.weeks, f.months) {
            (1..=52, 0) | (0, 1..=24) => {}
            _ => problem(
                at.clone(),
                "needs exactly one of weeks (1 to 52) and months (1 to 24)".into(),
            ),
        }
        check_citations(&at, &f.citations, &mut problem);
    }
    if fw
        .follow_up
        .iter()
        .filter(|f| f.kind == FollowUpKind::ActionPlan)
        .count()
        > 1
    {
        problem(
            "follow_up".into(),
            "has more than one action plan; the plan's due date would be ambiguous".into(),
        );
    }

    for d in &fw.dip_samples {
        let at = format!("dip sample {:?}", d.id);
        if fw.topic(&d.topic).is_none() {
            problem(
                at.clone(),
                format!(
                    "bears on topic {:?}, which the framework does not define",
                    d.topic
                ),
            );
        }
        if !(1..=500).contains(&d.count) {
            problem(
                at.clone(),
                format!("asks for {} records, not 1 to 500", d.count),
            );
        }
        if d.criteria.is_empty() {
            problem(at.clone(), "has no criteria".into());
        }
        check_citations(&at, &d.citations, &mut problem);
        for c in &d.criteria {
            check_citations(
                &format!("dip-sample criterion {:?}", c.id),
                &c.citations,
                &mut problem,
            );
        }
    }

    let r = fw.topic_grading;
    let shares = [
        r.outstanding_at_least,
        r.good_at_least,
        r.adequate_at_least,
        r.inadequate_below,
        r.key_share_requires_improvement,
        r.key_share_inadequate,
    ];
    if shares.iter().any(|x| !(0.0..=1.0).contains(x))
        || r.inadequate_below > r.adequate_at_least
        || r.adequate_at_least > r.good_at_least
        || r.good_at_least > r.outstanding_at_least
        || r.key_share_requires_improvement > r.key_share_inadequate
    {
        problem(
            "topic_grading".into(),
            "thresholds must be shares from 0 to 1, inadequate_below ≤ adequate_at_least ≤ good_at_least ≤ outstanding_at_least and key_share_requires_improvement ≤ key_share_inadequate".into(),
        );
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

/// Each case type named exists, and none is named twice.
fn check_case_types(
    at: &str,
    what: &str,
    ids: &[String],
    fw: &Framework,
    problem: &mut dyn FnMut(String, String),
) {
    let mut seen = HashSet::new();
    for id in ids {
        if fw.case_type(id).is_none() {
            problem(
                at.to_owned(),
                format!("{what} case type {id:?}, which the framework does not define"),
            );
        }
        if !seen.insert(id) {
            problem(at.to_owned(), format!("lists case type {id:?} twice"));
        }
    }
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
