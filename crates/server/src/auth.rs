//! Clerk accounts and sessions: passwords hashed with argon2id, a random session token in
//! an HttpOnly, SameSite=Strict cookie (Secure when served over TLS), with an idle and an
//! absolute timeout. Only the token's SHA-256 is stored.

use crate::audit::{self, Audit};
use crate::error::AppError;
use crate::AppState;
use anyhow::Context;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::Engine;
use onewindow_wire::body::{LoginRequest, SessionInfo};
use sha2::{Digest, Sha256};

/// The session cookie's name.
pub const COOKIE: &str = "ow_session";

/// Failed logins in a row that lock an account name.
pub const LOCK_AFTER: i64 = 5;
/// How long a locked name stays locked (unless a supervisor unlocks it).
pub const LOCK_SECS: i64 = 15 * 60;

/// Refuses (and audits, as `action` on `target`) a clerk who is not a supervisor, with
/// `refusal` as the answer.
pub async fn supervisor_only(
    state: &AppState,
    clerk: &Clerk,
    action: &str,
    target: &str,
    refusal: &str,
) -> Result<(), AppError> {
    if clerk.role == "supervisor" {
        return Ok(());
    }
    audit::record(
        &state.db,
        Audit {
            actor: &clerk.name,
            action,
            target,
            client: &clerk.client,
            success: false,
            detail: "not a supervisor",
        },
    )
    .await?;
    Err(AppError::Forbidden(refusal.into()))
}

/// `GET /api/desk/sessions`: every open session (supervisors only, audited).
pub async fn sessions(
    State(state): State<AppState>,
    clerk: Clerk,
) -> Result<Json<onewindow_wire::body::SessionList>, AppError> {
    supervisor_only(&state, &clerk, "session.list", "", "只有负责人可以管理会话").await?;
    let now = now_secs();
    let s = state.sessions;
    let rows: Vec<(String, String, String, i64, i64)> = sqlx::query_as(
        "SELECT s.token_hash, u.name, u.role, s.created_at, s.last_seen FROM sessions s JOIN users u ON u.id = s.user_id \
         WHERE s.last_seen > $1 - $2 AND s.created_at > $1 - $3 ORDER BY s.last_seen DESC",
    )
    .bind(now)
    .bind(s.idle_secs)
    .bind(s.absolute_secs)
    .fetch_all(&state.db)
    .await?;
    audit::record(
        &state.db,
        Audit {
            actor: &clerk.name,
            action: "session.list",
            target: "",
            client: &clerk.client,
            success: true,
            detail: &format!("{} open", rows.len()),
        },
    )
    .await?;
    Ok(Json(onewindow_wire::body::SessionList {
        sessions: rows
            .into_iter()
            .map(
                |(hash, name, role, created_at, last_seen)| onewindow_wire::body::OpenSession {
                    id: hash[..16].to_string(),
                    name,
                    role: wire_role(&role),
                    created_at,
                    last_seen,
                },
            )
            .collect(),
    }))
}

