//! Syndication partners' API keys: what a key looks like, how it is stored (only a hash), and
//! the rules for naming its partner. Making a key needs randomness, which the newsroom supplies.

use crate::content::{ApiKeyId, required};
use crate::{Invalid, Result};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

/// Every key starts with this, so a leaked key is recognisable (and secret scanners can find it).
pub const KEY_PREFIX: &str = "lede_";

/// Random bytes in a key: 256 bits, far beyond guessing, which is why a plain SHA-256 of the
/// key (rather than a slow password hash) is the right way to store it.
pub const KEY_BYTES: usize = 32;

/// Characters of a key kept in the clear, so an operator can tell keys apart in `list`.
const HINT_CHARS: usize = KEY_PREFIX.len() + 8;

/// A partner's key as the site keeps it: never the key itself, only its hash and a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiKey {
    pub id: ApiKeyId,
    pub partner: String,
    /// The key's first characters (`lede_1a2b3c4d`), to recognise it.
    pub hint: String,
    pub created_at: OffsetDateTime,
    /// When the key stopped working; revoked keys are refused.
    pub revoked_at: Option<OffsetDateTime>,
}

impl ApiKey {
    pub fn is_revoked(&self) -> bool {
        self.revoked_at.is_some()
    }
}

/// A freshly made key, shown once to the operator and then forgotten.
#[derive(Clone, PartialEq, Eq)]
pub struct NewKey(String);

/// Keys never reach logs, even by accident.
impl std::fmt::Debug for NewKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "NewKey({}…)", self.hint())
    }
}

impl NewKey {
    /// A key from random bytes (the caller supplies them: the domain does no IO).
    pub fn from_random(bytes: [u8; KEY_BYTES]) -> Self {
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        Self(format!("{KEY_PREFIX}{hex}"))
    }

    /// The key, to give to the partner.
    pub fn reveal(&self) -> &str {
        &self.0
    }

    pub fn hash(&self) -> String {
        hash_key(&self.0)
    }

    pub fn hint(&self) -> String {
        self.0.chars().take(HINT_CHARS).collect()
    }
}

/// The stored form of a key: SHA-256, in hex. A request's key is hashed the same way and
/// looked up, so the database never holds anything that works as a key.
pub fn hash_key(key: &str) -> String {
    Sha256::digest(key.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether text has the shape of a key; anything else is refused before any lookup.
pub fn looks_like_key(text: &str) -> bool {
    text.strip_prefix(KEY_PREFIX)
        .is_some_and(|hex| hex.len() == KEY_BYTES * 2 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A partner's name as given on the command line (later in the admin): trimmed, required.
pub fn partner_name(value: &str) -> Result<String> {
    let name = required("partner", value, 100)?;
    if name.chars().any(char::is_control) {
        return Err(Invalid::new("partner", "validation-partner-control"));
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_have_a_prefix_and_256_random_bits() {
        let key = NewKey::from_random([0xab; KEY_BYTES]);
        assert_eq!(key.reveal().len(), KEY_PREFIX.len() + 64);
        assert!(key.reveal().starts_with("lede_abab"));
        assert!(looks_like_key(key.reveal()));
        assert_eq!(key.hint(), "lede_abababab");
        assert!(!format!("{key:?}").contains(key.reveal()), "Debug hides the key");
    }

    #[test]
    fn only_a_hash_is_kept() {
        let key = NewKey::from_random([7; KEY_BYTES]);
        let hash = key.hash();
        assert_eq!(hash.len(), 64);
        assert_eq!(hash, hash_key(key.reveal()));
        assert!(!hash.contains(&key.reveal()[KEY_PREFIX.len()..]));
        assert_ne!(hash, NewKey::from_random([8; KEY_BYTES]).hash());
    }

    #[test]
    fn shapes_that_are_not_keys() {
        for text in [
            "",
            "lede_",
            "lede_xyz",
            "LEDE_abababababababababababababababababababababababababababababababab",
            "lede_abababababababababababababababababababababababababababababababa",
            "lede_zbababababababababababababababababababababababababababababababab",
        ] {
            assert!(!looks_like_key(text), "{text:?}");
        }
    }

    #[test]
    fn partner_names() {
        assert_eq!(partner_name("  Coast Radio ").expect("valid"), "Coast Radio");
        assert_eq!(partner_name(" ").expect_err("empty").field, "partner");
        assert!(partner_name("a\u{7}b").is_err());
        assert!(partner_name(&"x".repeat(101)).is_err());
    }
}
