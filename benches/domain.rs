//! The domain at scale: one answer changed, the save after it, results,
//! export and import of
//! generated assessments with every criterion answered. Prints figures;
//! asserts nothing about time.
//!
//!     cargo bench --bench domain            (or: make bench-domain)
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use cpsa::domain::edit::{apply, Edit};
use cpsa::domain::format;
use cpsa::domain::framework::Catalogue;
use cpsa::domain::generate::generate;
use cpsa::domain::grade::AnswerValue;
use cpsa::domain::results::{GradeBasis, Results};
use cpsa::domain::save;

/// Runs `f` until at least `min_runs` runs and 300 ms have passed; returns
/// the median and the 95th percentile.
fn measure(min_runs: usize, mut f: impl FnMut()) -> (Duration, Duration) {
    f(); // warm up
    let mut times = Vec::new();
    let start = Instant::now();
    while times.len() < min_runs || start.elapsed() < Duration::from_millis(300) {
        let t = Instant::now();
        f();
        times.push(t.elapsed());
    }
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    (at(0.5), at(0.95))
}

fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1000.0)
}

fn main() {
    let catalogue = match Catalogue::builtin() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("the built-in frameworks are broken: {e}");
            std::process::exit(1);
        }
    };
    let Some(fw) = catalogue.all().next() else {
        eprintln!("no framework");
        std::process::exit(1);
    };
    println!(
        "framework {} ({} criteria)",
        fw.reference(),
        fw.criteria.len()
    );
    println!(
        "{:>6} {:>8} {:>12} {:>14} {:>14} {:>14} {:>14} {:>14} {:>14} {:>14} {:>14} {:>14} {:>14}",
        "cases",
        "answers",
        "file bytes",
        "change p50",
        "change p95",
        "save p50",
        "save p95",
        "results p50",
        "results p95",
        "export p50",
        "export p95",
        "import p50",
        "import p95"
    );
    let mut figures = Vec::new();
    for cases in [33usize, 1000] {
        let a = generate(fw, cases, 7);
        let answers: usize = a.cases.iter().map(|c| c.answers.len()).sum();
        let text = match format::export(&a, None, 0) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        };
        // One answer changed as the app changes it: the state before the
        // edit is still held (by the page and the reducer), so the edit
        // works on a copy, which should cost next to nothing more with more
        // cases (one pointer each).
        let (case, criterion) = {
            let c = &a.cases[a.cases.len() / 2];
            let first = c.answers.keys().next().cloned().unwrap_or_default();
            (c.id.clone(), first)
        };
        let mut flip = false;
        let change = measure(50, || {
            let mut copy = black_box(&a).clone();
            flip = !flip;
            let value = if flip {
                AnswerValue::Met
            } else {
                AnswerValue::NotApplicable
            };
            let edit = Edit::SetAnswer {
                case: case.clone(),
                criterion: criterion.clone(),
                value,
            };
            black_box(apply(&mut copy, fw, edit).ok());
            black_box(copy);
        });
        // The autosave after such a change: the records the app stores,
        // only the changed case's written afresh (`save::plan`).
        let at = "2025-03-01T08:00:00Z".parse().expect("a timestamp");
        let mut current = a.clone();
        let mut known = None;
        if let Ok(plan) = save::plan(&current, fw, at, 1, None) {
            plan.committed(&mut known);
        }
        let save = measure(20, || {
            let mut next = current.clone();
            flip = !flip;
            let value = if flip {
                AnswerValue::Met
            } else {
                AnswerValue::NotApplicable
            };
            let edit = Edit::SetAnswer {
                case: case.clone(),
                criterion: criterion.clone(),
                value,
            };
            black_box(apply(&mut next, fw, edit).ok());
            if let Ok(plan) = save::plan(&next, fw, at, 1, known.as_ref()) {
                black_box(&plan);
                plan.committed(&mut known);
            }
            current = next;
        });
        let results = measure(20, || {
            black_box(Results::compute(fw, black_box(&a), GradeBasis::Final));
        });
        let export = measure(10, || {
            black_box(format::export(black_box(&a), None, 0).ok());
        });
        let import = measure(10, || {
            black_box(format::import(black_box(text.as_bytes()), catalogue).ok());
        });
        println!(
            "{:>6} {:>8} {:>12} {:>14} {:>14} {:>14} {:>14} {:>14} {:>14} {:>14} {:>14} {:>14} {:>14}",
            cases,
            answers,
            text.len(),
            ms(change.0),
            ms(change.1),
            ms(save.0),
            ms(save.1),
            ms(results.0),
            ms(results.1),
            ms(export.0),
            ms(export.1),
            ms(import.0),
            ms(import.1)
        );
        figures.push((change.0, save.0, results.0, export.0, import.0));
    }
    if let [small, large] = figures.as_slice() {
        let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64().max(1e-9);
        println!(
            "ratio 1000/33 (median): change {:.1}, save {:.1}, results {:.1}, export {:.1}, import {:.1}",
            ratio(large.0, small.0),
            ratio(large.1, small.1),
            ratio(large.2, small.2),
            ratio(large.3, small.3),
            ratio(large.4, small.4)
        );
    }
    println!("times in milliseconds; budget at 1,000 cases: results < 5 ms, import < 100 ms");
    bring_back_figure(catalogue, fw);
}

