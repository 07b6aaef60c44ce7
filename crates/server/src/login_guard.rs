//! Failed logins counted per client address as well as per name (auth.rs counts names):
//! one address guessing across many names answers more slowly with every failure, and is
//! locked for a while after `limits.login_address_lock` failures within 15 minutes —
//! audited, listed for supervisors and unlockable by them. Behind a reverse proxy every
//! client has the proxy's address: set the limit to 0 there (`--lock-address-after 0`).

use crate::audit::{self, Audit};
use crate::AppState;

/// How long an address stays locked, and the window its failures are counted in.
pub const ADDRESS_LOCK_SECS: i64 = 15 * 60;

/// Until when `client` is locked, if it is.
pub async fn locked_until(
    state: &AppState,
    client: &str,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    if state.limits.login_address_lock == 0 {
        return Ok(None);
    }
    let until: Option<i64> =
        sqlx::query_scalar("SELECT locked_until FROM login_failures_by_address WHERE client = $1")
            .bind(client)
            .fetch_optional(&state.db)
            .await?;
    Ok(until.filter(|u| *u > now))
}

/// Counts a failed login from `client` at `now`; the failures counted in the window.
pub async fn failed(
    state: &AppState,
    client: &str,
    now: i64,
) -> Result<i64, crate::error::AppError> {
    let limit = i64::from(state.limits.login_address_lock);
    if limit == 0 {
        return Ok(0);
    }
    // One statement counts, so failures sent in parallel each count; failures older than
    // the window are forgotten.
    let failures: i64 = sqlx::query_scalar(
        "INSERT INTO login_failures_by_address (client, failures, last_failed, locked_until) \
         VALUES ($1, 1, $2, 0) ON CONFLICT (client) DO UPDATE SET \
         failures = CASE WHEN $2 - login_failures_by_address.last_failed < $3 \
         THEN login_failures_by_address.failures + 1 ELSE 1 END, last_failed = $2 \
         RETURNING failures",
    )
    .bind(client)
    .bind(now)
    .bind(ADDRESS_LOCK_SECS)
    .fetch_one(&state.db)
    .await?;
    let locked = failures >= limit;
    if locked {
        sqlx::query(
            "UPDATE login_failures_by_address SET failures = 0, locked_until = $2 WHERE client = $1",
        )
        .bind(client)
        .bind(now + ADDRESS_LOCK_SECS)
        .execute(&state.db)
        .await?;
    }
    if locked {
        audit::record(
            &state.db,
            Audit {
                actor: client,
                action: "login.lock_address",
                target: client,
                client,
                success: true,
                detail: &format!(
                    "{failures} failed logins from this address in {} minutes; locked for {} minutes",
                    ADDRESS_LOCK_SECS / 60,
                    ADDRESS_LOCK_SECS / 60
                ),
            },
        )
        .await?;
    }
    Ok(failures)
}

/// The delay before answering a failure: longer with each failure of the name (in a row)
/// and of the address (in the window), at most four seconds.
pub fn delay_ms(name_failures: i64, address_failures: i64) -> u64 {
    let by_name = 250u64.saturating_mul(1 << name_failures.clamp(0, 4));
    let by_address = 100u64.saturating_mul(address_failures.clamp(0, 40) as u64);
    by_name.max(by_address).min(4000)
}

/// Names and addresses locked now, for the supervisor: (name or address, until).
pub async fn locks(
    state: &AppState,
    now: i64,
) -> Result<(Vec<(String, i64)>, Vec<(String, i64)>), sqlx::Error> {
    let names = sqlx::query_as(
        "SELECT name, locked_until FROM login_failures WHERE locked_until > $1 ORDER BY name",
    )
    .bind(now)
    .fetch_all(&state.db)
    .await?;
    let addresses = sqlx::query_as(
        "SELECT client, locked_until FROM login_failures_by_address WHERE locked_until > $1 ORDER BY client",
    )
    .bind(now)
    .fetch_all(&state.db)
    .await?;
    Ok((names, addresses))
}

#[cfg(test)]
mod tests {
    #[test]
    fn each_failure_answers_more_slowly_up_to_four_seconds() {
        use super::delay_ms;
        assert_eq!(delay_ms(0, 0), 250);
        assert!(delay_ms(1, 0) < delay_ms(2, 0));
        // Many names from one address: the address's count takes over.
        assert!(delay_ms(1, 15) > delay_ms(1, 1));
        assert_eq!(delay_ms(9, 90), 4000);
    }
}
