//! Topic judgments (2024 framework): the force grades itself on each of the
//! five topics, from the case-audit evidence, with its reasoning, areas for
//! improvement and promising practice.

use crate::app::components::{table, TableProps};
use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use super::force_level::{evidence_to_do, statement_list, StatementListProps};
use super::frame::{assessment_frame, gate, FrameProps, OpenProps, Section};
use super::tasks::IdProps;
use crate::app::components::{
    error_for, field_setter, radios, stage_table, textarea, Choice, ErrorSummary, Page,
    RadiosProps, SavedStatus, StageTableProps, TextareaProps,
};
use crate::app::components::{warning_text, WarningTextProps};
use crate::app::drafts::use_draft;
use crate::app::hooks::use_open;
use crate::app::state::{use_store, Action, Flash, OpenAssessment};
use crate::app::Route;
use crate::domain::edit::Edit;
use crate::domain::forms::{count, FieldError, TopicForm};
use crate::domain::grade::{percent, TopicGrade};
use crate::domain::results::{GradeBasis, Results};
use crate::domain::topics::{
    evidence, judgment, judgments_table, overrides as topic_overrides, suggest_for,
    suggestion_changed, SuggestionChange,
};

/// "Our judgments": one column per grade, best first, each topic under the
/// grade the force gave it (the shape of the 2025 report's table), and how
/// often the force took the grade the tool suggested.
pub fn our_judgments(p: &OpenProps) -> Html {
    let fw = &p.open.framework;
    let (columns, ungraded) = judgments_table(fw, &p.open.assessment);
    let overrides = topic_overrides(&p.open.assessment);
    let name = |id: &String| fw.topic(id).map_or(id.clone(), |t| t.name.clone());
    html! {
        <>
            { table(&yew::props!(TableProps {
                id: "our-judgments",
                caption: "Our judgments",
                children: html! { <><thead><tr>
                    { for columns.iter().map(|c| html! { <th scope="col">{c.grade.label()}</th> }) }
                </tr></thead>
                <tbody><tr>
                    { for columns.iter().map(|c| html! {
                        <td>
                            if c.topics.is_empty() {
                                <span class="visually-hidden">{"No topic"}</span>
                            } else {
                                <ul class="list">{ for c.topics.iter().map(|t| html! { <li>{name(t)}</li> }) }</ul>
                            }
                        </td>
                    }) }
                </tr></tbody></> },
            })) }
            if !ungraded.is_empty() {
                <p id="not-judged">{format!("Not yet judged: {}.", ungraded.iter().map(name).collect::<Vec<_>>().join("; "))}</p>
            }
            if overrides.decided > 0 {
                <p id="topic-overrides">{format!(
                    "Suggested topic grades: {} confirmed, {} overridden kinder, {} overridden harsher (of {} graded against a suggestion).",
                    overrides.confirmed, overrides.kinder, overrides.harsher, overrides.decided
                )}</p>
            }
        </>
    }
}

/// Each topic's judgment, for the printed report: with the grade the tool
/// suggested, and whether the evidence has moved it since, as the topics
/// page shows them (found in review: the report left both out).
pub fn judgment_details(p: &OpenProps) -> Html {
    let fw = &p.open.framework;
    let a = &p.open.assessment;
    let r = Results::compute(fw, a, GradeBasis::Final);
    html! {
        { for fw.topics.iter().filter_map(|t| {
            let j = judgment(a, &t.id)?;
            let against = match (j.grade, j.suggested) {
                (Some(g), Some(s)) if g == s => "The grade the tool suggested.".to_owned(),
                (Some(_), Some(s)) => format!("Overrides the grade the tool suggested, {}.", s.label().to_ascii_lowercase()),
                _ => String::new(),
            };
            let changed = suggestion_changed(fw, a, &evidence(fw, a, &r, t), t);
            Some(html! {
                <section class="report-topic" key={t.id.clone()}>
                    <h3 class="heading-m">{format!("{}: {}", t.name, j.grade.map_or("not graded", |g| g.label()))}</h3>
                    if !against.is_empty() || changed.is_some() {
                        <p>{against}{changed.map(|c| format!(" {}.", changed_since(c))).unwrap_or_default()}</p>
                    }
                    if !j.reasoning.is_empty() { <p>{&j.reasoning}</p> }
                    if !j.areas_for_improvement.is_empty() {
                        <h4 class="heading-s">{"Areas for improvement"}</h4>
                        <ul class="list list--bullet">{ for j.areas_for_improvement.iter().map(|x| html! { <li>{x}</li> }) }</ul>
                    }
                    if !j.promising_practice.is_empty() {
                        <h4 class="heading-s">{"Promising practice"}</h4>
                        <ul class="list list--bullet">{ for j.promising_practice.iter().map(|x| html! { <li>{x}</li> }) }</ul>
                    }
                </section>
            })
        }) }
    }
}

