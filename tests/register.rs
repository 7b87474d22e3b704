//! The refer-back register: every refer-back, overdue first, then open by
//! deadline, then closed, most recent first.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{assessment, case, date, test_framework};
use cpsa::domain::assessment::{Closure, ReferBack};
use cpsa::domain::register::{counts, open, register, summary, Standing};

fn refer(deadline: Option<&str>, closed: Option<&str>) -> ReferBack {
    ReferBack {
        triggers: vec![],
        reason: "Risk not reassessed".into(),
        owner: "DI Example".into(),
        raised: Some(date("2026-01-05")),
        deadline: deadline.map(date),
        closure: closed.map(|on| Closure {
            on: date(on),
            note: "Strategy meeting held".into(),
        }),
    }
}

#[test]
fn overdue_first_then_open_by_deadline_then_closed_most_recent_first() {
    let mut a = assessment();
    let plan = [
        ("open-late", Some("2026-04-01"), None),
        ("no-referral", None, None),
        ("closed-early", Some("2026-02-01"), Some("2026-02-10")),
        ("overdue-a-little", Some("2026-02-27"), None),
        ("open-no-deadline", None, None),
        ("overdue-a-lot", Some("2026-02-01"), None),
        ("closed-late", None, Some("2026-02-25")),
        ("open-soon", Some("2026-03-02"), None),
    ];
    for (id, deadline, closed) in plan {
        let mut c = case(id, "alpha", &[]);
        c.reference = format!("REF {id}");
        if id != "no-referral" {
            c.refer_back = Some(refer(deadline, closed));
        }
        a.cases.push(c.into());
    }
    let today = date("2026-03-02");
    let entries = register(&a, &test_framework(), today);
    let order: Vec<&str> = entries.iter().map(|e| e.case.as_str()).collect();
    assert_eq!(
        order,
        [
            "overdue-a-lot",
            "overdue-a-little",
            "open-soon",
            "open-late",
            "open-no-deadline",
            "closed-late",
            "closed-early"
        ]
    );
    assert_eq!(entries[0].standing, Standing::Overdue { days: 29 });
    assert_eq!(entries[1].standing, Standing::Overdue { days: 3 });
    // Due today is not overdue yet.
    assert_eq!(entries[2].standing, Standing::Open);
    assert_eq!(
        entries[5].standing,
        Standing::Closed {
            on: date("2026-02-25")
        }
    );
    assert_eq!(entries[5].closure_note, "Strategy meeting held");
    assert_eq!(entries[0].reference, "REF overdue-a-lot");
    assert_eq!(counts(&entries), (2, 3, 2));
    // The banner at the top of every summary lists the open ones (overdue
    // included) soonest deadline first, as the results say they come; found
    // in review listed in case order.
    let banner: Vec<&str> = open(&a).iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        banner,
        [
            "overdue-a-lot",
            "overdue-a-little",
            "open-soon",
            "open-late",
            "open-no-deadline"
        ]
    );
    assert_eq!(
        summary(&entries),
        "7 refer-backs: 5 open, 2 of them overdue, 2 closed."
    );
}

#[test]
fn an_assessment_without_refer_backs_has_an_empty_register() {
    let mut a = assessment();
    a.cases.push(case("c1", "alpha", &[]).into());
    let entries = register(&a, &test_framework(), date("2026-03-02"));
    assert!(entries.is_empty());
    assert_eq!(counts(&entries), (0, 0, 0));
    assert_eq!(summary(&entries), "No case has been referred back.");
}
