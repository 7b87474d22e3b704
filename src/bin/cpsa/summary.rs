//! `summary`: the results as tables for people, or as one JSON object.

use cpsa::domain::assessment::{Assessment, ConstructedFigure};
use cpsa::domain::date::Date;
use cpsa::domain::framework::Framework;
use cpsa::domain::grade::{drift_words, percent, two_places, CaseGrade};
use cpsa::domain::results::{answers_contradicted, cross_row, same_grade, GradeCounts, Results};
use cpsa::domain::scale::TopicGrade;
use cpsa::domain::{dip, follow_up, statements, topics};

use crate::run::{fail, Failure, IO};
use crate::text::{out_table, shown, truncate};

pub(crate) fn summary_json(
    fw: &Framework,
    a: &Assessment,
    r: &Results,
    today: Option<Date>,
) -> Result<String, Failure> {
    let value = serde_json::json!({
        "force": a.force,
        "framework": { "id": fw.id, "version": fw.version, "title": fw.title },
        "period": a.period,
        "grades": r.basis,
        "by_case_type": r.by_case_type,
        "combined": r.combined,
        "overall": r.overall,
        "calibration": r.calibration,
        "overrides": r.overrides,
        "by_stage": r.by_stage,
        "most_not_met": r.most_not_met(10),
        "open_refer_backs": r.open_refer_backs,
        "refer_backs": r.refer_backs,
        "contradictions": r.rigour.contradictions,
        "awaiting_reasons": r.rigour.awaiting_reasons,
        "suggestion_vs_reviewer": r.rigour.suggestion_vs_reviewer,
        "constructed": a.provenance.as_ref().map(|p| &p.constructed),
        "force_level": force_level(fw, a, r),
        "topic_overrides": topics::overrides(a),
        "follow_up": follow_up::summary(fw, a, today),
        "dip_samples": dip::summary(fw, a),
    });
    serde_json::to_string_pretty(&value)
        .map(|s| s + "\n")
        .map_err(|e| fail(IO, format!("the summary could not be written: {e}")))
}

/// Each group of force-level statements with its answers counted, and
/// for a topic the rule's suggestion and the force's grade.
pub(crate) fn force_level(fw: &Framework, a: &Assessment, r: &Results) -> serde_json::Value {
    let groups: Vec<serde_json::Value> = fw
        .statement_groups()
        .iter()
        .map(|g| {
            let mut v = serde_json::json!({
                "id": g.id,
                "name": g.name,
                "statements": statements::counts(a, g),
            });
            if let Some(t) = fw.topic(g.id) {
                let e = topics::evidence(fw, a, r, t);
                let s = topics::suggest(fw, a, &e, t);
                if let Some(o) = v.as_object_mut() {
                    o.insert("suggested".into(), serde_json::json!(s.grade));
                    o.insert("reasons".into(), serde_json::json!(s.reasons));
                    let grade = topics::judgment(a, g.id).and_then(|j| j.grade);
                    o.insert("grade".into(), serde_json::json!(grade));
                    // The grade was weighed against another suggestion:
                    // to be judged again (the app flags it too).
                    let changed = topics::suggestion_changed(fw, a, &e, t)
                        .map(|c| serde_json::json!({ "was": c.was, "now": c.now }));
                    o.insert("suggestion_changed".into(), serde_json::json!(changed));
                }
            }
            v
        })
        .collect();
    serde_json::json!({
        "groups": groups,
        "to_do": statements::to_do(fw, a, false),
    })
}

