//! What is typed into a form saved by a button (a case's details, its
//! grade, a refer-back, the lead's forms), kept until it is saved or
//! discarded.
//!
//! Answers and notes save themselves as they are typed; these forms save
//! only when their button is pressed, because what they hold is checked as
//! a whole (a grade against the suggestion needs its reason, a refer-back
//! its owner). Before, leaving such a page dropped what was typed without a
//! word. Now each form's typing is kept here, by the form's key, for as long
//! as the tab is open: coming back shows it again, and closing the tab while
//! any is kept asks first.

/// Each form's unsaved typing, by key, in the order it was begun, with
/// what the form showed when the typing began. A key is the form's place,
/// from the assessment down: `["a1", "case", "c1", "grade"]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Drafts<V> {
    kept: Vec<Kept<V>>,
}

#[derive(Debug, Clone, PartialEq)]
struct Kept<V> {
    key: Vec<String>,
    /// What was saved when the typing began: where what is saved now
    /// differs, the form was changed elsewhere since (another tab, work
    /// brought back), and saving the typing would put it in its place.
    began: V,
    value: V,
}

impl<V> Default for Drafts<V> {
    fn default() -> Self {
        Self { kept: Vec::new() }
    }
}

impl<V> Drafts<V> {
    fn find(&self, key: &[&str]) -> Option<&Kept<V>> {
        self.kept.iter().find(|k| k.key == key)
    }

    /// What is kept for the form, if anything.
    pub fn get(&self, key: &[&str]) -> Option<&V> {
        self.find(key).map(|k| &k.value)
    }

    /// What the form showed when the kept typing began.
    pub fn began(&self, key: &[&str]) -> Option<&V> {
        self.find(key).map(|k| &k.began)
    }

    /// Keeps the form's typing (`began` is what the form showed before it,
    /// taken only when the typing begins); `None` discards it (the form was
    /// saved, or the user discarded it).
    pub fn set(&mut self, key: &[&str], began: V, value: Option<V>) {
        let at = self.kept.iter().position(|k| k.key == key);
        match (at, value) {
            (Some(i), Some(v)) => {
                if let Some(k) = self.kept.get_mut(i) {
                    k.value = v;
                }
            }
            (Some(i), None) => {
                self.kept.remove(i);
            }
            (None, Some(value)) => self.kept.push(Kept {
                key: key.iter().map(|p| (*p).to_owned()).collect(),
                began,
                value,
            }),
            (None, None) => {}
        }
    }

    /// Typing that has come back to what is saved is no typing: discards it
    /// when `is_saved` says so. Returns whether anything is still kept.
    pub fn settle(&mut self, key: &[&str], is_saved: impl Fn(&V) -> bool) -> bool {
        match self.kept.iter().position(|k| k.key == key) {
            Some(i) if self.kept.get(i).is_some_and(|k| is_saved(&k.value)) => {
                self.kept.remove(i);
                false
            }
            Some(_) => true,
            None => false,
        }
    }

    /// Discards what is kept for every form under `prefix`: the forms of a
    /// case or an assessment deleted or replaced.
    pub fn discard_under(&mut self, prefix: &[&str]) {
        self.kept.retain(|k| !under(&k.key, prefix));
    }

    /// Discards what is kept for the forms of an assessment's items that
    /// are gone (`exists(kind, id)` false: a case, an action or a
    /// recommendation deleted in another tab or by work brought back), so
    /// no typing is kept where no page can show it. A form for a new item
    /// (an empty id) stays.
    pub fn prune(&mut self, assessment: &str, exists: impl Fn(&str, &str) -> bool) {
        self.kept.retain(|k| match k.key.as_slice() {
            [a, kind, id, ..] if a == assessment && !id.is_empty() => exists(kind, id),
            _ => true,
        });
    }

    /// How many forms hold typing not yet saved: leaving the app while any
    /// do asks first.
    pub fn unsaved(&self) -> usize {
        self.kept.len()
    }
}

