//! Accounts and sessions.

use super::SqlStore;
use super::rows::{from_unix, to_unix};
use crate::{Error, Result, SessionRecord};
use lede_core::account::{NewUser, Role, User, UserId};
use lede_core::content::AuthorId;
use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

const USER_COLUMNS: &str = "u.id, u.email, u.name, u.role, u.author_id, u.password_hash, u.failed_attempts, u.locked_until, u.interface_language";

const SESSION_COLUMNS: &str = "s.token_hash, s.created_at, s.last_used_at, s.user_agent";

fn session(row: &AnyRow) -> Result<SessionRecord> {
    Ok(SessionRecord {
        token_hash: row.try_get("token_hash")?,
        created_at: from_unix(row.try_get("created_at")?),
        last_used_at: row.try_get::<Option<i64>, _>("last_used_at")?.map(from_unix),
        user_agent: row.try_get("user_agent")?,
    })
}

fn user(row: &AnyRow) -> Result<User> {
    Ok(User {
        id: UserId(row.try_get("id")?),
        email: row.try_get("email")?,
        name: row.try_get("name")?,
        role: Role::parse(&row.try_get::<String, _>("role")?)?,
        author: row.try_get::<Option<i64>, _>("author_id")?.map(AuthorId),
        password_hash: row.try_get("password_hash")?,
        failed_attempts: u32::try_from(row.try_get::<i64, _>("failed_attempts")?)
            .unwrap_or(u32::MAX),
        locked_until: row.try_get::<Option<i64>, _>("locked_until")?.map(from_unix),
        interface_language: row.try_get("interface_language")?,
    })
}

impl SqlStore {
    pub async fn count_users(&self) -> Result<u64> {
        let count: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(&self.write).await?;
        Ok(u64::try_from(count).unwrap_or(0))
    }

    pub(crate) async fn create_user(&self, new: &NewUser, now: OffsetDateTime) -> Result<UserId> {
        let id = sqlx::query_scalar(
            "INSERT INTO users (email, name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(new.email.to_lowercase())
        .bind(new.name.as_str())
        .bind(new.role.as_str())
        .bind(new.password_hash.as_str())
        .bind(to_unix(now))
        .fetch_one(&self.write)
        .await
        .map_err(|e| match Error::from(e) {
            Error::Conflict(_) => Error::Conflict(
                lede_core::Message::new("store-email-taken").text("email", &new.email),
            ),
            other => other,
        })?;
        Ok(UserId(id))
    }

    pub async fn user_by_email(&self, email: &str) -> Result<Option<User>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE u.email = $1");
        let row =
            sqlx::query(&sql).bind(email.trim().to_lowercase()).fetch_optional(&self.write).await?;
        row.as_ref().map(user).transpose()
    }

