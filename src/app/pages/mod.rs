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

pub use about::About;
pub use action_plan::{ActionPage, ActionPlanPage};
pub use calibration::CalibrationPage;
pub use case::{CaseDetailsPage, CasePage, DeleteCasePage};
pub use check::CheckPage;
pub use dip::DipSamplePage;
pub use export::{ExportPage, ReportPage};
pub use force_level::{LeadershipPage, StatementPage};
pub use grade::{GradePage, ReferBackPage};
pub use home::{ClearPage, Home};
pub use import::ImportPage;
pub use inspection::{InspectionPage, InspectionUpdatePage, RecommendationPage};
pub use new_assessment::NewAssessmentPage;
pub use not_found::not_found;
pub use progress::ProgressPage;
pub use register::ReferBacksPage;
pub use results::ResultsPage;
pub use review::{ReviewCasePage, ReviewPage};
pub use stage::StagePage;
pub use tasks::{DeleteAssessmentPage, PlanPage, TaskListPage};
pub use team::TeamPage;
pub use timeline::{StandardsPage, TimelinePage};
pub use topics::{TopicPage, TopicsPage};

/// The product's name, as shown in the header and the browser tab.
pub const PRODUCT_NAME: &str = "Child protection self-assessment";
