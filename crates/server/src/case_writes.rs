//! Stores a group of re-checked submissions in one transaction, set by set: the keys
//! already answered read in one statement, the case numbers and notice numbers taken as
//! one block per sequence, the cases, notices, figures, sites and keys each written in one
//! statement (or a few, for a large group). A statement's cost is paid per group, not per
//! case. The caller commits.

use crate::batch_sql::Params;
use crate::cases::{NewCase, Prepared};
use crate::error::AppError;
use crate::facts::COLUMNS;
use crate::AppState;
use axum::http::StatusCode;
use chrono::Datelike;
use onewindow_wire::body::CaseCreated;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One submission of the group.
pub struct Submitted<'a> {
    /// Its Idempotency-Key.
    pub key: &'a str,
    /// SHA-256 of its body, hex.
    pub hash: &'a str,
    /// What storing it means.
    pub prepared: &'a Prepared,
    /// When the server received it.
    pub at: chrono::NaiveDateTime,
}

/// An answer to one submission.
pub type Answer = Result<(StatusCode, Value), AppError>;

/// Rows per multi-row statement: well under SQLite's 32,766 parameters.
const ROWS_PER_STATEMENT: usize = 200;

/// The case columns written besides the facts ([`COLUMNS`]).
const CASE_COLUMNS: [&str; 18] = [
    "number",
    "lookup_code",
    "item_code",
    "channel",
    "state",
    "applicant_name",
    "applicant_id",
    "applicant_mobile",
    "submission",
    "outcome",
    "events",
    "created_at",
    "owner",
    "site",
    "handling_body",
    "via_terminal",
    "applicant_id_hash",
    "facts_version",
];