    pub async fn users(&self) -> Result<Vec<User>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users u ORDER BY u.name");
        let rows = sqlx::query(&sql).fetch_all(&self.read).await?;
        rows.iter().map(user).collect()
    }

    pub(crate) async fn set_role(&self, id: UserId, role: Role) -> Result<()> {
        let done = sqlx::query("UPDATE users SET role = $1 WHERE id = $2")
            .bind(role.as_str())
            .bind(id.0)
            .execute(&self.write)
            .await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound("account"));
        }
        Ok(())
    }

    pub(crate) async fn set_interface_language(
        &self,
        id: UserId,
        language: Option<&str>,
    ) -> Result<()> {
        let done = sqlx::query("UPDATE users SET interface_language = $1 WHERE id = $2")
            .bind(language)
            .bind(id.0)
            .execute(&self.write)
            .await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound("account"));
        }
        Ok(())
    }

    pub(crate) async fn link_author(&self, id: UserId, author: AuthorId) -> Result<()> {
        sqlx::query("UPDATE users SET author_id = $1 WHERE id = $2")
            .bind(author.0)
            .bind(id.0)
            .execute(&self.write)
            .await?;
        Ok(())
    }

    pub(crate) async fn set_password(&self, id: UserId, password_hash: &str) -> Result<()> {
        let done = sqlx::query("UPDATE users SET password_hash = $1, failed_attempts = 0, locked_until = NULL WHERE id = $2")
            .bind(password_hash)
            .bind(id.0)
            .execute(&self.write)
            .await?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound("account"));
        }
        Ok(())
    }

    /// Until when sign-ins with the email address behind `email_hash` are locked, if they are.
    pub async fn sign_in_locked_until(
        &self,
        email_hash: &str,
        now: OffsetDateTime,
    ) -> Result<Option<OffsetDateTime>> {
        let until: Option<Option<i64>> =
            sqlx::query_scalar("SELECT locked_until FROM sign_in_failures WHERE email_hash = $1")
                .bind(email_hash)
                .fetch_optional(&self.write)
                .await?;
        Ok(until.flatten().map(from_unix).filter(|until| *until > now))
    }

    /// Counts a failed sign-in with an address, account or not, and locks the address until
    /// `lock_until` when this makes `lock_after` failures in a row. Failures last noted before
    /// `stale_before` are forgotten (and their rows pruned, unless they still lock). Returns
    /// the failures in a row.
    pub(crate) async fn record_sign_in_failure(
        &self,
        email_hash: &str,
        lock_after: u32,
        lock_until: OffsetDateTime,
        stale_before: OffsetDateTime,
        now: OffsetDateTime,
    ) -> Result<u32> {
        let mut tx = self.begin().await?;
        sqlx::query(
            "DELETE FROM sign_in_failures WHERE updated_at < $1 \
             AND (locked_until IS NULL OR locked_until < $2) AND email_hash <> $3",
        )
        .bind(to_unix(stale_before))
        .bind(to_unix(now))
        .bind(email_hash)
        .execute(&mut *tx)
        .await?;
        let failures: i64 = sqlx::query_scalar(
            "INSERT INTO sign_in_failures (email_hash, failures, locked_until, updated_at) \
             VALUES ($1, 1, CASE WHEN 1 >= $2 THEN $3 ELSE NULL END, $4) \
             ON CONFLICT (email_hash) DO UPDATE SET \
             failures = CASE WHEN sign_in_failures.updated_at < $5 THEN 1 \
                        ELSE sign_in_failures.failures + 1 END, \
             locked_until = CASE WHEN sign_in_failures.updated_at >= $5 \
                            AND sign_in_failures.failures + 1 >= $2 THEN $3 \
                            ELSE sign_in_failures.locked_until END, \
             updated_at = $4 \
             RETURNING failures",
        )
        .bind(email_hash)
        .bind(i64::from(lock_after))
        .bind(to_unix(lock_until))
        .bind(to_unix(now))
        .bind(to_unix(stale_before))
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(u32::try_from(failures).unwrap_or(u32::MAX))
    }

    pub(crate) async fn clear_sign_in_failures(&self, email_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM sign_in_failures WHERE email_hash = $1")
            .bind(email_hash)
            .execute(&self.write)
            .await?;
        Ok(())
    }

    /// Creates the site's first account, only if it has none and no setup happened before,
    /// in one transaction guarded by the one row `site_setup` can hold: of several setups
    /// sent at once, one creates its account and the others get `None`.
    pub(crate) async fn create_first_account(
        &self,
        new: &NewUser,
        now: OffsetDateTime,
    ) -> Result<Option<UserId>> {
        let mut tx = self.begin().await?;
        let guard = sqlx::query(
            "INSERT INTO site_setup (id, done_at) VALUES (1, $1) ON CONFLICT (id) DO NOTHING",
        )
        .bind(to_unix(now))
        .execute(&mut *tx)
        .await?;
        if guard.rows_affected() != 1 {
            return Ok(None);
        }
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO users (email, name, role, password_hash, created_at) \
             SELECT $1, $2, $3, $4, $5 WHERE NOT EXISTS (SELECT 1 FROM users) RETURNING id",
        )
        .bind(new.email.to_lowercase())
        .bind(new.name.as_str())
        .bind(new.role.as_str())
        .bind(new.password_hash.as_str())
        .bind(to_unix(now))
        .fetch_optional(&mut *tx)
        .await?;
        let Some(id) = id else {
            return Ok(None);
        };
        tx.commit().await?;
        Ok(Some(UserId(id)))
    }

    /// Notes a comment form's token as spent, unless it was already: returns whether this was
    /// its first use. Tokens past `now` are forgotten on the way (they are refused as expired).
    pub(crate) async fn spend_form_token(
        &self,
        token_hash: &str,
        expires_at: OffsetDateTime,
        now: OffsetDateTime,
    ) -> Result<bool> {
        let mut tx = self.begin().await?;
        sqlx::query("DELETE FROM used_form_tokens WHERE expires_at < $1")
            .bind(to_unix(now))
            .execute(&mut *tx)
            .await?;
        let done = sqlx::query(
            "INSERT INTO used_form_tokens (token_hash, expires_at) VALUES ($1, $2) \
             ON CONFLICT (token_hash) DO NOTHING",
        )
        .bind(token_hash)
        .bind(to_unix(expires_at))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(done.rows_affected() == 1)
    }

    pub(crate) async fn create_session(
        &self,
        token_hash: &str,
        user: UserId,
        csrf_token: &str,
        user_agent: &str,
        now: OffsetDateTime,
        expires_at: OffsetDateTime,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, user_agent, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(token_hash)
        .bind(user.0)
        .bind(csrf_token)
        .bind(user_agent)
        .bind(to_unix(now))
        .bind(to_unix(expires_at))
        .execute(&self.write)
        .await?;
        Ok(())
    }

    pub async fn session(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> Result<Option<(User, String, SessionRecord)>> {
        let sql = format!(
            "SELECT {USER_COLUMNS}, s.csrf_token, {SESSION_COLUMNS} FROM sessions s \
             JOIN users u ON u.id = s.user_id \
             WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2"
        );
        let row = sqlx::query(&sql)
            .bind(token_hash)
            .bind(to_unix(now))
            .fetch_optional(&self.read)
            .await?;
        row.map(|r| Ok((user(&r)?, r.try_get("csrf_token")?, session(&r)?))).transpose()
    }

    pub(crate) async fn touch_session(&self, token_hash: &str, now: OffsetDateTime) -> Result<()> {
        sqlx::query("UPDATE sessions SET last_used_at = $1 WHERE token_hash = $2")
            .bind(to_unix(now))
            .bind(token_hash)
            .execute(&self.write)
            .await?;
        Ok(())
    }

    pub async fn user_sessions(
        &self,
        id: UserId,
        now: OffsetDateTime,
    ) -> Result<Vec<SessionRecord>> {
        let sql = format!(
            "SELECT {SESSION_COLUMNS} FROM sessions s \
             WHERE s.user_id = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 \
             ORDER BY COALESCE(s.last_used_at, s.created_at) DESC, s.created_at DESC"
        );
        let rows = sqlx::query(&sql).bind(id.0).bind(to_unix(now)).fetch_all(&self.read).await?;
        rows.iter().map(session).collect()
    }

    pub(crate) async fn revoke_session(&self, token_hash: &str, now: OffsetDateTime) -> Result<()> {
        sqlx::query(
            "UPDATE sessions SET revoked_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL",
        )
        .bind(to_unix(now))
        .bind(token_hash)
        .execute(&self.write)
        .await?;
        Ok(())
    }

    pub(crate) async fn revoke_user_session(
        &self,
        id: UserId,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE sessions SET revoked_at = $1 \
             WHERE token_hash = $2 AND user_id = $3 AND revoked_at IS NULL AND expires_at > $1",
        )
        .bind(to_unix(now))
        .bind(token_hash)
        .bind(id.0)
        .execute(&self.write)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Ends every session of an account (a password change, a stolen laptop).
    pub(crate) async fn revoke_user_sessions(
        &self,
        id: UserId,
        now: OffsetDateTime,
    ) -> Result<u64> {
        self.revoke_user_sessions_except(id, None, now).await
    }

    pub(crate) async fn revoke_user_sessions_except(
        &self,
        id: UserId,
        keep: Option<&str>,
        now: OffsetDateTime,
    ) -> Result<u64> {
        // No hash is empty, so "" keeps nothing.
        let done = sqlx::query(
            "UPDATE sessions SET revoked_at = $1 \
             WHERE user_id = $2 AND revoked_at IS NULL AND token_hash <> $3",
        )
        .bind(to_unix(now))
        .bind(id.0)
        .bind(keep.unwrap_or(""))
        .execute(&self.write)
        .await?;
        Ok(done.rows_affected())
    }
}
