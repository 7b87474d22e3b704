//! The save protocol (`src/domain/save.rs`): what a save writes, what an
//! open reads back, and the decisions that keep work from being lost.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::BTreeMap;
use std::sync::Arc;

use cpsa::domain::assessment::Assessment;
use cpsa::domain::date::Timestamp;
use cpsa::domain::framework::{Catalogue, Framework};
use cpsa::domain::generate::generate;
use cpsa::domain::grade::AnswerValue;
use cpsa::domain::progress::CaseLine;
use cpsa::domain::save::{self, *};

fn catalogue() -> &'static Catalogue {
    Catalogue::builtin().unwrap()
}

fn fw() -> &'static Framework {
    catalogue().latest("child-journey").unwrap()
}

fn at() -> Timestamp {
    Timestamp::from_unix_millis(1_796_461_200_000).unwrap()
}

/// What storage would hold after applying `plan` over `records`.
fn apply(records: &mut BTreeMap<String, String>, plan: &Plan) -> String {
    if plan.clear {
        records.clear();
    }
    for id in &plan.removed {
        records.remove(id);
    }
    for (id, text) in &plan.cases {
        records.insert(id.clone(), text.clone());
    }
    plan.frame.clone()
}

fn read(frame: &str, records: &BTreeMap<String, String>) -> (Assessment, Known) {
    let texts: Vec<String> = records.values().cloned().collect();
    let (imported, known) = read_records(frame, &texts, catalogue()).unwrap();
    (imported.assessment, known)
}

/// A copy of `a` with case `i`'s first answer changed, as an edit makes it:
/// the case copied, the others shared.
fn change_one(a: &Assessment, i: usize) -> Assessment {
    let mut b = a.clone();
    let case = Arc::make_mut(&mut b.cases[i]);
    let answer = case.answers.values_mut().next().unwrap();
    answer.value = if answer.value == AnswerValue::Met {
        AnswerValue::NotMet
    } else {
        AnswerValue::Met
    };
    answer.note = "changed".into();
    b
}

#[test]
fn a_first_save_writes_every_case_after_clearing_and_reads_back_the_same() {
    let a = generate(fw(), 12, 3);
    let plan = save::plan(&a, fw(), at(), 1, None).unwrap();
    assert!(
        plan.clear,
        "nothing is known stored, so every record goes first"
    );
    assert_eq!(plan.cases.len(), 12);
    assert!(plan.removed.is_empty());
    let mut records = BTreeMap::new();
    let frame = apply(&mut records, &plan);
    let (back, known) = read(&frame, &records);
    assert_eq!(back, a);
    assert_eq!(known.len(), 12);
}

#[test]
fn a_save_writes_only_the_case_that_changed() {
    let a = generate(fw(), 40, 4);
    let first = save::plan(&a, fw(), at(), 1, None).unwrap();
    let mut records = BTreeMap::new();
    apply(&mut records, &first);

    let b = change_one(&a, 7);
    let second = save::plan(&b, fw(), at(), 2, Some(&first.known)).unwrap();
    assert!(!second.clear);
    let written: Vec<&str> = second.cases.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(written, [a.cases[7].id.as_str()]);
    let frame = apply(&mut records, &second);
    let (back, known) = read(&frame, &records);
    assert_eq!(back, b);

    // Read back, the next save of an unchanged copy writes no case at all.
    let third = save::plan(&back, fw(), at(), 3, Some(&known)).unwrap();
    assert!(third.cases.is_empty() && third.removed.is_empty() && !third.clear);
}

#[test]
fn a_deleted_case_record_is_removed_and_an_added_one_written() {
    let a = generate(fw(), 5, 5);
    let first = save::plan(&a, fw(), at(), 1, None).unwrap();
    let mut records = BTreeMap::new();
    apply(&mut records, &first);
    let mut b = a.clone();
    let gone = b.cases.remove(2);
    let mut extra = (*b.cases[0]).clone();
    extra.id = "case-99".into();
    b.cases.push(Arc::new(extra));
    let plan = save::plan(&b, fw(), at(), 2, Some(&first.known)).unwrap();
    assert_eq!(plan.removed, std::slice::from_ref(&gone.id));
    assert_eq!(plan.cases.len(), 1);
    assert_eq!(plan.cases[0].0, "case-99");
    let frame = apply(&mut records, &plan);
    assert_eq!(read(&frame, &records).0, b);
}

#[test]
fn what_another_assessment_left_known_is_not_drawn_on() {
    let a = generate(fw(), 3, 6);
    let mut other = a.clone();
    other.id = "another".into();
    let known = save::plan(&other, fw(), at(), 1, None).unwrap().known;
    let plan = save::plan(&a, fw(), at(), 1, Some(&known)).unwrap();
    assert!(plan.clear);
    assert_eq!(plan.cases.len(), 3);
}

