//! Checking an assessment against its framework and the format's limits.

use super::*;

/// Checks an assessment against its framework and the format's limits:
/// known ids, no duplicates, sensible dates and sizes. Returns every problem
/// (up to a hundred), each with its path.
pub fn validate(a: &Assessment, fw: &Framework) -> Vec<Problem> {
    validate_with(a, fw, Blanks::Refuse, true)
}

/// `key_notes`: a case marked complete must have its notes on key
/// criteria (format 4 and later).
pub(super) fn validate_with(
    a: &Assessment,
    fw: &Framework,
    blanks: Blanks,
    key_notes: bool,
) -> Vec<Problem> {
    let mut out = Problems::default();
    let base = "$.assessment";
    out.required_short(&format!("{base}.id"), &a.id);
    out.required_short(&format!("{base}.force"), &a.force);
    if a.period.start > a.period.end {
        out.push(
            format!("{base}.period"),
            format!(
                "the period ends ({}) before it starts ({})",
                a.period.end, a.period.start
            ),
        );
    }
    for (i, name) in a.assessors.iter().enumerate() {
        out.short(&format!("{base}.assessors[{i}]"), name);
    }
    out.short(&format!("{base}.copy_id"), &a.copy_id);

    let mut planned = HashSet::new();
    for (i, p) in a.sample_plan.iter().enumerate() {
        let at = format!("{base}.sample_plan[{i}]");
        if fw.case_type(&p.case_type).is_none() {
            out.push(
                format!("{at}.case_type"),
                format!("case type {:?} is not in framework {}", p.case_type, fw.id),
            );
        }
        if !planned.insert(p.case_type.as_str()) {
            out.push(
                format!("{at}.case_type"),
                format!("case type {:?} is planned more than once", p.case_type),
            );
        }
        if p.planned > MAX_DEFAULT_COUNT {
            out.push(
                format!("{at}.planned"),
                format!(
                    "{} cases is more than the {MAX_DEFAULT_COUNT} a plan may ask for",
                    p.planned
                ),
            );
        }
    }

    if a.cases.len() > MAX_CASES {
        out.push(
            format!("{base}.cases"),
            format!(
                "{} cases is more than the {MAX_CASES} one assessment may hold",
                a.cases.len()
            ),
        );
    }
    validate_team(&mut out, a);
    // An auditor's pack holds only the cases allocated to them.
    let pack_auditor = a.pack.as_ref().filter(|p| {
        a.team
            .iter()
            .any(|m| m.id == p.member && m.role == Role::Auditor)
    });
    let mut case_ids = HashSet::new();
    for (i, case) in a.cases.iter().enumerate() {
        if let Some(p) = pack_auditor {
            if case.allocated_to.as_deref() != Some(p.member.as_str()) {
                out.push(
                    format!("{base}.cases[{i}].allocated_to"),
                    format!(
                        "the case is in the work pack for {:?} but is not allocated to them",
                        p.member
                    ),
                );
            }
        }
        if let Some(member) = &case.allocated_to {
            if !a
                .team
                .iter()
                .any(|m| m.id == *member && m.role == Role::Auditor)
            {
                out.push(
                    format!("{base}.cases[{i}].allocated_to"),
                    format!(
                        "the case is allocated to {member:?}, who is not an auditor in the team"
                    ),
                );
            }
        }
        validate_case(
            &mut out,
            &format!("{base}.cases[{i}]"),
            case,
            fw,
            blanks,
            key_notes,
        );
        if !case_ids.insert(case.id.as_str()) {
            out.push(
                format!("{base}.cases[{i}].id"),
                format!("case id {:?} is used by more than one case", case.id),
            );
        }
        if out.full() {
            break;
        }
    }

    let mut topics = HashSet::new();
    for (i, j) in a.topic_judgments.iter().enumerate() {
        let at = format!("{base}.topic_judgments[{i}]");
        if fw.topic(&j.topic).is_none() {
            out.push(
                format!("{at}.topic"),
                format!("topic {:?} is not in framework {}", j.topic, fw.id),
            );
        }
        if !topics.insert(j.topic.as_str()) {
            out.push(
                format!("{at}.topic"),
                format!("topic {:?} is judged more than once", j.topic),
            );
        }
        out.long(&format!("{at}.reasoning"), &j.reasoning);
        for (k, t) in j.areas_for_improvement.iter().enumerate() {
            out.long(&format!("{at}.areas_for_improvement[{k}]"), t);
        }
        for (k, t) in j.promising_practice.iter().enumerate() {
            out.long(&format!("{at}.promising_practice[{k}]"), t);
        }
    }

    let mut action_ids = HashSet::new();
    for (i, action) in a.actions.iter().enumerate() {
        let at = format!("{base}.actions[{i}]");
        out.required_short(&format!("{at}.id"), &action.id);
        if !action_ids.insert(action.id.as_str()) {
            out.push(
                format!("{at}.id"),
                format!("action id {:?} is used by more than one action", action.id),
            );
        }
        if action.text.trim().is_empty() {
            out.push(format!("{at}.text"), "an action needs a description");
        }
        out.long(&format!("{at}.text"), &action.text);
        out.short(&format!("{at}.owner"), &action.owner);
        out.long(&format!("{at}.evidence"), &action.evidence);
        for (k, c) in action.criteria.iter().enumerate() {
            if fw.criterion(c).is_none() {
                out.push(
                    format!("{at}.criteria[{k}]"),
                    format!("criterion {c:?} is not in framework {}", fw.id),
                );
            }
        }
        for (k, t) in action.topics.iter().enumerate() {
            if fw.topic(t).is_none() {
                out.push(
                    format!("{at}.topics[{k}]"),
                    format!("topic {t:?} is not in framework {}", fw.id),
                );
            }
        }
        for (k, r) in action.recommendations.iter().enumerate() {
            if !a.recommendations.iter().any(|x| x.id == *r) {
                out.push(
                    format!("{at}.recommendations[{k}]"),
                    format!("recommendation {r:?} is not in the assessment"),
                );
            }
        }
        for (k, st) in action.statements.iter().enumerate() {
            if fw.statement(st).is_none() {
                out.push(
                    format!("{at}.statements[{k}]"),
                    format!("statement {st:?} is not in framework {}", fw.id),
                );
            }
        }
    }

    for (id, answer) in &a.statements {
        let at = format!("{base}.statements.{id}");
        if fw.statement(id).is_none() {
            out.push(
                at.clone(),
                format!("statement {id:?} is not in framework {}", fw.id),
            );
        }
        out.long(&format!("{at}.note"), &answer.note);
        for (k, e) in answer.evidence.iter().enumerate() {
            if e.what.trim().is_empty() {
                out.push(
                    format!("{at}.evidence[{k}].what"),
                    "an item of evidence needs to say what it is",
                );
            }
            out.long(&format!("{at}.evidence[{k}].what"), &e.what);
            out.short(&format!("{at}.evidence[{k}].holder"), &e.holder);
        }
    }

    let mut recommendation_ids = HashSet::new();
    for (i, r) in a.recommendations.iter().enumerate() {
        let at = format!("{base}.recommendations[{i}]");
        out.required_short(&format!("{at}.id"), &r.id);
        if !recommendation_ids.insert(r.id.as_str()) {
            out.push(
                format!("{at}.id"),
                format!("recommendation id {:?} is used more than once", r.id),
            );
        }
        if r.text.trim().is_empty() {
            out.push(format!("{at}.text"), "a recommendation needs its text");
        }
        out.long(&format!("{at}.text"), &r.text);
        for (k, p) in r.sub_points.iter().enumerate() {
            out.long(&format!("{at}.sub_points[{k}]"), p);
        }
        for (k, t) in r.topics.iter().enumerate() {
            if fw.topic(t).is_none() {
                out.push(
                    format!("{at}.topics[{k}]"),
                    format!("topic {t:?} is not in framework {}", fw.id),
                );
            }
        }
        for (k, st) in r.stages.iter().enumerate() {
            if fw.stage(st).is_none() {
                out.push(
                    format!("{at}.stages[{k}]"),
                    format!("stage {st:?} is not in framework {}", fw.id),
                );
            }
        }
    }

    let mut record_ids = HashSet::new();
    for (i, r) in a.dip_records.iter().enumerate() {
        let at = format!("{base}.dip_records[{i}]");
        out.required_short(&format!("{at}.id"), &r.id);
        out.required_short(&format!("{at}.reference"), &r.reference);
        out.long(&format!("{at}.note"), &r.note);
        if !record_ids.insert(r.id.as_str()) {
            out.push(
                format!("{at}.id"),
                format!("dip record id {:?} is used more than once", r.id),
            );
        }
        match fw.dip_sample(&r.sample) {
            None => out.push(
                format!("{at}.sample"),
                format!("dip sample {:?} is not in framework {}", r.sample, fw.id),
            ),
            Some(sample) => {
                for (c, value) in &r.answers {
                    if !sample.criteria.iter().any(|x| x.id == *c) {
                        out.push(
                            format!("{at}.answers.{c}"),
                            format!("{c:?} is not a criterion of dip sample {:?}", r.sample),
                        );
                    } else if !crate::domain::dip::is_answer(*value) {
                        out.push(
                            format!("{at}.answers.{c}"),
                            format!(
                                "a dip sample's question is answered met (yes), not-met (no) or not-applicable, not {:?}",
                                value.id()
                            ),
                        );
                    }
                }
                // Every question answered, as the app's form asks: a record
                // counts as checked for each of them.
                if let Some(q) = sample
                    .criteria
                    .iter()
                    .find(|q| !r.answers.contains_key(&q.id))
                {
                    out.push(
                        format!("{at}.answers"),
                        format!(
                            "question {:?} of dip sample {:?} is not answered",
                            q.id, r.sample
                        ),
                    );
                }
            }
        }
    }

    let mut intervals = HashSet::new();
    for (i, s) in a.service_standards.iter().enumerate() {
        let at = format!("{base}.service_standards[{i}]");
        match fw.timeline.interval(&s.interval) {
            None => out.push(
                format!("{at}.interval"),
                format!("interval {:?} is not in the timeline of framework {}", s.interval, fw.id),
            ),
            Some(i) if i.force_standard.is_none() => out.push(
                format!("{at}.interval"),
                format!("the limit for interval {:?} comes from the reports or the law; a force sets no standard for it", s.interval),
            ),
            Some(_) if !intervals.insert(s.interval.as_str()) => out.push(
                format!("{at}.interval"),
                format!("interval {:?} has more than one standard", s.interval),
            ),
            Some(_) => {}
        }
        if !(1..=MAX_STANDARD_MINUTES).contains(&s.minutes) {
            out.push(
                format!("{at}.minutes"),
                format!(
                    "{} minutes is not from 1 minute to a year ({MAX_STANDARD_MINUTES})",
                    s.minutes
                ),
            );
        }
    }
    if let Some(p) = &a.provenance {
        out.long(&format!("{base}.provenance.note"), &p.note);
    }

    let share = a.action_plan.not_met_percent;
    if !(1..=100).contains(&share) {
        out.push(
            format!("{base}.action_plan.not_met_percent"),
            format!("{share} is not a percentage from 1 to 100"),
        );
    }
    if let Some(b) = &a.baseline {
        validate_baseline(&mut out, &format!("{base}.baseline"), b);
    }
    out.0
}