pub(crate) fn summary_text(
    fw: &Framework,
    a: &Assessment,
    r: &Results,
    today: Option<Date>,
) -> String {
    let mut out = String::new();
    // Every line once, each as one line: file text in it shown.
    let mut line = |s: String| {
        out.push_str(&shown(&s));
        out.push('\n');
    };
    line(format!("{} — {}", a.force, fw.title));
    line(format!(
        "Framework {}; period {} to {}; {} cases",
        fw.reference(),
        a.period.start,
        a.period.end,
        r.overall.cases
    ));
    if let Some(p) = &a.provenance {
        line(format!(
            "Figures marked [constructed] rest on case-level data made up to match published totals, not on records. {}",
            p.note
        ));
    }
    // " [constructed]" after a figure the file says rests on constructed data.
    let mark = |figure: ConstructedFigure| {
        if a.provenance
            .as_ref()
            .is_some_and(|p| p.constructed.contains(&figure))
        {
            " [constructed]"
        } else {
            ""
        }
    };
    line(String::new());

    line(format!(
        "Refer-backs: {} in all, {} open{}",
        r.refer_backs,
        r.open_refer_backs.len(),
        if r.refer_backs > 0 {
            mark(ConstructedFigure::ReferBackCases)
        } else {
            ""
        }
    ));
    if !r.open_refer_backs.is_empty() {
        for rb in &r.open_refer_backs {
            line(format!(
                "  {} ({}, {}): {} — owner {}{}",
                rb.reference,
                rb.case,
                rb.case_type,
                rb.reason,
                rb.owner,
                rb.deadline.map(|d| format!(", by {d}")).unwrap_or_default()
            ));
        }
    }
    line(String::new());

    line(format!("Grades by case type ({})", r.basis.describe()));
    let header = [
        "Case type",
        "Good",
        "Requires improvement",
        "Inadequate",
        "Total",
    ];
    let mut rows: Vec<Vec<String>> = r
        .by_case_type
        .iter()
        .map(|t| counts_row(&t.name, &t.counts))
        .collect();
    for row in &r.combined {
        rows.push(counts_row(&format!("{} (together)", row.name), &row.counts));
    }
    rows.push(counts_row("Overall", &r.overall.counts));
    out_table(&mut line, &header, &rows);
    if r.overall.ungraded > 0 {
        line(format!("{} case(s) have no grade yet.", r.overall.ungraded));
    }
    line(String::new());

    let cal = &r.calibration;
    line(format!(
        "Cases graded by both the force and the reviewer (n = {})",
        cal.n
    ));
    let header = ["", "Good", "Requires improvement", "Inadequate", "Total"];
    out_table(
        &mut line,
        &header,
        &[
            counts_row("Force", &cal.force),
            counts_row("Reviewer", &cal.reviewer),
        ],
    );
    line(String::new());
    line(format!(
        "Cases graded only by the reviewer ({})",
        cal.reviewer_only.total()
    ));
    out_table(
        &mut line,
        &header,
        &[counts_row("Reviewer", &cal.reviewer_only)],
    );
    if cal.force_only.total() > 0 {
        line(String::new());
        line(format!(
            "Cases graded only by the force ({})",
            cal.force_only.total()
        ));
        out_table(&mut line, &header, &[counts_row("Force", &cal.force_only)]);
    }
    line(String::new());
    line(format!(
        "Case by case (rows: the force's grade; columns: the reviewer's){}",
        mark(ConstructedFigure::CrossTable)
    ));
    let cross_rows: Vec<Vec<String>> = CaseGrade::ALL
        .iter()
        .map(|g| {
            let mut row = vec![g.label().to_owned()];
            row.extend(cross_row(&cal.cross, g.rank()).iter().map(u32::to_string));
            row
        })
        .collect();
    out_table(
        &mut line,
        &[
            "Force \\ Reviewer",
            "Good",
            "Requires improvement",
            "Inadequate",
        ],
        &cross_rows,
    );
    let same = same_grade(&cal.cross);
    match (cal.exact_agreement, cal.weighted_kappa) {
        (Some(agree), kappa) => line(format!(
            "Exact agreement: {same} of {} ({}){}. Linear-weighted kappa: {} (n = {}){}.",
            cal.n,
            percent(agree),
            mark(ConstructedFigure::ExactAgreement),
            kappa.map_or("not defined".to_owned(), two_places),
            cal.n,
            mark(ConstructedFigure::WeightedKappa)
        )),
        (None, _) if !cal.after_review.is_empty() => line(
            "Agreement: no case has both a reviewer's grade and a force grade from before it (the force graded the cases below only after the reviewer's came in)."
                .into(),
        ),
        (None, _) => line("Agreement: no case has both a force and a reviewer grade.".into()),
    }
    if let Some(d) = cal.drift {
        line(format!(
            "Drift: on average the force graded {}.",
            drift_words(d)
        ));
    }
    let two_apart: Vec<&str> = cal
        .disagreements
        .iter()
        .filter(|d| d.apart == 2)
        .map(|d| d.label.as_str())
        .collect();
    if !two_apart.is_empty() {
        line(format!(
            "Two grades apart{}: {}",
            mark(ConstructedFigure::Disagreements),
            two_apart.join(", ")
        ));
    }
    for t in &cal.by_case_type {
        line(format!(
            "{}: {} of {} graded the same, {} kinder, {} harsher by the force (drift {}){}.",
            t.name,
            t.same,
            t.n,
            t.kinder,
            t.harsher,
            signed(t.drift),
            mark(ConstructedFigure::DriftByCaseType)
        ));
    }
    if let Some(words) = cal.after_review_words() {
        line(words);
        for x in &cal.after_review {
            line(format!("  {}", x.describe()));
        }
    }
    line(String::new());

    let force_graded = a.cases.iter().filter(|c| c.force_grade.is_some()).count();
    line(format!(
        "Suggested grades: {}",
        r.overrides.words(force_graded)
    ));
    line(String::new());

    if let Some(words) = cal.no_auditor_named() {
        line(format!("Calibration by auditor: {words}"));
        line(String::new());
    } else if !cal.by_auditor.is_empty() {
        line(format!(
            "Calibration by auditor, kindest first{}",
            mark(ConstructedFigure::DriftByAuditor)
        ));
        let rows: Vec<Vec<String>> = cal
            .by_auditor
            .iter()
            .map(|x| {
                vec![
                    if x.auditor.is_empty() {
                        "(not recorded)".to_owned()
                    } else {
                        truncate(&x.auditor, 30)
                    },
                    x.cases.to_string(),
                    x.n.to_string(),
                    x.exact_agreement.map(percent).unwrap_or_else(|| "–".into()),
                    x.drift.map(signed).unwrap_or_else(|| "–".into()),
                    format!(
                        "{} / {} / {}",
                        x.overrides.confirmed, x.overrides.kinder, x.overrides.harsher
                    ),
                    match x.share_key_met_without_evidence {
                        Some(s) => format!(
                            "{} of {} ({})",
                            x.key_met_without_evidence,
                            x.key_met,
                            percent(s)
                        ),
                        None => "–".into(),
                    },
                ]
            })
            .collect();
        out_table(
            &mut line,
            &[
                "Auditor",
                "Cases",
                "Graded by both",
                "Agreement",
                "Drift",
                "Suggestion confirmed / kinder / harsher",
                "Key met without evidence",
            ],
            &rows,
        );
        line(String::new());
    }

    let agree = &r.rigour.suggestion_vs_reviewer;
    if let Some(share) = agree.agreement {
        line(format!(
            "The suggested grade against the reviewer's (n = {}): the same in {} ({}); the suggestion kinder in {}, harsher in {}.{}{}",
            agree.n,
            agree.same,
            percent(share),
            agree.suggestion_kinder,
            agree.suggestion_harsher,
            agree.partial_words().map(|w| format!(" {w}")).unwrap_or_default(),
            mark(ConstructedFigure::SuggestionVsReviewer)
        ));
        let rows: Vec<Vec<String>> = CaseGrade::ALL
            .iter()
            .map(|g| {
                let mut row = vec![g.label().to_owned()];
                row.extend(cross_row(&agree.cross, g.rank()).iter().map(u32::to_string));
                row
            })
            .collect();
        out_table(
            &mut line,
            &[
                "Suggested \\ Reviewer",
                "Good",
                "Requires improvement",
                "Inadequate",
            ],
            &rows,
        );
        line(String::new());
    }

    let contradictions = &r.rigour.contradictions;
    if !contradictions.is_empty() {
        line(format!(
            "Answers the timeline contradicts: {}",
            answers_contradicted(contradictions).0
        ));
        for c in contradictions {
            line(format!(
                "  {} ({}), {}: {} {}",
                c.label,
                c.case,
                c.criterion,
                c.challenge,
                if c.explained {
                    "A note says why it stands."
                } else {
                    "No note says why."
                }
            ));
        }
        line(String::new());
    }
    let awaiting = &r.rigour.awaiting_reasons;
    if !awaiting.is_empty() {
        // What the rule suggests for them as they stand: how many a
        // kind audit would still carry to good once the reasons exist.
        let by = |g: CaseGrade| awaiting.iter().filter(|w| w.suggested == Some(g)).count();
        line(format!(
            "Cases that cannot be completed until reasons are written: {} (suggested good {}, requires improvement {}, inadequate {})",
            awaiting.len(),
            by(CaseGrade::Good),
            by(CaseGrade::RequiresImprovement),
            by(CaseGrade::Inadequate)
        ));
        for w in awaiting {
            let mut asked = Vec::new();
            if !w.notes.is_empty() {
                asked.push(format!(
                    "{} not met or partly met with no evidence",
                    w.notes.join(", ")
                ));
            }
            if !w.key_notes.is_empty() {
                asked.push(format!(
                    "key {} met or not applicable with no note",
                    w.key_notes.join(", ")
                ));
            }
            if !w.challenges.is_empty() {
                asked.push(format!(
                    "{} challenged by the timeline with no note",
                    w.challenges.join(", ")
                ));
            }
            line(format!(
                "  {} ({}), suggested {}: {}.",
                w.label,
                w.case,
                w.suggested
                    .map_or("nothing yet".to_owned(), |g| g.label().to_ascii_lowercase()),
                asked.join("; ")
            ));
        }
        line(String::new());
    }

    let f = follow_up::summary(fw, a, today);
    if !f.is_empty() {
        line(match f.published {
            Some(p) => format!("Follow-up of the report published {}", p.long()),
            None => "Follow-up: the report's date is not entered yet".into(),
        });
        for x in &f.follow_ups {
            line(format!(
                "  {}: due {}{}; {} of {} recommendations still need it{}",
                x.name,
                x.due.map_or("once the date is entered".into(), Date::long),
                if x.overdue { " (overdue)" } else { "" },
                x.outstanding.len(),
                x.covers.len(),
                if x.outstanding.is_empty() {
                    String::new()
                } else {
                    format!(": {}", x.outstanding.join(", "))
                }
            ));
        }
        for d in &f.by_deadline {
            line(format!(
                "  {}: {} recommendation{}{}",
                d.deadline.map_or("No deadline", |t| t.label()),
                d.count,
                if d.count == 1 { "" } else { "s" },
                d.due
                    .map(|d| format!(", by {}", d.long()))
                    .unwrap_or_default()
            ));
        }
        line(String::new());
    }

    // Unanswered criteria count in each stage's total: only answers given
    // (met, partly, not met or not applicable) are recorded.
    let answered: u32 = r
        .by_stage
        .iter()
        .map(|s| s.answers.scored() + s.answers.not_applicable)
        .sum();
    if answered == 0 {
        line("Criteria: no answers recorded.".into());
        line(String::new());
    } else {
        line("Criteria met by stage".into());
        let stage_rows: Vec<Vec<String>> = r
            .by_stage
            .iter()
            .map(|s| {
                vec![
                    s.name.clone(),
                    s.answers.met.to_string(),
                    s.answers.partly_met.to_string(),
                    s.answers.not_met.to_string(),
                    s.share_met.map(percent).unwrap_or_else(|| "–".into()),
                ]
            })
            .collect();
        out_table(
            &mut line,
            &["Stage", "Met", "Partly met", "Not met", "Met share"],
            &stage_rows,
        );
        line(String::new());
    }

    let moved: Vec<String> = fw
        .topics
        .iter()
        .filter_map(|t| {
            let c = topics::suggestion_changed(fw, a, &topics::evidence(fw, a, r, t), t)?;
            let grade = |g: Option<TopicGrade>| g.map_or("none", TopicGrade::label);
            Some(format!(
                "  {}: suggested {} when judged, {} now",
                t.name,
                grade(c.was),
                grade(c.now)
            ))
        })
        .collect();
    if !moved.is_empty() {
        line("Topic grades to judge again: the evidence has moved the suggestion since".into());
        for m in moved {
            line(m);
        }
        line(String::new());
    }

    let most = r.most_not_met(10);
    if !most.is_empty() {
        line("Criteria most often not met".into());
        let rows: Vec<Vec<String>> = most
            .iter()
            .map(|c| {
                vec![
                    format!("{}{}", c.criterion, if c.key { " (key)" } else { "" }),
                    c.answers.not_met.to_string(),
                    c.answers.scored().to_string(),
                    truncate(&c.text, 70),
                ]
            })
            .collect();
        out_table(
            &mut line,
            &["Criterion", "Not met", "Of", "Question"],
            &rows,
        );
    }
    out
}

pub(crate) fn counts_row(label: &str, c: &GradeCounts) -> Vec<String> {
    vec![
        label.to_owned(),
        c.good.to_string(),
        c.requires_improvement.to_string(),
        c.inadequate.to_string(),
        c.total().to_string(),
    ]
}

/// A drift with its sign, "+0.13" or "-0.13", rounded as `two_places`.
fn signed(d: f64) -> String {
    let t = two_places(d);
    if t.starts_with('-') {
        t
    } else {
        format!("+{t}")
    }
}