/// `DELETE /api/desk/sessions/{id}`: ends a session by its handle (supervisors only,
/// audited); the clerk's next request is refused with 401.
pub async fn revoke(
    State(state): State<AppState>,
    clerk: Clerk,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> Result<Json<onewindow_wire::body::Revoked>, AppError> {
    supervisor_only(
        &state,
        &clerk,
        "session.revoke",
        &id,
        "只有负责人可以管理会话",
    )
    .await?;
    let id: String = id
        .chars()
        .filter(|c| c.is_ascii_hexdigit())
        .take(16)
        .collect();
    let revoked = if id.len() == 16 {
        sqlx::query("DELETE FROM sessions WHERE token_hash LIKE $1")
            .bind(format!("{id}%"))
            .execute(&state.db)
            .await?
            .rows_affected()
    } else {
        0
    };
    audit::record(
        &state.db,
        Audit {
            actor: &clerk.name,
            action: "session.revoke",
            target: &id,
            client: &clerk.client,
            success: revoked > 0,
            detail: "",
        },
    )
    .await?;
    Ok(Json(onewindow_wire::body::Revoked { revoked }))
}

/// `POST /api/desk/users/{name}/unlock`: a supervisor unlocks a name locked after failed
/// logins (audited).
pub async fn unlock(
    State(state): State<AppState>,
    clerk: Clerk,
    axum::extract::Path(name): axum::extract::Path<String>,
) -> Result<Json<onewindow_wire::body::Unlocked>, AppError> {
    lift_lock(&state, &clerk, name.trim(), Locked::Name).await
}

/// What a lock is on: an account name or a client address.
#[derive(Clone, Copy)]
enum Locked {
    Name,
    Address,
}

/// Removes the failures and lock of `who` (supervisors only; audited either way).
async fn lift_lock(
    state: &AppState,
    clerk: &Clerk,
    who: &str,
    kind: Locked,
) -> Result<Json<onewindow_wire::body::Unlocked>, AppError> {
    let (action, refusal, delete) = match kind {
        Locked::Name => (
            "user.unlock",
            "只有负责人可以解锁账户",
            "DELETE FROM login_failures WHERE name = $1",
        ),
        Locked::Address => (
            "login.unlock_address",
            "只有负责人可以解除锁定",
            "DELETE FROM login_failures_by_address WHERE client = $1",
        ),
    };
    supervisor_only(state, clerk, action, who, refusal).await?;
    let removed = sqlx::query(delete)
        .bind(who)
        .execute(&state.db)
        .await?
        .rows_affected();
    audit::record(
        &state.db,
        Audit {
            actor: &clerk.name,
            action,
            target: who,
            client: &clerk.client,
            success: true,
            detail: "",
        },
    )
    .await?;
    Ok(Json(onewindow_wire::body::Unlocked {
        name: who.to_string(),
        was_locked: removed > 0,
    }))
}

/// `GET /api/desk/locks`: the names and addresses locked now (supervisors only, audited).
pub async fn locks(
    State(state): State<AppState>,
    clerk: Clerk,
) -> Result<Json<onewindow_wire::body::LockList>, AppError> {
    supervisor_only(
        &state,
        &clerk,
        "login.locks",
        "",
        "只有负责人可以查看锁定情况",
    )
    .await?;
    let (names, addresses) = crate::login_guard::locks(&state, now_secs()).await?;
    audit::record(
        &state.db,
        Audit {
            actor: &clerk.name,
            action: "login.locks",
            target: "",
            client: &clerk.client,
            success: true,
            detail: &format!("{} names, {} addresses", names.len(), addresses.len()),
        },
    )
    .await?;
    let lock = |(who, until): (String, i64)| onewindow_wire::body::Lock {
        who,
        until: chrono::DateTime::from_timestamp(until, 0)
            .map(|t| {
                t.with_timezone(&chrono::Local)
                    .format("%Y-%m-%d %H:%M")
                    .to_string()
            })
            .unwrap_or_default(),
    };
    Ok(Json(onewindow_wire::body::LockList {
        names: names.into_iter().map(lock).collect(),
        addresses: addresses.into_iter().map(lock).collect(),
    }))
}

/// `POST /api/desk/addresses/{client}/unlock`: a supervisor unlocks a client address
/// (audited).
pub async fn unlock_address(
    State(state): State<AppState>,
    clerk: Clerk,
    axum::extract::Path(client): axum::extract::Path<String>,
) -> Result<Json<onewindow_wire::body::Unlocked>, AppError> {
    lift_lock(&state, &clerk, client.trim(), Locked::Address).await
}

/// Turns a supervisor's second factor on (a new secret, returned to be shown once) or off;
/// audited.
pub async fn set_totp(
    db: &crate::db::Db,
    vault: &crate::vault::Vault,
    name: &str,
    on: bool,
) -> anyhow::Result<Option<Vec<u8>>> {
    let role: Option<String> = sqlx::query_scalar("SELECT role FROM users WHERE name = $1")
        .bind(name)
        .fetch_optional(db)
        .await?;
    match role.as_deref() {
        None => anyhow::bail!("there is no account named {name}"),
        Some("supervisor") => {}
        Some(other) => {
            anyhow::bail!("{name} is a {other}: the second factor is for supervisors' accounts")
        }
    }
    let secret = if on {
        Some(crate::totp::new_secret()?)
    } else {
        None
    };
    let sealed = secret.as_ref().map_or(String::new(), |s| {
        vault.seal(&base64::engine::general_purpose::STANDARD.encode(s))
    });
    sqlx::query("UPDATE users SET totp_secret = $1, totp_last_step = 0 WHERE name = $2")
        .bind(sealed)
        .bind(name)
        .execute(db)
        .await?;
    audit::record(
        db,
        Audit {
            actor: "(command line)",
            action: if on { "user.totp_on" } else { "user.totp_off" },
            target: name,
            client: "local",
            success: true,
            detail: "",
        },
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    Ok(secret)
}

/// How long sessions last.
#[derive(Debug, Clone, Copy)]
pub struct SessionSettings {
    /// Seconds without a request after which the session ends.
    pub idle_secs: i64,
    /// Seconds after login after which the session ends whatever happens.
    pub absolute_secs: i64,
    /// Mark the cookie `Secure` (the server is behind TLS).
    pub secure_cookie: bool,
}

impl Default for SessionSettings {
    fn default() -> Self {
        SessionSettings {
            idle_secs: 15 * 60,
            absolute_secs: 10 * 60 * 60,
            secure_cookie: false,
        }
    }
}

/// An account's post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AccountRole {
    /// Front-desk clerk (综合窗口, 前台).
    Clerk,
    /// A department's middle office (中台).
    Support,
    /// A department's back-office reviewer (后台审批).
    Reviewer,
    /// A department's lead or chief representative (首席事务代表).
    Lead,
    /// The centre's supervisor: may also read the audit log.
    Supervisor,
}

impl AccountRole {
    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            AccountRole::Clerk => "clerk",
            AccountRole::Support => "support",
            AccountRole::Reviewer => "reviewer",
            AccountRole::Lead => "lead",
            AccountRole::Supervisor => "supervisor",
        }
    }
}

