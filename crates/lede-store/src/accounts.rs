//! Accounts: creating them (the first one through the setup page, with the code `lede serve`
//! prints), signing in and out, sessions. Passwords are Argon2id hashes; session tokens are
//! random and stored only as SHA-256 hashes; repeated failures with one email address lock
//! that address for a while, whether an account has it or not, and every refusal costs the
//! same Argon2id verification, so neither the answer nor its time tells which addresses have
//! accounts (the web layer also limits each client).

use crate::media::cpu_bound;
use crate::{Error, MediaLibrary, Newsroom, Result, SqlStore};
use lede_core::Clock;
use lede_core::Slug;
use lede_core::account::{self, NewUser, Role, User, UserId};
use lede_core::comment::Email;
use lede_core::content::{Author, AuthorId, AuthorInput, required};
use lede_core::names::{LocalName, Named};
use sha2::{Digest, Sha256};
use std::sync::Arc;
use time::{Duration, OffsetDateTime};

/// Failures in a row (each within [`LOCK_FOR`] of the one before) that lock an address, and
/// for how long.
pub const LOCK_AFTER: u32 = 5;
pub const LOCK_FOR: Duration = Duration::minutes(15);
/// How long a session lasts without signing in again.
pub const SESSION_LIFETIME: Duration = Duration::days(14);

#[derive(Debug, Clone)]
pub struct Accounts {
    store: SqlStore,
    clock: Arc<dyn Clock>,
    newsroom: Newsroom,
}

/// How often a session's last use is written down: often enough to tell a session in use
/// from a forgotten one, rarely enough that reading pages seldom writes.
pub const TOUCH_EVERY: Duration = Duration::minutes(5);

/// One of an account's live sessions, as the person sees it in their profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActiveSession {
    /// What names the session in forms: its token's hash, which cannot be used to sign in.
    pub id: String,
    pub created_at: OffsetDateTime,
    pub last_used_at: Option<OffsetDateTime>,
    pub user_agent: String,
    /// Whether this is the session the person is using now.
    pub current: bool,
}

/// A new session: the token for the cookie (shown once, never stored) and its CSRF token.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub token: String,
    pub csrf: String,
    pub user: User,
    pub expires_at: OffsetDateTime,
}

/// The settings key of the one-time setup code (see [`Accounts::setup_code`]).
const SETUP_CODE_KEY: &str = "setup_code";

/// Why the setup page did not create the first admin.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error("the setup code is wrong")]
    WrongCode,
    /// The site has an account already (made by another setup, or `lede user add`).
    #[error("the site is set up already")]
    Done,
    #[error(transparent)]
    Store(#[from] Error),
}

#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    #[error("the email or the password is wrong")]
    Wrong,
    #[error("too many failed attempts: the account is locked until {until}")]
    Locked { until: OffsetDateTime },
    #[error(transparent)]
    Store(#[from] Error),
}

impl SignInError {
    /// What to tell the person, when it is theirs to know (not a failing database).
    pub fn message(&self) -> Option<lede_core::Message> {
        match self {
            Self::Wrong => Some(lede_core::Message::new("store-sign-in-wrong")),
            Self::Locked { until } => {
                Some(lede_core::Message::new("store-sign-in-locked").text("until", until))
            }
            Self::Store(_) => None,
        }
    }
}

fn random_hex(bytes: usize) -> String {
    (0..bytes).map(|_| format!("{:02x}", rand::random::<u8>())).collect()
}

/// What the sessions table keeps of a token.
fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

impl Accounts {
    pub fn new(newsroom: &Newsroom) -> Self {
        Self {
            store: newsroom.store().clone(),
            clock: newsroom.clock().clone(),
            newsroom: newsroom.clone(),
        }
    }

    pub async fn create_user(
        &self,
        email: &str,
        name: &str,
        role: Role,
        password: &str,
    ) -> Result<UserId> {
        let user = new_user(email, name, role, password).await?;
        let id = self.store.create_user(&user, self.clock.now()).await?;
        self.link_byline(&user, id).await?;
        Ok(id)
    }

    async fn link_byline(&self, user: &NewUser, id: UserId) -> Result<()> {
        let author = self.byline_for(&user.name, id).await?;
        self.store.link_author(id, author).await
    }

