//! Form pieces in the GOV.UK Design System's patterns: every input has a
//! label; hints and errors are tied to it with `aria-describedby`; an error
//! summary at the top of the page takes focus and links to each field.

use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::domain::format::{MAX_LONG_TEXT, MAX_LONG_TEXT_ATTR};
use crate::domain::forms::{FieldError, INCOMPLETE};

/// The text of an input, textarea or select that fired an event; for a
/// date or time input holding a date typed in part, [`INCOMPLETE`] (the
/// browser gives it no value, as if it were empty).
pub fn event_value(e: &Event) -> String {
    let Some(target) = e.target() else {
        return String::new();
    };
    if let Some(i) = target.dyn_ref::<HtmlInputElement>() {
        let value = i.value();
        if value.is_empty() && i.validity().bad_input() {
            INCOMPLETE.to_owned()
        } else {
            value
        }
    } else if let Some(t) = target.dyn_ref::<HtmlTextAreaElement>() {
        t.value()
    } else if let Some(s) = target.dyn_ref::<HtmlSelectElement>() {
        s.value()
    } else {
        String::new()
    }
}

/// A callback for `oninput` that passes on the new text.
pub fn on_text(cb: &Callback<String>) -> Callback<InputEvent> {
    let cb = cb.clone();
    Callback::from(move |e: InputEvent| cb.emit(event_value(&e)))
}

/// A callback for `onblur` that catches what no input event tells: a date
/// typed in part into an empty field (its value stays empty, so the browser
/// fires nothing) passes on [`INCOMPLETE`], and such a field then cleared
/// passes on nothing typed. `current` is what the form holds for the field.
pub fn on_leave(cb: &Callback<String>, current: &AttrValue) -> Callback<FocusEvent> {
    let (cb, current) = (cb.clone(), current.clone());
    Callback::from(move |e: FocusEvent| {
        let now = event_value(&e);
        let was_incomplete = current.as_str() == INCOMPLETE;
        if (now == INCOMPLETE && !was_incomplete) || (now.is_empty() && was_incomplete) {
            cb.emit(now);
        }
    })
}

/// The error for a field, if any.
pub fn error_for<'a>(errors: &'a [FieldError], field: &str) -> Option<&'a str> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| e.message.as_str())
}

