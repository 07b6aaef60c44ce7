//! Group commit: one writer task stores every submitted case. It takes the submissions
//! waiting at that moment (up to 256), writes them together in one transaction
//! (`case_writes.rs`: a few statements for the whole group) and commits once — one disk
//! flush (synchronous=FULL) for the group instead of one per case — then answers each
//! request. When a group fails, each of its submissions is tried alone, so one cannot fail
//! the others; the re-check was done before, on the request's own worker (`cases.rs`).

use crate::case_writes::{Answer, Submitted};
use crate::cases::Prepared;
use crate::error::AppError;
use crate::AppState;
use tokio::sync::{mpsc, oneshot};

/// The most submissions committed together.
const MAX_GROUP: usize = 256;

/// One submission waiting to be stored.
pub struct Job {
    /// The Idempotency-Key.
    key: String,
    /// SHA-256 of the body, hex.
    hash: String,
    /// The re-checked submission.
    prepared: Prepared,
    /// When the server received it.
    at: chrono::NaiveDateTime,
    reply: oneshot::Sender<Answer>,
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
    /// Hands a submission received `at` to the writer and waits for its answer.
    pub async fn submit(
        &self,
        key: String,
        hash: String,
        prepared: Prepared,
        at: chrono::NaiveDateTime,
    ) -> Answer {
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
        let (reply, answer) = oneshot::channel();
        let stopped = || AppError::Internal(anyhow::anyhow!("the case writer has stopped"));
        self.0
            .send(Job {
                key,
                hash,
                prepared,
                at,
                reply,
            })
            .await
            .map_err(|_| stopped())?;
        answer.await.map_err(|_| stopped())?
    }
}

/// Starts the writer task.
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

/// Stores a group in one transaction, or, if that fails, each submission alone (twice at
/// most: a key another server stored meanwhile is found the second time); the answer of
/// each job, in order.
async fn store_group(state: &AppState, group: &[Job]) -> Vec<Answer> {
    let all: Vec<Submitted<'_>> = group.iter().map(submitted).collect();
    match in_transaction(state, &all).await {
        Ok(answers) => answers,
        Err(e) => {
            tracing::warn!("a group of {} failed, storing each alone: {e:?}", all.len());
            let mut answers = Vec::with_capacity(all.len());
            for one in all.chunks(1) {
                let answer = match in_transaction(state, one).await {
                    Ok(mut a) => a.remove(0),
                    Err(_) => match in_transaction(state, one).await {
                        Ok(mut a) => a.remove(0),
                        Err(e) => Err(e),
                    },
                };
                answers.push(answer);
            }
            answers
        }
    }
}

fn submitted(job: &Job) -> Submitted<'_> {
    Submitted {
        key: &job.key,
        hash: &job.hash,
        prepared: &job.prepared,
        at: job.at,
    }
}

/// Writes submissions in one transaction; nothing is acknowledged before it is durable.
async fn in_transaction(
    state: &AppState,
    group: &[Submitted<'_>],
) -> Result<Vec<Answer>, AppError> {
    let mut tx = crate::db::begin_write(&state.db).await?;
    let answers = crate::case_writes::write(state, &mut tx, group).await?;
    tx.commit().await?;
    Ok(answers)
}