/// Where an account works: its departments and its site.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Post {
    /// Department names, as the catalogue writes them.
    pub departments: Vec<String>,
    /// The site.
    pub site: String,
}

/// Hashes a password with argon2id and a random salt.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| anyhow::anyhow!("cannot hash the password: {e}"))?
        .to_string())
}

fn password_matches(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// Passwords too common to allow (shipped as data, one per line).
const COMMON_PASSWORDS: &str = include_str!("../data/common-passwords.txt");

/// The fewest characters a password may have.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// Whether `password` may be used by account `name`: long enough, not the name (or
/// containing it), not one of the common passwords.
pub fn password_acceptable(name: &str, password: &str) -> anyhow::Result<()> {
    anyhow::ensure!(
        password.chars().count() >= MIN_PASSWORD_CHARS,
        "the password must have at least {MIN_PASSWORD_CHARS} characters"
    );
    let lower = password.to_lowercase();
    let name = name.trim().to_lowercase();
    anyhow::ensure!(
        name.is_empty() || !lower.contains(&name),
        "the password must not contain the user's name"
    );
    let common = COMMON_PASSWORDS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .any(|c| lower == c || lower.trim_end_matches(|ch: char| ch.is_ascii_digit()) == c);
    anyhow::ensure!(
        !common,
        "this password is too common: choose a passphrase of your own"
    );
    Ok(())
}

/// Whether an account of that name exists.
pub async fn user_exists(db: &crate::db::Db, name: &str) -> anyhow::Result<bool> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE name = $1")
        .bind(name.trim())
        .fetch_optional(db)
        .await?;
    Ok(found.is_some())
}

/// Creates an account (`onewindow user add`). Refuses a name already taken and a password
/// [`password_acceptable`] refuses.
pub async fn add_user(
    db: &crate::db::Db,
    name: &str,
    role: AccountRole,
    password: &str,
) -> anyhow::Result<()> {
    add_user_at(db, name, role, &Post::default(), password).await
}

