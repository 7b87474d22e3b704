//! CSV for analysts: one row per case, one row per case and applicable
//! criterion, or one row per action of the plan. The command-line tool and
//! the app write the same files.
//!
//! Text a spreadsheet would run as a formula (starting `=`, `+`, `-`, `@`,
//! tab or carriage return) is written with a leading apostrophe.

use super::assessment::Assessment;
use super::framework::Framework;
use super::grade::{completeness, suggest, AnswerValue};

/// Header of the one-row-per-case file.
pub const CASE_COLUMNS: &[&str] = &[
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
];

/// Header of the one-row-per-case-and-criterion file.
pub const ANSWER_COLUMNS: &[&str] = &[
    "case_id",
    "reference",
    "case_type",
    "stage",
    "criterion",
    "key",
    "question",
    "answer",
    "note",
];

/// Header of the action plan file.
pub const ACTION_COLUMNS: &[&str] = &[
    "action_id",
    "action",
    "timescale",
    "owner",
    "due",
    "status",
    "evidence",
    "criteria",
    "topics",
];

/// One row per action, in the plan's order.
pub fn actions(a: &Assessment) -> Result<String, String> {
    let mut w = Writer::new(ACTION_COLUMNS)?;
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
        ])?;
    }
    w.finish()
}

/// One row per case.
pub fn cases(fw: &Framework, a: &Assessment) -> Result<String, String> {
    let mut w = Writer::new(CASE_COLUMNS)?;
    for case in &a.cases {
        let mut counts = [0u32; 5];
        for c in fw.criteria_for(&case.case_type) {
            let v = case.answer_value(&c.id);
            counts[AnswerValue::ALL.iter().position(|x| *x == v).unwrap_or(4)] += 1;
        }
        let applicable = completeness(fw, case).applicable;
        let suggestion = suggest(fw, case);
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
        ])?;
    }
    w.finish()
}

/// One row per case and criterion that applies to it, answered or not.
pub fn answers(fw: &Framework, a: &Assessment) -> Result<String, String> {
    let mut w = Writer::new(ANSWER_COLUMNS)?;
    for case in &a.cases {
        for c in fw.criteria_for(&case.case_type) {
            let answer = case.answer(&c.id);
            w.row([
                case.id.clone(),
                case.reference.clone(),
                case.case_type.clone(),
                c.stage.clone(),
                c.id.clone(),
                if c.key { "yes" } else { "no" }.to_owned(),
                c.text.clone(),
                answer.map(|a| a.value).unwrap_or_default().id().to_owned(),
                answer.map(|a| a.note.clone()).unwrap_or_default(),
            ])?;
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

struct Writer(csv::Writer<Vec<u8>>);

impl Writer {
    fn new(header: &[&str]) -> Result<Writer, String> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(header).map_err(|e| e.to_string())?;
        Ok(Writer(w))
    }

    fn row<const N: usize>(&mut self, cells: [String; N]) -> Result<(), String> {
        self.0
            .write_record(cells.iter().map(|c| neutralise(c).into_owned()))
            .map_err(|e| format!("the CSV could not be written: {e}"))
    }

    fn finish(self) -> Result<String, String> {
        let bytes = self
            .0
            .into_inner()
            .map_err(|e| format!("the CSV could not be written: {e}"))?;
        String::from_utf8(bytes).map_err(|e| format!("the CSV is not UTF-8: {e}"))
    }
}

#[cfg(test)]
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