    /// The one-time code the setup page asks for, while the site has no account: made at the
    /// first call and kept in the database, so every server sharing it (and a restart) names
    /// the same one; `lede serve` prints it to its log. `None` once the site has an account.
    pub async fn setup_code(&self) -> Result<Option<String>> {
        if !self.needs_setup().await? {
            return Ok(None);
        }
        if let Some(code) = self.store.setting(SETUP_CODE_KEY).await? {
            return Ok(Some(code));
        }
        // 20 characters of an alphabet without look-alikes (no 0/O, 1/I/L): 100 bits.
        const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
        let code: String = (0..20)
            .map(|i| {
                let c = char::from(ALPHABET[usize::from(rand::random::<u8>()) % 31]);
                if i > 0 && i % 5 == 0 { format!("-{c}") } else { c.to_string() }
            })
            .collect();
        // Two servers starting at once may both have made one: the first stored wins.
        Ok(Some(self.store.setting_or_insert(SETUP_CODE_KEY, &code).await?))
    }

    /// Creates the site's first account, an admin, for whoever gives the setup code, and only
    /// if the site has no account: of several setups sent at once, exactly one succeeds.
    pub async fn set_up(
        &self,
        code: &str,
        email: &str,
        name: &str,
        password: &str,
    ) -> Result<UserId, SetupError> {
        let Some(expected) = self.setup_code().await? else {
            return Err(SetupError::Done);
        };
        let normalise = |text: &str| -> Vec<u8> {
            text.bytes()
                .filter(|b| b.is_ascii_alphanumeric())
                .map(|b| b.to_ascii_uppercase())
                .collect()
        };
        let (given, expected) = (normalise(code), normalise(&expected));
        let same = given.len() == expected.len()
            && given.iter().zip(&expected).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0;
        if !same {
            // Another setup may have finished meanwhile: it removes the code, and reading the
            // code after that minted a new one, which no caller holds. That site is set up.
            if !self.needs_setup().await? {
                return Err(SetupError::Done);
            }
            return Err(SetupError::WrongCode);
        }
        let user = new_user(email, name, Role::Admin, password).await?;
        let id = self
            .store
            .create_first_account(&user, self.clock.now())
            .await?
            .ok_or(SetupError::Done)?;
        self.link_byline(&user, id).await?;
        self.store.delete_setting(SETUP_CODE_KEY).await?;
        Ok(id)
    }

    /// The author profile an account writes under: the existing one with the slug of the
    /// person's name (a journalist whose byline predates their account), or a new one.
    async fn byline_for(&self, name: &str, id: UserId) -> Result<AuthorId> {
        let slug = Slug::from_title(name).unwrap_or(Slug::parse(&format!("author-{}", id.0))?);
        if let Some(existing) = self.store.author_by_slug(slug.as_str()).await? {
            return Ok(existing.id);
        }
        let input = AuthorInput {
            slug,
            name: name.to_owned(),
            bio: String::new(),
            website: None,
            avatar: None,
        };
        self.newsroom.save_author(input).await
    }

    /// The profile an account's byline shows, for the account to edit.
    pub async fn profile(&self, user: &User) -> Result<Option<Author>> {
        let Some(author) = user.author else {
            return Ok(None);
        };
        let authors = self.store.authors().await?;
        Ok(authors.into_iter().find(|a| a.id == author))
    }

    /// Updates the account's own byline: name, bio, website, and the name and bio in each of
    /// the site's other languages `names` gives. The slug (its address) stays. Everything is
    /// checked before anything is written.
    pub async fn update_profile(
        &self,
        user: &User,
        name: &str,
        bio: &str,
        website: &str,
        names: Vec<LocalName>,
    ) -> Result<()> {
        let author = self.profile(user).await?.ok_or(Error::NotFound("profile"))?;
        let names = lede_core::names::check(Named::Author, names, &self.newsroom.languages())?;
        let slug = author.slug.clone();
        let website = Some(website.trim().to_owned()).filter(|w| !w.is_empty());
        let input = AuthorInput {
            slug: author.slug,
            name: name.to_owned(),
            bio: bio.to_owned(),
            website,
            avatar: author.avatar,
        };
        self.newsroom.save_author(input).await?;
        self.newsroom.save_local_names(Named::Author, &slug, names).await
    }

    /// Sets the language the newsroom speaks to the account's owner (a BCP 47 tag, stored in
    /// canonical form), or `None` to follow the site's default language. Which languages are
    /// offered is the web layer's to say: it knows the translations the theme ships.
    pub async fn set_interface_language(&self, user: &User, language: Option<&str>) -> Result<()> {
        let language = language.map(lede_core::language::canonical_tag).transpose()?;
        self.store.set_interface_language(user.id, language.as_deref()).await
    }

