//! Group commit: one writer task stores every submitted case. It takes the cases waiting
//! at that moment (up to 256), handles each inside a savepoint of one transaction, and
//! commits once — one disk flush (synchronous=FULL) for the whole group instead of one per
//! case — then answers each request. A case that fails on a server fault is rolled back to
//! its savepoint alone; its key is released, so its retry is handled afresh.

use crate::error::AppError;
use crate::AppState;
use axum::http::StatusCode;
use serde_json::Value;
use tokio::sync::{mpsc, oneshot};

/// The most cases committed together.
const MAX_GROUP: usize = 256;

/// One submitted case waiting to be stored.
pub struct Job {
    /// The Idempotency-Key.
    pub key: String,
    /// SHA-256 of the body, hex.
    pub hash: String,
    /// The request body.
    pub body: axum::body::Bytes,
    /// Who received it and when, by the session and the server's clock.
    pub by: onewindow_core::case::Recorder,
    reply: oneshot::Sender<Result<(StatusCode, Value), AppError>>,
}

/// The way to the writer task, and the keys it has not answered yet.
#[derive(Clone)]
pub struct Writer(
    mpsc::Sender<Job>,
    std::sync::Arc<std::sync::Mutex<std::collections::HashSet<String>>>,
);

/// A key waiting for its answer; forgotten when dropped.
struct Waiting<'a>(
    &'a std::sync::Mutex<std::collections::HashSet<String>>,
    String,
);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        if let Ok(mut keys) = self.0.lock() {
            keys.remove(&self.1);
        }
    }
}

/// The writer's receiving end, until [`start`] hands it to the task.
pub struct Inbox(mpsc::Receiver<Job>);

/// A writer and its inbox.
pub fn channel() -> (Writer, Inbox) {
    let (tx, rx) = mpsc::channel(4096);
    (Writer(tx, Default::default()), Inbox(rx))
}

impl Writer {
    /// Hands a case to the writer and waits for its answer.
    pub async fn submit(
        &self,
        key: String,
        hash: String,
        body: axum::body::Bytes,
        by: onewindow_core::case::Recorder,
    ) -> Result<(StatusCode, Value), AppError> {
        // A retry while the first request with its key still waits gets 409 at once.
        let first = self
            .1
            .lock()
            .map(|mut k| k.insert(key.clone()))
            .unwrap_or(true);
        if !first {
            return Err(AppError::Conflict(
                "the first request with this Idempotency-Key is still being handled; retry shortly"
                    .into(),
            ));
        }
        // Removed however this ends, even if the client goes away mid-request.
        let _waiting = Waiting(&self.1, key.clone());
        self.send(key, hash, body, by).await
    }

    async fn send(
        &self,
        key: String,
        hash: String,
        body: axum::body::Bytes,
        by: onewindow_core::case::Recorder,
    ) -> Result<(StatusCode, Value), AppError> {
        let (reply, answer) = oneshot::channel();
        let stopped = || AppError::Internal(anyhow::anyhow!("the case writer has stopped"));
        self.0
            .send(Job {
                key,
                hash,
                body,
                by,
                reply,
            })
            .await
            .map_err(|_| stopped())?;
        answer.await.map_err(|_| stopped())?
    }
}

/// Starts the writer task on its own database connection.
pub fn start(state: AppState, Inbox(mut rx): Inbox) {
    tokio::spawn(async move {
        while let Some(first) = rx.recv().await {
            let mut group = vec![first];
            while group.len() < MAX_GROUP {
                match rx.try_recv() {
                    Ok(job) => group.push(job),
                    Err(_) => break,
                }
            }
            let answers = store_group(&state, &group).await;
            for (job, answer) in group.into_iter().zip(answers) {
                let _ = job.reply.send(answer);
            }
        }
    });
}

fn internal(e: impl std::fmt::Display) -> AppError {
    AppError::Internal(anyhow::anyhow!("{e}"))
}

/// Stores a group in one transaction; the answer of each job, in order.
async fn store_group(
    state: &AppState,
    group: &[Job],
) -> Vec<Result<(StatusCode, Value), AppError>> {
    let mut tx = match state.db.begin().await {
        Ok(tx) => tx,
        Err(e) => return group.iter().map(|_| Err(internal(&e))).collect(),
    };
    let mut answers = Vec::with_capacity(group.len());
    for job in group {
        if let Err(e) = sqlx::query("SAVEPOINT job").execute(&mut *tx).await {
            answers.push(Err(internal(e)));
            continue;
        }
        let answer =
            crate::cases::handle(state, &mut tx, &job.key, &job.hash, &job.body, &job.by).await;
        if matches!(answer, Err(AppError::Internal(_))) {
            if let Err(e) = sqlx::query("ROLLBACK TO SAVEPOINT job")
                .execute(&mut *tx)
                .await
            {
                answers.push(Err(internal(e)));
                continue;
            }
        }
        if let Err(e) = sqlx::query("RELEASE SAVEPOINT job").execute(&mut *tx).await {
            answers.push(Err(internal(e)));
            continue;
        }
        answers.push(answer);
    }
    // Nothing is acknowledged before the group is durable.
    if let Err(e) = tx.commit().await {
        tracing::error!("group commit failed: {e}");
        return group.iter().map(|_| Err(internal(&e))).collect();
    }
    answers
}
