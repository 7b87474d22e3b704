use yew::prelude::*;
use yew_router::prelude::*;

use super::pages::*;

/// Every page of the app. Paths live after the `#`, so static hosts need no
/// rewrite rules.
#[derive(Clone, Routable, PartialEq, Eq, Debug)]
pub enum Route {
    #[at("/")]
    Home,
    #[at("/new")]
    NewAssessment,
    #[at("/import")]
    Import,
    #[at("/about")]
    About,
    #[at("/clear")]
    Clear,
    #[at("/a/:id")]
    Assessment { id: String },
    #[at("/a/:id/plan")]
    Plan { id: String },
    #[at("/a/:id/results")]
    Results { id: String },
    #[at("/a/:id/calibration")]
    Calibration { id: String },
    #[at("/a/:id/review")]
    Review { id: String },
    #[at("/a/:id/review/:case")]
    ReviewCase { id: String, case: String },
    #[at("/a/:id/topics")]
    Topics { id: String },
    #[at("/a/:id/topics/:topic")]
    Topic { id: String, topic: String },
    #[at("/a/:id/leadership")]
    Leadership { id: String },
    #[at("/a/:id/statement/:statement")]
    Statement { id: String, statement: String },
    #[at("/a/:id/dip/:sample")]
    DipSample { id: String, sample: String },
    #[at("/a/:id/inspection")]
    Inspection { id: String },
    #[at("/a/:id/inspection/new")]
    NewRecommendation { id: String },
    #[at("/a/:id/inspection/update")]
    InspectionUpdate { id: String },
    #[at("/a/:id/inspection/:recommendation")]
    Recommendation { id: String, recommendation: String },
    #[at("/a/:id/actions")]
    ActionPlan { id: String },
    #[at("/a/:id/actions/new")]
    NewAction { id: String },
    #[at("/a/:id/actions/:action")]
    EditAction { id: String, action: String },
    #[at("/a/:id/progress")]
    Progress { id: String },
    #[at("/a/:id/refer-backs")]
    ReferBacks { id: String },
    #[at("/a/:id/export")]
    Export { id: String },
    #[at("/a/:id/report")]
    Report { id: String },
    #[at("/a/:id/import")]
    ImportInto { id: String },
    #[at("/a/:id/standards")]
    Standards { id: String },
    #[at("/a/:id/team")]
    Team { id: String },
    #[at("/a/:id/delete")]
    DeleteAssessment { id: String },
    #[at("/a/:id/case/:case")]
    Case { id: String, case: String },
    #[at("/a/:id/case/:case/details")]
    CaseDetails { id: String, case: String },
    #[at("/a/:id/case/:case/stage/:stage")]
    Stage {
        id: String,
        case: String,
        stage: String,
    },
    #[at("/a/:id/case/:case/timeline")]
    Timeline { id: String, case: String },
    #[at("/a/:id/case/:case/grade")]
    Grade { id: String, case: String },
    #[at("/a/:id/case/:case/refer")]
    ReferBack { id: String, case: String },
    #[at("/a/:id/case/:case/check")]
    Check { id: String, case: String },
    #[at("/a/:id/case/:case/delete")]
    DeleteCase { id: String, case: String },
    #[not_found]
    #[at("/404")]
    NotFound,
}

/// The start page and the page for an address that is no route are in the
/// module every page load fetches; every other page is in one of two parts
/// loaded when first opened ([`super::chunks`]).
pub fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <Home /> },
        Route::NotFound => html! { <NotFound /> },
        route => html! { <super::chunks::LazyPage {route} /> },
    }
}

/// Which part a page is in: the audit of cases (the task list and every page
/// of a case), or the rest (the lead's, the reviewer's and the analyst's
/// pages). `None` for the pages every load has. Every route is named, so a
/// new one cannot fall into a part by default: [`audit_pages`] and
/// [`lead_pages`] draw the routes given their part here.
pub fn part_of(route: &Route) -> Option<Part> {
    Some(match route {
        Route::Home | Route::NotFound => return None,
        Route::Assessment { .. }
        | Route::Case { .. }
        | Route::CaseDetails { .. }
        | Route::Stage { .. }
        | Route::Timeline { .. }
        | Route::Grade { .. }
        | Route::ReferBack { .. }
        | Route::Check { .. }
        | Route::DeleteCase { .. } => Part::Audit,
        Route::NewAssessment
        | Route::Import
        | Route::About
        | Route::Clear
        | Route::Plan { .. }
        | Route::Results { .. }
        | Route::Calibration { .. }
        | Route::Review { .. }
        | Route::ReviewCase { .. }
        | Route::Topics { .. }
        | Route::Topic { .. }
        | Route::Leadership { .. }
        | Route::Statement { .. }
        | Route::DipSample { .. }
        | Route::Inspection { .. }
        | Route::NewRecommendation { .. }
        | Route::InspectionUpdate { .. }
        | Route::Recommendation { .. }
        | Route::ActionPlan { .. }
        | Route::NewAction { .. }
        | Route::EditAction { .. }
        | Route::Progress { .. }
        | Route::ReferBacks { .. }
        | Route::Export { .. }
        | Route::Report { .. }
        | Route::ImportInto { .. }
        | Route::Standards { .. }
        | Route::Team { .. }
        | Route::DeleteAssessment { .. } => Part::Lead,
    })
}

