//! Each case's stored text, kept from one save to the next, so a save
//! writes afresh only the cases that changed since the last one.
//!
//! A case is shared (`Arc<Case>`) and never changed in place once shared:
//! an edit copies it first (`Assessment::case_mut`). These texts hold on to
//! the case each was written from, so while a text is kept its case is
//! shared, and a case at the same address is the same case, unchanged.
//! Compact JSON writes a value the same wherever it stands, so a kept text
//! spliced into the file gives exactly the bytes writing it afresh would.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use serde::ser::{Error as _, SerializeSeq};
use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

use super::assessment::Case;

/// The texts of one assessment's cases as last written.
#[derive(Debug, Default)]
pub struct CaseTexts {
    texts: HashMap<*const Case, Written>,
    fresh: usize,
}

#[derive(Debug)]
struct Written {
    /// Held so the address stays this case's while the text is kept.
    _case: Arc<Case>,
    text: Box<RawValue>,
}

impl CaseTexts {
    /// How many cases the last write had to write afresh.
    pub fn fresh(&self) -> usize {
        self.fresh
    }

    /// How many case texts are kept.
    pub fn len(&self) -> usize {
        self.texts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }
}

/// While [`reusing`] runs: the texts to draw on, and those the write uses.
struct Reuse {
    old: CaseTexts,
    new: CaseTexts,
}

impl Reuse {
    fn text(&mut self, case: &Arc<Case>) -> Result<&RawValue, serde_json::Error> {
        let key = Arc::as_ptr(case);
        if !self.new.texts.contains_key(&key) {
            let written = match self.old.texts.remove(&key) {
                Some(kept) => kept,
                None => {
                    self.new.fresh += 1;
                    Written {
                        _case: Arc::clone(case),
                        text: serde_json::value::to_raw_value(&**case)?,
                    }
                }
            };
            self.new.texts.insert(key, written);
        }
        Ok(&self.new.texts[&key].text)
    }
}

thread_local! {
    static REUSE: RefCell<Option<Reuse>> = const { RefCell::new(None) };
}

/// Runs `write` (which writes compact JSON with `serde_json`) drawing each
/// case's text from `texts`, and leaves in `texts` the texts of the cases
/// it wrote: those of cases no longer there are dropped.
pub(crate) fn reusing<R>(texts: &mut CaseTexts, write: impl FnOnce() -> R) -> R {
    let started = REUSE.with(|r| match r.try_borrow_mut() {
        Ok(mut slot) if slot.is_none() => {
            *slot = Some(Reuse {
                old: std::mem::take(texts),
                new: CaseTexts::default(),
            });
            true
        }
        _ => false,
    });
    let out = write();
    if started {
        if let Some(reuse) = REUSE.with(|r| r.try_borrow_mut().ok().and_then(|mut s| s.take())) {
            *texts = reuse.new;
        }
    }
    out
}

/// Serialises an assessment's cases: from their kept texts inside
/// [`reusing`], as usual anywhere else.
pub(crate) fn serialize<S: Serializer>(cases: &[Arc<Case>], s: S) -> Result<S::Ok, S::Error> {
    REUSE.with(|r| {
        let Ok(mut slot) = r.try_borrow_mut() else {
            return cases.serialize(s);
        };
        let Some(reuse) = slot.as_mut() else {
            return cases.serialize(s);
        };
        let mut seq = s.serialize_seq(Some(cases.len()))?;
        for case in cases {
            seq.serialize_element(reuse.text(case).map_err(S::Error::custom)?)?;
        }
        seq.end()
    })
}