/// Creates an account working for `post`'s departments at its site.
pub async fn add_user_at(
    db: &crate::db::Db,
    name: &str,
    role: AccountRole,
    post: &Post,
    password: &str,
) -> anyhow::Result<()> {
    if matches!(
        role,
        AccountRole::Support | AccountRole::Reviewer | AccountRole::Lead
    ) {
        anyhow::ensure!(
            !post.departments.is_empty(),
            "a {} works for a department: give --department",
            role.as_str()
        );
    }
    let name = name.trim();
    anyhow::ensure!(
        !name.is_empty() && name.chars().count() <= 64,
        "a user name has 1 to 64 characters"
    );
    password_acceptable(name, password)?;
    let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE name = $1")
        .bind(name)
        .fetch_optional(db)
        .await?;
    anyhow::ensure!(taken.is_none(), "there is already a user called {name}");
    sqlx::query(
        "INSERT INTO users (name, role, password_hash, created_at, departments, site) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(name)
    .bind(role.as_str())
    .bind(hash_password(password)?)
    .bind(chrono::Local::now().naive_local().to_string())
    .bind(post.departments.join("\n"))
    .bind(post.site.trim())
    .execute(db)
    .await
    .context("cannot store the user")?;
    Ok(())
}

/// The clerk a request comes from (an extractor: a request without a live session is
/// refused with 401).
#[derive(Debug, Clone)]
pub struct Clerk {
    /// The account name.
    pub name: String,
    /// As stored: `clerk`, `support`, `reviewer`, `lead` or `supervisor`.
    pub role: String,
    /// The departments it works for.
    pub departments: Vec<String>,
    /// Its site.
    pub site: String,
    /// Where the request came from (for the audit log).
    pub client: String,
}

/// The case-event role of an account's stored role.
pub fn case_role(stored: &str) -> onewindow_core::case::Role {
    use onewindow_core::case::Role;
    match stored {
        "supervisor" => Role::Supervisor,
        "support" => Role::Support,
        "reviewer" => Role::Reviewer,
        "lead" => Role::Lead,
        _ => Role::Clerk,
    }
}

impl Clerk {
    /// The case-event role for this account.
    pub fn case_role(&self) -> onewindow_core::case::Role {
        case_role(&self.role)
    }

    /// This person as the core's access rules see them.
    pub fn staff(&self) -> onewindow_core::case::access::Staff<'_> {
        onewindow_core::case::access::Staff {
            role: self.case_role(),
            departments: &self.departments,
            site: &self.site,
        }
    }
}

/// Departments as stored (one per line).
fn departments_of(stored: &str) -> Vec<String> {
    stored
        .lines()
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(String::from)
        .collect()
}

/// The client's address as the audit log records it.
pub fn client_of(parts_ext: &axum::http::Extensions) -> String {
    parts_ext
        .get::<ConnectInfo<crate::listener::Peer>>()
        .map(|c| c.0 .0.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

fn token_hash(token: &str) -> String {
    format!("{:x}", Sha256::digest(token.as_bytes()))
}

fn cookie_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .map(|(_, v)| v.to_string())
}

fn now_secs() -> i64 {
    chrono::Utc::now().timestamp()
}

impl FromRequestParts<AppState> for Clerk {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        session_clerk(state, &parts.headers, client_of(&parts.extensions))
            .await?
            .ok_or_else(|| AppError::Unauthorized("请先登录（会话不存在或已超时）".into()))
    }
}

/// The clerk whose live session the request carries, if any (touching the session).
pub async fn session_clerk(
    state: &AppState,
    headers: &HeaderMap,
    client: String,
) -> Result<Option<Clerk>, AppError> {
    {
        let Some(token) = cookie_token(headers) else {
            return Ok(None);
        };
        let hash = token_hash(&token);
        let now = now_secs();
        let s = state.sessions;
        // One statement both checks both timeouts and touches the session, so two
        // requests at once cannot revive an expired one.
        let row: Option<(String, String, String, String)> = sqlx::query_as(
            "UPDATE sessions SET last_seen = $1 WHERE token_hash = $2 AND last_seen > $1 - $3 AND created_at > $1 - $4 \
             RETURNING (SELECT name FROM users WHERE users.id = sessions.user_id), \
                       (SELECT role FROM users WHERE users.id = sessions.user_id), \
                       (SELECT departments FROM users WHERE users.id = sessions.user_id), \
                       (SELECT site FROM users WHERE users.id = sessions.user_id)",
        )
        .bind(now)
        .bind(&hash)
        .bind(s.idle_secs)
        .bind(s.absolute_secs)
        .fetch_optional(&state.db)
        .await?;
        let Some((name, role, departments, site)) = row else {
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                .bind(&hash)
                .execute(&state.db)
                .await?;
            return Ok(None);
        };
        Ok(Some(Clerk {
            name,
            role,
            departments: departments_of(&departments),
            site,
            client,
        }))
    }
}

fn session_cookie(state: &AppState, token: &str, max_age: i64) -> String {
    format!(
        "{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{}",
        if state.sessions.secure_cookie {
            "; Secure"
        } else {
            ""
        }
    )
}

