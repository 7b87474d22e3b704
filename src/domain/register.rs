//! The refer-back register: every case referred back, open or closed, with
//! its reason, owner, deadline and closure. Overdue ones come first, most
//! overdue at the top, then open ones by deadline, then closed ones, most
//! recently closed first.

use super::assessment::{Assessment, Case, ReferBackTrigger};
use super::date::Date;
use super::forms::count;
use super::framework::Framework;

/// Where a refer-back stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Open past its deadline, by this many days.
    Overdue {
        days: i64,
    },
    /// Open, and not past a deadline (or with none).
    Open,
    Closed {
        on: Date,
    },
}

/// One line of the register.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub case: String,
    pub reference: String,
    /// The case type's name, as the framework gives it.
    pub case_type: String,
    pub triggers: Vec<ReferBackTrigger>,
    pub reason: String,
    pub owner: String,
    pub raised: Option<Date>,
    pub deadline: Option<Date>,
    pub standing: Standing,
    /// How it was closed (empty while open).
    pub closure_note: String,
}

/// The cases referred back and not yet closed, soonest deadline first
/// (overdue ones first of all), those without a deadline last, then in case
/// order: the banner at the top of every summary.
pub fn open(a: &Assessment) -> Vec<&Case> {
    let mut cases: Vec<&Case> = a
        .cases
        .iter()
        .map(|c| &**c)
        .filter(|c| c.has_open_refer_back())
        .collect();
    super::order::sort_by_key(&mut cases, |c| {
        let deadline = c.refer_back.as_ref().and_then(|r| r.deadline);
        (deadline.is_none(), deadline)
    });
    cases
}

/// Every refer-back of the assessment, as it stands on `today`.
pub fn register(a: &Assessment, fw: &Framework, today: Date) -> Vec<Entry> {
    let mut entries: Vec<Entry> = a
        .cases
        .iter()
        .filter_map(|case| {
            let r = case.refer_back.as_ref()?;
            let standing = match (&r.closure, r.deadline) {
                (Some(c), _) => Standing::Closed { on: c.on },
                (None, Some(deadline)) if deadline < today => Standing::Overdue {
                    days: deadline.days_until(today),
                },
                (None, _) => Standing::Open,
            };
            Some(Entry {
                case: case.id.clone(),
                reference: case.reference.clone(),
                case_type: fw
                    .case_type(&case.case_type)
                    .map_or_else(|| case.case_type.clone(), |t| t.name.clone()),
                triggers: r.triggers.clone(),
                reason: r.reason.clone(),
                owner: r.owner.clone(),
                raised: r.raised,
                deadline: r.deadline,
                standing,
                closure_note: r
                    .closure
                    .as_ref()
                    .map(|c| c.note.clone())
                    .unwrap_or_default(),
            })
        })
        .collect();
    super::order::sort_by_key(&mut entries, |e| match e.standing {
        Standing::Overdue { days } => (0, -days, false, None),
        // No deadline sorts after every date.
        Standing::Open => (1, 0, e.deadline.is_none(), e.deadline),
        Standing::Closed { on } => (2, on.days_until(today), false, None),
    });
    entries
}

/// (overdue, open and not overdue, closed).
pub fn counts(entries: &[Entry]) -> (usize, usize, usize) {
    let count = |f: fn(&Standing) -> bool| entries.iter().filter(|e| f(&e.standing)).count();
    (
        count(|s| matches!(s, Standing::Overdue { .. })),
        count(|s| matches!(s, Standing::Open)),
        count(|s| matches!(s, Standing::Closed { .. })),
    )
}

/// What the register holds, in one sentence.
pub fn summary(entries: &[Entry]) -> String {
    let (overdue, open, closed) = counts(entries);
    if entries.is_empty() {
        return "No case has been referred back.".to_owned();
    }
    let mut parts = vec![format!("{} open", overdue + open)];
    if overdue > 0 {
        parts.push(format!("{overdue} of them overdue"));
    }
    parts.push(format!("{closed} closed"));
    format!(
        "{}: {}.",
        count(entries.len(), "refer-back"),
        parts.join(", ")
    )
}
