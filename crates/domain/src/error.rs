//! What is wrong with an input, as data.
//!
//! A [`Problem`] names the kind of fault; a [`FieldError`] ties it to the field
//! the user filled in. The wording (Chinese first, English second) lives in the
//! web crate's i18n module, so the domain stays free of presentation.

use serde::Serialize;

/// The kind of fault found in one input value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "code", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Problem {
    /// The field is empty but must be filled in.
    Required,
    /// Longer than `max` characters.
    TooLong { max: usize },
    /// Shorter than `min` characters.
    TooShort { min: usize },
    /// Wrong length: must be exactly `expected` characters.
    WrongLength { expected: usize },
    /// Characters or shape not allowed for this kind of value.
    InvalidFormat,
    /// A character outside the allowed alphabet (e.g. `I`, `O` in a credit code).
    InvalidCharacter { character: char },
    /// The check character does not match; `expected` is what it should be.
    CheckCharacterMismatch { expected: char },
    /// Not a real calendar date (e.g. 30 February).
    InvalidDate,
    /// A date in the future where only past dates make sense.
    DateInFuture,
    /// An administrative region code that does not exist.
    UnknownRegion,
    /// A value outside the list of allowed choices.
    InvalidChoice,
    /// A number outside `min..=max`.
    OutOfRange { min: i64, max: i64 },
    /// Another record already uses this value (e.g. a credit code).
    AlreadyTaken,
    /// The two password fields differ.
    PasswordsDiffer,
    /// The password is on the common or context-word list.
    PasswordTooCommon,
    /// The password lacks the character classes the 等保 policy demands.
    PasswordTooSimple,
    /// The demo password may only be used by a demo deployment.
    DemoPasswordRefused,
    /// The current password given for a change is wrong.
    WrongPassword,
    /// A date that must come after another one does not.
    EndBeforeStart,
    /// The record is in a state that does not allow this action.
    WrongState,
    /// A value that the rules name but that does not fit this case, with a short key for i18n.
    Rule { key: &'static str },
    /// An invisible or direction-changing character (a bidirectional
    /// override, a zero-width space…) that would make the text look like
    /// something it is not; `code_point` names it (`U+202E`).
    InvisibleCharacter { code_point: String },
}

/// A problem found in one named field of a form, an API body or an import row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct FieldError {
    /// The field's name as the form or JSON body spells it (`credit_code`).
    pub field: String,
    /// What is wrong with it.
    pub problem: Problem,
}

impl FieldError {
    /// Ties `problem` to `field`.
    pub fn new(field: impl Into<String>, problem: Problem) -> Self {
        Self {
            field: field.into(),
            problem,
        }
    }
}

/// Every field error found in one input; empty means the input is valid.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    /// An empty collection.
    pub fn new() -> Self {
        Self(Vec::new())
    }
    /// Adds one error.
    pub fn push(&mut self, field: impl Into<String>, problem: Problem) {
        self.0.push(FieldError::new(field, problem));
    }
    /// Runs a parse result for `field`, keeping the value or recording the problem.
    pub fn check<T>(&mut self, field: &str, result: Result<T, Problem>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(problem) => {
                self.push(field, problem);
                None
            }
        }
    }
    /// True when no error was recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// `Ok(())` when empty, else the errors.
    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.0.is_empty() { Ok(()) } else { Err(self) }
    }
    /// The problem recorded for `field`, if any.
    pub fn for_field(&self, field: &str) -> Option<&Problem> {
        self.0.iter().find(|e| e.field == field).map(|e| &e.problem)
    }
}