/// A baseline's figures are counts from one assessment: no more cases than
/// one may hold, and at most a thousand answers a case.
pub(super) fn validate_baseline(out: &mut Problems, at: &str, b: &Baseline) {
    let max_cases = MAX_CASES as u64;
    let max_answers = max_cases * 1000;
    out.required_short(&format!("{at}.force"), &b.force);
    if b.period.start > b.period.end {
        out.push(
            format!("{at}.period"),
            format!(
                "the period ends ({}) before it starts ({})",
                b.period.end, b.period.start
            ),
        );
    }
    let mut ids = HashSet::new();
    let mut cases = 0u64;
    for (i, t) in b.by_case_type.iter().enumerate() {
        let path = format!("{at}.by_case_type[{i}]");
        out.short(&format!("{path}.case_type"), &t.case_type);
        if !ids.insert(t.case_type.as_str()) {
            out.push(
                format!("{path}.case_type"),
                format!("case type {:?} appears more than once", t.case_type),
            );
        }
        let g = t.grades();
        cases += u64::from(g.good) + u64::from(g.requires_improvement) + u64::from(g.inadequate);
    }
    if cases > max_cases {
        out.push(
            format!("{at}.by_case_type"),
            format!("{cases} graded cases is more than the {MAX_CASES} one assessment may hold"),
        );
    }
    let mut ids = HashSet::new();
    for (i, t) in b.by_stage.iter().enumerate() {
        let path = format!("{at}.by_stage[{i}]");
        out.short(&format!("{path}.stage"), &t.stage);
        if !ids.insert(t.stage.as_str()) {
            out.push(
                format!("{path}.stage"),
                format!("stage {:?} appears more than once", t.stage),
            );
        }
        let answers = u64::from(t.met) + u64::from(t.partly_met) + u64::from(t.not_met);
        if answers > max_answers {
            out.push(
                path,
                format!("{answers} answers is more than one assessment can hold ({max_answers})"),
            );
        }
    }
    let mut ids = HashSet::new();
    for (i, t) in b.topics.iter().enumerate() {
        out.short(&format!("{at}.topics[{i}].topic"), &t.topic);
        if !ids.insert(t.topic.as_str()) {
            out.push(
                format!("{at}.topics[{i}].topic"),
                format!("topic {:?} appears more than once", t.topic),
            );
        }
    }
}

