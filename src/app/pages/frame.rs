//! What every page about one assessment shares: opening it by id (with the
//! states on the way), and the frame around its content.

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::components::{date_time, Page, SavedStatus};
use crate::app::hooks::Opening;
use crate::app::state::OpenAssessment;
use crate::app::Route;
use crate::domain::assessment::Role;
use crate::domain::team::{pack_name, pack_role};

/// The open assessment, or the page to show instead while it loads or when
/// it cannot be opened.
pub fn gate(opening: Opening) -> Result<Rc<OpenAssessment>, Html> {
    match opening {
        Opening::Ready(open) => Ok(open),
        Opening::Loading | Opening::Preview(_) => Err(html! {
            <Page title="Opening the assessment">
                <p role="status">{"Opening the assessment…"}</p>
            </Page>
        }),
        Opening::Missing => Err(html! {
            <Page title="Assessment not found" back={Route::Home}>
                <p>{"There is no such assessment on this device. It may have been deleted, or saved in another browser."}</p>
                <p><Link<Route> to={Route::Home}>{"See the assessments on this device"}</Link<Route>></p>
            </Page>
        }),
        Opening::Unreadable(reason) => Err(html! {
            <Page title="This assessment could not be read" back={Route::Home}>
                <p>{"The saved copy on this device could not be read, so it has been kept aside, unchanged. Nothing has been deleted."}</p>
                <p>{format!("The problem: {reason}")}</p>
                <p>
                    {"You can download the kept copy from "}
                    <Link<Route> to={Route::Home}>{"the list of assessments"}</Link<Route>>
                    {" and send it to whoever supports the tool."}
                </p>
            </Page>
        }),
        Opening::Failed { message, retry } => Err(html! {
            <Page title="The assessment could not be opened" back={Route::Home}>
                <p>{"The browser's storage did not answer. Nothing has been changed or moved."}</p>
                <p>{message}</p>
                <button type="button" class="button" onclick={Callback::from(move |_: MouseEvent| retry.emit(()))}>{"Try again"}</button>
            </Page>
        }),
        Opening::Blocked { force, id } => Err(html! {
            <Page title="Your changes are not saved">
                <p>{format!("Your latest changes to the assessment for {force} could not be saved on this device. Opening another assessment now would lose them.")}</p>
                <p>
                    <Link<Route> to={Route::Export { id }}>{"Export that assessment first"}</Link<Route>>
                    {", or try saving it again. Once it is exported you can open other assessments, or delete ones you no longer need to free space."}
                </p>
            </Page>
        }),
    }
}

/// Which link of the assessment's navigation is the current page.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Tasks,
    Results,
    Calibration,
    Review,
    Topics,
    Leadership,
    Inspection,
    ActionPlan,
    Progress,
    ReferBacks,
    Export,
    Import,
    None,
}

/// A part of an assessment's pages given only the open assessment; those the
/// printed report shows too say whether they are on their own page.
#[derive(Properties, PartialEq)]
pub struct OpenProps {
    pub open: Rc<OpenAssessment>,
    /// On its own page: cases and actions are links and sections have h2
    /// headings. In the printed report (false): plain text, h3 headings.
    #[prop_or_default]
    pub links: bool,
}

#[derive(Properties, PartialEq)]
pub struct FrameProps {
    pub open: Rc<OpenAssessment>,
    pub title: AttrValue,
    #[prop_or(Section::None)]
    pub section: Section,
    #[prop_or_default]
    pub back: Option<Route>,
    #[prop_or_default]
    pub children: Html,
}

/// A page about one assessment: the force as caption, whether it is saved,
/// and the assessment's own navigation.
pub fn assessment_frame(p: &FrameProps) -> Html {
    let id = p.open.assessment.id.clone();
    let link = |section: Section, to: Route, label: &'static str| {
        if p.section == section {
            html! {
                <li class="assessment-nav__item">
                    <span class="assessment-nav__link assessment-nav__link--current" aria-current="page">{label}</span>
                </li>
            }
        } else {
            html! {
                <li class="assessment-nav__item">
                    <Link<Route> {to} classes="assessment-nav__link">{label}</Link<Route>>
                </li>
            }
        }
    };
    html! {
        <Page title={p.title.clone()} caption={AttrValue::from(p.open.assessment.force.clone())} back={p.back.clone()}>
            <SavedStatus />
            <nav class="assessment-nav no-print" aria-label="This assessment">
                <ul class="assessment-nav__list">
                    {link(Section::Tasks, Route::Assessment { id: id.clone() }, "Cases")}
                    {link(Section::Results, Route::Results { id: id.clone() }, "Results")}
                    {link(Section::Calibration, Route::Calibration { id: id.clone() }, "Calibration")}
                    // An auditor's pack returns the audit only.
                    if pack_role(&p.open.assessment) != Some(Role::Auditor) {
                        {link(Section::Review, Route::Review { id: id.clone() }, "Blind review")}
                    }
                    if !p.open.framework.topics.is_empty() {
                        {link(Section::Topics, Route::Topics { id: id.clone() }, "Topics")}
                    }
                    if !p.open.framework.leadership.is_empty() {
                        {link(Section::Leadership, Route::Leadership { id: id.clone() }, "Leadership")}
                    }
                    {link(Section::Inspection, Route::Inspection { id: id.clone() }, "Inspection")}
                    {link(Section::ActionPlan, Route::ActionPlan { id: id.clone() }, "Action plan")}
                    {link(Section::Progress, Route::Progress { id: id.clone() }, "Progress")}
                    {link(Section::ReferBacks, Route::ReferBacks { id: id.clone() }, "Refer-backs")}
                    {link(Section::Export, Route::Export { id: id.clone() }, "Export and print")}
                    {link(Section::Import, Route::ImportInto { id }, "Import")}
                </ul>
            </nav>
            if let Some(pack) = &p.open.assessment.pack {
                <div class="inset-text no-print" id="pack-banner">
                    <p>{format!(
                        "Work pack for {}: the cases of {}'s assessment {}{}. Your work stays on this device until you download it from Export and send the file to the lead, who brings it back into the assessment.",
                        pack_name(&p.open.assessment).unwrap_or_default(),
                        p.open.assessment.force,
                        if pack_role(&p.open.assessment) == Some(Role::Reviewer) { "for you to grade blind" } else { "allocated to you" },
                        pack.made_at.map(|t| format!(", made {}", date_time(t))).unwrap_or_default()
                    )}</p>
                </div>
            }
            {p.children.clone()}
        </Page>
    }
}
