use std::collections::HashMap;
use yew::prelude::*;

use yew_router::prelude::*;

use super::pages::*;

/// Every page of the app, with its address (after the `#`, so static hosts
/// need no rewrite rules). The addresses are read and written by hand below
/// rather than by yew-router's derive, whose route-recognizer and parameter
/// maps cost every page load some 7 KB gzipped (issue 21).
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Route {
    /// `/`
    Home,
    /// `/new`
    NewAssessment,
    /// `/import`
    Import,
    /// `/about`
    About,
    /// `/clear`
    Clear,
    /// `/a/:id`
    Assessment { id: String },
    /// `/a/:id/plan`
    Plan { id: String },
    /// `/a/:id/results`
    Results { id: String },
    /// `/a/:id/calibration`
    Calibration { id: String },
    /// `/a/:id/review`
    Review { id: String },
    /// `/a/:id/review/:case`
    ReviewCase { id: String, case: String },
    /// `/a/:id/topics`
    Topics { id: String },
    /// `/a/:id/topics/:topic`
    Topic { id: String, topic: String },
    /// `/a/:id/leadership`
    Leadership { id: String },
    /// `/a/:id/statement/:statement`
    Statement { id: String, statement: String },
    /// `/a/:id/dip/:sample`
    DipSample { id: String, sample: String },
    /// `/a/:id/inspection`
    Inspection { id: String },
    /// `/a/:id/inspection/new`
    NewRecommendation { id: String },
    /// `/a/:id/inspection/update`
    InspectionUpdate { id: String },
    /// `/a/:id/inspection/:recommendation`
    Recommendation { id: String, recommendation: String },
    /// `/a/:id/actions`
    ActionPlan { id: String },
    /// `/a/:id/actions/new`
    NewAction { id: String },
    /// `/a/:id/actions/:action`
    EditAction { id: String, action: String },
    /// `/a/:id/progress`
    Progress { id: String },
    /// `/a/:id/refer-backs`
    ReferBacks { id: String },
    /// `/a/:id/export`
    Export { id: String },
    /// `/a/:id/report`
    Report { id: String },
    /// `/a/:id/import`
    ImportInto { id: String },
    /// `/a/:id/standards`
    Standards { id: String },
    /// `/a/:id/team`
    Team { id: String },
    /// `/a/:id/delete`
    DeleteAssessment { id: String },
    /// `/a/:id/case/:case`
    Case { id: String, case: String },
    /// `/a/:id/case/:case/details`
    CaseDetails { id: String, case: String },
    /// `/a/:id/case/:case/stage/:stage`
    Stage {
        id: String,
        case: String,
        stage: String,
    },
    /// `/a/:id/case/:case/timeline`
    Timeline { id: String, case: String },
    /// `/a/:id/case/:case/grade`
    Grade { id: String, case: String },
    /// `/a/:id/case/:case/refer`
    ReferBack { id: String, case: String },
    /// `/a/:id/case/:case/check`
    Check { id: String, case: String },
    /// `/a/:id/case/:case/delete`
    DeleteCase { id: String, case: String },
    /// `/404`, and every address that names no page.
    NotFound,
}

impl Route {
    /// The page an address names, `None` when it names none. As yew-router
    /// read them: one `/` at either end is ignored, a parameter is one or
    /// more characters up to the next `/`, percent-decoded (an address whose
    /// parameter does not decode to UTF-8 names no page), and a fixed word
    /// wins over a parameter (`/a/x/actions/new` is the new action's page).
    fn parse(path: &str) -> Option<Route> {
        let path = path.strip_suffix('/').unwrap_or(path);
        let path = path.strip_prefix('/').unwrap_or(path);
        let segments: Vec<&str> = if path.is_empty() {
            Vec::new()
        } else {
            path.split('/').collect()
        };
        let param = |s: &str| -> Option<String> {
            if s.is_empty() {
                return None;
            }
            urlencoding::decode(s).ok().map(|d| d.into_owned())
        };
        let ["a", id, rest @ ..] = segments.as_slice() else {
            return match segments.as_slice() {
                [] => Some(Route::Home),
                ["new"] => Some(Route::NewAssessment),
                ["import"] => Some(Route::Import),
                ["about"] => Some(Route::About),
                ["clear"] => Some(Route::Clear),
                ["404"] => Some(Route::NotFound),
                _ => None,
            };
        };
        let id = param(id)?;
        Some(match rest {
            [] => Route::Assessment { id },
            ["plan"] => Route::Plan { id },
            ["results"] => Route::Results { id },
            ["calibration"] => Route::Calibration { id },
            ["review"] => Route::Review { id },
            ["review", case] => Route::ReviewCase {
                id,
                case: param(case)?,
            },
            ["topics"] => Route::Topics { id },
            ["topics", topic] => Route::Topic {
                id,
                topic: param(topic)?,
            },
            ["leadership"] => Route::Leadership { id },
            ["statement", s] => Route::Statement {
                id,
                statement: param(s)?,
            },
            ["dip", sample] => Route::DipSample {
                id,
                sample: param(sample)?,
            },
            ["inspection"] => Route::Inspection { id },
            ["inspection", "new"] => Route::NewRecommendation { id },
            ["inspection", "update"] => Route::InspectionUpdate { id },
            ["inspection", r] => Route::Recommendation {
                id,
                recommendation: param(r)?,
            },
            ["actions"] => Route::ActionPlan { id },
            ["actions", "new"] => Route::NewAction { id },
            ["actions", action] => Route::EditAction {
                id,
                action: param(action)?,
            },
            ["progress"] => Route::Progress { id },
            ["refer-backs"] => Route::ReferBacks { id },
            ["export"] => Route::Export { id },
            ["report"] => Route::Report { id },
            ["import"] => Route::ImportInto { id },
            ["standards"] => Route::Standards { id },
            ["team"] => Route::Team { id },
            ["delete"] => Route::DeleteAssessment { id },
            ["case", case, rest @ ..] => {
                let case = param(case)?;
                match rest {
                    [] => Route::Case { id, case },
                    ["details"] => Route::CaseDetails { id, case },
                    ["stage", stage] => Route::Stage {
                        id,
                        case,
                        stage: param(stage)?,
                    },
                    ["timeline"] => Route::Timeline { id, case },
                    ["grade"] => Route::Grade { id, case },
                    ["refer"] => Route::ReferBack { id, case },
                    ["check"] => Route::Check { id, case },
                    ["delete"] => Route::DeleteCase { id, case },
                    _ => return None,
                }
            }
            _ => return None,
        })
    }
}