/// The five topics, the judgments table and a link to judge each.
#[hook]
pub fn use_topics_page(p: &IdProps) -> Html {
    let open = match gate(use_open(&p.id)) {
        Ok(o) => o,
        Err(page) => return page,
    };
    let fw = &open.framework;
    let a = &open.assessment;
    if fw.topics.is_empty() {
        return html! {
            { assessment_frame(&yew::props!(FrameProps {
                open: open.clone(),
                title: "Topic judgments",
                section: Section::Topics,
                children: html! { <><p>{format!("{} has no graded topics: the inspectorate began grading five force-level topics in 2024. Start an assessment with the 2024 framework to judge them.", fw.title)}</p></> },
            })) }
        };
    }
    let r = Results::compute(fw, a, GradeBasis::Final);
    html! {
        { assessment_frame(&yew::props!(FrameProps {
            open: open.clone(),
            title: "Topic judgments",
            section: Section::Topics,
            children: html! { <><p>{"Since 2024 the inspectorate grades each force on five topics, on a five-point scale. For each, answer the force-level statements with the evidence the force holds, read the case-audit evidence, and grade the topic as an inspector would: the tool suggests a grade and says why."}</p>
            { our_judgments(&yew::props!(OpenProps { open: open.clone() })) }
            { evidence_to_do(&yew::props!(OpenProps { open: open.clone(), links: true })) }
            <ul class="task-list" id="topics">
                { for fw.topics.iter().map(|t| {
                    let grade = judgment(a, &t.id).and_then(|j| j.grade);
                    let changed = suggestion_changed(fw, a, &evidence(fw, a, &r, t), t);
                    let answered = t.good.iter().filter(|g| a.statements.get(&g.id).is_some_and(|x| x.value.is_some())).count();
                    html! {
                        <li class="task-list__item" key={t.id.clone()}>
                            <span class="task-list__name">
                                <Link<Route> to={Route::Topic { id: a.id.clone(), topic: t.id.clone() }}>{&t.name}</Link<Route>>
                                <span class="hint task-list__hint">{format!("{answered} of {} statements answered", t.good.len())}</span>
                                if let Some(c) = changed {
                                    <span class="hint task-list__hint">{changed_since(c)}</span>
                                }
                            </span>
                            <span class="task-list__status">
                                {grade.map_or_else(|| html! { <span class="tag tag--grey">{"Not judged"}</span> }, |g| html! { <strong class="tag">{g.label()}</strong> })}
                            </span>
                        </li>
                    }
                }) }
            </ul></> },
        })) }
    }
}

#[derive(Properties, PartialEq)]
pub struct EvidenceProps {
    pub open: Rc<OpenAssessment>,
    pub topic: AttrValue,
}

