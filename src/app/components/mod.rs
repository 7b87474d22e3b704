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
    back_link, backup_reminder, clock, confirm_button, date_time, flash_banner, print_page,
    save_problems, table, tag, today, update_banner, ConfirmButtonProps, SavedStatus, TableProps,
};
pub use case_type_table::{case_type_table, CaseTypeTableProps};
pub use criterion::CriterionAnswer;
pub use forms::{
    checkboxes, error_for, event_value, field_setter, focus_after_render, focus_field, on_leave,
    on_text, radios, text_input, textarea, warning_text, CheckboxesProps, Choice, ErrorSummary,
    ErrorTitle, RadiosProps, TextInputProps, TextareaProps, WarningTextProps,
};
pub use grading::{grade_colour, SuggestedGrade};
pub use header::header;
pub use page::Page;
pub use results::{
    grade_chart, grade_table, stage_table, GradeChartProps, GradeTableProps, StageTableProps,
};
pub use skip_link::{focus_element, skip_link};
