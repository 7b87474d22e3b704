use std::collections::HashMap;
use std::marker::PhantomData;
use yew::functional::{Hook, HookContext};
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

/// A page of a part, ready to run its hooks in the component that draws it.
pub type Draw = Box<dyn FnOnce(&mut HookContext) -> Html>;

/// The pages of one part, drawn by one component, [`PartPage`], rather than
/// a component for each page: each component type carries its own copy of
/// Yew's machinery, 0.3 to 0.4 KB gzipped a page (issue 21). Each page is
/// a hook that returns its markup, and the part's one component runs the
/// hook of the page its route names. The component is keyed by the page's
/// address, so an instance only ever runs one page's hooks, in one order, as
/// Yew requires: another page, or the same page of another case, is drawn
/// by a new instance, and no half-typed form is carried from one to the next.
pub trait Pages: 'static {
    /// The page `route` names, or `None` for a route of another part.
    fn page(route: &Route) -> Option<Draw>;
}

/// A page as [`Pages::page`] gives it: the hook `$hook` run with `$props`.
macro_rules! draw {
    ($hook:ident) => {
        Box::new(|ctx: &mut HookContext| Hook::run($hook(), ctx)) as Draw
    };
    ($hook:ident, $props:expr) => {{
        let props = $props;
        Box::new(move |ctx: &mut HookContext| Hook::run($hook(&props), ctx)) as Draw
    }};
}

/// The page a part's one component draws.
#[derive(Properties, PartialEq)]
pub struct PartPageProps {
    pub route: Route,
}

/// The hook that runs the page of a route from the part `P`.
pub struct PageOf<P> {
    route: Route,
    part: PhantomData<P>,
}

impl<P: Pages> Hook for PageOf<P> {
    type Output = Html;

    fn run(self, ctx: &mut HookContext) -> Html {
        P::page(&self.route).map_or_else(not_found, |draw| draw(ctx))
    }
}

fn use_page_of<P: Pages>(route: &Route) -> PageOf<P> {
    PageOf {
        route: route.clone(),
        part: PhantomData,
    }
}

/// The one component that draws every page of the part `P`.
#[component]
pub fn PartPage<P: Pages>(props: &PartPageProps) -> Html {
    use_page_of::<P>(&props.route)
}

/// The page `route` names, drawn by part `P`'s component; `None` for a route
/// of another part, as for each part's pages below.
fn part_page<P: Pages>(route: Route) -> Option<Html> {
    P::page(&route).map(|_| {
        let key = route.to_path();
        html! { <PartPage<P> key={key} {route} /> }
    })
}

/// A part of an address as a page's prop.
fn attr(s: &str) -> AttrValue {
    AttrValue::from(s.to_owned())
}

fn id_props(id: &str) -> IdProps {
    IdProps { id: attr(id) }
}

fn case_props(id: &str, case: &str) -> CaseProps {
    CaseProps {
        id: attr(id),
        case: attr(case),
    }
}

/// The pages of the cases part: the task list and a case's summary.
pub struct Cases;

impl Pages for Cases {
    fn page(route: &Route) -> Option<Draw> {
        Some(match route {
            Route::Assessment { id } => draw!(use_task_list_page, id_props(id)),
            Route::Case { id, case } => draw!(use_case_page, case_props(id, case)),
            _ => return None,
        })
    }
}

/// The pages of the cases part.
pub fn case_pages(route: Route) -> Option<Html> {
    part_page::<Cases>(route)
}

/// The pages of the audit part.
pub struct Audit;

impl Pages for Audit {
    fn page(route: &Route) -> Option<Draw> {
        Some(match route {
            Route::Timeline { id, case } => draw!(use_timeline_page, case_props(id, case)),
            Route::CaseDetails { id, case } => draw!(use_case_details_page, case_props(id, case)),
            Route::Grade { id, case } => draw!(use_grade_page, case_props(id, case)),
            Route::ReferBack { id, case } => draw!(use_refer_back_page, case_props(id, case)),
            Route::Check { id, case } => draw!(use_check_page, case_props(id, case)),
            Route::DeleteCase { id, case } => draw!(use_delete_case_page, case_props(id, case)),
            _ => return None,
        })
    }
}

/// The pages of the audit part.
pub fn audit_pages(route: Route) -> Option<Html> {
    part_page::<Audit>(route)
}

/// The pages of the lead's part.
pub struct Lead;

impl Pages for Lead {
    fn page(route: &Route) -> Option<Draw> {
        Some(match route {
            Route::NewAssessment => draw!(use_new_assessment_page),
            Route::Import => draw!(use_import_page, ImportProps { id: None }),
            Route::About => draw!(use_about_page),
            Route::Clear => draw!(use_clear_page),
            Route::Plan { id } => draw!(use_plan_page, id_props(id)),
            Route::Results { id } => draw!(use_results_page, id_props(id)),
            Route::ReferBacks { id } => draw!(use_refer_backs_page, id_props(id)),
            Route::Calibration { id } => draw!(use_calibration_page, id_props(id)),
            Route::Review { id } => draw!(use_review_page, id_props(id)),
            Route::ReviewCase { id, case } => draw!(use_review_case_page, case_props(id, case)),
            Route::Topics { id } => draw!(use_topics_page, id_props(id)),
            Route::Topic { id, topic } => draw!(
                use_topic_page,
                TopicProps {
                    id: attr(id),
                    topic: attr(topic),
                }
            ),
            Route::Leadership { id } => draw!(use_leadership_page, id_props(id)),
            Route::Statement { id, statement } => draw!(
                use_statement_page,
                StatementProps {
                    id: attr(id),
                    statement: attr(statement),
                }
            ),
            Route::DipSample { id, sample } => draw!(
                use_dip_sample_page,
                DipSampleProps {
                    id: attr(id),
                    sample: attr(sample),
                }
            ),
            Route::Inspection { id } => draw!(use_inspection_page, id_props(id)),
            Route::NewRecommendation { id } => draw!(
                use_recommendation_page,
                RecommendationProps {
                    id: attr(id),
                    recommendation: None,
                }
            ),
            Route::InspectionUpdate { id } => draw!(use_inspection_update_page, id_props(id)),
            Route::Recommendation { id, recommendation } => draw!(
                use_recommendation_page,
                RecommendationProps {
                    id: attr(id),
                    recommendation: Some(attr(recommendation)),
                }
            ),
            Route::ActionPlan { id } => draw!(use_action_plan_page, id_props(id)),
            Route::NewAction { id } => draw!(
                use_action_page,
                ActionProps {
                    id: attr(id),
                    action: None,
                }
            ),
            Route::EditAction { id, action } => draw!(
                use_action_page,
                ActionProps {
                    id: attr(id),
                    action: Some(attr(action)),
                }
            ),
            Route::Progress { id } => draw!(use_progress_page, id_props(id)),
            Route::Export { id } => draw!(use_export_page, id_props(id)),
            Route::Report { id } => draw!(use_report_page, id_props(id)),
            Route::ImportInto { id } => draw!(use_import_page, ImportProps { id: Some(attr(id)) }),
            Route::DeleteAssessment { id } => draw!(use_delete_assessment_page, id_props(id)),
            Route::Team { id } => draw!(use_team_page, id_props(id)),
            Route::Standards { id } => draw!(use_standards_page, id_props(id)),
            _ => return None,
        })
    }
}

/// The pages of the lead's part.
pub fn lead_pages(route: Route) -> Option<Html> {
    part_page::<Lead>(route)
}
