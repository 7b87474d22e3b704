//! Pure domain logic: no Yew, no web-sys, no js-sys. Tested natively.
//!
//! - [`framework`]: the criteria catalogues, their validation and catalogue;
//! - [`assessment`]: the model of one force's self-assessment;
//! - [`grade`]: grade scales, answers, the suggested grade and completeness;
//! - [`results`]: roll-ups by case type, stage and criterion; calibration;
//! - [`format`]: the export file, import with located errors, migration;
//! - [`sealed`]: the passphrase-protected export's envelope (and, natively,
//!   its encryption);
//! - [`edit`], [`forms`], [`progress`], [`glossary`]: the guided journey's
//!   changes, form checks, task-list progress and terms explained in place;
//! - [`backup`]: when to remind the user to export;
//! - [`drafts`]: what is typed into a form saved by a button, kept until
//!   saved or discarded;
//! - [`register`]: the refer-back register, overdue first;
//! - [`csv`], [`merge`], [`generate`]: exports, reviewer copy and merge,
//!   sample data;
//! - [`timeline`]: a case's intervals against their limits, and the answers
//!   they contradict;
//! - [`topics`]: the evidence for each topic judgment, the judgments table;
//! - [`action_plan`]: suggested actions and when the plan is due;
//! - [`baseline`]: an earlier assessment's figures and progress since;
//! - [`order`]: stable sorting with one copy of the standard library's sort;
//! - [`json`]: reading JSON, with structs read from objects only.

pub mod action_plan;
pub mod assessment;
pub mod backup;
pub mod baseline;
pub mod csv;
pub mod date;
pub mod dip;
pub mod drafts;
pub mod edit;
pub mod follow_up;
pub mod format;
pub mod forms;
pub mod framework;
pub mod generate;
pub mod glossary;
pub mod grade;
pub mod json;
pub mod merge;
pub mod order;
pub mod progress;
pub mod register;
pub mod results;
pub mod save;
pub mod scale;
pub mod sealed;
pub mod statements;
pub mod team;
pub mod text;
pub mod timeline;
pub mod topics;
