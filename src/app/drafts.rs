//! The forms saved by a button keep what is typed into them for as long as
//! the tab is open ([`crate::domain::drafts`]): leaving the page and coming
//! back shows it again, and closing the tab while any is kept asks first
//! (`hooks::use_autosave`'s `beforeunload`).

use std::any::Any;
use std::cell::RefCell;
use std::ops::Deref;
use std::rc::Rc;

use yew::prelude::*;

use crate::domain::drafts::Drafts;

thread_local! {
    static KEPT: RefCell<Drafts<Rc<dyn Any>>> = RefCell::new(Drafts::default());
}

/// Whether any form holds typing not yet saved.
pub fn unsaved() -> bool {
    KEPT.with(|k| k.borrow().unsaved() > 0)
}

/// Discards the typing kept for every form under `prefix` (a case or an
/// assessment deleted).
pub fn discard_under(prefix: &[&str]) {
    KEPT.with(|k| k.borrow_mut().discard_under(prefix));
}

fn read<F: Clone + 'static>(key: &[String]) -> Option<F> {
    let key: Vec<&str> = key.iter().map(String::as_str).collect();
    KEPT.with(|k| {
        k.borrow()
            .get(&key)
            .and_then(|v| v.downcast_ref::<F>().cloned())
    })
}

// What follows is written once for every form, not once per form's type
// (each generic copy would add to the download).

fn keep(key: &[String], value: Option<Rc<dyn Any>>, update: &UseForceUpdateHandle) {
    let key: Vec<&str> = key.iter().map(String::as_str).collect();
    KEPT.with(|k| k.borrow_mut().set(&key, value));
    update.force_update();
}

/// A form's typing: `None` until the user changes the form, which then
/// shows this rather than what is saved. Used as `UseStateHandle<Option<F>>`
/// was; setting `None` discards it, as saving the form must.
pub struct Draft<F> {
    slot: Slot,
    value: Option<F>,
}

/// Where a form's typing is kept, and whether the page opened on it.
#[derive(Clone)]
struct Slot {
    key: Rc<[String]>,
    restored: bool,
    update: UseForceUpdateHandle,
}

impl<F: Clone> Clone for Draft<F> {
    fn clone(&self) -> Self {
        Self {
            slot: self.slot.clone(),
            value: self.value.clone(),
        }
    }
}

impl<F> Deref for Draft<F> {
    type Target = Option<F>;
    fn deref(&self) -> &Option<F> {
        &self.value
    }
}

impl<F: 'static> Draft<F> {
    pub fn set(&self, value: Option<F>) {
        keep(
            &self.slot.key,
            value.map(|v| Rc::new(v) as Rc<dyn Any>),
            &self.slot.update,
        );
    }
}

#[hook]
fn use_slot(key: &[&str]) -> Slot {
    let update = use_force_update();
    let key: Rc<[String]> = key.iter().map(|p| (*p).to_owned()).collect();
    // Whether the page opened on kept typing: judged once per form shown.
    let restored = *use_memo(key.clone(), |key| {
        let key: Vec<&str> = key.iter().map(String::as_str).collect();
        KEPT.with(|k| k.borrow().get(&key).is_some())
    });
    Slot {
        key,
        restored,
        update,
    }
}

/// The typing kept for the form at `key` (its place, from the assessment
/// down, then the form's name).
#[hook]
pub fn use_draft<F: Clone + 'static>(key: &[&str]) -> Draft<F> {
    let slot = use_slot(key);
    let value = read::<F>(&slot.key);
    Draft { slot, value }
}

/// Says, where a page opens on typing kept from an earlier visit, that it
/// is not saved, with a button to discard it.
pub fn draft_notice<F>(draft: &Draft<F>) -> Html {
    notice(draft.value.is_some(), &draft.slot)
}

fn notice(kept: bool, slot: &Slot) -> Html {
    if !(kept && slot.restored) {
        return html! {};
    }
    let discard = {
        let slot = slot.clone();
        Callback::from(move |_: MouseEvent| keep(&slot.key, None, &slot.update))
    };
    html! {
        <div class="inset-text" id="draft-kept">
            <p>{"Not saved yet: this shows what you typed here before you left the page. Save it, or discard it to see what is saved."}</p>
            <button type="button" class="button button--secondary button--small" onclick={discard}>{"Discard what I typed"}</button>
        </div>
    }
}