/// `POST /api/session`: log in. Every attempt, right or wrong, is audited.
pub async fn login(
    State(state): State<AppState>,
    ConnectInfoOpt(client): ConnectInfoOpt,
    body: Result<Json<LoginRequest>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, AppError> {
    let Json(login) = body.map_err(|e| AppError::BadRequest(format!("登录请求格式不对：{e}")))?;
    let name = login.name.trim();
    let now = now_secs();
    // A name locked after repeated failures is refused before its password is tried.
    let (failures, locked_until): (i64, i64) =
        sqlx::query_as("SELECT failures, locked_until FROM login_failures WHERE name = $1")
            .bind(name)
            .fetch_optional(&state.db)
            .await?
            .unwrap_or((0, 0));
    // So is an address locked after failures across many names.
    if let Some(until) = crate::login_guard::locked_until(&state, &client, now).await? {
        let minutes = (until - now + 59) / 60;
        audit::record(
            &state.db,
            Audit {
                actor: name,
                action: "login",
                target: "",
                client: &client,
                success: false,
                detail: "address locked",
            },
        )
        .await?;
        return Err(AppError::TooMany(format!(
            "这台设备连续多次登录失败，已临时停止登录，请{minutes}分钟后再试，或请负责人解除"
        )));
    }
    if locked_until > now {
        let minutes = (locked_until - now + 59) / 60;
        audit::record(
            &state.db,
            Audit {
                actor: name,
                action: "login",
                target: "",
                client: &client,
                success: false,
                detail: "locked",
            },
        )
        .await?;
        return Err(AppError::TooMany(format!(
            "该账户因连续{LOCK_AFTER}次密码错误已临时锁定，请{minutes}分钟后再试，或请负责人解锁"
        )));
    }
    let row: Option<(i64, String, String, String, String, String, i64)> = sqlx::query_as(
        "SELECT id, role, password_hash, departments, site, totp_secret, totp_last_step FROM users WHERE name = $1",
    )
    .bind(name)
    .fetch_optional(&state.db)
    .await?;
    // Verify against a fixed hash when there is no such user, so that the answer takes
    // as long and a user name cannot be found by timing.
    let dummy = state.dummy_hash.as_str();
    let stored = row.as_ref().map_or(dummy, |r| r.2.as_str());
    let password_ok = password_matches(&login.password, stored) && row.is_some();
    // An account with a second factor also needs its one-time code (used once).
    let mut second = "";
    let mut step_used = None;
    if let Some(r) = row.as_ref().filter(|r| password_ok && !r.5.is_empty()) {
        let secret = state
            .vault
            .open(&r.5)
            .map_err(|e| AppError::Internal(e.context(format!("the second factor of {name}"))))?;
        let secret = base64::engine::general_purpose::STANDARD
            .decode(secret)
            .map_err(|e| AppError::Internal(anyhow::anyhow!("the second factor of {name}: {e}")))?;
        let code = login.code.as_deref().unwrap_or("").trim();
        step_used = crate::totp::check(&secret, code, now as u64, r.6.max(0) as u64);
        if step_used.is_none() {
            second = if code.is_empty() {
                "code missing"
            } else {
                "code wrong"
            };
        }
    }
    let ok = password_ok && second.is_empty();
    audit::record(
        &state.db,
        Audit {
            actor: name,
            action: "login",
            target: "",
            client: &client,
            success: ok,
            detail: second,
        },
    )
    .await?;
    if password_ok && second == "code missing" {
        // The password was right: not a failure, but the code is needed.
        return Err(AppError::Unauthorized(
            "该账户已开启双重验证：请同时输入身份验证器上的6位动态口令".into(),
        ));
    }
    let Some((user_id, role, _, departments, site, _, _)) = row.filter(|_| ok) else {
        let by_address = crate::login_guard::failed(&state, &client, now).await?;
        let failures = failures + 1;
        let locked = failures >= LOCK_AFTER;
        let until = if locked { now + LOCK_SECS } else { 0 };
        sqlx::query(
            "INSERT INTO login_failures (name, failures, locked_until) VALUES ($1, $2, $3) \
             ON CONFLICT(name) DO UPDATE SET failures = $2, locked_until = $3",
        )
        .bind(name)
        .bind(if locked { 0 } else { failures })
        .bind(until)
        .execute(&state.db)
        .await?;
        if locked {
            audit::record(
                &state.db,
                Audit {
                    actor: name,
                    action: "login.lock",
                    target: name,
                    client: &client,
                    success: true,
                    detail: &format!(
                        "{LOCK_AFTER} failures in a row; locked for {} minutes",
                        LOCK_SECS / 60
                    ),
                },
            )
            .await?;
        }
        // Each failure answers more slowly: guessing gets expensive.
        let delay = crate::login_guard::delay_ms(failures, by_address);
        tokio::time::sleep(std::time::Duration::from_millis(delay)).await;
        return Err(AppError::Unauthorized(if second.is_empty() {
            "用户名或密码不正确".into()
        } else {
            "动态口令不正确或已使用过，请等下一个口令".into()
        }));
    };
    if let Some(step) = step_used {
        // Only one login may use a code, even two sent at the same moment.
        let claimed = sqlx::query(
            "UPDATE users SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $1",
        )
        .bind(step as i64)
        .bind(user_id)
        .execute(&state.db)
        .await?
        .rows_affected();
        if claimed != 1 {
            return Err(AppError::Unauthorized(
                "动态口令不正确或已使用过，请等下一个口令".into(),
            ));
        }
    }
    sqlx::query("DELETE FROM login_failures WHERE name = $1")
        .bind(name)
        .execute(&state.db)
        .await?;
    let mut raw = [0u8; 32];
    getrandom::fill(&mut raw)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("no randomness: {e}")))?;
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw);
    let now = now_secs();
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen) VALUES ($1, $2, $3, $4)",
    )
    .bind(token_hash(&token))
    .bind(user_id)
    .bind(now)
    .bind(now)
    .execute(&state.db)
    .await?;
    Ok((
        StatusCode::OK,
        [(
            header::SET_COOKIE,
            session_cookie(&state, &token, state.sessions.absolute_secs),
        )],
        Json(SessionInfo {
            name: name.to_string(),
            role: wire_role(&role),
            departments: departments_of(&departments),
            site,
            idle_seconds: state.sessions.idle_secs,
        }),
    )
        .into_response())
}