impl Routable for Route {
    /// The page of `pattern` (one of [`Routable::routes`]) with `params`
    /// (as they appear in an address, still encoded) put in.
    fn from_path(pattern: &str, params: &HashMap<&str, &str>) -> Option<Self> {
        let filled: Option<Vec<&str>> = pattern
            .split('/')
            .map(|s| match s.strip_prefix(':') {
                Some(name) => params.get(name).copied(),
                None => Some(s),
            })
            .collect();
        Route::parse(&filled?.join("/"))
    }

    fn to_path(&self) -> String {
        let e = |s: &str| urlencoding::encode(s).into_owned();
        match self {
            Route::Home => "/".to_owned(),
            Route::NewAssessment => "/new".to_owned(),
            Route::Import => "/import".to_owned(),
            Route::About => "/about".to_owned(),
            Route::Clear => "/clear".to_owned(),
            Route::Assessment { id } => format!("/a/{}", e(id)),
            Route::Plan { id } => format!("/a/{}/plan", e(id)),
            Route::Results { id } => format!("/a/{}/results", e(id)),
            Route::Calibration { id } => format!("/a/{}/calibration", e(id)),
            Route::Review { id } => format!("/a/{}/review", e(id)),
            Route::ReviewCase { id, case } => format!("/a/{}/review/{}", e(id), e(case)),
            Route::Topics { id } => format!("/a/{}/topics", e(id)),
            Route::Topic { id, topic } => format!("/a/{}/topics/{}", e(id), e(topic)),
            Route::Leadership { id } => format!("/a/{}/leadership", e(id)),
            Route::Statement { id, statement } => {
                format!("/a/{}/statement/{}", e(id), e(statement))
            }
            Route::DipSample { id, sample } => format!("/a/{}/dip/{}", e(id), e(sample)),
            Route::Inspection { id } => format!("/a/{}/inspection", e(id)),
            Route::NewRecommendation { id } => format!("/a/{}/inspection/new", e(id)),
            Route::InspectionUpdate { id } => format!("/a/{}/inspection/update", e(id)),
            Route::Recommendation { id, recommendation } => {
                format!("/a/{}/inspection/{}", e(id), e(recommendation))
            }
            Route::ActionPlan { id } => format!("/a/{}/actions", e(id)),
            Route::NewAction { id } => format!("/a/{}/actions/new", e(id)),
            Route::EditAction { id, action } => format!("/a/{}/actions/{}", e(id), e(action)),
            Route::Progress { id } => format!("/a/{}/progress", e(id)),
            Route::ReferBacks { id } => format!("/a/{}/refer-backs", e(id)),
            Route::Export { id } => format!("/a/{}/export", e(id)),
            Route::Report { id } => format!("/a/{}/report", e(id)),
            Route::ImportInto { id } => format!("/a/{}/import", e(id)),
            Route::Standards { id } => format!("/a/{}/standards", e(id)),
            Route::Team { id } => format!("/a/{}/team", e(id)),
            Route::DeleteAssessment { id } => format!("/a/{}/delete", e(id)),
            Route::Case { id, case } => format!("/a/{}/case/{}", e(id), e(case)),
            Route::CaseDetails { id, case } => format!("/a/{}/case/{}/details", e(id), e(case)),
            Route::Stage { id, case, stage } => {
                format!("/a/{}/case/{}/stage/{}", e(id), e(case), e(stage))
            }
            Route::Timeline { id, case } => format!("/a/{}/case/{}/timeline", e(id), e(case)),
            Route::Grade { id, case } => format!("/a/{}/case/{}/grade", e(id), e(case)),
            Route::ReferBack { id, case } => format!("/a/{}/case/{}/refer", e(id), e(case)),
            Route::Check { id, case } => format!("/a/{}/case/{}/check", e(id), e(case)),
            Route::DeleteCase { id, case } => format!("/a/{}/case/{}/delete", e(id), e(case)),
            Route::NotFound => "/404".to_owned(),
        }
    }

