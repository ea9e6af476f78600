//! Newsroom accounts: roles and what each may do, and passwords (Argon2id). Pure rules, so
//! every permission is tested as a table.

use crate::{Invalid, Message, Result};
use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};

/// A newsroom role. Each one can do everything the one before it can.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Writes drafts and submits them for review.
    Contributor,
    /// Also publishes their own articles.
    Author,
    /// Also edits, schedules and publishes anyone's, and moderates comments.
    Editor,
    /// Also manages accounts, sections and site settings.
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Contributor, Role::Author, Role::Editor, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Contributor => "contributor",
            Self::Author => "author",
            Self::Editor => "editor",
            Self::Admin => "admin",
        }
    }

    pub fn parse(text: &str) -> Result<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == text).ok_or_else(|| {
            Invalid::new("role", Message::new("validation-role-unknown").text("role", text))
        })
    }

    /// The role's name for people, in their language (`admin-role-editor`).
    pub fn name(self) -> Message {
        Message::new(match self {
            Self::Contributor => "admin-role-contributor",
            Self::Author => "admin-role-author",
            Self::Editor => "admin-role-editor",
            Self::Admin => "admin-role-admin",
        })
    }

    pub fn may(self, action: Action) -> bool {
        let needed = match action {
            Action::WriteDrafts => Role::Contributor,
            Action::PublishOwn => Role::Author,
            Action::EditOthers
            | Action::ModerateComments
            | Action::CurateFrontPage
            | Action::ManagePages => Role::Editor,
            Action::ManageAccounts | Action::ManageSite => Role::Admin,
        };
        self >= needed
    }
}

/// Whether `role` may delete a media library image: the person who uploaded it (`own`) may,
/// and editors and admins.
pub fn may_delete_media(role: Role, own: bool) -> bool {
    own || role.may(Action::EditOthers)
}

/// Whether `role` may change a media library image's alt text, caption and credit: as for
/// deleting it, the person who uploaded it (`own`), and editors and admins.
pub fn may_describe_media(role: Role, own: bool) -> bool {
    may_delete_media(role, own)
}

/// What someone in the newsroom may try to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    WriteDrafts,
    PublishOwn,
    EditOthers,
    ModerateComments,
    /// Choose the front page's top story and featured articles, and its breaking-news banner.
    CurateFrontPage,
    /// Write, publish and delete static pages (About, Contact): editors, as on WordPress,
    /// since a page is content; the menus that link them stay the admins' (`ManageSite`).
    ManagePages,
    ManageAccounts,
    ManageSite,
}

/// Shortest password accepted: long enough to resist guessing at the rate lockout allows.
pub const MIN_PASSWORD_CHARS: usize = 12;

/// Hashes a password with Argon2id (the crate's defaults: 19 MiB, 2 passes) and a fresh salt.
pub fn hash_password(password: &str) -> Result<String> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(Invalid::new(
            "password",
            Message::new("validation-password-short").text("min", MIN_PASSWORD_CHARS),
        ));
    }
    if password.len() > 1024 {
        return Err(Invalid::new("password", "validation-password-long"));
    }
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| {
            Invalid::new("password", Message::new("validation-password-hash").text("detail", e))
        })
}

/// Checks a password against a stored hash; a malformed hash never verifies.
pub fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .is_ok_and(|hash| Argon2::default().verify_password(password.as_bytes(), &hash).is_ok())
}

/// A hash to verify against when the account does not exist, so that a wrong email takes as
/// long as a wrong password and sign-in does not reveal which accounts exist.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        hash_password("a decoy nobody can sign in with").unwrap_or_default()
    });
    &DECOY
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_may_do_what_the_one_before_it_may() {
        use Action::*;
        let table = [
            (Role::Contributor, [true, false, false, false, false, false, false, false]),
            (Role::Author, [true, true, false, false, false, false, false, false]),
            (Role::Editor, [true, true, true, true, true, true, false, false]),
            (Role::Admin, [true, true, true, true, true, true, true, true]),
        ];
        let actions = [
            WriteDrafts,
            PublishOwn,
            EditOthers,
            ModerateComments,
            CurateFrontPage,
            ManagePages,
            ManageAccounts,
            ManageSite,
        ];
        for (role, allowed) in table {
            for (action, expected) in actions.iter().zip(allowed) {
                assert_eq!(role.may(*action), expected, "{role:?} {action:?}");
            }
        }
    }

    #[test]
    fn roles_parse_by_name_only() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Ok(role));
        }
        assert!(Role::parse("superuser").is_err() && Role::parse("Admin").is_err());
    }

    #[test]
    fn passwords_hash_with_argon2id_and_verify() {
        let hash = hash_password("correct horse battery").expect("hash");
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("correct horse battery!", &hash));
        assert!(!verify_password("anything", "not a hash"));
        assert!(!verify_password("anything", decoy_hash()));
        assert_ne!(hash, hash_password("correct horse battery").expect("hash"), "salted");
        assert_eq!(hash_password("short").expect_err("too short").field, "password");
    }
}

/// A newsroom account's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct UserId(pub i64);

/// A newsroom account as the store keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: UserId,
    /// Lowercased, so sign-in does not depend on how the address was typed.
    pub email: String,
    pub name: String,
    pub role: Role,
    /// The byline this account writes under.
    pub author: Option<crate::content::AuthorId>,
    pub password_hash: String,
    pub failed_attempts: u32,
    pub locked_until: Option<time::OffsetDateTime>,
    /// The language the newsroom speaks to this person (a BCP 47 tag); `None` follows the
    /// site's default language.
    pub interface_language: Option<String>,
}

/// What creating an account takes (the password already hashed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    pub email: String,
    pub name: String,
    pub role: Role,
    pub password_hash: String,
}