/// `GET /api/session`: who is logged in (401 when nobody).
pub async fn current(State(state): State<AppState>, clerk: Clerk) -> Json<SessionInfo> {
    Json(SessionInfo {
        role: wire_role(&clerk.role),
        name: clerk.name,
        departments: clerk.departments,
        site: clerk.site,
        idle_seconds: state.sessions.idle_secs,
    })
}

/// The stored role as the API names it.
fn wire_role(stored: &str) -> onewindow_wire::body::AccountRole {
    use onewindow_wire::body::AccountRole;
    match stored {
        "supervisor" => AccountRole::Supervisor,
        "support" => AccountRole::Support,
        "reviewer" => AccountRole::Reviewer,
        "lead" => AccountRole::Lead,
        _ => AccountRole::Clerk,
    }
}

/// `DELETE /api/session`: log out; the cookie is cleared whether or not a session was open.
pub async fn logout(
    State(state): State<AppState>,
    ConnectInfoOpt(client): ConnectInfoOpt,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    if let Some(token) = cookie_token(&headers) {
        let name: Option<String> = sqlx::query_scalar(
            "DELETE FROM sessions WHERE token_hash = $1 RETURNING (SELECT name FROM users WHERE users.id = sessions.user_id)",
        )
        .bind(token_hash(&token))
        .fetch_optional(&state.db)
        .await?;
        if let Some(name) = name {
            audit::record(
                &state.db,
                Audit {
                    actor: &name,
                    action: "logout",
                    target: "",
                    client: &client,
                    success: true,
                    detail: "",
                },
            )
            .await?;
        }
    }
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, session_cookie(&state, "", 0))],
    )
        .into_response())
}

/// The client's address, or "unknown" when the server was not started with it.
pub struct ConnectInfoOpt(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ConnectInfoOpt {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ConnectInfoOpt(client_of(&parts.extensions)))
    }
}

#[cfg(test)]
mod tests {
    use super::password_acceptable;

    #[test]
    fn short_common_or_name_passwords_are_refused() {
        assert!(password_acceptable("王敏", "short").is_err());
        assert!(password_acceptable("wangmin", "wangmin-2026-long").is_err());
        assert!(password_acceptable("王敏", "password123").is_err());
        assert!(password_acceptable("王敏", "qwertyuiop").is_err());
        assert!(password_acceptable("王敏", "woaini1314").is_err());
        assert!(password_acceptable("王敏", "correct horse").is_ok());
        assert!(password_acceptable("王敏", "onewindow-demo").is_ok());
    }
}