fn under(key: &[String], prefix: &[&str]) -> bool {
    key.len() >= prefix.len() && key.iter().zip(prefix).all(|(a, b)| a == b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_is_kept_by_form_until_saved_or_discarded() {
        let mut d = Drafts::default();
        let grade = ["a1", "case", "c1", "grade"];
        let details = ["a1", "case", "c1", "details"];
        assert_eq!(d.get(&grade), None);
        d.set(&grade, "", Some("Inadequate, because"));
        d.set(&details, "24/100", Some("24/1000"));
        // What it began from is taken once, when the typing begins.
        d.set(&grade, "ignored", Some("Inadequate, because the child"));
        assert_eq!(d.get(&grade), Some(&"Inadequate, because the child"));
        assert_eq!(d.began(&grade), Some(&""));
        assert_eq!(d.unsaved(), 2);
        d.set(&grade, "", None);
        assert_eq!(d.get(&grade), None);
        assert_eq!(d.get(&details), Some(&"24/1000"));
        assert_eq!(d.unsaved(), 1);
        // Discarding what was never kept changes nothing.
        d.set(&grade, "", None);
        assert_eq!(d.unsaved(), 1);
    }

    #[test]
    fn typing_back_to_what_is_saved_is_no_typing() {
        let mut d = Drafts::default();
        let details = ["a1", "case", "c1", "details"];
        d.set(&details, "B-0002", Some("B-0002Z"));
        assert!(d.settle(&details, |v| *v == "B-0002"));
        d.set(&details, "B-0002", Some("B-0002"));
        assert!(!d.settle(&details, |v| *v == "B-0002"));
        assert_eq!(d.unsaved(), 0);
    }

    #[test]
    fn deleting_a_case_discards_its_forms_and_no_other_case_s() {
        let mut d = Drafts::default();
        for k in [
            ["a1", "case", "c1", "grade"],
            ["a1", "case", "c10", "grade"],
            ["a1", "case", "c1", "refer-back"],
            ["a2", "case", "c1", "grade"],
            ["a1", "case", "c1/x", "grade"],
        ] {
            d.set(&k, (), Some(()));
        }
        d.discard_under(&["a1", "case", "c1"]);
        assert_eq!(d.get(&["a1", "case", "c1", "grade"]), None);
        assert_eq!(d.get(&["a1", "case", "c1", "refer-back"]), None);
        assert!(d.get(&["a1", "case", "c10", "grade"]).is_some());
        assert!(d.get(&["a2", "case", "c1", "grade"]).is_some());
        assert!(d.get(&["a1", "case", "c1/x", "grade"]).is_some());
        d.discard_under(&["a1"]);
        assert_eq!(d.unsaved(), 1);
        // "Clear all data": every form's typing goes.
        d.discard_under(&[]);
        assert_eq!(d.unsaved(), 0);
    }

    #[test]
    fn typing_for_an_item_gone_elsewhere_is_not_kept_where_no_page_shows_it() {
        let mut d = Drafts::default();
        for k in [
            ["a1", "case", "c1", "grade"],
            ["a1", "case", "c2", "grade"],
            ["a1", "action", "", ""],
            ["a1", "action", "x1", ""],
            ["a1", "plan", "", ""],
            ["a2", "case", "c1", "grade"],
        ] {
            d.set(&k, (), Some(()));
        }
        // c1 and action x1 were deleted in another tab.
        d.prune("a1", |kind, id| {
            !matches!((kind, id), ("case", "c1") | ("action", "x1"))
        });
        assert_eq!(d.get(&["a1", "case", "c1", "grade"]), None);
        assert_eq!(d.get(&["a1", "action", "x1", ""]), None);
        assert!(d.get(&["a1", "case", "c2", "grade"]).is_some());
        assert!(d.get(&["a1", "action", "", ""]).is_some());
        assert!(d.get(&["a1", "plan", "", ""]).is_some());
        // Another assessment's forms are not judged by this one's items.
        assert!(d.get(&["a2", "case", "c1", "grade"]).is_some());
    }
}