/// What the bring-back page works out: ten whole copies of a 1,000-case
/// assessment, each changed on another device in 100 cases of its own, five
/// of which the lead changed too (50 conflicts), brought back in turn
/// (`merge::bring_back_all`), at each choice the lead makes; and, when the
/// page opens or the cases in conflict change, also again with every
/// conflict set to "keep both" and to "keep this assessment's copy"
/// (`bring_back_choosing`), as `app::pages::bring_back` calls them. Prints
/// figures, asserts nothing.
fn bring_back_figure(catalogue: &Catalogue, fw: &cpsa::domain::framework::Framework) {
    use std::collections::BTreeMap;

    use cpsa::domain::merge::{bring_back_all, bring_back_choosing, Choice};

    let set = |a: &mut cpsa::domain::assessment::Assessment, case: usize, value| {
        let Some(c) = a.cases.get(case) else { return };
        let Some(criterion) = c.answers.keys().next().cloned() else {
            return;
        };
        let edit = Edit::SetAnswer {
            case: c.id.clone(),
            criterion,
            value,
        };
        black_box(apply(a, fw, edit).ok());
    };
    let mut lead = generate(fw, 1000, 7);
    lead.copy_id = "lead-device".into();
    let mut files = Vec::new();
    for i in 0..10 {
        let mut copy = lead.clone();
        copy.copy_id = format!("device-{i}");
        for case in i * 100..i * 100 + 100 {
            set(&mut copy, case, AnswerValue::NotMet);
        }
        // As the page has them: read from files, sharing nothing.
        let text = format::export(&copy, None, 0).expect("an export");
        let read = format::import(text.as_bytes(), catalogue).expect("an import");
        files.push((format!("copy-{i}.json"), read.assessment));
    }
    for i in 0..10 {
        for case in i * 100..i * 100 + 5 {
            set(&mut lead, case, AnswerValue::NotApplicable);
        }
    }
    let named: Vec<(&str, &cpsa::domain::assessment::Assessment)> =
        files.iter().map(|(n, a)| (n.as_str(), a)).collect();
    let choices = BTreeMap::new();
    let conflicts: Vec<String> = match bring_back_all(fw, &lead, &named, &choices) {
        Ok(steps) => steps
            .iter()
            .flat_map(|s| s.merge.waiting())
            .map(|c| c.case.clone())
            .collect(),
        Err((file, e)) => {
            eprintln!("{file}: {e}");
            std::process::exit(1);
        }
    };
    let choice = measure(5, || {
        black_box(bring_back_all(fw, &lead, &named, &choices).ok());
    });
    let opening = measure(5, || {
        black_box(bring_back_all(fw, &lead, &named, &choices).ok());
        for choice in [Choice::Both, Choice::Ours] {
            black_box(bring_back_choosing(fw, &lead, &named, &choices, &conflicts, choice).ok());
        }
    });
    println!(
        "bring back 10 copies of 1,000 cases with {} conflicts: per choice p50 {} ms, p95 {} ms; on opening p50 {} ms, p95 {} ms",
        conflicts.len(),
        ms(choice.0),
        ms(choice.1),
        ms(opening.0),
        ms(opening.1)
    );
}
