//! CSV for analysts: one row per case, one row per case and applicable
//! criterion, or one row per action of the plan. The command-line tool and
//! the app write the same files.
//!
//! Text a spreadsheet would run as a formula (starting `=`, `+`, `-`, `@`,
//! tab or carriage return) is written with a leading apostrophe.
//!
//! A file the app downloads starts with [`BOM`], so that Excel, which
//! reads a CSV file without one in the computer's own code page, shows a
//! note's curly quotes, dashes and accents as written; `cpsa csv` adds it
//! with `--bom`.

use super::assessment::Assessment;
use super::framework::Framework;
use super::grade::{completeness_from, suggest_from, value_of, AnswerValue, Applicable};
use super::timeline::challenges;

/// The byte-order mark that tells a spreadsheet the file is UTF-8.
pub const BOM: &str = "\u{feff}";

/// Header of the one-row-per-case file.
pub const CASE_COLUMNS: [&str; 31] = [
    "case_id",
    "reference",
    "case_type",
    "case_type_name",
    "reported",
    "audited",
    "auditor",
    "applicable",
    "met",
    "partly_met",
    "not_met",
    "not_applicable",
    "unanswered",
    "score",
    "suggested_grade",
    "force_grade",
    "override_reason",
    "reviewer_grade",
    "reviewer",
    "refer_back",
    "refer_back_owner",
    "refer_back_deadline",
    "completed",
    "conditions",
    "key_answers_without_note",
    "timeline_challenges",
    "allocated_to",
    // The suggestion the force's grade was confirmed against (empty when
    // nothing was scored): where there was one, an override is a grade that
    // differs from it, as calibration counts them. It differs from
    // `suggested_grade` (the suggestion as the case now stands) when the
    // grade is to confirm again. Last, so the columns before it stay where
    // they were.
    "suggested_when_graded",
    // The reviewer's reasons for their grade, as they gave them; after the
    // columns scripts already read.
    "reviewer_reasons",
    // The force's grade from before the reviewer's came in, which
    // calibration sets against the reviewer's: `force_grade` where the
    // force has not graded since, empty where it graded only after.
    "force_grade_before_review",
    // The conditions asked for the case type and not answered yet, whose
    // criteria apply until the auditor says no (`conditions` lists those
    // answered yes).
    "conditions_not_answered",
];

/// Header of the one-row-per-case-and-criterion file.
pub const ANSWER_COLUMNS: [&str; 11] = [
    "case_id",
    "reference",
    "case_type",
    "stage",
    "criterion",
    "key",
    "question",
    "answer",
    "note",
    "timeline_challenge",
    "changed_at",
];

/// Header of the action plan file.
pub const ACTION_COLUMNS: [&str; 11] = [
    "action_id",
    "action",
    "timescale",
    "owner",
    "due",
    "status",
    "evidence",
    "criteria",
    "topics",
    "recommendations",
    "statements",
];

/// One row per action, in the plan's order.
pub fn actions(a: &Assessment) -> String {
    let mut w = Writer::new(&ACTION_COLUMNS);
    for x in &a.actions {
        w.row([
            x.id.clone(),
            x.text.clone(),
            x.timescale.id().to_owned(),
            x.owner.clone(),
            opt(x.due),
            x.status.id().to_owned(),
            x.evidence.clone(),
            x.criteria.join(" "),
            x.topics.join(" "),
            x.recommendations.join(" "),
            x.statements.join(" "),
        ]);
    }
    w.finish()
}

pub const UPDATE_COLUMNS: [&str; 9] = [
    "recommendation_id",
    "recommendation",
    "points",
    "action_id",
    "action",
    "owner",
    "due",
    "status",
    "evidence",
];