/// The team: each member named once, and a work pack for one of them.
pub(super) fn validate_team(out: &mut Problems, a: &Assessment) {
    let base = "$.assessment";
    let mut ids = HashSet::new();
    let mut names = HashSet::new();
    for (i, m) in a.team.iter().enumerate() {
        let at = format!("{base}.team[{i}]");
        out.required_short(&format!("{at}.id"), &m.id);
        out.required_short(&format!("{at}.name"), &m.name);
        if !ids.insert(m.id.as_str()) {
            out.push(
                format!("{at}.id"),
                format!("member id {:?} is used by more than one member", m.id),
            );
        }
        if !names.insert(m.name.trim().to_lowercase()) {
            out.push(
                format!("{at}.name"),
                format!("{:?} is in the team more than once", m.name),
            );
        }
    }
    if let Some(p) = &a.pack {
        out.short(&format!("{base}.pack.member"), &p.member);
        if !a.team.iter().any(|m| m.id == p.member) {
            out.push(
                format!("{base}.pack.member"),
                format!(
                    "the work pack is for {:?}, who is not in the team",
                    p.member
                ),
            );
        }
    }
    let present: HashSet<&str> = a.cases.iter().map(|c| c.id.as_str()).collect();
    let mut deleted = HashSet::new();
    for (i, d) in a.deleted.iter().enumerate() {
        let at = format!("{base}.deleted[{i}]");
        out.required_short(&format!("{at}.case"), &d.case);
        if present.contains(d.case.as_str()) {
            out.push(
                format!("{at}.case"),
                format!("case {:?} is both deleted and in the assessment", d.case),
            );
        }
        // One entry a case: merging reads the first, and would take a later
        // one's deletion for one it never saw.
        if !deleted.insert(d.case.as_str()) {
            out.push(
                format!("{at}.case"),
                format!("case {:?} is deleted more than once", d.case),
            );
        }
        out.versions(&format!("{at}.versions"), &d.versions);
    }
}

