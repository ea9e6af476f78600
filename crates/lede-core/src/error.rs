//! The domain's one error: input that breaks a rule. It names the field so forms can show the
//! message next to it, and says what is wrong as a [`Message`], which the web layer renders in
//! the language of whoever reads it.

use crate::message::Message;

/// Input that breaks a domain rule, with the field it concerns and a message for a person.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct Invalid {
    pub field: &'static str,
    pub message: Message,
}

impl Invalid {
    pub fn new(field: &'static str, message: impl Into<Message>) -> Self {
        Self { field, message: message.into() }
    }
}

pub type Result<T, E = Invalid> = std::result::Result<T, E>;