/// The update on the immediate recommendations: one row per recommendation
/// and action answering it, a recommendation with none on a row of its own
/// with the action columns empty.
pub fn update(a: &Assessment) -> String {
    let mut w = Writer::new(&UPDATE_COLUMNS);
    for (r, actions) in super::follow_up::update(a) {
        let points = r.sub_points.join(" | ");
        if actions.is_empty() {
            w.row([
                r.id.clone(),
                r.text.clone(),
                points.clone(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ]);
        }
        for x in actions {
            w.row([
                r.id.clone(),
                r.text.clone(),
                points.clone(),
                x.id.clone(),
                x.text.clone(),
                x.owner.clone(),
                opt(x.due),
                x.status.id().to_owned(),
                x.evidence.clone(),
            ]);
        }
    }
    w.finish()
}

pub const RECOMMENDATION_COLUMNS: [&str; 10] = [
    "recommendation_id",
    "kind",
    "recommendation",
    "points",
    "deadline",
    "due",
    "topics",
    "stages",
    "actions",
    "state",
];

/// One row per recommendation or area for improvement, in the report's
/// order, with its date and whether it is done.
pub fn recommendations(fw: &Framework, a: &Assessment) -> String {
    let f = super::follow_up::summary(fw, a, None);
    let mut w = Writer::new(&RECOMMENDATION_COLUMNS);
    for (r, row) in a.recommendations.iter().zip(&f.recommendations) {
        w.row([
            r.id.clone(),
            r.kind.id().to_owned(),
            r.text.clone(),
            r.sub_points.join(" | "),
            r.deadline.map(|t| t.id()).unwrap_or_default().to_owned(),
            opt(row.due),
            r.topics.join(" "),
            r.stages.join(" "),
            row.actions.join(" "),
            if row.done { "done" } else { "open" }.to_owned(),
        ]);
    }
    w.finish()
}

pub const STATEMENT_COLUMNS: [&str; 8] = [
    "group",
    "statement_id",
    "statement",
    "answer",
    "note",
    "evidence",
    "evidence_items",
    "evidence_missing",
];

/// One row per force-level statement, in framework order, answered or not;
/// the evidence items joined as "kind: what (holder, date)", the brackets
/// left out when neither is recorded.
pub fn statements(fw: &Framework, a: &Assessment) -> String {
    let mut w = Writer::new(&STATEMENT_COLUMNS);
    for (g, s) in fw.statements() {
        let answer = a.statements.get(&s.id);
        let evidence: Vec<String> = answer
            .map(|x| {
                x.evidence
                    .iter()
                    .map(|e| {
                        let mut who = vec![e.holder.clone()];
                        who.extend(e.date.map(|d| d.to_string()));
                        who.retain(|w| !w.is_empty());
                        if who.is_empty() {
                            format!("{}: {}", e.kind.label(), e.what)
                        } else {
                            format!("{}: {} ({})", e.kind.label(), e.what, who.join(", "))
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        w.row([
            g.id.to_owned(),
            s.id.clone(),
            s.text.clone(),
            answer
                .and_then(|x| x.value)
                .map(|v| v.id())
                .unwrap_or_default()
                .to_owned(),
            answer.map(|x| x.note.clone()).unwrap_or_default(),
            evidence.join(" | "),
            evidence.len().to_string(),
            answer
                .and_then(super::statements::missing_evidence)
                .unwrap_or_default(),
        ]);
    }
    w.finish()
}

/// One row per case.
pub fn cases(fw: &Framework, a: &Assessment) -> String {
    let mut w = Writer::new(&CASE_COLUMNS);
    for case in &a.cases {
        let answers = Applicable::of(fw, case);
        let mut counts = [0u32; 5];
        for (_, _, answer) in answers.iter() {
            let v = value_of(answer);
            let at = AnswerValue::ALL.iter().position(|x| *x == v).unwrap_or(4);
            if let Some(n) = counts.get_mut(at) {
                *n += 1;
            }
        }
        let applicable: u32 = counts.iter().sum();
        let suggestion = suggest_from(fw, case, &answers);
        let done = completeness_from(fw, &a.service_standards, case, &answers);
        let mut challenged: Vec<&str> = Vec::new();
        for c in challenges(fw, &a.service_standards, case) {
            if !challenged.contains(&c.criterion) {
                challenged.push(c.criterion);
            }
        }
        let type_name = fw
            .case_type(&case.case_type)
            .map(|t| t.name.clone())
            .unwrap_or_default();
        let refer_back = match &case.refer_back {
            None => "",
            Some(r) if r.closure.is_some() => "closed",
            Some(_) => "open",
        };
        w.row([
            case.id.clone(),
            case.reference.clone(),
            case.case_type.clone(),
            type_name,
            opt(case.dates.reported),
            opt(case.dates.audited),
            case.auditor.clone(),
            applicable.to_string(),
            counts[0].to_string(),
            counts[1].to_string(),
            counts[2].to_string(),
            counts[3].to_string(),
            counts[4].to_string(),
            suggestion
                .score
                .map(|s| format!("{s:.3}"))
                .unwrap_or_default(),
            grade(suggestion.grade),
            grade(case.force()),
            case.force_grade
                .as_ref()
                .map(|d| d.reason.clone())
                .unwrap_or_default(),
            grade(case.reviewer()),
            case.reviewer_grade
                .as_ref()
                .map(|r| r.reviewer.clone())
                .unwrap_or_default(),
            refer_back.to_owned(),
            case.refer_back
                .as_ref()
                .map(|r| r.owner.clone())
                .unwrap_or_default(),
            opt(case.refer_back.as_ref().and_then(|r| r.deadline)),
            if case.completed { "yes" } else { "no" }.to_owned(),
            case.conditions
                .iter()
                .filter(|k| !case.conditions_unanswered.contains(k))
                .cloned()
                .collect::<Vec<_>>()
                .join(" "),
            done.missing_key_notes.join(" "),
            challenged.join(" "),
            case.allocated_to
                .as_ref()
                .map(|id| {
                    a.team
                        .iter()
                        .find(|m| m.id == *id)
                        .map_or(id.clone(), |m| m.name.clone())
                })
                .unwrap_or_default(),
            grade(case.force_grade.as_ref().and_then(|d| d.suggested)),
            case.reviewer_grade
                .as_ref()
                .map(|r| r.note.clone())
                .unwrap_or_default(),
            grade(case.force_blind()),
            case.conditions_unanswered.join(" "),
        ]);
    }
    w.finish()
}

/// One row per case and criterion that applies to it, answered or not.
pub fn answers(fw: &Framework, a: &Assessment) -> String {
    let mut w = Writer::new(&ANSWER_COLUMNS);
    for case in &a.cases {
        let challenged = challenges(fw, &a.service_standards, case);
        for c in case.criteria(fw) {
            let answer = case.answer(&c.id);
            let challenge: Vec<String> = challenged
                .iter()
                .filter(|x| x.criterion == c.id)
                .map(|x| x.describe())
                .collect();
            w.row([
                case.id.clone(),
                case.reference.clone(),
                case.case_type.clone(),
                c.stage.clone(),
                c.id.clone(),
                if c.is_key_for(&case.case_type) {
                    "yes"
                } else {
                    "no"
                }
                .to_owned(),
                c.text.clone(),
                answer.map(|a| a.value).unwrap_or_default().id().to_owned(),
                answer.map(|a| a.note.clone()).unwrap_or_default(),
                challenge.join(" "),
                answer
                    .and_then(|a| a.changed_at)
                    .map(|t| t.to_string())
                    .unwrap_or_default(),
            ]);
        }
    }
    w.finish()
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn grade(g: Option<super::grade::CaseGrade>) -> String {
    g.map(|g| g.id().to_owned()).unwrap_or_default()
}

/// Makes a cell safe to open in a spreadsheet: text that would start a
/// formula gets a leading apostrophe, which spreadsheets show as text.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// Writes CSV as RFC 4180 has it and spreadsheets read it: cells separated
/// by commas, a cell quoted when it holds a comma, a quote or a line break,
/// with its quotes doubled, and each row ending in a line feed. The header
/// and every row have the same number of cells, `N`, by their types.
///
/// (Not the `csv` crate: its writer chooses the quoting style at run time,
/// and one style parses every cell as a number, which brings the standard
/// library's float parser and its tables into the app. The app came out
/// 19.9 KB gzipped smaller without it. The tests read what this writes
/// back with the `csv` crate's reader.)
struct Writer<const N: usize>(String);

impl<const N: usize> Writer<N> {
    fn new(header: &[&str; N]) -> Writer<N> {
        let mut w = Writer(String::new());
        w.record(header.iter().copied());
        w
    }

    fn row(&mut self, cells: [String; N]) {
        self.record(cells.iter().map(|c| neutralise(c)));
    }

    fn record<S: AsRef<str>>(&mut self, cells: impl Iterator<Item = S>) {
        for (i, cell) in cells.enumerate() {
            if i > 0 {
                self.0.push(',');
            }
            let cell = cell.as_ref();
            // A row of one empty cell is written `""`, not as a blank line.
            if cell.contains([',', '"', '\r', '\n']) || (N == 1 && cell.is_empty()) {
                self.0.push('"');
                self.0.push_str(&cell.replace('"', "\"\""));
                self.0.push('"');
            } else {
                self.0.push_str(cell);
            }
        }
        self.0.push('\n');
    }

    fn finish(self) -> String {
        self.0
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
    use super::neutralise;

    #[test]
    fn cells_that_would_run_as_formulas_are_made_text() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("+1"), "'+1");
        assert_eq!(neutralise("-2+3"), "'-2+3");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("Seen at home"), "Seen at home");
        assert_eq!(neutralise(""), "");
    }
}

/// Native only: the `csv` crate and proptest are native dev-dependencies.
#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod read_back {
    use super::{neutralise, Writer};
    use proptest::prelude::*;

    /// What the `csv` crate reads from `text`, row by row.
    fn read_back(text: &str) -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect()
    }

    #[test]
    fn only_cells_with_commas_quotes_or_line_breaks_are_quoted() {
        let mut w = Writer::new(&["a", "b", "c"]);
        w.row(["plain text".into(), "one, two".into(), "say \"no\"".into()]);
        w.row(["line\nbreak".into(), "cr\rhere".into(), String::new()]);
        assert_eq!(
            w.finish(),
            "a,b,c\nplain text,\"one, two\",\"say \"\"no\"\"\"\n\"line\nbreak\",\"cr\rhere\",\n"
        );
    }

    #[test]
    fn a_row_of_one_empty_cell_is_not_a_blank_line() {
        let mut w = Writer::new(&["only"]);
        w.row([String::new()]);
        assert_eq!(read_back(&w.finish()), [vec!["only"], vec![""]]);
    }

    proptest! {
        /// Whatever the cells hold, a spreadsheet (here the `csv` crate's
        /// reader) gets back the header and each cell as written,
        /// formulas neutralised.
        #[test]
        fn any_cells_read_back_as_written(
            rows in prop::collection::vec(prop::array::uniform3(any::<String>()), 0..6)
        ) {
            let mut w = Writer::new(&["one", "two, three", "\"four\""]);
            for row in &rows {
                w.row(row.clone());
            }
            let mut expected = vec![vec!["one".to_owned(), "two, three".to_owned(), "\"four\"".to_owned()]];
            expected.extend(rows.iter().map(|r| r.iter().map(|c| neutralise(c).into_owned()).collect()));
            prop_assert_eq!(read_back(&w.finish()), expected);
        }
    }
}
