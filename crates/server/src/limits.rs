//! Rate limits per client address on what anyone may call without logging in: posting a
//! case, looking one up (a lookup code must not be guessed by trying), handing work over.
//! A fixed one-minute window per address and route; over the limit the answer is 429 with
//! `Retry-After`, and the browser's outbox simply tries again later. Behind a reverse
//! proxy every client has the proxy's address: raise the limits there or set them to 0
//! (no limit).

use crate::error::AppError;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Requests per minute and client address; 0 means no limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimits {
    /// `POST /api/cases`.
    pub cases: u32,
    /// `GET /api/cases/{number}`.
    pub lookups: u32,
    /// `POST /api/handovers`.
    pub handovers: u32,
    /// `POST /api/session` (logins), whatever the account.
    pub logins: u32,
    /// Failed logins from one address within 15 minutes that lock it (0: never; set 0
    /// behind a reverse proxy, where every client has the proxy's address).
    pub login_address_lock: u32,
    /// Connections open at once (the rest wait in the operating system's queue).
    pub connections: usize,
    /// Seconds a request may take, body included, before it is answered 503.
    pub request_timeout_secs: u64,
}

impl Default for RateLimits {
    fn default() -> Self {
        RateLimits {
            cases: 60,
            lookups: 30,
            handovers: 20,
            logins: 20,
            login_address_lock: 20,
            connections: 1024,
            request_timeout_secs: 30,
        }
    }
}

impl RateLimits {
    /// No limits (benchmarks, tests of other things).
    pub fn none() -> Self {
        RateLimits {
            cases: 0,
            lookups: 0,
            handovers: 0,
            logins: 0,
            login_address_lock: 0,
            ..RateLimits::default()
        }
    }
}

const WINDOW: Duration = Duration::from_secs(60);

/// One route's counters: per address, the window's start and the requests in it.
#[derive(Clone)]
pub struct Limiter {
    per_minute: u32,
    seen: Arc<Mutex<HashMap<String, (Instant, u32)>>>,
}

impl Limiter {
    /// A limiter allowing `per_minute` requests per address (0: any number).
    pub fn new(per_minute: u32) -> Limiter {
        Limiter {
            per_minute,
            seen: Arc::default(),
        }
    }

    /// Counts a request from `client` at `now`; `Err` holds the seconds until it may try again.
    fn admit(&self, client: &str, now: Instant) -> Result<(), u64> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let Ok(mut seen) = self.seen.lock() else {
            return Ok(());
        };
        // Forget windows that ended, so the map stays as small as the active clients.
        if seen.len() > 10_000 {
            seen.retain(|_, (start, _)| now.duration_since(*start) < WINDOW);
        }
        let entry = seen.entry(client.to_string()).or_insert((now, 0));
        if now.duration_since(entry.0) >= WINDOW {
            *entry = (now, 0);
        }
        if entry.1 >= self.per_minute {
            let left = WINDOW.saturating_sub(now.duration_since(entry.0));
            return Err(left.as_secs().max(1));
        }
        entry.1 += 1;
        Ok(())
    }
}

/// The middleware: counts the request against its address and refuses it over the limit.
pub async fn limit(State(limiter): State<Limiter>, request: Request, next: Next) -> Response {
    let client = request
        .extensions()
        .get::<ConnectInfo<crate::listener::Peer>>()
        .map(|c| c.0 .0.ip().to_string())
        .unwrap_or_else(|| "unknown".into());
    match limiter.admit(&client, Instant::now()) {
        Ok(()) => next.run(request).await,
        Err(seconds) => {
            let mut response =
                AppError::TooMany(format!("请求过于频繁，请 {seconds} 秒后再试")).into_response();
            if let Ok(v) = HeaderValue::from_str(&seconds.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
            response
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_address_has_its_own_minute() {
        let l = Limiter::new(2);
        let t0 = Instant::now();
        assert!(l.admit("a", t0).is_ok());
        assert!(l.admit("a", t0).is_ok());
        assert_eq!(l.admit("a", t0 + Duration::from_secs(20)), Err(40));
        assert!(l.admit("b", t0).is_ok());
        assert!(l.admit("a", t0 + Duration::from_secs(61)).is_ok());
        assert!(Limiter::new(0).admit("a", t0).is_ok());
    }
}