/// Writes the group inside `tx`: the answer of each submission, in order. An error means
/// the transaction must be rolled back (the caller then tries each submission alone).
pub async fn write(
    state: &AppState,
    tx: &mut sqlx::AnyConnection,
    group: &[Submitted<'_>],
) -> Result<Vec<Answer>, AppError> {
    let known = stored_keys(state, tx, group).await?;
    // A key twice in one group (a retry queued before its first request's client went
    // away): the first is handled, the later ones are told to retry.
    let mut seen = std::collections::HashSet::new();
    let mut answers: Vec<Option<Answer>> = group
        .iter()
        .map(|s| match known.get(s.key) {
            Some(stored) => Some(earlier(s, stored)),
            None if !seen.insert(s.key) => Some(Err(AppError::Conflict(
                "the first request with this Idempotency-Key is still being handled; retry shortly"
                    .into(),
            ))),
            None => None,
        })
        .collect();

    // Number the new cases: one block per year's sequence, in the group's order.
    let fresh: Vec<usize> = (0..group.len()).filter(|i| answers[*i].is_none()).collect();
    let mut per_year: BTreeMap<i32, usize> = BTreeMap::new();
    let mut per_notice: BTreeMap<String, usize> = BTreeMap::new();
    for c in fresh.iter().flat_map(|i| cases(group[*i].prepared)) {
        *per_year.entry(c.on.year()).or_default() += 1;
        for kind in &c.notices {
            *per_notice
                .entry(crate::numbers::sequence(*kind, c.on.year()))
                .or_default() += 1;
        }
    }
    let mut next: HashMap<String, i64> = HashMap::new();
    for (year, n) in &per_year {
        let name = format!("case-{year}");
        next.insert(name.clone(), crate::numbers::take(tx, &name, *n).await?);
    }
    for (name, n) in &per_notice {
        next.insert(name.clone(), crate::numbers::take(tx, name, *n).await?);
    }
    let mut take = |name: String| {
        let slot = next.entry(name).or_insert(1);
        let seq = *slot;
        *slot += 1;
        seq
    };

    let notices_of = state.catalog.catalog.notices.as_ref();
    let mut rows: Vec<(String, &str, &NewCase)> = Vec::new();
    let mut issued = Vec::new();
    let mut created: Vec<(usize, CaseCreated)> = Vec::new();
    for &i in &fresh {
        let Prepared::Cases { lookup_code, cases } = group[i].prepared else {
            continue;
        };
        let mut stored = Vec::new();
        for c in cases {
            let year = c.on.year();
            let number = format!("{year}-{:06}", take(format!("case-{year}")));
            let notices: Vec<_> = c
                .notices
                .iter()
                .map(|&kind| {
                    let seq = take(crate::numbers::sequence(kind, year));
                    crate::numbers::notice(notices_of, kind, c.event_index, year, seq, c.on)
                })
                .collect();
            issued.extend(notices.iter().cloned().map(|n| (number.clone(), n)));
            let mut answer = c.answer.clone();
            answer.number = number.clone();
            answer.notices = notices;
            stored.push(answer);
            rows.push((number, lookup_code, c));
        }
        created.push((
            i,
            CaseCreated {
                number: stored.first().map(|c| c.number.clone()).unwrap_or_default(),
                lookup_code: lookup_code.clone(),
                cases: stored,
            },
        ));
    }

    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        insert_cases(tx, chunk).await?;
    }
    let issued: Vec<(&str, &crate::numbers::IssuedNotice)> =
        issued.iter().map(|(n, i)| (n.as_str(), i)).collect();
    for chunk in issued.chunks(ROWS_PER_STATEMENT) {
        crate::numbers::insert(tx, chunk).await?;
    }
    let numbers: Vec<String> = rows.iter().map(|(n, _, _)| n.clone()).collect();
    let tables = rows
        .iter()
        .fold(crate::figures::Tables::default(), |t, (_, _, c)| {
            crate::figures::Tables {
                intake: t.intake || c.counts_in.intake,
                decided: t.decided || c.counts_in.decided,
                evaluations: t.evaluations || c.counts_in.evaluations,
            }
        });
    for chunk in numbers.chunks(ROWS_PER_STATEMENT) {
        crate::figures::add_new(tx, chunk, tables).await?;
    }
    let sites: BTreeSet<&str> = rows
        .iter()
        .map(|(_, _, c)| c.site.as_str())
        .filter(|s| !s.is_empty())
        .collect();
    for site in sites {
        crate::facts::site_seen(tx, site).await?;
    }

    for (i, answer) in created {
        answers[i] = Some(Ok((StatusCode::CREATED, to_value(&answer)?)));
    }
    for &i in &fresh {
        if let Prepared::Refused(status, body) = group[i].prepared {
            answers[i] = Some(Ok((*status, body.clone())));
        }
    }
    remember(state, tx, group, &fresh, &answers).await?;
    let answers: Vec<Answer> = answers
        .into_iter()
        .map(|a| a.unwrap_or_else(|| Err(AppError::Internal(anyhow::anyhow!("no answer")))))
        .collect();
    tracing::info!(submissions = fresh.len(), cases = numbers.len(), "stored");
    Ok(answers)
}

fn cases(p: &Prepared) -> &[NewCase] {
    match p {
        Prepared::Cases { cases, .. } => cases,
        Prepared::Refused(..) => &[],
    }
}

fn to_value<T: serde::Serialize>(answer: &T) -> Result<Value, AppError> {
    serde_json::to_value(answer).map_err(|e| AppError::Internal(e.into()))
}

/// A key's stored row: its body's hash and the answer it got (none while a server of an
/// older version is still handling it).
struct StoredKey {
    hash: String,
    answer: Option<(i64, String)>,
}