    /// Every address pattern, as the documentation of each [`Route`]
    /// gives it.
    fn routes() -> Vec<&'static str> {
        ROUTES.to_vec()
    }

    fn not_found_route() -> Option<Self> {
        Some(Route::NotFound)
    }

    fn recognize(pathname: &str) -> Option<Self> {
        Some(Route::parse(pathname).unwrap_or(Route::NotFound))
    }
}

/// The address patterns of every page, `:name` for a parameter.
const ROUTES: &[&str] = &[
    "/",
    "/new",
    "/import",
    "/about",
    "/clear",
    "/a/:id",
    "/a/:id/plan",
    "/a/:id/results",
    "/a/:id/calibration",
    "/a/:id/review",
    "/a/:id/review/:case",
    "/a/:id/topics",
    "/a/:id/topics/:topic",
    "/a/:id/leadership",
    "/a/:id/statement/:statement",
    "/a/:id/dip/:sample",
    "/a/:id/inspection",
    "/a/:id/inspection/new",
    "/a/:id/inspection/update",
    "/a/:id/inspection/:recommendation",
    "/a/:id/actions",
    "/a/:id/actions/new",
    "/a/:id/actions/:action",
    "/a/:id/progress",
    "/a/:id/refer-backs",
    "/a/:id/export",
    "/a/:id/report",
    "/a/:id/import",
    "/a/:id/standards",
    "/a/:id/team",
    "/a/:id/delete",
    "/a/:id/case/:case",
    "/a/:id/case/:case/details",
    "/a/:id/case/:case/stage/:stage",
    "/a/:id/case/:case/timeline",
    "/a/:id/case/:case/grade",
    "/a/:id/case/:case/refer",
    "/a/:id/case/:case/check",
    "/a/:id/case/:case/delete",
    "/404",
];

/// The start page and the page for an address that is no route are in the
/// module every page load fetches; every other page is in one of the page
/// parts loaded when first opened ([`super::chunks`]).
pub fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <Home /> },
        Route::NotFound => not_found(),
        route => html! { <super::chunks::LazyPage {route} /> },
    }
}

/// Which part a page is in: the answers (a stage of a case, where its
/// criteria are answered: the page an auditor spends the audit on), the
/// cases (the task list and a case's summary): the pages an auditor opens
/// directly from a bookmark or a reload, each part small so that such a load
/// stays small; the rest of the audit (a case's other pages: its details,
/// timeline, grade, refer-back, check and deletion, reached from those), or
/// the rest (the lead's, the reviewer's and the analyst's pages). `None` for
/// the pages every load has. Every route is named, so a new one cannot fall
/// into a part by default: [`answer_pages`], [`case_pages`], [`audit_pages`]
/// and [`lead_pages`] draw the routes given their part here.
pub fn part_of(route: &Route) -> Option<Part> {
    Some(match route {
        Route::Home | Route::NotFound => return None,
        Route::Stage { .. } => Part::Answers,
        Route::Assessment { .. } | Route::Case { .. } => Part::Cases,
        Route::CaseDetails { .. }
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
    Answers,
    Cases,
    Audit,
    Lead,
}

/// The page of the answers part: a stage of a case. `None` for a route of
/// another part, as for each part's pages below.
pub fn answer_pages(route: Route) -> Option<Html> {
    Some(match route {
        Route::Stage { id, case, stage } => html! { <StagePage {id} {case} {stage} /> },
        _ => return None,
    })
}

/// The pages of the cases part: the task list and a case's summary.
pub fn case_pages(route: Route) -> Option<Html> {
    Some(match route {
        Route::Assessment { id } => html! { <TaskListPage {id} /> },
        Route::Case { id, case } => html! { <CasePage {id} {case} /> },
        _ => return None,
    })
}

/// The pages of the audit part. Pages with a form are keyed by what they
/// are about, so moving from one case to another never carries one case's
/// half-typed form to the next.
pub fn audit_pages(route: Route) -> Option<Html> {
    Some(match route {
        Route::Timeline { id, case } => {
            let key = format!("{id}/{case}");
            html! { <TimelinePage key={key} {id} {case} /> }
        }
        Route::CaseDetails { id, case } => {
            let key = format!("{id}/{case}");
            html! { <CaseDetailsPage key={key} {id} {case} /> }
        }
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
        _ => return None,
    })
}

/// The pages of the lead's part, keyed as the audit's are.
pub fn lead_pages(route: Route) -> Option<Html> {
    Some(match route {
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
        _ => return None,
    })
}