    /// Gives the account's byline a new picture, made from an uploaded image with the media
    /// library's checks (`lede_core::media::process_avatar`). The byline is saved through the
    /// newsroom like any profile change; the old picture's file goes once the new one is in.
    pub async fn set_avatar(
        &self,
        user: &User,
        library: &MediaLibrary,
        image: &[u8],
    ) -> Result<()> {
        let author = self.profile(user).await?.ok_or(Error::NotFound("profile"))?;
        let path = library.save_avatar(author.id, image).await?;
        if let Err(error) = self.replace_avatar(author.clone(), Some(path.clone())).await {
            forget_picture(library, &path).await;
            return Err(error);
        }
        if let Some(old) = author.avatar.filter(|old| *old != path) {
            forget_picture(library, &old).await;
        }
        Ok(())
    }

    /// Takes the picture off the account's byline (pages draw the initials again).
    pub async fn remove_avatar(&self, user: &User, library: &MediaLibrary) -> Result<()> {
        let author = self.profile(user).await?.ok_or(Error::NotFound("profile"))?;
        let old = author.avatar.clone();
        self.replace_avatar(author, None).await?;
        if let Some(old) = old {
            forget_picture(library, &old).await;
        }
        Ok(())
    }

    async fn replace_avatar(&self, author: Author, avatar: Option<String>) -> Result<()> {
        let input = AuthorInput {
            slug: author.slug,
            name: author.name,
            bio: author.bio,
            website: author.website,
            avatar,
        };
        self.newsroom.save_author(input).await?;
        Ok(())
    }

    /// Changes someone's role, on an admin's authority. Nobody changes their own role, so
    /// nobody can raise it; the account's sessions end so the new role applies at once.
    pub async fn change_role(&self, by: &User, target: UserId, role: Role) -> Result<()> {
        if !by.role.may(lede_core::account::Action::ManageAccounts) {
            return Err(Error::Forbidden("store-admin-only-accounts".into()));
        }
        if by.id == target {
            return Err(Error::Forbidden("store-own-role".into()));
        }
        self.store.set_role(target, role).await?;
        self.store.revoke_user_sessions(target, self.clock.now()).await?;
        Ok(())
    }

    /// Sets a new password, ends every session of the account and lifts a lockout.
    pub async fn change_password(&self, email: &str, password: &str) -> Result<()> {
        let user = self.store.user_by_email(email).await?.ok_or(Error::NotFound("account"))?;
        self.store.set_password(user.id, &hash_password(password).await?).await?;
        self.store.revoke_user_sessions(user.id, self.clock.now()).await?;
        self.store.clear_sign_in_failures(&self.email_hash(&user.email)).await?;
        Ok(())
    }

