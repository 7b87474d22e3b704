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

/// Each form's unsaved typing, by key, in the order it was begun. A key is
/// the form's place, from the assessment down: `["a1", "c1", "grade"]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Drafts<V> {
    kept: Vec<(Vec<String>, V)>,
}

impl<V> Default for Drafts<V> {
    fn default() -> Self {
        Self { kept: Vec::new() }
    }
}

impl<V> Drafts<V> {
    /// What is kept for the form, if anything.
    pub fn get(&self, key: &[&str]) -> Option<&V> {
        self.kept.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Keeps the form's typing, replacing what was kept before; `None`
    /// discards it (the form was saved, or the user discarded it).
    pub fn set(&mut self, key: &[&str], value: Option<V>) {
        let at = self.kept.iter().position(|(k, _)| k == key);
        match (at, value) {
            (Some(i), Some(v)) => {
                if let Some(slot) = self.kept.get_mut(i) {
                    slot.1 = v;
                }
            }
            (Some(i), None) => {
                self.kept.remove(i);
            }
            (None, Some(v)) => self
                .kept
                .push((key.iter().map(|p| (*p).to_owned()).collect(), v)),
            (None, None) => {}
        }
    }

    /// Discards what is kept for every form under `prefix`: the forms of a
    /// case or an assessment deleted.
    pub fn discard_under(&mut self, prefix: &[&str]) {
        self.kept.retain(|(k, _)| {
            !(k.len() >= prefix.len() && k.iter().zip(prefix).all(|(a, b)| a == b))
        });
    }

    /// How many forms hold typing not yet saved: leaving the app while any
    /// do asks first.
    pub fn unsaved(&self) -> usize {
        self.kept.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_is_kept_by_form_until_saved_or_discarded() {
        let mut d = Drafts::default();
        let grade = ["a1", "c1", "grade"];
        let details = ["a1", "c1", "details"];
        assert_eq!(d.get(&grade), None);
        d.set(&grade, Some("Inadequate, because".to_owned()));
        d.set(&details, Some("24/100".to_owned()));
        d.set(&grade, Some("Inadequate, because the child".to_owned()));
        assert_eq!(
            d.get(&grade).map(String::as_str),
            Some("Inadequate, because the child")
        );
        assert_eq!(d.unsaved(), 2);
        d.set(&grade, None);
        assert_eq!(d.get(&grade), None);
        assert_eq!(d.get(&details).map(String::as_str), Some("24/100"));
        assert_eq!(d.unsaved(), 1);
        // Discarding what was never kept changes nothing.
        d.set(&grade, None);
        assert_eq!(d.unsaved(), 1);
    }

    #[test]
    fn deleting_a_case_discards_its_forms_and_no_other_case_s() {
        let mut d = Drafts::default();
        for k in [
            ["a1", "c1", "grade"],
            ["a1", "c10", "grade"],
            ["a1", "c1", "refer-back"],
            ["a2", "c1", "grade"],
            ["a1", "c1/x", "grade"],
        ] {
            d.set(&k, Some(()));
        }
        d.discard_under(&["a1", "c1"]);
        assert_eq!(d.get(&["a1", "c1", "grade"]), None);
        assert_eq!(d.get(&["a1", "c1", "refer-back"]), None);
        assert!(d.get(&["a1", "c10", "grade"]).is_some());
        assert!(d.get(&["a2", "c1", "grade"]).is_some());
        assert!(d.get(&["a1", "c1/x", "grade"]).is_some());
        d.discard_under(&["a1"]);
        assert_eq!(d.unsaved(), 1);
        // "Clear all data": every form's typing goes.
        d.discard_under(&[]);
        assert_eq!(d.unsaved(), 0);
    }
}
