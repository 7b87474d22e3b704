//! User Timing entries for the moments only the app can time, so the
//! benchmark (and anyone with the browser's performance panel) can read them:
//! `cpsa:save` (one autosave: serialise and store), `cpsa:save-main` (the
//! part of it that holds up the page: writing the text and handing it to
//! IndexedDB; the rest is the browser's own), `cpsa:open-preview` (read an
//! assessment's frame and case lines), `cpsa:open-cases` (then read every
//! case, with the task list drawn meanwhile), `cpsa:import` (check and
//! build an imported file), and `cpsa:change` (an answer changed, until the
//! suggested grade on screen and the results in the state reflect it).

use std::cell::Cell;

fn performance() -> Option<web_sys::Performance> {
    web_sys::window().and_then(|w| w.performance())
}

/// Marks the start of `name`.
pub fn start(name: &str) {
    if let Some(p) = performance() {
        // A failure to mark only loses a figure; it changes nothing.
        let _ = p.mark(&format!("{name}:start"));
    }
}

/// Marks the end of `name` and records the measure from its start.
pub fn finish(name: &str) {
    if let Some(p) = performance() {
        let (start, end) = (format!("{name}:start"), format!("{name}:end"));
        let _ = p.mark(&end);
        let _ = p.measure_with_start_mark_and_end_mark(name, &start, &end);
    }
}

thread_local! {
    static CHANGE_PENDING: Cell<bool> = const { Cell::new(false) };
}

/// An answer was just changed.
pub fn change_started() {
    CHANGE_PENDING.with(|c| c.set(true));
    start("cpsa:change");
}

/// The change is on screen: records `cpsa:change` if one was waiting.
pub fn change_shown() {
    if CHANGE_PENDING.with(|c| c.replace(false)) {
        finish("cpsa:change");
    }
}
