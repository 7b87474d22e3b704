//! The team's forms: a member added, cases allocated to an auditor.

use super::FieldError;
use crate::domain::assessment::{Assessment, Role};
use crate::domain::framework::Framework;
use crate::domain::text::same_name;

/// The add-a-member form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemberForm {
    pub name: String,
    /// "auditor" or "reviewer".
    pub role: String,
}

impl MemberForm {
    /// The member's name and role, or what is wrong.
    pub fn check(&self, a: &Assessment) -> Result<(String, Role), Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = self.name.trim();
        if name.is_empty() {
            errors.push(field_error(
                "member-name",
                "Enter the member's name or role",
            ));
        } else if name.chars().count() > crate::domain::format::MAX_SHORT_TEXT {
            errors.push(field_error(
                "member-name",
                format!(
                    "The name must be {} characters or fewer",
                    crate::domain::format::MAX_SHORT_TEXT
                ),
            ));
        } else if a.team.iter().any(|m| same_name(&m.name, name)) {
            errors.push(field_error(
                "member-name",
                format!("{name} is already in the team"),
            ));
        }
        let role = match self.role.as_str() {
            "auditor" => Some(Role::Auditor),
            "reviewer" => Some(Role::Reviewer),
            _ => {
                errors.push(field_error(
                    "member-role",
                    "Select whether they audit cases or review them",
                ));
                None
            }
        };
        match role {
            Some(role) if errors.is_empty() => Ok((name.to_owned(), role)),
            _ => Err(errors),
        }
    }
}

/// The allocate-cases form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AllocateForm {
    pub member: String,
    pub case_type: String,
    pub count: String,
}

impl AllocateForm {
    /// The auditor, case type and number of cases, or what is wrong.
    pub fn check(
        &self,
        fw: &Framework,
        a: &Assessment,
    ) -> Result<(String, String, u32), Vec<FieldError>> {
        let mut errors = Vec::new();
        if !a
            .team
            .iter()
            .any(|m| m.id == self.member && m.role == Role::Auditor)
        {
            errors.push(field_error("allocate-member", "Select the auditor"));
        }
        if fw.case_type(&self.case_type).is_none() {
            errors.push(field_error("allocate-type", "Select the case type"));
        }
        let max = crate::domain::framework::MAX_DEFAULT_COUNT;
        let count = match self.count.trim().parse::<u32>() {
            Ok(n) if (1..=max).contains(&n) => Some(n),
            _ => {
                errors.push(field_error(
                    "allocate-count",
                    format!("Enter the number of cases as a whole number from 1 to {max}"),
                ));
                None
            }
        };
        match count {
            Some(n) if errors.is_empty() => Ok((self.member.clone(), self.case_type.clone(), n)),
            _ => Err(errors),
        }
    }
}

fn field_error(field: &str, message: impl Into<String>) -> FieldError {
    FieldError {
        field: field.to_owned(),
        message: message.into(),
    }
}
