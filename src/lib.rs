//! Child protection self-assessment: a police force's case audit for the
//! HMICFRS National Child Protection Inspections, run entirely in the browser.
//!
//! - [`domain`] is pure Rust (no browser types): frameworks, and later the
//!   assessment model, grading, results and the export format.
//! - `app` (wasm32 only) is the Yew front end: routes, pages and components
//!   that turn events into actions and state into markup.

pub mod domain;

#[cfg(target_arch = "wasm32")]
pub mod app;