/// What the case audit says about a topic. A component of its own, not a
/// function, so that typing in the judgment form does not compute the
/// results again: its props compare equal until the assessment changes.
#[component]
pub fn EvidenceView(p: &EvidenceProps) -> Html {
    let fw = &p.open.framework;
    let a = &p.open.assessment;
    let Some(topic) = fw.topic(&p.topic) else {
        return html! {};
    };
    let r = Results::compute(fw, a, GradeBasis::Final);
    let e = evidence(fw, a, &r, topic);
    let scored = e.answers.scored();
    html! {
        <>
            <h2 class="heading-m">{"The evidence from the case audit"}</h2>
            <p id="topic-evidence">
                { if scored == 0 {
                    "No criterion in this topic's stages has been judged yet.".to_owned()
                } else {
                    format!("In the stages that bear on this topic, {} of {} judged answers are met ({}), {} partly met and {} not met.",
                        e.answers.met, scored, e.answers.share_met().map(percent).unwrap_or_default(), e.answers.partly_met, e.answers.not_met)
                } }
            </p>
            { stage_table(&yew::props!(StageTableProps { rows: e.stages.clone() })) }
            <h3 class="heading-s">{"Criteria not met, by criterion"}</h3>
            if e.failures.is_empty() {
                <p>{"None."}</p>
            } else {
                <ul class="list" id="criteria-not-met">
                    { for e.failures.iter().map(|f| {
                        let key = match f.key() {
                            0 => String::new(),
                            k if k == f.cases.len() => ", key in each".to_owned(),
                            k => format!(", key in {k}"),
                        };
                        html! {
                            <li key={f.criterion.clone()}>
                                <details class="details">
                                    <summary class="details__summary">{format!("{} {}: not met in {}{key}", f.criterion, f.text, count(f.cases.len(), "case"))}</summary>
                                    <div class="details__text">
                                        <ul class="list list--bullet">
                                            { for f.cases.iter().map(|c| html! {
                                                <li>
                                                    <Link<Route> to={Route::Case { id: a.id.clone(), case: c.case.clone() }}>{&c.label}</Link<Route>>
                                                    if c.key { {" (key for its case type)"} }
                                                </li>
                                            }) }
                                        </ul>
                                    </div>
                                </details>
                            </li>
                        }
                    }) }
                </ul>
            }
            <h3 class="heading-s">{"Refer-backs"}</h3>
            if e.refer_backs.is_empty() {
                <p>{"None on cases with practice not met in these stages."}</p>
            } else {
                <ul class="list list--bullet" id="topic-refer-backs">
                    { for e.refer_backs.iter().map(|rb| html! {
                        <li>{format!("{}: {} ({})", rb.label, rb.reason, if rb.open { "open" } else { "closed" })}</li>
                    }) }
                </ul>
            }
            <p class="hint">{format!("{} referred back in all.", count(a.cases.iter().filter(|c| c.refer_back.is_some()).count(), "case"))}</p>

        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct SuggestionProps {
    pub open: Rc<OpenAssessment>,
    pub topic: AttrValue,
    /// Whether the form, as typed, records promising practice: the
    /// suggestion is the one the save will record the grade against.
    pub promising: bool,
    /// Called with the suggested grade when the lead takes it.
    pub ontake: Callback<TopicGrade>,
}

/// The grade the rule suggests from the statements and the case audit,
/// with its reasons. Drawn with the form, as `ontake` holds the form's
/// state: it is computed again as the form changes (a component would be
/// too, its props never comparing equal).
pub fn suggestion_view(p: &SuggestionProps) -> Html {
    let fw = &p.open.framework;
    let a = &p.open.assessment;
    let Some(topic) = fw.topic(&p.topic) else {
        return html! {};
    };
    let r = Results::compute(fw, a, GradeBasis::Final);
    let e = evidence(fw, a, &r, topic);
    let s = suggest_for(fw, a, &e, topic, p.promising);
    let changed = suggestion_changed(fw, a, &e, topic);
    let rule = fw.topic_grading;
    html! {
        <section class="panel" id="topic-suggestion" aria-labelledby="topic-suggestion-heading">
            <h2 class="heading-m" id="topic-suggestion-heading">
                { match s.grade {
                    Some(g) => format!("Suggested grade: {}", g.label()),
                    None => "No suggested grade yet".to_owned(),
                } }
            </h2>
            if let Some(c) = changed {
                { warning_text(&yew::props!(WarningTextProps {
                    id: AttrValue::Static("suggestion-changed"),
                    children: html! { {format!("When the force's grade was saved, the rule suggested {}; it now suggests {}. Read the evidence again, then save the judgment to confirm or change the grade.", suggested_name(c.was), suggested_name(c.now))} },
                })) }
            }
            <ul class="list list--bullet">{ for s.reasons.iter().map(|r| html! { <li>{r}</li> }) }</ul>
            <details class="details">
                <summary class="details__summary">{"How the suggestion is made"}</summary>
                <div class="details__text">
                    <p>{"Statements and case answers score 1 when met and a half when partly met. The rule takes the lower of the two scores (the statements' alone before any case is audited) and suggests:"}</p>
                    <ul class="list list--bullet">
                        <li>{format!("inadequate below {}, or when {} or more of the cases audited in the topic's stages fail a key criterion;", percent(rule.inadequate_below), percent(rule.key_share_inadequate))}</li>
                        <li>{format!("requires improvement below {}, when {} or more fail a key criterion, or while a case there is still referred back;", percent(rule.adequate_at_least), percent(rule.key_share_requires_improvement))}</li>
                        <li>{format!("adequate below {}, or when any case fails a key criterion or a statement is not met;", percent(rule.good_at_least))}</li>
                        <li>{format!("outstanding when every statement is answered and every one that applies met, the case score is at least {} and the force records promising practice; otherwise good.", percent(rule.outstanding_at_least))}</li>
                    </ul>
                    <p>{"It needs at least half the statements answered. A grade other than the suggestion is an override, counted as for cases: the reasoning must say why."}</p>
                </div>
            </details>
            if let Some(g) = s.grade {
                <button type="button" class="button button--secondary" id="take-suggestion"
                    onclick={p.ontake.reform(move |_: MouseEvent| g)}>{format!("Grade it {}", g.label().to_ascii_lowercase())}</button>
            }
        </section>
    }
}

/// The topic a page is about (route::Pages gives it from the address).
pub struct TopicProps {
    pub id: AttrValue,
    pub topic: AttrValue,
}

/// One topic: what good looks like, the evidence, and the force's judgment.
#[hook]
pub fn use_topic_page(p: &TopicProps) -> Html {
    let store = use_store();
    let navigator = use_navigator();
    let form = use_draft::<TopicForm>(&[&p.id, "topic", &p.topic]);
    let errors = use_state(Vec::<FieldError>::new);
    let attempts = use_state(|| 0u32);
    let open = match gate(use_open(&p.id)) {
        Ok(o) => o,
        Err(page) => return page,
    };
    let fw = open.framework.clone();
    let a = &open.assessment;
    let back = Route::Topics { id: a.id.clone() };
    let Some(topic) = fw.topic(&p.topic).cloned() else {
        return html! {
            <Page title="Topic not found" back={back}>
                <p>{"This assessment's framework has no such topic."}</p>
            </Page>
        };
    };
    let current = form.current(TopicForm::from_judgment(judgment(a, &topic.id)));
    let set = |f: fn(&mut TopicForm, String)| field_setter(&form, &current, f);
    let onsubmit = {
        let (current, errors, attempts, topic_id) = (
            current.clone(),
            errors.clone(),
            attempts.clone(),
            topic.id.clone(),
        );
        let back = back.clone();
        let form = form.clone();
        Callback::from(move |ev: SubmitEvent| {
            ev.prevent_default();
            match current.check(&topic_id) {
                Err(found) => {
                    attempts.set(*attempts + 1);
                    errors.set(found);
                }
                Ok(j) => {
                    form.set(None);
                    store.dispatch(Action::EditThen(
                        Edit::SetTopicJudgment(j),
                        Flash::success("Judgment saved"),
                    ));
                    if let Some(nav) = &navigator {
                        nav.push(&back);
                    }
                }
            }
        })
    };
    let onchange = {
        let (form, current) = (form.clone(), current.clone());
        Callback::from(move |v: String| {
            let mut next = current.clone();
            next.grade = TopicGrade::ALL.into_iter().find(|g| g.id() == v);
            form.set(Some(next));
        })
    };
    let ontake = {
        let (form, current) = (form.clone(), current.clone());
        Callback::from(move |g: TopicGrade| {
            let mut next = current.clone();
            next.grade = Some(g);
            form.set(Some(next));
            crate::app::components::focus_after_render("topic-reasoning".into());
        })
    };
    let choices: Vec<Choice> = TopicGrade::ALL
        .iter()
        .map(|g| {
            let meaning = fw
                .topic_grade_level(*g)
                .map(|l| l.meaning.clone())
                .unwrap_or_default();
            Choice::new(g.id(), g.label()).hint(meaning)
        })
        .collect();
    html! {
        <Page title={topic.name.clone()} caption={AttrValue::from(format!("{} – topic judgment", a.force))} back={back}>
            <SavedStatus />
            <ErrorSummary errors={(*errors).clone()} attempt={*attempts} />
            { form.notice() }
            <p>{&topic.description}</p>
            <h2 class="heading-m">{"What good looks like: the force's statements"}</h2>
            <p>{"Answer each for the force as a whole, with the evidence it holds."}</p>
            { statement_list(&yew::props!(StatementListProps {
                open: open.clone(),
                group: topic.id.clone(),
            })) }

            <EvidenceView open={open.clone()} topic={topic.id.clone()} />

            { suggestion_view(&yew::props!(SuggestionProps {
                open: open.clone(),
                topic: topic.id.clone(),
                promising: current.records_promising(),
                ontake,
            })) }

            <h2 class="heading-m">{"The force's judgment"}</h2>
            <form {onsubmit} novalidate=true>
                { radios(&yew::props!(RadiosProps {
                    name: "topic-grade",
                    legend: html! { "The force's grade for this topic" },
                    choices,
                    selected: current.grade.map(|g| AttrValue::Static(g.id())),
                    error: error_for(&errors, "topic-grade").map(AttrValue::from),
                    onchange,
                })) }
                { textarea(&yew::props!(TextareaProps {
                    id: "topic-reasoning",
                    label: "Why this grade",
                    value: current.reasoning.clone(),
                    rows: 5,
                    hint: Some(AttrValue::Static("Argue from the evidence above, as an inspector would. Needed with a grade.")),
                    error: error_for(&errors, "topic-reasoning").map(AttrValue::from),
                    oninput: set(|f, v| f.reasoning = v),
                })) }
                { textarea(&yew::props!(TextareaProps {
                    id: "topic-areas",
                    label: "Areas for improvement",
                    value: current.areas.clone(),
                    rows: 4,
                    hint: Some(AttrValue::Static("One per line. Each becomes a suggested action in the action plan.")),
                    error: error_for(&errors, "topic-areas").map(AttrValue::from),
                    oninput: set(|f, v| f.areas = v),
                })) }
                { textarea(&yew::props!(TextareaProps {
                    id: "topic-promising",
                    label: "Promising practice",
                    value: current.promising.clone(),
                    rows: 3,
                    hint: Some(AttrValue::Static("One per line: practice others could learn from.")),
                    error: error_for(&errors, "topic-promising").map(AttrValue::from),
                    oninput: set(|f, v| f.promising = v),
                })) }
                <button type="submit" class="button">{"Save the judgment"}</button>
            </form>
        </Page>
    }
}

/// A suggested grade in words: "Good", or "no grade" before there is one.
fn suggested_name(g: Option<TopicGrade>) -> &'static str {
    g.map_or("no grade", TopicGrade::label)
}

/// The topics list's line for a judgment weighed against an older
/// suggestion ([`suggestion_changed`]).
fn changed_since(c: SuggestionChange) -> String {
    format!(
        "The suggestion is now {} ({} when judged): read it again",
        suggested_name(c.now).to_ascii_lowercase(),
        suggested_name(c.was).to_ascii_lowercase()
    )
}
