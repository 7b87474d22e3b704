//! The forms saved by a button keep what is typed into them for as long as
//! the tab is open ([`crate::domain::drafts`]): leaving the page and coming
//! back shows it again, and closing the tab while any is kept asks first
//! (`hooks::use_autosave`'s `beforeunload`).

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use yew::prelude::*;

use crate::domain::assessment::Assessment;
use crate::domain::drafts::Drafts;

type Value = Rc<dyn Any>;

thread_local! {
    static KEPT: RefCell<Drafts<Value>> = RefCell::new(Drafts::default());
}

fn with_key<T>(key: &[String], f: impl FnOnce(&[&str]) -> T) -> T {
    let key: Vec<&str> = key.iter().map(String::as_str).collect();
    f(&key)
}

/// Whether any form holds typing not yet saved.
pub fn unsaved() -> bool {
    KEPT.with(|k| k.borrow().unsaved() > 0)
}

/// Discards the typing kept for every form under `prefix` (a case or an
/// assessment deleted or replaced).
pub fn discard_under(prefix: &[&str]) {
    KEPT.with(|k| k.borrow_mut().discard_under(prefix));
}

/// Discards the typing kept for the forms of the assessment's cases,
/// actions and recommendations that are gone (deleted in another tab, or by
/// work brought back): no page could show it.
pub fn prune(a: &Assessment) {
    KEPT.with(|k| {
        let mut k = k.borrow_mut();
        if k.unsaved() == 0 {
            return;
        }
        k.prune(&a.id, |kind, id| match kind {
            "case" => a.case(id).is_some(),
            "action" => a.actions.iter().any(|x| x.id == id),
            "recommendation" => a.recommendations.iter().any(|x| x.id == id),
            _ => true,
        });
    });
}

// What follows is written once for every form, not once per form's type
// (each generic copy would add to the download).

/// Keeps (or with `None` discards) a form's typing; `began` is what the
/// form showed before it, taken only when the typing begins.
fn keep(slot: &Slot, began: Value, value: Option<Value>) {
    if value.is_none() {
        // Discarded or saved: typing again is new typing, not kept typing.
        slot.restored.set(false);
    }
    with_key(&slot.key, |key| {
        KEPT.with(|k| k.borrow_mut().set(key, began, value))
    });
    slot.update.force_update();
}

/// Where a form's typing is kept, and whether the page opened on it.
#[derive(Clone)]
struct Slot {
    key: Rc<[String]>,
    restored: Rc<Cell<bool>>,
    update: UseForceUpdateHandle,
}

/// A form's typing, kept until saved or discarded. Each render gives it
/// what is saved ([`Draft::current`]), which the form shows when nothing is
/// kept, and which typing begins from.
pub struct Draft<F> {
    slot: Slot,
    saved: Rc<RefCell<Option<F>>>,
    /// What is saved differs from what the kept typing began from.
    changed: Rc<Cell<bool>>,
}

impl<F> Clone for Draft<F> {
    fn clone(&self) -> Self {
        Self {
            slot: self.slot.clone(),
            saved: self.saved.clone(),
            changed: self.changed.clone(),
        }
    }
}

impl<F: Clone + PartialEq + 'static> Draft<F> {
    /// What the form shows: the typing kept, or else `saved`. Typing that
    /// has come back to what is saved is no longer kept.
    pub fn current(&self, saved: F) -> F {
        let is = |v: &Value| v.downcast_ref::<F>() == Some(&saved);
        let kept = with_key(&self.slot.key, |key| {
            KEPT.with(|k| {
                let mut k = k.borrow_mut();
                if !k.settle(key, is) {
                    return None;
                }
                self.changed
                    .set(k.began(key).is_some_and(|b| b.is::<F>() && !is(b)));
                k.get(key).and_then(|v| v.downcast_ref::<F>().cloned())
            })
        });
        if kept.is_none() {
            self.slot.restored.set(false);
        }
        let shown = kept.unwrap_or_else(|| saved.clone());
        *self.saved.borrow_mut() = Some(saved);
        shown
    }

    /// Keeps the form's typing; `None` discards it, as saving must.
    pub fn set(&self, value: Option<F>) {
        // Before the first render there is nothing saved to begin from:
        // the typing is kept, and no change elsewhere can be told.
        let began: Value = match self.saved.borrow().clone() {
            Some(s) => Rc::new(s),
            None => Rc::new(()),
        };
        keep(&self.slot, began, value.map(|v| Rc::new(v) as Value));
    }

    /// What the form showed when the kept typing began.
    pub fn began(&self) -> Option<F> {
        with_key(&self.slot.key, |key| {
            KEPT.with(|k| {
                k.borrow()
                    .began(key)
                    .and_then(|v| v.downcast_ref::<F>().cloned())
            })
        })
    }
}

impl<F> Draft<F> {
    /// Whether typing is kept for the form.
    pub fn kept(&self) -> bool {
        with_key(&self.slot.key, |key| {
            KEPT.with(|k| k.borrow().get(key).is_some())
        })
    }

    /// Says, where a page opens on typing kept from an earlier visit, that
    /// it is not saved, with a button to discard it; and, where what is
    /// saved has changed since the typing began, that saving would put the
    /// typing in its place.
    pub fn notice(&self) -> Html {
        notice(self.kept(), self.changed.get(), &self.slot)
    }
}

/// The typing kept for the form at `key` (its place, from the assessment
/// down: `[id, "case", case, "grade"]`).
#[hook]
pub fn use_draft<F: 'static>(key: &[&str]) -> Draft<F> {
    Draft {
        slot: use_slot(key),
        saved: Rc::new(RefCell::new(None)),
        changed: Rc::new(Cell::new(false)),
    }
}

#[hook]
fn use_slot(key: &[&str]) -> Slot {
    let update = use_force_update();
    let key: Rc<[String]> = key.iter().map(|p| (*p).to_owned()).collect();
    // Whether the page opened on kept typing: judged once per form shown,
    // and over once the typing is saved or discarded.
    let restored = (*use_memo(key.clone(), |key| {
        Rc::new(Cell::new(with_key(key, |key| {
            KEPT.with(|k| k.borrow().get(key).is_some())
        })))
    }))
    .clone();
    Slot {
        key,
        restored,
        update,
    }
}

fn notice(kept: bool, changed: bool, slot: &Slot) -> Html {
    if !(kept && (slot.restored.get() || changed)) {
        return html! {};
    }
    let discard = {
        let slot = slot.clone();
        Callback::from(move |_: MouseEvent| keep(&slot, Rc::new(()), None))
    };
    html! {
        <div class="inset-text" id="draft-kept">
            <p>{if slot.restored.get() {
                "Not saved yet: this shows what you typed here before you left the page. Save it, or discard it to see what is saved."
            } else {
                "Not saved yet."
            }}</p>
            if changed {
                <p id="draft-changed">{"What is saved here has changed since you began typing (in another tab, by work brought back, or on another page): saving puts what you typed in its place. Discard it to see what is saved now."}</p>
            }
            <button type="button" class="button button--secondary button--small" onclick={discard}>{"Discard what I typed"}</button>
        </div>
    }
}