#[test]
fn the_preview_holds_the_frame_and_every_case_line_without_the_cases() {
    let a = generate(fw(), 9, 7);
    let plan = save::plan(&a, fw(), at(), 4, None).unwrap();
    let preview = read_preview(&plan.frame, catalogue()).unwrap();
    assert!(preview.assessment.cases.is_empty());
    assert_eq!(preview.assessment.force, a.force);
    assert_eq!(preview.lines, CaseLine::all(fw(), &a));
    assert_eq!(preview.revision, 4);
    assert_eq!(preview.saved_at, Some(at()));
}

#[test]
fn records_that_do_not_match_their_frame_are_refused_saying_which() {
    let a = generate(fw(), 4, 8);
    let plan = save::plan(&a, fw(), at(), 1, None).unwrap();
    let mut records = BTreeMap::new();
    let frame = apply(&mut records, &plan);
    let id = a.cases[1].id.clone();

    let mut missing = records.clone();
    missing.remove(&id);
    let texts: Vec<String> = missing.values().cloned().collect();
    let e = read_records(&frame, &texts, catalogue()).unwrap_err();
    assert!(
        e.to_string().contains(&format!(
            "the stored case {id} that the frame lists is missing"
        )),
        "{e}"
    );

    // A record from another revision than the frame lists: a save that was
    // not all or nothing would leave this.
    let mut older = records.clone();
    let text = older[&id].replacen("{\"revision\":1,", "{\"revision\":7,", 1);
    older.insert(id.clone(), text);
    let texts: Vec<String> = older.values().cloned().collect();
    let e = read_records(&frame, &texts, catalogue()).unwrap_err();
    assert!(
        e.to_string()
            .contains("is at revision 7, but the frame lists revision 1"),
        "{e}"
    );

    let mut broken = records.clone();
    broken.insert(id, "{\"revision\":1,\"case\":{\"id\":".into());
    let texts: Vec<String> = broken.values().cloned().collect();
    assert!(read_records(&frame, &texts, catalogue()).is_err());
    assert!(read_preview("{not json", catalogue()).is_err());
}

#[test]
fn a_case_in_an_invalid_state_is_refused_as_an_import_would_refuse_it() {
    let a = generate(fw(), 2, 9);
    let plan = save::plan(&a, fw(), at(), 1, None).unwrap();
    let mut records = BTreeMap::new();
    let frame = apply(&mut records, &plan);
    let id = a.cases[0].id.clone();
    let text = records[&id].replacen(&a.cases[0].case_type, "no-such-type", 1);
    records.insert(id, text);
    let texts: Vec<String> = records.values().cloned().collect();
    let e = read_records(&frame, &texts, catalogue()).unwrap_err();
    assert!(e.to_string().contains("no-such-type"), "{e}");
}

#[test]
fn revisions_refuse_a_save_over_another_tabs() {
    assert_eq!(next_revision(3, 3, None), Ok(4));
    // This tab's own later save is its base too.
    assert_eq!(next_revision(5, 3, Some(5)), Ok(6));
    assert_eq!(next_revision(5, 3, Some(4)), Err(Conflict));
    assert_eq!(
        next_revision(0, 2, None),
        Err(Conflict),
        "deleted elsewhere"
    );
    assert_eq!(save_base(3, Some(5)), 5);
    assert_eq!(save_base(6, Some(5)), 6);
    assert_eq!(save_base(2, None), 2);
}

#[test]
fn the_decisions_that_keep_work() {
    assert_eq!(other_tab_saved(4, 4, true), OtherTab::Nothing);
    assert_eq!(other_tab_saved(4, 5, false), OtherTab::ShowStored);
    assert_eq!(other_tab_saved(4, 5, true), OtherTab::HoldBack);

    assert_eq!(after_failed_save(true, true, false), FailedSave::Show);
    assert_eq!(after_failed_save(true, false, false), FailedSave::Nothing);
    assert_eq!(after_failed_save(false, true, false), FailedSave::Strand);
    assert_eq!(after_failed_save(false, true, true), FailedSave::Nothing);

    assert!(blocks_opening(true, false, true));
    assert!(
        !blocks_opening(true, true, true),
        "exported since: nothing is lost"
    );
    assert!(!blocks_opening(true, false, false), "a save still to come");
    assert!(!blocks_opening(false, false, true));

    let later = Timestamp::from_unix_millis(1_796_461_201_000).unwrap();
    assert!(journal_superseded(Some(at()), at()));
    assert!(
        !journal_superseded(Some(later), at()),
        "written after the save began"
    );
    assert!(!journal_superseded(None, at()));

    assert_eq!(recover(3, 3), Recover::Save);
    assert_eq!(recover(4, 3), Recover::KeepAsideUnlessStoredHoldsIt);
}