pub(super) fn validate_case(
    out: &mut Problems,
    at: &str,
    case: &Case,
    fw: &Framework,
    blanks: Blanks,
    key_notes: bool,
) {
    let required = |out: &mut Problems, path: String, text: &str, max: usize| {
        if blanks == Blanks::Refuse && text.trim().is_empty() {
            out.push(path.clone(), "must not be empty");
        }
        out.limit(&path, text, max);
    };
    out.required_short(&format!("{at}.id"), &case.id);
    // A case the lead has only planned and allocated has no reference
    // until its auditor gives one; once audited, it must have one.
    if case.answers.is_empty() && case.force_grade.is_none() && case.refer_back.is_none() {
        out.short(&format!("{at}.reference"), &case.reference);
    } else {
        required(
            out,
            format!("{at}.reference"),
            &case.reference,
            MAX_SHORT_TEXT,
        );
    }
    out.short(&format!("{at}.auditor"), &case.auditor);
    let known_type = fw.case_type(&case.case_type).is_some();
    if !known_type {
        out.push(
            format!("{at}.case_type"),
            format!(
                "case type {:?} is not in framework {}",
                case.case_type, fw.id
            ),
        );
    }
    if let (Some(reported), Some(audited)) = (case.dates.reported, case.dates.audited) {
        if audited < reported {
            out.push(
                format!("{at}.dates"),
                format!("the case was audited ({audited}) before it was reported ({reported})"),
            );
        }
    }
    let mut conditions = HashSet::new();
    for (k, id) in case.conditions.iter().enumerate() {
        let path = format!("{at}.conditions[{k}]");
        match fw.condition(id) {
            None => out.push(
                path,
                format!("condition {id:?} is not in framework {}", fw.id),
            ),
            Some(c) if known_type && !c.case_types.contains(&case.case_type) => out.push(
                path,
                format!(
                    "condition {id:?} is not asked for case type {:?}",
                    case.case_type
                ),
            ),
            Some(_) if !conditions.insert(id) => {
                out.push(path, format!("condition {id:?} is listed more than once"))
            }
            Some(_) => {}
        }
    }
    let mut unanswered = HashSet::new();
    for (k, id) in case.conditions_unanswered.iter().enumerate() {
        let path = format!("{at}.conditions_unanswered[{k}]");
        if !case.conditions.contains(id) {
            out.push(
                path,
                format!("condition {id:?} is not answered, so its criteria apply: list it in conditions too"),
            );
        } else if !unanswered.insert(id) {
            out.push(path, format!("condition {id:?} is listed more than once"));
        }
    }
    let mut events = HashSet::new();
    for (k, entry) in case.timeline.iter().enumerate() {
        let path = format!("{at}.timeline[{k}].event");
        if fw.timeline.event(&entry.event).is_none() {
            out.push(
                path,
                format!(
                    "event {:?} is not in the timeline of framework {}",
                    entry.event, fw.id
                ),
            );
        } else if !events.insert(entry.event.as_str()) {
            out.push(
                path,
                format!("event {:?} is given more than once", entry.event),
            );
        }
    }
    for (criterion, answer) in &case.answers {
        let path = format!("{at}.answers");
        match fw.criterion(criterion) {
            None => out.push(
                path,
                format!("criterion {criterion:?} is not in framework {}", fw.id),
            ),
            Some(c) if known_type && !case.applies(fw, c) => out.push(
                path,
                format!(
                    "criterion {criterion:?} does not apply to case type {:?}{}",
                    case.case_type,
                    match fw
                        .conditions_for(&case.case_type)
                        .find(|k| k.criteria.contains(criterion))
                    {
                        Some(k) => format!(" unless the case lists condition {:?}", k.id),
                        None => String::new(),
                    }
                ),
            ),
            Some(_) => {
                let at = format!("{path} (criterion {criterion:?})");
                out.long(&format!("{at}.note"), &answer.note);
                for (i, reading) in answer.stands_against.iter().enumerate() {
                    out.short(&format!("{at}.stands_against[{i}]"), reading);
                }
            }
        }
    }
    out.versions(&format!("{at}.versions"), &case.versions);
    out.versions(&format!("{at}.review_versions"), &case.review_versions);
    if key_notes && case.completed && known_type {
        let missing = completeness(fw, &[], case).missing_key_notes;
        if !missing.is_empty() {
            out.push(
                format!("{at}.completed"),
                format!(
                    "the case is marked complete, but key {} {} answered met or not applicable with no note saying what in the file shows it or why it does not apply",
                    if missing.len() == 1 { "criterion" } else { "criteria" },
                    list_and(&missing)
                ),
            );
        }
    }
    if let Some(d) = &case.force_grade {
        out.long(&format!("{at}.force_grade.reason"), &d.reason);
    }
    if let Some(r) = &case.reviewer_grade {
        out.short(&format!("{at}.reviewer_grade.reviewer"), &r.reviewer);
        out.long(&format!("{at}.reviewer_grade.note"), &r.note);
    }
    if let Some(r) = &case.refer_back {
        required(
            out,
            format!("{at}.refer_back.reason"),
            &r.reason,
            MAX_LONG_TEXT,
        );
        required(
            out,
            format!("{at}.refer_back.owner"),
            &r.owner,
            MAX_SHORT_TEXT,
        );
        if let Some(c) = &r.closure {
            out.long(&format!("{at}.refer_back.closure.note"), &c.note);
            if r.raised.is_some_and(|raised| c.on < raised) {
                out.push(
                    format!("{at}.refer_back.closure.on"),
                    "the refer-back is closed before it was raised",
                );
            }
        }
    }
}

