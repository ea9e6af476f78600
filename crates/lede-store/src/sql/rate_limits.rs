//! Rate limits shared by every server on the database: the generic cell rate algorithm, one
//! row per client and kind, checked and spent in one statement so that two servers taking
//! from the same allowance at once cannot both have the last one.

use super::{Backend, SqlStore};
use crate::Result;
use std::time::Duration;

/// How much a client may do: `burst` at once, then one more every `period`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Allowance {
    pub burst: u32,
    pub period: Duration,
}

impl SqlStore {
    /// Spends one of `client`'s allowance in `bucket` at `now_ms` (Unix milliseconds): true
    /// when there was one left, false (and nothing written) when it is spent.
    pub(crate) async fn take_allowance(
        &self,
        bucket: &str,
        client: &str,
        allowance: Allowance,
        now_ms: i64,
    ) -> Result<bool> {
        let greatest = match self.backend {
            Backend::Sqlite => "max",
            Backend::Postgres => "GREATEST",
        };
        let period = i64::try_from(allowance.period.as_millis()).unwrap_or(i64::MAX / 4).max(1);
        // Spending is allowed while the allowance would be whole again within `burst` periods.
        let tolerance = period.saturating_mul(i64::from(allowance.burst.max(1)) - 1);
        let sql = format!(
            "INSERT INTO rate_limits (bucket, client, full_at) VALUES ($1, $2, $3 + $4) \
             ON CONFLICT (bucket, client) DO UPDATE \
             SET full_at = {greatest}(rate_limits.full_at, $3) + $4 \
             WHERE {greatest}(rate_limits.full_at, $3) - $3 <= $5 \
             RETURNING full_at"
        );
        let spent: Option<i64> = sqlx::query_scalar(&sql)
            .bind(bucket)
            .bind(client)
            .bind(now_ms)
            .bind(period)
            .bind(tolerance)
            .fetch_optional(&self.write)
            .await?;
        Ok(spent.is_some())
    }

    /// Forgets the clients whose allowances are whole again (a row says nothing then).
    pub(crate) async fn forget_whole_allowances(&self, now_ms: i64) -> Result<u64> {
        let done = sqlx::query("DELETE FROM rate_limits WHERE full_at <= $1")
            .bind(now_ms)
            .execute(&self.write)
            .await?;
        Ok(done.rows_affected())
    }
}