/// The ids of `before` (a warning beside the field), the field's hint and
/// its error, as far as there are any.
fn described_by(id: &str, hint: bool, error: bool, before: Option<&AttrValue>) -> Option<String> {
    let mut ids: Vec<String> = before.map(|b| b.to_string()).into_iter().collect();
    if hint {
        ids.push(format!("{id}-hint"));
    }
    if error {
        ids.push(format!("{id}-error"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

#[derive(Properties, PartialEq)]
pub struct ErrorSummaryProps {
    pub errors: Vec<FieldError>,
    #[prop_or(AttrValue::Static("There is a problem"))]
    pub title: AttrValue,
    /// Goes up with every failed submit, so the summary takes focus again
    /// even when the errors are the same as last time.
    #[prop_or_default]
    pub attempt: u32,
    /// Whether the summary takes focus when it appears: not on a page that
    /// checks each field as it changes, where it would pull the user out of
    /// the field they are typing in (found in review); it is still announced.
    #[prop_or(true)]
    pub take_focus: bool,
}

/// A callback that sets one field of a form's typing (`None` until first
/// edited), starting from `current`, what it shows now.
pub fn field_setter<F: Clone + PartialEq + 'static>(
    form: &crate::app::drafts::Draft<F>,
    current: &F,
    f: fn(&mut F, String),
) -> Callback<String> {
    let form = form.clone();
    let current = current.clone();
    Callback::from(move |v: String| {
        let mut next = current.clone();
        f(&mut next, v);
        form.set(Some(next));
    })
}

/// The list of problems at the top of a page. Takes focus when it appears so
/// screen readers announce it; each problem links to its field.
#[component]
pub fn ErrorSummary(props: &ErrorSummaryProps) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        let take_focus = props.take_focus;
        use_effect_with((props.errors.clone(), props.attempt), move |(errors, _)| {
            if take_focus && !errors.is_empty() {
                if let Some(el) = node.cast::<HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }
    if props.errors.is_empty() {
        return html! {};
    }
    html! {
        <div class="error-summary" tabindex="-1" ref={node} role="alert" aria-labelledby="error-summary-title">
            <ErrorTitle />
            <h2 class="error-summary__title" id="error-summary-title">{props.title.clone()}</h2>
            <ul class="error-summary__list">
                { for props.errors.iter().map(|e| {
                    let field = e.field.clone();
                    let onclick = Callback::from(move |ev: MouseEvent| {
                        // Hash routing: follow the link by moving focus, not the URL.
                        ev.prevent_default();
                        focus_field(&field);
                    });
                    html! {
                        <li><a href={format!("#{}", e.field)} {onclick}>{&e.message}</a></li>
                    }
                }) }
            </ul>
        </div>
    }
}

/// While an error summary shows, the tab's title starts "Error: ", as
/// GOV.UK's pattern has it: the title is what a screen reader reads first.
/// Drawn inside the summary, so the title says so exactly as long as it
/// shows, whatever the page's title becomes meanwhile (`page::set_title`).
#[component]
pub fn ErrorTitle() -> Html {
    use_effect_with((), |_| {
        super::page::errors_shown(1);
        || super::page::errors_shown(-1)
    });
    html! {}
}

/// Moves focus to the element with this id once the change just dispatched
/// has rendered: for a control that disappears when used, so keyboard users
/// are not sent back to the top of the page.
pub fn focus_after_render(id: String) {
    gloo::timers::callback::Timeout::new(0, move || focus_field(&id)).forget();
}

/// Moves focus to the element with this id and scrolls it into view.
pub fn focus_field(id: &str) {
    let el = gloo::utils::document()
        .get_element_by_id(id)
        .and_then(|el| el.dyn_into::<HtmlElement>().ok());
    if let Some(el) = el {
        let _ = el.focus();
        el.scroll_into_view();
    }
}

#[derive(Properties, PartialEq)]
pub struct TextInputProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub oninput: Callback<String>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// "text", "date" or "number"-like text (`inputmode`).
    #[prop_or(AttrValue::Static("text"))]
    pub kind: AttrValue,
    #[prop_or_default]
    pub width: Option<AttrValue>,
    #[prop_or_default]
    pub inputmode: Option<AttrValue>,
    #[prop_or_default]
    pub autocomplete: Option<AttrValue>,
    /// Shown under the input, e.g. a warning.
    #[prop_or_default]
    pub children: Html,
}

/// The value an input is drawn with: none for a date typed in part, which
/// leaves what the user typed in place (Yew writes a value to the input only
/// when it differs from the input's own, which is then empty).
fn shown(value: &AttrValue) -> AttrValue {
    if value.as_str() == INCOMPLETE {
        AttrValue::Static("")
    } else {
        value.clone()
    }
}

pub fn text_input(p: &TextInputProps) -> Html {
    let id = p.id.to_string();
    let mut class = classes!("input");
    if let Some(w) = &p.width {
        class.push(format!("input--{w}"));
    }
    if p.error.is_some() {
        class.push("input--error");
    }
    html! {
        <div class={classes!("form-group", p.error.as_ref().map(|_| "form-group--error"))}>
            <label class="label" for={id.clone()}>{p.label.clone()}</label>
            if let Some(hint) = &p.hint {
                <div class="hint" id={format!("{id}-hint")}>{hint.clone()}</div>
            }
            if let Some(error) = &p.error {
                <p class="error-message" id={format!("{id}-error")}>
                    <span class="visually-hidden">{"Error: "}</span>{error.clone()}
                </p>
            }
            <input {class} id={id.clone()} name={id.clone()} type={p.kind.clone()}
                value={shown(&p.value)} oninput={on_text(&p.oninput)} onblur={on_leave(&p.oninput, &p.value)}
                inputmode={p.inputmode.clone()} autocomplete={p.autocomplete.clone().unwrap_or(AttrValue::Static("off"))}
                spellcheck="false"
                aria-describedby={described_by(&id, p.hint.is_some(), p.error.is_some(), None)} />
            {p.children.clone()}
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct TextareaProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub oninput: Callback<String>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or(3)]
    pub rows: u32,
    /// Show the label as normal text rather than bold.
    #[prop_or_default]
    pub plain_label: bool,
    /// The box stops at the longest note a stored assessment may hold
    /// (`MAX_LONG_TEXT`), for text saved as it is typed, with no form to
    /// check it first.
    #[prop_or_default]
    pub long_text: bool,
    /// The id of a warning beside the box that speaks to what it holds,
    /// read with its hint.
    #[prop_or_default]
    pub warning: Option<AttrValue>,
}

pub fn textarea(p: &TextareaProps) -> Html {
    let id = p.id.to_string();
    // A box at its limit took no more: a longer paste was cut there by the
    // browser without a word (found in review), so the box says so,
    // counting as the browser does (UTF-16 units).
    let full = p.long_text && p.value.encode_utf16().count() >= MAX_LONG_TEXT;
    html! {
        <div class={classes!("form-group", p.error.as_ref().map(|_| "form-group--error"))}>
            <label class={if p.plain_label { "label label--plain" } else { "label" }} for={id.clone()}>{p.label.clone()}</label>
            if let Some(hint) = &p.hint {
                <div class="hint" id={format!("{id}-hint")}>{hint.clone()}</div>
            }
            if let Some(error) = &p.error {
                <p class="error-message" id={format!("{id}-error")}>
                    <span class="visually-hidden">{"Error: "}</span>{error.clone()}
                </p>
            }
            <textarea class={classes!("textarea", p.error.as_ref().map(|_| "textarea--error"))}
                id={id.clone()} name={id.clone()} rows={p.rows.to_string()}
                value={p.value.clone()} oninput={on_text(&p.oninput)} maxlength={p.long_text.then_some(MAX_LONG_TEXT_ATTR)}
                aria-describedby={described_by(&id, p.hint.is_some(), p.error.is_some(), p.warning.as_ref())} />
            if full {
                <p class="hint" role="status" id={format!("{id}-full")}>{"The box is full: it holds "}{MAX_LONG_TEXT_ATTR}{" characters, and anything typed or pasted after that was not taken. Keep the rest in the case file, or shorten the note."}</p>
            }
        </div>
    }
}

/// One choice of a radio group.
#[derive(Clone, PartialEq)]
pub struct Choice {
    pub value: AttrValue,
    pub label: AttrValue,
    pub hint: Option<AttrValue>,
}

impl Choice {
    pub fn new(value: impl Into<AttrValue>, label: impl Into<AttrValue>) -> Choice {
        Choice {
            value: value.into(),
            label: label.into(),
            hint: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<AttrValue>) -> Choice {
        self.hint = Some(hint.into());
        self
    }
}

#[derive(Properties, PartialEq)]
pub struct RadiosProps {
    /// The group's name and the id of its first radio (for error links).
    pub name: AttrValue,
    pub legend: Html,
    pub choices: Vec<Choice>,
    pub selected: Option<AttrValue>,
    pub onchange: Callback<String>,
    #[prop_or_default]
    pub hint: Option<Html>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub inline: bool,
    /// A larger legend, when the question is the page's main question.
    #[prop_or_default]
    pub legend_m: bool,
    /// Content after the hint and before the radios (e.g. glossary terms).
    #[prop_or_default]
    pub children: Html,
    /// Content inside the group after the radios (e.g. an evidence note),
    /// so it is announced with the group's question.
    #[prop_or_default]
    pub after: Html,
}

pub fn radios(p: &RadiosProps) -> Html {
    let name = p.name.to_string();
    html! {
        <div class={classes!("form-group", p.error.as_ref().map(|_| "form-group--error"))}>
            <fieldset class="fieldset" aria-describedby={described_by(&name, p.hint.is_some(), p.error.is_some(), None)}>
                <legend class={classes!("fieldset__legend", p.legend_m.then_some("fieldset__legend--m"))}>{p.legend.clone()}</legend>
                if let Some(hint) = &p.hint {
                    <div class="hint" id={format!("{name}-hint")}>{hint.clone()}</div>
                }
                {p.children.clone()}
                if let Some(error) = &p.error {
                    <p class="error-message" id={format!("{name}-error")}>
                        <span class="visually-hidden">{"Error: "}</span>{error.clone()}
                    </p>
                }
                <div class={classes!("radios", p.inline.then_some("radios--inline"))}>
                    { for p.choices.iter().enumerate().map(|(i, c)| {
                        let id = if i == 0 { name.clone() } else { format!("{name}-{}", c.value) };
                        let value = c.value.to_string();
                        let onchange = {
                            let cb = p.onchange.clone();
                            Callback::from(move |_: Event| cb.emit(value.clone()))
                        };
                        let checked = p.selected.as_ref() == Some(&c.value);
                        let hint_id = c.hint.as_ref().map(|_| format!("{id}-item-hint"));
                        html! {
                            <div class="radios__item">
                                <input class="radios__input" type="radio" id={id.clone()} name={name.clone()}
                                    value={c.value.clone()} {checked} {onchange}
                                    aria-describedby={hint_id.clone()} />
                                // The hint beside the label, not in it: in it, it
                                // would be read as part of the choice's name and
                                // again as its description.
                                <div class="radios__text">
                                    <label class="radios__label" for={id}>{c.label.clone()}</label>
                                    if let (Some(h), Some(hid)) = (&c.hint, &hint_id) {
                                        <div class="radios__hint" id={hid.clone()}>{h.clone()}</div>
                                    }
                                </div>
                            </div>
                        }
                    }) }
                </div>
                {p.after.clone()}
            </fieldset>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct CheckboxesProps {
    pub name: AttrValue,
    pub legend: AttrValue,
    pub choices: Vec<Choice>,
    pub checked: Vec<AttrValue>,
    /// Called with the value and whether it is now checked.
    pub ontoggle: Callback<(String, bool)>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
}

pub fn checkboxes(p: &CheckboxesProps) -> Html {
    let name = p.name.to_string();
    html! {
        <div class="form-group">
            <fieldset class="fieldset" aria-describedby={p.hint.as_ref().map(|_| format!("{name}-hint"))}>
                <legend class="fieldset__legend">{p.legend.clone()}</legend>
                if let Some(hint) = &p.hint {
                    <div class="hint" id={format!("{name}-hint")}>{hint.clone()}</div>
                }
                <div class="checkboxes">
                    { for p.choices.iter().enumerate().map(|(i, c)| {
                        let id = if i == 0 { name.clone() } else { format!("{name}-{}", c.value) };
                        let value = c.value.to_string();
                        let onchange = {
                            let cb = p.ontoggle.clone();
                            Callback::from(move |e: Event| {
                                let on = e.target_dyn_into::<HtmlInputElement>().is_some_and(|i| i.checked());
                                cb.emit((value.clone(), on))
                            })
                        };
                        html! {
                            <div class="checkboxes__item">
                                <input class="checkboxes__input" type="checkbox" id={id.clone()} name={name.clone()}
                                    value={c.value.clone()} checked={p.checked.contains(&c.value)} {onchange} />
                                <label class="checkboxes__label" for={id}>{c.label.clone()}</label>
                            </div>
                        }
                    }) }
                </div>
            </fieldset>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct WarningTextProps {
    pub children: Html,
    #[prop_or_default]
    pub id: Option<AttrValue>,
}

/// A warning with an "!" icon, in words for screen readers.
pub fn warning_text(p: &WarningTextProps) -> Html {
    html! {
        <div class="warning-text" id={p.id.clone()}>
            <span class="warning-text__icon" aria-hidden="true">{"!"}</span>
            <strong><span class="visually-hidden">{"Warning: "}</span>{p.children.clone()}</strong>
        </div>
    }
}
