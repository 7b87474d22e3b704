//! Shared pieces of the page, named for what the user sees.

mod bits;
mod case_type_table;
mod criterion;
mod forms;
mod grading;
mod header;
mod page;
mod results;
mod skip_link;

pub use bits::{
    back_link, clock, date_time, print_page, table, tag, today, BackupReminder, FlashBanner,
    SaveProblems, SavedStatus, TableProps, UpdateBanner,
};
pub use case_type_table::CaseTypeTable;
pub use criterion::CriterionAnswer;
pub use forms::{
    checkboxes, error_for, event_value, field_setter, focus_after_render, focus_field, on_text,
    radios, text_input, textarea, warning_text, CheckboxesProps, Choice, ErrorSummary, RadiosProps,
    TextInputProps, TextareaProps, WarningTextProps,
};
pub use grading::{grade_colour, SuggestedGrade};
pub use header::header;
pub use page::Page;
pub use results::{GradeChart, GradeTable, StageTable};
pub use skip_link::{focus_element, skip_link};