/// The group's keys that already have a row.
async fn stored_keys(
    state: &AppState,
    tx: &mut sqlx::AnyConnection,
    group: &[Submitted<'_>],
) -> Result<HashMap<String, StoredKey>, AppError> {
    let sql = format!(
        "SELECT key, request_hash, status, response FROM idempotency_keys WHERE key IN ({})",
        Params::of(tx).list(1, group.len())
    );
    let mut q = sqlx::query_as::<_, (String, String, Option<i64>, Option<String>)>(&sql)
        .persistent(group.len() == 1);
    for s in group {
        q = q.bind(s.key);
    }
    let mut known = HashMap::new();
    for (key, hash, status, response) in q.fetch_all(&mut *tx).await? {
        let answer = match (status, response) {
            (Some(status), Some(sealed)) => Some((
                status,
                state
                    .vault
                    .open(&sealed)
                    .map_err(|e| AppError::Internal(e.context("a stored answer")))?,
            )),
            _ => None,
        };
        known.insert(key, StoredKey { hash, answer });
    }
    Ok(known)
}

/// The answer to a submission whose key has a row: the stored answer for the same body.
fn earlier(s: &Submitted<'_>, stored: &StoredKey) -> Answer {
    if stored.hash != s.hash {
        return Err(AppError::Unprocessable {
            message:
                "this Idempotency-Key was used with a different case: use a new key for a new case"
                    .into(),
            fields: vec![],
        });
    }
    let Some((status, response)) = &stored.answer else {
        return Err(AppError::Conflict(
            "the first request with this Idempotency-Key is still being handled; retry shortly"
                .into(),
        ));
    };
    let status = StatusCode::from_u16(*status as u16).unwrap_or(StatusCode::OK);
    Ok((
        status,
        serde_json::from_str(response).unwrap_or(Value::Null),
    ))
}

/// Inserts case rows with their facts (current: counted by `figures::add_new`).
async fn insert_cases(
    tx: &mut sqlx::AnyConnection,
    rows: &[(String, &str, &NewCase)],
) -> Result<(), sqlx::Error> {
    let columns: Vec<&str> = CASE_COLUMNS.iter().chain(COLUMNS.iter()).copied().collect();
    let sql = format!(
        "INSERT INTO cases ({}) VALUES {}",
        columns.join(", "),
        Params::of(tx).rows(rows.len(), columns.len())
    );
    let mut q = sqlx::query(&sql).persistent(rows.len() == 1);
    for (number, lookup_code, c) in rows {
        q = q
            .bind(number.clone())
            .bind(lookup_code.to_string())
            .bind(c.item_code.clone())
            .bind(c.channel)
            .bind(c.state)
            .bind(c.sealed[0].clone())
            .bind(c.sealed[1].clone())
            .bind(c.sealed[2].clone())
            .bind(c.sealed[3].clone())
            .bind(c.outcome.clone())
            .bind(c.events.clone())
            .bind(c.created_at.clone())
            .bind(c.owner.clone())
            .bind(c.site.clone())
            .bind(c.handling_body.clone())
            .bind(i64::from(c.via_terminal))
            .bind(c.id_hash.clone())
            .bind(crate::facts::VERSION);
        q = c.facts.bind(q);
    }
    q.execute(&mut *tx).await?;
    Ok(())
}

/// Remembers the answers of the new keys (sealed: they may name the applicant). A key
/// another server stored meanwhile fails the statement, and the group is tried again.
async fn remember(
    state: &AppState,
    tx: &mut sqlx::AnyConnection,
    group: &[Submitted<'_>],
    fresh: &[usize],
    answers: &[Option<Answer>],
) -> Result<(), AppError> {
    for chunk in fresh.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "INSERT INTO idempotency_keys (key, request_hash, status, response, created_at) VALUES {}",
            Params::of(tx).rows(chunk.len(), 5)
        );
        let mut q = sqlx::query(&sql).persistent(chunk.len() == 1);
        for &i in chunk {
            let Some(Ok((status, body))) = &answers[i] else {
                return Err(AppError::Internal(anyhow::anyhow!(
                    "a new key has no answer"
                )));
            };
            q = q
                .bind(group[i].key.to_string())
                .bind(group[i].hash.to_string())
                .bind(i64::from(status.as_u16()))
                .bind(state.vault.seal(&body.to_string()))
                .bind(group[i].at.to_string());
        }
        q.execute(&mut *tx).await?;
    }
    Ok(())
}