    /// What failures are counted under: a keyed hash of the address as typed, trimmed and
    /// lowercased (so it matches how accounts are found), never the address itself.
    fn email_hash(&self, email: &str) -> String {
        use hmac::{Hmac, Mac};
        let mut mac = Hmac::<Sha256>::new_from_slice(self.newsroom.secret())
            .expect("HMAC takes any key length");
        mac.update(b"sign-in|");
        mac.update(email.trim().to_lowercase().as_bytes());
        mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> Result<SignedIn, SignInError> {
        self.sign_in_from(email, password, "").await
    }

    /// Signs in from a browser, remembering its User-Agent so that the person can tell their
    /// sessions apart later (at most 300 characters of it).
    pub async fn sign_in_from(
        &self,
        email: &str,
        password: &str,
        user_agent: &str,
    ) -> Result<SignedIn, SignInError> {
        let now = self.clock.now();
        let key = self.email_hash(email);
        if let Some(until) = self.store.sign_in_locked_until(&key, now).await? {
            // The same work as a wrong password, so a locked address answers as slowly.
            verify_password(password, account::decoy_hash().to_owned()).await;
            return Err(SignInError::Locked { until });
        }
        // An unknown address costs the same verification, against a hash nobody matches.
        let user = self.store.user_by_email(email).await?;
        let stored = user.as_ref().map_or(account::decoy_hash(), |u| u.password_hash.as_str());
        let verified = verify_password(password, stored.to_owned()).await;
        let Some(user) = user.filter(|_| verified) else {
            let failures = self
                .store
                .record_sign_in_failure(&key, LOCK_AFTER, now + LOCK_FOR, now - LOCK_FOR, now)
                .await?;
            return Err(if failures >= LOCK_AFTER {
                SignInError::Locked { until: now + LOCK_FOR }
            } else {
                SignInError::Wrong
            });
        };
        self.store.clear_sign_in_failures(&key).await?;
        let (token, csrf) = (random_hex(32), random_hex(32));
        let expires_at = now + SESSION_LIFETIME;
        let user_agent: String = user_agent.chars().filter(|c| !c.is_control()).take(300).collect();
        self.store
            .create_session(&token_hash(&token), user.id, &csrf, &user_agent, now, expires_at)
            .await?;
        Ok(SignedIn { token, csrf, user, expires_at })
    }

    /// The account and CSRF token behind a session cookie, if the session is live. Notes the
    /// use, but only when the last note is older than [`TOUCH_EVERY`], so that reading pages
    /// does not write to the database on every request.
    pub async fn session(&self, token: &str) -> Result<Option<(User, String)>> {
        let now = self.clock.now();
        let hash = token_hash(token);
        let Some((user, csrf, record)) = self.store.session(&hash, now).await? else {
            return Ok(None);
        };
        if record.last_used_at.is_none_or(|used| now - used >= TOUCH_EVERY) {
            self.store.touch_session(&hash, now).await?;
        }
        Ok(Some((user, csrf)))
    }

    pub async fn sign_out(&self, token: &str) -> Result<()> {
        self.store.revoke_session(&token_hash(token), self.clock.now()).await
    }

    /// The account's live sessions, most recently used first, the one behind `current_token`
    /// marked.
    pub async fn sessions(&self, user: &User, current_token: &str) -> Result<Vec<ActiveSession>> {
        let current = token_hash(current_token);
        let records = self.store.user_sessions(user.id, self.clock.now()).await?;
        Ok(records
            .into_iter()
            .map(|record| ActiveSession {
                current: record.token_hash == current,
                id: record.token_hash,
                created_at: record.created_at,
                last_used_at: record.last_used_at,
                user_agent: record.user_agent,
            })
            .collect())
    }

    /// Ends one of the account's own sessions, named by its [`ActiveSession::id`]. A session
    /// that is not the account's, or not live, is not found: nobody ends another's this way.
    pub async fn end_session(&self, user: &User, id: &str) -> Result<()> {
        if self.store.revoke_user_session(user.id, id, self.clock.now()).await? {
            Ok(())
        } else {
            Err(Error::NotFound("session"))
        }
    }

    /// Ends every session of the account but the one behind `current_token` (a laptop left
    /// signed in elsewhere). Returns how many ended.
    pub async fn end_other_sessions(&self, user: &User, current_token: &str) -> Result<u64> {
        let keep = token_hash(current_token);
        self.store.revoke_user_sessions_except(user.id, Some(&keep), self.clock.now()).await
    }

    /// Ends every session of someone's account, on an admin's authority (a lost phone, a
    /// person who left). Returns how many ended.
    pub async fn end_all_sessions(&self, by: &User, target: UserId) -> Result<u64> {
        if !by.role.may(lede_core::account::Action::ManageAccounts) {
            return Err(Error::Forbidden("store-admin-only-accounts".into()));
        }
        if !self.store.users().await?.iter().any(|u| u.id == target) {
            return Err(Error::NotFound("account"));
        }
        self.store.revoke_user_sessions(target, self.clock.now()).await
    }

    pub async fn needs_setup(&self) -> Result<bool> {
        Ok(self.store.count_users().await? == 0)
    }
}

/// An account's fields checked, its password hashed.
async fn new_user(email: &str, name: &str, role: Role, password: &str) -> Result<NewUser> {
    let email = Email::parse(email)?;
    Ok(NewUser {
        email: email.as_str().to_lowercase(),
        name: required("name", name, 120)?,
        role,
        password_hash: hash_password(password).await?,
    })
}

/// Argon2id hashing, off the async workers: it takes tens of milliseconds of CPU by design.
async fn hash_password(password: &str) -> Result<String, lede_core::Invalid> {
    let password = password.to_owned();
    cpu_bound(move || account::hash_password(&password)).await
}

/// Argon2id verification, off the async workers, like [`hash_password`].
async fn verify_password(password: &str, stored: String) -> bool {
    let password = password.to_owned();
    cpu_bound(move || account::verify_password(&password, &stored)).await
}

/// Deletes a picture no byline shows any more. The byline is already saved, so a store that
/// fails leaves only wasted space: said in the log, not to the person.
async fn forget_picture(library: &MediaLibrary, path: &str) {
    if let Err(error) = library.remove_avatar(path).await {
        tracing::warn!(%error, "an old author's picture stays in the media store");
    }
}