/// A part of the app loaded on demand.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Part {
    Audit,
    Lead,
}

/// The pages of the audit part. Pages with a form are keyed by what they
/// are about, so moving from one case to another never carries one case's
/// half-typed form to the next.
pub fn audit_pages(route: Route) -> Html {
    match route {
        Route::Assessment { id } => html! { <TaskListPage {id} /> },
        Route::Timeline { id, case } => {
            let key = format!("{id}/{case}");
            html! { <TimelinePage key={key} {id} {case} /> }
        }
        Route::Case { id, case } => html! { <CasePage {id} {case} /> },
        Route::CaseDetails { id, case } => {
            let key = format!("{id}/{case}");
            html! { <CaseDetailsPage key={key} {id} {case} /> }
        }
        Route::Stage { id, case, stage } => html! { <StagePage {id} {case} {stage} /> },
        Route::Grade { id, case } => {
            let key = format!("{id}/{case}");
            html! { <GradePage key={key} {id} {case} /> }
        }
        Route::ReferBack { id, case } => {
            let key = format!("{id}/{case}");
            html! { <ReferBackPage key={key} {id} {case} /> }
        }
        Route::Check { id, case } => {
            let key = format!("{id}/{case}");
            html! { <CheckPage key={key} {id} {case} /> }
        }
        Route::DeleteCase { id, case } => html! { <DeleteCasePage {id} {case} /> },
        _ => html! { <NotFound /> },
    }
}

/// The pages of the lead's part, keyed as the audit's are.
pub fn lead_pages(route: Route) -> Html {
    match route {
        Route::NewAssessment => html! { <NewAssessmentPage /> },
        Route::Import => html! { <ImportPage key="import" id={None::<AttrValue>} /> },
        Route::About => html! { <About /> },
        Route::Clear => html! { <ClearPage /> },
        Route::Plan { id } => {
            let key = id.clone();
            html! { <PlanPage key={key} {id} /> }
        }
        Route::Results { id } => html! { <ResultsPage {id} /> },
        Route::ReferBacks { id } => html! { <ReferBacksPage {id} /> },
        Route::Calibration { id } => html! { <CalibrationPage {id} /> },
        Route::Review { id } => html! { <ReviewPage {id} /> },
        Route::ReviewCase { id, case } => {
            let key = format!("{id}/{case}");
            html! { <ReviewCasePage key={key} {id} {case} /> }
        }
        Route::Topics { id } => html! { <TopicsPage {id} /> },
        Route::Topic { id, topic } => {
            let key = format!("{id}/{topic}");
            html! { <TopicPage key={key} {id} {topic} /> }
        }
        Route::Leadership { id } => html! { <LeadershipPage {id} /> },
        Route::Statement { id, statement } => {
            let key = format!("{id}/{statement}");
            html! { <StatementPage key={key} {id} {statement} /> }
        }
        Route::DipSample { id, sample } => {
            let key = format!("{id}/dip/{sample}");
            html! { <DipSamplePage key={key} {id} {sample} /> }
        }
        Route::Inspection { id } => {
            let key = format!("inspection/{id}");
            html! { <InspectionPage key={key} {id} /> }
        }
        Route::NewRecommendation { id } => {
            let key = format!("{id}/new-recommendation");
            html! { <RecommendationPage key={key} {id} recommendation={None::<AttrValue>} /> }
        }
        Route::InspectionUpdate { id } => html! { <InspectionUpdatePage {id} /> },
        Route::Recommendation { id, recommendation } => {
            let key = format!("{id}/recommendation/{recommendation}");
            html! { <RecommendationPage key={key} {id} recommendation={Some(AttrValue::from(recommendation))} /> }
        }
        Route::ActionPlan { id } => {
            let key = id.clone();
            html! { <ActionPlanPage key={key} {id} /> }
        }
        Route::NewAction { id } => {
            let key = format!("{id}/new");
            html! { <ActionPage key={key} {id} action={None::<AttrValue>} /> }
        }
        Route::EditAction { id, action } => {
            let key = format!("{id}/{action}");
            html! { <ActionPage key={key} {id} action={Some(AttrValue::from(action))} /> }
        }
        Route::Progress { id } => html! { <ProgressPage {id} /> },
        Route::Export { id } => html! { <ExportPage {id} /> },
        Route::Report { id } => html! { <ReportPage {id} /> },
        Route::ImportInto { id } => {
            let key = format!("import/{id}");
            html! { <ImportPage key={key} id={Some(AttrValue::from(id))} /> }
        }
        Route::DeleteAssessment { id } => html! { <DeleteAssessmentPage {id} /> },
        Route::Team { id } => {
            let key = format!("team/{id}");
            html! { <TeamPage key={key} {id} /> }
        }
        Route::Standards { id } => {
            let key = format!("standards/{id}");
            html! { <StandardsPage key={key} {id} /> }
        }
        _ => html! { <NotFound /> },
    }
}
