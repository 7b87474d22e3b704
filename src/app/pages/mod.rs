//! One module per route, or per group of routes about the same thing.

mod about;
mod action_plan;
mod bring_back;
mod calibration;
mod case;
mod check;
mod dip;
mod export;
mod force_level;
mod frame;
mod grade;
mod home;
mod import;
mod inspection;
mod new_assessment;
mod not_found;
mod progress;
mod register;
mod results;
mod review;
mod stage;
mod tasks;
mod team;
mod timeline;
mod topics;

pub use about::use_about_page;
pub use action_plan::{use_action_page, use_action_plan_page, ActionProps};
pub use calibration::use_calibration_page;
pub use case::{use_case_details_page, use_case_page, use_delete_case_page, CaseProps};
pub use check::use_check_page;
pub use dip::{use_dip_sample_page, DipSampleProps};
pub use export::{use_export_page, use_report_page};
pub use force_level::{use_leadership_page, use_statement_page, StatementProps};
pub use grade::{use_grade_page, use_refer_back_page};
pub use home::{use_clear_page, Home};
pub use import::{use_import_page, ImportProps};
pub use inspection::{
    use_inspection_page, use_inspection_update_page, use_recommendation_page, RecommendationProps,
};
pub use new_assessment::use_new_assessment_page;
pub use not_found::not_found;
pub use progress::use_progress_page;
pub use register::use_refer_backs_page;
pub use results::use_results_page;
pub use review::{use_review_case_page, use_review_page};
pub use stage::StagePage;
pub use tasks::{use_delete_assessment_page, use_plan_page, use_task_list_page, IdProps};
pub use team::use_team_page;
pub use timeline::{use_standards_page, use_timeline_page};
pub use topics::{use_topic_page, use_topics_page, TopicProps};

/// The product's name, as shown in the header and the browser tab.
pub const PRODUCT_NAME: &str = "Child protection self-assessment";