#[derive(Default)]
pub(super) struct Problems(Vec<Problem>);

impl Problems {
    fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.add(Problem::at_path(path, message));
    }

    fn add(&mut self, problem: Problem) {
        if self.0.len() < MAX_PROBLEMS {
            self.0.push(problem);
        }
    }

    fn full(&self) -> bool {
        self.0.len() >= MAX_PROBLEMS
    }

    fn required_short(&mut self, path: &str, text: &str) {
        if text.trim().is_empty() {
            self.push(path, "must not be empty");
        }
        self.short(path, text);
    }

    fn short(&mut self, path: &str, text: &str) {
        self.limit(path, text, MAX_SHORT_TEXT);
    }

    fn long(&mut self, path: &str, text: &str) {
        self.limit(path, text, MAX_LONG_TEXT);
    }

    fn limit(&mut self, path: &str, text: &str, max: usize) {
        if let Some(p) = too_long(path, text, max) {
            self.add(p);
        }
    }

    /// Whose changes each count is of (`lead`, or a member's id): an id
    /// like any other.
    fn versions(&mut self, path: &str, versions: &crate::domain::assessment::Versions) {
        for who in versions.keys() {
            self.short(&format!("{path} (a key)"), who);
        }
    }
}

/// A problem at `path` when `text` is longer than `max` characters.
pub(super) fn too_long(path: &str, text: &str, max: usize) -> Option<Problem> {
    // Cheap test first: a string of at most `max` bytes has at most `max` characters.
    if text.len() <= max {
        return None;
    }
    let chars = text.chars().count();
    (chars > max).then(|| {
        Problem::at_path(
            path,
            format!("is {chars} characters long; the most allowed is {max}"),
        )
    })
}
